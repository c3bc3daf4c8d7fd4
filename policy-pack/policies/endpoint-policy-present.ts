import type { StackValidationPolicy } from "@pulumi/policy";
import { endpointType, parseAwsServiceName } from "../lib/aws";
import { AWS_FACTS } from "../lib/aws-facts";
import { configOf, onStack, schema } from "../lib/policy";
import { T } from "../lib/types";
import { str } from "../lib/values";

const VPC_ENDPOINT_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy";

export interface EndpointPolicyPresentConfig {
    /**
     * Short service names whose endpoints take no policy (AWS then allows full access). The program's
     * endpoint-service table says the same (`policy: "unsupported"`); the pack is self-contained, so
     * lib/aws-facts.ts holds a copy that a test compares with the program's table.
     * @default ["ssmmessages", "ec2messages", "ecs-agent", "ecs-telemetry"]
     */
    readonly servicesWithoutPolicySupport: string[];
}

/** Defaults: the pack's copy of the AWS facts (lib/aws-facts.ts, drift-tested against the program's table). */
export const ENDPOINT_POLICY_PRESENT_DEFAULTS: EndpointPolicyPresentConfig = {
    servicesWithoutPolicySupport: [...AWS_FACTS.services.servicesWithoutPolicySupport],
};

/**
 * `endpoint-policy-present`: every interface or gateway endpoint to an AWS service carries an endpoint
 * policy, inline (`policy`) or as a standalone `aws.ec2.VpcEndpointPolicy`, unless the service takes
 * none (configurable exemption list). Without one AWS attaches the full-access default policy.
 *
 * - Kind: stack policy (a standalone VpcEndpointPolicy is a separate resource; "no policy" is an absence).
 * - Level: mandatory (security). Severity: high.
 * - Controls: none in Security Hub / CIS / Checkov; AWS data perimeter guidance.
 * - Config: `servicesWithoutPolicySupport`.
 * - Preview: AWS service names are literal inputs; a present-but-unknown `policy` counts as present
 *   (its content is {@link endpointPolicyRestricted}'s job); VpcEndpointPolicy -> endpoint through the
 *   `vpcEndpointId` property dependency.
 */
export const endpointPolicyPresent: StackValidationPolicy = {
    name: "endpoint-policy-present",
    description: "Endpoints to AWS services carry an endpoint policy unless the service does not support one.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "aws-guidance:data-perimeter"],
    configSchema: schema({
        servicesWithoutPolicySupport: {
            type: "array",
            items: { type: "string" },
            default: ENDPOINT_POLICY_PRESENT_DEFAULTS.servicesWithoutPolicySupport,
            description: "Short service names (e.g. ssmmessages) whose endpoints cannot take a policy.",
        },
    }),
    remediationSteps:
        "Set the endpoint's policy (see aws-samples/data-perimeter-policy-examples) or exempt the service in the pack config.",
    validateStack: onStack((g, report, args) => {
        const { servicesWithoutPolicySupport } = configOf(args, ENDPOINT_POLICY_PRESENT_DEFAULTS);
        const standalone = g.ofType(VPC_ENDPOINT_POLICY);
        for (const ep of g.ofType(T.vpcEndpoint)) {
            const p = g.props(ep);
            const type = endpointType(p);
            const name = str(p["serviceName"]);
            const svc = typeof name === "string" ? parseAwsServiceName(name) : undefined;
            if (!svc || (type !== "Interface" && type !== "Gateway")) {
                continue;
            }
            if (servicesWithoutPolicySupport.includes(svc.service)) {
                continue;
            }
            const inline = "policy" in p && p["policy"] !== null && p["policy"] !== "";
            if (!inline && !standalone.some((s) => g.dependsOn(s, "vpcEndpointId", ep))) {
                report(
                    `Endpoint ${ep.name} (${String(name)}) has no endpoint policy, so AWS allows full access; set one (data-perimeter style) or, if the service takes none, add it to endpoint-policy-present.servicesWithoutPolicySupport in the pack config.`,
                    ep.urn,
                );
            }
        }
    }),
};
