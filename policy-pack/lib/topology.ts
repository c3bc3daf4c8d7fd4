/**
 * Connectivity model on top of {@link StackGraph}: who is connected to whom (peering, transit
 * gateways), and every VPC route with its resolved route table, VPC and target.
 *
 * @module
 */
import type { PolicyResource } from "@pulumi/policy";
import { StackGraph } from "./graph";
import { T } from "./types";
import { isUnknown, Value } from "./unknown";
import { isRecord, isSet, Maybe, str } from "./values";

/** One side pair of a VPC peering connection. */
export interface PeeringSides {
    readonly connection: PolicyResource;
    readonly requester?: PolicyResource;
    readonly accepter?: PolicyResource;
}

/** A VPC route, standalone (`aws.ec2.Route`) or inline in a route table's `routes`. */
export interface RouteEntry {
    /** The Route resource, or the route table holding the inline route. */
    readonly resource: PolicyResource;
    readonly inline: boolean;
    readonly table?: PolicyResource;
    readonly vpc?: PolicyResource;
    /** IPv4 destination; UNKNOWN in a preview only if computed; undefined for IPv6/prefix-list routes. */
    readonly destination: Maybe<string>;
    readonly ipv6Destination: Maybe<string>;
    readonly kind: "peering" | "tgw" | "other";
    /** VpcPeeringConnection (accepters normalised to their connection) or TransitGateway, when resolvable. */
    readonly target?: PolicyResource;
}

/** Normalises a peering accepter to the connection it accepts. */
export function peeringConnection(g: StackGraph, r: PolicyResource | undefined): PolicyResource | undefined {
    if (!r) {
        return undefined;
    }
    if (r.type === T.peering) {
        return r;
    }
    if (r.type === T.peeringAccepter) {
        return g.dep(r, "vpcPeeringConnectionId", [T.peering]);
    }
    return undefined;
}

/** The two VPCs of a peering connection, when they are in this stack. */
export function peeringSides(g: StackGraph, connection: PolicyResource): PeeringSides {
    return {
        connection,
        requester: g.dep(connection, "vpcId", [T.vpc]),
        accepter: g.dep(connection, "peerVpcId", [T.vpc]),
    };
}

/** The VPC on the other side of a peering connection from `vpc`. */
export function peerOf(g: StackGraph, connection: PolicyResource, vpc: PolicyResource): PolicyResource | undefined {
    const s = peeringSides(g, connection);
    if (s.requester === vpc) {
        return s.accepter;
    }
    if (s.accepter === vpc) {
        return s.requester;
    }
    return undefined;
}

/** Transit gateways a VPC is attached to (through VpcAttachment property dependencies). */
export function attachedGateways(g: StackGraph, vpc: PolicyResource): PolicyResource[] {
    return g
        .referrers(vpc, "vpcId", [T.tgwVpcAttachment])
        .map((a) => g.dep(a, "transitGatewayId", [T.transitGateway]))
        .filter((t): t is PolicyResource => t !== undefined);
}

/** Every route of the stack, with what it resolves to. */
export function allRoutes(g: StackGraph): RouteEntry[] {
    const out: RouteEntry[] = [];
    for (const r of g.ofType(T.route)) {
        const p = g.props(r);
        const table = g.routeTableOf(r);
        const kind = isSet(p, "vpcPeeringConnectionId") ? "peering" : isSet(p, "transitGatewayId") ? "tgw" : "other";
        const target =
            kind === "peering"
                ? peeringConnection(
                      g,
                      g.deps(r, "vpcPeeringConnectionId").find((d) => d.type === T.peering || d.type === T.peeringAccepter),
                  )
                : kind === "tgw"
                  ? g.dep(r, "transitGatewayId", [T.transitGateway])
                  : undefined;
        out.push({
            resource: r,
            inline: false,
            table,
            vpc: table ? g.vpcOf(table) : undefined,
            destination: str(p["destinationCidrBlock"]),
            ipv6Destination: str(p["destinationIpv6CidrBlock"]),
            kind,
            target,
        });
    }
    for (const table of g.ofType(T.routeTable, T.defaultRouteTable)) {
        const routes = g.props(table)["routes"];
        if (!Array.isArray(routes)) {
            continue;
        }
        // Inline routes share one dependency list: a target resolves only when it is unambiguous.
        const peerings = [
            ...new Set(
                g
                    .deps(table, "routes")
                    .map((d) => peeringConnection(g, d))
                    .filter((d): d is PolicyResource => !!d),
            ),
        ];
        const gateways = g.deps(table, "routes", [T.transitGateway]);
        for (const route of routes) {
            if (!isRecord(route)) {
                continue;
            }
            const kind = isSet(route, "vpcPeeringConnectionId") ? "peering" : isSet(route, "transitGatewayId") ? "tgw" : "other";
            out.push({
                resource: table,
                inline: true,
                table,
                vpc: g.vpcOf(table),
                destination: str(route["cidrBlock"] as Value),
                ipv6Destination: str(route["ipv6CidrBlock"] as Value),
                kind,
                target:
                    kind === "peering" && peerings.length === 1
                        ? peerings[0]
                        : kind === "tgw" && gateways.length === 1
                          ? gateways[0]
                          : undefined,
            });
        }
    }
    return out;
}

/**
 * Groups of connected VPCs: VPCs joined by a peering connection, or attached to transit gateways that
 * are the same or peered with each other. Returns, for every VPC URN, the id of its group.
 */
export function connectedGroups(g: StackGraph): Map<string, string> {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
        let root = x;
        while (parent.has(root) && parent.get(root) !== root) {
            root = parent.get(root) as string;
        }
        parent.set(x, root);
        return root;
    };
    const add = (x: string) => {
        if (!parent.has(x)) {
            parent.set(x, x);
        }
    };
    const union = (a: PolicyResource | undefined, b: PolicyResource | undefined) => {
        if (!a || !b) {
            return;
        }
        add(a.urn);
        add(b.urn);
        const ra = find(a.urn);
        const rb = find(b.urn);
        if (ra !== rb) {
            parent.set(ra, rb);
        }
    };
    for (const v of g.vpcs()) {
        add(v.urn);
    }
    for (const c of g.ofType(T.peering)) {
        const s = peeringSides(g, c);
        union(s.requester, s.accepter);
    }
    for (const a of g.ofType(T.tgwVpcAttachment)) {
        union(g.dep(a, "vpcId", [T.vpc]), g.dep(a, "transitGatewayId", [T.transitGateway]));
    }
    for (const a of g.ofType(T.tgwPeeringAttachment)) {
        union(g.dep(a, "transitGatewayId", [T.transitGateway]), g.dep(a, "peerTransitGatewayId", [T.transitGateway]));
    }
    const groups = new Map<string, string>();
    for (const v of g.vpcs()) {
        groups.set(v.urn, find(v.urn));
    }
    return groups;
}

/** True for a destination that is a known IPv4 CIDR string. */
export function knownDestination(d: Maybe<string>): d is string {
    return typeof d === "string" && !isUnknown(d);
}

/**
 * Resources whose id is a given attachment's id: the attachment and its accepters (a peering's, or the
 * TGW owner's acceptance of another account's VPC attachment, whose id the owner's tables then use).
 */
export function attachmentAliases(g: StackGraph, attachment: PolicyResource): PolicyResource[] {
    return [
        attachment,
        ...g.referrers(attachment, "transitGatewayAttachmentId", [T.tgwPeeringAttachmentAccepter, T.tgwVpcAttachmentAccepter]),
    ];
}

/** Transit gateway of a TGW route table (through `transitGatewayId`). */
export function gatewayOfTable(g: StackGraph, table: PolicyResource | undefined): PolicyResource | undefined {
    return table ? g.dep(table, "transitGatewayId", [T.transitGateway]) : undefined;
}
