/**
 * A transpiled copy of the policy pack for the offline plan.
 *
 * `run-policy-pack` type-checks a TypeScript pack with ts-node at every launch (seconds, and the plan
 * launches the pack twice); a pack whose package.json `main` is JavaScript starts in about a second.
 * Type checking is the job of `npm run typecheck`, so the plan launches a transpile-only copy built
 * inside the pack folder (so that `@pulumi/policy` still resolves from the pack's node_modules) and
 * rebuilt whenever a source file is newer than the copy.
 */
import * as fs from "fs";
import * as path from "path";
import type * as TypeScript from "typescript";

const BUILD_DIR = ".offline-build";

function sources(dir: string, root: string, out: string[] = []): string[] {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "node_modules" || entry.name === BUILD_DIR || entry.name === "test-fixtures" || entry.name.startsWith(".")) {
            continue;
        }
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            sources(full, root, out);
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            out.push(path.relative(root, full));
        }
    }
    return out;
}

/** Builds (if stale) and returns the directory of the runnable JavaScript copy of the pack. */
export function buildPack(packDir: string): string {
    const outDir = path.join(packDir, BUILD_DIR);
    const files = sources(packDir, packDir).sort();
    const stamp = path.join(outDir, "package.json");
    const newest = Math.max(
        ...files.map((f) => fs.statSync(path.join(packDir, f)).mtimeMs),
        fs.statSync(path.join(packDir, "PulumiPolicy.yaml")).mtimeMs,
        fs.statSync(path.join(packDir, "package.json")).mtimeMs,
    );
    if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newest) {
        return outDir;
    }
    fs.rmSync(outDir, { recursive: true, force: true });
    // Loaded only to rebuild: loading the compiler costs about half a second.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof TypeScript;
    for (const f of files) {
        const src = fs.readFileSync(path.join(packDir, f), "utf8");
        const js = ts.transpileModule(src, {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
            fileName: f,
        }).outputText;
        const dest = path.join(outDir, f.replace(/\.ts$/, ".js"));
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, js);
    }
    fs.copyFileSync(path.join(packDir, "PulumiPolicy.yaml"), path.join(outDir, "PulumiPolicy.yaml"));
    const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(stamp, `${JSON.stringify({ ...pkg, main: "index.js" }, null, 2)}\n`);
    return outDir;
}
