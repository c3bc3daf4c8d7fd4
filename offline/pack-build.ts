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
import { transpileTree } from "./transpile-tree";

const BUILD_DIR = ".offline-build";

/** Builds (if stale) and returns the directory of the runnable JavaScript copy of the pack. */
export function buildPack(packDir: string): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as Record<string, unknown>;
    return transpileTree({
        srcDir: packDir,
        outDir: path.join(packDir, BUILD_DIR),
        entries: ["."],
        skip: [BUILD_DIR, "test-fixtures"],
        alsoWatch: ["PulumiPolicy.yaml", "package.json"],
        extraFiles: {
            "PulumiPolicy.yaml": fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8"),
            "package.json": `${JSON.stringify({ ...pkg, main: "index.js" }, null, 2)}\n`,
        },
    });
}
