import type { StackValidationPolicy } from "@pulumi/policy";
import { onStack } from "../lib/policy";
import { attachmentAliases, gatewayOfTable } from "../lib/topology";
import { T } from "../lib/types";

/**
 * `tgw-attachments-explicit-association`: every transit gateway attachment (VPC and peering) is
 * associated with an explicit TGW route table, on each side that is in this stack: a VPC attachment on
 * its TGW, a peering attachment on the requester's TGW and (through its accepter) on the peer's TGW.
 * With default association disabled, an unassociated attachment routes nothing.
 *
 * - Kind: stack policy (a missing association is an absence). Level: mandatory (topology).
 *   Severity: medium.
 * - Controls: none (AWS Transit Gateway guide: route table association; explicit tables for
 *   segmentation).
 * - Preview: association -> attachment (or accepter) through `transitGatewayAttachmentId`, association
 *   -> route table through `transitGatewayRouteTableId`, route table / attachment -> TGW through
 *   `transitGatewayId` (`peerTransitGatewayId` for the peer side). No id is read.
 */
export const tgwAttachmentsExplicitAssociation: StackValidationPolicy = {
    name: "tgw-attachments-explicit-association",
    description: "Every transit gateway attachment is associated with an explicit TGW route table on each side.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["topology", "aws-guidance:transit-gateway"],
    remediationSteps:
        "Add an aws.ec2transitgateway.RouteTableAssociation for the attachment (for a peering: on both TGWs, the peer side using the accepter).",
    validateStack: onStack((g, report) => {
        const associations = g.ofType(T.tgwRouteTableAssociation);
        for (const attachment of g.ofType(T.tgwVpcAttachment, T.tgwPeeringAttachment)) {
            const aliases = attachmentAliases(g, attachment);
            const mine = associations.filter((a) => g.deps(a, "transitGatewayAttachmentId").some((d) => aliases.includes(d)));
            const sides =
                attachment.type === T.tgwVpcAttachment
                    ? [g.dep(attachment, "transitGatewayId", [T.transitGateway])]
                    : [
                          g.dep(attachment, "transitGatewayId", [T.transitGateway]),
                          g.dep(attachment, "peerTransitGatewayId", [T.transitGateway]),
                      ];
            if (mine.length === 0) {
                report(
                    `Transit gateway attachment ${attachment.name} is not associated with any TGW route table; add a RouteTableAssociation to its segment's table.`,
                    attachment.urn,
                );
                continue;
            }
            for (const side of sides) {
                if (!side) {
                    continue; // that side's TGW is managed elsewhere
                }
                const onSide = mine.some((a) => {
                    const tgw = gatewayOfTable(g, g.dep(a, "transitGatewayRouteTableId", [T.tgwRouteTable]));
                    return tgw === undefined || tgw === side;
                });
                if (!onSide) {
                    report(
                        `Transit gateway attachment ${attachment.name} has no route table association on transit gateway ${side.name}; add one there (for a peering, on the accepter side too).`,
                        attachment.urn,
                    );
                }
            }
        }
    }),
};
