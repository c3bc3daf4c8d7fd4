import type { StackValidationPolicy } from "@pulumi/policy";
import { onStack } from "../lib/policy";
import { ROLE_TAG, vpcRoles } from "../lib/roles";

/**
 * `vpc-role-consistent`: every VPC's place in the hub-and-spoke design is known, and its
 * `landing-zone:role` tag (when present) agrees with the topology.
 *
 * The hub and spoke rules (`hub-endpoint-dns-complete`, `hub-endpoint-sg-spoke-https-only`,
 * `hub-required-endpoints`) apply to the VPCs lib/roles.ts infers: the hub holds the centralised
 * endpoints (interface endpoints aliased by private hosted zone records), spokes are peered with it or
 * attached to its transit gateway network; the inspection VPC (inspection endpoints, and TGW routes
 * sending it other VPCs' ranges) is neither. A VPC that is neither, and has no tag to say otherwise,
 * would silently escape those rules; a tag that contradicts the topology means the VPC is wired up as
 * something other than what its owner thinks. Both are reported here.
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (design rule of the centralised-endpoints pattern).
 * - Preview: the topology is read through property dependencies (endpoint `vpcId`, record `aliases` and
 *   `zoneId`, peering `vpcId`/`peerVpcId`, attachment `vpcId`/`transitGatewayId`, TGW peering
 *   `transitGatewayId`/`peerTransitGatewayId`); tags, service names and record types are known inputs.
 */
export const vpcRoleConsistent: StackValidationPolicy = {
    name: "vpc-role-consistent",
    description: "Every VPC is the hub or a spoke connected to it, and its landing-zone:role tag, if any, agrees with the topology.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:centralised-endpoints"],
    remediationSteps: `Connect the VPC to the hub (peering or transit gateway), or tag it ${ROLE_TAG}=spoke when its hub lives in another stack; fix a tag that contradicts the topology.`,
    validateStack: onStack((g, report) => {
        for (const info of vpcRoles(g).values()) {
            const { vpc, role, topology, tag, evidence } = info;
            if (role === undefined) {
                report(
                    `VPC ${vpc.name} is neither the hub (no interface endpoint aliased by a private hosted zone) nor peered with or attached to one; ` +
                        `connect it to the hub, or tag it ${ROLE_TAG}=spoke if its hub is in another stack.`,
                    vpc.urn,
                );
            } else if (topology !== undefined && tag !== undefined && tag !== topology) {
                report(
                    `VPC ${vpc.name} is tagged ${ROLE_TAG}=${tag} but the topology makes it ${topology === "inspection" ? "the inspection VPC" : `a ${topology}`} (${evidence}); fix the tag or the topology.`,
                    vpc.urn,
                );
            }
        }
    }),
};
