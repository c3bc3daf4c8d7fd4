/**
 * Static facts about the AWS commercial regions this project supports.
 *
 * Used for validation before anything is registered (an AZ count larger than the region has, a region
 * name with a typo) and by the offline mocks to answer `ec2:getAvailabilityZones` the way AWS would.
 * At deploy time the program asks AWS for the zones of the account (components/network/zones.ts picks
 * the slots): AZ *names* map to AZ *IDs* independently per account in the oldest regions, and only the
 * IDs identify a physical zone across accounts. This table is therefore not used to pick zones.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 *
 * The AZ IDs below are the region's default-enabled zones (opt-in Local/Wavelength zones excluded).
 * Two regions have fewer zones for newer accounts (us-west-1 has two, ap-northeast-1 skips az3).
 * To support another region, APPEND a row (its name and AZ IDs): a region's position is its default
 * transit-gateway ASN (64512 + position), and a changed ASN replaces the transit gateway.
 */
export interface RegionInfo {
    /** Region name, e.g. `eu-west-2`. */
    readonly name: string;
    /** AZ IDs of the default-enabled zones, in order. */
    readonly zoneIds: readonly string[];
}

const table: readonly RegionInfo[] = [
    { name: "us-east-1", zoneIds: ["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6"] },
    { name: "us-east-2", zoneIds: ["use2-az1", "use2-az2", "use2-az3"] },
    { name: "us-west-1", zoneIds: ["usw1-az1", "usw1-az3"] },
    { name: "us-west-2", zoneIds: ["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"] },
    { name: "ca-central-1", zoneIds: ["cac1-az1", "cac1-az2", "cac1-az4"] },
    { name: "sa-east-1", zoneIds: ["sae1-az1", "sae1-az2", "sae1-az3"] },
    { name: "eu-west-1", zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"] },
    { name: "eu-west-2", zoneIds: ["euw2-az1", "euw2-az2", "euw2-az3"] },
    { name: "eu-west-3", zoneIds: ["euw3-az1", "euw3-az2", "euw3-az3"] },
    { name: "eu-central-1", zoneIds: ["euc1-az1", "euc1-az2", "euc1-az3"] },
    { name: "eu-central-2", zoneIds: ["euc2-az1", "euc2-az2", "euc2-az3"] },
    { name: "eu-north-1", zoneIds: ["eun1-az1", "eun1-az2", "eun1-az3"] },
    { name: "eu-south-1", zoneIds: ["eus1-az1", "eus1-az2", "eus1-az3"] },
    { name: "eu-south-2", zoneIds: ["eus2-az1", "eus2-az2", "eus2-az3"] },
    { name: "ap-south-1", zoneIds: ["aps1-az1", "aps1-az2", "aps1-az3"] },
    { name: "ap-southeast-1", zoneIds: ["apse1-az1", "apse1-az2", "apse1-az3"] },
    { name: "ap-southeast-2", zoneIds: ["apse2-az1", "apse2-az2", "apse2-az3"] },
    { name: "ap-northeast-1", zoneIds: ["apne1-az1", "apne1-az2", "apne1-az4"] },
    { name: "ap-northeast-2", zoneIds: ["apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4"] },
    { name: "me-central-1", zoneIds: ["mec1-az1", "mec1-az2", "mec1-az3"] },
    { name: "af-south-1", zoneIds: ["afs1-az1", "afs1-az2", "afs1-az3"] },
];

/** Supported regions, keyed by name. */
export const REGIONS: ReadonlyMap<string, RegionInfo> = new Map(table.map((r) => [r.name, r]));

/** Names of the supported regions, sorted. */
export const REGION_NAMES: readonly string[] = [...REGIONS.keys()].sort();

/** Position of a region in the table (append-only), or -1. */
export function regionPosition(region: string): number {
    return table.findIndex((r) => r.name === region);
}

/** Region info or undefined when the region is not in the table. */
export function regionInfo(region: string): RegionInfo | undefined {
    return REGIONS.get(region);
}

/**
 * The AZ names the offline mocks report, in the order `DescribeAvailabilityZones` lists them, the i-th
 * name mapped to the i-th AZ ID. Only the mocks use this: a real account's letter-to-ID mapping can
 * differ (independently mapped regions), and a uniform mapping need not follow ID order.
 */
export function zoneNames(region: string): string[] {
    const info = REGIONS.get(region);
    if (!info) {
        return [];
    }
    return info.zoneIds.map((_, i) => `${region}${String.fromCharCode(97 + i)}`);
}

/**
 * Services that are global: their resources are reported with region "global". Route 53 Profiles share
 * the `aws:route53/` module but are regional (a Profile serves VPCs of its own Region; its API is the
 * regional route53profiles endpoint), so they keep their provider's region.
 */
export function isGlobalResourceType(type: string): boolean {
    return type.startsWith("aws:iam/") || (type.startsWith("aws:route53/") && !type.startsWith("aws:route53/profiles"));
}
