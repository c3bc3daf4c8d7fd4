/**
 * The one index over a captured resource graph, shared by reachability, cost, diagram, the report and
 * the test helpers: resources by URN, by type, by parent, and who refers to whom through dependencies
 * and property dependencies.
 *
 * Links are property dependencies (which input came from which resource), never id comparisons: in a
 * preview the ids of new resources are unknown, the property dependencies are not.
 *
 * Indexes are built on first use; every list is in capture (registration) order, which is deterministic
 * for a given config. Lists are read-only views of the index: copy before sorting.
 */
import { CapturedResource, JsonObject } from "./types";

type R = CapturedResource;

const EMPTY: readonly R[] = Object.freeze([]);

/** A tag value from a resource's `tags` input (not `tagsAll`: provider default tags are not the resource's). */
export function tagOf(r: CapturedResource, key: string): string | undefined {
    const tags = r.inputs.tags as JsonObject | undefined;
    const v = tags?.[key];
    return typeof v === "string" ? v : undefined;
}

function push<K>(index: Map<K, R[]>, key: K, r: R): void {
    const list = index.get(key);
    if (list) {
        list.push(r);
    } else {
        index.set(key, [r]);
    }
}

export class ResourceGraph {
    /** Every resource, in capture order. */
    readonly resources: readonly R[];
    /** Resources by URN. */
    readonly byUrn: ReadonlyMap<string, R>;
    private typeIndex?: Map<string, R[]>;
    private parentIndex?: Map<string, R[]>;
    /** target URN -> "type|prop" -> resources whose `prop` came from the target. */
    private propertyIndex?: Map<string, Map<string, R[]>>;
    /** target URN -> resources that depend on it (dependencies or any property dependency). */
    private dependentIndex?: Map<string, R[]>;

    constructor(resources: readonly R[]) {
        this.resources = resources;
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    }

    /** The resource with this URN, if captured. */
    get(urn: string): R | undefined {
        return this.byUrn.get(urn);
    }

    /** Resources of one type token (e.g. `T.vpc`), in capture order. */
    ofType(type: string): readonly R[] {
        if (!this.typeIndex) {
            this.typeIndex = new Map();
            for (const r of this.resources) {
                push(this.typeIndex, r.type, r);
            }
        }
        return this.typeIndex.get(type) ?? EMPTY;
    }

    /** Direct children of a URN (resources whose `parent` is it), in capture order. */
    children(urn: string): readonly R[] {
        if (!this.parentIndex) {
            this.parentIndex = new Map();
            for (const r of this.resources) {
                push(this.parentIndex, r.parent, r);
            }
        }
        return this.parentIndex.get(urn) ?? EMPTY;
    }

    /** Every descendant of a URN, breadth first. */
    descendants(urn: string): R[] {
        const out: R[] = [];
        const queue = [urn];
        for (let i = 0; i < queue.length; i++) {
            for (const c of this.children(queue[i])) {
                out.push(c);
                queue.push(c.urn);
            }
        }
        return out;
    }

    /** Ancestors of a resource, nearest first (parent, grandparent, …); stops at a parent not captured. */
    ancestors(r: R): R[] {
        const out: R[] = [];
        const seen = new Set<string>([r.urn]);
        for (let p = this.byUrn.get(r.parent); p && !seen.has(p.urn); p = this.byUrn.get(p.parent)) {
            seen.add(p.urn);
            out.push(p);
        }
        return out;
    }

    /** Resources input `prop` of `r` came from, of the given types (any type when none is given). */
    deps(r: R, prop: string, ...types: readonly string[]): R[] {
        const out: R[] = [];
        for (const urn of r.propertyDependencies[prop] ?? []) {
            const d = this.byUrn.get(urn);
            if (d && (types.length === 0 || types.includes(d.type))) {
                out.push(d);
            }
        }
        return out;
    }

    /** The first resource input `prop` of `r` came from, of the given types (any type when none is given). */
    dep(r: R, prop: string, ...types: readonly string[]): R | undefined {
        for (const urn of r.propertyDependencies[prop] ?? []) {
            const d = this.byUrn.get(urn);
            if (d && (types.length === 0 || types.includes(d.type))) {
                return d;
            }
        }
        return undefined;
    }

    /** Resources of `type` whose input `prop` came from `target` (e.g. the subnets of a VPC via `vpcId`). */
    referrers(type: string, prop: string, target: R | string): readonly R[] {
        if (!this.propertyIndex) {
            const index = new Map<string, Map<string, R[]>>();
            for (const r of this.resources) {
                for (const [p, urns] of Object.entries(r.propertyDependencies)) {
                    for (const u of new Set(urns)) {
                        let byKey = index.get(u);
                        if (!byKey) {
                            byKey = new Map();
                            index.set(u, byKey);
                        }
                        push(byKey, `${r.type}|${p}`, r);
                    }
                }
            }
            this.propertyIndex = index;
        }
        const urn = typeof target === "string" ? target : target.urn;
        return this.propertyIndex.get(urn)?.get(`${type}|${prop}`) ?? EMPTY;
    }

    /** Resources that depend on `target` through `dependencies` or any property dependency, each once. */
    dependents(target: R | string): readonly R[] {
        if (!this.dependentIndex) {
            const index = new Map<string, R[]>();
            for (const r of this.resources) {
                for (const u of new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat()])) {
                    push(index, u, r);
                }
            }
            this.dependentIndex = index;
        }
        return this.dependentIndex.get(typeof target === "string" ? target : target.urn) ?? EMPTY;
    }
}

/** True when `r` depends on `urn` through its dependencies or any property dependency. */
export function dependsOn(r: CapturedResource, urn: string): boolean {
    return r.dependencies.includes(urn) || Object.values(r.propertyDependencies).some((urns) => urns.includes(urn));
}

/** True when input `prop` of `r` was computed from resource `urn`. */
export function propertyDependsOn(r: CapturedResource, prop: string, urn: string): boolean {
    return (r.propertyDependencies[prop] ?? []).includes(urn);
}
