/**
 * Quotas of the routes the stack creates, counted from the routing plan itself
 * (components/planning/routing.ts: tgwRouteTablesPerRegion, vpcRoutesPerTable), so the check and the
 * resources cannot disagree:
 * - routes per VPC route table: the planned routes, plus the local route every table has, plus one
 *   route per gateway endpoint (each is a route to an AWS-managed prefix list of weight 1 on every
 *   route table of the VPC) — in peering mode the hub's tables (one route per spoke), in transit-gateway
 *   mode the hub's tables (one per spoke region) and the tables of segment members (the hub plus every
 *   segment peer);
 * - route tables per transit gateway (segments add one each in every region where they have members).
 *
 * Sources: https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html (routes per route
 * table: 50, non-propagated), https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
 * (S3 and DynamoDB prefix lists: weight 1), https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html
 * (transit gateway route tables per transit gateway: 20, adjustable).
 */
import { HUB_VPC, planRouting, spokeVpc, tgwRouteTablesPerRegion, vpcRoutesPerTable } from "../../planning/routing";
import { planTopology } from "../../planning/topology";
import { ConnectivityConfig, HubConfig, QuotaConfig, RegionalEndpointsConfig } from "../units";
import { IndexedSpokes, Push } from "./common";

/** The units the routing plan reads, all parsed and consistent (no problem under their keys). */
export interface RoutingUnits {
    readonly hub: HubConfig;
    readonly spokes: IndexedSpokes;
    readonly supernets: Readonly<Record<string, string>>;
    readonly connectivity: ConnectivityConfig;
    /** The regional endpoint sets as configured (their VPCs are routed like spokes). @default every default */
    readonly regionalEndpoints?: RegionalEndpointsConfig;
}

/** Problems under these keys leave the routing plan without consistent inputs: its quotas wait for them. */
export const ROUTING_INPUT_KEYS = /^landing-zone:(hub|spokes|supernets|connectivity|regionalEndpoints\.[^.]+\.cidr)(\b|$)/;

export function checkRoutingQuotas(u: RoutingUnits, q: QuotaConfig, push: Push): void {
    const config = {
        hub: u.hub,
        spokes: u.spokes.map((x) => x.s),
        supernets: u.supernets,
        connectivity: u.connectivity,
        ...(u.regionalEndpoints !== undefined ? { regionalEndpoints: u.regionalEndpoints } : {}),
    };
    const plan = planRouting(config, planTopology(config));
    const perVpc = vpcRoutesPerTable(plan);
    const quota = q.routesPerRouteTable;
    // Every table's local route, and one route per gateway endpoint of the VPC.
    const fixed = (gatewayEndpoints: readonly string[]) => 1 + gatewayEndpoints.length;

    const hubRoutes = (perVpc.get(HUB_VPC) ?? 0) + fixed(u.hub.gatewayEndpoints);
    if (hubRoutes > quota) {
        const gw = u.hub.gatewayEndpoints.length;
        if (plan.mode === "peering") {
            push(
                "spokes",
                `each hub route table needs ${hubRoutes} routes (one per spoke: a peering route cannot be aggregated; the local route; ${gw} gateway endpoint route(s)), ` +
                    `over quotas.routesPerRouteTable (${quota}). Fix: raise the quota (up to 1,000) with AWS and in config, or use connectivity.mode "transit-gateway" (one route per region)`,
            );
        } else {
            push(
                "supernets",
                `each hub route table needs ${hubRoutes} routes (one per spoke region's supernet, the local route, ${gw} gateway endpoint route(s)), ` +
                    `over quotas.routesPerRouteTable (${quota}). Fix: raise the quota (up to 1,000) with AWS and in config`,
            );
        }
    }

    // A spoke outside a segment holds the hub route, the local route and its gateway endpoints (at most
    // 4, below any quota AWS allows): only segment members can run over, one problem per segment.
    u.connectivity.segments.forEach((seg, si) => {
        let worst: { name: string; routes: number; gw: number; endpoints: boolean } | undefined;
        for (const name of seg.spokes) {
            const spoke = u.spokes.find((x) => x.s.name === name)?.s;
            const routes = (perVpc.get(spokeVpc(name)) ?? 0) + (spoke ? fixed(spoke.gatewayEndpoints) : 1);
            if (!worst || routes > worst.routes) {
                worst = {
                    name,
                    routes,
                    gw: spoke?.gatewayEndpoints.length ?? 0,
                    endpoints: plan.vpcRoutes.some((r) => r.vpc === spokeVpc(name) && r.to.kind === "endpoints"),
                };
            }
        }
        if (worst && worst.routes > quota) {
            push(
                `connectivity.segments[${si}]`,
                `spoke "${worst.name}"'s route tables need ${worst.routes} routes (the hub, ${seg.spokes.length - 1} segment peer(s) of segment "${seg.name}", ${worst.endpoints ? "its Region's endpoint VPC, " : ""}the local route, ` +
                    `${worst.gw} gateway endpoint route(s)), over quotas.routesPerRouteTable (${quota}). Fix: split the segment into smaller ones, or raise the quota (up to 1,000) with AWS and in config`,
            );
        }
    });

    for (const [region, tables] of Object.entries(tgwRouteTablesPerRegion(plan))) {
        if (tables > q.routeTablesPerTransitGateway) {
            push(
                "connectivity.segments",
                `the ${region} transit gateway needs ${tables} route tables (spokes, hub, peering, the Region's endpoint VPC's and one per segment with a member in ${region}), ` +
                    `over quotas.routeTablesPerTransitGateway (${q.routeTablesPerTransitGateway}). Fix: merge segments, or raise the quota with AWS and in config`,
            );
        }
    }
}
