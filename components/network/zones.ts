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
 *
 * The rule above still shifts later slots if an account stops *listing* a zone in the middle of the
 * list, and nothing in the rule remembers the zones a VPC was deployed with. A VPC may therefore pin
 * its zones (`availabilityZones` in its config, by name or AZ ID; components/config/availability-zones.ts):
 * slot i is then exactly pinned zone i, an ID is resolved to this account's name through the listed
 * zone IDs, and a pinned zone the account does not list fails the plan, naming the VPC, the key and the
 * zone. A pinned VPC never moves a slot, whatever else the account lists or stops listing.
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
    /**
     * The VPC's pin (`<configKey>.availabilityZones`): one zone name or AZ ID per slot, `azCount` long.
     * @default undefined: slots follow the account's zone names
     */
    readonly pinned?: readonly string[];
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

/** An AZ ID (`euw1-az2`); anything else in a pin is a zone name. Same test as the config's. */
const AZ_ID_RE = /^[a-z]{2,4}\d-az\d+$/;

const listing = (zones: readonly ListedZone[]) => (zones.length === 0 ? "none" : zones.map((z) => `${z.name} (${z.zoneId})`).join(", "));

/**
 * Assigns a zone to each slot: the pinned zones when the VPC has a pin, else by the rule above. Fails
 * (never shifts) when a pinned zone is not listed, or when the account lists too few zones.
 */
export function assignZoneSlots(req: ZoneSlotsRequest): ZoneSlotsResult {
    const byName = new Map<string, ListedZone>();
    for (const z of req.zones) {
        byName.set(z.name, z);
    }
    // DescribeAvailabilityZones lists zones by name, but the API does not promise an order: sort here.
    const zones = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const chosen = req.pinned === undefined ? byPosition(req, zones) : byPin(req, req.pinned, zones);
    if (!chosen.ok) {
        return chosen;
    }
    const slots = chosen.zones.map((z, slot) => ({ slot, name: z.name, zoneId: z.zoneId }));
    const warnings = chosen.zones
        .filter((z) => !z.available)
        .map(
            (z) =>
                `VPC "${req.vpc}": ${z.name} (${z.zoneId}) is not in state "available"; its slot keeps it (existing subnets stay where they are), ` +
                `but creating new subnets, endpoints or load balancer nodes there may fail until AWS clears the zone`,
        );
    return { ok: true, slots, warnings };
}

type Chosen = { readonly ok: true; readonly zones: readonly ListedZone[] } | { readonly ok: false; readonly message: string };

/** Slot i is pinned zone i, found by AZ ID or by name among the listed zones; never another zone. */
function byPin(req: ZoneSlotsRequest, pinned: readonly string[], zones: readonly ListedZone[]): Chosen {
    const key = `${req.configKey}.availabilityZones`;
    if (pinned.length !== req.azCount) {
        // The config schema rejects this; a direct caller of the component could still get here.
        return {
            ok: false,
            message: `VPC "${req.vpc}": ${key} pins ${pinned.length} zones but azCount is ${req.azCount}. Fix: list one zone per AZ slot`,
        };
    }
    const found: ListedZone[] = [];
    for (const [i, pin] of pinned.entries()) {
        const byId = AZ_ID_RE.test(pin);
        const z = zones.find((x) => (byId ? x.zoneId === pin : x.name === pin));
        if (z === undefined) {
            return {
                ok: false,
                message:
                    `VPC "${req.vpc}": ${key}[${i}] pins ${pin}, but this account does not list ${byId ? "that AZ ID" : "that zone"} without opt-in in ${req.region} ` +
                    `(it lists ${listing(zones)}). A pinned slot never moves to another zone: its subnets would be replaced, and each replacement collides with the old subnet's CIDR. ` +
                    `Fix: check that the credentials are those of the account the VPC was deployed in (zone names differ per account; AZ IDs do not). ` +
                    `If AWS has really withdrawn the zone from the account, slot ${i}'s subnets must be deleted before ${key}[${i}] can pin a listed zone ` +
                    `(see README, Design decisions: moving a pinned slot)`,
            };
        }
        const twice = found.findIndex((f) => f.name === z.name);
        if (twice >= 0) {
            return {
                ok: false,
                message:
                    `VPC "${req.vpc}": ${key}[${twice}] and ${key}[${i}] are the same zone in this account (${z.name}, ${z.zoneId}). ` +
                    `Fix: pin ${pinned.length} different zones`,
            };
        }
        found.push(z);
    }
    return { ok: true, zones: found };
}

/** Slot i is the i-th listed zone by name (the rule at the top of this file). */
function byPosition(req: ZoneSlotsRequest, zones: readonly ListedZone[]): Chosen {
    if (zones.length < req.azCount) {
        const seen = listing(zones);
        return {
            ok: false,
            message:
                `VPC "${req.vpc}": ${req.configKey}.azCount is ${req.azCount}, but this account lists ${zones.length} ` +
                `Availability Zone${zones.length === 1 ? "" : "s"} without opt-in in ${req.region}: ${seen}. ` +
                `AZ slots never move to another zone (a moved subnet is replaced, and the replacement collides with the old CIDR). ` +
                `Fix: set ${req.configKey}.azCount to ${zones.length} or fewer`,
        };
    }
    return { ok: true, zones: zones.slice(0, req.azCount) };
}
