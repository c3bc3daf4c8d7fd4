import type { StackValidationPolicy } from "@pulumi/policy";
import { onStack } from "../lib/policy";
import { T } from "../lib/types";

/**
 * `vpc-flow-logs-enabled`: every VPC in the stack has a flow log.
 *
 * - Kind: stack policy. A missing flow log is an absence, which a per-resource policy cannot see.
 * - Level: mandatory (security). Severity: medium.
 * - Controls: Security Hub EC2.6; CIS AWS Foundations v3.0.0 3.7; Checkov CKV2_AWS_11.
 * - Preview: a FlowLog is linked to its VPC through the `vpcId` property dependency, never by id.
 *   Security Hub accepts `REJECT` or `ALL` traffic; `ACCEPT`-only logs miss rejected traffic and fail.
 */
export const vpcFlowLogsEnabled: StackValidationPolicy = {
    name: "vpc-flow-logs-enabled",
    description: "Every VPC has a VPC flow log capturing rejected (or all) traffic.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["security", "aws-fsbp:EC2.6", "cis-aws-3.0.0:3.7", "checkov:CKV2_AWS_11"],
    remediationSteps: "Create an aws.ec2.FlowLog with vpcId set to the VPC and trafficType ALL or REJECT.",
    validateStack: onStack((g, report) => {
        const logs = g.ofType(T.flowLog);
        for (const vpc of g.vpcs()) {
            const mine = logs.filter((l) => g.dependsOn(l, "vpcId", vpc));
            if (mine.length === 0) {
                report(`VPC ${vpc.name} has no flow log; add an aws.ec2.FlowLog for it with trafficType ALL.`, vpc.urn);
                continue;
            }
            // A preview-unknown trafficType counts as fine; only a known ACCEPT-only log fails.
            if (mine.every((l) => g.props(l)["trafficType"] === "ACCEPT")) {
                report(`VPC ${vpc.name} only logs ACCEPT traffic; set trafficType to ALL or REJECT.`, vpc.urn);
            }
        }
    }),
};
