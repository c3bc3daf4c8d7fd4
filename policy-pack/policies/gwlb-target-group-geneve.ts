import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { gatewayLoadBalancers, GENEVE_PORT, gwlbTargetGroups, TARGET_GROUP_TYPES } from "../lib/inspection";
import { onStack } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { bool, isRecord, num, str } from "../lib/values";

/** Health-check protocols a GWLB target group accepts (ELB Gateway Load Balancers guide, "Health checks for Gateway Load Balancer target groups"). */
const HEALTH_CHECK_PROTOCOLS: readonly string[] = ["HTTP", "HTTPS", "TCP"];

/**
 * `gwlb-target-group-geneve`: every target group a Gateway Load Balancer forwards to, and every
 * target group declared with protocol GENEVE, uses GENEVE on port 6081 and keeps health checks on.
 *
 * GENEVE on 6081 is the only protocol and port a GWLB target group supports (ELB Gateway Load
 * Balancers guide, "Target groups for your Gateway Load Balancers"): anything else fails at
 * `pulumi up`, after the rest of the inspection VPC has been created; the policy says so in the
 * preview. Health checks are what takes a failed appliance out of the flow hash: with them off, the
 * GWLB keeps sending a share of every inspected flow to a dead appliance, which black-holes it. Health
 * checks probe HTTP, HTTPS or TCP (default TCP on port 80 for GENEVE target groups), not GENEVE.
 *
 * - Kind: stack policy (the GWLB -> listener -> target group link is a property dependency chain).
 *   Level: mandatory (topology: AWS rejects the protocol/port, and a target group without health
 *   checks fails open into a black hole; no team choice differs). Severity: medium.
 * - Controls: none (AWS guidance: centralised inspection).
 * - Preview: listener -> GWLB through `loadBalancerArn`, listener -> target group through
 *   `defaultActions`; `protocol`, `port` and `healthCheck` are known inputs (a computed one is not judged).
 */
export const gwlbTargetGroupGeneve: StackValidationPolicy = {
    name: "gwlb-target-group-geneve",
    description: "Gateway Load Balancer target groups use GENEVE on port 6081 with health checks enabled.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["topology", "aws-guidance:inspection"],
    remediationSteps:
        'Declare the target group with protocol: "GENEVE", port: 6081 and a healthCheck (HTTP, HTTPS or TCP) that is not disabled.',
    validateStack: onStack((g, report) => {
        const groups = new Set<PolicyResource>();
        for (const lb of gatewayLoadBalancers(g)) {
            gwlbTargetGroups(g, lb).forEach((tg) => groups.add(tg));
        }
        for (const tg of g.ofType(...TARGET_GROUP_TYPES)) {
            if (g.props(tg)["protocol"] === "GENEVE") {
                groups.add(tg);
            }
        }
        for (const tg of groups) {
            const p = g.props(tg);
            const protocol = str(p["protocol"]);
            const port = num(p["port"]);
            if (!isUnknown(protocol) && !isUnknown(port) && (protocol !== "GENEVE" || port !== GENEVE_PORT)) {
                report(
                    `Target group ${tg.name} of a Gateway Load Balancer uses ${protocol ?? "no protocol"} on port ${port ?? "none"}, which AWS rejects; use protocol GENEVE on port ${GENEVE_PORT}.`,
                    tg.urn,
                );
            }
            const hc = p["healthCheck"];
            if (!isRecord(hc)) {
                continue; // absent: AWS's default health check (TCP) is on
            }
            if (bool(hc["enabled"]) === false) {
                report(
                    `Target group ${tg.name} of a Gateway Load Balancer has health checks disabled, so flows keep going to failed appliances; remove healthCheck.enabled: false.`,
                    tg.urn,
                );
            }
            const hp = str(hc["protocol"]);
            if (typeof hp === "string" && !HEALTH_CHECK_PROTOCOLS.includes(hp.toUpperCase())) {
                report(
                    `Target group ${tg.name} of a Gateway Load Balancer health-checks over ${hp}, which GWLB does not support; use HTTP, HTTPS or TCP.`,
                    tg.urn,
                );
            }
        }
    }),
};
