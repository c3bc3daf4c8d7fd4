import type { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown, Props } from "../lib/unknown";
import { arr, bool } from "../lib/values";

/**
 * True for a service backed by Gateway Load Balancers only: `gatewayLoadBalancerArns` is set (a list,
 * known or computed) and `networkLoadBalancerArns` is not. A service has one kind or the other
 * (CreateVpcEndpointServiceConfiguration takes NetworkLoadBalancerArns or GatewayLoadBalancerArns).
 */
export function isGwlbService(props: Props): boolean {
    const gw = arr(props["gatewayLoadBalancerArns"]);
    const nlb = arr(props["networkLoadBalancerArns"]);
    return (isUnknown(gw) || (gw ?? []).length > 0) && !isUnknown(nlb) && (nlb ?? []).length === 0;
}

/**
 * `endpoint-service-acceptance-required`: a VPC endpoint service (PrivateLink) backed by a Network Load
 * Balancer requires manual acceptance of connection requests (`acceptanceRequired: true`), so an allowed
 * principal cannot connect a VPC nobody reviewed. Connections of this stack's own consumers are accepted
 * explicitly with `aws.ec2.VpcEndpointConnectionAccepter`.
 *
 * A service backed by a Gateway Load Balancer (the inspection service) is judged by
 * `gwlb-endpoint-service-network-account-only` instead, which is mandatory too, requires acceptance by
 * default and lets the pack config turn it off only together with its own check that every allowed
 * principal is the network account. AWS documents both combinations as access control — "grant
 * permissions to specific principals that you trust and automatically accept all connection requests,
 * or ... a wider group of principals and manually accept" (AWS PrivateLink guide, "Configure an
 * endpoint service", Manage permissions) — and when the only principal is the service's own account,
 * the one that would accept, acceptance reviews nothing: that account's endpoints can accept themselves
 * (`aws.ec2.VpcEndpoint` `autoAccept`, "the VPC endpoint and service need to be in the same AWS
 * account"). Requiring it here as well would force a stack that chose auto-accept to disable this
 * policy for its NLB service too.
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: high.
 * - Controls: Checkov CKV_AWS_123.
 * - Preview: literal input; a computed value defers the check to `pulumi up`. Which load balancers back
 *   the service is read from which list is set, known in a preview even when the ARNs are not.
 */
export const endpointServiceAcceptanceRequired: ResourceValidationPolicy = {
    name: "endpoint-service-acceptance-required",
    description:
        "VPC endpoint services backed by a Network Load Balancer require acceptance of every connection request; GWLB-backed ones are left to gwlb-endpoint-service-network-account-only.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "checkov:CKV_AWS_123"],
    remediationSteps: "Set acceptanceRequired: true and accept known consumers with aws.ec2.VpcEndpointConnectionAccepter.",
    validateResource: forTypes([T.vpcEndpointService], ({ props, args, report }) => {
        if (isGwlbService(props)) {
            return;
        }
        const v = bool(props["acceptanceRequired"]);
        if (isUnknown(v)) {
            deferToPreview(args.props, ["acceptanceRequired"]);
        }
        if (v !== true) {
            report(
                "Endpoint service does not require acceptance of connection requests; set acceptanceRequired: true and accept each consumer explicitly.",
            );
        }
    }),
};
