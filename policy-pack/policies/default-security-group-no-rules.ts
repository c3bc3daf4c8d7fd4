import type { StackValidationPolicy } from "@pulumi/policy";
import { onStack } from "../lib/policy";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";

const RULE_TYPES = [T.ingressRule, T.egressRule, T.securityGroupRule];

/**
 * `default-security-group-no-rules`: every VPC adopts its default security group with no rules.
 *
 * AWS creates each VPC's default group with allow-all-from-itself ingress and allow-all egress;
 * adopting it as `aws.ec2.DefaultSecurityGroup` without `ingress`/`egress` makes the provider remove
 * those rules, so anything launched without an explicit group gets no traffic.
 *
 * - Kind: stack policy (a VPC without the adoption resource is an absence).
 * - Level: mandatory (security). Severity: high.
 * - Controls: Security Hub EC2.2; CIS AWS Foundations v3.0.0 5.4; Checkov CKV2_AWS_12.
 * - Preview: DefaultSecurityGroup -> Vpc and rule -> group through property dependencies. A standalone
 *   rule whose `securityGroupId` depends on a Vpc (its `defaultSecurityGroupId` output) also counts.
 */
export const defaultSecurityGroupNoRules: StackValidationPolicy = {
    name: "default-security-group-no-rules",
    description: "Every VPC adopts its default security group (aws.ec2.DefaultSecurityGroup) with no ingress or egress rules.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "aws-fsbp:EC2.2", "cis-aws-3.0.0:5.4", "checkov:CKV2_AWS_12"],
    remediationSteps: "Add aws.ec2.DefaultSecurityGroup({ vpcId }) with no ingress/egress and remove rules that target it.",
    validateStack: onStack((g, report) => {
        const defaults = g.ofType(T.defaultSecurityGroup);
        for (const vpc of g.vpcs()) {
            if (!defaults.some((d) => g.dependsOn(d, "vpcId", vpc))) {
                report(
                    `VPC ${vpc.name} does not adopt its default security group; add an aws.ec2.DefaultSecurityGroup with no rules for it.`,
                    vpc.urn,
                );
            }
        }
        for (const d of defaults) {
            const p = g.props(d);
            for (const dir of ["ingress", "egress"] as const) {
                const rules = p[dir];
                if (isUnknown(rules) || (Array.isArray(rules) && rules.length > 0)) {
                    report(
                        `Default security group ${d.name} declares ${dir} rules; remove them and put the rules in a dedicated security group.`,
                        d.urn,
                    );
                }
            }
        }
        for (const rule of g.ofType(...RULE_TYPES)) {
            const targets = g.deps(rule, "securityGroupId");
            const hit = targets.find((t) => t.type === T.defaultSecurityGroup || t.type === T.vpc);
            if (hit) {
                report(
                    `Security group rule ${rule.name} adds a rule to the default security group of ${hit.name}; attach it to a dedicated security group instead.`,
                    rule.urn,
                );
            }
        }
    }),
};
