/**
 * Rules of the hub unit: its interface endpoint names, the endpoint quota and the room its endpoint
 * subnets leave; and what an S3 interface endpoint beside the hub's S3 gateway needs (checkHubS3Zone).
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
    // "s3" beside the S3 gateway is allowed: the interface endpoint serves the spokes of other Regions
    // (components/planning/hub-s3-zone.ts), its zone never the hub; checkHubS3Zone checks what it needs.
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

/**
 * `s3` in `hub.interfaceEndpoints` while the hub keeps its S3 gateway: the interface endpoint is for the
 * spokes of other Regions (over peering or a transit gateway an S3 gateway endpoint is never usable, an
 * interface endpoint is: "AWS PrivateLink for Amazon S3", Amazon S3 User Guide,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html). Its zone is
 * associated with them only (the hub and hub-Region spokes with an S3 gateway keep the free path), and is
 * created with a regional endpoint VPC (planning/hub-s3-zone.ts, hubS3ZoneAnchor). So it needs a spoke
 * outside the hub's Region, and an enabled endpoint set in one such Region.
 */
export function checkHubS3Zone(
    input: {
        readonly hub: HubConfig;
        /** Each spoke's Region. */
        readonly spokeRegions: readonly string[];
        /** The regionalEndpoints entries that parsed (a Region without one gets an enabled set). @default undefined: none */
        readonly regionalEndpoints?: Readonly<Record<string, { readonly enabled: boolean }>>;
    },
    push: Push,
): void {
    const { hub } = input;
    if (!hub.interfaceEndpoints.map(shortServiceName).includes("s3") || !hub.gatewayEndpoints.includes("s3")) {
        return;
    }
    const remote = [...new Set(input.spokeRegions)].filter((r) => r !== hub.region).sort();
    if (remote.length === 0) {
        push(
            "hub.interfaceEndpoints",
            `"s3" beside the hub's S3 gateway serves only spokes outside ${hub.region} (the hub and ${hub.region} spokes keep their free S3 gateways, so its zone is never associated with them), and every spoke is in ${hub.region}: the endpoint would cost its hourly charge for no client. Fix: drop "s3" from hub.interfaceEndpoints, or drop it from hub.gatewayEndpoints to serve the hub through the interface endpoint`,
        );
        return;
    }
    const withSet = remote.filter((r) => input.regionalEndpoints?.[r]?.enabled ?? true);
    if (withSet.length === 0) {
        push(
            "hub.interfaceEndpoints",
            `"s3" beside the hub's S3 gateway: its zone s3.${hub.region}.amazonaws.com is created with a regional endpoint VPC (never the hub, whose gateway it would override), and the sets of ${remote.join(", ")} are all disabled. Fix: enable one (regionalEndpoints.${remote[0]}.enabled: true), or drop "s3" from hub.interfaceEndpoints`,
        );
    }
}
