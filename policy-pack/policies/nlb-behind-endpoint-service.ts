import type { StackValidationPolicy } from "@pulumi/policy";
import { onStack } from "../lib/policy";
import { LOAD_BALANCER_TYPES, T } from "../lib/types";

/**
 * `nlb-behind-endpoint-service`: every Network Load Balancer of the stack fronts a VPC endpoint
 * service. In the landing zone an NLB exists to publish a service over PrivateLink; one that no
 * endpoint service references is leftover cost or a service reachable by other means.
 *
 * - Kind: stack policy. Level: advisory (hygiene). Severity: low.
 * - Controls: none.
 * - Preview: service -> NLB through the `networkLoadBalancerArns` property dependency.
 */
export const nlbBehindEndpointService: StackValidationPolicy = {
    name: "nlb-behind-endpoint-service",
    description: "Every Network Load Balancer is published through a VPC endpoint service.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["hygiene"],
    remediationSteps: "Reference the NLB from an aws.ec2.VpcEndpointService, or remove it.",
    validateStack: onStack((g, report) => {
        const services = g.ofType(T.vpcEndpointService);
        for (const nlb of g.ofType(...LOAD_BALANCER_TYPES)) {
            if (g.props(nlb)["loadBalancerType"] !== "network") {
                continue;
            }
            if (!services.some((s) => g.dependsOn(s, "networkLoadBalancerArns", nlb))) {
                report(
                    `Network Load Balancer ${nlb.name} is not behind a VPC endpoint service; publish it through one or remove it.`,
                    nlb.urn,
                );
            }
        }
    }),
};
