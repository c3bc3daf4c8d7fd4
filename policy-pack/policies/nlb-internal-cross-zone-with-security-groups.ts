import type { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes } from "../lib/policy";
import { LOAD_BALANCER_TYPES } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { arr, bool, str } from "../lib/values";

/**
 * `nlb-internal-cross-zone-with-security-groups`: Network Load Balancers are internal, balance across
 * zones, span at least two AZs and have security groups.
 *
 * - `internal: true`: the landing zone publishes services over PrivateLink only.
 * - `enableCrossZoneLoadBalancing: true` (off by default for NLBs): a consumer endpoint in one AZ still
 *   reaches healthy targets in the others.
 * - Two or more `subnets`/`subnetMappings` (Security Hub ELB.13): same-region consumers can only use
 *   the AZs the NLB is in.
 * - `securityGroups` non-empty: an NLB created without a security group can never get one.
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: high.
 * - Controls: Security Hub ELB.13; Checkov CKV_AWS_152 (cross-zone).
 * - Preview: literal inputs; array lengths are known even when subnet/group ids are not. A computed
 *   value the verdict needs defers the check to `pulumi up`.
 */
export const nlbInternalCrossZoneWithSecurityGroups: ResourceValidationPolicy = {
    name: "nlb-internal-cross-zone-with-security-groups",
    description: "Network Load Balancers are internal, cross-zone, in two or more AZs and have security groups.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "aws-fsbp:ELB.13", "checkov:CKV_AWS_152"],
    remediationSteps: "Create the NLB with internal: true, enableCrossZoneLoadBalancing: true, subnets in 2+ AZs and securityGroups.",
    validateResource: forTypes(LOAD_BALANCER_TYPES, ({ props, args, report }) => {
        const type = str(props["loadBalancerType"]);
        if (isUnknown(type)) {
            deferToPreview(args.props, ["loadBalancerType"]);
        }
        if (type !== "network") {
            return;
        }
        const pending: string[] = [];
        const internal = bool(props["internal"]);
        if (isUnknown(internal)) {
            pending.push("internal");
        } else if (internal !== true) {
            report("Network Load Balancer is internet-facing; set internal: true.");
        }
        const crossZone = bool(props["enableCrossZoneLoadBalancing"]);
        if (isUnknown(crossZone)) {
            pending.push("enableCrossZoneLoadBalancing");
        } else if (crossZone !== true) {
            report("Network Load Balancer does not enable cross-zone load balancing; set enableCrossZoneLoadBalancing: true.");
        }
        const groups = arr(props["securityGroups"]);
        if (isUnknown(groups)) {
            pending.push("securityGroups");
        } else if (!groups || groups.length === 0) {
            report(
                "Network Load Balancer has no security groups, and one can never be added later; create it with securityGroups (replacing it if it exists).",
            );
        }
        const subnets = arr(props["subnets"]);
        const mappings = arr(props["subnetMappings"]);
        if (isUnknown(subnets) || isUnknown(mappings)) {
            pending.push(isUnknown(subnets) ? "subnets" : "subnetMappings");
        } else if ((subnets?.length ?? 0) + (mappings?.length ?? 0) < 2) {
            report("Network Load Balancer spans fewer than two subnets (AZs); give it a subnet in a second AZ.");
        }
        if (pending.length > 0) {
            deferToPreview(args.props, [pending[0]]);
        }
    }),
};
