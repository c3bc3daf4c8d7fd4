import type { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { bool } from "../lib/values";

/**
 * `endpoint-service-acceptance-required`: a VPC endpoint service (PrivateLink) requires manual
 * acceptance of connection requests (`acceptanceRequired: true`), so an allowed principal cannot
 * connect a VPC nobody reviewed. Connections of this stack's own consumers are accepted explicitly
 * with `aws.ec2.VpcEndpointConnectionAccepter`.
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: high.
 * - Controls: Checkov CKV_AWS_123.
 * - Preview: literal input; a computed value defers the check to `pulumi up`.
 */
export const endpointServiceAcceptanceRequired: ResourceValidationPolicy = {
    name: "endpoint-service-acceptance-required",
    description: "VPC endpoint services require acceptance of every connection request.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "checkov:CKV_AWS_123"],
    remediationSteps: "Set acceptanceRequired: true and accept known consumers with aws.ec2.VpcEndpointConnectionAccepter.",
    validateResource: forTypes([T.vpcEndpointService], ({ props, args, report }) => {
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
