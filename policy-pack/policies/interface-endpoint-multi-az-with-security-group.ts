import type { ResourceValidationPolicy } from "@pulumi/policy";
import { endpointType } from "../lib/aws";
import { configOf, forTypes, schema } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { arr } from "../lib/values";

export interface InterfaceEndpointPlacementConfig {
    /** Minimum number of subnets (AWS allows one per AZ, so this is the AZ count). @default 2 */
    readonly minSubnets: number;
}

export const INTERFACE_ENDPOINT_PLACEMENT_DEFAULTS: InterfaceEndpointPlacementConfig = { minSubnets: 2 };

/**
 * `interface-endpoint-multi-az-with-security-group`: interface endpoints sit in at least two subnets
 * (an endpoint takes at most one subnet per AZ, so that is two AZs) and name their security groups.
 * Without `securityGroupIds` AWS attaches the VPC's default group, which the landing zone strips of
 * all rules: the endpoint would answer nobody.
 *
 * - Kind: resource policy. Level: mandatory (topology). Severity: medium.
 * - Controls: none direct in Security Hub / CIS; availability practice of the PrivateLink guide
 *   (cf. Security Hub ELB.13 for load balancers).
 * - Config: `minSubnets` (default 2).
 * - Preview: counts array elements, which are known even when each subnet id is not. If the whole
 *   list is computed (an `apply`), the check is deferred to `pulumi up`.
 */
export const interfaceEndpointMultiAzWithSecurityGroup: ResourceValidationPolicy = {
    name: "interface-endpoint-multi-az-with-security-group",
    description: "Interface VPC endpoints span at least two subnets (AZs) and name their security groups.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["topology", "aws-guidance:privatelink"],
    configSchema: schema({
        minSubnets: { type: "integer", minimum: 1, default: INTERFACE_ENDPOINT_PLACEMENT_DEFAULTS.minSubnets },
    }),
    remediationSteps: "Give the endpoint one subnet in each of at least two AZs and explicit securityGroupIds.",
    validateResource: forTypes([T.vpcEndpoint], ({ props, args, report }) => {
        const kind = endpointType(props);
        if (isUnknown(kind)) {
            deferToPreview(args.props, ["vpcEndpointType"]);
        }
        if (kind !== "Interface") {
            return;
        }
        const { minSubnets } = configOf(args, INTERFACE_ENDPOINT_PLACEMENT_DEFAULTS);
        const subnets = arr(props["subnetIds"]);
        const groups = arr(props["securityGroupIds"]);
        if (!isUnknown(groups) && (groups === undefined || groups.length === 0)) {
            report(
                "Interface endpoint has no securityGroupIds, so AWS attaches the VPC's default group; give it a dedicated security group admitting HTTPS.",
            );
        }
        if (isUnknown(subnets)) {
            deferToPreview(args.props, ["subnetIds"]);
        }
        const count = subnets?.length ?? 0;
        if (count < minSubnets) {
            report(
                `Interface endpoint is in ${count} subnet(s); at least ${minSubnets} (one per AZ) are required: add a subnet in another AZ.`,
            );
        }
        if (isUnknown(groups)) {
            deferToPreview(args.props, ["securityGroupIds"]);
        }
    }),
};
