/**
 * Output-path checks for the CLI's file options (`--json`, `--diagram`, …): a path that cannot be
 * written is a usage error found before any work, not a stack trace after a whole plan run.
 *
 * The check asks the file system without writing anything (`fs.accessSync`), so a rejected run leaves
 * nothing behind: the file exists and is writable, or its nearest existing ancestor is a writable
 * directory (the CLI creates missing directories, as `mkdir -p`). A root user passes permission checks
 * on a read-write file system, as the write itself would.
 */
import * as fs from "fs";
import * as path from "path";

/** One file option as given on the command line. */
export interface OutputOption {
    /** The option, with its dashes: `--json`. */
    readonly option: string;
    /** The path as given (relative to the working directory). */
    readonly file: string;
}

function errnoOf(e: unknown): string {
    return (e as NodeJS.ErrnoException).code ?? "error";
}

/** Why `file` cannot be written, as a phrase; undefined when it can. */
export function unwritableReason(file: string): string | undefined {
    if (file.trim() === "") {
        return "the path is empty";
    }
    const target = path.resolve(file);
    let stat: fs.Stats | undefined;
    try {
        stat = fs.statSync(target);
    } catch (e) {
        if (errnoOf(e) === "ENOTDIR") {
            // A parent component is a file: found by the walk below.
            stat = undefined;
        } else if (errnoOf(e) !== "ENOENT") {
            return `it cannot be inspected (${errnoOf(e)})`;
        }
    }
    if (stat) {
        if (stat.isDirectory()) {
            return "it is a directory";
        }
        try {
            fs.accessSync(target, fs.constants.W_OK);
            return undefined;
        } catch (e) {
            return `the file is not writable (${errnoOf(e)})`;
        }
    }
    // Does not exist: the nearest existing ancestor must be a directory we may create entries in.
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
        let s: fs.Stats | undefined;
        try {
            s = fs.statSync(dir);
        } catch (e) {
            if (errnoOf(e) !== "ENOENT" && errnoOf(e) !== "ENOTDIR") {
                return `${dir} cannot be inspected (${errnoOf(e)})`;
            }
        }
        if (s) {
            if (!s.isDirectory()) {
                return `${dir} is a file, not a directory`;
            }
            try {
                fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
                return undefined;
            } catch (e) {
                return `the directory ${dir} is not writable (${errnoOf(e)})`;
            }
        }
        if (path.dirname(dir) === dir) {
            return "no parent directory exists";
        }
    }
}

/**
 * The first problem among the given output options, as one line (`--json out/plan.json: cannot write
 * there: … Fix: …`); undefined when every path can be written. `-` means stdout and is not checked.
 */
export function outputPathProblem(outputs: readonly OutputOption[]): string | undefined {
    const seen = new Map<string, string>();
    for (const { option, file } of outputs) {
        if (file === "-") {
            continue;
        }
        const reason = unwritableReason(file);
        if (reason) {
            return `${option} ${file === "" ? '""' : file}: cannot write there: ${reason}. Fix: give a file path in a writable directory.`;
        }
        const key = path.resolve(file);
        const earlier = seen.get(key);
        if (earlier) {
            return `${option} ${file}: same file as ${earlier}, which would be overwritten. Fix: give each option its own path.`;
        }
        seen.set(key, option);
    }
    return undefined;
}

/** Writes `text` to `file`, creating missing directories; returns a one-line problem instead of throwing. */
export function writeOutput(option: string, file: string, text: string): string | undefined {
    try {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(file, text);
        return undefined;
    } catch (e) {
        return `${option} ${file}: could not write (${(e as Error).message.split("\n")[0]}).`;
    }
}
