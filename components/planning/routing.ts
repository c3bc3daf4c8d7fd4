/**
 * Routing as data: which transit gateway route tables exist, which attachment is associated with which
 * table, what propagates where, which static TGW routes and which VPC routes exist. Pure (no Pulumi
 * import): computed from the validated config and its topology plan; the connectivity components only
 * turn it into resources in loops.
 *
 * Every object carries a key derived from the AWS object it owns — a route is (route table,
 * destination), an association is its attachment, a propagation is (attachment, table) — never a list
 * position or a connectivity mode: an edit elsewhere in the config cannot rename it, and two objects of
 * one plan can never claim the same AWS object (the builder throws instead).
 *
 * AWS facts this follows (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html,
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html):
 * - an attachment is associated with exactly one TGW route table;
 * - propagation does not cross a TGW peering attachment: routes across a peering are static;
 * - a route table holds one route per destination CIDR (static or propagated).
 */
import { TopologyPlan } from "./topology";
import { checkRoutingPlan } from "./routing-invariants";
import {
    attachmentLabel,
    HUB_VPC,
    RouteDestination,
    routedTableLabels,
    RoutingConfig,
    RoutingPlan,
    regionalPeeringKey,
    RegionalPeeringPlan,
    RoutingPlanError,
    spokeVpc,
    tableKey,
    TgwAssociationPlan,
    TgwAttachmentRef,
    TgwPropagationPlan,
    TgwRouteTablePlan,
    TgwStaticRoutePlan,
    TransitGatewayRoutingPlan,
    VpcRoutePlan,
    VpcRouteTarget,
} from "./routing-plan";

export * from "./routing-plan";
export { checkRoutingPlan } from "./routing-invariants";

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

/** Plans every route, table, association and propagation of the connectivity mode. */
export function planRouting(config: RoutingConfig, topology: TopologyPlan): RoutingPlan {
    const routes = config.connectivity.mode === "peering" ? peeringVpcRoutes(config) : transitVpcRoutes(config, topology);
    const regional = regionalEndpointRoutes(config, topology);
    const plan: RoutingPlan = {
        mode: config.connectivity.mode,
        vpcRoutes: [...routes, ...regional.routes],
        ...(config.connectivity.mode === "transit-gateway" ? { transitGateway: planTransitGateways(config, topology) } : {}),
        regionalPeerings: regional.peerings,
    };
    checkRoutingPlan(plan);
    return plan;
}

function peeringVpcRoutes(config: RoutingConfig): VpcRoutePlan[] {
    const out: VpcRoutePlan[] = [];
    for (const s of config.spokes) {
        const target: VpcRouteTarget = { kind: "peering", spoke: s.name };
        // Only the peer's CIDR, never a default route: peering is not transitive.
        for (const rt of routedTableLabels(s.azCount)) {
            out.push(vpcRoute(spokeVpc(s.name), s.region, rt, config.hub.cidr, { kind: "hub" }, target));
        }
        for (const rt of routedTableLabels(config.hub.azCount)) {
            out.push(vpcRoute(HUB_VPC, config.hub.region, rt, s.cidr, { kind: "spoke", name: s.name }, target));
        }
    }
    return out;
}

function transitVpcRoutes(config: RoutingConfig, topology: TopologyPlan): VpcRoutePlan[] {
    const out: VpcRoutePlan[] = [];
    const hubRegion = config.hub.region;
    // The hub: one route per spoke region (its supernet) to the hub region's TGW.
    for (const agg of topology.spokeAggregates) {
        for (const rt of routedTableLabels(config.hub.azCount)) {
            out.push(
                vpcRoute(
                    HUB_VPC,
                    hubRegion,
                    rt,
                    agg.cidr,
                    { kind: "supernet", region: agg.region },
                    { kind: "transit-gateway", region: hubRegion, attachment: HUB_VPC },
                ),
            );
        }
    }
    // Spokes: the hub, plus their segment peers, through their own region's TGW.
    const byName = new Map(config.spokes.map((s) => [s.name, s]));
    for (const s of config.spokes) {
        const target: VpcRouteTarget = { kind: "transit-gateway", region: s.region, attachment: spokeVpc(s.name) };
        const destinations: { cidr: string; to: RouteDestination }[] = [{ cidr: config.hub.cidr, to: { kind: "hub" } }];
        for (const p of topology.segmentPeers.get(s.name) ?? []) {
            destinations.push({
                cidr: mustGet(byName, p, `segment peer "${p}" of spoke "${s.name}" is not a spoke`).cidr,
                to: { kind: "spoke", name: p },
            });
        }
        for (const d of destinations) {
            for (const rt of routedTableLabels(s.azCount)) {
                out.push(vpcRoute(spokeVpc(s.name), s.region, rt, d.cidr, d.to, target));
            }
        }
    }
    return out;
}

/**
 * Each regional endpoint VPC is connected to the spokes of its region that get one of its zones, like a
 * spoke to the hub (planning/regional-endpoints.ts has the design):
 * - peering mode: one intra-region peering per such spoke; the spoke routes the endpoint VPC's CIDR and
 *   the endpoint VPC routes the spoke's CIDR, both through it (peering is not transitive, so the endpoint
 *   VPC never carries a spoke to another spoke or to the hub);
 * - transit-gateway mode: the endpoint VPC is attached to its region's TGW (planTransitGateways); each
 *   such spoke routes its CIDR there, and the endpoint VPC routes the region's supernet there (one route
 *   for all spokes, so a new spoke modifies none of its tables).
 * A spoke of a region without a set, or opted out of every service, gets nothing here.
 */
function regionalEndpointRoutes(
    config: RoutingConfig,
    topology: TopologyPlan,
): { routes: VpcRoutePlan[]; peerings: RegionalPeeringPlan[] } {
    const routes: VpcRoutePlan[] = [];
    const peerings: RegionalPeeringPlan[] = [];
    const byName = new Map(config.spokes.map((s) => [s.name, s]));
    for (const set of topology.regionalEndpoints) {
        const served = set.spokes
            .filter((z) => z.services.length > 0)
            .map((z) => mustGet(byName, z.spoke, `regional set member "${z.spoke}" is not a spoke`));
        if (config.connectivity.mode === "peering") {
            for (const s of served) {
                const target: VpcRouteTarget = { kind: "endpoints-peering", region: set.region, spoke: s.name };
                peerings.push({ key: regionalPeeringKey(set.region, s.name), region: set.region, spoke: s.name, endpointsVpc: set.vpc });
                for (const rt of routedTableLabels(s.azCount)) {
                    routes.push(vpcRoute(spokeVpc(s.name), s.region, rt, set.cidr, { kind: "endpoints", region: set.region }, target));
                }
                for (const rt of routedTableLabels(set.azCount)) {
                    routes.push(vpcRoute(set.vpc, set.region, rt, s.cidr, { kind: "spoke", name: s.name }, target));
                }
            }
            continue;
        }
        if (served.length === 0) {
            continue;
        }
        for (const s of served) {
            const target: VpcRouteTarget = { kind: "transit-gateway", region: s.region, attachment: spokeVpc(s.name) };
            for (const rt of routedTableLabels(s.azCount)) {
                routes.push(vpcRoute(spokeVpc(s.name), s.region, rt, set.cidr, { kind: "endpoints", region: set.region }, target));
            }
        }
        const supernet = topology.spokeAggregates.find((a) => a.region === set.region);
        if (!supernet) {
            throw new RoutingPlanError(`regional endpoint set of ${set.region} has no spoke supernet to route back to`);
        }
        for (const rt of routedTableLabels(set.azCount)) {
            routes.push(
                vpcRoute(
                    set.vpc,
                    set.region,
                    rt,
                    supernet.cidr,
                    { kind: "supernet", region: set.region },
                    { kind: "transit-gateway", region: set.region, attachment: set.vpc },
                ),
            );
        }
    }
    return { routes, peerings };
}

function vpcRoute(
    vpc: string,
    region: string,
    routeTable: string,
    destination: string,
    to: RouteDestination,
    target: VpcRouteTarget,
): VpcRoutePlan {
    return { key: `${vpc}/${routeTable} -> ${destination}`, vpc, region, routeTable, destination, to, target };
}

function planTransitGateways(config: RoutingConfig, topology: TopologyPlan): TransitGatewayRoutingPlan {
    const hubRegion = topology.hubRegion;
    const remoteRegions = topology.regions.filter((r) => r !== hubRegion);
    const segments = config.connectivity.segments;
    const segmentOf = new Map<string, string>();
    for (const seg of segments) {
        for (const s of seg.spokes) {
            segmentOf.set(s, seg.name);
        }
    }
    const spokeByName = new Map(config.spokes.map((s) => [s.name, s]));
    const spoke = (name: string) => mustGet(spokeByName, name, `segment member "${name}" is not a spoke`);

    // ---- route tables --------------------------------------------------------------------------
    const routeTables: TgwRouteTablePlan[] = [];
    const rolesByRegion = new Map<string, string[]>();
    for (const r of topology.regions) {
        const roles: string[] = [];
        const spokesHere = topology.spokesByRegion.get(r) ?? [];
        // Spokes outside any segment share one table that routes only to the hub.
        if (spokesHere.some((s) => !segmentOf.has(s.name))) {
            roles.push("spokes");
        }
        if (r === hubRegion) {
            roles.push("hub");
        }
        // The table of the peering attachment(s): at the hub side only when there is a remote region.
        if (r !== hubRegion || remoteRegions.length > 0) {
            roles.push("peering");
        }
        for (const seg of segments) {
            if (seg.spokes.some((s) => spoke(s).region === r)) {
                roles.push(`segment-${seg.name}`);
            }
        }
        rolesByRegion.set(r, roles);
        routeTables.push(...roles.map((role) => ({ key: tableKey(r, role), region: r, role })));
    }
    const table = (r: string, role: string): string => {
        if (!(rolesByRegion.get(r) ?? []).includes(role)) {
            throw new RoutingPlanError(`no TGW route table "${role}" in ${r}`);
        }
        return tableKey(r, role);
    };
    const aggregateOf = (r: string): string => {
        const agg = topology.spokeAggregates.find((a) => a.region === r);
        if (!agg) {
            throw new RoutingPlanError(`region ${r} has a TGW peering but no spoke supernet`);
        }
        return agg.cidr;
    };

    const associations: TgwAssociationPlan[] = [];
    const propagations: TgwPropagationPlan[] = [];
    const staticRoutes: TgwStaticRoutePlan[] = [];
    const associate = (region: string, attachment: TgwAttachmentRef, t: string) =>
        associations.push({ label: attachmentLabel(attachment), region, attachment, table: t });
    const propagate = (label: string, region: string, vpc: string, t: string) => propagations.push({ label, region, vpc, table: t });
    const route = (label: string, region: string, t: string, destination: string, attachment: TgwAttachmentRef & { kind: "peering" }) =>
        staticRoutes.push({ label, region, table: t, destination, attachment });
    const hubSide = (r: string) => ({ kind: "peering" as const, region: r, side: "hub" as const });
    const remoteSide = (r: string) => ({ kind: "peering" as const, region: r, side: "remote" as const });

    // ---- the hub attachment ----------------------------------------------------------------------
    associate(hubRegion, { kind: "vpc", vpc: HUB_VPC }, table(hubRegion, "hub"));
    // Every other table of the hub region reaches the hub.
    for (const role of rolesByRegion.get(hubRegion) ?? []) {
        if (role !== "hub") {
            propagate(`hub-to-${role}`, hubRegion, HUB_VPC, table(hubRegion, role));
        }
    }

    // ---- spoke attachments -----------------------------------------------------------------------
    for (const s of config.spokes) {
        const r = s.region;
        const seg = segmentOf.get(s.name);
        associate(r, { kind: "vpc", vpc: spokeVpc(s.name) }, table(r, seg ? `segment-${seg}` : "spokes"));
        // The hub (directly, or through the peering) reaches every spoke.
        const back = r === hubRegion ? "hub" : "peering";
        propagate(`spoke-${s.name}-to-${back}`, r, spokeVpc(s.name), table(r, back));
        if (seg) {
            propagate(`spoke-${s.name}-to-segment-${seg}`, r, spokeVpc(s.name), table(r, `segment-${seg}`));
        }
    }

    // ---- inter-region peering --------------------------------------------------------------------
    for (const r of remoteRegions) {
        associate(hubRegion, hubSide(r), table(hubRegion, "peering"));
        associate(r, remoteSide(r), table(r, "peering"));
        // Static routes only: propagation does not cross a peering attachment.
        route(`hub-to-${r}`, hubRegion, table(hubRegion, "hub"), aggregateOf(r), hubSide(r));
        for (const role of rolesByRegion.get(r) ?? []) {
            if (role === "spokes" || role.startsWith("segment-")) {
                route(`${r}-${role}-to-hub`, r, table(r, role), config.hub.cidr, remoteSide(r));
            }
        }
    }

    // ---- segment members in different regions: static routes through the hub region's TGW --------
    // A segment table is shared by the segment's members of one region: one route per (table, member
    // elsewhere), however many members the region has.
    const transit = new Set<string>();
    const segmentRoutes = new Set<string>();
    for (const seg of segments) {
        const members = config.spokes.filter((s) => seg.spokes.includes(s.name));
        for (const a of members) {
            for (const b of members) {
                if (a === b || a.region === b.region || segmentRoutes.has(`${a.region} ${b.name}`)) {
                    continue;
                }
                segmentRoutes.add(`${a.region} ${b.name}`);
                const via = a.region === hubRegion ? hubSide(b.region) : remoteSide(a.region);
                route(`${a.region}-segment-${seg.name}-to-${b.name}`, a.region, table(a.region, `segment-${seg.name}`), b.cidr, via);
                // Transit at the hub TGW: traffic from a remote region arrives on a peering and continues to b.
                if (a.region !== hubRegion && !transit.has(b.name)) {
                    transit.add(b.name);
                    if (b.region === hubRegion) {
                        propagate(`spoke-${b.name}-to-peering`, hubRegion, spokeVpc(b.name), table(hubRegion, "peering"));
                    } else {
                        route(`${hubRegion}-peering-to-${b.name}`, hubRegion, table(hubRegion, "peering"), b.cidr, hubSide(b.region));
                    }
                }
            }
        }
    }

    // ---- regional endpoint VPCs ------------------------------------------------------------------
    // Attached to their region's TGW with a table of their own (`endpoints`): the served spokes propagate
    // into it (the way back), and it propagates into each table those spokes are associated with. The
    // spokes' tables route nothing else new, so a spoke still reaches no other spoke through it; a spoke
    // added later adds its own propagation and modifies nothing.
    const endpointAttachments: { vpc: string; region: string; cidr: string }[] = [];
    for (const set of topology.regionalEndpoints) {
        const served = set.spokes.filter((z) => z.services.length > 0).map((z) => spoke(z.spoke));
        if (served.length === 0) {
            continue;
        }
        const r = set.region;
        (rolesByRegion.get(r) as string[]).push("endpoints");
        routeTables.push({ key: tableKey(r, "endpoints"), region: r, role: "endpoints" });
        endpointAttachments.push({ vpc: set.vpc, region: r, cidr: set.cidr });
        associate(r, { kind: "vpc", vpc: set.vpc }, table(r, "endpoints"));
        const into = new Set<string>();
        for (const s of served) {
            const seg = segmentOf.get(s.name);
            into.add(seg ? `segment-${seg}` : "spokes");
            propagate(`spoke-${s.name}-to-endpoints`, r, spokeVpc(s.name), table(r, "endpoints"));
        }
        for (const role of [...into].sort()) {
            propagate(`${set.vpc}-to-${role}`, r, set.vpc, table(r, role));
        }
    }

    return {
        hubRegion,
        regions: topology.regions,
        peerings: remoteRegions,
        routeTables,
        vpcAttachments: [
            { vpc: HUB_VPC, region: hubRegion, cidr: config.hub.cidr },
            ...config.spokes.map((s) => ({ vpc: spokeVpc(s.name), region: s.region, cidr: s.cidr })),
            ...endpointAttachments,
        ],
        associations,
        propagations,
        staticRoutes,
    };
}

function mustGet<K, V>(m: ReadonlyMap<K, V>, k: K, message: string): V {
    const v = m.get(k);
    if (v === undefined) {
        throw new RoutingPlanError(message);
    }
    return v;
}

// ---------------------------------------------------------------------------------------------
// Quota inputs (for config validation)
// ---------------------------------------------------------------------------------------------

/**
 * TGW route tables per transit gateway (region -> count); AWS's default quota is 20 per TGW.
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html
 */
export function tgwRouteTablesPerRegion(plan: RoutingPlan): Readonly<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of plan.transitGateway?.routeTables ?? []) {
        out[t.region] = (out[t.region] ?? 0) + 1;
    }
    return out;
}

/**
 * The most routes this plan adds to any one route table of each VPC (`hub` / `spoke-<name>` -> count),
 * segment peers included. Not counted: the VPC's local route and gateway-endpoint prefix-list routes,
 * which AWS adds to the same table — the caller adds them before comparing with the quota (routes per
 * route table: 50 by default).
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-route-tables
 */
export function vpcRoutesPerTable(plan: RoutingPlan): ReadonlyMap<string, number> {
    const perTable = new Map<string, number>();
    for (const r of plan.vpcRoutes) {
        const k = `${r.vpc}/${r.routeTable}`;
        perTable.set(k, (perTable.get(k) ?? 0) + 1);
    }
    const out = new Map<string, number>();
    for (const [k, n] of perTable) {
        const vpc = k.slice(0, k.indexOf("/"));
        out.set(vpc, Math.max(out.get(vpc) ?? 0, n));
    }
    return out;
}
