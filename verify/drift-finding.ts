/**
 * The drift finding and what every drift check shares: the context of one comparison (the two models,
 * the config-key lookup, the sink for findings) and the helpers the checks use.
 */
import * as M from "../offline/network-model/types";

export type DriftKind = "missing" | "extra" | "changed" | "state";

export interface DriftFinding {
    readonly kind: DriftKind;
    /** What drifted: `route`, `subnet association`, `TGW association`, `SG rule`, `zone association`, … */
    readonly item: string;
    /** One sentence: what differs. */
    readonly message: string;
    /** AWS id of the object concerned (live id; for a missing object, its parent's live id when known). */
    readonly awsId: string;
    readonly region: string;
    /** Pulumi URN of the resource that declares it (or would). */
    readonly urn: string;
    /** Config key that declares it. */
    readonly configKey: string;
    /** What to do. */
    readonly fix: string;
}

/** Which stack config key declares an object, from the names the program gives it. */
export type ConfigKeyOf = (names: readonly string[]) => string;

export const UP =
    "run `pulumi refresh` then `pulumi up` to restore what the stack declares (or change the config if the live state is what you want)";

export function index<T extends { readonly key: string }>(list: readonly T[]): Map<string, T> {
    return new Map(list.map((o) => [o.key, o]));
}

export function ruleText(r: M.NetSgRule): string {
    const ports = r.protocol === "-1" ? "all" : `${r.fromPort}-${r.toPort}`;
    return `${r.direction} ${r.protocol} ${ports} ${r.cidr ?? r.group ?? (r.prefixList ? "prefix-list" : "?")}`;
}

/** One comparison of a live model with the plan's: what every drift check reads and where it reports. */
export interface DriftContext {
    readonly plan: M.NetworkModel;
    readonly live: M.NetworkModel;
    readonly configKeyOf: ConfigKeyOf;
    readonly add: (f: DriftFinding) => void;
    /** Live objects by model key. */
    readonly liveIds: ReadonlyMap<string, M.Origin>;
    /** The live AWS id of a model key ("" when unknown). */
    readonly idOf: (key: string | undefined) => string;
}
