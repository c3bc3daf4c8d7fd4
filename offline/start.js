"use strict";
/**
 * `npm start`: the offline plan, run from a JavaScript copy of the program (index.ts, components/,
 * offline/) in `.offline-build/<key>/`, a new copy whenever a source changes (offline/transpile-tree.js). Starting through
 * ts-node instead loads the TypeScript compiler and transpiles every file at each start: about a second
 * of CPU, on the plan's critical path. Transpile only: type checking is `npm run typecheck`'s job.
 * Tests and the benchmark helpers still run the sources through ts-node.
 */
const path = require("path");
const { transpileTree } = require("./transpile-tree");

const root = path.resolve(__dirname, "..");
const out = transpileTree({
    srcDir: root,
    outDir: path.join(root, ".offline-build"),
    entries: ["index.ts", "components", "offline"],
    alsoWatch: ["package.json", "tsconfig.json"],
});
require(path.join(out, "offline", "cli.js")).runCli();
