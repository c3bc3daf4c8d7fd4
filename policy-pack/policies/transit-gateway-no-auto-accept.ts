import type { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { str } from "../lib/values";

/**
 * `transit-gateway-no-auto-accept`: transit gateways do not automatically accept shared attachments
 * (`autoAcceptSharedAttachments` is `disable`, the provider default), so a VPC of another account
 * cannot join the network without review.
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: high.
 * - Controls: Security Hub EC2.23; Checkov CKV_AWS_331; AWS Control Tower CT.EC2.PR.6.
 * - Preview: literal input; a computed value defers the check to `pulumi up`.
 */
export const transitGatewayNoAutoAccept: ResourceValidationPolicy = {
    name: "transit-gateway-no-auto-accept",
    description: "Transit gateways do not automatically accept shared attachments.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "aws-fsbp:EC2.23", "checkov:CKV_AWS_331", "control-tower:CT.EC2.PR.6"],
    remediationSteps: 'Set autoAcceptSharedAttachments: "disable".',
    validateResource: forTypes([T.transitGateway], ({ props, args, report }) => {
        const v = str(props["autoAcceptSharedAttachments"]);
        if (isUnknown(v)) {
            deferToPreview(args.props, ["autoAcceptSharedAttachments"]);
        }
        if (v !== undefined && v !== "disable") {
            report(`Transit gateway sets autoAcceptSharedAttachments to "${v}"; set it to "disable" and accept attachments explicitly.`);
        }
    }),
};
