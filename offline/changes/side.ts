/** One plan's side of the change-safety check (diff.ts): inputs with references to other resources resolved to their identity. */
import { CapturedResource, JsonObject, JsonValue } from "../types";

/** Where a resolved reference points: the identity (old URN, or new URN for a created resource). */
export interface Side {
    readonly byUrn: ReadonlyMap<string, CapturedResource>;
    /** id -> URN, for inputs without property dependencies (hand-written plans). */
    readonly byId: ReadonlyMap<string, string>;
    /** URN -> (string output value -> output path). */
    readonly outputIndex: Map<string, Map<string, string>>;
    identity(urn: string): string;
    /** True when the physical object behind `urn` is new in this plan (a replacement). */
    fresh(urn: string): boolean;
}

function flattenOutputs(r: CapturedResource): Map<string, string> {
    const out = new Map<string, string>();
    if (r.id) {
        out.set(r.id, "id");
    }
    const walk = (v: JsonValue, path: string, depth: number) => {
        if (typeof v === "string") {
            if (v.length >= 6 && !out.has(v)) {
                out.set(v, path);
            }
        } else if (Array.isArray(v) && depth < 4) {
            v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
        } else if (v !== null && typeof v === "object" && depth < 4) {
            for (const [k, x] of Object.entries(v)) {
                walk(x, path ? `${path}.${k}` : k, depth + 1);
            }
        }
    };
    walk(r.outputs, "", 0);
    return out;
}

export function makeSide(resources: readonly CapturedResource[], identity: (urn: string) => string, fresh: (urn: string) => boolean): Side {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const byId = new Map<string, string>();
    for (const r of resources) {
        if (r.custom && r.id) {
            byId.set(r.id, r.urn);
        }
    }
    return { byUrn, byId, outputIndex: new Map(), identity, fresh };
}

function outputsOf(side: Side, urn: string): Map<string, string> {
    let m = side.outputIndex.get(urn);
    if (!m) {
        const r = side.byUrn.get(urn);
        m = r ? flattenOutputs(r) : new Map();
        side.outputIndex.set(urn, m);
    }
    return m;
}

/** A string input resolved to the resource output it came from, or undefined. */
export function resolveString(side: Side, r: CapturedResource, prop: string, v: string): string | undefined {
    for (const dep of r.propertyDependencies[prop] ?? []) {
        const path = outputsOf(side, dep).get(v);
        if (path !== undefined) {
            return `⟦${side.identity(dep)}${side.fresh(dep) ? "#new" : ""}⟧${path === "id" ? "" : `.${path}`}`;
        }
    }
    const byId = side.byId.get(v);
    if (byId !== undefined) {
        return `⟦${side.identity(byId)}${side.fresh(byId) ? "#new" : ""}⟧`;
    }
    return undefined;
}

/** An input value with every reference to another resource replaced by that resource's identity. */
export function normalise(side: Side, r: CapturedResource, prop: string, v: JsonValue): JsonValue {
    if (typeof v === "string") {
        return resolveString(side, r, prop, v) ?? v;
    }
    if (Array.isArray(v)) {
        return v.map((x) => normalise(side, r, prop, x));
    }
    if (v !== null && typeof v === "object") {
        const out: JsonObject = {};
        for (const k of Object.keys(v).sort()) {
            out[k] = normalise(side, r, prop, v[k]);
        }
        return out;
    }
    return v;
}
