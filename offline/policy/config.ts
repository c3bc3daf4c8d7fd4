/**
 * Policy pack config: parsing the CLI's `--policy-pack-config` document, reconciling it with each
 * policy's declared level and `configSchema` defaults, and validating it — a port of the CLI's
 * `pkg/resource/analyzer/config.go` (`ParsePolicyPackConfigFromAPI`/`parsePolicyPackConfig`,
 * `ReconcilePolicyPackConfig`, `validatePolicyPackConfig`) — plus the per-stack config file the plan
 * reads by default.
 *
 * Pure: no process, no gRPC.
 *
 * @module
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyViolation } from "../types";
import { JsonSchema, validateJsonSchema } from "./schema-validation";

export type { JsonSchema } from "./schema-validation";

/** A policy enforcement level. */
export type EnforcementLevel = PolicyViolation["enforcementLevel"];

/** Every enforcement level, in the order of the analyzer proto's `EnforcementLevel` enum. */
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The policy config is invalid. One line per problem, in the CLI's wording where the CLI has one. */
export class PolicyConfigError extends Error {
    public readonly problems: readonly string[];

    public constructor(problems: readonly string[]) {
        super(`invalid policy config:\n  ${problems.join("\n  ")}`);
        this.name = "PolicyConfigError";
        this.problems = problems;
    }
}

/** A policy's metadata as `GetAnalyzerInfo` returns it. */
export interface AnalyzerPolicyMetadata {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    /** Present when the pack supports config; `enforcementLevel` is injected like the CLI does. */
    readonly configSchema?: { readonly properties: Record<string, JsonSchema>; readonly required: readonly string[] };
}

/** One policy's configuration: enforcement level ("" when not given) and properties. */
export interface PolicyConfigEntry {
    readonly enforcementLevel: EnforcementLevel | "";
    readonly properties: Record<string, unknown> | undefined;
}

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses a `--policy-pack-config` style object like the CLI's `parsePolicyPackConfig`: a string is an
 * enforcement level; an object may hold `enforcementLevel` plus properties; empty entries are dropped.
 *
 * @throws PolicyConfigError on a value that is neither, or an invalid enforcement level.
 */
export function parsePolicyConfig(raw: Record<string, unknown>): Map<string, PolicyConfigEntry> {
    const result = new Map<string, PolicyConfigEntry>();
    const problems: string[] = [];
    for (const key of Object.keys(raw).sort()) {
        const value = raw[key];
        let enforcementLevel: EnforcementLevel | "" = "";
        let properties: Record<string, unknown> | undefined;
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                problems.push(`parsing enforcement level for "${key}": "${value}" is not a valid enforcement level`);
                continue;
            }
            enforcementLevel = value;
        } else if (isPlainObject(value)) {
            const { enforcementLevel: level, ...rest } = value;
            if (level !== undefined) {
                if (typeof level !== "string") {
                    problems.push(
                        `parsing enforcement level for "${key}": ${JSON.stringify(level)} ` +
                            "is not a valid enforcement level; must be a string",
                    );
                    continue;
                }
                if (!isEnforcementLevel(level)) {
                    problems.push(`parsing enforcement level for "${key}": "${level}" is not a valid enforcement level`);
                    continue;
                }
                enforcementLevel = level;
            }
            if (Object.keys(rest).length > 0) {
                properties = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
            }
        } else {
            problems.push(`parsing "${key}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
            continue;
        }
        if (enforcementLevel === "" && properties === undefined) {
            continue;
        }
        result.set(key, { enforcementLevel, properties });
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return result;
}

function applyConfig(result: Map<string, PolicyConfigEntry>, toApply: ReadonlyMap<string, PolicyConfigEntry>): void {
    const all = toApply.get("all");
    if (all && all.enforcementLevel !== "") {
        for (const [name, entry] of result) {
            result.set(name, { enforcementLevel: all.enforcementLevel, properties: entry.properties });
        }
    }
    for (const [name, given] of toApply) {
        const current = result.get(name);
        let properties = current?.properties;
        if (given.properties && Object.keys(given.properties).length > 0) {
            properties = { ...(properties ?? {}), ...given.properties };
        }
        result.set(name, {
            enforcementLevel: given.enforcementLevel !== "" ? given.enforcementLevel : (current?.enforcementLevel ?? ""),
            properties,
        });
    }
}

/**
 * Reconciles policy config like the CLI's `ReconcilePolicyPackConfig`: each policy starts at its declared
 * level with its `configSchema` defaults, then the pack's initial config, then `userConfig` ("all" first,
 * then per policy) are applied, then every policy's properties are validated against its schema.
 *
 * Stricter than the CLI on purpose: a policy name the pack does not have (other than "all") is an error
 * instead of being passed through silently, so a typo cannot disable a check unnoticed.
 *
 * @param packLabel `<name> <version>`, used in messages like the CLI's "validating policy config: …".
 * @throws PolicyConfigError listing every problem.
 */
export function reconcilePolicyConfig(
    packLabel: string,
    policies: readonly AnalyzerPolicyMetadata[],
    initialConfig: ReadonlyMap<string, PolicyConfigEntry>,
    userConfig: ReadonlyMap<string, PolicyConfigEntry>,
): Map<string, PolicyConfigEntry> {
    const result = new Map<string, PolicyConfigEntry>();
    for (const policy of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (isPlainObject(schema) && "default" in schema) {
                properties = properties ?? {};
                properties[key] = JSON.parse(JSON.stringify(schema["default"])) as unknown;
            }
        }
        result.set(policy.name, { enforcementLevel: policy.enforcementLevel, properties });
    }
    applyConfig(result, initialConfig);
    applyConfig(result, userConfig);

    const problems: string[] = [];
    const known = new Set(policies.map((p) => p.name));
    for (const name of userConfig.keys()) {
        if (name !== "all" && !known.has(name)) {
            problems.push(`policy config names "${name}", which is not a policy of ${packLabel} (it has: ${[...known].sort().join(", ")})`);
        }
    }
    const validation: string[] = [];
    for (const policy of policies) {
        if (!policy.configSchema) {
            continue;
        }
        const schema: JsonSchema = {
            type: "object",
            ...(Object.keys(policy.configSchema.properties).length > 0 ? { properties: policy.configSchema.properties } : {}),
            ...(policy.configSchema.required.length > 0 ? { required: policy.configSchema.required } : {}),
        };
        let errors: string[];
        try {
            errors = validateJsonSchema(schema, result.get(policy.name)?.properties ?? {});
        } catch (e) {
            // The pack's own schema is broken: the pack author's fix, not the user's.
            errors = [`(root): the policy's configSchema is not a valid JSON Schema (${(e as Error).message}); fix the pack`];
        }
        for (const error of errors) {
            validation.push(`validating policy config: ${packLabel}  ${policy.name}: ${error.replace(/^\(root\): /, "")}`);
        }
    }
    problems.push(...validation.sort());
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return result;
}

/** Whether any policy runs at level "remediate" once `config` is applied (`Configure` sets every policy). */
export function anyRemediation(policies: readonly AnalyzerPolicyMetadata[], config: ReadonlyMap<string, PolicyConfigEntry>): boolean {
    return policies.some((p) => (config.get(p.name)?.enforcementLevel || p.enforcementLevel) === "remediate");
}

/** The per-stack policy config file the plan reads when no `--policy-config` is given. */
function stackPolicyConfigFile(packDir: string, stack: string): string {
    return path.join(packDir, "config", `${stack}.json`);
}

/**
 * The policy config document for a plan: `explicitFile` (the `--policy-config` option) if given, else the
 * stack's file under the pack (`<packDir>/config/<stack>.json`, the file to pass to
 * `pulumi preview --policy-pack-config` for the same stack) when it exists, else none.
 *
 * @returns the file read (undefined when none) and its parsed content.
 * @throws Error naming the file when it cannot be read or is not JSON.
 */
export function readPolicyConfigFile(
    packDir: string,
    stack: string,
    explicitFile?: string,
): { readonly file: string | undefined; readonly config: Record<string, unknown> | undefined } {
    const stackFile = stackPolicyConfigFile(packDir, stack);
    const file = explicitFile ?? (fs.existsSync(stackFile) ? stackFile : undefined);
    if (file === undefined) {
        return { file, config: undefined };
    }
    try {
        return { file, config: JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> };
    } catch (e) {
        throw new Error(`policy config ${file}: ${(e as Error).message}`, { cause: e });
    }
}
