import type { StackValidationPolicy } from "@pulumi/policy";
import { configOf, onStack, schema } from "../lib/policy";
import { hubEndpoints, vpcsWithRole } from "../lib/roles";

export interface HubRequiredEndpointsConfig {
    /**
     * Short service names every hub must serve through an interface endpoint.
     * @default ["ec2", "ecr.api", "ecr.dkr", "ssm", "ssmmessages"]
     */
    readonly requiredEndpoints: string[];
}

export const HUB_REQUIRED_ENDPOINTS_DEFAULTS: HubRequiredEndpointsConfig = {
    requiredEndpoints: ["ec2", "ecr.api", "ecr.dkr", "ssm", "ssmmessages"],
};

/**
 * `hub-required-endpoints`: every hub VPC (from the topology or its `landing-zone:role` tag, lib/roles.ts) has an interface endpoint for
 * each required AWS service of its own region. Spokes have no NAT or internet gateway: a service
 * without a hub endpoint is unreachable from every spoke. The default list is what Security Hub asks
 * VPCs to have plus Session Manager's channel (`ssmmessages`).
 *
 * - Kind: stack policy (a missing endpoint is an absence). Level: mandatory (topology). Severity: medium.
 * - Controls: Security Hub EC2.10 (ec2), EC2.55 (ecr.api), EC2.56 (ecr.dkr), EC2.57 (ssm), served
 *   centrally to the spokes through the hub's zones.
 * - Config: `requiredEndpoints`.
 * - Preview: endpoint -> VPC through the `vpcId` property dependency; service names and tags are known.
 */
export const hubRequiredEndpoints: StackValidationPolicy = {
    name: "hub-required-endpoints",
    description: "Every hub VPC has interface endpoints for the required AWS services.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["topology", "aws-fsbp:EC2.10", "aws-fsbp:EC2.55", "aws-fsbp:EC2.56", "aws-fsbp:EC2.57"],
    configSchema: schema({
        requiredEndpoints: {
            type: "array",
            items: { type: "string" },
            default: HUB_REQUIRED_ENDPOINTS_DEFAULTS.requiredEndpoints,
            description: "Short service names (as in com.amazonaws.<region>.<service>) the hub must serve.",
        },
    }),
    remediationSteps: "Add the service to landing-zone:hub.interfaceEndpoints in the stack config.",
    validateStack: onStack((g, report, args) => {
        const { requiredEndpoints } = configOf(args, HUB_REQUIRED_ENDPOINTS_DEFAULTS);
        const endpoints = hubEndpoints(g);
        for (const hub of vpcsWithRole(g, "hub")) {
            const region = g.region(hub);
            const served = new Set(
                endpoints.filter((e) => e.vpc === hub && (region === undefined || e.region === region)).map((e) => e.service),
            );
            const missing = requiredEndpoints.filter((s) => !served.has(s));
            if (missing.length > 0) {
                report(
                    `Hub VPC ${hub.name} has no interface endpoint for: ${missing.join(", ")}; add them to landing-zone:hub.interfaceEndpoints in the stack config, or drop them from hub-required-endpoints.requiredEndpoints in the pack config.`,
                    hub.urn,
                );
            }
        }
    }),
};
