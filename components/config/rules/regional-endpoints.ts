/**
 * Rules of `regionalEndpoints` against the rest of the config: which Regions may have a set, its CIDR,
 * its services, the spokes' opt-outs, and the service dependencies (components/aws/service-dependencies.ts)
 * each spoke's share leaves unmet. A dependency is never left to chance: a configuration whose spoke
 * would resolve `ecr.dkr` of its Region with no S3 path there is refused here, with the key and the fix.
 */
import { lookupInterfaceService, INTERFACE_SERVICES } from "../../aws/endpoint-services";
import { regionInfo } from "../../aws/regions";
import { unmetDependencies } from "../../aws/service-dependencies";
import { contains, overlaps } from "../../planning/cidr";
import { defaultRegionalCidr, regionalSetConfig } from "../../planning/regional-endpoints";
import { MAX_VPC_PREFIX, MIN_VPC_PREFIX, usableAddresses } from "../../planning/subnets";
import { RegionalEndpointsConfig } from "../regional-endpoints";
import { ConnectivityMode, HubConfig, QuotaConfig } from "../units";
import { IndexedSpokes, parsed, Push } from "./common";

export interface RegionalEndpointUnits {
    readonly hub: HubConfig;
    readonly spokes: IndexedSpokes;
    readonly supernets: Readonly<Record<string, string>>;
    /** The unit as parsed; undefined = not set (every default). */
    readonly regionalEndpoints: RegionalEndpointsConfig | undefined;
    readonly quotas: QuotaConfig;
    /** Connectivity mode, when `connectivity` parsed. */
    readonly mode?: ConnectivityMode;
}

const KEY = "regionalEndpoints";

export function checkRegionalEndpoints(u: RegionalEndpointUnits, push: Push): void {
    const { hub, spokes, supernets } = u;
    const spokeRegions = new Set(spokes.map(({ s }) => s.region));
    const entries = u.regionalEndpoints ?? {};

    for (const [region, set] of Object.entries(entries)) {
        if (region === hub.region) {
            push(
                `${KEY}.${region}`,
                `${region} is the hub's Region: the hub's endpoints are its set (hub.interfaceEndpoints). Fix: remove the entry, or list the services in hub.interfaceEndpoints`,
            );
        } else if (!spokeRegions.has(region) && set.enabled) {
            // An endpoint VPC with nobody to serve costs its endpoints' hours for nothing.
            push(`${KEY}.${region}`, `no spoke is in ${region}. Fix: remove the entry (or set enabled: false) until a spoke is there`);
        }
    }

    const regions = [...spokeRegions].filter((r) => r !== hub.region).sort();
    const cidrs: { region: string; cidr: string }[] = [];
    for (const region of regions) {
        const set = regionalSetConfig({ hub, spokes: spokes.map((x) => x.s), supernets, regionalEndpoints: entries }, region);
        if (!set.enabled) {
            continue;
        }
        const base = `${KEY}.${region}`;
        const regionSpokes = spokes.filter(({ s }) => s.region === region);

        // CIDR: the configured one, or the last /22 of the supernet (no supernet: checkNetwork reports it).
        const cidr = set.cidr ?? defaultRegionalCidr(supernets[region]);
        if (cidr === undefined) {
            if (supernets[region] !== undefined) {
                push(
                    `${base}.cidr`,
                    `the ${region} supernet ${supernets[region]} is smaller than a /22: there is no default. Fix: set ${base}.cidr`,
                );
            }
        } else {
            checkCidr(u, region, cidr, set.cidr === undefined, cidrs, push);
            cidrs.push({ region, cidr });
        }

        // AZs of the Region.
        const info = regionInfo(region);
        if (info && set.azCount > info.zoneIds.length) {
            push(
                `${base}.azCount`,
                `${region} has ${info.zoneIds.length} AZs, ${set.azCount} requested. Fix: set it to ${info.zoneIds.length} or fewer`,
            );
        }

        // Services: known, once each, with a zone (a regional set exists to answer the Region's public names).
        const seen = new Set<string>();
        set.services.forEach((svc, i) => {
            const key = `${base}.services[${i}]`;
            const spec = lookupInterfaceService(svc);
            if (!spec) {
                push(
                    key,
                    `unknown interface endpoint service "${svc}". Fix: use one of ${Object.keys(INTERFACE_SERVICES).sort().join(", ")}`,
                );
                return;
            }
            if (spec.hostedZone === false) {
                push(
                    key,
                    `"${svc}" has no private DNS name, so a regional set cannot answer for it. Fix: drop it (the spokes' ${svc} gateway endpoint serves their Region)`,
                );
            }
            if (seen.has(svc)) {
                push(key, `"${svc}" is listed twice. Fix: list each service once`);
            }
            seen.add(svc);
        });
        if (set.services.length > u.quotas.interfaceEndpointsPerVpc) {
            push(
                `${base}.services`,
                `${set.services.length} interface endpoints exceed quotas.interfaceEndpointsPerVpc (${u.quotas.interfaceEndpointsPerVpc}). Fix: trim the list or raise the quota with AWS first`,
            );
        }
        if (cidr !== undefined) {
            const c = parsed(cidr);
            const usable = usableAddresses(c.prefix, "endpoint");
            if (c.prefix >= MIN_VPC_PREFIX && c.prefix <= MAX_VPC_PREFIX && set.services.length > usable) {
                push(
                    `${base}.cidr`,
                    `${cidr} gives endpoint subnets of ${usable} addresses, too few for ${set.services.length} endpoints. Fix: use a larger block`,
                );
            }
        }

        // Opt-outs: spokes of this Region, services of this set.
        const names = new Set(regionSpokes.map(({ s }) => s.name));
        for (const [spoke, out] of Object.entries(set.optOut)) {
            if (!names.has(spoke)) {
                push(
                    `${base}.optOut.${spoke}`,
                    `"${spoke}" is not a spoke in ${region}. Fix: use one of ${[...names].sort().join(", ") || "(none)"}, or remove the entry`,
                );
                continue;
            }
            out.forEach((svc, i) => {
                if (!seen.has(svc)) {
                    push(
                        `${base}.optOut.${spoke}[${i}]`,
                        `"${svc}" is not in ${base}.services. Fix: remove it (the spoke gets no zone for it anyway)`,
                    );
                }
            });
        }

        // Peering mode: the endpoint VPC peers with every spoke it serves and routes each one's CIDR
        // (a peering route cannot be aggregated). Transit-gateway mode: one attachment, one route.
        const served = regionSpokes.filter(({ s }) => set.services.some((x) => !(set.optOut[s.name] ?? []).includes(x))).length;
        if (u.mode === "peering") {
            if (served > u.quotas.peeringsPerVpc) {
                push(
                    base,
                    `the ${region} endpoint VPC would peer with ${served} spokes, over quotas.peeringsPerVpc (${u.quotas.peeringsPerVpc}). Fix: use connectivity.mode "transit-gateway" (one attachment), or raise the quota (up to 125) with AWS and in config`,
                );
            }
            if (served + 1 > u.quotas.routesPerRouteTable) {
                push(
                    base,
                    `each ${region} endpoint VPC route table needs ${served + 1} routes (one per spoke, the local route), over quotas.routesPerRouteTable (${u.quotas.routesPerRouteTable}). Fix: use connectivity.mode "transit-gateway" (one route per region), or raise the quota with AWS and in config`,
                );
            }
        }

        // Dependencies of each spoke's share, and the S3 zone against a spoke's free gateway path.
        for (const { s, i } of regionSpokes) {
            const optedOut = new Set(set.optOut[s.name] ?? []);
            const share = new Set(set.services.filter((x) => seen.has(x) && !optedOut.has(x)));
            const s3Gateway = s.gatewayEndpoints.includes("s3");
            if (share.has("s3") && s3Gateway) {
                // A zone named s3.<region>.amazonaws.com in a VPC of that Region overrides its S3 gateway
                // endpoint: every bucket call would pay the interface endpoint's per-GB charge.
                // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html
                push(
                    `${base}.optOut.${s.name}`,
                    `spoke "${s.name}" has an S3 gateway endpoint, and the set's s3 zone would override it (paid per GB instead of free). Fix: add s3 to ${base}.optOut.${s.name}, or drop s3 from spokes[${i}].gatewayEndpoints`,
                );
            }
            for (const d of unmetDependencies(region, { interfaceServices: share, s3Gateway })) {
                const fix =
                    d.missing === "s3"
                        ? `keep s3 in spokes[${i}].gatewayEndpoints (free, serves ${region} buckets), or add s3 to ${base}.services`
                        : optedOut.has(d.missing)
                          ? `remove ${d.missing} from ${base}.optOut.${s.name}, or opt out of ${d.service} too`
                          : `add ${d.missing} to ${base}.services`;
                push(
                    optedOut.has(d.missing) ? `${base}.optOut.${s.name}` : `${base}.services`,
                    `spoke "${s.name}" would resolve ${d.service} in ${region} without ${d.missing} there: ${d.why} (${d.source}). Fix: ${fix}`,
                );
            }
        }
    }
}

function checkCidr(
    u: RegionalEndpointUnits,
    region: string,
    cidr: string,
    defaulted: boolean,
    earlier: readonly { region: string; cidr: string }[],
    push: Push,
): void {
    const key = `${KEY}.${region}.cidr`;
    const c = parsed(cidr);
    const why = defaulted ? ` (the default: the last /22 of the ${region} supernet)` : "";
    const fix = defaulted ? `set ${key} to a free block, or move the spoke` : "pick a disjoint block";
    const hub = parsed(u.hub.cidr);
    if (overlaps(c, hub)) {
        push(key, `${cidr}${why} overlaps the hub (${u.hub.cidr}). Fix: ${fix}`);
    }
    for (const { s, i } of u.spokes) {
        if (overlaps(c, parsed(s.cidr))) {
            push(key, `${cidr}${why} overlaps spokes[${i}] "${s.name}" (${s.cidr}). Fix: ${fix}`);
        }
    }
    for (const [r, sn] of Object.entries(u.supernets)) {
        // Inside its own Region's supernet is the intended place; another Region's would be routed there.
        if (r !== region && overlaps(c, parsed(sn))) {
            push(key, `${cidr}${why} overlaps the ${r} supernet (${sn}). Fix: ${fix}`);
        }
    }
    for (const e of earlier) {
        if (overlaps(c, parsed(e.cidr))) {
            push(key, `${cidr}${why} overlaps the ${e.region} endpoint VPC (${e.cidr}). Fix: ${fix}`);
        }
    }
    const own = u.supernets[region];
    if (own !== undefined && !defaulted && !contains(parsed(own), c) && overlaps(parsed(own), c)) {
        push(key, `${cidr} straddles the ${region} supernet (${own}). Fix: a block inside it, or outside every supernet`);
    }
}
