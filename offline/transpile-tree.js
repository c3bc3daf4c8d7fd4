"use strict";
/**
 * Transpiled (JavaScript) copies of TypeScript trees, rebuilt only when a source is newer than the copy.
 *
 * Used by `npm start` (offline/start.js: the plan runs from `.offline-build/` at the project root) and by
 * the plan's copy of the policy pack (offline/pack-build.ts). Transpile only, like ts-node's
 * transpile-only mode: type checking is `npm run typecheck`'s job. On an up-to-date copy the
 * TypeScript compiler is not even loaded (that and transpiling are about a second of a plan's start).
 *
 * Plain JavaScript so that the starter can use it before any TypeScript hook exists; types are in
 * transpile-tree.d.ts.
 */
const fs = require("fs");
const path = require("path");

const STAMP = ".built";

/** Relative paths of the .ts sources (not .d.ts) and plain .js files under `entries` of `root`, sorted. */
function listSources(root, entries, skip) {
    const out = [];
    const walk = (rel) => {
        const full = path.join(root, rel);
        const stat = fs.statSync(full);
        if (stat.isDirectory()) {
            for (const name of fs.readdirSync(full)) {
                if (name === "node_modules" || name.startsWith(".") || skip.includes(name)) {
                    continue;
                }
                walk(path.join(rel, name));
            }
        } else if ((rel.endsWith(".ts") && !rel.endsWith(".d.ts")) || rel.endsWith(".js")) {
            out.push(rel);
        }
    };
    for (const e of entries) {
        walk(e);
    }
    return out.sort();
}

/**
 * Builds `outDir` from `srcDir` if any source (or any of `alsoWatch`) is newer than the last build, and
 * returns `outDir`. Each .ts file under `entries` becomes a .js file at the same relative path, .js files
 * are copied as they are; `extraFiles` (relative path -> content) are written too.
 */
function transpileTree(opts) {
    const { srcDir, outDir } = opts;
    const skip = opts.skip || [];
    const files = listSources(srcDir, opts.entries, skip);
    const stamp = path.join(outDir, STAMP);
    const inputs = [...files, ...(opts.alsoWatch || [])].map((f) => fs.statSync(path.join(srcDir, f)).mtimeMs);
    const newest = Math.max(0, ...inputs);
    let built = -1;
    try {
        built = fs.statSync(stamp).mtimeMs;
    } catch {
        // never built
    }
    // A copy with a different file list (a source added or removed) is rebuilt too.
    const list = files.join("\n");
    if (built >= newest && readOr(path.join(outDir, `${STAMP}.files`)) === list) {
        return outDir;
    }
    const ts = require("typescript");
    // Built beside the copy, then swapped in: a plan starting meanwhile never reads a half-written copy.
    // (A dot-name, so the tree walk never picks it up.)
    const finalDir = outDir;
    const buildDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}.${process.pid}.tmp`);
    fs.rmSync(buildDir, { recursive: true, force: true });
    for (const f of files) {
        if (f.endsWith(".js")) {
            fs.mkdirSync(path.dirname(path.join(buildDir, f)), { recursive: true });
            fs.copyFileSync(path.join(srcDir, f), path.join(buildDir, f));
            continue;
        }
        const js = ts.transpileModule(fs.readFileSync(path.join(srcDir, f), "utf8"), {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
            fileName: f,
        }).outputText;
        const dest = path.join(buildDir, f.replace(/\.ts$/, ".js"));
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, js);
    }
    for (const [rel, content] of Object.entries(opts.extraFiles || {})) {
        fs.mkdirSync(path.dirname(path.join(buildDir, rel)), { recursive: true });
        fs.writeFileSync(path.join(buildDir, rel), content);
    }
    fs.writeFileSync(path.join(buildDir, `${STAMP}.files`), list);
    fs.writeFileSync(path.join(buildDir, STAMP), `${new Date().toISOString()}\n`);
    fs.rmSync(finalDir, { recursive: true, force: true });
    try {
        fs.renameSync(buildDir, finalDir);
    } catch (e) {
        // Another start swapped its own fresh copy in first: use that one.
        fs.rmSync(buildDir, { recursive: true, force: true });
        if (!fs.existsSync(stamp)) {
            throw e;
        }
    }
    return finalDir;
}

function readOr(file) {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return undefined;
    }
}

module.exports = { transpileTree, listSources };
