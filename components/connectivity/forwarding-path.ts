/**
 * The forwarding path of a VPC route to a transit gateway, read from the routing plan: every TGW
 * object that must exist before traffic sent along the route reaches its destination. Pure.
 *
 * A TGW forwards a packet by the route table associated with the attachment it arrived on: from the
 * VPC's own attachment, its association's table; across an inter-region peering, the table associated
 * with the peering attachment on the far side. In each table, a propagation (same region) or a static
 * route (across a peering: propagation does not cross it) must carry the destination. So the path is:
 * the association of the VPC's attachment, what carries the destination in that table and, for each
 * static route across a peering, the accepted peering (a route on it works only once accepted), the
 * association of the far side and what carries the destination there — on to the destination's VPC.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering-add-route.html
 *
 * A VPC route that waits only for its own attachment goes live while the rest is still being created
 * (a TGW peering and its acceptance take minutes): after a peering -> TGW switch, when the route is
 * re-targeted in place, traffic that flowed over the VPC peering is black-holed at the TGW meanwhile.
 */
import { cidr, overlaps } from "../planning/cidr";
import { INSPECTION_VPC, InspectedTransitGatewayPlan } from "../planning/inspection";
import { attachmentLabel, TgwAttachmentRef, TransitGatewayRoutingPlan, VpcRoutePlan } from "../planning/routing";
import { must } from "./plan-lookup";

/** The TGW objects of one forwarding path, by their plan labels (as in the resource names). */
export interface ForwardingPath {
    /** Attachment labels (`attachmentLabel`) whose association the path goes through. */
    readonly associations: readonly string[];
    /** Labels of propagations that carry the destination. */
    readonly propagations: readonly string[];
    /** Labels of static routes that carry the destination. */
    readonly staticRoutes: readonly string[];
    /** Remote regions whose TGW peering (its accepter) the path crosses. */
    readonly peerings: readonly string[];
}

/**
 * The forwarding path of `route` (a route whose target is a transit gateway) in `tgw`. Throws when
 * the plan has no association for an attachment on the way or nothing that carries the destination
 * in a table: the route would black-hole its traffic (a bug of the routing plan, never a config error).
 */
export function forwardingPath(tgw: TransitGatewayRoutingPlan | InspectedTransitGatewayPlan, route: VpcRoutePlan): ForwardingPath {
    if (route.target.kind !== "transit-gateway") {
        throw new Error(`connectivity: ${route.key} does not target a transit gateway`);
    }
    const destination = cidr(route.destination);
    const cidrOf = new Map(tgw.vpcAttachments.map((v) => [v.vpc, v.cidr]));
    const associations: string[] = [];
    const propagations: string[] = [];
    const staticRoutes: string[] = [];
    const peerings: string[] = [];
    const seen = new Set<string>();
    const queue: TgwAttachmentRef[] = [{ kind: "vpc", vpc: route.target.attachment }];
    while (queue.length > 0) {
        const arrivedOn = queue.shift() as TgwAttachmentRef;
        const label = attachmentLabel(arrivedOn);
        if (seen.has(label)) {
            continue;
        }
        seen.add(label);
        const assoc = must(
            tgw.associations.find((a) => a.label === label),
            `${route.key}: no route table association for TGW attachment ${label}`,
        );
        associations.push(assoc.label);
        let carried = false;
        for (const p of tgw.propagations) {
            if (p.table === assoc.table && overlaps(cidr(must(cidrOf.get(p.vpc), `no TGW attachment for ${p.vpc}`)), destination)) {
                propagations.push(p.label);
                carried = true;
            }
        }
        for (const s of tgw.staticRoutes) {
            if (s.table === assoc.table && overlaps(cidr(s.destination), destination)) {
                staticRoutes.push(s.label);
                carried = true;
                if (s.attachment.kind === "vpc") {
                    // With inspection (planning/inspection.ts): a static route to the inspection VPC, which
                    // hands the packet back on its own attachment, into the post-inspection table.
                    if (s.attachment.vpc === INSPECTION_VPC) {
                        queue.push(s.attachment);
                    }
                    continue;
                }
                if (!peerings.includes(s.attachment.region)) {
                    peerings.push(s.attachment.region);
                }
                // The packet leaves on this side of the peering and arrives on the other.
                queue.push({ kind: "peering", region: s.attachment.region, side: s.attachment.side === "hub" ? "remote" : "hub" });
            }
        }
        must(carried ? true : undefined, `${route.key}: nothing in TGW route table ${assoc.table} carries ${route.destination}`);
    }
    return { associations, propagations, staticRoutes, peerings };
}
