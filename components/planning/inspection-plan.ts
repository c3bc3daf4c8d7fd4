/**
 * The inspection plan's types and names: what inspection.ts's builder produces (the inspection VPC's
 * subnets, endpoints and routes, its attachment, the hub region's TGW routing through it). Pure (no
 * Pulumi import).
 */
import type { InspectedFlows, InspectionConfig, LandingZoneConfig } from "../config/schema";
import { TgwAttachmentRef, TransitGatewayRoutingPlan } from "./routing";

/** Name of the inspection VPC in plan references (its attachment's label), beside `hub` and `spoke-<name>`. */
export const INSPECTION_VPC = "inspection";

/** Role of the TGW route table associated with the inspection attachment. */
export const POST_INSPECTION_ROLE = "post-inspection";

/** Subnet tiers of the inspection VPC, in layout order. */
export const INSPECTION_TIERS = ["appliance", "endpoint", "transit"] as const;
export type InspectionTier = (typeof INSPECTION_TIERS)[number];

/** The destination of the inspection VPC's routes: everything it hands on (it has no internet path). */
export const ANY_IPV4 = "0.0.0.0/0";

// ---------------------------------------------------------------------------------------------
// Plan types
// ---------------------------------------------------------------------------------------------

/** One subnet of the inspection VPC. */
export interface InspectionSubnetPlan {
    /** `<tier>-<azIndex>`: also the label of its route table. */
    readonly key: string;
    readonly tier: InspectionTier;
    readonly azIndex: number;
    readonly cidr: string;
}

/** The endpoint of one AZ: a GWLB endpoint, or the Network Firewall endpoint the firewall puts in the subnet. */
export interface InspectionEndpointPlan {
    /** `endpoint-<azIndex>`. */
    readonly key: string;
    readonly azIndex: number;
    /** Key of its subnet (`endpoint-<azIndex>`). */
    readonly subnet: string;
    readonly engine: InspectionConfig["engine"];
}

/** A route in a route table of the inspection VPC. Unique per (routeTable, destination). */
export interface InspectionVpcRoutePlan {
    /** `inspection/<routeTable> -> <destination>`. */
    readonly key: string;
    /** Route table label: the subnet key (`transit-0`, `endpoint-1`). */
    readonly routeTable: string;
    readonly azIndex: number;
    readonly destination: string;
    readonly target:
        /** The endpoint of AZ `azIndex` (always the route table's own AZ). */
        | { readonly kind: "endpoint"; readonly azIndex: number }
        /** The hub region's transit gateway; waits for the inspection attachment. */
        | { readonly kind: "transit-gateway"; readonly region: string; readonly attachment: typeof INSPECTION_VPC };
}

/** The inspection VPC's attachment to the hub region's transit gateway. */
export interface InspectionAttachmentPlan {
    readonly vpc: typeof INSPECTION_VPC;
    readonly region: string;
    readonly cidr: string;
    /** Flow symmetry across AZs: see the AWS facts in inspection.ts. */
    readonly applianceModeSupport: "enable";
    /** Keys of the subnets it is placed in: the transit subnet of every AZ. */
    readonly subnets: readonly string[];
    /** Key of the route table it is associated with (post-inspection). */
    readonly table: string;
}

/** What kind of flow a route carries, and whether it crosses a TGW peering. */
export interface FlowClass {
    readonly kind: "spoke-hub" | "spoke-spoke";
    readonly interRegion: boolean;
}

/** How a TGW static route of the inspected plan differs from the plan without inspection. */
export type RouteChange =
    /** The same (table, destination) route with a new attachment: replace it delete-first (see inspection.ts). */
    | { readonly kind: "retarget"; readonly from: TgwAttachmentRef }
    /** Takes over from propagated routes of this table (same destination, or more specific ones it aggregates). */
    | { readonly kind: "replaces-propagations"; readonly propagations: readonly string[] }
    /** A route of the post-inspection table. */
    | { readonly kind: "new" };

/** A static TGW route; unlike the routing plan's, it may target a VPC attachment (the inspection VPC). */
export interface InspectedTgwRoutePlan {
    /** `<table> -> <destination>`: the AWS object's own identity. */
    readonly key: string;
    /** Resource name part: the route's label without inspection when it had one, else from the key. */
    readonly label: string;
    readonly region: string;
    readonly table: string;
    readonly destination: string;
    readonly attachment: TgwAttachmentRef;
    /** Undefined: the routing plan's own route, unchanged. */
    readonly change?: RouteChange;
    /** The inspected flow it sends to the inspection attachment, if it does. */
    readonly inspects?: FlowClass;
}

/** The transit gateway plan with inspection: routing.ts's, with static routes that may target a VPC. */
export interface InspectedTransitGatewayPlan extends Omit<TransitGatewayRoutingPlan, "staticRoutes"> {
    readonly staticRoutes: readonly InspectedTgwRoutePlan[];
}

export interface InspectionPlan {
    readonly region: string;
    readonly cidr: string;
    readonly azCount: number;
    readonly engine: InspectionConfig["engine"];
    readonly flows: InspectedFlows;
    /** Ordered by tier, then AZ; appliance subnets only for the `gwlb` engine. */
    readonly subnets: readonly InspectionSubnetPlan[];
    /** One per AZ. */
    readonly endpoints: readonly InspectionEndpointPlan[];
    readonly vpcRoutes: readonly InspectionVpcRoutePlan[];
    readonly attachment: InspectionAttachmentPlan;
    readonly transitGateway: InspectedTransitGatewayPlan;
    /** Propagations of the plan without inspection that the inspected plan drops (by label). */
    readonly removedPropagations: readonly string[];
}

/** The facts of the config the inspection plan reads (a `LandingZoneConfig` with `inspection` satisfies it). */
export type InspectionPlanConfig = Pick<LandingZoneConfig, "hub" | "spokes" | "connectivity"> & {
    readonly inspection: InspectionConfig;
};

/** An invariant of the inspection plan does not hold: a bug, or a config validation would have refused. */
export class InspectionPlanError extends Error {
    constructor(message: string) {
        super(`inspection plan: ${message}`);
        this.name = "InspectionPlanError";
    }
}
