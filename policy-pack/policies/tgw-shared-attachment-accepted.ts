import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { accountOf } from "../lib/accounts";
import { configOf, onStack, schema } from "../lib/policy";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";

/** An organisation's or an OU's ARN as a RAM principal (every account in it); group 2 is the organisation id. */
const ORG_PRINCIPAL_RE = /^arn:aws[\w-]*:organizations::\d{12}:(organization|ou)\/(o-[a-z0-9]{10,32})(\/|$)/;

const SHARE_ACCEPTER = "aws:ram/resourceShareAccepter:ResourceShareAccepter";

export interface TgwSharedAttachmentAcceptedConfig {
    /**
     * The stack's AWS Organizations id (o-…), what `landing-zone:organizationId` is: a share to an
     * organisation or OU counts only when it is this organisation's. Empty: the stack is not in an
     * organisation, so an organisation principal covers no attachment. @default ""
     */
    readonly organizationId: string;
}

export const TGW_SHARED_ATTACHMENT_ACCEPTED_DEFAULTS: TgwSharedAttachmentAcceptedConfig = { organizationId: "" };

/**
 * `tgw-shared-attachment-accepted`: a VPC attachment made in another account than its transit gateway's
 * (a TGW shared through AWS RAM) has (1) a `VpcAttachmentAccepter` made by the TGW's account and (2) a
 * RAM share of that TGW (`ram.ResourceAssociation` of the TGW's ARN) that reaches the attachment's
 * account: a `ram.PrincipalAssociation` to the account together with a `ram.ResourceShareAccepter` made
 * in that account, which the attachment waits for (outside an organisation RAM only sends the account an
 * invitation, and the TGW stays invisible to it until accepted), or a `ram.PrincipalAssociation` to the
 * stack's own organisation or one of its OUs (`organizationId` in the pack config; another
 * organisation's ARN shares with accounts that are not the stack's). Without the share the TGW is
 * invisible to the workload account and CreateTransitGatewayVpcAttachment fails; without the accepter
 * the attachment stays `pendingAcceptance` (the TGWs do not auto-accept shared attachments), and every
 * route and association on it fails or black-holes.
 * https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html (sharing a transit gateway)
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS Transit Gateway guide).
 * - Config: `organizationId` (default empty: no organisation principal covers an attachment).
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
    configSchema: schema({
        organizationId: {
            type: "string",
            pattern: "^(o-[a-z0-9]{10,32})?$",
            default: TGW_SHARED_ATTACHMENT_ACCEPTED_DEFAULTS.organizationId,
            description: "The stack's AWS Organizations id (o-…); empty when the stack is not in an organisation",
        },
    }),
    remediationSteps:
        "Share the TGW with the attachment's account through AWS RAM (ResourceShare, ResourceAssociation, PrincipalAssociation) and add an aws.ec2transitgateway.VpcAttachmentAccepter made with the TGW account's provider.",
    validateStack: onStack((g, report, args) => {
        const cfg = configOf(args, TGW_SHARED_ATTACHMENT_ACCEPTED_DEFAULTS);
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
            // Why each share falls short, for the report when none covers the attachment.
            const gaps: string[] = [];
            const covers = (share: PolicyResource) =>
                g.referrers(share, "resourceShareArn", [T.ramPrincipalAssociation]).some((p) => {
                    const principal = g.props(p)["principal"];
                    if (isUnknown(principal)) {
                        return true; // computed: may be the right one
                    }
                    if (principal === account) {
                        // Outside an organisation the account gets an invitation: it must accept it, and
                        // the attachment must wait for that.
                        const accepted = g
                            .referrers(share, "shareArn", [SHARE_ACCEPTER])
                            .filter((a) => accountOf(a) === account && att.dependencies.includes(a));
                        if (accepted.length === 0) {
                            gaps.push(
                                `${share.name} names account ${account}, but no ResourceShareAccepter made with account ${account}'s provider accepts it before ${att.name} (the attachment must depend on it)`,
                            );
                        }
                        return accepted.length > 0;
                    }
                    const org = typeof principal === "string" ? ORG_PRINCIPAL_RE.exec(principal)?.[2] : undefined;
                    if (org !== undefined) {
                        if (org !== cfg.organizationId) {
                            gaps.push(
                                `${share.name} names organisation ${org}, ${cfg.organizationId === "" ? "but tgw-shared-attachment-accepted.organizationId in the pack config names none" : `not the stack's ${cfg.organizationId}`}`,
                            );
                        }
                        return org === cfg.organizationId;
                    }
                    return false;
                });
            if (shares.length === 0) {
                report(
                    `Transit gateway ${tgw.name} of account ${owner} has an attachment from account ${account} (${att.name}) but is in no RAM share; share it (ResourceShare and ResourceAssociation) with that account or the organisation.`,
                    att.urn,
                );
            } else if (!shares.some(covers)) {
                report(
                    `Transit gateway ${tgw.name} is shared (${shares.map((s) => s.name).join(", ")}), but not usably with account ${account} of attachment ${att.name}${gaps.length > 0 ? ` (${gaps.join("; ")})` : ""}: add a PrincipalAssociation for ${account} with its ResourceShareAccepter, or for the stack's organisation (and set organizationId in the pack config).`,
                    att.urn,
                );
            }
        }
    }),
};
