/**
 * Who connects to whom, and through which aggregates. Pure: computed from the validated config only.
 */
import { regionPosition } from "../aws/regions";
import { LandingZoneConfig, SpokeConfig } from "../config/schema";
import { planRegionalEndpoints, RegionalEndpointSetPlan } from "./regional-endpoints";

export interface RegionAggregate {
    readonly region: string;
    /** The region's supernet: one route / one rule covers every spoke of the region. */
    readonly cidr: string;
}

export interface TopologyPlan {
    /** Every region with at least one VPC, hub region first, then sorted. */
    readonly regions: readonly string[];
    readonly hubRegion: string;
    /** Regions that have spokes, with their supernet; sorted by region. */
    readonly spokeAggregates: readonly RegionAggregate[];
    /** Spokes grouped by region (sorted by region; spokes in config order). */
    readonly spokesByRegion: ReadonlyMap<string, readonly SpokeConfig[]>;
    /** Transit gateway ASN per region (transit-gateway mode). */
    readonly asns: Readonly<Record<string, number>>;
    /** For each spoke, the spokes it may reach directly (same TGW segment); empty in peering mode. */
    readonly segmentPeers: ReadonlyMap<string, readonly string[]>;
    /**
     * The endpoint set of each spoke region other than the hub's (planning/regional-endpoints.ts), sorted
     * by region: its VPC is connected to the region's spokes like a spoke.
     */
    readonly regionalEndpoints: readonly RegionalEndpointSetPlan[];
}

/**
 * Default Amazon-side ASN: 64512 + the region's position in the region table. Positions never move (rows
 * are only appended), so adding a region changes no existing transit gateway's ASN (a change replaces it).
 */
export function defaultAsn(region: string): number {
    const i = regionPosition(region);
    if (i < 0) {
        throw new Error(`no default ASN for unknown region ${region}`);
    }
    return 64512 + i;
}

export function planTopology(
    config: Pick<LandingZoneConfig, "hub" | "spokes" | "supernets" | "connectivity" | "regionalEndpoints">,
): TopologyPlan {
    const hubRegion = config.hub.region;
    const spokesByRegion = new Map<string, SpokeConfig[]>();
    for (const s of config.spokes) {
        const list = spokesByRegion.get(s.region) ?? [];
        list.push(s);
        spokesByRegion.set(s.region, list);
    }
    const spokeRegions = [...spokesByRegion.keys()].sort();
    const regions = [hubRegion, ...spokeRegions.filter((r) => r !== hubRegion)];
    const spokeAggregates = spokeRegions.map((region) => ({ region, cidr: config.supernets[region] }));

    const asns: Record<string, number> = {};
    for (const r of regions) {
        asns[r] = config.connectivity.asns[r] ?? defaultAsn(r);
    }

    const segmentPeers = new Map<string, string[]>();
    for (const s of config.spokes) {
        segmentPeers.set(s.name, []);
    }
    if (config.connectivity.mode === "transit-gateway") {
        for (const seg of config.connectivity.segments) {
            for (const a of seg.spokes) {
                segmentPeers.set(
                    a,
                    seg.spokes.filter((b) => b !== a),
                );
            }
        }
    }

    return {
        regions,
        hubRegion,
        spokeAggregates,
        spokesByRegion: new Map([...spokesByRegion.entries()].sort(([a], [b]) => a.localeCompare(b))),
        asns,
        segmentPeers,
        regionalEndpoints: planRegionalEndpoints(config),
    };
}

/** CloudWatch log group name for a VPC's flow logs: unique per stack, VPC and region. */
export function flowLogGroupName(project: string, stack: string, vpcName: string): string {
    return `/${project}/${stack}/vpc-flow-logs/${vpcName}`;
}

/** Prefix of every flow-log group name of a stack (the flow-log role may write below it). */
export function flowLogGroupPrefix(project: string, stack: string): string {
    return `/${project}/${stack}/vpc-flow-logs/`;
}
