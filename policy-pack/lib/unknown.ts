/**
 * Preview-time unknowns, handled without ever tripping @pulumi/policy's unknown-checking proxy.
 *
 * How @pulumi/policy 1.21 represents unknowns (node_modules/@pulumi/policy/proxy.js, server.js):
 * - The engine marshals every computed value as a sentinel string (`UnknownStringValue`
 *   "04da6b54-…", whatever the property's type). @pulumi/policy deserializes `props` (and the
 *   provider's props) and wraps them in `unknownCheckingProxy`, whose `get` trap throws
 *   `UnknownValueError` when the value read is one of seven sentinels.
 * - The server catches `UnknownValueError` and reports the policy as an ADVISORY "can't run … during
 *   preview", even when the policy is mandatory: a topology rule that reads an unknown id silently
 *   passes CI. So policies here never read props through the proxy.
 * - The proxy defines only a `get` trap. `Object.keys`, `in` and `Object.getOwnPropertyDescriptor` are
 *   forwarded to the plain target untouched, so {@link snapshot} copies props through descriptors and
 *   turns each sentinel into the {@link UNKNOWN} marker. Policies then decide explicitly what an
 *   unknown means for them.
 * - A resource policy whose verdict needs a value that is unknown calls {@link deferToPreview}, which
 *   re-reads that path through the proxy on purpose: the library's own `UnknownValueError` yields the
 *   honest "can't run during preview" advisory, and `pulumi up` (where per-resource inputs are known)
 *   enforces the rule. Stack (topology) policies never defer: they work from known inputs (CIDRs, names,
 *   tags) and property dependencies, which are known in a preview.
 *
 * @module
 */

/** Marker for a value the engine does not know yet (a preview of a resource to be created). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** A plain, proxy-free copy of a property value; unknowns are {@link UNKNOWN}. */
export type Value = Unknown | null | boolean | number | string | Value[] | { [key: string]: Value };

/** A plain copy of a resource's property bag. */
export type Props = { [key: string]: Value };

/**
 * The seven unknown sentinels of @pulumi/policy's proxy.ts (string, boolean, number, array, asset,
 * archive, object). They are protocol constants shared with the engine; tests check this list against
 * the library so a change is noticed.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** True for {@link UNKNOWN}. */
export function isUnknown(v: unknown): v is Unknown {
    return v === UNKNOWN;
}

/** Reads an own property without going through a proxy's `get` trap. */
function rawGet(o: object, key: string): unknown {
    return Object.getOwnPropertyDescriptor(o, key)?.value;
}

/**
 * Deep, proxy-free copy of a property value. Never throws on unknowns: sentinel strings become
 * {@link UNKNOWN}; `undefined` becomes `null`; functions and symbols are dropped (as `null`).
 */
export function snapshot(v: unknown): Value {
    if (typeof v === "string") {
        return UNKNOWN_SENTINELS.has(v) ? UNKNOWN : v;
    }
    if (typeof v === "boolean" || typeof v === "number") {
        return v;
    }
    if (v === null || v === undefined || typeof v !== "object") {
        return null;
    }
    if (Array.isArray(v)) {
        const length = Number(rawGet(v, "length") ?? 0);
        const out: Value[] = [];
        for (let i = 0; i < length; i++) {
            out.push(snapshot(rawGet(v, String(i))));
        }
        return out;
    }
    const out: { [key: string]: Value } = {};
    for (const key of Object.keys(v)) {
        const raw = rawGet(v, key);
        if (raw !== undefined) {
            out[key] = snapshot(raw);
        }
    }
    return out;
}

/** {@link snapshot} of a property bag (resource or provider props). */
export function snapshotProps(props: unknown): Props {
    const s = snapshot(props);
    return s !== null && typeof s === "object" && !Array.isArray(s) && !isUnknown(s) ? s : {};
}

/**
 * Gives up on a resource check because a value it needs is unknown in this preview: re-reads `path`
 * through @pulumi/policy's proxy, which throws the library's `UnknownValueError`; the server turns that
 * into an advisory "can't run during preview" and the rule is enforced at `pulumi up`, where the inputs
 * are known. If `props` is not a proxy (a caller that built props by hand), throws a plain Error
 * naming the path instead.
 */
export function deferToPreview(props: unknown, path: readonly (string | number)[]): never {
    let cur: unknown = props;
    for (const key of path) {
        if (cur === null || typeof cur !== "object") {
            break;
        }
        cur = (cur as Record<string | number, unknown>)[key];
    }
    throw new Error(`value at .${path.join(".")} can't be known during preview`);
}
