import type { StackValidationPolicy } from "@pulumi/policy";
import { onStack } from "../lib/policy";
import { attachmentAliases, gatewayOfTable } from "../lib/topology";
import { T } from "../lib/types";

/**
 * `tgw-peering-static-routes-only`: routes across a transit gateway PEERING attachment are static.
 * AWS does not propagate routes over a TGW peering: a `RouteTablePropagation` whose attachment is a
 * peering attachment (or its accepter) fails at apply time, and without a static
 * `aws.ec2transitgateway.Route` on each side nothing crosses the peering.
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS Transit Gateway guide, "Transit gateway peering attachments": static routes only).
 * - Preview: propagation / route -> attachment (or accepter) through `transitGatewayAttachmentId`,
 *   route -> TGW route table -> TGW through `transitGatewayRouteTableId` / `transitGatewayId`.
 */
export const tgwPeeringStaticRoutesOnly: StackValidationPolicy = {
    name: "tgw-peering-static-routes-only",
    description: "Transit gateway peering attachments carry static routes on each side and are never propagated.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:transit-gateway"],
    remediationSteps:
        "Replace the propagation with static aws.ec2transitgateway.Route resources (region supernet -> peering attachment) on both TGWs.",
    validateStack: onStack((g, report) => {
        const peerings = g.ofType(T.tgwPeeringAttachment);
        const peeringLike = [T.tgwPeeringAttachment, T.tgwPeeringAttachmentAccepter];
        for (const p of g.ofType(T.tgwRouteTablePropagation)) {
            const hit = g.deps(p, "transitGatewayAttachmentId", peeringLike)[0];
            if (hit) {
                report(
                    `Propagation ${p.name} uses peering attachment ${hit.name}, but TGW peering supports static routes only; replace it with a static TGW route.`,
                    p.urn,
                );
            }
        }
        const routes = g.ofType(T.tgwRoute);
        for (const attachment of peerings) {
            const aliases = attachmentAliases(g, attachment);
            const mine = routes.filter((r) => g.deps(r, "transitGatewayAttachmentId").some((d) => aliases.includes(d)));
            const sides = [
                g.dep(attachment, "transitGatewayId", [T.transitGateway]),
                g.dep(attachment, "peerTransitGatewayId", [T.transitGateway]),
            ];
            for (const side of sides) {
                if (!side) {
                    continue;
                }
                const onSide = mine.some((r) => {
                    const tgw = gatewayOfTable(g, g.dep(r, "transitGatewayRouteTableId", [T.tgwRouteTable]));
                    return tgw === undefined || tgw === side;
                });
                if (!onSide) {
                    report(
                        `Peering attachment ${attachment.name} has no static route on transit gateway ${side.name}; add a TGW route to the peer region's CIDRs on that side.`,
                        attachment.urn,
                    );
                }
            }
        }
    }),
};
