/**
 * The README's configuration reference is generated from the schemas (components/config/docs.ts) and
 * must not drift from them; the defaults it shows are the ones validation applies.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { DEFAULT_INTERFACE_SERVICES } from "../../components/aws/endpoint-services";
import {
    CONFIG_REFERENCE,
    configReferenceRows,
    generatedSection,
    referenceRows,
    renderConfigReference,
    replaceGenerated,
} from "../../components/config/docs";
import { field } from "../../components/config/field";
import { CONFIG_KEYS, QUOTA_DEFAULTS } from "../../components/config/schema";
import { expectValid } from "../helpers/config";

const README = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");

/** The value at a reference key (`hub.region`) of a parsed config; undefined through lists and maps. */
function valueAt(config: unknown, key: string): unknown {
    let v: unknown = config;
    for (const part of key.split(".")) {
        if (part.endsWith("[]") || part.startsWith("<") || v === null || typeof v !== "object") {
            return undefined;
        }
        v = (v as Record<string, unknown>)[part];
    }
    return v;
}

describe("config reference (README, generated from the schemas)", () => {
    it("is in the README between its markers exactly as the schemas render it", () => {
        const section = generatedSection(README, CONFIG_REFERENCE);
        assert.ok(section !== undefined, "README has the config-reference markers");
        assert.equal(section, renderConfigReference(), "README configuration reference is stale: run `npm run docs`");
    });

    it("documents every top-level key the namespace accepts and every quota", () => {
        const keys = configReferenceRows().map((r) => r.key);
        for (const k of CONFIG_KEYS) {
            assert.ok(
                keys.some((r) => r === k || r.startsWith(`${k}.`) || r.startsWith(`${k}[]`)),
                `no row for ${k}`,
            );
        }
        for (const q of Object.keys(QUOTA_DEFAULTS)) {
            assert.ok(keys.includes(`quotas.${q}`), `no row for quotas.${q}`);
        }
        assert.strictEqual(new Set(keys).size, keys.length, "every key has one row");
    });

    it("shows as default the value validation fills in, for every field a minimal config leaves out", () => {
        const minimal = expectValid({ hub: { cidr: "10.0.0.0/16" }, endpointService: { name: "orders-api" } });
        let compared = 0;
        for (const r of configReferenceRows()) {
            const m = /^`([^`]*)`$/.exec(r.default);
            const v = valueAt(minimal, r.key);
            if (!m || v === undefined) {
                continue;
            }
            const shown = Array.isArray(v) ? `[${v.join(", ")}]` : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
            assert.strictEqual(m[1], shown, `${r.key}: the reference says ${r.default}, validation gives ${JSON.stringify(v)}`);
            compared++;
        }
        assert.ok(compared >= 15, `compared only ${compared} defaults`);
    });

    it("lists the default interface endpoints validation applies", () => {
        const row = configReferenceRows().find((r) => r.key === "hub.interfaceEndpoints");
        assert.deepStrictEqual(
            row?.default.split(", ").map((s) => s.replace(/`/g, "")),
            [...DEFAULT_INTERFACE_SERVICES],
        );
    });

    it("marks fields without a default as required, optional ones with a dash", () => {
        const byKey = new Map(configReferenceRows().map((r) => [r.key, r]));
        assert.strictEqual(byKey.get("hub.cidr")?.default, "required");
        assert.strictEqual(byKey.get("spokes[].name")?.default, "required");
        assert.strictEqual(byKey.get("accountId")?.default, "—");
        assert.strictEqual(byKey.get("endpointService.privateDnsName")?.default, "—");
    });

    it("refuses a field without a doc, naming it", () => {
        const schema = z.object({ documented: field(z.string(), { doc: "has one" }), bare: z.number() });
        assert.throws(() => referenceRows("unit", schema), /config field unit\.bare has no doc/);
    });

    it("rewrites only the text between a section's markers", () => {
        const doc = "intro\n<!-- BEGIN GENERATED: x -->\nold\n<!-- END GENERATED: x -->\noutro\n";
        const out = replaceGenerated(doc, "x", "new\n");
        assert.strictEqual(out, "intro\n<!-- BEGIN GENERATED: x -->\nnew\n<!-- END GENERATED: x -->\noutro\n");
        assert.strictEqual(generatedSection(out, "x"), "new\n");
        assert.throws(() => replaceGenerated("no markers", "x", "new\n"), /markers/);
    });
});
