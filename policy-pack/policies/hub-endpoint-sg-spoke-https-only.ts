import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { coveredBy } from "../lib/cidr";
import { IngressRule, ingressRulesOf } from "../lib/rules";
import { onStack } from "../lib/policy";
import { hubEndpoints, regionalEndpoints, vpcsWithRole } from "../lib/roles";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { num, str } from "../lib/values";

/** true = TCP 443 only, false = anything else, undefined = not known in this preview. */
function isHttpsOnly(r: IngressRule): boolean | undefined {
    const proto = str(r.protocol);
    const from = num(r.from);
    const to = num(r.to);
    if (isUnknown(proto) || isUnknown(from) || isUnknown(to)) {
        return undefined;
    }
    return (proto?.toLowerCase() === "tcp" || proto === "6") && from === 443 && to === 443;
}

/**
 * `hub-endpoint-sg-spoke-https-only`: the security groups of the hub's interface endpoints admit every
 * spoke CIDR (hub and spokes inferred from the topology, lib/roles.ts) (directly or through an aggregate such as the spoke region's supernet) on TCP 443, and
 * admit nothing but TCP 443. The inspection VPC is not a spoke: inspected traffic reaches the endpoints
 * with the spoke's own source address (a Gateway Load Balancer and its appliances are a transparent
 * network gateway: ELB Gateway Load Balancers guide, "What is a Gateway Load Balancer?"; Network Firewall
 * likewise), so its CIDR need not be admitted. Spokes in another region cannot be referenced by security group (SG
 * references do not cross regions), so coverage is by CIDR. The security groups of a regional endpoint
 * VPC's endpoints (role `endpoints`, lib/roles.ts) follow the same rules for the spokes of their own
 * Region only: those are its clients; another Region's spokes call their own Region's set.
 *
 * - Kind: stack policy (rules are separate resources; a missing rule is an absence).
 * - Level: mandatory (topology: a spoke not admitted cannot reach AWS APIs; security: least privilege).
 *   Severity: high.
 * - Controls: none direct (AWS PrivateLink guide: endpoint security groups must allow HTTPS from clients).
 * - Preview: endpoint -> groups through the `securityGroupIds` property dependency, rules -> group
 *   through `securityGroupId`; CIDRs and ports are known inputs. A rule whose CIDR is computed could
 *   admit any spoke, so coverage is not reported while one exists.
 */
export const hubEndpointSgSpokeHttpsOnly: StackValidationPolicy = {
    name: "hub-endpoint-sg-spoke-https-only",
    description: "Hub endpoint security groups admit every spoke CIDR on TCP 443 and nothing else.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "security", "aws-guidance:privatelink"],
    remediationSteps: "Add a TCP 443 ingress rule from the spoke (or its region's supernet) and remove other ingress rules.",
    validateStack: onStack((g, report) => {
        const spokes = vpcsWithRole(g, "spoke");
        // Group -> the Region whose spokes it serves (undefined: the hub's, every spoke).
        const groups = new Map<PolicyResource, string | undefined>();
        for (const { endpoint } of hubEndpoints(g)) {
            for (const sg of g.deps(endpoint, "securityGroupIds", [T.securityGroup])) {
                groups.set(sg, undefined);
            }
        }
        for (const { endpoint, vpc } of regionalEndpoints(g)) {
            const region = g.region(vpc);
            for (const sg of g.deps(endpoint, "securityGroupIds", [T.securityGroup])) {
                if (!groups.has(sg) && region !== undefined) {
                    groups.set(sg, region);
                }
            }
        }
        for (const [sg, region] of groups) {
            const rules = ingressRulesOf(g, sg);
            for (const r of rules) {
                if (isHttpsOnly(r) === false) {
                    report(
                        `Endpoint security group ${sg.name}: rule ${r.label} admits more than TCP 443; narrow it to TCP 443 or remove it.`,
                        r.resource.urn,
                    );
                }
            }
            const https = rules.filter((r) => isHttpsOnly(r) !== false);
            if (https.some((r) => r.unknownCidr)) {
                continue;
            }
            const sources = https.flatMap((r) => r.cidrs);
            for (const spoke of spokes.filter((s) => region === undefined || g.region(s) === region)) {
                for (const cidr of g.cidrsOf(spoke)) {
                    if (!coveredBy(cidr, sources)) {
                        report(
                            `Endpoint security group ${sg.name} does not admit spoke ${spoke.name} (${cidr}) on TCP 443; add an HTTPS ingress rule from it or from its region's supernet.`,
                            sg.urn,
                        );
                    }
                }
            }
        }
    }),
};
