import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { endpointType, parseAwsServiceName } from "../lib/aws";
import { AWS_FACTS } from "../lib/aws-facts";
import { StackGraph } from "../lib/graph";
import { configOf, onStack, schema } from "../lib/policy";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { arr, Maybe, str } from "../lib/values";

export interface CrossRegionPrivatelinkConfig {
    /**
     * Short AWS service names (as in `com.amazonaws.<region>.<service>`; `iam`, `route53` for the
     * Region-less names) an interface endpoint may reach in another Region.
     * @default AWS_FACTS.services.crossRegionServices (the PrivateLink guide's list)
     */
    readonly crossRegionServices: readonly string[];
}

export const CROSS_REGION_PRIVATELINK_DEFAULTS: CrossRegionPrivatelinkConfig = {
    crossRegionServices: AWS_FACTS.services.crossRegionServices,
};

/** `com.amazonaws.vpce.<region>.vpce-svc-…`: an endpoint service named by a literal (another stack's). */
const ENDPOINT_SERVICE_NAME = /^com\.amazonaws\.vpce\.([a-z]{2}(?:-[a-z]+)+-\d+)\./;
/** `com.amazonaws.<service>` without a Region (IAM, Route 53). */
const GLOBAL_SERVICE_NAME = /^com\.amazonaws\.([a-z0-9-]+)$/;

/**
 * `cross-region-privatelink-consistent`: an interface endpoint names the Region of what it connects to,
 * and only where AWS connects across Regions.
 *
 * 1. **Endpoint service of this stack** (the endpoint's `serviceName` depends on an
 *    `aws.ec2.VpcEndpointService`): in another Region, the endpoint sets `serviceRegion` to the
 *    service's Region and the service lists the endpoint's Region in `supportedRegions`. Without
 *    `serviceRegion` CreateVpcEndpoint looks the service up in the endpoint's own Region and fails;
 *    without the consumer's Region in `supportedRegions` the provider does not offer the service there
 *    (PrivateLink guide, "Share your services through AWS PrivateLink", Cross-Region access:
 *    https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html).
 *    In the same Region the endpoint sets no `serviceRegion`, or its own Region, which is what AWS uses
 *    anyway: CreateVpcEndpoint documents `ServiceRegion` as "The Region where the service is hosted. The
 *    default is the current Region." (EC2 API reference, CreateVpcEndpoint:
 *    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html; the same text in
 *    @aws-sdk/client-ec2's CreateVpcEndpointRequest), and the provider's `serviceRegion` is Optional +
 *    Computed (node_modules/@pulumi/aws/ec2/vpcEndpoint.d.ts), so it reads the own Region back.
 * 2. **AWS service** (`com.amazonaws.<region>.<service>`): the Region in the name is the Region the
 *    endpoint connects to, its `serviceRegion` (own Region when unset); a Region other than the
 *    endpoint's is allowed only for the services AWS enables cross-Region (PrivateLink guide,
 *    "Cross-region enabled AWS services":
 *    https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html
 *    — S3, IAM, ECR, KMS, ECS, Lambda, Firehose, Managed Flink, Route 53). `iam` and `route53` have
 *    Region-less names and are only checked against the list. The same Region rule holds for an
 *    endpoint service named by a literal `com.amazonaws.vpce.<region>.…` (another stack's service).
 *
 * - Kind: stack policy (it follows the endpoint -> service dependency). Level: mandatory (topology).
 *   Severity: high: AWS refuses the endpoint at `pulumi up`, or it is created and never connects.
 * - Controls: none (AWS guidance: PrivateLink).
 * - Config: `crossRegionServices`.
 * - Preview: endpoint -> service through the `serviceName` property dependency (the service's name is
 *   unknown), Regions from each resource's `region` input or provider; `serviceRegion`,
 *   `supportedRegions` and AWS service names are known inputs. A `serviceRegion` or `supportedRegions`
 *   that is itself computed is not judged (nothing is known to compare).
 */
export const crossRegionPrivatelinkConsistent: StackValidationPolicy = {
    name: "cross-region-privatelink-consistent",
    description:
        "Interface endpoints set serviceRegion to the Region of a service in another Region (listed in its supportedRegions), none in the same Region, and only for cross-Region enabled AWS services.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:privatelink"],
    configSchema: schema({
        crossRegionServices: {
            type: "array",
            items: { type: "string" },
            default: [...CROSS_REGION_PRIVATELINK_DEFAULTS.crossRegionServices],
            description: "Short AWS service names an interface endpoint may reach in another Region",
        },
    }),
    remediationSteps:
        "List the consumer in landing-zone:endpointService.consumers (the components then set serviceRegion and supportedRegions), or give a hand-added endpoint serviceRegion = the service's Region and the service supportedRegions with the endpoint's Region.",
    validateStack: onStack((g, report, args) => {
        const { crossRegionServices } = configOf(args, CROSS_REGION_PRIVATELINK_DEFAULTS);
        const unlisted = new Set<string>(); // "<service urn> <region>" already reported
        for (const ep of g.ofType(T.vpcEndpoint)) {
            if (endpointType(g.props(ep)) !== "Interface") {
                continue;
            }
            const epRegion = g.region(ep);
            if (epRegion === undefined) {
                continue; // ambient provider: allowed-regions reports it
            }
            const serviceRegion = str(g.props(ep)["serviceRegion"]);
            const service = g.dep(ep, "serviceName", [T.vpcEndpointService]);
            if (service) {
                checkStackService(g, ep, epRegion, serviceRegion, service, report, unlisted);
                continue;
            }
            if (isUnknown(serviceRegion)) {
                continue;
            }
            const target = serviceRegion ?? epRegion;
            const name = str(g.props(ep)["serviceName"]);
            if (typeof name !== "string") {
                continue; // computed from outside this stack: nothing known to compare
            }
            const aws = parseAwsServiceName(name);
            const global = GLOBAL_SERVICE_NAME.exec(name);
            const literalService = ENDPOINT_SERVICE_NAME.exec(name);
            if (aws) {
                if (aws.region !== target) {
                    report(
                        serviceRegion === undefined
                            ? `Interface endpoint ${ep.name} in ${epRegion} names ${name} but sets no serviceRegion, so AWS looks for the service in ${epRegion}; set serviceRegion to ${aws.region} (cross-Region enabled services only) or use com.amazonaws.${epRegion}.${aws.service}.`
                            : `Interface endpoint ${ep.name} sets serviceRegion ${serviceRegion} but names ${name}; the service name's Region must be the serviceRegion, so use com.amazonaws.${serviceRegion}.${aws.service} or serviceRegion ${aws.region}.`,
                        ep.urn,
                    );
                } else if (target !== epRegion && !crossRegionServices.includes(aws.service)) {
                    report(
                        `Interface endpoint ${ep.name} in ${epRegion} reaches ${aws.service} in ${target}, which AWS does not enable across Regions; serve it from an endpoint in ${epRegion} (landing-zone:hub.interfaceEndpoints of a hub there) or reach the ${target} endpoint over peering or TGW without serviceRegion.`,
                        ep.urn,
                    );
                }
            } else if (global && target !== epRegion && !crossRegionServices.includes(global[1])) {
                report(
                    `Interface endpoint ${ep.name} sets serviceRegion ${target} for ${name}, which AWS does not enable across Regions; remove serviceRegion.`,
                    ep.urn,
                );
            } else if (literalService && literalService[1] !== target) {
                report(
                    `Interface endpoint ${ep.name} in ${epRegion} connects to ${name} in ${literalService[1]} with ${serviceRegion === undefined ? "no serviceRegion" : `serviceRegion ${serviceRegion}`}; set serviceRegion to ${literalService[1]}.`,
                    ep.urn,
                );
            }
        }
    }),
};

/** Rule 1: a consumer of an endpoint service of this stack. */
function checkStackService(
    g: StackGraph,
    ep: PolicyResource,
    epRegion: string,
    serviceRegion: Maybe<string>,
    service: PolicyResource,
    report: (message: string, urn: string) => void,
    unlisted: Set<string>,
): void {
    const svcRegion = g.region(service);
    if (svcRegion === undefined) {
        return;
    }
    if (svcRegion === epRegion) {
        if (typeof serviceRegion === "string" && serviceRegion !== epRegion) {
            report(
                `Interface endpoint ${ep.name} sets serviceRegion ${serviceRegion} but its endpoint service ${service.name} is in its own Region ${epRegion}; remove serviceRegion.`,
                ep.urn,
            );
        }
        return;
    }
    if (!isUnknown(serviceRegion) && serviceRegion !== svcRegion) {
        report(
            `Interface endpoint ${ep.name} in ${epRegion} connects to endpoint service ${service.name} in ${svcRegion} with ${serviceRegion === undefined ? "no serviceRegion" : `serviceRegion ${serviceRegion}`}; set serviceRegion to ${svcRegion} (the components do for every spoke in landing-zone:endpointService.consumers).`,
            ep.urn,
        );
    }
    const supported = arr(g.props(service)["supportedRegions"]);
    if (isUnknown(supported)) {
        return;
    }
    const key = `${service.urn} ${epRegion}`;
    if (!(supported ?? []).some((r) => r === epRegion) && !unlisted.has(key)) {
        unlisted.add(key); // once per (service, Region), however many consumers are there
        report(
            `Endpoint service ${service.name} (${svcRegion}) has consumer ${ep.name} in ${epRegion} but does not list ${epRegion} in supportedRegions; add it (the components do for every spoke in landing-zone:endpointService.consumers).`,
            service.urn,
        );
    }
}
