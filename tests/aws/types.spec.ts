import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { COMPONENT_TYPES, T } from "../../components/aws/types";
import { T as PACK_T } from "../../policy-pack/lib/types";
import { planFor } from "../helpers/plan";
import { SERVICE_OVER_PEERING, TGW_SEGMENT } from "../helpers/scenarios";

const ROOT = path.resolve(__dirname, "..", "..");

/** The @pulumi/aws class a token names (`aws:ec2/vpc:Vpc` -> aws.ec2.Vpc), or undefined. */
function sdkClass(token: string): { __pulumiType?: string } | undefined {
    const m = /^aws:([a-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(token);
    const mod = m ? (aws as unknown as Record<string, Record<string, { __pulumiType?: string }> | undefined>)[m[1]] : undefined;
    return m && mod ? mod[m[2]] : undefined;
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
    });
}

describe("components/aws/types (the type-token table)", () => {
    it("spells every AWS token exactly as its @pulumi/aws class declares it", () => {
        for (const [key, token] of Object.entries(T)) {
            if (key === "provider") {
                assert.equal(token, `pulumi:providers:${(aws.Provider as unknown as { __pulumiType: string }).__pulumiType}`);
                continue;
            }
            const cls = sdkClass(token);
            assert.ok(cls, `T.${key} = ${token}: no such class in @pulumi/aws`);
            assert.equal(cls.__pulumiType, token, `T.${key}`);
        }
    });

    it("has an entry for every @pulumi/aws resource class the components construct", () => {
        const tokens = new Set<string>(Object.values(T));
        const constructed = new Set<string>();
        for (const file of sourceFiles(path.join(ROOT, "components"))) {
            for (const m of fs.readFileSync(file, "utf8").matchAll(/new aws\.([a-z0-9]+)\.([A-Za-z0-9]+)\(/g)) {
                const mod = (aws as unknown as Record<string, Record<string, { __pulumiType?: string }>>)[m[1]];
                const token = mod?.[m[2]]?.__pulumiType;
                assert.ok(token, `${path.relative(ROOT, file)}: aws.${m[1]}.${m[2]} has no __pulumiType`);
                constructed.add(token);
            }
        }
        assert.ok(constructed.size > 20, `precondition: the scan finds the components' resources (${constructed.size})`);
        assert.deepEqual([...constructed].filter((t) => !tokens.has(t)).sort(), []);
    });

    it("names the same token under the same key as the policy pack's own copy", () => {
        // The pack keeps its copy (it is published on its own); a key both tables have must mean the same type.
        for (const [key, token] of Object.entries(PACK_T)) {
            assert.equal((T as Record<string, string>)[key], token, `policy-pack/lib/types.ts T.${key}`);
        }
    });

    it("lists exactly the component types the components pass to super()", () => {
        const byKey = COMPONENT_TYPES as Record<string, string>;
        const used = new Set<string>();
        for (const file of sourceFiles(path.join(ROOT, "components"))) {
            for (const m of fs.readFileSync(file, "utf8").matchAll(/super\(\s*(?:"(landing-zone:[^"]+)"|COMPONENT_TYPES\.(\w+))/g)) {
                const token = m[1] ?? byKey[m[2]];
                assert.ok(token, `${path.relative(ROOT, file)}: COMPONENT_TYPES.${m[2]} does not exist`);
                used.add(token);
            }
        }
        assert.ok(used.size >= 8, `precondition: the scan finds the components (${[...used].join(", ")})`);
        assert.deepEqual([...used].sort(), Object.values(COMPONENT_TYPES).sort());
    });

    it("gives every component a run registers a token from the table", async () => {
        const known = new Set<string>(Object.values(COMPONENT_TYPES));
        for (const config of [SERVICE_OVER_PEERING, TGW_SEGMENT]) {
            const components = (await planFor(config)).resources.filter((r) => !r.custom && r.type !== T.provider);
            assert.ok(components.length > 5, "precondition: the run registers components");
            assert.deepEqual([...new Set(components.map((r) => r.type).filter((t) => !known.has(t)))], []);
        }
    });
});
