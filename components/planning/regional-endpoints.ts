/**
 * Which Region gets an endpoint set, with what, and which spoke gets which of its zones. Pure (no Pulumi
 * import): computed from the validated config; components/network/regional-endpoints.ts materialises a
 * set in loops, the routing plan connects its VPC like a spoke, and the rules and the reachability model
 * read the same answer.
 *
 * Design (README, "Endpoints per Region"): one regional endpoint VPC per spoke Region other than the
 * hub's, holding that Region's interface endpoints with private DNS off and one private hosted zone per
 * service named for that Region (`ssm.eu-west-1.amazonaws.com`, …), created with the endpoint VPC itself
 * and associated with each spoke of the Region that asked — never with a VPC that did not (a complaint
 * against Landing Zone Accelerator, awslabs/landing-zone-accelerator-on-aws#827). The hub stays the
 * set of its own Region: hub-Region spokes' region-bound clients already call the hub's endpoints.
 */
import { lookupInterfaceService } from "../aws/endpoint-services";
import { LandingZoneConfig } from "../config/schema";
import { REGIONAL_ENDPOINT_DEFAULTS, RegionalEndpointSetConfig } from "../config/regional-endpoints";
import { formatCidr, parseCidr, subdivide } from "./cidr";

/** The VPC reference (and component name) of a Region's endpoint VPC: `endpoints-<region>`. */
export function regionalEndpointVpc(region: string): string {
    return `endpoints-${region}`;
}

/** One spoke's share of its Region's set: the services whose zones it is associated with. */
export interface RegionalSpokeZones {
    readonly spoke: string;
    /** Services of the set this spoke resolves (the set's services minus its opt-outs), in set order. */
    readonly services: readonly string[];
}

/** A Region's endpoint set, resolved. */
export interface RegionalEndpointSetPlan {
    readonly region: string;
    /** `endpoints-<region>`. */
    readonly vpc: string;
    readonly cidr: string;
    readonly azCount: number;
    /** Interface services, short names, in config order. */
    readonly services: readonly string[];
    /** Zone name per service that has one (DynamoDB has none). */
    readonly zoneNames: Readonly<Record<string, string>>;
    /** The Region's spokes, in config order, each with the zones it gets. */
    readonly spokes: readonly RegionalSpokeZones[];
}

/** The facts of the config the plan reads (a `LandingZoneConfig` satisfies it). */
export type RegionalEndpointsInput = Pick<LandingZoneConfig, "hub" | "spokes" | "supernets"> & {
    readonly regionalEndpoints?: LandingZoneConfig["regionalEndpoints"];
};

/** The default CIDR of a Region's endpoint VPC: the last /22 of its supernet (undefined without a usable supernet). */
export function defaultRegionalCidr(supernet: string | undefined): string | undefined {
    if (supernet === undefined) {
        return undefined;
    }
    const r = parseCidr(supernet);
    if (!r.ok || r.cidr.prefix > REGIONAL_ENDPOINT_DEFAULTS.cidrPrefix) {
        return undefined;
    }
    const count = 2 ** (REGIONAL_ENDPOINT_DEFAULTS.cidrPrefix - r.cidr.prefix);
    return formatCidr(subdivide(r.cidr, REGIONAL_ENDPOINT_DEFAULTS.cidrPrefix, count - 1));
}

/** The set config of a Region: its entry, or every default. */
export function regionalSetConfig(input: RegionalEndpointsInput, region: string): RegionalEndpointSetConfig {
    const entry = input.regionalEndpoints?.[region];
    return (
        entry ?? {
            enabled: true,
            azCount: REGIONAL_ENDPOINT_DEFAULTS.azCount,
            services: [...REGIONAL_ENDPOINT_DEFAULTS.services],
            optOut: {},
        }
    );
}

/**
 * Every enabled set, sorted by Region: one per Region with spokes other than the hub's, unless its
 * entry says `enabled: false`. A set with no spoke is never planned (validation refuses an entry for a
 * Region without spokes).
 */
export function planRegionalEndpoints(input: RegionalEndpointsInput): RegionalEndpointSetPlan[] {
    const regions = [...new Set(input.spokes.map((s) => s.region))].filter((r) => r !== input.hub.region).sort();
    const out: RegionalEndpointSetPlan[] = [];
    for (const region of regions) {
        const set = regionalSetConfig(input, region);
        if (!set.enabled) {
            continue;
        }
        const cidr = set.cidr ?? defaultRegionalCidr(input.supernets[region]);
        if (cidr === undefined) {
            throw new Error(
                `regional endpoints: ${region} has no cidr and no supernet to default it from (validation should have caught it)`,
            );
        }
        const zoneNames: Record<string, string> = {};
        for (const s of set.services) {
            const spec = lookupInterfaceService(s);
            if (spec && spec.hostedZone !== false) {
                zoneNames[s] = spec.zoneName(region);
            }
        }
        out.push({
            region,
            vpc: regionalEndpointVpc(region),
            cidr,
            azCount: set.azCount,
            services: [...set.services],
            zoneNames,
            spokes: input.spokes
                .filter((s) => s.region === region)
                .map((s) => {
                    const out = new Set(set.optOut[s.name] ?? []);
                    return { spoke: s.name, services: set.services.filter((x) => !out.has(x) && zoneNames[x] !== undefined) };
                }),
        });
    }
    return out;
}
