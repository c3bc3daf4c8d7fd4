/**
 * Centralised inspection as data: the inspection VPC's subnets and routes, its transit gateway
 * attachment, and the TGW routing of the hub region rewritten so that every inspected flow passes through
 * it. Pure (no Pulumi import): computed from the validated config, its topology plan and the routing
 * plan without inspection (components/planning/routing.ts), which it changes only where an inspected
 * flow passes — every other route, association and propagation is that plan's own, unchanged.
 *
 * ## Design
 *
 * One inspection VPC, in the hub region, attached to the hub region's transit gateway (H). Every
 * inspected flow crosses H: spoke <-> hub always does; spoke <-> spoke of one segment does when one end
 * is in H or the two ends are in different regions (two members in one other region talk through their
 * own TGW only: config validation refuses to inspect such a segment, `inspection.flows.spokeToSpoke`).
 *
 * A flow is inspected when its kind is (`flows.spokeToHub`, `flows.spokeToSpoke`) and, if it crosses a
 * TGW peering, `flows.interRegion` too. The routes of H's tables that carry an inspected flow are sent to
 * the inspection attachment instead of their destination:
 *
 * - the pre-inspection tables are the tables that already exist — `spokes` and `segment-<name>` (a spoke's
 *   traffic), `hub` (the hub's), `peering` (what arrives from other regions). Their inspected routes keep
 *   their exact destination (the hub CIDR, a segment peer, a remote supernet) and change target; a route
 *   that was propagated becomes a static route to the inspection attachment (a static route wins over a
 *   propagated one for the same destination, so it can be created while the propagation still exists).
 *   No default route: a `0.0.0.0/0 -> inspection` in a spoke table would hand the post-inspection table
 *   traffic between spokes that no segment joins, and the firewall would become the only thing keeping
 *   them apart;
 * - the hub's table sends each spoke supernet of an inspected flow to inspection: the hub region's own
 *   (one route instead of the spokes' propagated /20s, which would be more specific and bypass it) and
 *   each remote region's (the static route across the peering, retargeted);
 * - a `post-inspection` table, associated with the inspection attachment, delivers what comes back from
 *   the appliances: the hub and the hub region's spokes propagated, each remote region's supernet across
 *   its peering. It holds only destinations of inspected flows.
 *
 * The return of every inspected flow is inspected by the same rule (the flow's kind and scope are the
 * same both ways), so forward and return both cross the inspection attachment; appliance mode keeps
 * both directions on the attachment's network interface in one AZ for the flow's lifetime, and inside
 * the inspection VPC each AZ's TGW subnet routes to the endpoint (GWLB endpoint or Network Firewall
 * endpoint) of the SAME AZ, each endpoint subnet back to the TGW — so a flow meets one endpoint, and one
 * stateful appliance, both ways.
 *
 * Subnets use the fixed slots of planning/subnets.ts (appliance subnets in the workload slots): adding an
 * AZ moves nothing. Every object is keyed by the AWS object it owns — a route by (table, destination), an
 * association by its attachment — never by a list position; a retargeted static route keeps the label of
 * the route it was without inspection, so it stays one resource.
 *
 * ## AWS facts
 *
 * - Appliance mode on the inspection VPC's attachment keeps a flow on one AZ's attachment interface in
 *   both directions; without it a transit gateway keeps each direction in its source's AZ, and a stateful
 *   appliance sees half a flow. "Availability Zones" (appliance mode) and "Example: Appliance in a shared
 *   services VPC": https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-az-overview,
 *   https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html; Network Firewall
 *   requires it for centralised deployments and does not support asymmetric routing:
 *   https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html,
 *   https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html.
 * - A Gateway Load Balancer endpoint lives in one subnet of one AZ (one endpoint per AZ per service) and
 *   is a route target of VPC route tables; traffic returning from it follows its subnet's route table.
 *   "Access an inspection system using a Gateway Load Balancer endpoint" (Configure routing):
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html.
 * - Centralised inspection with a transit gateway: spoke attachments' table -> inspection attachment;
 *   the inspection attachment's table -> the spokes (propagated); TGW subnets -> firewall endpoint of the
 *   AZ, firewall subnets -> TGW. "Multi-Region Inspection with AWS Network Firewall and AWS Transit
 *   Gateway" (inspect in each Region to avoid asymmetry):
 *   https://docs.aws.amazon.com/reference-architecture-diagrams/latest/network-firewall-inspection-models/nwfw-multi-region.html;
 *   "Transit gateway configuration" (inbound / firewall inspection route tables):
 *   https://docs.aws.amazon.com/prescriptive-guidance/latest/robust-network-design-control-tower/transit-gateway.html.
 * - Route evaluation in a TGW route table: longest prefix first; for the same destination a static route
 *   beats a propagated one. "Route evaluation order":
 *   https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html.
 * - A TGW static route's attachment cannot be updated in place by the provider
 *   (`transit_gateway_attachment_id` is ForceNew in aws_ec2_transit_gateway_route), and a second route
 *   for the same (table, destination) is refused: a retargeted route (`change.kind === "retarget"`) must
 *   be replaced delete-first. https://github.com/hashicorp/terraform-provider-aws (internal/service/ec2/transitgateway_route.go)
 */
import type { InspectedFlows } from "../config/schema";
import { subnetCidr } from "./subnets";
import { cidr, formatCidr } from "./cidr";
import {
    HUB_VPC,
    RoutingPlan,
    spokeVpc,
    tableKey,
    TgwAssociationPlan,
    TgwAttachmentRef,
    TgwPropagationPlan,
    TgwRouteTablePlan,
} from "./routing";
import { TopologyPlan } from "./topology";
import { checkInspectionPlan } from "./inspection-invariants";
import {
    ANY_IPV4,
    FlowClass,
    INSPECTION_TIERS,
    INSPECTION_VPC,
    InspectedTgwRoutePlan,
    InspectionEndpointPlan,
    InspectionPlan,
    InspectionPlanConfig,
    InspectionPlanError,
    InspectionSubnetPlan,
    InspectionTier,
    InspectionVpcRoutePlan,
    POST_INSPECTION_ROLE,
} from "./inspection-plan";

export * from "./inspection-plan";
export { checkInspectionPlan } from "./inspection-invariants";

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

/** The slot of planning/subnets.ts each tier uses: fixed per (tier, AZ), whatever the AZ count. */
const SLOT = { appliance: "workload", endpoint: "endpoint", transit: "transit" } as const;

/** `10.0.0.0/16` -> `10.0.0.0-16`, as VPC route names spell destinations. */
function cidrLabel(c: string): string {
    return c.replace("/", "-");
}

/** True when the flow is one the config inspects. */
export function isInspected(flows: InspectedFlows, f: FlowClass): boolean {
    return (f.kind === "spoke-hub" ? flows.spokeToHub : flows.spokeToSpoke) && (!f.interRegion || flows.interRegion);
}

/** Plans the inspection VPC and the hub region's TGW routing through it. */
export function planInspection(config: InspectionPlanConfig, topology: TopologyPlan, routing: RoutingPlan): InspectionPlan {
    const ins = config.inspection;
    const base = routing.transitGateway;
    if (routing.mode !== "transit-gateway" || !base) {
        throw new InspectionPlanError("inspection needs transit-gateway mode (config validation refuses it with peering)");
    }
    const region = topology.hubRegion;
    refuseUninspectableSegments(config, region);

    // ---- the inspection VPC ------------------------------------------------------------------------
    const vpcCidr = cidr(ins.cidr);
    const tiers: readonly InspectionTier[] = ins.engine === "gwlb" ? INSPECTION_TIERS : ["endpoint", "transit"];
    const subnets: InspectionSubnetPlan[] = tiers.flatMap((tier) =>
        Array.from({ length: ins.azCount }, (_, az) => ({
            key: `${tier}-${az}`,
            tier,
            azIndex: az,
            cidr: formatCidr(subnetCidr(vpcCidr, SLOT[tier], az)),
        })),
    );
    const azs = Array.from({ length: ins.azCount }, (_, az) => az);
    const endpoints: InspectionEndpointPlan[] = azs.map((az) => ({
        key: `endpoint-${az}`,
        azIndex: az,
        subnet: `endpoint-${az}`,
        engine: ins.engine,
    }));
    const vpcRoute = (routeTable: string, azIndex: number, target: InspectionVpcRoutePlan["target"]): InspectionVpcRoutePlan => ({
        key: `${INSPECTION_VPC}/${routeTable} -> ${ANY_IPV4}`,
        routeTable,
        azIndex,
        destination: ANY_IPV4,
        target,
    });
    const vpcRoutes: InspectionVpcRoutePlan[] = [
        // What the TGW delivers goes to the endpoint of the AZ it arrived in...
        ...azs.map((az) => vpcRoute(`transit-${az}`, az, { kind: "endpoint", azIndex: az })),
        // ...and what the endpoint returns goes back to the TGW (through that AZ's attachment interface).
        ...azs.map((az) => vpcRoute(`endpoint-${az}`, az, { kind: "transit-gateway", region, attachment: INSPECTION_VPC })),
    ];

    // ---- TGW: redirect H's routes of inspected flows ------------------------------------------------
    const inspection: TgwAttachmentRef = { kind: "vpc", vpc: INSPECTION_VPC };
    const post = tableKey(region, POST_INSPECTION_ROLE);
    const roleOf = new Map(base.routeTables.map((t) => [t.key, t.role]));
    const cidrOf = new Map(base.vpcAttachments.map((v) => [v.vpc, v.cidr]));
    const regionOfVpc = new Map(base.vpcAttachments.map((v) => [v.vpc, v.region]));
    const hubSupernet = topology.spokeAggregates.find((a) => a.region === region)?.cidr;
    const supernetOf = (r: string): string => {
        const agg = topology.spokeAggregates.find((a) => a.region === r);
        if (!agg) {
            throw new InspectionPlanError(`region ${r} is routed across a peering but has no spoke supernet`);
        }
        return agg.cidr;
    };

    /** The flow a route of H's table `table` to `to` carries (`to`: a VPC, or a remote destination). */
    const classify = (table: string, to: { readonly vpc: string } | { readonly remote: true }): FlowClass => {
        const role = roleOf.get(table);
        const fromHub = role === "hub";
        const toHub = "vpc" in to && to.vpc === HUB_VPC;
        return { kind: fromHub || toHub ? "spoke-hub" : "spoke-spoke", interRegion: role === "peering" || "remote" in to };
    };

    const propagations: TgwPropagationPlan[] = [];
    const removed: string[] = [];
    const staticRoutes: InspectedTgwRoutePlan[] = [];
    /** VPCs and remote regions the post-inspection table must deliver to. */
    const deliverVpcs = new Set<string>();
    const deliverRegions = new Set<string>();
    /** H-hub propagations of H spokes whose flows are inspected: replaced by the hub region's supernet. */
    const hubTableSpokes: string[] = [];

    for (const p of base.propagations) {
        const flow = p.region === region ? classify(p.table, { vpc: p.vpc }) : undefined;
        if (!flow || !isInspected(ins.flows, flow)) {
            propagations.push(p);
            continue;
        }
        removed.push(p.label);
        deliverVpcs.add(p.vpc);
        if (roleOf.get(p.table) === "hub") {
            hubTableSpokes.push(p.label);
            continue;
        }
        const destination = cidrOf.get(p.vpc);
        if (destination === undefined) {
            throw new InspectionPlanError(`propagation ${p.label} names unknown attachment ${p.vpc}`);
        }
        staticRoutes.push({
            key: `${p.table} -> ${destination}`,
            label: `${p.table}-to-${cidrLabel(destination)}`,
            region,
            table: p.table,
            destination,
            attachment: inspection,
            change: { kind: "replaces-propagations", propagations: [p.label] },
            inspects: flow,
        });
    }
    if (hubTableSpokes.length > 0) {
        if (hubSupernet === undefined) {
            throw new InspectionPlanError(`spokes propagate into the hub table of ${region}, which has no spoke supernet`);
        }
        const t = tableKey(region, "hub");
        staticRoutes.push({
            key: `${t} -> ${hubSupernet}`,
            label: `${t}-to-${cidrLabel(hubSupernet)}`,
            region,
            table: t,
            destination: hubSupernet,
            attachment: inspection,
            change: { kind: "replaces-propagations", propagations: hubTableSpokes },
            inspects: { kind: "spoke-hub", interRegion: false },
        });
    }
    for (const r of base.staticRoutes) {
        const key = `${r.table} -> ${r.destination}`;
        const flow = r.region === region ? classify(r.table, { remote: true }) : undefined;
        if (!flow || !isInspected(ins.flows, flow)) {
            staticRoutes.push({
                key,
                label: r.label,
                region: r.region,
                table: r.table,
                destination: r.destination,
                attachment: r.attachment,
            });
            continue;
        }
        deliverRegions.add(r.attachment.region);
        staticRoutes.push({
            key,
            label: r.label,
            region,
            table: r.table,
            destination: r.destination,
            attachment: inspection,
            change: { kind: "retarget", from: r.attachment },
            inspects: flow,
        });
    }

    // ---- the post-inspection table -------------------------------------------------------------------
    // H-hub's supernet route stands for every spoke of the hub region: deliver to each.
    if (hubTableSpokes.length > 0) {
        for (const s of topology.spokesByRegion.get(region) ?? []) {
            deliverVpcs.add(spokeVpc(s.name));
        }
    }
    const routeTables: TgwRouteTablePlan[] = [...base.routeTables];
    const associations: TgwAssociationPlan[] = [...base.associations];
    // Always there, even when this topology has no flow of the inspected kinds yet (say, spoke-to-spoke
    // before the first segment): the attachment needs its one association, and the table stays empty.
    routeTables.push({ key: post, region, role: POST_INSPECTION_ROLE });
    associations.push({ label: INSPECTION_VPC, region, attachment: inspection, table: post });
    // In attachment order (hub, then spokes in config order), so adding a spoke appends.
    for (const v of base.vpcAttachments) {
        if (deliverVpcs.has(v.vpc)) {
            if (regionOfVpc.get(v.vpc) !== region) {
                throw new InspectionPlanError(`${v.vpc} is delivered by propagation but is not in ${region}`);
            }
            propagations.push({ label: `${v.vpc}-to-${POST_INSPECTION_ROLE}`, region, vpc: v.vpc, table: post });
        }
    }
    for (const r of base.peerings) {
        if (deliverRegions.has(r)) {
            const destination = supernetOf(r);
            staticRoutes.push({
                key: `${post} -> ${destination}`,
                label: `${post}-to-${r}`,
                region,
                table: post,
                destination,
                attachment: { kind: "peering", region: r, side: "hub" },
                change: { kind: "new" },
            });
        }
    }

    const plan: InspectionPlan = {
        region,
        cidr: ins.cidr,
        azCount: ins.azCount,
        engine: ins.engine,
        flows: ins.flows,
        subnets,
        endpoints,
        vpcRoutes,
        attachment: {
            vpc: INSPECTION_VPC,
            region,
            cidr: ins.cidr,
            applianceModeSupport: "enable",
            subnets: azs.map((az) => `transit-${az}`),
            table: post,
        },
        transitGateway: {
            ...base,
            routeTables,
            vpcAttachments: [...base.vpcAttachments, { vpc: INSPECTION_VPC, region, cidr: ins.cidr }],
            associations,
            propagations,
            staticRoutes,
        },
        removedPropagations: removed,
    };
    checkInspectionPlan(plan);
    return plan;
}

/** Segment members in one region other than H never cross H: refuse to pretend they are inspected. */
function refuseUninspectableSegments(config: InspectionPlanConfig, hubRegion: string): void {
    if (!config.inspection.flows.spokeToSpoke) {
        return;
    }
    const regionOf = new Map(config.spokes.map((s) => [s.name, s.region]));
    for (const seg of config.connectivity.segments) {
        const remote = seg.spokes.map((n) => regionOf.get(n)).filter((r) => r !== undefined && r !== hubRegion);
        if (new Set(remote).size !== remote.length) {
            throw new InspectionPlanError(
                `segment "${seg.name}" has two members in one region outside ${hubRegion}: their traffic never reaches the inspection VPC`,
            );
        }
    }
}

/** TGW route tables per region with inspection (region -> count): the hub region has one more. */
export function inspectedRouteTablesPerRegion(plan: InspectionPlan): Readonly<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of plan.transitGateway.routeTables) {
        out[t.region] = (out[t.region] ?? 0) + 1;
    }
    return out;
}
