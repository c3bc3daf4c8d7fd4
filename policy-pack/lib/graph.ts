/**
 * The stack as a graph linked by PROPERTY DEPENDENCIES, never by ids.
 *
 * In a preview, ids of resources to be created are unknown, so `route.routeTableId === table.id` cannot
 * be evaluated (and reading it would turn a mandatory policy into a "can't run during preview"
 * advisory). What is known is which resource each input came from: a Route's `routeTableId` property
 * depends on the RouteTable's URN, the RouteTable's `vpcId` on the Vpc's URN. CIDRs, names and tags are
 * plain inputs and are known too. Everything here is built from those.
 *
 * @module
 */
import type { PolicyResource } from "@pulumi/policy";
import { regionOf } from "./aws";
import { parseIpv4 } from "./cidr";
import { ROUTE_TABLE_TYPES, T } from "./types";
import { isUnknown, Props, snapshotProps } from "./unknown";
import { Maybe, str } from "./values";

export class StackGraph {
    readonly resources: readonly PolicyResource[];
    private readonly propsCache = new Map<PolicyResource, Props>();
    private readonly byType = new Map<string, PolicyResource[]>();

    constructor(resources: readonly PolicyResource[]) {
        this.resources = resources;
        for (const r of resources) {
            const list = this.byType.get(r.type) ?? [];
            list.push(r);
            this.byType.set(r.type, list);
        }
    }

    /** Proxy-free props of a resource (outputs in AnalyzeStack), memoised. */
    props(r: PolicyResource): Props {
        let p = this.propsCache.get(r);
        if (!p) {
            p = snapshotProps(r.props);
            this.propsCache.set(r, p);
        }
        return p;
    }

    /** Resources of any of the given types, in stack order. */
    ofType(...types: readonly string[]): PolicyResource[] {
        return types.flatMap((t) => this.byType.get(t) ?? []);
    }

    /** Resources a property of `r` depends on, optionally filtered by type. */
    deps(r: PolicyResource, prop: string, types?: readonly string[]): PolicyResource[] {
        const list = r.propertyDependencies?.[prop] ?? [];
        return types ? list.filter((d) => types.includes(d.type)) : [...list];
    }

    /** The single resource of the given types a property depends on (first one if several). */
    dep(r: PolicyResource, prop: string, types: readonly string[]): PolicyResource | undefined {
        return this.deps(r, prop, types)[0];
    }

    /** True if a property of `r` depends on `target`. */
    dependsOn(r: PolicyResource, prop: string, target: PolicyResource): boolean {
        return (r.propertyDependencies?.[prop] ?? []).includes(target);
    }

    /** target -> property -> resources whose property depends on target, in resource order. */
    private reverse?: Map<PolicyResource, Map<string, PolicyResource[]>>;

    /** Resources of the given types whose `prop` depends on `target`. */
    referrers(target: PolicyResource, prop: string, types: readonly string[]): PolicyResource[] {
        // A reverse index built once: scanning every resource per call made stack policies quadratic.
        if (!this.reverse) {
            const index = new Map<PolicyResource, Map<string, PolicyResource[]>>();
            for (const r of this.resources) {
                for (const [p, deps] of Object.entries(r.propertyDependencies ?? {})) {
                    for (const d of deps ?? []) {
                        let byProp = index.get(d);
                        if (!byProp) {
                            byProp = new Map();
                            index.set(d, byProp);
                        }
                        const list = byProp.get(p) ?? [];
                        if (list[list.length - 1] !== r) {
                            list.push(r);
                        }
                        byProp.set(p, list);
                    }
                }
            }
            this.reverse = index;
        }
        return (this.reverse.get(target)?.get(prop) ?? []).filter((r) => types.includes(r.type));
    }

    // ---- VPCs ---------------------------------------------------------------------------------

    vpcs(): PolicyResource[] {
        return this.ofType(T.vpc);
    }

    /** VPC a resource's `vpcId` property depends on (subnet, route table, SG, endpoint, …). */
    vpcOf(r: PolicyResource): PolicyResource | undefined {
        if (r.type === T.defaultRouteTable) {
            // DefaultRouteTable takes `defaultRouteTableId` from the Vpc's output.
            return this.dep(r, "defaultRouteTableId", [T.vpc]);
        }
        return this.dep(r, "vpcId", [T.vpc]);
    }

    /** Route table a Route's `routeTableId` depends on. */
    routeTableOf(route: PolicyResource): PolicyResource | undefined {
        return this.dep(route, "routeTableId", ROUTE_TABLE_TYPES);
    }

    /** Route tables (RouteTable, DefaultRouteTable) of a VPC. */
    routeTablesOf(vpc: PolicyResource): PolicyResource[] {
        return this.ofType(...ROUTE_TABLE_TYPES).filter((t) => this.vpcOf(t) === vpc);
    }

    /**
     * Known IPv4 CIDRs of a VPC: its `cidrBlock` plus secondary blocks
     * (VpcIpv4CidrBlockAssociation). IPAM-allocated blocks are unknown in a preview and are skipped.
     */
    cidrsOf(vpc: PolicyResource): string[] {
        const out: string[] = [];
        const primary = str(this.props(vpc)["cidrBlock"]);
        if (typeof primary === "string" && parseIpv4(primary)) {
            out.push(primary);
        }
        for (const a of this.referrers(vpc, "vpcId", [T.vpcCidrAssociation])) {
            const c = str(this.props(a)["cidrBlock"]);
            if (typeof c === "string" && parseIpv4(c)) {
                out.push(c);
            }
        }
        return out;
    }

    /** Primary CIDR of a VPC when known. */
    primaryCidr(vpc: PolicyResource): string | undefined {
        const c = str(this.props(vpc)["cidrBlock"]);
        return typeof c === "string" ? c : undefined;
    }

    /** Region of a resource (own `region` input, else its provider's). */
    region(r: PolicyResource): string | undefined {
        const reg: Maybe<string> = regionOf(this.props(r), r.provider, r.type);
        return isUnknown(reg) ? undefined : reg;
    }
}
