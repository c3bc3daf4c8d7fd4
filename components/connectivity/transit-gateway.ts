import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkVpc } from "../network/vpc";
import { INSPECTION_VPC, InspectedTransitGatewayPlan, InspectionAttachmentPlan } from "../planning/inspection";
import { attachmentLabel, HUB_VPC, TgwAttachmentRef, TransitGatewayRoutingPlan } from "../planning/routing";
import { TopologyPlan } from "../planning/topology";
import { VpcRoutePlan } from "../planning/routing";
import { forwardingPath } from "./forwarding-path";
import { RegionalProviders } from "../providers";
import { must } from "./plan-lookup";
import { TransitGatewayShares } from "./ram-share";

export interface TransitGatewaysArgs {
    readonly hub: NetworkVpc;
    readonly spokes: readonly { readonly name: string; readonly network: NetworkVpc }[];
    readonly providers: RegionalProviders;
    /** Regions and ASNs. */
    readonly plan: TopologyPlan;
    /**
     * Route tables, associations, propagations and static routes to create (see planning/routing.ts);
     * with inspection, the inspected plan (`InspectionPlan.transitGateway`, planning/inspection.ts).
     */
    readonly routing: TransitGatewayRoutingPlan | InspectedTransitGatewayPlan;
    /**
     * The inspection VPC and its attachment plan, when `landing-zone:inspection` is set: it is attached
     * like the others, in its transit subnets, with appliance mode on. @default none
     */
    readonly inspection?: {
        readonly network: NetworkVpc;
        readonly attachment: InspectionAttachmentPlan;
        /**
         * The transit subnet of each AZ slot, each released only once that AZ's transit route to its
         * endpoint exists (`InspectionRoutes.gatedTransitSubnetIds`): the attachment's subnets.
         */
        readonly transitSubnetIds: readonly pulumi.Input<string>[];
    };
    /** Protect the transit gateways. @default false */
    readonly protect?: boolean;
    /**
     * The regional endpoint VPCs by plan reference (`endpoints-<region>`): each is attached to its
     * region's TGW like a spoke (planning/routing.ts). @default none
     */
    readonly regionalEndpoints?: ReadonlyMap<string, NetworkVpc>;
    /**
     * Multi-account stacks: the account (declared name) of each VPC, by plan reference, that another
     * account than the network account owns, and the organisation's ARN when the stack is in one. Those
     * VPCs' TGWs are shared with their accounts through AWS RAM (ram-share.ts); each such VPC attaches
     * from its own account and the network account accepts the attachment. @default none: every VPC is
     * the network account's
     */
    readonly crossAccount?: {
        readonly vpcAccounts: ReadonlyMap<string, string>;
        /** @default undefined: no organisation, a share per account with an invitation each accepts */
        readonly organizationArn?: pulumi.Input<string>;
    };
}

/** The transit gateway of one region and its route tables. */
export interface RegionalTransitGateway {
    readonly region: string;
    readonly transitGateway: aws.ec2transitgateway.TransitGateway;
    /** Route tables by role: `spokes`, `hub` (hub region), `peering`, `segment-<name>`. */
    readonly routeTables: Readonly<Record<string, aws.ec2transitgateway.RouteTable>>;
}

/** Peering attachment (hub side) and its accepter (remote side) with one remote region. */
export interface TransitGatewayPeering {
    readonly attachment: aws.ec2transitgateway.PeeringAttachment;
    readonly accepter: aws.ec2transitgateway.PeeringAttachmentAccepter;
}

/**
 * Hub-and-spoke over Transit Gateway: one TGW per region in use, inter-region TGW peering from the hub
 * region's TGW to each spoke region's TGW, explicit route tables for segmentation. What is associated,
 * propagated and routed where is decided by the routing plan (components/planning/routing.ts); this
 * component materialises it.
 *
 * AWS facts this follows (https://docs.aws.amazon.com/vpc/latest/tgw/):
 * - A TGW is regional; VPCs attach to their own region's TGW, in one subnet per AZ (our /28 transit tier).
 * - Default route-table association/propagation and shared-attachment auto-accept are disabled, so no
 *   attachment lands in a table nobody reviewed (Security Hub EC2.23).
 * - Peering attachments are requested in the hub region and accepted in the peer region; routes across
 *   them are static only (propagation does not cross a peering), and any route or association on a
 *   peering attachment fails until it is accepted: every one depends on the accepter.
 * - A VPC route to a TGW fails until the VPC is attached: every VPC route depends on its attachment
 *   (the VPC routes themselves belong to `VpcRoutes`: one resource per (route table, destination) in
 *   either mode).
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
    /** VPC attachments by plan reference (`hub`, `spoke-<name>`). */
    readonly vpcAttachments: ReadonlyMap<string, aws.ec2transitgateway.VpcAttachment>;
    /** Peering attachment (hub side) and its accepter, by remote region. */
    readonly peerings: Readonly<Record<string, TransitGatewayPeering>>;
    /**
     * The network account's acceptance of each VPC attachment made by another account, by plan reference
     * (`spoke-<name>`): its `transitGatewayAttachmentId` is what the network account's associations,
     * propagations and routes use. Empty in a single-account stack.
     */
    readonly attachmentAccepters: ReadonlyMap<string, aws.ec2transitgateway.VpcAttachmentAccepter>;
    /** The RAM shares of the TGWs other accounts attach to; undefined when none does. */
    readonly shares?: TransitGatewayShares;
    private readonly routing: TransitGatewayRoutingPlan | InspectedTransitGatewayPlan;
    /** What traffic crossing the inspection attachment also needs: the inspection VPC's endpoints and routes. */
    private inspectionHop?: readonly pulumi.Resource[];
    /** Static routes to the inspection attachment, created by `setInspectionHop` (they wait for the hop). */
    private readonly pendingInspectionRoutes: (() => void)[] = [];
    private readonly associationsByAttachment = new Map<string, aws.ec2transitgateway.RouteTableAssociation>();
    private readonly propagationsByLabel = new Map<string, aws.ec2transitgateway.RouteTablePropagation>();
    private readonly staticRoutesByLabel = new Map<string, aws.ec2transitgateway.Route>();

    constructor(name: string, args: TransitGatewaysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:connectivity:TransitGateways", name, {}, opts);
        const { hub, plan, routing } = args;
        this.routing = routing;
        const hubRegion = routing.hubRegion;
        const inRegion = (r: string) => ({ parent: this, provider: args.providers.get(r) });
        const networks = new Map<string, NetworkVpc>([[HUB_VPC, hub], ...args.spokes.map((s) => [`spoke-${s.name}`, s.network] as const)]);
        if (args.inspection) {
            networks.set(INSPECTION_VPC, args.inspection.network);
        }
        for (const [vpc, n] of args.regionalEndpoints ?? []) {
            networks.set(vpc, n);
        }
        const network = (vpc: string) => must(networks.get(vpc), `no VPC ${vpc} for the transit gateways`);

        // ---- gateways and route tables ----------------------------------------------------------
        const regions: Record<string, RegionalTransitGateway> = {};
        const tgwOf = (r: string) => must(regions[r], `no transit gateway in ${r}`).transitGateway;
        for (const r of routing.regions) {
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
            regions[r] = { region: r, transitGateway: tgw, routeTables: {} };
        }
        const tables = new Map<string, aws.ec2transitgateway.RouteTable>();
        for (const t of routing.routeTables) {
            const table = new aws.ec2transitgateway.RouteTable(
                `${name}-${t.key}`,
                { transitGatewayId: tgwOf(t.region).id, tags: { Name: `${name}-${t.key}`, "landing-zone:tgw-role": t.role } },
                inRegion(t.region),
            );
            tables.set(t.key, table);
            (regions[t.region].routeTables as Record<string, aws.ec2transitgateway.RouteTable>)[t.role] = table;
        }
        this.regions = regions;
        const tableOf = (key: string) => must(tables.get(key), `no TGW route table ${key}`);

        // ---- RAM shares (multi-account) ---------------------------------------------------------
        // Only the TGWs a VPC of another account attaches to are shared, each with those accounts only.
        const foreign = args.crossAccount?.vpcAccounts ?? new Map<string, string>();
        const sharedWith = new Map<string, string[]>();
        for (const v of routing.vpcAttachments) {
            const account = foreign.get(v.vpc);
            if (account !== undefined) {
                const region = network(v.vpc).region;
                sharedWith.set(region, [...(sharedWith.get(region) ?? []), account]);
            }
        }
        this.shares =
            sharedWith.size > 0
                ? new TransitGatewayShares(
                      `${name}-share`,
                      {
                          gateways: [...sharedWith].map(([region, accounts]) => ({ region, transitGateway: tgwOf(region), accounts })),
                          providers: args.providers,
                          ...(args.crossAccount?.organizationArn !== undefined
                              ? { organizationArn: args.crossAccount.organizationArn }
                              : {}),
                      },
                      { parent: this },
                  )
                : undefined;
        const shares = this.shares;

        // ---- VPC attachments -------------------------------------------------------------------
        const vpcAttachments = new Map<string, aws.ec2transitgateway.VpcAttachment>();
        const accepters = new Map<string, aws.ec2transitgateway.VpcAttachmentAccepter>();
        for (const v of routing.vpcAttachments) {
            const n = network(v.vpc);
            const account = foreign.get(v.vpc);
            if (account !== undefined && shares) {
                // A VPC of another account: attached by its own account (only a VPC's owner may attach it)
                // once the share is usable there, without the default route table flags — they "cannot be
                // configured" on a TGW shared through RAM (the attachment's owner does not own the TGW);
                // the network account accepts the attachment and owns its association and propagations.
                // https://www.pulumi.com/registry/packages/aws/api-docs/ec2transitgateway/vpcattachment/
                const attachment = new aws.ec2transitgateway.VpcAttachment(
                    `${name}-${v.vpc}`,
                    {
                        transitGatewayId: tgwOf(n.region).id,
                        vpcId: n.vpcId,
                        subnetIds: n.subnetIds("transit"),
                        dnsSupport: "enable",
                        applianceModeSupport: "disable",
                        tags: { Name: `${name}-${v.vpc}` },
                    },
                    { parent: this, provider: args.providers.get(n.region, account), dependsOn: shares.shareReady(n.region, account) },
                );
                vpcAttachments.set(v.vpc, attachment);
                // The TGWs do not auto-accept shared attachments (autoAcceptSharedAttachments: disable,
                // above): the attachment stays pendingAcceptance until its TGW's owner accepts it. The
                // default-table flags are off here as on every attachment of the network account's own:
                // the TGWs have no default tables, and each attachment's table is set explicitly below.
                // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
                accepters.set(
                    v.vpc,
                    new aws.ec2transitgateway.VpcAttachmentAccepter(
                        `${name}-${v.vpc}-accepter`,
                        {
                            transitGatewayAttachmentId: attachment.id,
                            transitGatewayDefaultRouteTableAssociation: false,
                            transitGatewayDefaultRouteTablePropagation: false,
                            tags: { Name: `${name}-${v.vpc}`, "landing-zone:side": "accepter" },
                        },
                        inRegion(n.region),
                    ),
                );
                continue;
            }
            vpcAttachments.set(
                v.vpc,
                new aws.ec2transitgateway.VpcAttachment(
                    `${name}-${v.vpc}`,
                    {
                        transitGatewayId: tgwOf(n.region).id,
                        vpcId: n.vpcId,
                        // The inspection VPC's transit subnets each wait for their AZ's route to its endpoint:
                        // once a subnet is in the attachment, appliance mode may hash a flow to it.
                        subnetIds:
                            v.vpc === INSPECTION_VPC && args.inspection ? [...args.inspection.transitSubnetIds] : n.subnetIds("transit"),
                        transitGatewayDefaultRouteTableAssociation: false,
                        transitGatewayDefaultRouteTablePropagation: false,
                        dnsSupport: "enable",
                        // Appliance mode on the inspection VPC only: it keeps both directions of a flow on
                        // one AZ's attachment interface, so they meet one stateful appliance (the AWS
                        // facts in planning/inspection.ts). Elsewhere it would only pin flows to an AZ.
                        applianceModeSupport:
                            v.vpc === INSPECTION_VPC && args.inspection ? args.inspection.attachment.applianceModeSupport : "disable",
                        tags: { Name: `${name}-${v.vpc}` },
                    },
                    inRegion(n.region),
                ),
            );
        }
        this.vpcAttachments = vpcAttachments;
        this.attachmentAccepters = accepters;
        // A VPC attachment's id as the network account uses it: the accepted one for another account's.
        const acceptedVpc = (vpc: string): { id: pulumi.Input<string>; waitFor: pulumi.Resource[] } => {
            const acc = accepters.get(vpc);
            return acc ? { id: acc.transitGatewayAttachmentId, waitFor: [acc] } : { id: vpcAttachment(vpc).id, waitFor: [] };
        };
        const vpcAttachment = (vpc: string) => must(vpcAttachments.get(vpc), `no TGW attachment for ${vpc}`);
        this.hubAttachment = vpcAttachment(HUB_VPC);
        this.spokeAttachments = Object.fromEntries(args.spokes.map((s) => [s.name, vpcAttachment(`spoke-${s.name}`)]));

        // ---- inter-region peering --------------------------------------------------------------
        const peerings: Record<string, TransitGatewayPeering> = {};
        for (const r of routing.peerings) {
            const attachment = new aws.ec2transitgateway.PeeringAttachment(
                `${name}-peering-${r}`,
                {
                    transitGatewayId: tgwOf(hubRegion).id,
                    peerTransitGatewayId: tgwOf(r).id,
                    peerRegion: r,
                    tags: { Name: `${name}-peering-${hubRegion}-${r}`, "landing-zone:side": "requester" },
                },
                inRegion(hubRegion),
            );
            const accepter = new aws.ec2transitgateway.PeeringAttachmentAccepter(
                `${name}-peering-${r}-accepter`,
                {
                    transitGatewayAttachmentId: attachment.id,
                    tags: { Name: `${name}-peering-${hubRegion}-${r}`, "landing-zone:side": "accepter" },
                },
                inRegion(r),
            );
            peerings[r] = { attachment, accepter };
        }
        this.peerings = peerings;
        // An attachment's id, and what must exist before anything may use it: a peering attachment
        // accepts routes and associations only once accepted.
        const attachmentOf = (a: TgwAttachmentRef): { id: pulumi.Input<string>; waitFor: pulumi.Resource[] } => {
            if (a.kind === "vpc") {
                return acceptedVpc(a.vpc);
            }
            const p = must(peerings[a.region], `no TGW peering with ${a.region}`);
            return { id: a.side === "hub" ? p.attachment.id : p.accepter.transitGatewayAttachmentId, waitFor: [p.accepter] };
        };

        // ---- associations, propagations, static routes -----------------------------------------
        // An association is named after its attachment, so a spoke joining, leaving or changing its
        // segment keeps the resource and changes its table: a replacement (the table id forces one).
        // An attachment has exactly one association, so a replacement created first, as Pulumi does by
        // default, fails with Resource.AlreadyAssociated: delete the old association first. (The
        // provider's `replaceExistingAssociation` would disassociate inside the new one's create, and
        // then the old resource's delete calls DisassociateTransitGatewayRouteTable for an association
        // that is gone, which succeeds only if AWS answers InvalidAssociation.NotFound — the one code
        // the provider ignores; deleting first uses only the ordinary create and delete paths.
        // The attachment has no table for the seconds in between.)
        // https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/transitgateway_route_table_association.go
        // https://www.pulumi.com/docs/iac/concepts/options/deletebeforereplace/
        for (const a of routing.associations) {
            const att = attachmentOf(a.attachment);
            const assoc = new aws.ec2transitgateway.RouteTableAssociation(
                `${name}-${attachmentLabel(a.attachment)}-assoc`,
                { transitGatewayAttachmentId: att.id, transitGatewayRouteTableId: tableOf(a.table).id, replaceExistingAssociation: false },
                { ...inRegion(a.region), dependsOn: att.waitFor, deleteBeforeReplace: true },
            );
            this.associationsByAttachment.set(a.label, assoc);
        }
        for (const p of routing.propagations) {
            const att = acceptedVpc(p.vpc);
            this.propagationsByLabel.set(
                p.label,
                new aws.ec2transitgateway.RouteTablePropagation(
                    `${name}-${p.label}`,
                    { transitGatewayAttachmentId: att.id, transitGatewayRouteTableId: tableOf(p.table).id },
                    att.waitFor.length > 0 ? { ...inRegion(p.region), dependsOn: att.waitFor } : inRegion(p.region),
                ),
            );
        }
        for (const r of routing.staticRoutes) {
            const att = attachmentOf(r.attachment);
            // A static route is named after its (table, destination), the AWS object's identity, so the only
            // input that can replace it is its attachment (ForceNew in the provider): a route retargeted to
            // inspection, or back when inspection is turned off. AWS holds one route per (table,
            // destination), so a replacement created first — Pulumi's default — is refused while the old
            // route exists: every static route is replaced delete-first (the AWS facts in
            // planning/inspection.ts). Pulumi takes the option from the program being deployed, not from the
            // state (the step generator reads the new goal's deleteBeforeReplace: pulumi/pulumi
            // pkg/resource/deploy/step_generator.go), so it must be set in stacks without inspection too, or
            // turning inspection off fails. https://www.pulumi.com/docs/iac/concepts/options/deletebeforereplace/
            const create = (extra: readonly pulumi.Resource[]) => {
                const route = new aws.ec2transitgateway.Route(
                    `${name}-${r.label}`,
                    {
                        transitGatewayRouteTableId: tableOf(r.table).id,
                        destinationCidrBlock: r.destination,
                        transitGatewayAttachmentId: att.id,
                    },
                    { ...inRegion(r.region), dependsOn: [...att.waitFor, ...extra], deleteBeforeReplace: true },
                );
                this.staticRoutesByLabel.set(r.label, route);
            };
            if (r.attachment.kind === "vpc" && r.attachment.vpc === INSPECTION_VPC) {
                // A route to the inspection attachment carries traffic the moment it exists (turning
                // inspection on retargets live routes): it waits for all that traffic then needs — the
                // inspection attachment's association with the post-inspection table, what carries the
                // destination there (propagations, static routes, accepted peerings), the endpoints and
                // every route of the inspection VPC. A TGW forwards by the table associated with the
                // attachment a packet arrives on; the inspection VPC hands it back on its own attachment.
                // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
                // https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
                // The hop is known only after this component (the inspection VPC's return routes need
                // the attachment), so these routes are created by setInspectionHop; same names, same URNs.
                const destination = r.destination;
                const label = r.label;
                this.pendingInspectionRoutes.push(() => create(this.afterInspection(label, destination, r.region)));
            } else {
                create([]);
            }
        }

        this.registerOutputs({
            transitGatewayIds: Object.fromEntries(Object.values(regions).map((g) => [g.region, g.transitGateway.id])),
        });
    }

    /**
     * What a VPC route to a TGW must wait for so that it carries traffic the moment it exists: the
     * VPC's attachment and the whole forwarding path to the route's destination (see
     * forwarding-path.ts) — association, propagations or static routes, accepted peerings.
     */
    forwardingPath(route: VpcRoutePlan): pulumi.Resource[] {
        if (route.target.kind !== "transit-gateway") {
            return [];
        }
        const path = forwardingPath(this.routing, route);
        return [
            must(this.vpcAttachments.get(route.target.attachment), `no TGW attachment for ${route.target.attachment}`),
            // Another account's attachment carries nothing until the network account accepts it.
            ...[this.attachmentAccepters.get(route.target.attachment)].filter((a) => a !== undefined),
            ...path.associations.map((l) => must(this.associationsByAttachment.get(l), `no TGW association for ${l}`)),
            ...path.propagations.map((l) => must(this.propagationsByLabel.get(l), `no TGW propagation ${l}`)),
            ...path.staticRoutes.map((l) => must(this.staticRoutesByLabel.get(l), `no TGW route ${l}`)),
            ...path.peerings.map((r) => must(this.peerings[r], `no TGW peering with ${r}`).accepter),
            ...(path.associations.includes(INSPECTION_VPC) ? this.hop() : []),
        ];
    }

    /** The inspection hop; a bug if asked for before `setInspectionHop`. */
    private hop(): readonly pulumi.Resource[] {
        return must(this.inspectionHop, "the inspection hop is not set: call setInspectionHop before creating VPC routes");
    }

    /**
     * What a static route to the inspection attachment (table -> `destination`) waits for: the forwarding
     * path of a packet the inspection VPC hands back on its attachment toward `destination` (its
     * association, the post-inspection table's carriers, peerings) and the inspection hop.
     */
    private afterInspection(label: string, destination: string, region: string): pulumi.Resource[] {
        const path = forwardingPath(this.routing, {
            key: `${label} (after inspection)`,
            vpc: INSPECTION_VPC,
            region,
            routeTable: "endpoint",
            destination,
            to: { kind: "hub" },
            target: { kind: "transit-gateway", region, attachment: INSPECTION_VPC },
        });
        return [
            ...path.associations.map((l) => must(this.associationsByAttachment.get(l), `no TGW association for ${l}`)),
            ...path.propagations.map((l) => must(this.propagationsByLabel.get(l), `no TGW propagation ${l}`)),
            ...path.staticRoutes
                .filter((l) => l !== label)
                .map((l) =>
                    must(
                        this.staticRoutesByLabel.get(l),
                        `TGW route ${l} is on the way back from inspection but not created yet (a loop through inspection)`,
                    ),
                ),
            ...path.peerings.map((r) => must(this.peerings[r], `no TGW peering with ${r}`).accepter),
            ...this.hop(),
        ];
    }

    /** The inspection VPC's attachment (only with inspection: a bug otherwise). */
    inspectionAttachment(): aws.ec2transitgateway.VpcAttachment {
        return must(this.vpcAttachments.get(INSPECTION_VPC), "no TGW attachment for the inspection VPC");
    }

    /**
     * Records the inspection VPC's endpoints and routes: a VPC route whose forwarding path crosses the
     * inspection attachment waits for them too, so it carries traffic through inspection the moment it
     * exists instead of into a transit subnet that routes nowhere yet; and creates the static TGW routes
     * to the inspection attachment, which wait for them and for the post-inspection table (see the
     * constructor). Call once, before creating VPC routes.
     */
    setInspectionHop(resources: readonly pulumi.Resource[]): void {
        this.inspectionHop = resources;
        // Now the static routes to the inspection attachment, which wait for it.
        for (const create of this.pendingInspectionRoutes.splice(0)) {
            create();
        }
    }
}
