import type { ResourceValidationPolicy } from "@pulumi/policy";
import { endpointTargetKind, endpointType } from "../lib/aws";
import { isUnconditionalFullAccess, parsePolicyDocument } from "../lib/iam";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";

const VPC_ENDPOINT_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy";

/**
 * `endpoint-policy-restricted`: an endpoint policy document (on `aws.ec2.VpcEndpoint` or a standalone
 * `aws.ec2.VpcEndpointPolicy`) has no statement that allows every action on every resource to any
 * principal without a condition: that is AWS's default full-access policy, which makes the endpoint a
 * path for any credentials, including other organisations'. Restrict by principal, organisation or
 * resource, as in aws-samples/data-perimeter-policy-examples.
 *
 * Whether a policy is present at all is {@link endpointPolicyPresent}'s job (an absence).
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: high.
 * - Controls: none in Security Hub / CIS / Checkov; AWS data perimeter guidance (network perimeter).
 * - Preview: the document is usually known (the account id comes from config or an invoke); a computed
 *   document defers the check to `pulumi up`. Endpoints to non-AWS services are skipped: AWS always
 *   grants them full access ("Control access to VPC endpoints using endpoint policies").
 */
export const endpointPolicyRestricted: ResourceValidationPolicy = {
    name: "endpoint-policy-restricted",
    description: "VPC endpoint policies never allow every action on every resource to any principal without a condition.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "aws-guidance:data-perimeter"],
    remediationSteps: "Add a Condition (aws:PrincipalAccount / aws:PrincipalOrgID / aws:ResourceOrgID) or name principals or resources.",
    validateResource: forTypes([T.vpcEndpoint, VPC_ENDPOINT_POLICY], ({ props, args, report }) => {
        if (args.type === T.vpcEndpoint) {
            const type = endpointType(props);
            if (endpointTargetKind(props) !== "aws" || (type !== "Interface" && type !== "Gateway")) {
                return;
            }
        }
        if (!("policy" in props)) {
            return;
        }
        const doc = props["policy"];
        if (isUnknown(doc)) {
            deferToPreview(args.props, ["policy"]);
        }
        const parsed = parsePolicyDocument(doc);
        if ("error" in parsed) {
            report(`Endpoint policy is ${parsed.error}; supply a valid IAM policy document (JSON).`);
            return;
        }
        parsed.statements.forEach((s, i) => {
            if (isUnconditionalFullAccess(s)) {
                report(
                    `Endpoint policy statement ${s.Sid ?? i} allows everything to everyone without a condition; restrict it by principal, organisation or resource (aws-samples/data-perimeter-policy-examples).`,
                );
            }
        });
    }),
};
