/**
 * Which Route 53 Profile holds which zones and which VPCs associate with it (`dns.mode: profiles`).
 * Pure: no Pulumi import; components/network/dns-profiles.ts materialises the answer in loops.
 *
 * AWS facts that shape it:
 * - A Profile is regional: it is associated only with VPCs in its own Region, while the private hosted
 *   zones it holds are global (AWS News Blog, "Unify DNS management using Amazon Route 53 Profiles":
 *   "apply that configuration to multiple VPCs in the same AWS Region").
 *   https://aws.amazon.com/blogs/aws/unify-dns-management-using-amazon-route-53-profiles-with-multiple-vpcs-and-aws-accounts/
 * - A VPC has at most one Profile ("A VPC can have only one Profile associated with it", AssociateProfile).
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html
 *
 * So: one Profile per Region with spokes, holding every zone that Region's spokes resolve (the hub's
 * cross-region zones and the Region's own endpoint set), associated with those spokes. Every VPC of a
 * Profile sees all of its zones, so the spokes of one Region must ask for the same zones; a Region whose
 * spokes differ is reported (config validation refuses it before anything is planned). The VPCs that own
 * zones (the hub, a Region's endpoint VPC) keep their direct association from the zone's creation and are
 * not associated with a Profile: they would hold the same zone twice.
 */

/** The zones one spoke resolves, by zone key (the component name of the zone's owner and the service: `hub-ssm`). */
export interface SpokeZoneNeed {
    /** Spoke VPC name (`spoke-payments`). */
    readonly vpc: string;
    readonly region: string;
    /** Zone keys, in the order the spoke's associations would be created. */
    readonly zones: readonly string[];
}

/** One Region's Profile. */
export interface DnsProfilePlan {
    readonly region: string;
    /** Zone keys the Profile holds, in first-seen order. */
    readonly zones: readonly string[];
    /** VPC names associated with the Profile, in input order. */
    readonly vpcs: readonly string[];
}

/** A spoke whose zones differ from the first spoke of its Region. */
export interface DnsProfileConflict {
    readonly region: string;
    readonly vpc: string;
    /** The VPC the Region's Profile follows (its first spoke). */
    readonly firstVpc: string;
    /** Zones one of the two has and the other has not. */
    readonly differing: readonly string[];
}

export interface DnsProfilesPlan {
    /** Sorted by Region. */
    readonly profiles: readonly DnsProfilePlan[];
    readonly conflicts: readonly DnsProfileConflict[];
}

/** Groups the spokes' zone needs into one Profile per Region. */
export function planDnsProfiles(needs: readonly SpokeZoneNeed[]): DnsProfilesPlan {
    const byRegion = new Map<string, SpokeZoneNeed[]>();
    for (const n of needs) {
        byRegion.set(n.region, [...(byRegion.get(n.region) ?? []), n]);
    }
    const profiles: DnsProfilePlan[] = [];
    const conflicts: DnsProfileConflict[] = [];
    for (const region of [...byRegion.keys()].sort()) {
        const spokes = byRegion.get(region) ?? [];
        const first = spokes[0];
        const zones = [...first.zones];
        for (const s of spokes.slice(1)) {
            const mine = new Set(s.zones);
            const theirs = new Set(first.zones);
            const differing = [...first.zones.filter((z) => !mine.has(z)), ...s.zones.filter((z) => !theirs.has(z))];
            if (differing.length > 0) {
                conflicts.push({ region, vpc: s.vpc, firstVpc: first.vpc, differing });
            }
        }
        // A Profile with nothing to hold would cost its hourly price and answer nothing (no hub zone and
        // no endpoint set in the Region): the Region's spokes get no Profile.
        if (zones.length > 0) {
            profiles.push({ region, zones, vpcs: spokes.map((s) => s.vpc) });
        }
    }
    return { profiles, conflicts };
}

/**
 * What Route 53 Profiles accepts as the `Name` of a Profile, a Profile association and a resource
 * association: up to 64 letters, digits, `-`, `_`, `'` and spaces, not all digits (CreateProfile,
 * AssociateProfile, AssociateResourceToProfile: "Pattern: (?!^[0-9]+$)([a-zA-Z0-9\-_' ']+)").
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_CreateProfile.html
 */
export const PROFILES_NAME_PATTERN = /^(?!^[0-9]+$)([a-zA-Z0-9\-_' ']+)$/;

/**
 * `text` made a valid Route 53 Profiles name: every other character (a stack name's `.` or `/`) becomes
 * `-`, cut to 64; an all-digit result gets a `p-` prefix. Names already valid are kept as they are, so
 * no deployed Profile or association is renamed (a rename replaces it).
 */
export function profilesApiName(text: string): string {
    const clean = text.replace(/[^a-zA-Z0-9\-_' ]/g, "-").slice(0, 64);
    return PROFILES_NAME_PATTERN.test(clean) ? clean : `p-${clean}`.slice(0, 64);
}

/** The Profile's `name`: project, stack and Region (PROFILES_NAME_PATTERN). */
export function profileName(project: string, stack: string, region: string): string {
    return profilesApiName(`${project}-${stack}-${region}`);
}
