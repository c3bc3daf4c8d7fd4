/**
 * Test helpers: run the real program (index.ts) under the offline AWS-aware mocks for a config object,
 * and query the captured registrations.
 *
 * Runs are memoised per (config, options): spec files that ask for the same config share one run, so
 * the whole suite pays ~1 s per distinct config. Call `planFor` from a `before` hook, never per `it`.
 * Captured resources are frozen: a test cannot change what another test sees.
 */
import { NAMESPACE } from "../../components/config/schema";
import { dependsOn, propertyDependsOn as dependsThrough, ResourceGraph, tagOf } from "../../offline/graph";
import { runProgram } from "../../offline/program";
import { CapturedResource, JsonObject, JsonValue } from "../../offline/types";

/** Project name the program runs under (as in Pulumi.yaml). */
export const PROJECT = "landing-zone";
/** Stack name used for test runs (it appears in URNs and log group names). */
export const TEST_STACK = "test";

/** A config object: top-level keys without the namespace, values as YAML would parse them. */
export type ConfigObject = { [key: string]: unknown };

/**
 * Minimal valid config: hub eu-west-2 10.0.0.0/16, supernet eu-west-1 10.16.0.0/12, two spokes in
 * eu-west-1, peering. Returns a fresh deep copy: clone it and change one field at a time.
 */
export function baseConfig(): ConfigObject {
    return {
        tags: { owner: "platform-team", environment: "test", "cost-centre": "cc-1234" },
        hub: { region: "eu-west-2", cidr: "10.0.0.0/16" },
        supernets: { "eu-west-1": "10.16.0.0/12" },
        spokes: [
            { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20" },
            { name: "analytics", region: "eu-west-1", cidr: "10.16.16.0/20" },
        ],
        connectivity: { mode: "peering" },
    };
}

/** Deep copy of a JSON-like value. */
export function clone<T>(v: T): T {
    return structuredClone(v);
}

/**
 * `baseConfig()` as a spec mutates it. Deliberately loose: validation specs write wrong values on purpose
 * (a number where a CIDR goes, a misspelt key) to see them rejected, which a typed config would forbid.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: any value, on purpose
export type MutableConfig = ConfigObject & { hub: any; spokes: any[]; supernets: any; connectivity: any };

/** `baseConfig()` with `mutate` applied to a copy. */
export function withBase(mutate: (c: MutableConfig) => void): ConfigObject {
    const c = baseConfig() as MutableConfig;
    mutate(c);
    return c;
}

/**
 * The flat map Pulumi hands a program (`landing-zone:hub` -> JSON text), built the way
 * offline/stack-config.ts builds it from YAML: strings as they are, everything else as JSON.
 */
export function flatConfig(config: ConfigObject): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(config)) {
        if (v === undefined) {
            continue;
        }
        out[`${NAMESPACE}:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return out;
}

export interface PlanOptions {
    readonly stack?: string;
    /** Preview of a fresh stack (unknown ids and computed outputs). @default false */
    readonly preview?: boolean;
    /** Account the mocks report; defaults to the config's accountId as the offline plan does. */
    readonly accountId?: string;
}

/**
 * Query helpers over one run's captured resources: a thin layer over the offline plan's own index
 * (offline/graph.ts), so the specs look resources up exactly as reachability, cost and the diagram do.
 * Methods return fresh arrays (a spec may sort them).
 */
export class Plan {
    /** The captured-graph index (by URN, type, parent, property-dependency referrers). */
    readonly graph: ResourceGraph;
    readonly byUrnMap: ReadonlyMap<string, CapturedResource>;

    constructor(
        readonly config: ConfigObject,
        readonly resources: readonly CapturedResource[],
        readonly outputs: JsonObject,
    ) {
        this.graph = new ResourceGraph(resources);
        this.byUrnMap = this.graph.byUrn;
    }

    /** Every resource of a type token, e.g. `T.vpc` (components/aws/types.ts). */
    byType(type: string): CapturedResource[] {
        return [...this.graph.ofType(type)];
    }

    /** Every resource with that logical name (names repeat across types: a Zone and a Record share one). */
    byName(name: string): CapturedResource[] {
        return this.resources.filter((r) => r.name === name);
    }

    /** The single resource of that type and name; throws when there is not exactly one. */
    one(type: string, name: string): CapturedResource {
        const found = this.graph.ofType(type).filter((r) => r.name === name);
        if (found.length !== 1) {
            throw new Error(`expected exactly one ${type} named ${name}, found ${found.length}`);
        }
        return found[0];
    }

    /** The resource with that URN; throws when absent. */
    byUrn(urn: string): CapturedResource {
        const r = this.byUrnMap.get(urn);
        if (!r) {
            throw new Error(`no captured resource with URN ${urn}`);
        }
        return r;
    }

    /** Direct children of a component (or any resource) URN. */
    children(urn: string): CapturedResource[] {
        return [...this.graph.children(urn)];
    }

    /** Every descendant of a URN (children, their children, …), breadth first. */
    descendants(urn: string): CapturedResource[] {
        return this.graph.descendants(urn);
    }

    /** Resources of `type` whose input `prop` property-depends on `urn` (e.g. subnets of a VPC via vpcId). */
    dependents(type: string, prop: string, urn: string): CapturedResource[] {
        return [...this.graph.referrers(type, prop, urn)];
    }

    /** The explicit provider resource of a resource; throws when it has none. */
    providerOf(r: CapturedResource): CapturedResource {
        if (!r.provider) {
            throw new Error(`${r.urn} has no explicit provider`);
        }
        return this.byUrn(r.provider);
    }
}

/** Every resource of a type token. */
export function byType(resources: readonly CapturedResource[], type: string): CapturedResource[] {
    return resources.filter((r) => r.type === type);
}

/** Direct children of a URN. */
export function childrenOf(resources: readonly CapturedResource[], urn: string): CapturedResource[] {
    return resources.filter((r) => r.parent === urn);
}

/** True when `r` depends on `urn` through its dependencies or any property dependency. */
export function dependsOnUrn(r: CapturedResource, urn: string): boolean {
    return dependsOn(r, urn);
}

/** True when input `prop` of `r` was computed from resource `urn`. */
export function propertyDependsOn(r: CapturedResource, prop: string, urn: string): boolean {
    return dependsThrough(r, prop, urn);
}

/** URNs input `prop` of `r` was computed from (empty when none). */
export function propertyDeps(r: CapturedResource, prop: string): readonly string[] {
    return r.propertyDependencies[prop] ?? [];
}

/** A tag value from a resource's `tags` input (the offline plan's own `tagOf`). */
export function tag(r: CapturedResource, key: string): string | undefined {
    return tagOf(r, key);
}

/** Parses a JSON-text input (policies, provider defaultTags). */
export function jsonInput<T = JsonValue>(r: CapturedResource, prop: string): T {
    const v = r.inputs[prop];
    if (typeof v !== "string") {
        throw new Error(`${r.urn}: input ${prop} is not JSON text (${JSON.stringify(v)})`);
    }
    return JSON.parse(v) as T;
}

function deepFreeze<T>(v: T): T {
    if (v !== null && typeof v === "object" && !Object.isFrozen(v)) {
        Object.freeze(v);
        for (const k of Object.keys(v as object)) {
            deepFreeze((v as Record<string, unknown>)[k]);
        }
    }
    return v;
}

const memo = new Map<string, Promise<Plan>>();
/** Runs must not overlap: the Pulumi runtime (mocks, config) is process-global. */
let queue: Promise<unknown> = Promise.resolve();

/** Runs the program once for this config (memoised) and returns the capture. */
export function planFor(config: ConfigObject, opts: PlanOptions = {}): Promise<Plan> {
    const key = JSON.stringify({ config, opts });
    let p = memo.get(key);
    if (!p) {
        p = runFresh(config, opts);
        memo.set(key, p);
    }
    return p;
}

/** Runs the program for this config, bypassing the memo (determinism checks). */
export function runFresh(config: ConfigObject, opts: PlanOptions = {}): Promise<Plan> {
    const snapshot = clone(config);
    const run = queue.then(async () => {
        const accountId = opts.accountId ?? (typeof snapshot.accountId === "string" ? snapshot.accountId : undefined);
        const result = await runProgram({
            project: PROJECT,
            stack: opts.stack ?? TEST_STACK,
            config: flatConfig(snapshot),
            preview: opts.preview ?? false,
            ...(accountId !== undefined ? { accountId } : {}),
        });
        return new Plan(deepFreeze(snapshot), deepFreeze(result.resources), deepFreeze(result.outputs));
    });
    queue = run.catch(() => undefined);
    return run;
}
