/**
 * Rules of the hub unit: its interface endpoint names, the S3 interface/gateway conflict, the endpoint
 * quota and the room its endpoint subnets leave.
 */
import { INTERFACE_SERVICES } from "../../aws/endpoint-services";
import { parseCidr } from "../../planning/cidr";
import { MAX_VPC_PREFIX, MIN_VPC_PREFIX, usableAddresses } from "../../planning/subnets";
import { FULL_SERVICE_NAME_RE, shortServiceName } from "../constants";
import { HubConfig, QuotaConfig } from "../units";
import { Push } from "./common";

/** `hub` as parsed (interface endpoint names not yet normalised to short names). */
export function checkHub(hub: HubConfig, quotas: QuotaConfig, push: Push): void {
    const seen = new Set<string>();
    hub.interfaceEndpoints.forEach((name, i) => {
        const key = `hub.interfaceEndpoints[${i}]`;
        const full = FULL_SERVICE_NAME_RE.exec(name);
        if (name.startsWith("com.amazonaws.") && !full) {
            push(
                key,
                `"${name}" is not an AWS service endpoint name. Fix: use com.amazonaws.<region>.<service> or the short name (e.g. ssm)`,
            );
            return;
        }
        if (full && full[1] !== hub.region) {
            push(
                key,
                `"${name}" is in ${full[1]}, but the hub is in ${hub.region}: a hub endpoint serves its own region's API. Fix: use com.amazonaws.${hub.region}.${full[2]} or the short name ${full[2]}`,
            );
            return;
        }
        const short = shortServiceName(name);
        if (!Object.prototype.hasOwnProperty.call(INTERFACE_SERVICES, short)) {
            push(
                key,
                `unknown interface endpoint service "${name}". Fix: use one of ${Object.keys(INTERFACE_SERVICES).sort().join(", ")} (or add it to components/aws/endpoint-services.ts with its private DNS name)`,
            );
            return;
        }
        if (seen.has(short)) {
            push(key, `"${short}" is listed twice. Fix: list each service once`);
        }
        seen.add(short);
    });
    if (seen.has("s3") && hub.gatewayEndpoints.includes("s3")) {
        // A private hosted zone for s3.<region>.amazonaws.com overrides the gateway endpoint for every VPC
        // of that region associated with it: both would cost money for one path.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html
        push(
            "hub.interfaceEndpoints",
            `"s3" as an interface endpoint overrides the hub's S3 gateway endpoint in ${hub.region}. Fix: drop "s3" from interfaceEndpoints (spokes in other regions cannot use it through the zone anyway without paying per GB) or drop it from gatewayEndpoints`,
        );
    }
    if (hub.interfaceEndpoints.length > quotas.interfaceEndpointsPerVpc) {
        push(
            "hub.interfaceEndpoints",
            `${hub.interfaceEndpoints.length} interface endpoints exceed quotas.interfaceEndpointsPerVpc (${quotas.interfaceEndpointsPerVpc}). Fix: trim the list or raise the quota with AWS first`,
        );
    }
    const hc = parseCidr(hub.cidr);
    if (hc.ok && hc.cidr.prefix >= MIN_VPC_PREFIX && hc.cidr.prefix <= MAX_VPC_PREFIX) {
        // Each interface endpoint takes one address in each endpoint subnet; keep room for an NLB.
        const usable = usableAddresses(hc.cidr.prefix, "endpoint");
        if (hub.interfaceEndpoints.length + 4 > usable) {
            push(
                "hub.cidr",
                `${hub.cidr} gives endpoint subnets of ${usable} usable addresses, too few for ${hub.interfaceEndpoints.length} endpoints. Fix: use a larger hub CIDR`,
            );
        }
    }
    const gw = new Set<string>();
    hub.gatewayEndpoints.forEach((g, i) => {
        if (gw.has(g)) {
            push(`hub.gatewayEndpoints[${i}]`, `"${g}" is listed twice. Fix: list it once`);
        }
        gw.add(g);
    });
}
