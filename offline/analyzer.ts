/**
 * Offline CrossGuard harness: runs a real policy pack over its analyzer gRPC protocol, the way the Pulumi
 * engine does, against a captured resource graph. No Pulumi CLI, no cloud, no network beyond loopback.
 *
 * What the engine does, and where this file follows it (pulumi/pulumi, checked against the sources of the
 * 3.x line that @pulumi/pulumi 3.270 ships with):
 *
 * - Launch (`sdk/go/common/resource/plugin/analyzer_plugin.go`, `NewPolicyAnalyzer`/`constructEnv`): the
 *   `pulumi-analyzer-policy` shim runs `node <@pulumi/pulumi/cmd/run-policy-pack> <engine address> .` with the
 *   pack directory as working directory, the parent environment plus `PULUMI_CONFIG` (stack config as JSON,
 *   omitted when empty) and both `PULUMI_NODEJS_{ORGANIZATION,PROJECT,STACK,DRY_RUN}` and
 *   `PULUMI_{ORGANIZATION,PROJECT,STACK,DRY_RUN}` (each omitted when empty). Runtime options from
 *   `PulumiPolicy.yaml` are appended as `-<key>=<value>`. The pack prints its port as the first stdout line.
 * - Calls: `Handshake` (UNIMPLEMENTED is fine; @pulumi/policy 1.21 does not implement it), `ConfigureStack`
 *   (UNIMPLEMENTED is fine), then (`pkg/engine/plugins.go`, `installAndLoadPolicyPlugins`) `GetAnalyzerInfo`,
 *   `ReconcilePolicyPackConfig` (`pkg/resource/analyzer/config.go`: schema defaults, then the pack's initial
 *   config, then the user's config, "all" first; validated with JSON Schema) and `Configure` with every policy.
 * - Per resource (`pkg/resource/deploy/step_generator.go`, `generateSteps`): every registered resource,
 *   providers and components included, gets `Remediate` and then `Analyze` with its inputs (after any
 *   remediation), its options and its provider resource (the provider's inputs). Properties are marshalled
 *   with KeepUnknowns/KeepSecrets/SkipInternalKeys: unknowns become the sentinel strings @pulumi/policy
 *   recognises, keys starting with `__` are dropped. A mandatory `Analyze` violation fails the resource only
 *   in an update (`!DryRun`): the update stops there and `AnalyzeStack` never runs. In a preview every
 *   resource is still analyzed and `AnalyzeStack` still runs; the preview fails at the end.
 * - Stack (`step_generator.go`, `AnalyzeResources`; `deployment_executor.go`): one `AnalyzeStack` with every
 *   resource's outputs, options (without parent), parent, dependencies, property dependencies and provider.
 *   Diagnostics at level "remediate" are reported as "mandatory". `Analyze` diagnostics always carry the
 *   analyzed resource's URN.
 *
 * Transport: the engine's client is Go gRPC; this one is {@link UnaryChannel} (plain HTTP/2 unary calls,
 * encoded by the pack's own generated stubs), which costs far less CPU per call than @grpc/grpc-js.
 *
 * @module
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as net from "net";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as emptyPbTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import { GrpcCallError, GrpcStatus, UnaryChannel, UnaryMethodDefinition } from "./grpc-unary";
import { CapturedResource, JsonObject, JsonValue, PolicyViolation } from "./types";

/** Pulumi's unknown-string sentinel (`UnknownStringValue`). The engine marshals an unknown as the sentinel of
 * its element type (`plugin/rpc.go`, `marshalUnknownProperty`); a value a Node.js program left unknown
 * arrives with a string element, so this is what analyzers see for it. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every unknown sentinel @pulumi/policy recognises (its `proxy.ts`): string, bool, number, array, asset,
 * archive, object. Values already equal to one of these are sent unchanged and read as unknown. */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    UNKNOWN_VALUE,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** A policy enforcement level. */
export type EnforcementLevel = PolicyViolation["enforcementLevel"];

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Options for {@link runPolicyPack}. */
export interface PolicyRunOptions {
    /** Absolute path to a policy pack directory (the one holding `PulumiPolicy.yaml`). */
    readonly packDir: string;
    readonly project: string;
    readonly stack: string;
    readonly organization?: string;
    /** Preview (true) or update (false). Decides whether a mandatory `Analyze` violation stops the run. */
    readonly dryRun: boolean;
    /** The stack's config as the engine passes it (`PULUMI_CONFIG`): fully qualified key -> string value. */
    readonly stackConfig: Record<string, string>;
    /**
     * Per-policy config, in the format of the CLI's `--policy-pack-config` file:
     * `{ "<policy>": "mandatory" | { enforcementLevel?, ...properties }, "all": "advisory" }`.
     * Invalid entries, unknown policy names and values that fail a policy's `configSchema` throw a
     * {@link PolicyConfigError} naming the policy and property.
     */
    readonly policyConfig?: Record<string, unknown>;
    /**
     * The captured resource graph, in registration order. A promise lets the pack start (load, handshake,
     * configure) while the graph is still being captured; if it rejects, the pack is stopped and the run
     * rejects with that error.
     */
    readonly resources: readonly CapturedResource[] | Promise<readonly CapturedResource[]>;
    /**
     * Model the preview of a fresh stack (requires `dryRun`): see {@link toPreviewResources}. Values equal
     * to an unknown sentinel are sent as unknowns whatever this says.
     */
    readonly unknownOutputs?: boolean;
    /**
     * Behave like the engine and stop at the first mandatory `Analyze` violation, skipping `AnalyzeStack`.
     * Only an update stops (a preview never does). Default false: run everything and report in
     * {@link PolicyRunResult.engineWouldStopEarly} whether the engine would have stopped.
     */
    readonly stopAtFirstMandatory?: boolean;
    /** Stack tags sent in `ConfigureStack` (visible to policies as `args.stackTags`). Default none. */
    readonly stackTags?: Record<string, string>;
    /** How long the pack may take to print its port. Default 60 000 ms (a TypeScript pack type-checks first). */
    readonly startTimeoutMs?: number;
    /** Deadline of each RPC. Default 60 000 ms. */
    readonly rpcTimeoutMs?: number;
}

/** A policy as the pack declares it, with the enforcement level in force after `Configure`. */
export interface PolicySummary {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: string;
}

/** A remediation a policy applied to a resource's inputs before `Analyze`. */
export interface PolicyRemediation {
    readonly policy: string;
    readonly urn: string;
    /** The resource's inputs after the remediation. */
    readonly properties: JsonObject;
}

/** The outcome of {@link runPolicyPack}. */
export interface PolicyRunResult {
    readonly packName: string;
    readonly packVersion: string;
    /** Policies from `GetAnalyzerInfo`, sorted by name, with the enforcement level `Configure` set. */
    readonly policies: readonly PolicySummary[];
    /** Sorted by policy, then URN, then message. */
    readonly violations: readonly PolicyViolation[];
    readonly remediations: readonly PolicyRemediation[];
    /** An update (not a preview) with a mandatory `Analyze` violation: the engine would stop there. */
    readonly engineWouldStopEarly: boolean;
    /** This run stopped at the first mandatory `Analyze` violation (only with `stopAtFirstMandatory`). */
    readonly stoppedEarly: boolean;
    /** Process id the pack ran as (it has exited when the promise settles). */
    readonly packPid: number;
    /** Milliseconds: `start` = spawn to port printed and channel ready; `total` includes shutdown. */
    readonly timingsMs: { readonly start: number; readonly analyze: number; readonly analyzeStack: number; readonly total: number };
}

/** The pack failed to start, crashed, or an analyzer call failed. The message includes the pack's stderr. */
export class PolicyPackError extends Error {
    /** Everything the pack wrote to stderr. */
    public readonly stderr: string;

    public constructor(message: string, stderr: string) {
        // Drop terminal colour codes (source-map-support colours stack frames) from the message only.
        const tail = stderr.replace(/\x1b\[[0-9;]*m/g, "").trim();
        super(tail ? `${message}\n--- policy pack stderr ---\n${tail.slice(-16_000)}` : message);
        this.name = "PolicyPackError";
        this.stderr = stderr;
    }
}

/** The policy config is invalid. One line per problem, in the CLI's wording where the CLI has one. */
export class PolicyConfigError extends Error {
    public readonly problems: readonly string[];

    public constructor(problems: readonly string[]) {
        super(`invalid policy config:\n  ${problems.join("\n  ")}`);
        this.name = "PolicyConfigError";
        this.problems = problems;
    }
}

// ------------------------------------------------------------------------------------------------------
// Policy config: parsing, defaults, validation (port of pkg/resource/analyzer/config.go)
// ------------------------------------------------------------------------------------------------------

/** The subset of JSON Schema that @pulumi/policy's `PolicyConfigJSONSchema` allows (plus anyOf/oneOf/allOf/not). */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

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
        const errors: string[] = [];
        validateJsonSchema(schema, result.get(policy.name)?.properties ?? {}, "(root)", errors);
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

function jsonType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
    const actual = jsonType(value);
    return actual === type || (type === "number" && actual === "integer");
}

function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(canonicalJson).join(",")}]`;
    }
    if (isPlainObject(value)) {
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

const FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
    ipv4: (s) => net.isIPv4(s),
    ipv6: (s) => net.isIPv6(s),
    email: (s) => /^[^@\s]+@[^@\s]+$/.test(s),
    hostname: (s) => s.length <= 253 && s.split(".").every((label) => /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(label)),
    "date-time": (s) => /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    uri: (s) => /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) && URL.canParse(s),
    uuid: (s) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s),
    regex: (s) => {
        try {
            new RegExp(s, "u");
            return true;
        } catch {
            return false;
        }
    },
};

/**
 * Validates `value` against `schema`, appending gojsonschema-style messages (`<field>: <description>`,
 * the CLI's validator) to `errors`. Supports every keyword of @pulumi/policy's `PolicyConfigJSONSchema`
 * plus anyOf/oneOf/allOf/not.
 *
 * @throws Error on a keyword it cannot check (e.g. `$ref`, `if`), rather than silently passing.
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown, field: string, errors: string[]): void {
    const report = (message: string): void => {
        errors.push(`${field}: ${message}`);
    };
    if (schema === true) {
        return;
    }
    if (schema === false) {
        report("False always fails validation");
        return;
    }
    const s = schema;
    const name = field === "(root)" ? field : field.slice(field.lastIndexOf(".") + 1);
    const child = (key: string | number): string => (field === "(root)" ? String(key) : `${field}.${key}`);
    for (const keyword of Object.keys(s)) {
        if (["$ref", "$defs", "definitions", "if", "then", "else", "dependentRequired", "dependentSchemas",
            "unevaluatedProperties", "unevaluatedItems", "prefixItems", "minContains", "maxContains"].includes(keyword)) {
            throw new Error(`policy configSchema keyword "${keyword}" (at ${field}) is not supported by the offline harness`);
        }
    }
    if (s.type !== undefined) {
        const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
        if (!types.some((t) => matchesType(value, t))) {
            report(`Invalid type. Expected: ${types.join("/")}, given: ${jsonType(value)}`);
            return;
        }
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => canonicalJson(e) === canonicalJson(value))) {
        report(`${name} must be one of the following: ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`);
    }
    if ("const" in s && canonicalJson(s.const) !== canonicalJson(value)) {
        report(`${name} does not match: ${JSON.stringify(s.const)}`);
    }
    const subErrors = (sub: unknown): string[] => {
        const out: string[] = [];
        validateJsonSchema(sub as JsonSchema, value, field, out);
        return out;
    };
    if (Array.isArray(s.allOf) && s.allOf.some((sub) => subErrors(sub).length > 0)) {
        report("Must validate all the schemas (allOf)");
    }
    if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => subErrors(sub).length === 0)) {
        report("Must validate at least one schema (anyOf)");
    }
    if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => subErrors(sub).length === 0).length !== 1) {
        report("Must validate one and only one schema (oneOf)");
    }
    if (s.not !== undefined && subErrors(s.not).length === 0) {
        report("Must not validate the schema (not)");
    }
    if (typeof value === "number") {
        const num = (k: string): number | undefined => (typeof s[k] === "number" ? (s[k] as number) : undefined);
        const min = num("minimum");
        const max = num("maximum");
        if (min !== undefined && (s.exclusiveMinimum === true ? value <= min : value < min)) {
            report(s.exclusiveMinimum === true ? `Must be greater than ${min}` : `Must be greater than or equal to ${min}`);
        }
        if (max !== undefined && (s.exclusiveMaximum === true ? value >= max : value > max)) {
            report(s.exclusiveMaximum === true ? `Must be less than ${max}` : `Must be less than or equal to ${max}`);
        }
        const exMin = num("exclusiveMinimum");
        const exMax = num("exclusiveMaximum");
        if (exMin !== undefined && value <= exMin) {
            report(`Must be greater than ${exMin}`);
        }
        if (exMax !== undefined && value >= exMax) {
            report(`Must be less than ${exMax}`);
        }
        const multipleOf = num("multipleOf");
        if (multipleOf !== undefined && multipleOf > 0) {
            const q = value / multipleOf;
            if (Math.abs(q - Math.round(q)) > 1e-9) {
                report(`Must be a multiple of ${multipleOf}`);
            }
        }
    }
    if (typeof value === "string") {
        const length = [...value].length;
        if (typeof s.minLength === "number" && length < s.minLength) {
            report(`String length must be greater than or equal to ${s.minLength}`);
        }
        if (typeof s.maxLength === "number" && length > s.maxLength) {
            report(`String length must be less than or equal to ${s.maxLength}`);
        }
        if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) {
            report(`Does not match pattern '${s.pattern}'`);
        }
        if (typeof s.format === "string" && FORMATS[s.format] && !FORMATS[s.format](value)) {
            report(`Does not match format '${s.format}'`);
        }
    }
    if (Array.isArray(value)) {
        if (typeof s.minItems === "number" && value.length < s.minItems) {
            report(`Array must have at least ${s.minItems} items`);
        }
        if (typeof s.maxItems === "number" && value.length > s.maxItems) {
            report(`Array must have at most ${s.maxItems} items`);
        }
        if (s.uniqueItems === true) {
            const seen = new Map<string, number>();
            value.forEach((item, i) => {
                const key = canonicalJson(item);
                const j = seen.get(key);
                if (j !== undefined) {
                    report(`array items[${j},${i}] must be unique`);
                }
                seen.set(key, i);
            });
        }
        if (Array.isArray(s.items)) {
            value.forEach((item, i) => {
                if (i < (s.items as unknown[]).length) {
                    validateJsonSchema((s.items as JsonSchema[])[i], item, child(i), errors);
                } else if (s.additionalItems === false) {
                    report("No additional items allowed on array");
                } else if (s.additionalItems !== undefined) {
                    validateJsonSchema(s.additionalItems as JsonSchema, item, child(i), errors);
                }
            });
        } else if (s.items !== undefined) {
            value.forEach((item, i) => validateJsonSchema(s.items as JsonSchema, item, child(i), errors));
        }
        if (s.contains !== undefined) {
            const ok = value.some((item) => {
                const out: string[] = [];
                validateJsonSchema(s.contains as JsonSchema, item, field, out);
                return out.length === 0;
            });
            if (!ok) {
                report("At least one of the items must match");
            }
        }
    }
    if (isPlainObject(value)) {
        const keys = Object.keys(value);
        if (typeof s.minProperties === "number" && keys.length < s.minProperties) {
            report(`Must have at least ${s.minProperties} properties`);
        }
        if (typeof s.maxProperties === "number" && keys.length > s.maxProperties) {
            report(`Must have at most ${s.maxProperties} properties`);
        }
        if (Array.isArray(s.required)) {
            for (const key of s.required as string[]) {
                if (!(key in value)) {
                    report(`${key} is required`);
                }
            }
        }
        const properties = isPlainObject(s.properties) ? (s.properties as Record<string, JsonSchema>) : {};
        const patterns = isPlainObject(s.patternProperties) ? (s.patternProperties as Record<string, JsonSchema>) : {};
        for (const key of keys) {
            let matched = false;
            if (key in properties) {
                matched = true;
                validateJsonSchema(properties[key], value[key], child(key), errors);
            }
            for (const [pattern, sub] of Object.entries(patterns)) {
                if (new RegExp(pattern, "u").test(key)) {
                    matched = true;
                    validateJsonSchema(sub, value[key], child(key), errors);
                }
            }
            if (!matched && s.additionalProperties === false) {
                report(`Additional property ${key} is not allowed`);
            } else if (!matched && isPlainObject(s.additionalProperties)) {
                validateJsonSchema(s.additionalProperties as JsonSchema, value[key], child(key), errors);
            }
            if (s.propertyNames !== undefined) {
                const out: string[] = [];
                validateJsonSchema(s.propertyNames as JsonSchema, key, field, out);
                if (out.length > 0) {
                    report(`Property name of "${key}" does not match`);
                }
            }
        }
        if (isPlainObject(s.dependencies)) {
            for (const [key, dependency] of Object.entries(s.dependencies)) {
                if (!(key in value)) {
                    continue;
                }
                if (Array.isArray(dependency)) {
                    for (const needed of dependency as string[]) {
                        if (!(needed in value)) {
                            report(`Has a dependency on ${needed}`);
                        }
                    }
                } else {
                    validateJsonSchema(dependency as JsonSchema, value, field, errors);
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------------
// Preview modelling
// ------------------------------------------------------------------------------------------------------

/** Strings shorter than this never count as carrying an unknown id/output (avoids matching "true", "default"). */
const MIN_UNKNOWN_NEEDLE = 8;

function stringLeaves(value: JsonValue, out: Set<string>): Set<string> {
    if (typeof value === "string") {
        out.add(value);
    } else if (Array.isArray(value)) {
        value.forEach((v) => stringLeaves(v, out));
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((v) => stringLeaves(v, out));
    }
    return out;
}

/** Replaces every string leaf of `value` that contains one of `needles` with {@link UNKNOWN_VALUE}. */
function replaceContaining(value: JsonValue, needles: ReadonlySet<string>, replaced: Set<string>): JsonValue {
    if (typeof value === "string") {
        for (const needle of needles) {
            if (value.includes(needle)) {
                replaced.add(value);
                return UNKNOWN_VALUE;
            }
        }
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((v) => replaceContaining(v, needles, replaced));
    }
    if (value !== null && typeof value === "object") {
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = replaceContaining(v, needles, replaced);
        }
        return out;
    }
    return value;
}

/**
 * Models what the engine sees in the preview of a fresh stack, from a graph captured by an update-style run
 * (mock ids and outputs all known):
 *
 * - A custom resource's id and every output it did not have as an input are unknown; its outputs are its
 *   (preview) inputs plus those unknowns, as a provider's preview `Create` returns.
 * - An input whose property dependencies point at resources whose value is unknown in preview becomes
 *   unknown when its string value contains one of those unknown strings (an id, an ARN, …); this follows
 *   the chain (a subnet's `vpcId` from a new VPC's id is unknown, and so is anything built from it).
 * - A component's output that contains an unknown string of one of its descendants is unknown.
 *
 * Values equal to an unknown sentinel stay unknown. Heuristic by nature (it matches strings, at least 8
 * characters long), but it errs the way a real preview does: links by id vanish, known inputs stay.
 */
export function toPreviewResources(resources: readonly CapturedResource[]): CapturedResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const previewInputs = new Map<string, { inputs: JsonObject; replaced: Set<string> }>();
    const unknownStrings = new Map<string, Set<string>>();
    const inProgress = new Set<string>();

    const unknownStringsOf = (r: CapturedResource): Set<string> => {
        const cached = unknownStrings.get(r.urn);
        if (cached) {
            return cached;
        }
        const result = new Set<string>(inputsOf(r).replaced);
        if (r.custom) {
            const known = stringLeaves(r.inputs, new Set());
            const candidates = new Set<string>();
            if (r.id) {
                candidates.add(r.id);
            }
            for (const [key, value] of Object.entries(r.outputs)) {
                if (!(key in r.inputs)) {
                    stringLeaves(value, candidates);
                }
            }
            for (const s of candidates) {
                if (s.length >= MIN_UNKNOWN_NEEDLE && !known.has(s) && !UNKNOWN_SENTINELS.has(s)) {
                    result.add(s);
                }
            }
        }
        unknownStrings.set(r.urn, result);
        return result;
    };

    const inputsOf = (r: CapturedResource): { inputs: JsonObject; replaced: Set<string> } => {
        const cached = previewInputs.get(r.urn);
        if (cached) {
            return cached;
        }
        if (inProgress.has(r.urn)) {
            return { inputs: r.inputs, replaced: new Set() };
        }
        inProgress.add(r.urn);
        const inputs: JsonObject = {};
        const replaced = new Set<string>();
        for (const [key, value] of Object.entries(r.inputs)) {
            const needles = new Set<string>();
            for (const dep of r.propertyDependencies[key] ?? []) {
                const depResource = byUrn.get(dep);
                if (depResource && depResource.urn !== r.urn) {
                    unknownStringsOf(depResource).forEach((s) => needles.add(s));
                }
            }
            inputs[key] = needles.size > 0 ? replaceContaining(value, needles, replaced) : value;
        }
        inProgress.delete(r.urn);
        const result = { inputs, replaced };
        previewInputs.set(r.urn, result);
        return result;
    };

    const descendants = (urn: string): CapturedResource[] => {
        const out: CapturedResource[] = [];
        const queue = [urn];
        while (queue.length > 0) {
            const parent = queue.shift() as string;
            for (const r of resources) {
                if (r.parent === parent && r.urn !== urn) {
                    out.push(r);
                    queue.push(r.urn);
                }
            }
        }
        return out;
    };

    return resources.map((r): CapturedResource => {
        const { inputs } = inputsOf(r);
        if (r.custom) {
            const outputs: JsonObject = { ...inputs };
            for (const key of Object.keys(r.outputs)) {
                if (!(key in r.inputs)) {
                    outputs[key] = UNKNOWN_VALUE;
                }
            }
            return { ...r, id: UNKNOWN_VALUE, inputs, outputs };
        }
        const needles = new Set<string>();
        descendants(r.urn).forEach((d) => unknownStringsOf(d).forEach((s) => needles.add(s)));
        const outputs = needles.size > 0 ? (replaceContaining(r.outputs, needles, new Set()) as JsonObject) : r.outputs;
        return { ...r, inputs, outputs };
    });
}

// ------------------------------------------------------------------------------------------------------
// The run
// ------------------------------------------------------------------------------------------------------

interface ProtoModules {
    readonly pb: typeof analyzerPbTypes;
    readonly rpc: typeof analyzerGrpcTypes;
    readonly struct: typeof structPbTypes;
    readonly empty: typeof emptyPbTypes;
}

/** Loads gRPC and the generated stubs from the @pulumi/pulumi the pack itself uses (same proto version as
 * the server; `Empty` must come from the module the stubs were generated against). */
function loadProto(packDir: string): ProtoModules {
    const grpcStubs = require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb", { paths: [packDir] });
    const req = createRequire(grpcStubs);
    return {
        pb: req("./analyzer_pb") as typeof analyzerPbTypes,
        rpc: req("./analyzer_grpc_pb") as typeof analyzerGrpcTypes,
        struct: req("google-protobuf/google/protobuf/struct_pb") as typeof structPbTypes,
        empty: req("google-protobuf/google/protobuf/empty_pb") as typeof emptyPbTypes,
    };
}

interface PolicyManifest {
    readonly version: string;
    readonly args: readonly string[];
}

/** Reads `PulumiPolicy.yaml` like `workspace.LoadPolicyPack`: the runtime must be nodejs; its options
 * become `-key=value` arguments; its `version`, if set, overrides the pack's. */
function loadManifest(packDir: string): PolicyManifest {
    const file = path.join(packDir, "PulumiPolicy.yaml");
    let doc: unknown;
    try {
        doc = parseYaml(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`failed to load Pulumi policy project located at "${packDir}": ${(e as Error).message}`);
    }
    if (!isPlainObject(doc)) {
        throw new Error(`failed to load Pulumi policy project located at "${packDir}": ${file} is not a mapping`);
    }
    const runtime = doc["runtime"];
    const runtimeName = isPlainObject(runtime) ? runtime["name"] : runtime;
    if (runtimeName !== "nodejs") {
        throw new Error(
            `policy pack at "${packDir}" has runtime ${JSON.stringify(runtimeName)}; the offline harness runs nodejs packs only`,
        );
    }
    const args: string[] = [];
    const options = isPlainObject(runtime) && isPlainObject(runtime["options"]) ? runtime["options"] : {};
    for (const [key, value] of Object.entries(options)) {
        const text = String(value ?? "");
        if (text !== "") {
            args.push(`-${key}=${text}`);
        }
    }
    const version = doc["version"];
    return { version: typeof version === "string" || typeof version === "number" ? String(version) : "", args };
}

function levelFromProto(pb: typeof analyzerPbTypes, level: number): EnforcementLevel {
    switch (level) {
        case pb.EnforcementLevel.ADVISORY:
            return "advisory";
        case pb.EnforcementLevel.MANDATORY:
            return "mandatory";
        case pb.EnforcementLevel.DISABLED:
            return "disabled";
        case pb.EnforcementLevel.REMEDIATE:
            return "remediate";
        default:
            throw new Error(`invalid enforcement level ${level}`);
    }
}

function levelToProto(pb: typeof analyzerPbTypes, level: EnforcementLevel): analyzerPbTypes.EnforcementLevel {
    switch (level) {
        case "advisory":
            return pb.EnforcementLevel.ADVISORY;
        case "mandatory":
            return pb.EnforcementLevel.MANDATORY;
        case "disabled":
            return pb.EnforcementLevel.DISABLED;
        case "remediate":
            return pb.EnforcementLevel.REMEDIATE;
    }
}

/** Drops keys starting with `__` at every level (the engine's SkipInternalKeys). */
function withoutInternalKeys(value: JsonValue): JsonValue {
    if (Array.isArray(value)) {
        return value.map(withoutInternalKeys);
    }
    if (value !== null && typeof value === "object") {
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(value)) {
            if (!k.startsWith("__")) {
                out[k] = withoutInternalKeys(v);
            }
        }
        return out;
    }
    return value;
}

function urnName(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts.slice(3).join("::") : urn;
}

function urnType(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? (parts[2].split("$").pop() as string) : "";
}

/** A started pack: the child process, what it printed, and its exit. */
class PackProcess {
    public stdout = "";
    public stderr = "";
    public exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    public readonly closed: Promise<void>;

    public constructor(public readonly child: ChildProcess) {
        child.stdout?.setEncoding("utf8");
        child.stderr?.setEncoding("utf8");
        child.stdout?.on("data", (chunk: string) => {
            if (this.stdout.length < 1_000_000) {
                this.stdout += chunk;
            }
        });
        child.stderr?.on("data", (chunk: string) => {
            if (this.stderr.length < 1_000_000) {
                this.stderr += chunk;
            }
        });
        this.closed = new Promise((resolve) => {
            child.on("exit", (code, signal) => {
                this.exit = { code, signal };
            });
            child.on("close", (code: number | null, signal: NodeJS.Signals | null) => {
                this.exit = this.exit ?? { code, signal };
                resolve();
            });
            child.on("error", (err) => {
                this.stderr += `\n[spawn error] ${err.message}`;
                this.exit = this.exit ?? { code: null, signal: null };
                resolve();
            });
        });
    }

    public describeExit(): string {
        if (!this.exit) {
            return "is still running";
        }
        return this.exit.signal ? `was killed by ${this.exit.signal}` : `exited with code ${String(this.exit.code)}`;
    }

    /** Resolves with the port the pack printed as its first stdout line. */
    public async port(timeoutMs: number): Promise<number> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const newline = this.stdout.indexOf("\n");
            if (newline >= 0) {
                const line = this.stdout.slice(0, newline).trim();
                if (!/^\d+$/.test(line)) {
                    throw new Error(`policy pack printed ${JSON.stringify(line)} instead of its port as the first line of stdout`);
                }
                return Number(line);
            }
            if (this.exit) {
                await this.closed;
                throw new Error(`policy pack ${this.describeExit()} before printing its port`);
            }
            if (Date.now() > deadline) {
                throw new Error(`policy pack did not print its port within ${timeoutMs} ms`);
            }
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
    }

    /** SIGINT (what the CLI sends), then SIGKILL after a grace period; resolves once the process is gone. */
    public async stop(graceMs = 3000): Promise<void> {
        if (!this.exit) {
            this.child.kill("SIGINT");
            const timer = setTimeout(() => {
                if (!this.exit) {
                    this.child.kill("SIGKILL");
                }
            }, graceMs);
            await this.closed;
            clearTimeout(timer);
        } else {
            await this.closed;
        }
    }
}

/** The Analyzer service's method definitions (paths and the stubs' own encoders), by method. */
type AnalyzerMethods = typeof analyzerGrpcTypes.AnalyzerService;

/** What `GetAnalyzerInfo` says about the pack. */
interface PackInfo {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    /** Sorted by name, like the CLI. */
    readonly policies: readonly AnalyzerPolicyMetadata[];
    readonly initialConfig: ReadonlyMap<string, PolicyConfigEntry>;
}

/** The outcome of `Remediate` then `Analyze` for one resource. */
interface ResourceVerdict {
    readonly violations: readonly PolicyViolation[];
    readonly remediations: readonly PolicyRemediation[];
    /** The inputs after remediation, when a remediation changed them. */
    readonly remediatedInputs: JsonObject | undefined;
    readonly mandatory: boolean;
}

/** An analyzer client bound to one pack process, building requests the way the engine does. */
class AnalyzerSession {
    private byUrn: ReadonlyMap<string, CapturedResource> = new Map();

    public constructor(
        private readonly proto: ProtoModules,
        private readonly channel: UnaryChannel,
        private readonly rpcTimeoutMs: number,
    ) {}

    /** The graph the analyze calls are about (provider resources are looked up in it). */
    public useResources(resources: readonly CapturedResource[]): void {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    }

    /** The definition of one Analyzer method: its path and the stubs' serializers. */
    private method<K extends keyof AnalyzerMethods>(name: K): AnalyzerMethods[K] {
        return this.proto.rpc.AnalyzerService[name];
    }

    /** One unary call with a deadline; rejects with an Error carrying the gRPC status `code`. */
    public async call<Req, Res>(name: string, method: UnaryMethodDefinition<Req, Res>, request: Req | Buffer): Promise<Res> {
        try {
            return await this.channel.call(method, request, this.rpcTimeoutMs);
        } catch (e) {
            const err = e instanceof GrpcCallError ? e : new GrpcCallError(GrpcStatus.UNKNOWN, String(e));
            const wrapped = new Error(`${name} failed: ${err.details || err.message}`) as Error & { code?: number };
            wrapped.code = err.code;
            throw wrapped;
        }
    }

    /** Like {@link call}, but UNIMPLEMENTED resolves to undefined (the engine tolerates it for these calls). */
    public async optionalCall<Req, Res>(name: string, method: UnaryMethodDefinition<Req, Res>, request: Req | Buffer): Promise<Res | undefined> {
        try {
            return await this.call(name, method, request);
        } catch (e) {
            if ((e as { code?: number }).code === GrpcStatus.UNIMPLEMENTED) {
                return undefined;
            }
            throw e;
        }
    }

    /** `Handshake` then `ConfigureStack`; @pulumi/policy 1.21 does not implement Handshake. */
    public async handshakeAndConfigureStack(opts: PolicyRunOptions, packDir: string, engineAddress: string): Promise<void> {
        const { pb } = this.proto;
        const handshake = new pb.AnalyzerHandshakeRequest()
            .setEngineAddress(engineAddress)
            .setRootDirectory(packDir)
            .setProgramDirectory(packDir);
        await this.optionalCall("Handshake", this.method("handshake"), handshake);
        const request = new pb.AnalyzerStackConfigureRequest()
            .setStack(opts.stack)
            .setProject(opts.project)
            .setOrganization(opts.organization ?? "")
            .setDryRun(opts.dryRun);
        for (const [k, v] of Object.entries(opts.stackConfig)) {
            request.getConfigMap().set(k, v);
        }
        for (const [k, v] of Object.entries(opts.stackTags ?? {})) {
            request.getTagsMap().set(k, v);
        }
        await this.optionalCall("ConfigureStack", this.method("configureStack"), request);
    }

    /** `GetAnalyzerInfo`, converted like the CLI's `analyzer.GetAnalyzerInfo`. */
    public async analyzerInfo(manifestVersion: string): Promise<PackInfo> {
        const { pb, empty } = this.proto;
        const info = await this.call(
            "GetAnalyzerInfo",
            this.method("getAnalyzerInfo"),
            new empty.Empty(),
        );
        const supportsConfig = info.getSupportsconfig();
        const policies = info.getPoliciesList().map((p): AnalyzerPolicyMetadata => {
            const schema = p.getConfigschema();
            const properties = (schema?.getProperties()?.toJavaScript() ?? {}) as Record<string, JsonSchema>;
            return {
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: levelFromProto(pb, p.getEnforcementlevel()),
                configSchema: supportsConfig
                    ? {
                          properties: { ...properties, enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] } },
                          required: schema?.getRequiredList() ?? [],
                      }
                    : undefined,
            };
        });
        policies.sort((a, b) => compareStrings(a.name, b.name));
        const initialConfig = new Map<string, PolicyConfigEntry>();
        info.getInitialconfigMap().forEach((value, key) => {
            // Like the CLI: an initial config entry that sets no level reads as ADVISORY (the proto default).
            initialConfig.set(key, {
                enforcementLevel: levelFromProto(pb, value.getEnforcementlevel()),
                properties: value.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
            });
        });
        return {
            name: info.getName(),
            // The version in PulumiPolicy.yaml, if set, wins over the pack's (as in the CLI).
            version: manifestVersion || info.getVersion(),
            supportsConfig,
            policies,
            initialConfig,
        };
    }

    /** `Configure` with every policy's enforcement level and properties. */
    public async configure(config: ReadonlyMap<string, PolicyConfigEntry>): Promise<void> {
        const { pb, struct } = this.proto;
        const request = new pb.ConfigureAnalyzerRequest();
        for (const [name, entry] of config) {
            if (entry.enforcementLevel === "") {
                throw new PolicyConfigError([`invalid enforcement level "" for "${name}"`]);
            }
            const policyConfig = new pb.PolicyConfig()
                .setEnforcementlevel(levelToProto(pb, entry.enforcementLevel))
                .setProperties(struct.Struct.fromJavaScript((entry.properties ?? {}) as Record<string, structPbTypes.JavaScriptValue>));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        await this.call("Configure", this.method("configure"), request);
    }

    /** `Remediate` then `Analyze` one resource, as `stepGenerator.generateSteps` does. */
    public async analyzeResource(r: CapturedResource): Promise<ResourceVerdict> {
        const violations: PolicyViolation[] = [];
        const remediations: PolicyRemediation[] = [];
        let inputs = r.inputs;
        let remediatedInputs: JsonObject | undefined;
        // The same request, serialized once, serves Remediate and, unless a remediation changed the
        // inputs, Analyze.
        const request = Buffer.from(this.analyzeRequest(r, inputs).serializeBinary());
        const remediated = await this.optionalCall(`Remediate(${r.urn})`, this.method("remediate"), request);
        for (const rem of remediated?.getRemediationsList() ?? []) {
            const properties = rem.getProperties();
            if (rem.getDiagnostic()) {
                violations.push({
                    policy: rem.getPolicyname(),
                    policyPack: rem.getPolicypackname(),
                    enforcementLevel: "advisory",
                    urn: r.urn,
                    message: rem.getDiagnostic(),
                });
            } else if (properties) {
                inputs = properties.toJavaScript() as JsonObject;
                remediatedInputs = inputs;
                remediations.push({ policy: rem.getPolicyname(), urn: r.urn, properties: inputs });
            }
        }
        const analyzed = await this.call(
            `Analyze(${r.urn})`,
            this.method("analyze"),
            remediatedInputs ? this.analyzeRequest(r, inputs) : request,
        );
        let mandatory = false;
        for (const d of analyzed.getDiagnosticsList()) {
            const level = this.level(d);
            mandatory = mandatory || level === "mandatory";
            // Like the engine: an Analyze diagnostic is always attributed to the analyzed resource.
            violations.push({
                policy: d.getPolicyname(),
                policyPack: d.getPolicypackname(),
                enforcementLevel: level,
                urn: r.urn,
                message: d.getMessage(),
            });
        }
        return { violations, remediations, remediatedInputs, mandatory };
    }

    /** One `AnalyzeStack` with every resource, as `stepGenerator.AnalyzeResources` does. */
    public async analyzeStack(
        resources: readonly CapturedResource[],
        remediatedInputs: ReadonlyMap<string, JsonObject>,
    ): Promise<PolicyViolation[]> {
        const { pb } = this.proto;
        const request = new pb.AnalyzeStackRequest().setResourcesList(
            resources.map((r) => {
                // The engine sends the state's outputs. A provider's outputs include its inputs; captured mock
                // outputs may not, so inputs fill in underneath. A remediation changes the inputs a provider
                // would have echoed, so it wins. Components: outputs only (their registered outputs).
                const props: JsonObject = r.custom ? { ...r.inputs, ...r.outputs, ...(remediatedInputs.get(r.urn) ?? {}) } : r.outputs;
                const resource = new pb.AnalyzerResource()
                    .setUrn(r.urn)
                    .setType(r.type)
                    .setName(r.name)
                    .setProperties(this.struct(props))
                    .setOptions(this.options(r, false))
                    .setParent(r.parent)
                    .setDependenciesList([...r.dependencies]);
                const provider = this.provider(r);
                if (provider) {
                    resource.setProvider(provider);
                }
                for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
                    if (urns.length > 0) {
                        resource.getPropertydependenciesMap().set(prop, new pb.AnalyzerPropertyDependencies().setUrnsList([...urns]));
                    }
                }
                return resource;
            }),
        );
        const analyzed = await this.optionalCall(
            "AnalyzeStack",
            this.method("analyzeStack"),
            request,
        );
        return (analyzed?.getDiagnosticsList() ?? []).map((d) => ({
            policy: d.getPolicyname(),
            policyPack: d.getPolicypackname(),
            enforcementLevel: this.level(d),
            urn: d.getUrn(),
            message: d.getMessage(),
        }));
    }

    private analyzeRequest(r: CapturedResource, inputs: JsonObject): analyzerPbTypes.AnalyzeRequest {
        const request = new this.proto.pb.AnalyzeRequest()
            .setUrn(r.urn)
            .setType(r.type)
            .setName(r.name)
            .setProperties(this.struct(inputs))
            .setOptions(this.options(r, true));
        const provider = this.provider(r);
        if (provider) {
            request.setProvider(provider);
        }
        return request;
    }

    private struct(props: JsonObject): structPbTypes.Struct {
        return this.proto.struct.Struct.fromJavaScript(withoutInternalKeys(props) as Record<string, structPbTypes.JavaScriptValue>);
    }

    /** The provider resource with its inputs, like `stepGenerator.getProviderResource`. */
    private provider(r: CapturedResource): analyzerPbTypes.AnalyzerProviderResource | undefined {
        if (!r.provider) {
            return undefined;
        }
        // A provider reference may be `<urn>::<id>`; accept either form.
        const p = this.byUrn.get(r.provider) ?? this.byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::")));
        const urn = p?.urn ?? r.provider;
        return new this.proto.pb.AnalyzerProviderResource()
            .setUrn(urn)
            .setType(p?.type ?? urnType(urn))
            .setName(p?.name ?? urnName(urn))
            .setProperties(this.struct(p?.inputs ?? {}));
    }

    /** Resource options; `Analyze` carries the parent in them, `AnalyzeStack` in the resource itself. */
    private options(r: CapturedResource, withParent: boolean): analyzerPbTypes.AnalyzerResourceOptions {
        const { pb } = this.proto;
        const options = new pb.AnalyzerResourceOptions()
            .setProtect(r.protect)
            .setIgnorechangesList([...r.ignoreChanges])
            .setAdditionalsecretoutputsList([])
            .setAliasesList([])
            .setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts().setCreate(0).setUpdate(0).setDelete(0));
        if (withParent && r.parent) {
            options.setParent(r.parent);
        }
        return options;
    }

    /** The engine reports "remediate" diagnostics as "mandatory". */
    private level(d: analyzerPbTypes.AnalyzeDiagnostic): EnforcementLevel {
        const level = levelFromProto(this.proto.pb, d.getEnforcementlevel());
        return level === "remediate" ? "mandatory" : level;
    }
}

function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** The environment the CLI gives a nodejs policy pack (`constructEnv`): empty values are left unset. */
function packEnvironment(opts: PolicyRunOptions): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    const set = (key: string, value: string): void => {
        if (value !== "") {
            env[key] = value;
        } else {
            delete env[key];
        }
    };
    set("PULUMI_CONFIG", Object.keys(opts.stackConfig).length > 0 ? JSON.stringify(opts.stackConfig) : "");
    for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
        set(`${prefix}ORGANIZATION`, opts.organization ?? "");
        set(`${prefix}PROJECT`, opts.project);
        set(`${prefix}STACK`, opts.stack);
        set(`${prefix}DRY_RUN`, String(opts.dryRun));
    }
    return env;
}

/** The `resources` promise rejected: carries the caller's error through the pack's cleanup. */
class CaptureFailed {
    public constructor(public readonly cause: unknown) {}
}

/** A loopback listener standing in for the engine: the pack gets a real address but never calls it. */
async function listenAsEngine(): Promise<net.Server> {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
    });
    return server;
}

/**
 * Runs a policy pack against a captured resource graph over the analyzer protocol, as `pulumi preview/up
 * --policy-pack <packDir>` would, and returns its verdicts. The pack process is always gone when the
 * returned promise settles, whether it resolves or rejects.
 *
 * @throws PolicyConfigError when `policyConfig` is invalid for the pack.
 * @throws PolicyPackError when the pack fails to start, crashes, or an analyzer call fails (message
 *   includes the pack's stderr).
 */
export async function runPolicyPack(opts: PolicyRunOptions): Promise<PolicyRunResult> {
    const t0 = Date.now();
    // Awaited only once the pack is configured; until then (and if this run fails before that) a
    // rejected capture must not surface as an unhandled rejection.
    const resourcesPromise = Promise.resolve(opts.resources);
    resourcesPromise.catch(() => undefined);
    if (!path.isAbsolute(opts.packDir)) {
        throw new Error(`packDir must be absolute, got "${opts.packDir}"`);
    }
    if (opts.unknownOutputs && !opts.dryRun) {
        throw new Error("unknownOutputs models a preview: set dryRun to true");
    }
    const packDir = path.resolve(opts.packDir);
    const userConfig = parsePolicyConfig(opts.policyConfig ?? {});
    const manifest = loadManifest(packDir);
    let runScript: string;
    let proto: ProtoModules;
    try {
        runScript = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
        proto = loadProto(packDir);
    } catch (e) {
        throw new Error(
            `it looks like the policy pack's dependencies are not installed; try running npm install in "${packDir}" ` +
                `(${(e as Error).message.split("\n")[0]})`,
        );
    }
    const rpcTimeoutMs = opts.rpcTimeoutMs ?? 60_000;
    const engine = await listenAsEngine();
    const engineAddress = `127.0.0.1:${(engine.address() as net.AddressInfo).port}`;

    let pack: PackProcess | undefined;
    let channel: UnaryChannel | undefined;
    const killOnExit = (): void => {
        pack?.child.kill("SIGKILL");
    };
    process.on("exit", killOnExit);
    let started = false;
    let failure: unknown;
    let result: PolicyRunResult | undefined;
    try {
        pack = new PackProcess(
            // LANDING_ZONE_PACK_NODE_ARGS: extra node flags for the pack process (e.g. --cpu-prof), to profile it.
            spawn(process.execPath, [...(process.env.LANDING_ZONE_PACK_NODE_ARGS ?? "").split(" ").filter(Boolean), runScript, engineAddress, packDir, ...manifest.args], {
                cwd: packDir,
                env: packEnvironment(opts),
                stdio: ["ignore", "pipe", "pipe"],
            }),
        );
        const port = await pack.port(opts.startTimeoutMs ?? 60_000);
        started = true;
        // @pulumi/policy's server (server.js) takes messages up to 400 MiB; this client
        // sets no limit of its own.
        channel = await UnaryChannel.connect(`127.0.0.1:${port}`, rpcTimeoutMs);
        const tReady = Date.now();

        const session = new AnalyzerSession(proto, channel, rpcTimeoutMs);
        await session.handshakeAndConfigureStack(opts, packDir, engineAddress);
        const info = await session.analyzerInfo(manifest.version);
        let effective = new Map<string, PolicyConfigEntry>(
            info.policies.map((p) => [p.name, { enforcementLevel: p.enforcementLevel, properties: undefined }]),
        );
        if (info.supportsConfig) {
            effective = reconcilePolicyConfig(`${info.name} ${info.version}`, info.policies, info.initialConfig, userConfig);
            await session.configure(effective);
        } else if (userConfig.size > 0) {
            throw new PolicyConfigError([`policy pack "${info.name}" at "${packDir}" does not support config`]);
        }

        const given = await resourcesPromise.catch((e: unknown) => {
            throw new CaptureFailed(e);
        });
        const resources = opts.unknownOutputs ? toPreviewResources(given) : [...given];
        session.useResources(resources);
        const tAnalyze = Date.now();
        const violations: PolicyViolation[] = [];
        const remediations: PolicyRemediation[] = [];
        const remediatedInputs = new Map<string, JsonObject>();
        let mandatoryInAnalyze = false;
        let stoppedEarly = false;
        // The engine analyzes resources as their steps are generated, many at once; unless we must stop at
        // the first mandatory violation, keep a window of calls in flight (measured at 4,500 resources:
        // one at a time 7.6 s, 16 in flight 5.9 s, 64 in flight 4.3 s, 256 no better). Results are
        // gathered by index, so the outcome does not depend on timing.
        const window = opts.stopAtFirstMandatory ? 1 : 64;
        const verdicts: Awaited<ReturnType<typeof session.analyzeResource>>[] = new Array(resources.length);
        let next = 0;
        let failed = false;
        const worker = async (): Promise<void> => {
            while (next < resources.length && !stoppedEarly && !failed) {
                const i = next++;
                let verdict: ResourceVerdict;
                try {
                    verdict = await session.analyzeResource(resources[i]);
                } catch (e) {
                    // The first failure ends the run: the other workers start no new calls.
                    failed = true;
                    throw e;
                }
                verdicts[i] = verdict;
                // Only an update stops: in a preview the engine reports every violation and runs AnalyzeStack.
                if (verdict.mandatory && opts.stopAtFirstMandatory && !opts.dryRun) {
                    stoppedEarly = true;
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(window, resources.length) }, worker));
        resources.forEach((r, i) => {
            const verdict = verdicts[i];
            if (!verdict) {
                return;
            }
            violations.push(...verdict.violations);
            remediations.push(...verdict.remediations);
            if (verdict.remediatedInputs) {
                remediatedInputs.set(r.urn, verdict.remediatedInputs);
            }
            mandatoryInAnalyze = mandatoryInAnalyze || verdict.mandatory;
        });
        const tStack = Date.now();
        if (!stoppedEarly) {
            violations.push(...(await session.analyzeStack(resources, remediatedInputs)));
        }
        const tEnd = Date.now();

        violations.sort(
            (a, b) => compareStrings(a.policy, b.policy) || compareStrings(a.urn, b.urn) || compareStrings(a.message, b.message),
        );
        result = {
            packName: info.name,
            packVersion: info.version,
            policies: info.policies.map((p) => ({
                name: p.name,
                description: p.description,
                enforcementLevel: effective.get(p.name)?.enforcementLevel || p.enforcementLevel,
            })),
            violations,
            remediations,
            engineWouldStopEarly: mandatoryInAnalyze && !opts.dryRun,
            stoppedEarly,
            packPid: pack.child.pid ?? -1,
            timingsMs: { start: tReady - t0, analyze: tStack - tAnalyze, analyzeStack: tEnd - tStack, total: 0 },
        };
    } catch (e) {
        failure = e;
    } finally {
        channel?.close();
        await pack?.stop();
        process.removeListener("exit", killOnExit);
        await new Promise<void>((resolve) => engine.close(() => resolve()));
    }
    if (failure !== undefined || result === undefined) {
        if (failure instanceof PolicyConfigError) {
            throw failure;
        }
        if (failure instanceof CaptureFailed) {
            // The caller's capture failed, not the pack: its error, as it was.
            throw failure.cause;
        }
        const message = failure instanceof Error ? failure.message : String(failure);
        // A pack that died mid-run shows up as a failed call; say that it exited, and how.
        const exit = started && pack?.exit && !pack.exit.signal ? ` (the pack ${pack.describeExit()})` : "";
        throw new PolicyPackError(`policy pack at "${packDir}": ${message}${exit}`, pack?.stderr ?? "");
    }
    return { ...result, timingsMs: { ...result.timingsMs, total: Date.now() - t0 } };
}
