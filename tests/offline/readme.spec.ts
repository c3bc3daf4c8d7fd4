import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderMermaid } from "../../offline/diagram";
import { runProgram } from "../../offline/program";
import { readStackFile } from "../../offline/stack-config";

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README", () => {
    it("opens with the two newcomer commands, and both exist", () => {
        const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
        const lines = firstBlock.split("\n").filter(Boolean);
        assert.match(lines[0], /^npm ci && npm start\b/);
        assert.match(lines[1], /^npm test\b/);
        assert.ok(README.indexOf("```sh") < 40, "the commands are the README's first lines");
        const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
            .scripts;
        assert.ok(scripts.start && scripts.test);
    });

    it("embeds the dev stack's diagram exactly as the plan draws it", async () => {
        const m = /<!-- diagram:dev:start -->\n```mermaid\n([\s\S]*?)```\n<!-- diagram:dev:end -->/.exec(README);
        assert.ok(m, "README has the diagram markers");
        const stack = readStackFile(path.join(ROOT, "Pulumi.dev.yaml"));
        const run = await runProgram({ project: "landing-zone", stack: "dev", config: stack.config });
        const expected = renderMermaid(run.resources);
        assert.equal(m[1], expected, "README diagram is stale: run `npm start -- --diagram d.mmd` and paste d.mmd between the markers");
    });

    it("documents every config key the schema accepts", async () => {
        const { CONFIG_KEYS } = await import("../../components/config/schema");
        for (const key of CONFIG_KEYS) {
            assert.ok(README.includes(`\`${key}`), `README configuration reference mentions ${key}`);
        }
    });
});
