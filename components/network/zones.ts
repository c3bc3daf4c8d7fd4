/**
 * Which Availability Zone each AZ slot of a VPC uses. Pure: no Pulumi import, tested without mocks.
 *
 * Slot i of every tier (`planning/subnets.ts`) is the i-th zone, in name order, of the zones this
 * account lists for the region without opt-in, *whatever their state*. Why this rule and not another:
 *
 * - A subnet's `availabilityZone` and `availabilityZoneId` both force replacement in the provider
 *   (terraform-provider-aws `internal/service/ec2/vpc_subnet.go`: ForceNew, ConflictsWith each other),
 *   and a replacement subnet with the same CIDR is created before the old one is deleted, so it fails
 *   with `InvalidSubnet.Conflict`. A VPC's zones must therefore never change once deployed.
 * - Filtering on `state: "available"` (what this project did first) moves every later slot when one
 *   zone is impaired or constrained, and leaves the last slot without a zone when azCount equals the
 *   region's zone count. Zone states come and go; the list of zones an account sees does not.
 * - Pinning slot i to the i-th AZ ID of a fixed table would be stable across accounts, but it is not
 *   what deployed stacks were built with: AZ names map to AZ IDs independently per account in the
 *   oldest regions (eu-west-1, us-east-1, … for accounts created before November 2025), and name
 *   order need not follow ID order even where the mapping is uniform. Existing subnets would move.
 *   https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 * - Name order over every listed zone is exactly the old rule on the day every zone was available,
 *   so deployed stacks keep every subnet, and it no longer depends on today's zone states.
 *
 * The zone IDs of the chosen zones are reported beside the names: IDs, not names, identify a physical
 * zone across accounts (endpoint-service consumers match AZs by ID).
 */

/** One zone as `DescribeAvailabilityZones` lists it for this account (zones needing no opt-in only). */
export interface ListedZone {
    /** Zone name in this account, e.g. `eu-west-1a`. */
    readonly name: string;
    /** AZ ID, the same physical zone in every account, e.g. `euw1-az2`. */
    readonly zoneId: string;
    /** False when the zone's state is not `available` (impaired, constrained, information, unavailable). */
    readonly available: boolean;
}

/** What to assign zones for. */
export interface ZoneSlotsRequest {
    /** Name of the VPC, for messages (e.g. `spoke-payments`). */
    readonly vpc: string;
    /** Config path of the VPC's settings (e.g. `landing-zone:spokes[0]`); its `azCount` is named in errors. */
    readonly configKey: string;
    readonly region: string;
    /** Number of AZ slots the VPC uses. */
    readonly azCount: number;
    /** Every zone the account lists for the region without opt-in, in any state and any order. */
    readonly zones: readonly ListedZone[];
}

/** The zone of one slot. */
export interface ZoneSlot {
    readonly slot: number;
    readonly name: string;
    readonly zoneId: string;
}

export type ZoneSlotsResult =
    | { readonly ok: true; readonly slots: readonly ZoneSlot[]; readonly warnings: readonly string[] }
    | { readonly ok: false; readonly message: string };

/** Assigns a zone to each slot by the rule above; fails (never shifts) when the account lists too few zones. */
export function assignZoneSlots(req: ZoneSlotsRequest): ZoneSlotsResult {
    const byName = new Map<string, ListedZone>();
    for (const z of req.zones) {
        byName.set(z.name, z);
    }
    // DescribeAvailabilityZones lists zones by name, but the API does not promise an order: sort here.
    const zones = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (zones.length < req.azCount) {
        const seen = zones.length === 0 ? "none" : zones.map((z) => `${z.name} (${z.zoneId})`).join(", ");
        return {
            ok: false,
            message:
                `VPC "${req.vpc}": ${req.configKey}.azCount is ${req.azCount}, but this account lists ${zones.length} ` +
                `Availability Zone${zones.length === 1 ? "" : "s"} without opt-in in ${req.region}: ${seen}. ` +
                `AZ slots never move to another zone (a moved subnet is replaced, and the replacement collides with the old CIDR). ` +
                `Fix: set ${req.configKey}.azCount to ${zones.length} or fewer`,
        };
    }
    const slots = zones.slice(0, req.azCount).map((z, slot) => ({ slot, name: z.name, zoneId: z.zoneId }));
    const warnings = zones
        .slice(0, req.azCount)
        .filter((z) => !z.available)
        .map(
            (z) =>
                `VPC "${req.vpc}": ${z.name} (${z.zoneId}) is not in state "available"; its slot keeps it (existing subnets stay where they are), ` +
                `but creating new subnets, endpoints or load balancer nodes there may fail until AWS clears the zone`,
        );
    return { ok: true, slots, warnings };
}
