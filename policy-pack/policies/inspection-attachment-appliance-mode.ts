import type { StackValidationPolicy } from "@pulumi/policy";
import { inspectionVpcs } from "../lib/inspection";
import { onStack } from "../lib/policy";
import { isUnknown } from "../lib/unknown";
import { str } from "../lib/values";

/**
 * `inspection-attachment-appliance-mode`: every transit gateway attachment of an inspection VPC (a VPC
 * holding GWLB endpoints or a VPC-attached Network Firewall, lib/inspection.ts) has
 * `applianceModeSupport: "enable"`.
 *
 * Without appliance mode a transit gateway keeps a flow in the AZ it entered from, so the two
 * directions of a flow between spokes in different AZs reach appliances (or firewall endpoints) in
 * different AZs; a stateful appliance that sees only one direction drops the other as an unknown flow.
 * Appliance mode makes the TGW pick one attachment ENI for the flow's lifetime (AWS Transit Gateway
 * guide, "Example: Appliance in a shared services VPC"; AWS Network Firewall Developer Guide,
 * "Transit gateway attachment configuration": "you must enable appliance mode on the transit gateway
 * VPC attachment for any VPC where Network Firewall endpoints reside").
 *
 * - Kind: stack policy. Level: mandatory (topology: without it inspected cross-AZ flows break).
 *   Severity: high.
 * - Controls: none (AWS guidance: centralised inspection).
 * - Preview: attachment -> VPC through `vpcId`, endpoint / firewall -> VPC through `vpcId`;
 *   `applianceModeSupport` and `vpcEndpointType` are known inputs. A computed flag is not judged.
 *   Network Firewalls attached natively to a TGW (`transitGatewayId`) have no VpcAttachment in the
 *   stack: AWS manages that attachment, and it is not checked here.
 */
export const inspectionAttachmentApplianceMode: StackValidationPolicy = {
    name: "inspection-attachment-appliance-mode",
    description: "Transit gateway attachments of the inspection VPC have appliance mode enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:inspection"],
    remediationSteps: 'Set applianceModeSupport: "enable" on the inspection VPC\'s aws.ec2transitgateway.VpcAttachment.',
    validateStack: onStack((g, report) => {
        for (const { vpc, attachments } of inspectionVpcs(g)) {
            for (const a of attachments) {
                const mode = str(g.props(a)["applianceModeSupport"]);
                if (mode === "enable" || isUnknown(mode)) {
                    continue; // enabled, or computed in this preview
                }
                report(
                    `Transit gateway attachment ${a.name} of inspection VPC ${vpc.name} has appliance mode ${mode ?? "off (unset)"}, so the two directions of a cross-AZ flow can reach different appliances; set applianceModeSupport: "enable".`,
                    a.urn,
                );
            }
        }
    }),
};
