/**
 * The cost of centralised inspection, for the cost estimate (cost.ts): per component, from the resources
 * the program registers — the Gateway Load Balancer (hours, capacity units), its endpoints (hours, GB),
 * the appliance fleet, or the Network Firewall's endpoints (hours, GB) — plus the second transit gateway
 * pass every inspected byte makes, and the inspected volume from the traffic assumptions.
 *
 * Billing facts used:
 * - GWLB: per load balancer-hour plus GLCU-hours, a GLCU being the highest of its dimensions; for an
 *   inspection VPC, which sees every inspected byte, processed bytes dominate (prices.ts GLCU_DEFINITION).
 * - GWLB endpoint: per endpoint-hour (one endpoint is one AZ) plus per GB processed (AWS PrivateLink
 *   pricing, Gateway Load Balancer Endpoint).
 * - Network Firewall: per firewall endpoint-hour (one per mapped AZ) plus per GB processed (AWS Network
 *   Firewall pricing).
 * - Transit gateway: data processing is charged on the sending attachment (prices.ts TGW_PEERING), so a
 *   byte the inspection VPC hands back to the TGW is processed a second time, at the hub region's rate.
 */
import type { LandingZoneConfig, TrafficAssumptions } from "../components/config/schema";
import { T } from "../components/aws/types";
import { ResourceGraph } from "./graph";
import { GLCU_DEFINITION, INSPECTION_PRICES, InspectionPrices, Price, REGION_PRICES } from "./prices";
import { CapturedResource } from "./types";

const FIREWALL = "aws:networkfirewall/firewall:Firewall";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";

/** The `inspection` summary of the cost report, present only when the stack inspects. */
export interface InspectionCost {
    readonly engine: "gwlb" | "network-firewall";
    /** GB per month that pass inspection (both directions of the inspected spoke <-> hub traffic). */
    readonly inspectedGbPerMonth: number;
    readonly monthlyUsd: number;
    readonly note: string;
}

export interface InspectionCostContext {
    readonly g: ResourceGraph;
    readonly config: LandingZoneConfig;
    readonly traffic: TrafficAssumptions;
    readonly hours: number;
    /** The spoke VPCs (as cost.ts infers them). */
    readonly spokes: readonly CapturedResource[];
    readonly componentOf: (r: CapturedResource) => string;
    readonly add: (component: string, item: string, region: string, quantity: number, unit: string, price: Price) => void;
    /** Records a region without prices. */
    readonly unpriced: (region: string) => void;
}

/** True for an Auto Scaling group registered with a GENEVE (GWLB) target group: an appliance fleet. */
export function isApplianceFleet(g: ResourceGraph, asg: CapturedResource): boolean {
    return g.deps(asg, "targetGroupArns", TARGET_GROUP).some((tg) => tg.inputs.protocol === "GENEVE");
}

/** True for a Gateway Load Balancer (its hours are not NLB hours). */
export function isGatewayLoadBalancer(lb: CapturedResource): boolean {
    return lb.inputs.loadBalancerType === "gateway";
}

/**
 * Adds the inspection lines through `ctx.add` and returns the summary, or undefined when the stack has
 * no inspection resources.
 */
export function inspectionCost(ctx: InspectionCostContext): InspectionCost | undefined {
    const { g, config, traffic, hours, add } = ctx;
    const custom = (type: string) => g.ofType(type).filter((r) => r.custom);
    const gwlbs = [...custom(T.loadBalancer), ...custom(T.loadBalancerLegacy)].filter(isGatewayLoadBalancer);
    const gwlbEndpoints = custom(T.vpcEndpoint).filter((e) => e.inputs.vpcEndpointType === "GatewayLoadBalancer");
    const firewalls = custom(FIREWALL);
    if (gwlbs.length + gwlbEndpoints.length + firewalls.length === 0) {
        return undefined;
    }
    const prices = (region: string): InspectionPrices | undefined => {
        const p = INSPECTION_PRICES[region];
        if (!p) {
            ctx.unpriced(region);
        }
        return p;
    };
    const hubRegion = config.hub.region;
    // Inspected volume: each spoke's traffic with the hub, when its flow is inspected (a stack without
    // the config unit, e.g. inspection resources added by hand, is taken to inspect all of it).
    const flows = config.inspection?.flows ?? { spokeToHub: true, spokeToSpoke: true, interRegion: true };
    const perSpoke = traffic.endpointGbPerSpoke + traffic.hubGbPerSpoke;
    const inspectedGb = flows.spokeToHub ? ctx.spokes.filter((s) => s.region === hubRegion || flows.interRegion).length * perSpoke : 0;
    const lines: { component: string; usd: number }[] = [];
    const track = (component: string, item: string, region: string, quantity: number, unit: string, price: Price) => {
        if (quantity > 0) {
            lines.push({ component, usd: quantity * price.usd });
        }
        add(component, item, region, quantity, unit, price);
    };

    for (const lb of gwlbs) {
        const p = prices(lb.region);
        if (p) {
            const component = ctx.componentOf(lb);
            track(component, `Gateway Load Balancer ${lb.name}`, lb.region, hours, "hour", p.gwlbHour);
            track(
                component,
                `GWLB capacity (${inspectedGb} GB/month inspected, ${p.gbPerGlcuHour} GB per GLCU-hour)`,
                lb.region,
                inspectedGb / p.gbPerGlcuHour,
                "GLCU-hour",
                p.glcuHour,
            );
        }
    }
    for (const ep of gwlbEndpoints) {
        const p = prices(ep.region);
        if (p) {
            track(ctx.componentOf(ep), `GWLB endpoint ${ep.name} (1 AZ)`, ep.region, hours, "endpoint-hour", p.gwlbEndpointHour);
        }
    }
    const firstEndpoint = gwlbEndpoints[0];
    const epPrices = firstEndpoint ? prices(firstEndpoint.region) : undefined;
    if (firstEndpoint && epPrices) {
        // Each inspected byte passes one endpoint of its flow's AZ (appliance mode keeps both directions there).
        track(
            ctx.componentOf(firstEndpoint),
            "GWLB endpoint data processed",
            firstEndpoint.region,
            inspectedGb,
            "GB",
            epPrices.gwlbEndpointGb,
        );
    }
    for (const asg of custom(T.autoscalingGroup).filter((a) => isApplianceFleet(g, a))) {
        const lt = g.deps(asg, "launchTemplate", T.launchTemplate).find((r) => r.custom);
        const type = String(lt?.inputs.instanceType ?? "");
        const count = Number(asg.inputs.desiredCapacity ?? 0);
        const price = prices(asg.region)?.applianceHour[type] ?? REGION_PRICES[asg.region]?.ec2Hour[type];
        if (price) {
            track(ctx.componentOf(asg), `appliance fleet ${count} x ${type}`, asg.region, count * hours, "instance-hour", price);
        }
    }
    for (const fw of firewalls) {
        const p = prices(fw.region);
        if (!p) {
            continue;
        }
        const component = ctx.componentOf(fw);
        const azs = Array.isArray(fw.inputs.subnetMappings) ? fw.inputs.subnetMappings.length : 0;
        track(
            component,
            `Network Firewall ${fw.name} endpoints (${azs} AZ)`,
            fw.region,
            azs * hours,
            "endpoint-hour",
            p.firewallEndpointHour,
        );
        track(component, `Network Firewall ${fw.name} traffic processed`, fw.region, inspectedGb, "GB", p.firewallGb);
    }
    // The second TGW pass: the inspection attachment sends every inspected byte back into the TGW.
    const attachment = custom(T.tgwVpcAttachment).find((a) => a.inputs.applianceModeSupport === "enable");
    const tgwP = attachment ? REGION_PRICES[attachment.region] : undefined;
    if (attachment && tgwP) {
        track(
            ctx.componentOf(gwlbs[0] ?? firewalls[0] ?? attachment),
            "TGW data processed a second time (inspection attachment -> destination)",
            attachment.region,
            inspectedGb,
            "GB",
            tgwP.tgwGb,
        );
    }
    const engine = firewalls.length > 0 && gwlbs.length === 0 ? "network-firewall" : "gwlb";
    return {
        engine,
        inspectedGbPerMonth: inspectedGb,
        monthlyUsd: Math.round(lines.reduce((s, l) => s + l.usd, 0) * 100) / 100,
        note:
            `inspected volume = (endpointGbPerSpoke + hubGbPerSpoke) per spoke whose traffic with the hub is inspected (inspection.flows); ` +
            `spoke-to-spoke traffic has no traffic assumption and is not costed. GLCUs from processed bytes only: ${GLCU_DEFINITION}. ` +
            "The TGW attachment-hour of the inspection VPC is in the connectivity lines.",
    };
}
