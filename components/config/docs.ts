/**
 * The README's configuration reference, generated from the schemas (units.ts, traffic.ts): one row per
 * field with its type, default and doc, in schema order. tests/config/docs.spec.ts fails when README.md
 * and the schemas drift; `npm run docs` rewrites the README between the markers.
 *
 * Run directly (`ts-node components/config/docs.ts [--check]`) it rewrites README.md, or with --check
 * exits 1 when the README is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { DEPENDENCY_TABLE_SECTION, renderDependencyTable } from "../aws/service-dependencies";
import { FieldDoc, fieldDocs } from "./field";
import { unwrap } from "./problems";
import { TRAFFIC_KEY, trafficSchema } from "./traffic";
import { landingZoneSchema } from "./units";

/** One row of the reference. */
export interface ReferenceRow {
    /** Config key below the namespace, e.g. `spokes[].cidr`. */
    readonly key: string;
    readonly type: string;
    readonly default: string;
    readonly doc: string;
}

type Schema = z.core.$ZodType;

/** Documentation of `schema`: the first doc found on it or on a wrapper inside it (default, optional, pipe). */
function docOf(schema: Schema): FieldDoc | undefined {
    let s: Schema | undefined = schema;
    while (s) {
        const d = fieldDocs.get(s as z.ZodType);
        if (d) {
            return d;
        }
        const def = s._zod.def as unknown as { type: string; innerType?: Schema; in?: Schema };
        s = def.type === "pipe" ? def.in : def.innerType;
    }
    return undefined;
}

/** `{ default }` when a wrapper sets one, `{ optional: true }` for optional, else required. */
function presence(schema: Schema): { readonly default?: unknown; readonly optional?: boolean } {
    let s: Schema | undefined = schema;
    while (s) {
        const def = s._zod.def as unknown as { type: string; innerType?: Schema; in?: Schema; defaultValue?: unknown };
        if (def.type === "default" || def.type === "prefault") {
            return { default: def.defaultValue };
        }
        if (def.type === "optional") {
            return { optional: true };
        }
        s = def.type === "pipe" ? def.in : def.innerType;
    }
    return {};
}

function formatValue(v: unknown): string {
    if (Array.isArray(v)) {
        return `\`[${v.map((x) => String(x)).join(", ")}]\``;
    }
    if (v !== null && typeof v === "object") {
        return Object.keys(v).length === 0 ? "`{}`" : "—";
    }
    return `\`${String(v)}\``;
}

/** The type column derived from the schema, when the field's doc does not give one. */
function derivedType(schema: Schema): string {
    const s = unwrap(schema);
    const def = s._zod.def as unknown as {
        type: string;
        checks?: { _zod: { def: { check: string; format?: string } } }[];
        entries?: Record<string, string>;
        element?: Schema;
    };
    switch (def.type) {
        case "string":
            return "string";
        case "boolean":
            return "bool";
        case "number":
            return (def.checks ?? []).some((c) => c._zod.def.check === "number_format" && c._zod.def.format === "safeint")
                ? "int"
                : "number";
        case "enum":
            return Object.values(def.entries ?? {})
                .map((e) => `\`${e}\``)
                .join("/");
        case "array":
            return def.element ? `list of ${derivedType(def.element)}` : "list";
        case "record":
            return "map";
        case "object":
            return "object";
        default:
            return def.type;
    }
}

function row(key: string, schema: Schema, doc: FieldDoc): ReferenceRow {
    const p = presence(schema);
    const dflt = doc.default ?? (p.default !== undefined ? formatValue(p.default) : p.optional ? "—" : "required");
    return { key, type: doc.type ?? derivedType(schema), default: dflt, doc: doc.doc };
}

/**
 * Rows of one field and everything under it. An object becomes its fields (plus a row of its own when
 * documented), a list of objects `key[]` and its element's fields, a map with a `keyLabel` `key.<label>`.
 * A leaf without a doc is an error: every field the user can set is documented.
 */
export function referenceRows(key: string, schema: Schema): ReferenceRow[] {
    const doc = docOf(schema);
    const inner = unwrap(schema);
    const def = inner._zod.def as unknown as { type: string; shape?: Record<string, Schema>; element?: Schema; valueType?: Schema };
    if (def.type === "object" && def.shape) {
        const own = doc ? [row(key, schema, doc)] : [];
        return own.concat(Object.entries(def.shape).flatMap(([k, v]) => referenceRows(`${key}.${k}`, v)));
    }
    if (def.type === "array" && def.element && unwrap(def.element)._zod.def.type === "object") {
        const own = doc ? [row(`${key}[]`, schema, { ...doc, type: doc.type ?? "list" })] : [];
        return own.concat(referenceRows(`${key}[]`, def.element).filter((r) => r.key !== `${key}[]`));
    }
    if (!doc) {
        throw new Error(`config field ${key} has no doc: wrap its schema in field(…, { doc }) (components/config/field.ts)`);
    }
    if (def.type === "record" && doc.keyLabel && def.valueType) {
        const own = row(`${key}.${doc.keyLabel}`, schema, { ...doc, type: doc.type ?? derivedType(def.valueType) });
        // A map of objects (accounts by name): the entry's row, then its fields.
        const value = unwrap(def.valueType)._zod.def as unknown as { type: string; shape?: Record<string, Schema> };
        return value.type === "object" && value.shape
            ? [own, ...Object.entries(value.shape).flatMap(([k, v]) => referenceRows(`${key}.${doc.keyLabel}.${k}`, v))]
            : [own];
    }
    return [row(key, schema, doc)];
}

/** Every row of the reference: the program's keys in schema order, then the offline plan's `traffic`. */
export function configReferenceRows(): ReferenceRow[] {
    return Object.entries(landingZoneSchema.shape)
        .flatMap(([k, v]) => referenceRows(k, v))
        .concat(referenceRows(TRAFFIC_KEY, trafficSchema));
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The Markdown table of the configuration reference. */
export function renderConfigReference(): string {
    const lines = [
        "<!-- Generated from components/config/units.ts and traffic.ts by `npm run docs`: edit the schemas, not this table. -->",
        "",
        "| key | type | default | meaning |",
        "| --- | --- | --- | --- |",
        ...configReferenceRows().map((r) => `| \`${cell(r.key)}\` | ${cell(r.type)} | ${cell(r.default)} | ${cell(r.doc)} |`),
    ];
    return `${lines.join("\n")}\n`;
}

/** The markers around a generated README section. */
export function markers(name: string): { readonly begin: string; readonly end: string } {
    return { begin: `<!-- BEGIN GENERATED: ${name} -->`, end: `<!-- END GENERATED: ${name} -->` };
}

/** The text between a section's markers, or undefined when the markers are missing. */
export function generatedSection(readme: string, name: string): string | undefined {
    const { begin, end } = markers(name);
    const a = readme.indexOf(begin);
    const b = readme.indexOf(end);
    return a < 0 || b < a ? undefined : readme.slice(a + begin.length + 1, b);
}

/** `readme` with the section between its markers replaced by `body` (which ends with a newline). */
export function replaceGenerated(readme: string, name: string, body: string): string {
    const { begin, end } = markers(name);
    const a = readme.indexOf(begin);
    const b = readme.indexOf(end);
    if (a < 0 || b < a) {
        throw new Error(`README has no ${begin} … ${end} markers`);
    }
    return readme.slice(0, a + begin.length) + "\n" + body + readme.slice(b);
}

/** Generated README sections this module owns. */
export const CONFIG_REFERENCE = "config-reference";

function main(argv: readonly string[]): number {
    const file = path.resolve(__dirname, "..", "..", "README.md");
    const readme = fs.readFileSync(file, "utf8");
    const updated = replaceGenerated(
        replaceGenerated(readme, CONFIG_REFERENCE, renderConfigReference()),
        DEPENDENCY_TABLE_SECTION,
        renderDependencyTable(),
    );
    if (argv.includes("--check")) {
        if (updated !== readme) {
            process.stderr.write("README.md configuration reference is stale: run `npm run docs`\n");
            return 1;
        }
        return 0;
    }
    if (updated !== readme) {
        fs.writeFileSync(file, updated);
        process.stdout.write("README.md: configuration reference regenerated\n");
    }
    return 0;
}

if (require.main === module) {
    process.exit(main(process.argv.slice(2)));
}
