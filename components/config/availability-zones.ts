/**
 * `availabilityZones`: the optional per-VPC pin of its AZ slots (`hub.availabilityZones`,
 * `spokes[i].availabilityZones`). Slot i of the VPC is exactly pinned zone i; the program fails instead
 * of shifting when the account does not list a pinned zone (components/network/zones.ts resolves it).
 *
 * A pin may name a zone by this account's name (`eu-west-1a`) or by AZ ID (`euw1-az1`):
 * - names are what subnets are created with (`availabilityZone`), and what a deployed stack's
 *   `availabilityZones` outputs list: copying them pins an existing stack with no change to any subnet;
 * - IDs name the same physical zone in every account (names are mapped per account in the oldest
 *   regions), so one pin can be shared by stacks in several accounts; each ID is resolved to this
 *   account's name through `getAvailabilityZones`' `zoneIds`, and the subnet still gets the name.
 * Within one account a name and its ID are two names of one zone (the account's own mapping), so
 * either form pins the same slots there.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 *
 * The rules here need only the unit's own fields (region, azCount, builder), so they run inside its
 * schema and report under `…availabilityZones[i]`.
 */
import { z } from "zod";
import { REGION_NAMES, regionInfo } from "../aws/regions";

/** An AZ ID (`euw1-az2`, `use1-az6`): the same physical zone in every account. Local/Wavelength zone IDs do not match. */
export const AZ_ID_RE = /^[a-z]{2,4}\d-az\d+$/;

/** True when a pin names an AZ by ID rather than by this account's name. */
export function isZoneId(pin: string): boolean {
    return AZ_ID_RE.test(pin);
}

/** A regular AZ name of `region` (`eu-west-1a`); Local Zones (`us-west-2-lax-1a`) need opt-in and do not match. */
function isZoneNameOf(region: string, pin: string): boolean {
    return pin.length === region.length + 1 && pin.startsWith(region) && /^[a-z]$/.test(pin.slice(-1));
}

/** The list itself: one entry per AZ slot, in slot order. */
export const zonePinList = z.array(z.string()).min(1, {
    error: "an empty list pins no zone. Fix: remove availabilityZones (slots then follow the account's zone names) or list one zone per AZ slot",
});

/** The unit fields the pin rules read. */
export interface ZonePinUnit {
    readonly region: string;
    /** As given: undefined when the user left it to default to the pin's length. */
    readonly azCount?: number;
    readonly availabilityZones?: readonly string[];
    /** Spokes only; `awsx` takes plain zone names. @default "aws" */
    readonly builder?: string;
}

/**
 * The pin rules, as a zod refinement of the unit: each entry a zone of the VPC's region (by name or
 * by ID), none twice, one per AZ slot, and names only for the awsx builder.
 */
export function checkZonePins(u: ZonePinUnit, ctx: z.RefinementCtx): void {
    const pins = u.availabilityZones;
    if (pins === undefined) {
        return;
    }
    const info = regionInfo(u.region);
    const seen = new Map<string, number>();
    pins.forEach((pin, i) => {
        const path = ["availabilityZones", i];
        const issue = (message: string) => ctx.addIssue({ code: "custom", path, message });
        const first = seen.get(pin);
        if (first !== undefined) {
            issue(`"${pin}" is listed twice (also availabilityZones[${first}]): two slots cannot share a zone. Fix: remove the duplicate`);
            return;
        }
        seen.set(pin, i);
        if (isZoneId(pin)) {
            if (info && !info.zoneIds.includes(pin)) {
                const owner = REGION_NAMES.find((r) => regionInfo(r)?.zoneIds.includes(pin));
                issue(
                    `"${pin}" is ${owner ? `an AZ ID of ${owner}` : "not a known AZ ID"}, but the VPC is in ${u.region}. ` +
                        `Fix: use one of ${u.region}'s AZ IDs (${info.zoneIds.join(", ")}) or its zone names`,
                );
            } else if (u.builder === "awsx") {
                // awsx.ec2.Vpc's availabilityZoneNames is a plain list, read before any AWS call could
                // resolve an ID to this account's name. (pulumi/pulumi-awsx awsx/ec2/vpc.ts)
                issue(
                    `"${pin}" is an AZ ID, but builder awsx takes zone names (awsx.ec2.Vpc availabilityZoneNames). ` +
                        `Fix: write this account's name of the zone (the VPC's availabilityZones output, or aws ec2 describe-availability-zones --zone-ids ${pin})`,
                );
            }
            return;
        }
        if (!isZoneNameOf(u.region, pin)) {
            const owner = REGION_NAMES.find((r) => isZoneNameOf(r, pin));
            issue(
                (owner ? `"${pin}" is a zone of ${owner}, but the VPC is in ${u.region}` : `"${pin}" is neither an AZ name nor an AZ ID`) +
                    `. Fix: use a zone of ${u.region} by name (e.g. ${u.region}a) or by AZ ID (e.g. ${info?.zoneIds[0] ?? "euw1-az1"})`,
            );
        }
    });
    if (u.azCount !== undefined && pins.length !== u.azCount) {
        ctx.addIssue({
            code: "custom",
            path: ["availabilityZones"],
            message:
                `pins ${pins.length} zone${pins.length === 1 ? "" : "s"}, but azCount is ${u.azCount}: slot i is pinned zone i. ` +
                `Fix: list exactly ${u.azCount} zones, or drop azCount (it defaults to the list's length)`,
        });
    }
}

/** The unit with azCount resolved: as given, else the pin's length, else `fallback`. */
export function resolveAzCount<T extends { readonly azCount?: number; readonly availabilityZones?: readonly string[] }>(
    u: T,
    fallback: number,
): Omit<T, "azCount"> & { azCount: number } {
    return { ...u, azCount: u.azCount ?? u.availabilityZones?.length ?? fallback };
}
