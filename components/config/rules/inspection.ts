/**
 * Cross-field rules of `landing-zone:inspection` against the rest of the config (its schema, with
 * each field's doc and default, is components/config/inspection.ts).
 */
import { regionInfo } from "../../aws/regions";
import { formatCidr, overlaps } from "../../planning/cidr";
import { inspectedRouteTablesPerRegion, planInspection } from "../../planning/inspection";
import { planRouting, tgwRouteTablesPerRegion } from "../../planning/routing";
import { planTopology } from "../../planning/topology";
import { IndexedSpokes, parsed, Push } from "./common";
import type { ConnectivityConfig, HubConfig, QuotaConfig } from "../units";
import { inspectionSchema, type InspectedFlows, type InspectionConfig } from "../inspection";

/** The units the inspection rules read (each undefined when it failed to parse). */
export interface InspectionUnits {
    readonly hub: HubConfig;
    readonly connectivity: ConnectivityConfig;
    readonly spokes: IndexedSpokes;
    /** Supernet entries that parsed. */
    readonly supernets: Readonly<Record<string, string>>;
}

/**
 * What the cross-field rules read of the unit. A parsed InspectionConfig is one; when the unit failed to
 * parse (say, a bad health check), inspectionFacts still gives the fields that are valid on their own, so
 * the rules below report their problems together with the unit's.
 */
export interface InspectionFacts {
    readonly cidr?: string;
    readonly azCount?: number;
    readonly flows?: InspectedFlows;
}

/** The fields of a raw `inspection` value that parse on their own (problems are the unit's to report). */
export function inspectionFacts(raw: unknown): InspectionFacts {
    const obj: Record<string, unknown> = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    const shape = inspectionSchema.in.shape;
    const cidr = shape.cidr.safeParse(obj.cidr);
    const az = shape.azCount.safeParse(obj.azCount);
    const flows = shape.flows.safeParse(obj.flows);
    return {
        ...(cidr.success ? { cidr: cidr.data } : {}),
        ...(az.success ? { azCount: az.data } : {}),
        ...(flows.success ? { flows: flows.data } : {}),
    };
}

/**
 * Rules of `inspection` against the rest: transit-gateway mode only, a CIDR disjoint from every other
 * network, AZs the hub region has, flows the hub region's inspection VPC can actually see.
 */
export function checkInspection(ins: InspectionFacts, u: InspectionUnits, push: Push): void {
    if (u.connectivity.mode !== "transit-gateway") {
        // A VPC peering connection carries only traffic between its two VPCs: a packet from a spoke can
        // reach the hub over it but never a third VPC, so there is no hop where a middlebox could sit.
        // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
        push(
            "inspection",
            `needs connectivity.mode "transit-gateway" (the stack uses "${u.connectivity.mode}"): VPC peering is not transitive, a spoke's packets go straight to the hub ` +
                `over its own peering connection and can never pass through a third VPC, so there is no place for a middlebox. ` +
                `Fix: set landing-zone:connectivity.mode to "transit-gateway", or remove landing-zone:inspection`,
        );
    }

    const info = regionInfo(u.hub.region);
    if (info && ins.azCount !== undefined && ins.azCount > info.zoneIds.length) {
        push(
            "inspection.azCount",
            `the inspection VPC is in the hub region ${u.hub.region}, which has ${info.zoneIds.length} AZs; ${ins.azCount} requested. Fix: set it to ${info.zoneIds.length} or fewer`,
        );
    }

    // The inspection VPC's local route would capture traffic for an overlapping network after inspection,
    // instead of handing it back to the transit gateway.
    const others = [
        { label: "the hub", cidr: u.hub.cidr },
        ...u.spokes.map(({ s }) => ({ label: `spoke "${s.name}"`, cidr: s.cidr })),
        ...Object.entries(u.supernets).map(([region, cidr]) => ({ label: `the ${region} supernet`, cidr })),
    ];
    const ic = ins.cidr === undefined ? undefined : parsed(ins.cidr);
    const hit = ic ? others.filter((o) => overlaps(ic, parsed(o.cidr))) : [];
    if (hit.length > 0) {
        push(
            "inspection.cidr",
            `${ins.cidr} overlaps ${hit.map((o) => `${o.label} (${formatCidr(parsed(o.cidr))})`).join(" and ")}: after inspection that traffic would stay in the inspection VPC. ` +
                `Fix: give the inspection VPC a block outside the hub, the spokes and every supernet`,
        );
    }

    const flows = ins.flows;
    if (flows && !flows.spokeToHub && !flows.spokeToSpoke) {
        push(
            "inspection.flows",
            "inspects no flow (spokeToHub and spokeToSpoke are both false). Fix: set one of them to true, or remove landing-zone:inspection",
        );
    }

    // Two members of a segment in the same region other than the hub's talk through that region's
    // transit gateway only: their packets never reach the hub region's, where the inspection VPC is.
    if (flows?.spokeToSpoke && u.connectivity.mode === "transit-gateway") {
        const regionOf = new Map(u.spokes.map(({ s }) => [s.name, s.region]));
        for (const seg of u.connectivity.segments) {
            const perRegion = new Map<string, string[]>();
            for (const name of seg.spokes) {
                const r = regionOf.get(name);
                if (r !== undefined && r !== u.hub.region) {
                    perRegion.set(r, [...(perRegion.get(r) ?? []), name]);
                }
            }
            for (const [region, members] of perRegion) {
                if (members.length > 1) {
                    push(
                        "inspection.flows.spokeToSpoke",
                        `segment "${seg.name}" joins ${members.join(" and ")} in ${region}: their traffic stays on the ${region} transit gateway and never reaches the inspection VPC in ${u.hub.region}. ` +
                            `Fix: set inspection.flows.spokeToSpoke: false (their traffic is then not inspected), or keep at most one member of a segment per region outside ${u.hub.region}`,
                    );
                }
            }
        }
    }
}

/**
 * Route tables per transit gateway with inspection: the post-inspection table is one more in the hub
 * region, counted from the plans themselves (20 per TGW by default; the routing plan's own count is
 * checked by rules/routing-quotas.ts, so this reports only the table inspection adds).
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html
 *
 * Needs consistent inputs: call it only when no problem names the hub, spokes, supernets, connectivity
 * or inspection.
 */
export function checkInspectionQuotas(ins: InspectionConfig, u: InspectionUnits, q: QuotaConfig, push: Push): void {
    if (u.connectivity.mode !== "transit-gateway") {
        return;
    }
    const config = { hub: u.hub, spokes: u.spokes.map((x) => x.s), supernets: u.supernets, connectivity: u.connectivity, inspection: ins };
    const topology = planTopology(config);
    const routing = planRouting(config, topology);
    const before = tgwRouteTablesPerRegion(routing)[u.hub.region] ?? 0;
    const after = inspectedRouteTablesPerRegion(planInspection(config, topology, routing))[u.hub.region] ?? 0;
    if (before <= q.routeTablesPerTransitGateway && after > q.routeTablesPerTransitGateway) {
        push(
            "inspection",
            `the ${u.hub.region} transit gateway needs ${after} route tables with inspection (${before} plus the post-inspection table), ` +
                `over quotas.routeTablesPerTransitGateway (${q.routeTablesPerTransitGateway}). Fix: raise the quota with AWS and in config, or merge segments with members in ${u.hub.region}`,
        );
    }
}
