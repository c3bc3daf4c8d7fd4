/**
 * A neutral model of a deployed (or planned) landing-zone network: what a packet and a DNS lookup
 * depend on, and nothing about how it was built. Two sources fill it — the offline plan's captured
 * graph (`fromPlan`) and the AWS describe calls (`verify/read-live.ts`) — and one analyzer
 * (`analyzeModel`) runs on either, so the live matrix and the plan's matrix mean the same thing.
 *
 * Objects are identified by a *key* that both sources can compute: `<kind>:<Name tag>` (every EC2 object
 * the program creates carries a `Name` tag equal to its Pulumi name), zones by their DNS name, routes by
 * (route table, destination). References between objects are keys, never AWS ids: plan ids are mock ids.
 *
 * Pure data: no Pulumi import, no SDK import.
 */

/** Where an object came from: its AWS id (mock id in a plan), and the Pulumi URN when the plan has one. */
export interface Origin {
    readonly key: string;
    /** Name tag (plan: the resource's `Name` tag, else its logical name). */
    readonly name: string;
    readonly id: string;
    readonly region: string;
    /** Pulumi URN of the resource that owns it (plan model only; drift copies it onto live findings). */
    readonly urn?: string;
    /**
     * How reports name the object when it differs from `name`: the Pulumi resource name in a plan (what a
     * reader of the program looks for); unset live, where the Name tag (or the AWS id) is the natural name.
     */
    readonly label?: string;
}

/** The name reports use for an object: its label, else its Name tag. */
export function display(o: { readonly name: string; readonly label?: string }): string {
    return o.label ?? o.name;
}

export interface NetVpc extends Origin {
    readonly cidr: string;
    /**
     * The account that owns the VPC, when the model spans accounts (a multi-account plan): hops into
     * the VPC name it. Unset in a single-account model, whose reports are unchanged.
     */
    readonly account?: string;
    /** `landing-zone:role` tag (`hub`, `spoke`, `inspection`): a hint; the analyzer infers roles from the topology (`inferRoles`). */
    readonly role?: string;
}

export interface NetSubnet extends Origin {
    readonly vpc: string;
    readonly cidr: string;
    /** `landing-zone:tier` tag. */
    readonly tier?: string;
    /** Key of the route table the subnet is associated with (explicit association). */
    readonly routeTable?: string;
    /** URN of the association (plan). */
    readonly associationUrn?: string;
    /** AZ name (plan: the `availabilityZone` input, else `availabilityZoneId`; live: DescribeSubnets `AvailabilityZone`). */
    readonly az?: string;
}

export type RouteTargetKind = "pcx" | "tgw" | "gateway" | "endpoint" | "other";

export interface NetRoute {
    readonly destination: string;
    /**
     * `endpoint`: a VPC endpoint route (`vpcEndpointId`): `ref` is the key of a Gateway Load Balancer
     * endpoint, or of the Network Firewall whose endpoint it is (plan: the route's property dependency;
     * live: the endpoint id resolved through the firewall's sync states); `id` the endpoint id when known.
     */
    readonly target: { readonly kind: RouteTargetKind; readonly ref?: string; readonly id?: string };
    /** `blackhole` when AWS reports the target gone. */
    readonly state: "active" | "blackhole";
    readonly urn?: string;
    /** Hop text for the route (plan: the route's Pulumi name); unset live, where hops read `<destination> via <target>`. */
    readonly label?: string;
}

export interface NetRouteTable extends Origin {
    readonly vpc: string;
    readonly routes: readonly NetRoute[];
}

export type PeeringStatus =
    "active" | "pending-acceptance" | "rejected" | "failed" | "deleted" | "expired" | "provisioning" | "initiating-request" | string;

export interface NetPeering extends Origin {
    readonly requesterVpc?: string;
    readonly accepterVpc?: string;
    readonly status: PeeringStatus;
    /** URN of the accepter resource (plan). */
    readonly accepterUrn?: string;
}

/** A transit gateway (one per region). */
export type NetTgw = Origin;

export interface NetTgwAttachment extends Origin {
    readonly kind: "vpc" | "peering";
    /** Requester TGW (VPC attachment: its TGW). */
    readonly tgw?: string;
    /** Peering: the other TGW. */
    readonly peerTgw?: string;
    /** VPC attachment: the VPC. */
    readonly vpc?: string;
    /** `available`, `pendingAcceptance`, … */
    readonly state: string;
    readonly accepterUrn?: string;
    /**
     * VPC attachment: appliance mode (`applianceModeSupport: "enable"`; live: DescribeTransitGatewayVpcAttachments
     * `Options.ApplianceModeSupport`). Undefined when the source does not say: the analyzer then does not judge it.
     */
    readonly applianceMode?: boolean;
    /** VPC attachment: keys of its subnets (plan: `subnetIds`; live: `SubnetIds`), where the TGW delivers into the VPC. */
    readonly subnets?: readonly string[];
}

export interface NetTgwRoute {
    readonly destination: string;
    readonly attachment?: string;
    readonly blackhole: boolean;
    /** The route is declared a blackhole (plan: `blackhole: true`), rather than pointing at an attachment that is missing. */
    readonly declaredBlackhole?: boolean;
    readonly urn?: string;
    /** Hop text (plan: the route's Pulumi name); unset live, where hops read `static <destination>`. */
    readonly label?: string;
}

export interface NetTgwRouteTable extends Origin {
    readonly tgw?: string;
    /** `landing-zone:tgw-role` tag (`hub`, `spokes`, `peering`, `segment-<name>`). */
    readonly role?: string;
    /** Static routes only (propagated routes are derived from `propagations`). */
    readonly routes: readonly NetTgwRoute[];
    readonly associations: readonly { readonly attachment: string; readonly urn?: string }[];
    /** `label`: hop text (plan: the propagation's Pulumi name; live: unset, the attachment's name is used). */
    readonly propagations: readonly { readonly attachment: string; readonly urn?: string; readonly label?: string }[];
}

export interface NetSgRule {
    readonly direction: "ingress" | "egress";
    /** `tcp`, `udp`, `-1`. */
    readonly protocol: string;
    readonly fromPort: number;
    readonly toPort: number;
    /** Source/destination CIDR, or the key of a referenced group, or a prefix list. */
    readonly cidr?: string;
    readonly group?: string;
    /** The rule names a managed prefix list (its id differs between plan and account: only its presence is compared). */
    readonly prefixList?: boolean;
    readonly id?: string;
    readonly urn?: string;
}

export interface NetSecurityGroup extends Origin {
    readonly vpc?: string;
    readonly rules: readonly NetSgRule[];
}

export interface NetRecord {
    readonly name: string;
    readonly type: string;
    /** Key of the endpoint an alias record points at (by its DNS name), when it is one. */
    readonly aliasEndpoint?: string;
    readonly aliasDnsName?: string;
    readonly urn?: string;
}

export interface NetZone extends Origin {
    /** Zone name without the trailing dot. */
    readonly zoneName: string;
    /**
     * VPCs that resolve the zone: a direct association (or the zone's creation VPC), or `profile`: the
     * model key of the Route 53 Profile the VPC gets the zone through (`profile:<name>`; live: filled from
     * ListProfileResourceAssociations + ListProfileAssociations, optional so a reader without them still works).
     */
    readonly vpcs: readonly { readonly vpc: string; readonly urn?: string; readonly profile?: string }[];
    readonly records: readonly NetRecord[];
}

export interface NetEndpoint extends Origin {
    readonly vpc?: string;
    readonly type: "Interface" | "Gateway" | string;
    /** AWS service name, or for an endpoint service of this stack the service's key (`vpce-svc:…`). */
    readonly service: string;
    /** `landing-zone:service` tag (hub endpoints). */
    readonly serviceTag?: string;
    readonly subnets: readonly string[];
    readonly securityGroups: readonly string[];
    /** `available`, `pendingAcceptance`, `rejected`, … */
    readonly state: string;
    /** DNS names of the endpoint (alias records resolve against these). */
    readonly dnsNames: readonly string[];
    readonly accepterUrn?: string;
    /**
     * Interface endpoint with private DNS on (plan: `privateDnsEnabled: true`; live: DescribeVpcEndpoints
     * `PrivateDnsEnabled`): AWS answers the service's published name inside the endpoint's own VPC from a
     * zone it manages, and refuses to associate a private hosted zone of the same name with that VPC
     * (AssociateVPCWithHostedZone: ConflictingDomainExists). Absent when the source does not say.
     */
    readonly privateDns?: boolean;
    /**
     * Gateway endpoint: keys of the route tables AWS adds the service's prefix-list route to (plan:
     * `routeTableIds`; live: `RouteTableIds`). Only a subnet associated with one of them uses the endpoint
     * (PrivateLink guide, "Gateway endpoints": "routing"). Absent when the source does not say.
     */
    readonly routeTables?: readonly string[];
}

export interface NetEndpointService extends Origin {
    readonly acceptanceRequired: boolean;
    readonly loadBalancers: readonly string[];
    readonly principals: readonly { readonly arn: string; readonly urn?: string }[];
}

export interface NetTarget {
    readonly id: string;
    readonly port?: number;
    /** `healthy`, `unhealthy`, `initial`, … ; `unknown` in a plan (targets come from an Auto Scaling group). */
    readonly health: string;
}

export interface NetLoadBalancer extends Origin {
    readonly securityGroups: readonly string[];
    readonly listenerPorts: readonly number[];
    /** Targets of the listeners' target groups; undefined when the plan cannot know them. */
    readonly targets?: readonly NetTarget[];
}

/**
 * An AWS Network Firewall attached to a VPC: AWS puts one firewall endpoint (a Gateway Load Balancer
 * endpoint it manages) in each mapped subnet (AWS Network Firewall Developer Guide, "Firewall subnets").
 */
export interface NetFirewall extends Origin {
    readonly vpc?: string;
    /** Keys of the mapped subnets (plan: `subnetMappings`; live: DescribeFirewall `SubnetMappings`). */
    readonly subnets: readonly string[];
    /**
     * Endpoint per AZ when the source knows it (plan: the firewall's `firewallStatuses[].syncStates` outputs,
     * absent in a preview; live: DescribeFirewall `FirewallStatus.SyncStates`).
     */
    readonly endpoints: readonly { readonly az: string; readonly id?: string; readonly subnet?: string }[];
}

export interface NetworkModel {
    readonly source: "plan" | "live";
    readonly vpcs: readonly NetVpc[];
    readonly subnets: readonly NetSubnet[];
    readonly routeTables: readonly NetRouteTable[];
    readonly peerings: readonly NetPeering[];
    readonly tgws: readonly NetTgw[];
    readonly tgwAttachments: readonly NetTgwAttachment[];
    readonly tgwRouteTables: readonly NetTgwRouteTable[];
    readonly securityGroups: readonly NetSecurityGroup[];
    readonly zones: readonly NetZone[];
    readonly endpoints: readonly NetEndpoint[];
    readonly endpointServices: readonly NetEndpointService[];
    readonly loadBalancers: readonly NetLoadBalancer[];
    /** Network Firewalls (optional: a source that reads none leaves it out). */
    readonly firewalls?: readonly NetFirewall[];
}

/** Role of a VPC in the landing zone, as the analyzer infers it (roles.ts). */
export type VpcRole = "hub" | "spoke" | "inspection";

/** Key of an EC2/ELB object from its kind and Name tag. */
export function keyOf(kind: string, name: string): string {
    return `${kind}:${name}`;
}
