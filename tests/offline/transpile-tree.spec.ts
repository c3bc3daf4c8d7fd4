import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { transpileTree } from "../../offline/transpile-tree";

describe("offline/transpile-tree (npm start's and the pack's JavaScript copies)", () => {
    let src: string;
    let out: string;
    const build = (): string => transpileTree({ srcDir: src, outDir: out, entries: ["index.ts", "lib"], skip: ["fixtures"], alsoWatch: ["settings.json"] });
    const stampTime = (): number => fs.statSync(path.join(out, ".built")).mtimeMs;
    const age = (file: string, secondsAgo: number): void => {
        const t = new Date(Date.now() - secondsAgo * 1000);
        fs.utimesSync(file, t, t);
    };

    beforeEach(() => {
        src = fs.mkdtempSync(path.join(os.tmpdir(), "lz-tree-"));
        out = path.join(src, ".build");
        fs.mkdirSync(path.join(src, "lib", "fixtures"), { recursive: true });
        fs.writeFileSync(path.join(src, "index.ts"), 'import { two } from "./lib/two";\nexport const answer: number = two() * 21;\n');
        fs.writeFileSync(path.join(src, "lib", "two.ts"), "export function two(): number {\n    return 2;\n}\n");
        fs.writeFileSync(path.join(src, "lib", "plain.js"), "module.exports = 'copied as is';\n");
        fs.writeFileSync(path.join(src, "lib", "types.d.ts"), "export type T = number;\n");
        fs.writeFileSync(path.join(src, "lib", "fixtures", "skipped.ts"), "export const x = 1;\n");
        fs.writeFileSync(path.join(src, "settings.json"), "{}\n");
        for (const f of ["index.ts", "lib/two.ts", "lib/plain.js", "settings.json"]) {
            age(path.join(src, f), 60);
        }
    });

    afterEach(() => {
        fs.rmSync(src, { recursive: true, force: true });
    });

    it("transpiles the entries to runnable CommonJS, copies .js, leaves out .d.ts and skipped names", () => {
        build();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.strictEqual((require(path.join(out, "index.js")) as { answer: number }).answer, 42);
        assert.strictEqual(fs.readFileSync(path.join(out, "lib", "plain.js"), "utf8"), "module.exports = 'copied as is';\n");
        assert.ok(!fs.existsSync(path.join(out, "lib", "types.d.js")));
        assert.ok(!fs.existsSync(path.join(out, "lib", "fixtures")));
    });

    it("does nothing when the copy is up to date", () => {
        build();
        age(path.join(out, ".built"), 30);
        const before = stampTime();
        build();
        assert.strictEqual(stampTime(), before);
    });

    it("rebuilds when a source or a watched file changes, or a source is added or removed", () => {
        const edits: Array<() => void> = [
            () => fs.writeFileSync(path.join(src, "lib", "two.ts"), "export function two(): number {\n    return 3;\n}\n"),
            () => fs.writeFileSync(path.join(src, "settings.json"), '{"x": 1}\n'),
            () => {
                fs.writeFileSync(path.join(src, "lib", "new.ts"), "export const n = 1;\n");
                age(path.join(src, "lib", "new.ts"), 120); // older than the copy: caught by the file list
            },
            () => fs.rmSync(path.join(src, "lib", "new.ts")),
        ];
        build();
        for (const edit of edits) {
            age(path.join(out, ".built"), 30);
            const before = stampTime();
            edit();
            build();
            assert.ok(stampTime() > before, `not rebuilt after: ${edit.toString()}`);
        }
        assert.ok(!fs.existsSync(path.join(out, "lib", "new.js")), "a removed source leaves no stale copy");
        assert.match(fs.readFileSync(path.join(out, "lib", "two.js"), "utf8"), /return 3/);
    });
});
