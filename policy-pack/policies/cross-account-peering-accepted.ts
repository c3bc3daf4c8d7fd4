import type { StackValidationPolicy } from "@pulumi/policy";
import { accountOf } from "../lib/accounts";
import { onStack } from "../lib/policy";
import { T } from "../lib/types";
import { str } from "../lib/values";

/**
 * `cross-account-peering-accepted`: a VPC peering request to a VPC of another account (`peerOwnerId`)
 * has a `VpcPeeringConnectionAccepter` made with a provider of that account. Only the peer VPC's owner
 * can accept; without the accepter (or with one in the requester's account) the connection stays
 * `pending-acceptance`, expires after 7 days, and every route through it is a black hole.
 * https://docs.aws.amazon.com/vpc/latest/peering/accept-vpc-peering-connection.html
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS VPC peering guide).
 * - Preview: accepter -> request through `vpcPeeringConnectionId`; `peerOwnerId` and the providers'
 *   pins (`allowedAccountIds`) are literal inputs. A request without `peerOwnerId`, or made with an
 *   unpinned provider (single-account stacks), is same-account.
 */
export const crossAccountPeeringAccepted: StackValidationPolicy = {
    name: "cross-account-peering-accepted",
    description: "A cross-account VPC peering request is accepted by a provider of the peer's account.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:vpc-peering"],
    remediationSteps: "Add an aws.ec2.VpcPeeringConnectionAccepter created with the peer account's provider.",
    validateStack: onStack((g, report) => {
        for (const pcx of g.ofType(T.peering)) {
            const owner = str(g.props(pcx)["peerOwnerId"]);
            const requester = accountOf(pcx);
            // AWS reports peerOwnerId on every connection (the requester's own account when it named none):
            // only a pinned requester in another account than the owner is cross-account.
            if (typeof owner !== "string" || requester === undefined || owner === requester) {
                continue;
            }
            const accepters = g.referrers(pcx, "vpcPeeringConnectionId", [T.peeringAccepter]);
            if (accepters.length === 0) {
                report(
                    `Peering ${pcx.name} asks account ${owner} (peerOwnerId) but has no accepter; add a VpcPeeringConnectionAccepter with that account's provider.`,
                    pcx.urn,
                );
            } else if (!accepters.some((a) => accountOf(a) === owner)) {
                const where = accepters.map((a) => `${a.name} (${accountOf(a) ?? "an unpinned provider"})`).join(", ");
                report(
                    `Peering ${pcx.name} is owned on the peer side by account ${owner}, but its accepter ${where} is not made in that account: only the peer's owner can accept.`,
                    pcx.urn,
                );
            }
        }
    }),
};
