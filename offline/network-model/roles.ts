/** Hub and spoke roles of the VPCs of a network model, for the reachability analyzer (analyze.ts). */
import * as M from "./types";

/**
 * Which VPC is the hub and which are spokes, from the topology, with the `landing-zone:role` tag as a
 * hint — as the policy pack infers them (policy-pack/lib/roles.ts), so a hand-added untagged spoke is
 * still judged:
 *
 * - **hub**: a VPC holding an interface endpoint to an AWS service that an alias record of a zone of the
 *   stack points at (the centralised-endpoints pattern: AWS whitepaper "Building a scalable and secure
 *   multi-VPC AWS network infrastructure", centralized access to VPC private endpoints).
 * - **spoke**: another VPC peered with a hub (either side), or attached to a transit gateway that is a
 *   hub's or joined to one through TGW peerings.
 * - where the topology says nothing, the tag decides; a VPC tagged with another role (not `hub` or
 *   `spoke`, e.g. a future inspection VPC attached to the hub's TGW) keeps it: it hosts no workloads whose
 *   paths the matrix promises.
 */
export function inferRoles(m: M.NetworkModel): ReadonlyMap<string, "hub" | "spoke" | undefined> {
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
            .map((e) => e.vpc as string),
    );
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
    const out = new Map<string, "hub" | "spoke" | undefined>();
    for (const v of m.vpcs) {
        const tagged = v.role === "hub" || v.role === "spoke" ? v.role : undefined;
        if (v.role !== undefined && tagged === undefined) {
            out.set(v.key, undefined);
        } else if (hubs.has(v.key)) {
            out.set(v.key, "hub");
        } else if (connected.has(v.key)) {
            out.set(v.key, "spoke");
        } else {
            out.set(v.key, tagged);
        }
    }
    return out;
}
