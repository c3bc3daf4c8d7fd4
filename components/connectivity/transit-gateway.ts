import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SegmentConfig } from "../config/schema";
import { NetworkVpc } from "../network/vpc";
import { TopologyPlan } from "../planning/topology";
import { RegionalProviders } from "../providers";
import { ROUTED_TIERS } from "./peering";

export interface TransitGatewaysArgs {
    readonly hub: NetworkVpc;
    readonly spokes: readonly { readonly name: string; readonly network: NetworkVpc }[];
    readonly providers: RegionalProviders;
    readonly plan: TopologyPlan;
    readonly segments: readonly SegmentConfig[];
    /** Protect the transit gateways. @default false */
    readonly protect?: boolean;
}

/** The transit gateway of one region and its route tables. */
export interface RegionalTransitGateway {
    readonly region: string;
    readonly transitGateway: aws.ec2transitgateway.TransitGateway;
    /** Route tables by role: `spokes`, `hub` (hub region), `peering`, `segment-<name>`. */
    readonly routeTables: Readonly<Record<string, aws.ec2transitgateway.RouteTable>>;
}

/**
 * Hub-and-spoke over Transit Gateway: one TGW per region in use, inter-region TGW peering from the hub
 * region's TGW to each spoke region's TGW, explicit route tables for segmentation.
 *
 * AWS facts this follows (https://docs.aws.amazon.com/vpc/latest/tgw/):
 * - A TGW is regional; VPCs attach to their own region's TGW, in one subnet per AZ (our /28 transit tier).
 * - Default route-table association/propagation and shared-attachment auto-accept are disabled, so no
 *   attachment lands in a table nobody reviewed (Security Hub EC2.23).
 * - Peering attachments are requested in the hub region and accepted in the peer region; routes across
 *   them are static only (propagation does not cross a peering), and any route or association on a
 *   peering attachment fails until it is accepted: every one depends on the accepter.
 * - A VPC route to a TGW fails until the VPC is attached: every VPC route depends on its attachment.
 *
 * Route tables (per region):
 * - `hub` (hub region): associated with the hub attachment; spokes of the hub region propagate into it;
 *   one static route per remote region (its supernet) to that region's peering attachment.
 * - `spokes`: associated with spoke attachments outside segments; only a route to the hub, so spokes
 *   do not reach each other.
 * - `peering`: associated with the peering attachment(s); at the hub side the hub attachment propagates
 *   into it, at the remote side the region's spokes do, so the hub and remote spokes reach each other.
 * - `segment-<name>`: associated with the segment's members: the hub route plus the other members.
 */
export class TransitGateways extends pulumi.ComponentResource {
    readonly regions: Readonly<Record<string, RegionalTransitGateway>>;
    readonly hubAttachment: aws.ec2transitgateway.VpcAttachment;
    readonly spokeAttachments: Readonly<Record<string, aws.ec2transitgateway.VpcAttachment>>;
    /** Peering attachment (hub side) and its accepter, by remote region. */
    readonly peerings: Readonly<Record<string, { attachment: aws.ec2transitgateway.PeeringAttachment; accepter: aws.ec2transitgateway.PeeringAttachmentAccepter }>>;

    constructor(name: string, args: TransitGatewaysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:connectivity:TransitGateways", name, {}, opts);
        const { hub, plan } = args;
        const hubRegion = plan.hubRegion;
        const remoteRegions = plan.regions.filter((r) => r !== hubRegion);
        const inRegion = (r: string) => ({ parent: this, provider: args.providers.get(r) });
        const segmentOf = new Map<string, string>();
        for (const seg of args.segments) {
            for (const s of seg.spokes) {
                segmentOf.set(s, seg.name);
            }
        }
        const spokeRegion = new Map(args.spokes.map((s) => [s.name, s.network.region]));

        // ---- gateways and route tables ----------------------------------------------------------
        const regions: Record<string, RegionalTransitGateway> = {};
        for (const r of plan.regions) {
            const tgw = new aws.ec2transitgateway.TransitGateway(
                `${name}-${r}`,
                {
                    description: `landing-zone ${r}`,
                    amazonSideAsn: plan.asns[r],
                    defaultRouteTableAssociation: "disable",
                    defaultRouteTablePropagation: "disable",
                    autoAcceptSharedAttachments: "disable",
                    dnsSupport: "enable",
                    vpnEcmpSupport: "enable",
                    tags: { Name: `${name}-${r}` },
                },
                { ...inRegion(r), protect: args.protect ?? false },
            );
            const tables: Record<string, aws.ec2transitgateway.RouteTable> = {};
            const table = (role: string) => {
                tables[role] = new aws.ec2transitgateway.RouteTable(
                    `${name}-${r}-${role}`,
                    { transitGatewayId: tgw.id, tags: { Name: `${name}-${r}-${role}`, "landing-zone:tgw-role": role } },
                    inRegion(r),
                );
            };
            const spokesHere = plan.spokesByRegion.get(r) ?? [];
            if (spokesHere.some((s) => !segmentOf.has(s.name))) {
                table("spokes");
            }
            if (r === hubRegion) {
                table("hub");
            }
            if ((r === hubRegion && remoteRegions.length > 0) || r !== hubRegion) {
                table("peering");
            }
            for (const seg of args.segments) {
                if (seg.spokes.some((s) => spokeRegion.get(s) === r)) {
                    table(`segment-${seg.name}`);
                }
            }
            regions[r] = { region: r, transitGateway: tgw, routeTables: tables };
        }
        this.regions = regions;
        const tablesOf = (r: string) => regions[r].routeTables;

        const associate = (label: string, r: string, attachmentId: pulumi.Input<string>, table: aws.ec2transitgateway.RouteTable, dependsOn: pulumi.Resource[] = []) =>
            new aws.ec2transitgateway.RouteTableAssociation(
                `${name}-${label}-assoc`,
                { transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: table.id, replaceExistingAssociation: false },
                { ...inRegion(r), dependsOn },
            );
        const propagate = (label: string, r: string, attachment: aws.ec2transitgateway.VpcAttachment, table: aws.ec2transitgateway.RouteTable) =>
            new aws.ec2transitgateway.RouteTablePropagation(
                `${name}-${label}`,
                { transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: table.id },
                inRegion(r),
            );
        const staticRoute = (label: string, r: string, table: aws.ec2transitgateway.RouteTable, cidr: string, attachmentId: pulumi.Input<string>, dependsOn: pulumi.Resource[]) =>
            new aws.ec2transitgateway.Route(
                `${name}-${label}`,
                { transitGatewayRouteTableId: table.id, destinationCidrBlock: cidr, transitGatewayAttachmentId: attachmentId },
                { ...inRegion(r), dependsOn },
            );

        // ---- VPC attachments -------------------------------------------------------------------
        const attach = (label: string, network: NetworkVpc) =>
            new aws.ec2transitgateway.VpcAttachment(
                `${name}-${label}`,
                {
                    transitGatewayId: regions[network.region].transitGateway.id,
                    vpcId: network.vpcId,
                    subnetIds: network.subnetIds("transit"),
                    transitGatewayDefaultRouteTableAssociation: false,
                    transitGatewayDefaultRouteTablePropagation: false,
                    dnsSupport: "enable",
                    applianceModeSupport: "disable",
                    tags: { Name: `${name}-${label}` },
                },
                inRegion(network.region),
            );

        this.hubAttachment = attach("hub", hub);
        associate("hub", hubRegion, this.hubAttachment.id, tablesOf(hubRegion).hub);
        for (const [role, table] of Object.entries(tablesOf(hubRegion))) {
            if (role !== "hub") {
                propagate(`hub-to-${role}`, hubRegion, this.hubAttachment, table);
            }
        }

        const spokeAttachments: Record<string, aws.ec2transitgateway.VpcAttachment> = {};
        for (const s of args.spokes) {
            const r = s.network.region;
            const a = attach(`spoke-${s.name}`, s.network);
            spokeAttachments[s.name] = a;
            const seg = segmentOf.get(s.name);
            associate(`spoke-${s.name}`, r, a.id, seg ? tablesOf(r)[`segment-${seg}`] : tablesOf(r).spokes);
            // The hub (directly, or through the peering) reaches every spoke.
            propagate(`spoke-${s.name}-to-${r === hubRegion ? "hub" : "peering"}`, r, a, r === hubRegion ? tablesOf(r).hub : tablesOf(r).peering);
            if (seg) {
                propagate(`spoke-${s.name}-to-segment-${seg}`, r, a, tablesOf(r)[`segment-${seg}`]);
            }
        }
        this.spokeAttachments = spokeAttachments;

        // ---- inter-region peering --------------------------------------------------------------
        const peerings: Record<string, { attachment: aws.ec2transitgateway.PeeringAttachment; accepter: aws.ec2transitgateway.PeeringAttachmentAccepter }> = {};
        for (const r of remoteRegions) {
            const attachment = new aws.ec2transitgateway.PeeringAttachment(
                `${name}-peering-${r}`,
                {
                    transitGatewayId: regions[hubRegion].transitGateway.id,
                    peerTransitGatewayId: regions[r].transitGateway.id,
                    peerRegion: r,
                    tags: { Name: `${name}-peering-${hubRegion}-${r}`, "landing-zone:side": "requester" },
                },
                inRegion(hubRegion),
            );
            const accepter = new aws.ec2transitgateway.PeeringAttachmentAccepter(
                `${name}-peering-${r}-accepter`,
                { transitGatewayAttachmentId: attachment.id, tags: { Name: `${name}-peering-${hubRegion}-${r}`, "landing-zone:side": "accepter" } },
                inRegion(r),
            );
            peerings[r] = { attachment, accepter };
            associate(`peering-${r}-hub-side`, hubRegion, attachment.id, tablesOf(hubRegion).peering, [accepter]);
            associate(`peering-${r}-${r}-side`, r, accepter.transitGatewayAttachmentId, tablesOf(r).peering, [accepter]);

            // Static routes only: propagation does not cross a peering attachment.
            staticRoute(`hub-to-${r}`, hubRegion, tablesOf(hubRegion).hub, args.plan.spokeAggregates.find((a) => a.region === r)?.cidr ?? "", attachment.id, [accepter]);
            for (const [role, table] of Object.entries(tablesOf(r))) {
                if (role === "spokes" || role.startsWith("segment-")) {
                    staticRoute(`${r}-${role}-to-hub`, r, table, hub.cidr, accepter.transitGatewayAttachmentId, [accepter]);
                }
            }
        }
        this.peerings = peerings;

        // Segment members in different regions: static routes through the hub region's TGW.
        const transitRoutes = new Set<string>();
        for (const seg of args.segments) {
            const members = args.spokes.filter((s) => seg.spokes.includes(s.name));
            for (const a of members) {
                for (const b of members) {
                    const ra = a.network.region;
                    const rb = b.network.region;
                    if (a === b || ra === rb) {
                        continue;
                    }
                    const table = tablesOf(ra)[`segment-${seg.name}`];
                    const via = ra === hubRegion ? peerings[rb].attachment.id : peerings[ra].accepter.transitGatewayAttachmentId;
                    const waitFor = ra === hubRegion ? [peerings[rb].accepter] : [peerings[ra].accepter];
                    staticRoute(`${ra}-segment-${seg.name}-to-${b.name}`, ra, table, b.network.cidr, via, waitFor);
                    // Transit at the hub TGW: traffic arriving on a peering continues to b.
                    if (ra !== hubRegion && !transitRoutes.has(b.name)) {
                        transitRoutes.add(b.name);
                        if (rb === hubRegion) {
                            propagate(`spoke-${b.name}-to-peering`, hubRegion, spokeAttachments[b.name], tablesOf(hubRegion).peering);
                        } else {
                            staticRoute(`${hubRegion}-peering-to-${b.name}`, hubRegion, tablesOf(hubRegion).peering, b.network.cidr, peerings[rb].attachment.id, [peerings[rb].accepter]);
                        }
                    }
                }
            }
        }

        // ---- VPC route tables ------------------------------------------------------------------
        // Hub: one route per spoke region (its supernet) to the hub-region TGW.
        for (const agg of plan.spokeAggregates) {
            for (const rt of hub.routeTables(...ROUTED_TIERS)) {
                new aws.ec2.Route(
                    `${name}-hub-to-${agg.region}-${rt.label}`,
                    { routeTableId: rt.id, destinationCidrBlock: agg.cidr, transitGatewayId: regions[hubRegion].transitGateway.id },
                    { ...inRegion(hubRegion), dependsOn: [this.hubAttachment] },
                );
            }
        }
        // Spokes: the hub, plus their segment peers, through their own region's TGW.
        for (const s of args.spokes) {
            const r = s.network.region;
            const destinations = [{ label: "hub", cidr: hub.cidr }].concat(
                (plan.segmentPeers.get(s.name) ?? []).map((p) => ({ label: p, cidr: args.spokes.find((x) => x.name === p)?.network.cidr ?? "" })),
            );
            for (const d of destinations) {
                for (const rt of s.network.routeTables(...ROUTED_TIERS)) {
                    new aws.ec2.Route(
                        `${name}-spoke-${s.name}-to-${d.label}-${rt.label}`,
                        { routeTableId: rt.id, destinationCidrBlock: d.cidr, transitGatewayId: regions[r].transitGateway.id },
                        { ...inRegion(r), dependsOn: [spokeAttachments[s.name]] },
                    );
                }
            }
        }

        this.registerOutputs({
            transitGatewayIds: Object.fromEntries(Object.values(regions).map((g) => [g.region, g.transitGateway.id])),
        });
    }
}
