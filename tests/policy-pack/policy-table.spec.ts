import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy-pack/policies";
import { between, controlsOf, generatedFiles, MARKERS, renderPolicyTable, replaceBetween } from "../../policy-pack/tools/policy-table";

const ROOT = path.resolve(__dirname, "..", "..");

/** The table's rows as { policy -> cells }. */
function rows(table: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const line of table.split("\n").slice(2)) {
        const cells = line
            .split(/(?<!\\)\|/)
            .slice(1, -1)
            .map((c) => c.trim());
        out.set(cells[0].replace(/`/g, ""), cells);
    }
    return out;
}

describe("generated policy tables (README.md and policy-pack/README.md)", () => {
    for (const { file, blocks } of generatedFiles(ROOT)) {
        for (const { markers, body } of blocks) {
            it(`${path.relative(ROOT, file)} ${markers.begin.replace(/<!-- BEGIN GENERATED: (.*) -->/, "$1")} matches the pack's metadata (else run npm run docs:policy-table)`, () => {
                const current = between(fs.readFileSync(file, "utf8"), markers);
                assert.ok(current !== undefined, `${file} has no ${markers.begin} … ${markers.end} block`);
                assert.strictEqual(current, body, `${path.relative(ROOT, file)} is out of date: run npm run docs:policy-table`);
            });
        }
    }

    it("lists every policy exactly once, with its kind, level, severity and description", () => {
        const table = rows(renderPolicyTable(policies));
        assert.deepStrictEqual([...table.keys()].sort(), policies.map((p) => p.name).sort());
        for (const p of policies) {
            const [, kind, level, severity, , description] = table.get(p.name) as string[];
            assert.strictEqual(kind, "validateResource" in p ? "resource" : "stack", p.name);
            assert.strictEqual(level, p.enforcementLevel, p.name);
            assert.strictEqual(severity, p.severity, p.name);
            assert.strictEqual(description, p.description, p.name);
        }
    });

    it("maps control tags to frameworks and rejects an unknown framework", () => {
        assert.strictEqual(
            controlsOf({
                name: "x",
                description: "",
                tags: ["security", "aws-fsbp:EC2.2", "cis-aws-3.0.0:5.4", "checkov:CKV2_AWS_12", "aws-fsbp:EC2.6"],
            }),
            "Security Hub EC2.2, EC2.6; CIS AWS 3.0.0 5.4; Checkov CKV2_AWS_12",
        );
        assert.strictEqual(controlsOf({ name: "x", description: "", tags: ["hygiene"] }), "—");
        assert.throws(
            () => controlsOf({ name: "x", description: "", tags: ["security", "nist:AC-4"] }),
            /x: tag "nist:AC-4" names no known framework/,
        );
    });

    it("every policy's control tags name known frameworks (the generator would throw otherwise)", () => {
        for (const p of policies) {
            assert.doesNotThrow(() => controlsOf(p), p.name);
        }
    });

    it("replaces only the block between the markers, and fails loudly when they are missing", () => {
        const text = `before\n${MARKERS.table.begin}\nold\n${MARKERS.table.end}\nafter\n`;
        assert.strictEqual(
            replaceBetween(text, MARKERS.table, "new", "f.md"),
            `before\n${MARKERS.table.begin}\nnew\n${MARKERS.table.end}\nafter\n`,
        );
        assert.throws(
            () => replaceBetween("no markers", MARKERS.table, "new", "f.md"),
            /f\.md: missing <!-- BEGIN GENERATED: policy-table -->/,
        );
    });
});
