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
const crypto = require("crypto");

const STAMP = ".built";
const USED = ".used";
/** A copy unused this long is removed by the next build (a plan runs for seconds, a bench for minutes). */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

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
 * Returns a directory holding an up-to-date JavaScript copy of `srcDir`, building it if needed. Each .ts
 * file under `entries` becomes a .js file at the same relative path, .js files are copied as they are;
 * `extraFiles` (relative path -> content) are written too.
 *
 * Copies are content-addressed: `<outDir>/<key>/`, where the key hashes the file list and the newest
 * modification time of the sources and `alsoWatch`. A copy is never modified or replaced once built, so
 * any number of concurrent starts are safe: two starts that both find no copy for the current key
 * build it side by side and the second rename loses harmlessly; a start still running from an older
 * copy keeps its files (older copies are pruned only after PRUNE_AFTER_MS without use).
 */
function transpileTree(opts) {
    const { srcDir, outDir } = opts;
    const skip = opts.skip || [];
    const files = listSources(srcDir, opts.entries, skip);
    const watched = [...files, ...(opts.alsoWatch || [])];
    const newest = Math.max(0, ...watched.map((f) => fs.statSync(path.join(srcDir, f)).mtimeMs));
    const list = files.join("\n");
    const extra = JSON.stringify(opts.extraFiles || {});
    const key = crypto.createHash("sha256").update(`${list}\n${newest}\n${extra}`).digest("hex").slice(0, 16);
    const finalDir = path.join(outDir, key);
    if (fs.existsSync(path.join(finalDir, STAMP))) {
        touch(path.join(finalDir, USED));
        return finalDir;
    }
    const ts = require("typescript");
    // Built beside the copies under a dot-name (never taken for a copy, never walked), then renamed in.
    fs.mkdirSync(outDir, { recursive: true });
    const buildDir = fs.mkdtempSync(path.join(outDir, `.build-${process.pid}-`));
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
    fs.writeFileSync(path.join(buildDir, USED), "");
    try {
        fs.renameSync(buildDir, finalDir);
    } catch (e) {
        // Another start renamed the same copy in first: use that one.
        fs.rmSync(buildDir, { recursive: true, force: true });
        if (!fs.existsSync(path.join(finalDir, STAMP))) {
            throw e;
        }
    }
    prune(outDir, key);
    return finalDir;
}

/** Removes copies (and abandoned half-built ones) that no start has used for PRUNE_AFTER_MS. Best effort. */
function prune(outDir, keep) {
    const now = Date.now();
    for (const name of fs.readdirSync(outDir)) {
        if (name === keep) {
            continue;
        }
        const dir = path.join(outDir, name);
        let last;
        try {
            last = name.startsWith(".") ? fs.statSync(dir).mtimeMs : fs.statSync(path.join(dir, USED)).mtimeMs;
        } catch {
            last = 0; // not a copy of ours (or a copy of the old, single-directory layout)
        }
        if (now - last > PRUNE_AFTER_MS) {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }
}

function touch(file) {
    const t = new Date();
    try {
        fs.utimesSync(file, t, t);
    } catch {
        fs.writeFileSync(file, "");
    }
}

module.exports = { transpileTree, listSources };
