/**
 * JSON-Schema validation of a policy's config, with ajv, reported in the words of the CLI's validator.
 *
 * The CLI validates each policy's properties against its `configSchema` with gojsonschema
 * (`pkg/resource/analyzer/config.go`, `validatePolicyPackConfig`) and prints `<field>: <description>`
 * in gojsonschema's English locale (https://github.com/xeipuuv/gojsonschema, `locales.go`). @pulumi/policy's
 * `PolicyConfigJSONSchema` is draft-07 (numeric `exclusiveMinimum`), which is ajv's default draft.
 * ajv does the validating; this module only turns its errors into those sentences.
 *
 * @module
 */
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import * as net from "net";

/** A JSON Schema (draft-07) as a policy's `configSchema` holds it. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/**
 * The formats gojsonschema checks that a policy config is likely to use. ajv ships none (they live in
 * the separate ajv-formats package); a format not listed here is ignored, as gojsonschema ignores formats
 * it does not know.
 */
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

let shared: Ajv | undefined;

function ajv(): Ajv {
    if (!shared) {
        // allErrors: report every problem at once, like gojsonschema. strict: false, because the CLI accepts
        // keywords it does not know (a pack that deploys with the CLI must not fail here). verbose: the
        // messages quote the schema's own values (enum members, the expected types).
        shared = new Ajv({ allErrors: true, strict: false, verbose: true, logger: false });
        for (const [name, check] of Object.entries(FORMATS)) {
            shared.addFormat(name, check);
        }
    }
    return shared;
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

/** gojsonschema's field path: `(root)`, `limit`, `tags.1`. */
function fieldOf(instancePath: string): string {
    if (instancePath === "") {
        return "(root)";
    }
    return instancePath
        .slice(1)
        .split("/")
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .join(".");
}

/** Errors inside a branch of anyOf/oneOf/propertyNames only explain the combinator's own error. */
function isBranchDetail(e: ErrorObject): boolean {
    const path = e.schemaPath.slice(0, e.schemaPath.lastIndexOf("/"));
    return /\/(anyOf|oneOf)\/\d+(\/|$)|\/propertyNames(\/|$)/.test(path);
}

/** One ajv error in gojsonschema's wording, without the field. */
function describe(e: ErrorObject, field: string): string {
    const p = e.params as Record<string, unknown>;
    const name = field === "(root)" ? field : field.slice(field.lastIndexOf(".") + 1);
    switch (e.keyword) {
        case "type": {
            const types = Array.isArray(e.schema) ? (e.schema as string[]) : [String(e.schema)];
            return `Invalid type. Expected: ${types.join("/")}, given: ${jsonType(e.data)}`;
        }
        case "enum":
            return `${name} must be one of the following: ${(e.schema as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        case "const":
            return `${name} does not match: ${JSON.stringify(p.allowedValue)}`;
        case "minimum":
            return `Must be greater than or equal to ${String(p.limit)}`;
        case "maximum":
            return `Must be less than or equal to ${String(p.limit)}`;
        case "exclusiveMinimum":
            return `Must be greater than ${String(p.limit)}`;
        case "exclusiveMaximum":
            return `Must be less than ${String(p.limit)}`;
        case "multipleOf":
            return `Must be a multiple of ${String(p.multipleOf)}`;
        case "minLength":
            return `String length must be greater than or equal to ${String(p.limit)}`;
        case "maxLength":
            return `String length must be less than or equal to ${String(p.limit)}`;
        case "pattern":
            return `Does not match pattern '${String(p.pattern)}'`;
        case "format":
            return `Does not match format '${String(p.format)}'`;
        case "minItems":
            return `Array must have at least ${String(p.limit)} items`;
        case "maxItems":
            return `Array must have at most ${String(p.limit)} items`;
        case "uniqueItems": {
            const [a, b] = [Number(p.i), Number(p.j)].sort((x, y) => x - y);
            return `array items[${a},${b}] must be unique`;
        }
        case "additionalItems":
            return "No additional items allowed on array";
        case "contains":
            return "At least one of the items must match";
        case "minProperties":
            return `Must have at least ${String(p.limit)} properties`;
        case "maxProperties":
            return `Must have at most ${String(p.limit)} properties`;
        case "required":
            return `${String(p.missingProperty)} is required`;
        case "additionalProperties":
            return `Additional property ${String(p.additionalProperty)} is not allowed`;
        case "propertyNames":
            return `Property name of "${String(p.propertyName)}" does not match`;
        case "dependencies":
            return `Has a dependency on ${String(p.missingProperty)}`;
        case "anyOf":
            return "Must validate at least one schema (anyOf)";
        case "oneOf":
            return "Must validate one and only one schema (oneOf)";
        case "not":
            return "Must not validate the schema (not)";
        case "if":
            return `Must validate "${String(p.failingKeyword)}" as "if" was valid`;
        case "false schema":
            return "False always fails validation";
        default:
            return e.message ?? e.keyword;
    }
}

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Validates `value` against `schema` and returns one `<field>: <description>` line per problem, in the
 * order ajv finds them, without duplicates (empty when valid).
 *
 * @throws Error when `schema` itself is not a valid draft-07 schema (the pack's `configSchema` is broken).
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown): string[] {
    let validate: ValidateFunction | undefined = typeof schema === "object" ? compiled.get(schema) : undefined;
    if (!validate) {
        validate = ajv().compile(schema);
        if (typeof schema === "object") {
            compiled.set(schema, validate);
        }
    }
    if (validate(value)) {
        return [];
    }
    const lines = (validate.errors ?? [])
        .filter((e) => !isBranchDetail(e))
        .map((e) => {
            const field = fieldOf(e.instancePath);
            return `${field}: ${describe(e, field)}`;
        });
    return [...new Set(lines)];
}
