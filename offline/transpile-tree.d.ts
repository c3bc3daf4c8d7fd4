/** See transpile-tree.js. */
export interface TranspileTreeOptions {
    /** The tree's root. */
    readonly srcDir: string;
    /** Where the JavaScript copies go: one content-addressed subdirectory per source state. */
    readonly outDir: string;
    /** Files or directories under `srcDir` to transpile (directories recursively). */
    readonly entries: readonly string[];
    /** Directory or file names to leave out anywhere (node_modules and dot-names always are). */
    readonly skip?: readonly string[];
    /** Other files under `srcDir` whose change also means a rebuild. */
    readonly alsoWatch?: readonly string[];
    /** Files written into the copy: relative path -> content. */
    readonly extraFiles?: Readonly<Record<string, string>>;
}

/** The directory of an up-to-date copy (`<outDir>/<key>`), built if needed. */
export function transpileTree(opts: TranspileTreeOptions): string;
export function listSources(root: string, entries: readonly string[], skip: readonly string[]): string[];
