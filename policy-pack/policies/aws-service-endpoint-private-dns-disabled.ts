import type { ResourceValidationPolicy } from "@pulumi/policy";
import { endpointTargetKind, endpointType } from "../lib/aws";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { bool } from "../lib/values";

/**
 * `aws-service-endpoint-private-dns-disabled`: interface endpoints for AWS services
 * (`com.amazonaws.<region>.<service>`) keep `privateDnsEnabled` false.
 *
 * The landing zone centralises endpoints in the hub and publishes each service name through a Route 53
 * private hosted zone associated with every spoke. An endpoint's own private DNS only answers inside its
 * VPC, and AWS refuses to associate a private hosted zone with a VPC that already has an endpoint
 * private-DNS name of the same domain ("conflicting domain"), so private DNS on any AWS-service
 * endpoint breaks the pattern. Endpoints to endpoint services (`com.amazonaws.vpce.*`) are out of scope.
 *
 * - Kind: resource policy. Level: mandatory (topology). Severity: medium.
 * - Controls: none (design rule; AWS whitepaper "Building a scalable and secure multi-VPC network
 *   infrastructure", centralized access to VPC private endpoints).
 * - Preview: a computed `serviceName` is an endpoint service's output, never an AWS service name, so the
 *   policy does not apply; at `pulumi up` the name is known and checked. A computed flag defers.
 */
export const awsServiceEndpointPrivateDnsDisabled: ResourceValidationPolicy = {
    name: "aws-service-endpoint-private-dns-disabled",
    description: "Interface endpoints for AWS services have privateDnsEnabled false; names resolve through the hub's private hosted zones.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["topology", "aws-guidance:centralised-endpoints"],
    remediationSteps: "Set privateDnsEnabled: false and resolve the service name through the hub's private hosted zone.",
    validateResource: forTypes([T.vpcEndpoint], ({ props, args, report }) => {
        if (endpointType(props) !== "Interface" || endpointTargetKind(props) !== "aws") {
            return;
        }
        const dns = bool(props["privateDnsEnabled"]);
        if (isUnknown(dns)) {
            deferToPreview(args.props, ["privateDnsEnabled"]);
        }
        if (dns === true) {
            report(
                `Endpoint for ${String(props["serviceName"])} enables private DNS; set privateDnsEnabled: false and resolve the name through the hub's private hosted zone.`,
            );
        }
    }),
};
