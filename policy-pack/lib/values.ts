/**
 * Typed accessors over {@link Value} snapshots. Each returns `undefined` when the value is absent or
 * of another type and {@link UNKNOWN} when it is unknown, so a caller must face both cases.
 *
 * @module
 */
import { isUnknown, Props, Unknown, UNKNOWN, Value } from "./unknown";

export type Maybe<T> = T | Unknown | undefined;

/** A plain object value (not an array, not unknown). */
export function isRecord(v: Value | undefined): v is { [key: string]: Value } {
    return v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v) && !isUnknown(v);
}

export function str(v: Value | undefined): Maybe<string> {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    return typeof v === "string" ? v : undefined;
}

export function bool(v: Value | undefined): Maybe<boolean> {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (typeof v === "boolean") {
        return v;
    }
    // Provider inputs and some bridged booleans arrive as strings.
    if (v === "true" || v === "false") {
        return v === "true";
    }
    return undefined;
}

export function num(v: Value | undefined): Maybe<number> {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (typeof v === "number") {
        return v;
    }
    if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) {
        return Number(v);
    }
    return undefined;
}

export function arr(v: Value | undefined): Maybe<Value[]> {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    return Array.isArray(v) ? v : undefined;
}

/** True if the property is present with a non-empty (or unknown) value: "this route targets X". */
export function isSet(props: Props, key: string): boolean {
    if (!(key in props)) {
        return false;
    }
    const v = props[key];
    return isUnknown(v) || (v !== null && v !== "");
}

/**
 * A JSON-valued property: provider inputs such as `defaultTags` arrive JSON-encoded (the Node SDK
 * serializes non-string provider inputs), resource inputs arrive as objects. Returns the object form.
 */
export function jsonish(v: Value | undefined): Value | undefined {
    if (typeof v === "string") {
        try {
            return JSON.parse(v) as Value;
        } catch {
            return undefined;
        }
    }
    return v;
}

/** A known string tag value. */
export function tag(props: Props, key: string): string | undefined {
    const t = props["tags"];
    const v = isRecord(t) ? t[key] : undefined;
    return typeof v === "string" ? v : undefined;
}
