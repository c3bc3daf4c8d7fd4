/**
 * Monthly cost estimate from the captured graph and a dated price table (offline/prices.ts), with the
 * traffic assumptions of `landing-zone:traffic` (validated by the CLI with validateTraffic; not part of
 * the program's config). Counts come from the resources the program actually
 * registers (endpoints and their subnets, attachments, NLBs, fleets), not from the config.
 *
 * Also answers the question platform teams ask: what would the same interface endpoints cost if every
 * spoke had its own instead of sharing the hub's?
 */
import { LandingZoneConfig, TrafficAssumptions } from "../components/config/schema";
import { dnsModeOf } from "../components/config/dns";
import { dnsQuotaUse } from "../components/config/rules/dns";
import {
    GLOBAL_PRICES,
    hostedZonesMonthlyUsd,
    Price,
    REGION_PRICES,
    RegionPrices,
    ROUTE53_PROFILES,
    route53ProfilesHourlyUsd,
    TGW_PEERING,
} from "./prices";
import { COMPONENT_TYPES, T } from "../components/aws/types";
import { ResourceGraph, tagOf } from "./graph";
import { inspectionCost, InspectionCost, isApplianceFleet, isGatewayLoadBalancer } from "./cost-inspection";
import { planRoles } from "./network-model/from-plan";
import { CapturedResource } from "./types";

export interface CostLine {
    /** Component the line belongs to (hub, spoke-<name>, connectivity, endpoint-service, …). */
    readonly component: string;
    readonly item: string;
    readonly region: string;
    readonly quantity: number;
    readonly unit: string;
    readonly unitUsd: number;
    readonly monthlyUsd: number;
    /** Price source URL and read date. */
    readonly source: string;
}

export interface CostReport {
    readonly currency: "USD";
    readonly hoursPerMonth: number;
    readonly assumptions: TrafficAssumptions;
    readonly lines: readonly CostLine[];
    readonly byComponent: Readonly<Record<string, number>>;
    readonly totalMonthlyUsd: number;
    /** Centralised endpoints (this design) vs the same endpoint set in every spoke. */
    readonly comparison: {
        readonly centralisedUsd: number;
        readonly perSpokeUsd: number;
        readonly note: string;
    };
    /**
     * Per spoke Region with a regional endpoint set (components/network/regional-endpoints.ts): what its
     * region-bound clients (SSM Agent, CloudWatch agent, SDKs, ECR pulls) cost through the one shared
     * set vs the same endpoints in every spoke of the Region that uses it. Both serve that Region's APIs,
     * which the hub's endpoints do not. Empty without regional sets.
     */
    readonly regionalSets: readonly {
        readonly region: string;
        readonly endpoints: number;
        readonly spokes: number;
        readonly sharedUsd: number;
        readonly perSpokeUsd: number;
    }[];
    /** Centralised inspection (cost-inspection.ts): present only when the stack inspects. */
    readonly inspection?: InspectionCost;
    /** Regions for which no prices exist in the table (their lines are missing). */
    readonly unpricedRegions: readonly string[];
    /**
     * The DNS mode's advice, only when there is one: association mode with a hub zone at or above
     * DNS_ADVICE_PERCENT of `quotas.vpcsPerHostedZone` (switch to Profiles, at this cost), or Profiles
     * while associations would stay below it (they would be free). Absent otherwise.
     */
    readonly dns?: {
        readonly mode: "associations" | "profiles";
        /** VPCs of the fullest hub zone in association mode (the hub and every spoke). */
        readonly vpcsPerZone: number;
        readonly vpcsPerHostedZone: number;
        /** What the Profiles cost (or would cost) per month, every Region with spokes. */
        readonly profilesMonthlyUsd: number;
        readonly recommendation: string;
    };
}

/** Zone fill (percent of `quotas.vpcsPerHostedZone`) from which the plan recommends Route 53 Profiles: the pack's quota-headroom warning level. */
export const DNS_ADVICE_PERCENT = 80;

const round = (n: number) => Math.round(n * 100) / 100;

/** Top-level component a resource belongs to: hub, spoke-<name>, peering/tgw, svc-<name>, or global. */
function componentOf(r: CapturedResource, g: ResourceGraph): string {
    const ancestors = g.ancestors(r);
    const root = ancestors.findIndex((a) => a.type === COMPONENT_TYPES.landingZone);
    const last = (root < 0 ? ancestors : ancestors.slice(0, root)).pop();
    if (!last) {
        return "platform";
    }
    if (last.type.startsWith("landing-zone:connectivity:")) {
        return "connectivity";
    }
    return last.name;
}

export function estimateCost(resources: readonly CapturedResource[], config: LandingZoneConfig, traffic: TrafficAssumptions): CostReport {
    const g = new ResourceGraph(resources);
    const lines: CostLine[] = [];
    const hours = GLOBAL_PRICES.hoursPerMonth;
    const unpriced = new Set<string>();
    const t = traffic;
    const prices = (region: string): RegionPrices | undefined => {
        const p = REGION_PRICES[region];
        if (!p) {
            unpriced.add(region);
        }
        return p;
    };
    const add = (component: string, item: string, region: string, quantity: number, unit: string, price: Price) => {
        if (quantity <= 0) {
            return;
        }
        lines.push({
            component,
            item,
            region,
            quantity: round(quantity),
            unit,
            unitUsd: price.usd,
            monthlyUsd: round(quantity * price.usd),
            source: `${price.source} (read ${price.read})`,
        });
    };
    /** Cloud resources of one type, in capture order (components never cost anything). */
    const custom = (type: string) => g.ofType(type).filter((r) => r.custom);
    const vpcs = custom(T.vpc);
    const roleOf = planRoles(resources); // topology first, the role tag as a hint (as reachability)
    const spokes = vpcs.filter((r) => roleOf(r) === "spoke");

    // Interface endpoints: hourly per AZ (one ENI per subnet), plus data processed.
    const interfaceEndpoints = custom(T.vpcEndpoint).filter((r) => r.inputs.vpcEndpointType === "Interface");
    for (const ep of interfaceEndpoints) {
        const p = prices(ep.region);
        if (!p) {
            continue;
        }
        const azs =
            (ep.propertyDependencies.subnetIds ?? []).length || (Array.isArray(ep.inputs.subnetIds) ? ep.inputs.subnetIds.length : 1);
        const component = componentOf(ep, g);
        const isServiceConsumer =
            String(ep.inputs.serviceName ?? "").startsWith("com.amazonaws.vpce.") || (ep.propertyDependencies.serviceName ?? []).length > 0;
        add(
            component,
            isServiceConsumer
                ? `consumer endpoint ${ep.name} (${azs} AZ)`
                : `interface endpoint ${tagOf(ep, "landing-zone:service") ?? ep.name} (${azs} AZ)`,
            ep.region,
            azs * hours,
            "AZ-hour",
            p.interfaceEndpointAzHour,
        );
    }
    const hubEndpoints = interfaceEndpoints.filter((e) => componentOf(e, g) === "hub");
    // Regional endpoint sets: the endpoint VPC's own component (`endpoints-<region>`), tagged `endpoints`.
    const regionalVpcs = vpcs.filter((v) => tagOf(v, "landing-zone:role") === "endpoints");
    const regionalSets: CostReport["regionalSets"][number][] = [];
    for (const v of regionalVpcs) {
        const p = prices(v.region);
        const eps = interfaceEndpoints.filter((e) => g.dep(e, "vpcId")?.urn === v.urn);
        // The spokes that resolve one of its zones (ZoneAssociation of a zone created with this VPC).
        const served = new Set(
            custom(T.zoneAssociation)
                .filter((a) => {
                    const z = g.dep(a, "zoneId", T.zone);
                    return z !== undefined && g.dep(z, "vpcs", T.vpc)?.urn === v.urn;
                })
                .map((a) => g.dep(a, "vpcId", T.vpc)?.urn),
        );
        if (!p || eps.length === 0) {
            continue;
        }
        add(
            componentOf(v, g),
            "interface endpoint data processed",
            v.region,
            served.size * t.endpointGbPerSpoke,
            "GB",
            p.interfaceEndpointGb,
        );
        const azHours = eps.reduce((n, e) => n + ((e.propertyDependencies.subnetIds ?? []).length || 1) * hours, 0);
        let perSpoke = 0;
        for (const s of spokes.filter((x) => served.has(x.urn))) {
            const azs = g.referrers(T.subnet, "vpcId", s).filter((r) => r.custom && tagOf(r, "landing-zone:tier") === "endpoint").length;
            perSpoke += eps.length * azs * hours * p.interfaceEndpointAzHour.usd + t.endpointGbPerSpoke * p.interfaceEndpointGb.usd;
        }
        regionalSets.push({
            region: v.region,
            endpoints: eps.length,
            spokes: served.size,
            sharedUsd: round(azHours * p.interfaceEndpointAzHour.usd + served.size * t.endpointGbPerSpoke * p.interfaceEndpointGb.usd),
            perSpokeUsd: round(perSpoke),
        });
    }
    const hubRegion = config.hub.region;
    const hubP = prices(hubRegion);
    if (hubP && hubEndpoints.length > 0) {
        add("hub", "interface endpoint data processed", hubRegion, spokes.length * t.endpointGbPerSpoke, "GB", hubP.interfaceEndpointGb);
    }

    // Hosted zones: global, per month.
    const zones = custom(T.zone);
    if (zones.length > 0) {
        lines.push({
            component: "hub",
            item: "private hosted zones",
            region: "global",
            quantity: zones.length,
            unit: "zone-month",
            unitUsd: GLOBAL_PRICES.hostedZoneMonth.usd,
            // $0.50 each for the first 25 zones, $0.10 after.
            monthlyUsd: round(hostedZonesMonthlyUsd(zones.length)),
            source: `${GLOBAL_PRICES.hostedZoneMonth.source} (read ${GLOBAL_PRICES.hostedZoneMonth.read})`,
        });
    }

    // Route 53 Profiles (dns.mode: profiles): billed per account and Region, not per Profile; the hourly
    // charge covers 100 VPC associations of the Region, each one above is billed on top.
    const profileVpcs = new Map<string, number>();
    for (const a of custom(T.profilesAssociation)) {
        profileVpcs.set(a.region, (profileVpcs.get(a.region) ?? 0) + 1);
    }
    for (const p of custom(T.profilesProfile)) {
        profileVpcs.set(p.region, profileVpcs.get(p.region) ?? 0);
    }
    for (const [region, n] of [...profileVpcs].sort(([a], [b]) => a.localeCompare(b))) {
        add(
            "dns-profiles",
            `Route 53 Profiles (${n} VPC association${n === 1 ? "" : "s"}, first ${ROUTE53_PROFILES.includedAssociations} included)`,
            region,
            hours,
            "hour",
            ROUTE53_PROFILES.regionHour,
        );
        add(
            "dns-profiles",
            `Route 53 Profile associations above ${ROUTE53_PROFILES.includedAssociations}`,
            region,
            Math.max(n - ROUTE53_PROFILES.includedAssociations, 0) * hours,
            "association-hour",
            ROUTE53_PROFILES.additionalAssociationHour,
        );
    }

    // Transit gateways: attachments per hour, data processed where traffic enters a TGW from a VPC
    // (data arriving over a TGW peering is not processed again).
    for (const att of custom(T.tgwVpcAttachment)) {
        const p = prices(att.region);
        if (p) {
            add("connectivity", `TGW attachment ${att.name}`, att.region, hours, "hour", p.tgwAttachmentHour);
        }
    }
    // A TGW peering appears as an attachment on both gateways; AWS's pages do not say whether both
    // sides are billed, so the estimate takes the conservative reading (both), each at its region's rate.
    for (const acc of custom(T.tgwPeeringAttachmentAccepter)) {
        const peering = g.dep(acc, "transitGatewayAttachmentId");
        const sides = TGW_PEERING.billedSidesConservative === 2 ? [peering?.region, acc.region] : [peering?.region];
        for (const region of sides) {
            const p = region ? prices(region) : undefined;
            if (p && region) {
                add(
                    "connectivity",
                    `TGW peering attachment ${peering?.name ?? acc.name} (${region} side)`,
                    region,
                    hours,
                    "hour",
                    p.tgwAttachmentHour,
                );
            }
        }
    }
    const spokeTraffic = t.endpointGbPerSpoke + t.hubGbPerSpoke;
    if (config.connectivity.mode === "transit-gateway") {
        // Each spoke's traffic is processed by its own region's TGW; responses by the hub region's TGW.
        for (const s of spokes) {
            const p = prices(s.region);
            if (p) {
                add("connectivity", `TGW data processed (${s.name} -> hub)`, s.region, spokeTraffic / 2, "GB", p.tgwGb);
            }
            if (hubP) {
                add("connectivity", `TGW data processed (hub -> ${s.name})`, hubRegion, spokeTraffic / 2, "GB", hubP.tgwGb);
            }
        }
    }
    // Inter-region transfer: half the spoke's traffic leaves each side.
    for (const s of spokes) {
        if (s.region === hubRegion) {
            continue;
        }
        const ps = prices(s.region);
        if (ps) {
            add("connectivity", `inter-region transfer ${s.name} -> hub`, s.region, spokeTraffic / 2, "GB", ps.interRegionGb);
        }
        if (hubP) {
            add("connectivity", `inter-region transfer hub -> ${s.name}`, hubRegion, spokeTraffic / 2, "GB", hubP.interRegionGb);
        }
    }

    // Endpoint service: NLB, fleet, consumer data.
    for (const lb of custom(T.loadBalancer).filter((r) => !isGatewayLoadBalancer(r))) {
        const p = prices(lb.region);
        if (p) {
            const component = componentOf(lb, g);
            add(component, `NLB ${lb.name}`, lb.region, hours, "hour", p.nlbHour);
            add(component, `NLB capacity (1 NLCU assumed)`, lb.region, hours, "NLCU-hour", p.nlcuHour);
        }
    }
    for (const asg of custom(T.autoscalingGroup).filter((a) => !isApplianceFleet(g, a))) {
        const lt = g.deps(asg, "launchTemplate", T.launchTemplate).find((r) => r.custom);
        const type = String(lt?.inputs.instanceType ?? "");
        const p = prices(asg.region);
        const price = p?.ec2Hour[type];
        if (price) {
            add(
                componentOf(asg, g),
                `fleet ${Number(asg.inputs.desiredCapacity ?? 0)} x ${type}`,
                asg.region,
                Number(asg.inputs.desiredCapacity ?? 0) * hours,
                "instance-hour",
                price,
            );
        }
    }
    const consumers = interfaceEndpoints.filter((e) => g.dep(e, "serviceName", T.vpcEndpointService) !== undefined);
    for (const c of consumers) {
        const p = prices(c.region);
        if (p) {
            add(
                componentOf(c, g),
                `consumer endpoint data processed (${c.name})`,
                c.region,
                t.serviceGbPerConsumer,
                "GB",
                p.interfaceEndpointGb,
            );
        }
    }

    const inspection = inspectionCost({
        g,
        config,
        traffic: t,
        hours,
        spokes,
        componentOf: (r) => componentOf(r, g),
        add,
        unpriced: (region) => unpriced.add(region),
    });

    // Flow logs: CloudWatch ingestion per VPC.
    for (const v of vpcs) {
        const p = prices(v.region);
        if (p) {
            add(componentOf(v, g), `flow logs ingestion (${v.name})`, v.region, t.flowLogGbPerVpc, "GB", p.flowLogIngestGb);
        }
    }

    const byComponent: Record<string, number> = {};
    for (const l of lines) {
        byComponent[l.component] = round((byComponent[l.component] ?? 0) + l.monthlyUsd);
    }
    const total = round(lines.reduce((s, l) => s + l.monthlyUsd, 0));

    // Comparison: the hub's endpoint set in every spoke (with the spoke's AZ count) vs centralised.
    const centralised = round(
        lines
            .filter(
                (l) =>
                    (l.component === "hub" && (l.item.startsWith("interface endpoint") || l.item === "private hosted zones")) ||
                    l.component === "dns-profiles",
            )
            .reduce((s, l) => s + l.monthlyUsd, 0) +
            lines.filter((l) => l.component === "connectivity" && /(->|TGW data)/.test(l.item)).reduce((s, l) => s + l.monthlyUsd, 0) *
                (t.endpointGbPerSpoke / Math.max(spokeTraffic, 1)),
    );
    let perSpoke = 0;
    for (const s of spokes) {
        const p = REGION_PRICES[s.region];
        if (!p) {
            continue;
        }
        const azs = g.referrers(T.subnet, "vpcId", s).filter((r) => r.custom && tagOf(r, "landing-zone:tier") === "endpoint").length;
        perSpoke += hubEndpoints.length * azs * hours * p.interfaceEndpointAzHour.usd + t.endpointGbPerSpoke * p.interfaceEndpointGb.usd;
    }
    if (hubP) {
        perSpoke += hubEndpoints.length * config.hub.azCount * hours * hubP.interfaceEndpointAzHour.usd; // the hub still needs its own
    }
    return {
        currency: "USD",
        hoursPerMonth: hours,
        assumptions: t,
        lines,
        byComponent,
        totalMonthlyUsd: total,
        comparison: {
            centralisedUsd: centralised,
            perSpokeUsd: round(perSpoke),
            note:
                "centralised = hub endpoints + zones (+ Route 53 Profiles when dns.mode is profiles) + the share of transfer/TGW processing carried by endpoint traffic; " +
                "per-spoke = the same endpoint set in every spoke (its AZ count) plus the hub's own. Both serve the hub " +
                "Region's APIs (cross-region callers); each spoke Region's own APIs (region-bound clients) are served " +
                "by that Region's endpoint set, compared in regionalSets.",
        },
        regionalSets,
        ...(inspection ? { inspection } : {}),
        unpricedRegions: [...unpriced].sort(),
        ...dnsAdvice(config, hours),
    };
}

/** The `dns` field of the report: advice only near the association quota, or when Profiles are not needed. */
function dnsAdvice(config: LandingZoneConfig, hours: number): Pick<CostReport, "dns"> {
    const mode = dnsModeOf(config);
    const use = dnsQuotaUse(config.spokes);
    const quota = config.quotas.vpcsPerHostedZone;
    const profilesMonthlyUsd = round(
        Object.values(use.profileAssociationsByRegion).reduce((sum, n) => sum + route53ProfilesHourlyUsd(n) * hours, 0),
    );
    const near = use.vpcsPerZone * 100 >= quota * DNS_ADVICE_PERCENT;
    const base = { mode, vpcsPerZone: use.vpcsPerZone, vpcsPerHostedZone: quota, profilesMonthlyUsd };
    if (mode === "associations" && near) {
        return {
            dns: {
                ...base,
                recommendation:
                    `hub zones hold ${use.vpcsPerZone} of ${quota} VPC associations (quotas.vpcsPerHostedZone): set landing-zone:dns.mode to profiles ` +
                    `before the quota stops the next spoke (about $${profilesMonthlyUsd.toFixed(2)}/month for ${Object.keys(use.profileAssociationsByRegion).length} Region(s)), or ask AWS to raise the quota`,
            },
        };
    }
    if (mode === "profiles" && !near) {
        return {
            dns: {
                ...base,
                recommendation:
                    `Route 53 Profiles cost about $${profilesMonthlyUsd.toFixed(2)}/month here; zone associations would be free and hold ${use.vpcsPerZone} of ${quota} VPCs per zone ` +
                    `(dns.mode: associations), so Profiles pay off only near the quota or for their other features`,
            },
        };
    }
    return {};
}
