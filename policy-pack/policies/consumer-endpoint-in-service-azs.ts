import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { StackGraph } from "../lib/graph";
import { onStack } from "../lib/policy";
import { LOAD_BALANCER_TYPES, T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { str } from "../lib/values";

interface Az {
    readonly id?: string;
    readonly name?: string;
}

function azOf(g: StackGraph, subnet: PolicyResource): Az {
    const p = g.props(subnet);
    const id = str(p["availabilityZoneId"]);
    const name = str(p["availabilityZone"]);
    return { id: typeof id === "string" ? id : undefined, name: typeof name === "string" ? name : undefined };
}

/**
 * `consumer-endpoint-in-service-azs`: an interface endpoint to an endpoint service of this stack, in
 * the service's own region, sits only in AZs its Network Load Balancer serves. PrivateLink only offers
 * the service in the NLB's AZs; creating the endpoint in another AZ fails. Compared by AZ ID when both
 * sides know it (AZ names map to different physical zones per account), else by AZ name (same account).
 * Cross-region consumers (`serviceRegion`, or a different provider region) are exempt: AZ IDs are per
 * region and PrivateLink picks the service's zones itself.
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS PrivateLink guide: "Create an endpoint service", Availability Zones).
 * - Preview: endpoint -> service through the `serviceName` property dependency (the name itself is
 *   unknown), service -> NLB through `networkLoadBalancerArns`, NLB and endpoint -> subnets through
 *   `subnets`/`subnetMappings`/`subnetIds`; subnet AZs are known inputs. When the endpoint's
 *   `subnetIds` is computed as a whole (an `apply` that filters subnets), which subnets are used is
 *   unknown in a preview and the endpoint is not judged.
 */
export const consumerEndpointInServiceAzs: StackValidationPolicy = {
    name: "consumer-endpoint-in-service-azs",
    description: "Same-region consumer endpoints of an endpoint service use only AZs the service's NLB is in.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:privatelink"],
    remediationSteps: "Place the consumer endpoint only in subnets whose AZ ID the NLB serves, or add that AZ to the NLB.",
    validateStack: onStack((g, report) => {
        for (const ep of g.ofType(T.vpcEndpoint)) {
            const service = g.dep(ep, "serviceName", [T.vpcEndpointService]);
            if (!service) {
                continue;
            }
            const p = g.props(ep);
            const epRegion = g.region(ep);
            const serviceRegion = str(p["serviceRegion"]);
            if (
                isUnknown(serviceRegion) ||
                (typeof serviceRegion === "string" && serviceRegion !== epRegion) ||
                epRegion !== g.region(service)
            ) {
                continue;
            }
            if (!Array.isArray(p["subnetIds"])) {
                continue; // computed as a whole: the chosen subnets are unknown in a preview
            }
            const nlbs = g.deps(service, "networkLoadBalancerArns", LOAD_BALANCER_TYPES);
            const nlbSubnets = nlbs.flatMap((n) => [...g.deps(n, "subnets", [T.subnet]), ...g.deps(n, "subnetMappings", [T.subnet])]);
            if (nlbSubnets.length === 0) {
                continue;
            }
            const served = nlbSubnets.map((s) => azOf(g, s));
            for (const subnet of g.deps(ep, "subnetIds", [T.subnet])) {
                const az = azOf(g, subnet);
                const byId = az.id !== undefined && served.every((s) => s.id !== undefined);
                const byName = az.name !== undefined && served.every((s) => s.name !== undefined);
                const ok = byId ? served.some((s) => s.id === az.id) : byName ? served.some((s) => s.name === az.name) : true;
                if (!ok) {
                    report(
                        `Consumer endpoint ${ep.name} uses subnet ${subnet.name} in ${az.id ?? az.name}, which the NLB(s) ${nlbs.map((n) => n.name).join(", ")} of ${service.name} do not serve; use subnets in the NLB's AZs (matched by AZ ID) or add that AZ to the NLB.`,
                        ep.urn,
                    );
                }
            }
        }
    }),
};
