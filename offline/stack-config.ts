/**
 * Reads a `Pulumi.<stack>.yaml` file into the flat config map Pulumi hands a program
 * (`landing-zone:hub` -> JSON text), so the offline plan runs the program with exactly what the CLI
 * would pass it.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { rawConfigFrom } from "../components/config/load";
import {
    validateConfig,
    validateTraffic,
    type ConfigProblem,
    type LandingZoneConfig,
    type TrafficConfig,
} from "../components/config/schema";

export interface StackFile {
    /** Stack name (from `Pulumi.<stack>.yaml`, or the file's base name). */
    readonly stack: string;
    readonly path: string;
    /** Flat config: full key -> text. */
    readonly config: Record<string, string>;
    /** Keys whose value is a Pulumi secret (cannot be decrypted offline; the program sees a placeholder). */
    readonly secretKeys: string[];
}

export class StackFileError extends Error {}

/** Stack name of a stack file path: `Pulumi.dev.yaml` -> `dev`. */
export function stackNameOf(file: string): string {
    const base = path.basename(file);
    const m = /^Pulumi\.(.+)\.ya?ml$/.exec(base);
    return m ? m[1] : base.replace(/\.ya?ml$/, "");
}

export function readStackFile(file: string): StackFile {
    if (!fs.existsSync(file)) {
        throw new StackFileError(`stack file ${file} does not exist`);
    }
    let doc: unknown;
    try {
        doc = parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(`${file} is not valid YAML: ${(e as Error).message}`);
    }
    const configNode = (doc as { config?: unknown } | null)?.config ?? {};
    if (typeof configNode !== "object" || configNode === null || Array.isArray(configNode)) {
        throw new StackFileError(`${file}: "config" must be a map of key to value`);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(configNode as Record<string, unknown>)) {
        if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in (value as object)) {
            secretKeys.push(key);
            config[key] = "[secret]";
        } else if (typeof value === "string") {
            config[key] = value;
        } else {
            config[key] = JSON.stringify(value);
        }
    }
    return { stack: stackNameOf(file), path: file, config, secretKeys };
}

/** A stack file with its config validated: the program's config and the cost model's traffic. */
export type ValidatedStack =
    | { readonly ok: true; readonly stackFile: StackFile; readonly config: LandingZoneConfig; readonly traffic: TrafficConfig }
    | { readonly ok: false; readonly stackFile: StackFile; readonly problems: readonly ConfigProblem[] };

/**
 * Reads a stack file (StackFileError when it cannot be read) and validates both its program config and
 * the cost model's `traffic` settings, which are validated beside it: every problem of both, at once.
 * Shared by `npm start` and `npm run verify`, so both refuse the same configs with the same problems.
 */
export function readValidatedStack(file: string): ValidatedStack {
    const stackFile = readStackFile(file);
    const raw = rawConfigFrom(stackFile.config);
    const validated = validateConfig(raw);
    const traffic = validateTraffic(raw);
    if (!validated.ok || !traffic.ok) {
        return { ok: false, stackFile, problems: [...(validated.ok ? [] : validated.problems), ...(traffic.ok ? [] : traffic.problems)] };
    }
    return { ok: true, stackFile, config: validated.config, traffic: traffic.traffic };
}
