import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { accountOf } from "../lib/accounts";
import { onStack } from "../lib/policy";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";

/** An organisation's or an OU's ARN as a RAM principal: every account in it. */
const ORG_PRINCIPAL_RE = /^arn:aws[\w-]*:organizations::\d{12}:(organization|ou)\/o-/;

/**
 * `tgw-shared-attachment-accepted`: a VPC attachment made in another account than its transit gateway's
 * (a TGW shared through AWS RAM) has (1) a `VpcAttachmentAccepter` made by the TGW's account and (2) a
 * RAM share of that TGW (`ram.ResourceAssociation` of the TGW's ARN) with a `ram.PrincipalAssociation`
 * to the attachment's account or to an organisation (or OU). Without the share the TGW is invisible to
 * the workload account and CreateTransitGatewayVpcAttachment fails; without the accepter the
 * attachment stays `pendingAcceptance` (the TGWs do not auto-accept shared attachments), and every
 * route and association on it fails or black-holes.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html (sharing a transit gateway)
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS Transit Gateway guide).
 * - Preview: attachment -> TGW through `transitGatewayId`, accepter -> attachment and share association ->
 *   TGW through property dependencies; the providers' pins and an account principal are literal inputs.
 *   A principal that is unknown (computed) may be the right one and is not held against the share.
 *   Attachments made with an unpinned provider (single-account stacks) are same-account.
 */
export const tgwSharedAttachmentAccepted: StackValidationPolicy = {
    name: "tgw-shared-attachment-accepted",
    description:
        "A VPC attachment of another account to a shared transit gateway is accepted by the TGW's account and covered by a RAM share to that account or its organisation.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:transit-gateway"],
    remediationSteps:
        "Share the TGW with the attachment's account through AWS RAM (ResourceShare, ResourceAssociation, PrincipalAssociation) and add an aws.ec2transitgateway.VpcAttachmentAccepter made with the TGW account's provider.",
    validateStack: onStack((g, report) => {
        for (const att of g.ofType(T.tgwVpcAttachment)) {
            const tgw = g.dep(att, "transitGatewayId", [T.transitGateway]);
            const owner = tgw ? accountOf(tgw) : undefined;
            const account = accountOf(att);
            if (!tgw || owner === undefined || account === undefined || owner === account) {
                continue;
            }
            const accepters = g.referrers(att, "transitGatewayAttachmentId", [T.tgwVpcAttachmentAccepter]);
            if (accepters.length === 0) {
                report(
                    `Attachment ${att.name} of account ${account} to transit gateway ${tgw.name} of account ${owner} has no accepter; add a VpcAttachmentAccepter with account ${owner}'s provider.`,
                    att.urn,
                );
            } else if (!accepters.some((a) => accountOf(a) === owner)) {
                const where = accepters.map((a) => `${a.name} (${accountOf(a) ?? "an unpinned provider"})`).join(", ");
                report(
                    `Attachment ${att.name} to transit gateway ${tgw.name} is accepted by ${where}, not by the TGW's account ${owner}: only the TGW's owner can accept.`,
                    att.urn,
                );
            }
            const shares = g
                .referrers(tgw, "resourceArn", [T.ramResourceAssociation])
                .map((ra) => g.dep(ra, "resourceShareArn", [T.ramResourceShare]))
                .filter((s): s is PolicyResource => s !== undefined);
            const covers = (share: PolicyResource) =>
                g.referrers(share, "resourceShareArn", [T.ramPrincipalAssociation]).some((p) => {
                    const principal = g.props(p)["principal"];
                    return (
                        isUnknown(principal) || principal === account || (typeof principal === "string" && ORG_PRINCIPAL_RE.test(principal))
                    );
                });
            if (shares.length === 0) {
                report(
                    `Transit gateway ${tgw.name} of account ${owner} has an attachment from account ${account} (${att.name}) but is in no RAM share; share it (ResourceShare and ResourceAssociation) with that account or the organisation.`,
                    att.urn,
                );
            } else if (!shares.some(covers)) {
                report(
                    `Transit gateway ${tgw.name} is shared (${shares.map((s) => s.name).join(", ")}), but not with account ${account} of attachment ${att.name}: add a PrincipalAssociation for ${account} or the organisation.`,
                    att.urn,
                );
            }
        }
    }),
};
