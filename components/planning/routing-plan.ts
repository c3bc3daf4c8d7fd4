/**
 * The routing plan's types and naming: what routing.ts's builder produces (VPC routes, TGW route tables,
 * associations, propagations, static routes), the VPC references, and the keys and labels derived from
 * the AWS objects they own. Pure (no Pulumi import).
 */
import { LandingZoneConfig } from "../config/schema";
import { Tier } from "./subnets";

/** Tiers whose route tables carry routes to the peer: where clients and endpoint ENIs live. */
export const ROUTED_TIERS: readonly Tier[] = ["workload", "endpoint"];

/** Name of the hub VPC in plan references. Spokes are `spoke-<name>`, as their components are named. */
export const HUB_VPC = "hub";

/** The VPC reference (`hub`, `spoke-<name>`) of a spoke. */
export function spokeVpc(name: string): string {
    return `spoke-${name}`;
}

// ---------------------------------------------------------------------------------------------
// Plan types
// ---------------------------------------------------------------------------------------------

/** One route in a VPC route table. Unique per (vpc, routeTable, destination). */
export interface VpcRoutePlan {
    /** `<vpc>/<routeTable> -> <destination>`: the AWS object's own identity. */
    readonly key: string;
    /** `hub` or `spoke-<name>`. */
    readonly vpc: string;
    readonly region: string;
    /** Route table label within the VPC: `<tier>-<azIndex>` (e.g. `workload-0`). */
    readonly routeTable: string;
    /** Destination CIDR. */
    readonly destination: string;
    /** What the destination is: the hub, a spoke, or a region's spoke supernet. */
    readonly to: RouteDestination;
    readonly target: VpcRouteTarget;
}

export type RouteDestination =
    | { readonly kind: "hub" }
    | { readonly kind: "spoke"; readonly name: string }
    | { readonly kind: "supernet"; readonly region: string }
    /** The endpoint VPC of `region`'s regional endpoint set (planning/regional-endpoints.ts). */
    | { readonly kind: "endpoints"; readonly region: string };

export type VpcRouteTarget =
    /** The peering connection of spoke `spoke` with the hub (peering mode); waits for its accepter. */
    | { readonly kind: "peering"; readonly spoke: string }
    /** The transit gateway of `region`; waits for the VPC's own attachment (`attachment`). */
    | { readonly kind: "transit-gateway"; readonly region: string; readonly attachment: string }
    /**
     * The intra-region peering of spoke `spoke` with its region's endpoint VPC (peering mode; one of
     * `RoutingPlan.regionalPeerings`); waits for its accepter.
     */
    | { readonly kind: "endpoints-peering"; readonly region: string; readonly spoke: string };

/** Key (and component name) of the intra-region peering of `spoke` with its region's endpoint VPC. */
export function regionalPeeringKey(region: string, spoke: string): string {
    return `endpoints-${region}-${spoke}`;
}

/** An intra-region peering between a spoke and its region's endpoint VPC (peering mode). */
export interface RegionalPeeringPlan {
    /** `endpoints-<region>-<spoke>`: the pair it joins. */
    readonly key: string;
    readonly region: string;
    readonly spoke: string;
    /** The endpoint VPC's reference (`endpoints-<region>`). */
    readonly endpointsVpc: string;
}

/** A TGW route table: `<region>-<role>`, role `spokes`, `hub`, `peering` or `segment-<name>`. */
export interface TgwRouteTablePlan {
    readonly key: string;
    readonly region: string;
    readonly role: string;
}

/**
 * A TGW attachment: a VPC attachment (`vpc` = `hub` / `spoke-<name>`), or one side of the peering
 * between the hub region's TGW and a remote region's (`hub` side: the requester's attachment in the hub
 * region; `remote` side: the accepter's attachment in the remote region).
 */
export type TgwAttachmentRef =
    { readonly kind: "vpc"; readonly vpc: string } | { readonly kind: "peering"; readonly region: string; readonly side: "hub" | "remote" };

/** Association of an attachment with its one route table. `label` names the attachment. */
export interface TgwAssociationPlan {
    readonly label: string;
    readonly region: string;
    readonly attachment: TgwAttachmentRef;
    /** Key of the route table. */
    readonly table: string;
}

/** Propagation of a VPC attachment's CIDR into a route table. Unique per (attachment, table). */
export interface TgwPropagationPlan {
    readonly label: string;
    readonly region: string;
    /** The VPC attached (`hub` / `spoke-<name>`). */
    readonly vpc: string;
    readonly table: string;
}

/** A static TGW route: always across a peering attachment (propagation does not cross peerings). */
export interface TgwStaticRoutePlan {
    readonly label: string;
    readonly region: string;
    readonly table: string;
    readonly destination: string;
    readonly attachment: TgwAttachmentRef & { readonly kind: "peering" };
}

/** The transit gateway part of the plan (transit-gateway mode). */
export interface TransitGatewayRoutingPlan {
    readonly hubRegion: string;
    /** Regions with a TGW: hub region first, then sorted. */
    readonly regions: readonly string[];
    /** Remote regions: each has one TGW peering with the hub region's TGW. */
    readonly peerings: readonly string[];
    readonly routeTables: readonly TgwRouteTablePlan[];
    /** VPC attachments (`hub` first, then spokes in config order). */
    readonly vpcAttachments: readonly { readonly vpc: string; readonly region: string; readonly cidr: string }[];
    readonly associations: readonly TgwAssociationPlan[];
    readonly propagations: readonly TgwPropagationPlan[];
    readonly staticRoutes: readonly TgwStaticRoutePlan[];
}

export interface RoutingPlan {
    readonly mode: LandingZoneConfig["connectivity"]["mode"];
    /** Every VPC route of both sides, in both modes. */
    readonly vpcRoutes: readonly VpcRoutePlan[];
    /** Present in transit-gateway mode only. */
    readonly transitGateway?: TransitGatewayRoutingPlan;
    /**
     * Peering mode: one intra-region peering per (spoke, its region's endpoint VPC) for every spoke that
     * gets at least one zone of its region's set; empty in transit-gateway mode (the endpoint VPC is
     * attached to its region's TGW instead) and without regional sets.
     */
    readonly regionalPeerings: readonly RegionalPeeringPlan[];
}

/** The facts of the config the routing plan reads (a `LandingZoneConfig` satisfies it). */
export type RoutingConfig = Pick<LandingZoneConfig, "hub" | "spokes" | "connectivity">;

/** An invariant of the routing plan does not hold: a bug (validated config never causes it). */
export class RoutingPlanError extends Error {
    constructor(message: string) {
        super(`routing plan: ${message}`);
        this.name = "RoutingPlanError";
    }
}

/** Route table labels of a VPC with `azCount` AZs in the routed tiers (`workload-0`, …, `endpoint-N`). */
export function routedTableLabels(azCount: number): string[] {
    return ROUTED_TIERS.flatMap((t) => Array.from({ length: azCount }, (_, az) => `${t}-${az}`));
}

/** The label of an attachment in resource names: `hub`, `spoke-<name>`, `peering-<r>-hub-side`, `peering-<r>-<r>-side`. */
export function attachmentLabel(a: TgwAttachmentRef): string {
    if (a.kind === "vpc") {
        return a.vpc;
    }
    return `peering-${a.region}-${a.side === "hub" ? "hub" : a.region}-side`;
}

/** Key of a TGW route table. */
export function tableKey(region: string, role: string): string {
    return `${region}-${role}`;
}
