/** Hub, spoke and inspection roles of the VPCs of a network model, for the reachability analyzer (analyze.ts). */
import { Cidr, contains, parseCidr } from "../../components/planning/cidr";
import * as M from "./types";

const cidr = (text: string | undefined): Cidr | undefined => {
    const p = text ? parseCidr(text) : undefined;
    return p?.ok ? p.cidr : undefined;
};

/**
 * Which VPC is the hub, which are spokes and which inspects, from the topology, with the
 * `landing-zone:role` tag as a hint — as the policy pack infers them (policy-pack/lib/roles.ts), so a
 * hand-added untagged spoke is still judged:
 *
 * - **hub**: a VPC holding an interface endpoint to an AWS service that an alias record of a zone of the
 *   stack points at (the centralised-endpoints pattern: AWS whitepaper "Building a scalable and secure
 *   multi-VPC AWS network infrastructure", centralized access to VPC private endpoints).
 * - **inspection**: a VPC holding inspection endpoints (a Gateway Load Balancer endpoint, or a Network
 *   Firewall) to which a TGW static route sends a range beyond its own CIDR: it forwards other VPCs'
 *   traffic through its appliances and hosts no workloads. A spoke with a GWLB endpoint of its own
 *   (distributed inspection) stays a spoke. Tagged `inspection` and holding endpoints, it keeps the role
 *   while its TGW routes are missing (the analyzer then reports the path that misses inspection).
 * - **spoke**: another VPC peered with a hub (either side), or attached to a transit gateway that is a
 *   hub's or joined to one through TGW peerings.
 * - where the topology says nothing, the tag decides; a VPC tagged with a role this analyzer does not
 *   know keeps none: it hosts no workloads whose paths the matrix promises.
 */
export function inferRoles(m: M.NetworkModel): ReadonlyMap<string, M.VpcRole | undefined> {
    const aliased = new Set(m.zones.flatMap((z) => z.records.flatMap((r) => (r.aliasEndpoint ? [r.aliasEndpoint] : []))));
    const hubs = new Set(
        m.endpoints
            .filter(
                (e) =>
                    e.vpc &&
                    e.type === "Interface" &&
                    e.service.startsWith("com.amazonaws.") &&
                    !e.service.startsWith("com.amazonaws.vpce.") &&
                    aliased.has(e.key),
            )
            .map((e) => e.vpc as string)
            // A regional endpoint VPC (tagged `endpoints`, components/network/regional-endpoints.ts) holds
            // centralised endpoints too, but for its own Region's spokes: no spoke hangs off it as off a hub.
            .filter((vpc) => m.vpcs.find((v) => v.key === vpc)?.role !== "endpoints"),
    );
    const inspecting = inspectionHolders(m);
    const transit = transitVpcs(m);
    // TGWs joined by peering attachments form one component (union-find on keys).
    const parent = new Map<string, string>();
    const find = (x: string): string => {
        let r = x;
        while (parent.has(r) && parent.get(r) !== r) {
            r = parent.get(r) as string;
        }
        return r;
    };
    for (const a of m.tgwAttachments) {
        if (a.kind === "peering" && a.tgw && a.peerTgw && find(a.tgw) !== find(a.peerTgw)) {
            parent.set(find(a.tgw), find(a.peerTgw));
        }
    }
    const vpcAttachments = m.tgwAttachments.filter((a) => a.kind === "vpc" && a.vpc && a.tgw);
    const hubComponents = new Set(vpcAttachments.filter((a) => hubs.has(a.vpc as string)).map((a) => find(a.tgw as string)));
    const connected = new Set<string>([
        ...m.peerings.flatMap((p) =>
            p.requesterVpc && p.accepterVpc
                ? hubs.has(p.requesterVpc)
                    ? [p.accepterVpc]
                    : hubs.has(p.accepterVpc)
                      ? [p.requesterVpc]
                      : []
                : [],
        ),
        ...vpcAttachments.filter((a) => hubComponents.has(find(a.tgw as string))).map((a) => a.vpc as string),
    ]);
    const out = new Map<string, M.VpcRole | undefined>();
    for (const v of m.vpcs) {
        const tagged = v.role === "hub" || v.role === "spoke" || v.role === "inspection" ? v.role : undefined;
        if (v.role !== undefined && tagged === undefined) {
            out.set(v.key, undefined);
        } else if (hubs.has(v.key)) {
            out.set(v.key, "hub");
        } else if (inspecting.has(v.key) && (transit.has(v.key) || tagged === "inspection")) {
            out.set(v.key, "inspection");
        } else if (connected.has(v.key)) {
            out.set(v.key, "spoke");
        } else {
            out.set(v.key, tagged);
        }
    }
    return out;
}

/** VPCs holding a Gateway Load Balancer endpoint or a Network Firewall. */
export function inspectionHolders(m: M.NetworkModel): Set<string> {
    return new Set([
        ...m.endpoints.filter((e) => e.type === "GatewayLoadBalancer" && e.vpc).map((e) => e.vpc as string),
        ...(m.firewalls ?? []).filter((f) => f.vpc).map((f) => f.vpc as string),
    ]);
}

/** VPCs whose attachment a TGW static route sends a range that is not inside the VPC's CIDR. */
function transitVpcs(m: M.NetworkModel): Set<string> {
    const vpcOfAttachment = new Map(m.tgwAttachments.filter((a) => a.kind === "vpc" && a.vpc).map((a) => [a.key, a.vpc as string]));
    const vpcCidr = new Map(m.vpcs.map((v) => [v.key, cidr(v.cidr)]));
    const out = new Set<string>();
    for (const t of m.tgwRouteTables) {
        for (const r of t.routes) {
            const vpc = r.attachment ? vpcOfAttachment.get(r.attachment) : undefined;
            const own = vpc ? vpcCidr.get(vpc) : undefined;
            const d = cidr(r.destination);
            if (vpc && own && d && !contains(own, d)) {
                out.add(vpc);
            }
        }
    }
    return out;
}
