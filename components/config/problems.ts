/**
 * Config problems: the full key (`landing-zone:spokes[1].cidr`), what is wrong and how to fix it; how
 * zod's issues become such problems; the one error that carries them all.
 */
import { z } from "zod";
import { NAMESPACE } from "./constants";

/** One configuration problem: the full config key (e.g. `landing-zone:spokes[1].cidr`), what is wrong, how to fix it. */
export interface ConfigProblem {
    readonly key: string;
    readonly message: string;
}

/** Thrown (once) with every problem found. */
export class ConfigValidationError extends Error {
    constructor(
        readonly problems: readonly ConfigProblem[],
        source = "stack configuration",
    ) {
        super(
            `invalid ${source} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p.key}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigValidationError";
    }
}

/** Full key of a path under a top-level key: `keyOf("spokes[1]", ["cidr"])` -> `landing-zone:spokes[1].cidr`. */
export function keyOf(base: string, path: readonly PropertyKey[]): string {
    let k = `${NAMESPACE}:${base}`;
    for (const p of path) {
        k += typeof p === "number" ? `[${p}]` : `.${String(p)}`;
    }
    return k;
}

/** The schema without default / optional / transform wrappers: the one that holds the structure. */
export function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
    let s = schema;
    for (;;) {
        const def = s._zod.def;
        if (
            def.type === "default" ||
            def.type === "prefault" ||
            def.type === "optional" ||
            def.type === "nullable" ||
            def.type === "readonly"
        ) {
            s = (def as unknown as { innerType: z.core.$ZodType }).innerType;
        } else if (def.type === "pipe") {
            s = (def as unknown as { in: z.core.$ZodType }).in;
        } else {
            return s;
        }
    }
}

/** The schema of the value at `path` inside `schema` (object fields, list elements, map values), if any. */
export function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
    let s: z.core.$ZodType | undefined = unwrap(schema);
    for (const p of path) {
        const def: z.core.$ZodTypeDef = s._zod.def;
        if (def.type === "object") {
            s = (def as z.core.$ZodObjectDef).shape[String(p)];
        } else if (def.type === "array") {
            s = (def as z.core.$ZodArrayDef).element;
        } else if (def.type === "record") {
            s = (def as z.core.$ZodRecordDef).valueType;
        } else {
            return undefined;
        }
        if (s === undefined) {
            return undefined;
        }
        s = unwrap(s);
    }
    return s;
}

/** Names an object schema accepts, when `schema` is an object. */
function acceptedKeys(schema: z.core.$ZodType | undefined): string[] {
    return schema && schema._zod.def.type === "object" ? Object.keys((schema._zod.def as z.core.$ZodObjectDef).shape) : [];
}

function unknownKeysMessage(keys: readonly string[], accepted: readonly string[]): string {
    const near = keys.map((k) => accepted.find((a) => a.toLowerCase() === k.toLowerCase())).filter((a): a is string => a !== undefined);
    return (
        `unknown key(s) ${keys.map((k) => JSON.stringify(k)).join(", ")}` +
        (near.length > 0 ? ` (did you mean ${near.map((n) => JSON.stringify(n)).join(", ")}?)` : "") +
        (accepted.length > 0
            ? `. Fix: remove them, or use one of ${accepted.join(", ")}`
            : ". Fix: remove or correct them (see README, Configuration reference)")
    );
}

/**
 * Parses one unit with zod, recording its problems under `base` (the top-level key, e.g. `spokes[1]`).
 * Returns undefined when it failed.
 */
export function parseUnit<T>(schema: z.ZodType<T>, value: unknown, base: string, problems: ConfigProblem[]): T | undefined {
    const r = schema.safeParse(value);
    if (r.success) {
        return r.data;
    }
    for (const issue of r.error.issues) {
        let message = issue.message;
        if (issue.code === "invalid_key") {
            // A record key failed (e.g. a tag key): the refinement's own message is nested.
            message = issue.issues.map((i) => withFix(i.message, i)).join("; ");
        } else if (issue.code === "unrecognized_keys") {
            message = unknownKeysMessage(issue.keys, acceptedKeys(schemaAt(schema, issue.path)));
        } else if (issue.code === "invalid_type" && value === undefined && issue.path.length === 0) {
            message = `is required. Fix: set ${keyOf(base, [])} in Pulumi.<stack>.yaml`;
        } else if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
            message = `is required (${issue.message.replace(/^Invalid input: /, "")}). Fix: set ${keyOf(base, issue.path)} (see README, Configuration reference)`;
        }
        problems.push({ key: keyOf(base, issue.path), message: withFix(message, issue) });
    }
    return undefined;
}

/** Every problem says how to fix it: zod's built-in messages get a fix derived from the issue. */
export function withFix(message: string, issue: z.core.$ZodIssue): string {
    if (/\bFix\b/.test(message)) {
        return message;
    }
    const text = message.replace(/^Invalid input: /, "").replace(/^Invalid input$/, "invalid value");
    switch (issue.code) {
        case "invalid_type":
            return issue.expected === "int"
                ? `${text.replace(/^expected int, received number$/, "is not a whole number")}. Fix: give a whole number`
                : `${text}. Fix: give ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected} here (see README, Configuration reference)`;
        case "too_small":
            return `${text}. Fix: use at least ${String(issue.minimum)}${issue.origin === "array" ? " entries" : issue.origin === "string" ? " characters" : ""}`;
        case "too_big":
            return `${text}. Fix: use at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " entries" : ""}`;
        case "invalid_value":
            return `${text}. Fix: use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "invalid_format":
            return `${text}. Fix: write it in the ${issue.format} format`;
        case "not_multiple_of":
            return `${text}. Fix: use a multiple of ${String(issue.divisor)}`;
        default:
            return `${text}. Fix: see README, Configuration reference`;
    }
}
