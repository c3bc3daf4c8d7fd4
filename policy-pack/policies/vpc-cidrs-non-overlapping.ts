import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { overlaps, parseIpv4 } from "../lib/cidr";
import { onStack } from "../lib/policy";
import { connectedGroups } from "../lib/topology";

/**
 * `vpc-cidrs-non-overlapping`: no two CONNECTED VPCs have overlapping IPv4 CIDRs (primary and secondary
 * blocks). Connected means joined by a VPC peering connection, or attached to the same transit gateway
 * or to peered transit gateways, directly or through others: the hub routes to every spoke, so two
 * overlapping spokes collide even though they never peer with each other. AWS rejects a peering between
 * overlapping VPCs only at apply time, and TGW routing silently prefers one of them.
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS VPC peering and Transit Gateway design rules).
 * - Preview: CIDRs are known inputs; connections are resolved through property dependencies
 *   (peering `vpcId`/`peerVpcId`, attachment `vpcId`/`transitGatewayId`, TGW peering
 *   `transitGatewayId`/`peerTransitGatewayId`), never by id. IPAM-allocated (computed) blocks are unknown
 *   in a preview and cannot be compared.
 */
export const vpcCidrsNonOverlapping: StackValidationPolicy = {
    name: "vpc-cidrs-non-overlapping",
    description: "Connected VPCs (peering, transit gateways) have non-overlapping IPv4 CIDRs.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:vpc-peering"],
    remediationSteps: "Give each VPC a distinct block, ideally from its region's supernet.",
    validateStack: onStack((g, report) => {
        const groups = connectedGroups(g);
        const byGroup = new Map<string, PolicyResource[]>();
        for (const vpc of g.vpcs()) {
            const id = groups.get(vpc.urn) as string;
            byGroup.set(id, [...(byGroup.get(id) ?? []), vpc]);
        }
        for (const members of byGroup.values()) {
            for (let i = 0; i < members.length; i++) {
                for (let j = i + 1; j < members.length; j++) {
                    const a = members[i];
                    const b = members[j];
                    for (const ca of g.cidrsOf(a)) {
                        for (const cb of g.cidrsOf(b)) {
                            const ra = parseIpv4(ca);
                            const rb = parseIpv4(cb);
                            if (ra && rb && overlaps(ra, rb)) {
                                report(
                                    `VPC ${a.name} (${ca}) overlaps connected VPC ${b.name} (${cb}); give one of them a CIDR outside the other.`,
                                    b.urn,
                                );
                            }
                        }
                    }
                }
            }
        }
    }),
};
