import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { accountOf } from "../lib/accounts";
import { onStack } from "../lib/policy";
import { T } from "../lib/types";

const AUTHORIZATION = "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization";

/**
 * `cross-account-zone-association-authorized`: a private hosted zone association of a VPC of another
 * account than the zone's is made by the VPC's account and depends on a `route53.VpcAssociationAuthorization` for the same zone and VPC,
 * made by the zone's account. Route 53 refuses AssociateVPCWithHostedZone from the VPC's account without
 * it (NotAuthorizedException), and the zone's account cannot associate another account's VPC itself.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (Route 53 developer guide).
 * - Preview: association -> zone directly or through the authorization (`zoneId`), association and
 *   authorization -> VPC (`vpcId`); accounts are the providers' pins. Zones or associations whose
 *   provider is not pinned (single-account stacks) are out of scope.
 */
export const crossAccountZoneAssociationAuthorized: StackValidationPolicy = {
    name: "cross-account-zone-association-authorized",
    description: "A zone association from another account than the zone's waits for the zone account's authorization.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:centralised-endpoints"],
    remediationSteps:
        "Create aws.route53.VpcAssociationAuthorization (zoneId, vpcId, vpcRegion) with the zone account's provider and take the association's zoneId from it.",
    validateStack: onStack((g, report) => {
        const zoneOf = (r: PolicyResource): PolicyResource | undefined =>
            g.dep(r, "zoneId", [T.zone]) ??
            g
                .deps(r, "zoneId", [AUTHORIZATION])
                .map((a) => g.dep(a, "zoneId", [T.zone]))
                .find((z) => z !== undefined);
        for (const assoc of g.ofType(T.zoneAssociation)) {
            const zone = zoneOf(assoc);
            const zoneAccount = zone ? accountOf(zone) : undefined;
            const mine = accountOf(assoc);
            const vpc = g.dep(assoc, "vpcId", [T.vpc]);
            const vpcAccount = vpc ? accountOf(vpc) : undefined;
            if (zone && zoneAccount !== undefined && vpcAccount !== undefined && vpcAccount !== zoneAccount && mine !== vpcAccount) {
                // Only the VPC's account can associate its VPC with another account's zone.
                report(
                    `Zone association ${assoc.name} joins VPC ${vpc?.name} of account ${vpcAccount} to zone ${zone.name} of account ${zoneAccount}, but is made by ${mine ?? "an unpinned provider"}: only the VPC's account can make it (after the zone account's authorization).`,
                    assoc.urn,
                );
                continue;
            }
            if (!zone || zoneAccount === undefined || mine === undefined || zoneAccount === mine) {
                continue;
            }
            const auths = [
                ...g.deps(assoc, "zoneId", [AUTHORIZATION]),
                ...g.ofType(AUTHORIZATION).filter((a) => assoc.dependencies.includes(a)),
            ];
            const ok = auths.some(
                (a) =>
                    accountOf(a) === zoneAccount &&
                    g.dep(a, "zoneId", [T.zone]) === zone &&
                    (vpc === undefined || g.dep(a, "vpcId", [T.vpc]) === vpc),
            );
            if (!ok) {
                report(
                    `Zone association ${assoc.name} is made by account ${mine} with zone ${zone.name} of account ${zoneAccount}, but does not wait for a VpcAssociationAuthorization of that zone and VPC by ${zoneAccount}; Route 53 would refuse it.`,
                    assoc.urn,
                );
            }
        }
    }),
};
