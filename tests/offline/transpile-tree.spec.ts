import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { transpileTree } from "../../offline/transpile-tree";

describe("offline/transpile-tree (npm start's and the pack's JavaScript copies)", () => {
    let src: string;
    let out: string;
    let copy = "";
    const build = (): string => {
        copy = transpileTree({ srcDir: src, outDir: out, entries: ["index.ts", "lib"], skip: ["fixtures"], alsoWatch: ["settings.json"] });
        return copy;
    };
    const stampTime = (): number => fs.statSync(path.join(copy, ".built")).mtimeMs;
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
        assert.strictEqual((require(path.join(copy, "index.js")) as { answer: number }).answer, 42);
        assert.strictEqual(fs.readFileSync(path.join(copy, "lib", "plain.js"), "utf8"), "module.exports = 'copied as is';\n");
        assert.ok(!fs.existsSync(path.join(copy, "lib", "types.d.js")));
        assert.ok(!fs.existsSync(path.join(copy, "lib", "fixtures")));
    });

    it("does nothing when the copy is up to date", () => {
        const first = build();
        const before = stampTime();
        assert.strictEqual(build(), first);
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
        let previous = build();
        for (const edit of edits) {
            edit();
            const next = build();
            assert.notStrictEqual(next, previous, `not rebuilt after: ${edit.toString()}`);
            previous = next;
        }
        // Removing the added file returns to an earlier source state: its copy is reused, and correct.
        assert.ok(!fs.existsSync(path.join(copy, "lib", "new.js")), "a removed source leaves no stale copy");
        assert.match(fs.readFileSync(path.join(copy, "lib", "two.js"), "utf8"), /return 3/);
    });

    it("never changes a copy in use: concurrent builds of a new state all end on one complete copy", async () => {
        const old = build();
        fs.writeFileSync(path.join(src, "lib", "two.ts"), "export function two(): number {\n    return 4;\n}\n");
        // Four processes build the same new state at once (the race two `npm start`s used to lose).
        const script = `require(${JSON.stringify(path.resolve(__dirname, "../../offline/transpile-tree.js"))}).transpileTree(${JSON.stringify(
            {
                srcDir: src,
                outDir: out,
                entries: ["index.ts", "lib"],
                skip: ["fixtures"],
                alsoWatch: ["settings.json"],
            },
        )}) && process.stdout.write("ok")`;
        const { execFile } = await import("child_process");
        const results = await Promise.all(
            [1, 2, 3, 4].map(
                () =>
                    new Promise<string>((resolve, reject) =>
                        execFile(process.execPath, ["-e", script], (e, out) => (e ? reject(e) : resolve(out))),
                    ),
            ),
        );
        assert.deepStrictEqual(results, ["ok", "ok", "ok", "ok"]);
        const fresh = build();
        assert.notStrictEqual(fresh, old);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.strictEqual((require(path.join(fresh, "index.js")) as { answer: number }).answer, 84);
        // The older copy a running start may still read is intact; no half-built directory is left.
        assert.ok(fs.existsSync(path.join(old, "lib", "two.js")));
        assert.deepStrictEqual(
            fs.readdirSync(out).filter((n) => n.startsWith(".")),
            [],
        );
    });

    it("prunes copies unused for an hour, keeps recent ones", () => {
        const old = build();
        age(path.join(old, ".used"), 2 * 3600);
        fs.writeFileSync(path.join(src, "lib", "two.ts"), "export function two(): number {\n    return 5;\n}\n");
        const fresh = build();
        assert.ok(!fs.existsSync(old), "an hour-old copy is removed");
        fs.writeFileSync(path.join(src, "lib", "two.ts"), "export function two(): number {\n    return 6;\n}\n");
        build();
        assert.ok(fs.existsSync(fresh), "a copy used a moment ago stays");
    });
});
