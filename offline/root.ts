import * as path from "path";

/** Where `npm start` runs the plan from: a transpiled copy of the program at the project root. */
export const START_BUILD_DIR = ".offline-build";

/**
 * The project root (where Pulumi.yaml, the stack files and policy-pack/ are), whether this code runs
 * from the sources (ts-node: tests, `npm run bench` helpers) or from the copy `npm start` runs
 * (`<root>/.offline-build/<key>/offline/`, see offline/transpile-tree.js).
 */
export const PROJECT_ROOT: string = ((): string => {
    const up = path.resolve(__dirname, "..");
    const copies = path.dirname(up);
    return path.basename(copies) === START_BUILD_DIR ? path.dirname(copies) : up;
})();
