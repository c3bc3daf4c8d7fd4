/**
 * Rules of the `dns` unit: the association quota of each mode.
 *
 * - `associations`: every hub zone is associated with the hub (at creation) and with every spoke, so a
 *   hub zone holds 1 + spokes VPCs, against `quotas.vpcsPerHostedZone` (300 by default: Route 53
 *   quotas, "Number of Amazon VPCs that you can associate with a private hosted zone"). Past it the fix
 *   is `dns.mode: profiles` (AWS's recommendation at that scale) or a raised quota.
 * - `profiles`: each region's Profile is associated with that region's spokes (the hub keeps direct
 *   associations: it holds its own zones from creation), against `quotas.vpcsPerProfile` (1000 by
 *   default, adjustable; AssociateProfile API reference). A zone's Profile memberships do not count as
 *   VPC associations of the zone, which is why Profiles lift the 300 limit.
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html
 */
import { DnsMode } from "../dns";
import { QuotaConfig, RegionalEndpointsConfig } from "../units";
import { IndexedSpokes, Push } from "./common";

/** VPCs of each kind that count against each mode's quota. Pure, shared with the offline plan's recommendation. */
export interface DnsQuotaUse {
    /** Most VPCs associated with one zone in association mode (hub zones: the hub and every spoke). */
    readonly vpcsPerZone: number;
    /** Spokes per region: each one is a Profile association in profiles mode. */
    readonly profileAssociationsByRegion: Readonly<Record<string, number>>;
}

/** Counts what each mode would use for these spokes (the hub's own zones: 1 + every spoke). */
export function dnsQuotaUse(spokes: readonly { readonly region: string }[]): DnsQuotaUse {
    const byRegion: Record<string, number> = {};
    for (const s of spokes) {
        byRegion[s.region] = (byRegion[s.region] ?? 0) + 1;
    }
    return { vpcsPerZone: 1 + spokes.length, profileAssociationsByRegion: byRegion };
}

export function checkDnsQuotas(mode: DnsMode, spokes: IndexedSpokes, q: QuotaConfig, push: Push): void {
    const use = dnsQuotaUse(spokes.map(({ s }) => s));
    if (mode === "associations") {
        if (use.vpcsPerZone > q.vpcsPerHostedZone) {
            push(
                "spokes",
                `${spokes.length} spokes + the hub make ${use.vpcsPerZone} VPC associations per hub private hosted zone, over quotas.vpcsPerHostedZone (${q.vpcsPerHostedZone}). ` +
                    `Fix: set landing-zone:dns.mode to profiles (one Route 53 Profile per region holding the zones, up to quotas.vpcsPerProfile = ${q.vpcsPerProfile} VPCs each; about $0.75/hour per region), ` +
                    `or raise the quota with AWS and set quotas.vpcsPerHostedZone`,
            );
        }
        return;
    }
    for (const [region, n] of Object.entries(use.profileAssociationsByRegion).sort(([a], [b]) => a.localeCompare(b))) {
        if (n > q.vpcsPerProfile) {
            push(
                "spokes",
                `${n} spokes in ${region} exceed the ${q.vpcsPerProfile} VPC associations of one Route 53 Profile (quotas.vpcsPerProfile; a VPC takes one Profile, one Profile per region here). ` +
                    `Fix: raise the quota with AWS (Route 53 Profiles, VPC associations per Profile) and set quotas.vpcsPerProfile, or move spokes to another region`,
            );
        }
    }
}

/**
 * What one Profile per Region cannot express, refused in profiles mode:
 * - a per-spoke opt-out of a regional zone (`regionalEndpoints.<region>.optOut`): every VPC associated
 *   with a Profile resolves every zone it holds, so the spokes of one Region get the same zones;
 * - a spoke in another account than the network account: its VPC can be associated only with a Profile
 *   shared with its account through AWS RAM, which this program does not create.
 */
export function checkDnsModeFit(
    mode: DnsMode,
    input: {
        readonly spokes: IndexedSpokes;
        readonly regionalEndpoints?: RegionalEndpointsConfig;
        readonly networkAccount?: string;
    },
    push: Push,
): void {
    if (mode !== "profiles") {
        return;
    }
    for (const [region, set] of Object.entries(input.regionalEndpoints ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        for (const [spoke, services] of Object.entries(set.optOut ?? {})) {
            if (services.length > 0) {
                push(
                    `regionalEndpoints.${region}.optOut.${spoke}`,
                    `with dns.mode profiles every spoke of ${region} resolves every zone of the Region's one Route 53 Profile, so ${spoke} cannot opt out of ${services.join(", ")}. ` +
                        `Fix: remove the opt-out, or set landing-zone:dns.mode to associations (per-spoke zone associations)`,
                );
            }
        }
    }
    for (const { s, i } of input.spokes) {
        const account = s.account;
        if (account !== undefined && account !== input.networkAccount) {
            push(
                `spokes[${i}].account`,
                `spoke "${s.name}" is in account ${account}; a Route 53 Profile reaches another account's VPC only when shared with it through AWS RAM, which this program does not create. ` +
                    `Fix: set landing-zone:dns.mode to associations for multi-account stacks`,
            );
        }
    }
}
