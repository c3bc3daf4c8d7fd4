/**
 * Rules across the VPCs: AZ counts against each region's zones, spoke names, supernets (disjoint, one
 * per spoke region, holding its spokes), and disjoint CIDRs for every connected VPC.
 */
import { regionInfo } from "../../aws/regions";
import { contains, formatCidr, overlaps } from "../../planning/cidr";
import { NAMESPACE } from "../constants";
import { HubConfig } from "../units";
import { IndexedSpokes, nextFree, parsed, Push } from "./common";

export interface NetworkUnits {
    readonly hub: HubConfig | undefined;
    readonly spokes: IndexedSpokes;
    /** Supernet entries that parsed. */
    readonly supernets: Readonly<Record<string, string>>;
    /**
     * Regions the raw `supernets` map names (parsed or not), or undefined when it is not a map: a spoke
     * whose region's entry is present but broken must not get a second, misleading "no supernet".
     */
    readonly rawSupernetRegions: ReadonlySet<string> | undefined;
}

/**
 * Spoke-name prefix the regional endpoint sets use (`endpoints-<region>` VPCs, `peering-endpoints-<region>-<spoke>`).
 * "inspection" needs no reservation: the inspection VPC is `inspection` and a spoke's VPC is `spoke-<name>`,
 * and no resource is named after a bare spoke name and the inspection VPC alike.
 */
export const RESERVED_SPOKE_PREFIX = "endpoints-";

export function checkNetwork(u: NetworkUnits, push: Push): void {
    const { hub, spokes: indexed, supernets } = u;

    // AZ counts against the region's zones. A pinned VPC's count is its list's length (the unit schema
    // checks they agree), so the problem is reported on the list: that is what has too many entries.
    const checkAz = (
        base: string,
        vpc: { readonly region: string; readonly azCount: number; readonly availabilityZones?: readonly string[] },
    ) => {
        const info = regionInfo(vpc.region);
        if (!info || vpc.azCount <= info.zoneIds.length) {
            return;
        }
        if (vpc.availabilityZones !== undefined) {
            push(
                `${base}.availabilityZones`,
                `pins ${vpc.azCount} zones, but ${vpc.region} has ${info.zoneIds.length} AZs. Fix: list ${info.zoneIds.length} or fewer`,
            );
        } else {
            push(
                `${base}.azCount`,
                `${vpc.region} has ${info.zoneIds.length} AZs, ${vpc.azCount} requested. Fix: set it to ${info.zoneIds.length} or fewer`,
            );
        }
    };
    if (hub) {
        checkAz("hub", hub);
    }
    for (const { s, i } of indexed) {
        checkAz(`spokes[${i}]`, s);
    }

    // Duplicate spoke names, and a spoke named like the hub.
    const seen = new Map<string, number>();
    for (const { s, i } of indexed) {
        const first = seen.get(s.name);
        if (first !== undefined) {
            push(`spokes[${i}].name`, `duplicate spoke name "${s.name}" (also spokes[${first}]). Fix: give every spoke a unique name`);
        } else if (s.name === "hub") {
            push(`spokes[${i}].name`, `"hub" is reserved for the hub VPC. Fix: choose another name`);
        } else if (s.name.startsWith(RESERVED_SPOKE_PREFIX)) {
            // A spoke's hub peering is peering-<spoke>, a regional peering is peering-endpoints-<region>-<spoke>
            // (planning/routing-plan.ts, regionalPeeringKey): spoke "endpoints-eu-west-1-ab" would take the
            // URN of spoke "ab"'s peering with the eu-west-1 endpoint VPC, and the program fails on the duplicate.
            push(
                `spokes[${i}].name`,
                `"${s.name}" starts with "${RESERVED_SPOKE_PREFIX}", which is reserved for the regional endpoint VPCs and their peerings (peering-endpoints-<region>-<spoke>). Fix: choose a name that does not start with "${RESERVED_SPOKE_PREFIX}" (e.g. "${s.name.slice(RESERVED_SPOKE_PREFIX.length) || "shared"}-vpc")`,
            );
        } else {
            seen.set(s.name, i);
        }
    }

    // Supernets must not overlap each other.
    const superList = Object.entries(supernets).map(([region, c]) => ({ region, c: parsed(c) }));
    for (let a = 0; a < superList.length; a++) {
        for (let b = a + 1; b < superList.length; b++) {
            if (overlaps(superList[a].c, superList[b].c)) {
                push(
                    `supernets.${superList[b].region}`,
                    `${formatCidr(superList[b].c)} overlaps the ${superList[a].region} supernet ${formatCidr(superList[a].c)}. ` +
                        `Fix: give each region a disjoint aggregate so routes and rules can use one entry per region`,
                );
            }
        }
    }

    // Every spoke inside its region's supernet; report the next free block to make the fix easy.
    const missingReported = new Set<string>();
    for (const { s, i } of indexed) {
        const sup = supernets[s.region];
        const sc = parsed(s.cidr);
        if (sup === undefined) {
            if (u.rawSupernetRegions && !u.rawSupernetRegions.has(s.region) && !missingReported.has(s.region)) {
                missingReported.add(s.region);
                push(
                    `supernets.${s.region}`,
                    `spoke "${s.name}" is in ${s.region}, which has no supernet. Fix: add ${NAMESPACE}:supernets.${s.region}, ` +
                        `a block that holds all ${s.region} spokes (e.g. a /12)`,
                );
            }
        } else if (!contains(parsed(sup), sc)) {
            const hint = nextFree(parsed(sup), sc.prefix, indexed.map((x) => parsed(x.s.cidr)).concat(hub ? [parsed(hub.cidr)] : []));
            push(
                `spokes[${i}].cidr`,
                `${s.cidr} is outside the ${s.region} supernet ${sup}. Fix: use a block inside it` +
                    (hint ? ` (next free /${sc.prefix}: ${hint})` : ""),
            );
        }
    }

    // The hub must not overlap another region's supernet (its own region's supernet may hold it).
    if (hub) {
        const hc = parsed(hub.cidr);
        for (const { region, c } of superList) {
            if (region !== hub.region && overlaps(hc, c)) {
                push(
                    "hub.cidr",
                    `${hub.cidr} overlaps the ${region} supernet ${formatCidr(c)}. Fix: move the hub out of other regions' aggregates`,
                );
            }
        }
    }

    // No two connected VPCs may overlap: peering and TGW routing both require it.
    // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
    const vpcs = (hub ? [{ key: "hub.cidr", label: "the hub", c: parsed(hub.cidr) }] : []).concat(
        indexed.map(({ s, i }) => ({ key: `spokes[${i}].cidr`, label: `spoke "${s.name}"`, c: parsed(s.cidr) })),
    );
    for (let a = 0; a < vpcs.length; a++) {
        for (let b = a + 1; b < vpcs.length; b++) {
            if (overlaps(vpcs[a].c, vpcs[b].c)) {
                push(
                    vpcs[b].key,
                    `${formatCidr(vpcs[b].c)} overlaps ${vpcs[a].label} (${formatCidr(vpcs[a].c)}). Fix: connected VPCs need disjoint CIDRs`,
                );
            }
        }
    }
}
