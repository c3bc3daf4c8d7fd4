import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "../../policy-pack/node_modules/@pulumi/policy";
import { policies, resourcePolicies, stackPolicies } from "../../policy-pack/policies";
import { analyze, analyzeStack, PACK_DIR, StackFixture } from "./helpers";
import { peeringStack, tgwStack } from "./fixtures";

/** Runs every resource policy on every resource of a built fixture, as Analyze would. */
function analyzeAll(f: StackFixture, preview: boolean) {
    const out: { policy: string; resource: string; message: string }[] = [];
    for (const r of f.build({ preview })) {
        for (const p of resourcePolicies as ResourceValidationPolicy[]) {
            const o = analyze(p, r.type, JSON.parse(JSON.stringify(snapshotRaw(r.props))), { name: r.name, provider: r.provider ?? null });
            o.violations.forEach((v) => out.push({ policy: p.name, resource: r.name, message: v.message }));
            if (o.deferred) {
                out.push({ policy: p.name, resource: r.name, message: `deferred: ${o.deferred}` });
            }
        }
    }
    return out;
}

/** The plain target behind @pulumi/policy's proxy (its `get` trap hands it out under this key). */
function snapshotRaw(props: unknown): unknown {
    return (props as Record<string, unknown>)["__getSpecialProxyTarget"];
}

describe("policy pack", () => {
    it("has unique kebab-case names and the documented levels", () => {
        const names = policies.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length);
        for (const p of policies) {
            assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(p.description.length > 0);
            const category = (p.tags ?? [])[0];
            assert.ok(["security", "topology", "hygiene"].includes(category ?? ""), `${p.name} has no category tag`);
            assert.strictEqual(p.enforcementLevel, category === "hygiene" ? "advisory" : "mandatory", p.name);
            assert.ok(p.severity, `${p.name} has no severity`);
        }
        assert.strictEqual(policies.length, resourcePolicies.length + stackPolicies.length);
    });

    it("the barrel is importable without side effects: @pulumi/policy is not even loaded", () => {
        const loaded = Object.keys(require.cache).filter(
            (k) => k.includes(`${path.sep}@pulumi${path.sep}policy${path.sep}`) && !k.endsWith(`${path.sep}proxy.js`),
        );
        assert.deepStrictEqual(loaded, []);
    });

    it("only index.ts constructs the PolicyPack", () => {
        const sources = (dir: string): string[] =>
            fs
                .readdirSync(dir, { withFileTypes: true })
                .flatMap((e) =>
                    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
                );
        const constructing = [
            ...sources(path.join(PACK_DIR, "policies")),
            ...sources(path.join(PACK_DIR, "lib")),
            path.join(PACK_DIR, "index.ts"),
        ].filter((f) => /new PolicyPack\(/.test(fs.readFileSync(f, "utf8")));
        assert.deepStrictEqual(constructing, [path.join(PACK_DIR, "index.ts")]);
        assert.match(fs.readFileSync(path.join(PACK_DIR, "index.ts"), "utf8"), /new PolicyPack\("landing-zone"/);
    });

    it("every config property declares its default", () => {
        for (const p of policies) {
            for (const [key, s] of Object.entries(p.configSchema?.properties ?? {})) {
                assert.ok(typeof s === "object" && "default" in s, `${p.name}.${key} has no default`);
            }
        }
    });

    for (const [label, build] of [
        ["peering", peeringStack],
        ["transit gateway", tgwStack],
    ] as const) {
        for (const preview of [false, true]) {
            const mode = preview ? "preview (unknown ids)" : "update";
            it(`the compliant ${label} stack passes every stack policy (${mode})`, () => {
                const resources = build().build({ preview });
                for (const p of stackPolicies as StackValidationPolicy[]) {
                    const o = analyzeStack(p, resources);
                    assert.deepStrictEqual(
                        o.violations.map((v) => v.message),
                        [],
                        p.name,
                    );
                    assert.strictEqual(o.deferred, undefined, p.name);
                }
            });
            it(`the compliant ${label} stack passes every resource policy (${mode})`, () => {
                assert.deepStrictEqual(analyzeAll(build(), preview), []);
            });
        }
    }
});
