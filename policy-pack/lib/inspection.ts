/**
 * Centralised inspection on top of {@link StackGraph}: which VPC is the inspection VPC, its transit
 * gateway attachments and their subnets, the inspection endpoints (GWLB endpoints, Network Firewall
 * endpoints) and the AZ each one serves, and the Gateway Load Balancer's target groups and subnets.
 *
 * Convention (policy-pack/README.md, "Conventions the pack relies on"): the **inspection VPC** is a
 * VPC that holds a Gateway Load Balancer endpoint (`aws.ec2.VpcEndpoint`, `vpcEndpointType:
 * "GatewayLoadBalancer"`, `vpcId` a property dependency on the VPC) or a VPC-attached Network Firewall
 * (`aws.networkfirewall.Firewall` whose `vpcId` depends on the VPC) and whose role (lib/roles.ts) is
 * `inspection`: a TGW route sends it other VPCs' ranges, or, while such routes are missing, its
 * `landing-zone:role` tag says `inspection`. A spoke with its own endpoint is no inspection VPC. A stack
 * without such a VPC has none, and every inspection policy is vacuous for it.
 *
 * Like the rest of the pack, links are property dependencies and known inputs (AZ names, CIDRs,
 * `loadBalancerType`, `vpcEndpointType`), never ids: in a preview the ids of new resources are unknown.
 *
 * @module
 */
import type { PolicyResource } from "@pulumi/policy";
import { StackGraph } from "./graph";
// roles.ts reads inspectionEndpointHolders; this module calls roleOf only inside functions, so the cycle is harmless.
import { roleOf } from "./roles";
import { T } from "./types";
import { isUnknown, Value } from "./unknown";
import { isRecord, isSet, str } from "./values";

/** Type tokens of the inspection resources (@pulumi/aws v7), kept here so lib/types.ts stays as it is. */
export const TI = {
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    targetGroupLegacy: "aws:alb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    listenerLegacy: "aws:alb/listener:Listener",
    targetGroupAttachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    targetGroupAttachmentLegacy: "aws:alb/targetGroupAttachment:TargetGroupAttachment",
    autoscalingGroup: "aws:autoscaling/group:Group",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    instance: "aws:ec2/instance:Instance",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    firewall: "aws:networkfirewall/firewall:Firewall",
    firewallPolicy: "aws:networkfirewall/firewallPolicy:FirewallPolicy",
    firewallLogging: "aws:networkfirewall/loggingConfiguration:LoggingConfiguration",
} as const;

export const TARGET_GROUP_TYPES: readonly string[] = [TI.targetGroup, TI.targetGroupLegacy];
export const LISTENER_TYPES: readonly string[] = [TI.listener, TI.listenerLegacy];
export const TARGET_GROUP_ATTACHMENT_TYPES: readonly string[] = [TI.targetGroupAttachment, TI.targetGroupAttachmentLegacy];
const LB_TYPES: readonly string[] = [T.loadBalancer, T.loadBalancerLegacy];

/** GENEVE: the only protocol and port of a Gateway Load Balancer target group (ELB Gateway Load Balancers guide, "Target groups for your Gateway Load Balancers"). */
export const GENEVE_PORT = 6081;

/** One inspection VPC and what makes it one. */
export interface InspectionVpc {
    readonly vpc: PolicyResource;
    /** GWLB endpoints in the VPC (`vpcEndpointType: "GatewayLoadBalancer"`). */
    readonly gwlbEndpoints: readonly PolicyResource[];
    /** VPC-attached Network Firewalls in the VPC. */
    readonly firewalls: readonly PolicyResource[];
    /** The VPC's transit gateway VPC attachments. */
    readonly attachments: readonly PolicyResource[];
}

/** An AZ as a subnet states it: by name (`availabilityZone`) or by id (`availabilityZoneId`). */
export interface Az {
    readonly name?: string;
    readonly id?: string;
}

const cache = new WeakMap<StackGraph, readonly InspectionVpc[]>();

/** True for a Gateway Load Balancer (`loadBalancerType: "gateway"`, a known input). */
export function isGatewayLoadBalancer(g: StackGraph, r: PolicyResource): boolean {
    return LB_TYPES.includes(r.type) && g.props(r)["loadBalancerType"] === "gateway";
}

/** Gateway Load Balancers of the stack. */
export function gatewayLoadBalancers(g: StackGraph): PolicyResource[] {
    return g.ofType(...LB_TYPES).filter((lb) => isGatewayLoadBalancer(g, lb));
}

/** True for a Gateway Load Balancer endpoint. */
export function isGwlbEndpoint(g: StackGraph, r: PolicyResource): boolean {
    return r.type === T.vpcEndpoint && g.props(r)["vpcEndpointType"] === "GatewayLoadBalancer";
}

/**
 * Inspection VPCs, in stack order: the holders of inspection endpoints ({@link inspectionEndpointHolders})
 * whose role is `inspection` (lib/roles.ts: a TGW route sends them other VPCs' ranges, or the tag says so
 * while routes are missing). A spoke holding its own GWLB endpoint or firewall (distributed inspection, or
 * an appliance service it consumes) is a spoke: its attachment needs no appliance mode and its transit
 * subnets no endpoint per AZ.
 */
export function inspectionVpcs(g: StackGraph): readonly InspectionVpc[] {
    return inspectionEndpointHolders(g).filter((i) => roleOf(g, i.vpc) === "inspection");
}

/**
 * Every VPC that holds a GWLB endpoint or a VPC-attached Network Firewall (see the module doc), in stack
 * order; memoised per graph. The evidence lib/roles.ts weighs; policies use {@link inspectionVpcs}.
 */
export function inspectionEndpointHolders(g: StackGraph): readonly InspectionVpc[] {
    const cached = cache.get(g);
    if (cached) {
        return cached;
    }
    const out: InspectionVpc[] = [];
    for (const vpc of g.vpcs()) {
        const gwlbEndpoints = g.referrers(vpc, "vpcId", [T.vpcEndpoint]).filter((e) => isGwlbEndpoint(g, e));
        const firewalls = g.referrers(vpc, "vpcId", [TI.firewall]);
        if (gwlbEndpoints.length + firewalls.length > 0) {
            out.push({ vpc, gwlbEndpoints, firewalls, attachments: g.referrers(vpc, "vpcId", [T.tgwVpcAttachment]) });
        }
    }
    cache.set(g, out);
    return out;
}

/**
 * Resources a TGW route or propagation reaches inspection through: the inspection VPCs' attachments,
 * and Network Firewalls attached natively to a transit gateway (`transitGatewayId`), whose attachment
 * id is an output of the firewall (`firewallStatuses[].transitGatewayAttachmentSyncStates`), so a route
 * to it depends on the Firewall.
 */
export function inspectionTargets(g: StackGraph): Set<PolicyResource> {
    const out = new Set<PolicyResource>();
    for (const i of inspectionVpcs(g)) {
        i.attachments.forEach((a) => out.add(a));
    }
    for (const fw of g.ofType(TI.firewall)) {
        if (isSet(g.props(fw), "transitGatewayId")) {
            out.add(fw);
        }
    }
    return out;
}

/** The AZ of a subnet from its known inputs; undefined when neither is known. */
export function azOf(g: StackGraph, subnet: PolicyResource): Az | undefined {
    const p = g.props(subnet);
    const name = str(p["availabilityZone"]);
    const id = str(p["availabilityZoneId"]);
    const az: Az = { ...(typeof name === "string" ? { name } : {}), ...(typeof id === "string" ? { id } : {}) };
    return az.name || az.id ? az : undefined;
}

/** true / false when two AZs can be compared (both by name or both by id), undefined otherwise. */
export function sameAz(a: Az, b: Az): boolean | undefined {
    if (a.name && b.name) {
        return a.name === b.name;
    }
    if (a.id && b.id) {
        return a.id === b.id;
    }
    return undefined;
}

/** How an AZ reads in a message. */
export function azLabel(az: Az): string {
    return az.name ?? az.id ?? "?";
}

/** Subnets a property of `r` depends on (`subnetIds`, `subnets`, `subnetMappings`, …). */
export function subnetsOf(g: StackGraph, r: PolicyResource, ...props: readonly string[]): PolicyResource[] {
    return [...new Set(props.flatMap((p) => g.deps(r, p, [T.subnet])))];
}

/**
 * AZs an inspection endpoint serves: a GWLB endpoint's single subnet (`subnetIds`), or every subnet a
 * Network Firewall maps (`subnetMappings`: the firewall creates one endpoint per mapped subnet, AWS
 * Network Firewall Developer Guide, "Firewall subnets").
 */
export function endpointAzs(g: StackGraph, endpoint: PolicyResource): Az[] {
    const subnets = endpoint.type === TI.firewall ? subnetsOf(g, endpoint, "subnetMappings") : subnetsOf(g, endpoint, "subnetIds");
    return subnets.map((s) => azOf(g, s)).filter((a): a is Az => a !== undefined);
}

/** Route tables a subnet is explicitly associated with (RouteTableAssociation `subnetId` / `routeTableId`). */
export function routeTablesOfSubnet(g: StackGraph, subnet: PolicyResource): PolicyResource[] {
    return g
        .referrers(subnet, "subnetId", [TI.routeTableAssociation])
        .map((a) => g.routeTableOf(a))
        .filter((t): t is PolicyResource => t !== undefined);
}

/** A VPC route whose target is a VPC endpoint (`vpcEndpointId`): a GWLB or firewall endpoint. */
export interface EndpointRoute {
    /** The Route, or the route table holding the inline route. */
    readonly resource: PolicyResource;
    readonly table: PolicyResource;
    readonly destination: string | undefined;
    /** The GWLB endpoint or Network Firewall the route's `vpcEndpointId` came from, when resolvable. */
    readonly target?: PolicyResource;
    /** How the route reads in a message. */
    readonly label: string;
}

/** Routes of `table` that send traffic to a VPC endpoint (standalone `aws.ec2.Route` or inline). */
export function endpointRoutesOf(g: StackGraph, table: PolicyResource): EndpointRoute[] {
    const targetTypes = [T.vpcEndpoint, TI.firewall];
    const out: EndpointRoute[] = [];
    for (const r of g.referrers(table, "routeTableId", [T.route])) {
        const p = g.props(r);
        if (!isSet(p, "vpcEndpointId")) {
            continue;
        }
        const d = str(p["destinationCidrBlock"]);
        out.push({
            resource: r,
            table,
            destination: typeof d === "string" ? d : undefined,
            target: g.dep(r, "vpcEndpointId", targetTypes),
            label: `route ${r.name}`,
        });
    }
    const inline = g.props(table)["routes"];
    if (Array.isArray(inline)) {
        // Inline routes share one dependency list: a target resolves only when it is unambiguous.
        const targets = g.deps(table, "routes", targetTypes);
        for (const route of inline) {
            if (!isRecord(route) || !isSet(route, "vpcEndpointId")) {
                continue;
            }
            const d = str(route["cidrBlock"] as Value);
            out.push({
                resource: table,
                table,
                destination: typeof d === "string" ? d : undefined,
                target: targets.length === 1 ? targets[0] : undefined,
                label: `inline route to ${typeof d === "string" ? d : "?"} in ${table.name}`,
            });
        }
    }
    return out;
}

/** Target groups a Gateway Load Balancer's listeners forward to (`loadBalancerArn`, `defaultActions`). */
export function gwlbTargetGroups(g: StackGraph, lb: PolicyResource): PolicyResource[] {
    const listeners = LISTENER_TYPES.flatMap((t) => g.referrers(lb, "loadBalancerArn", [t]));
    return [...new Set(listeners.flatMap((l) => g.deps(l, "defaultActions", TARGET_GROUP_TYPES)))];
}

/** The Gateway Load Balancers whose listeners forward to `tg`. */
export function gatewayLoadBalancersOf(g: StackGraph, tg: PolicyResource): PolicyResource[] {
    const listeners = LISTENER_TYPES.flatMap((t) => g.referrers(tg, "defaultActions", [t]));
    return [...new Set(listeners.flatMap((l) => g.deps(l, "loadBalancerArn", LB_TYPES)).filter((lb) => isGatewayLoadBalancer(g, lb)))];
}

/** The subnets a load balancer is in (`subnets`, `subnetMappings[].subnetId`). */
export function loadBalancerSubnets(g: StackGraph, lb: PolicyResource): PolicyResource[] {
    return subnetsOf(g, lb, "subnets", "subnetMappings");
}

/**
 * Security groups of the appliances behind a Gateway Load Balancer target group: instances registered
 * with a TargetGroupAttachment (`targetId` -> Instance `vpcSecurityGroupIds` / `securityGroups`) and
 * Auto Scaling groups (`targetGroupArns`) through their launch template (`vpcSecurityGroupIds`,
 * `networkInterfaces[].securityGroups`). IP targets name no resource and are not followed.
 */
export function applianceSecurityGroups(g: StackGraph, tg: PolicyResource): PolicyResource[] {
    const groups = new Set<PolicyResource>();
    const addFrom = (r: PolicyResource, ...props: string[]) =>
        props.forEach((p) => g.deps(r, p, [T.securityGroup]).forEach((sg) => groups.add(sg)));
    for (const a of TARGET_GROUP_ATTACHMENT_TYPES.flatMap((t) => g.referrers(tg, "targetGroupArn", [t]))) {
        g.deps(a, "targetId", [TI.instance]).forEach((i) => addFrom(i, "vpcSecurityGroupIds", "securityGroups"));
    }
    for (const asg of g.referrers(tg, "targetGroupArns", [TI.autoscalingGroup])) {
        for (const lt of [
            ...g.deps(asg, "launchTemplate", [TI.launchTemplate]),
            ...g.deps(asg, "mixedInstancesPolicy", [TI.launchTemplate]),
        ]) {
            addFrom(lt, "vpcSecurityGroupIds", "securityGroupIds", "networkInterfaces");
        }
    }
    return [...groups];
}

/** A known string value, or undefined (absent, other type, or unknown in this preview). */
export function known(v: Value | undefined): string | undefined {
    const s = str(v);
    return typeof s === "string" && !isUnknown(s) ? s : undefined;
}
