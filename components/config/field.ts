/**
 * Field documentation, attached to the zod schema of each config field (the one place a field's doc
 * lives). The configuration reference in README.md is generated from it (components/config/docs.ts).
 */
import { z } from "zod";

/** What the configuration reference says about one field. */
export interface FieldDoc {
    /** What the field does and the rules it must follow (Markdown, one or two sentences). */
    readonly doc: string;
    /** The type column, when the derived one ("string", "int", "list of string", …) says too little. @default derived */
    readonly type?: string;
    /** The default column, when the default is computed rather than a value. @default derived from `.default()` */
    readonly default?: string;
    /** For a map: the placeholder of its key in the reference, e.g. `<region>`. @default the map is one row */
    readonly keyLabel?: string;
}

/** Docs by schema instance. */
export const fieldDocs = z.registry<FieldDoc>();

/**
 * Documents a field: returns a copy of `schema` (so a shared primitive such as a CIDR string can carry a
 * different doc at every place it is used) registered with `doc`.
 */
export function field<T extends z.ZodType>(schema: T, doc: FieldDoc): T {
    const copy = schema.clone() as T;
    fieldDocs.add(copy, doc);
    return copy;
}

/** Deeply readonly view of a parsed value: what the program receives must not be changed by it. */
export type DeepReadonly<T> = T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;
