import * as pulumi from "@pulumi/pulumi";
import type { InspectionConfig } from "../config/schema";
import { NetworkVpc, NetworkVpcArgs } from "../network/vpc";
import { INSPECTION_VPC, InspectionPlan, InspectionTier } from "../planning/inspection";
import { Tier } from "../planning/subnets";
import { providerFromOptions } from "../providers";
import { GatewayLoadBalancerInspection } from "./gwlb";
import { FirewallLogType, NetworkFirewallInspection } from "./network-firewall";

/** The layout tier (planning/subnets.ts) each inspection tier is built in: its fixed slots. */
export const LAYOUT_TIER: Readonly<Record<InspectionTier, Tier>> = { appliance: "workload", endpoint: "endpoint", transit: "transit" };

/** Arguments of the inspection VPC and its engine. The hub region's provider comes in the options. */
export interface InspectionArgs {
    /** The validated `landing-zone:inspection`. */
    readonly config: InspectionConfig;
    /** The inspection plan (planning/inspection.ts): subnets, endpoints, routes, attachment. */
    readonly plan: InspectionPlan;
    /** Hub CIDR: the firewall's hub-endpoint pass rules go to it. */
    readonly hubCidr: string;
    /** Spoke supernets of the regions with spokes: sources of those rules. */
    readonly spokeSupernets: readonly string[];
    /** The network account (the stack's): the only principal of the GWLB endpoint service. */
    readonly accountId: pulumi.Input<string>;
    /** Flow logs of the inspection VPC, as every VPC of the stack has them. */
    readonly flowLogs: NetworkVpcArgs["flowLogs"];
    /** AWS names of the Network Firewall and its policy (unique per account and region). */
    readonly awsName: string;
    /** CloudWatch log group name of one Network Firewall log type. */
    readonly firewallLogGroupName: (type: FirewallLogType) => string;
    /** The stack's tags, for resources provider `defaultTags` do not reach. */
    readonly tags: Readonly<Record<string, string>>;
    /** Protect the VPC from deletion. @default false */
    readonly protect?: boolean;
}

/**
 * Centralised inspection: the inspection VPC of the hub region (tagged `landing-zone:role: inspection`)
 * with the plan's tiers — appliance (GWLB engine only), endpoint and transit subnets per AZ, each with
 * its own route table — and the engine that puts one endpoint in each AZ's endpoint subnet: a Gateway
 * Load Balancer with its appliances (gwlb.ts) or AWS Network Firewall (network-firewall.ts).
 *
 * Its transit gateway attachment (appliance mode on) belongs to the TransitGateways component, and its
 * routes to InspectionRoutes (routes.ts): the transit subnets' routes before the attachment (each
 * subnet joins it after its route), the endpoint subnets' routes after it.
 */
export class Inspection extends pulumi.ComponentResource {
    readonly network: NetworkVpc;
    readonly plan: InspectionPlan;
    readonly gatewayLoadBalancer?: GatewayLoadBalancerInspection;
    readonly networkFirewall?: NetworkFirewallInspection;
    /** The endpoint (GWLB endpoint or firewall endpoint) of each AZ slot: the route target of that AZ. */
    readonly endpointIds: ReadonlyMap<number, pulumi.Output<string>>;
    /** The resources that own those endpoints: the GWLB endpoints, or the firewall. */
    readonly endpointResources: readonly pulumi.Resource[];

    constructor(name: string, args: InspectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:inspection:Inspection", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = { parent: this, provider };
        const { plan, config } = args;

        const tiers = [...new Set(plan.subnets.map((s) => s.tier))];
        this.plan = plan;
        this.network = new NetworkVpc(
            INSPECTION_VPC,
            {
                region: plan.region,
                cidr: plan.cidr,
                azCount: plan.azCount,
                configKey: "landing-zone:inspection",
                role: "inspection",
                tiers: tiers.map((t) => LAYOUT_TIER[t]),
                tierLabels: { workload: "appliance" },
                flowLogs: args.flowLogs,
                protect: args.protect ?? false,
            },
            child,
        );
        // The VPC lays its subnets out by the same fixed slots as the plan: say so if they ever part.
        for (const s of plan.subnets) {
            const built = this.network.tiers[LAYOUT_TIER[s.tier]].find((x) => x.azIndex === s.azIndex);
            if (!built || built.cidr !== s.cidr) {
                throw new pulumi.ResourceError(
                    `inspection: subnet ${s.key} is ${s.cidr} in the plan but ${built?.cidr ?? "absent"} in the VPC (planning/subnets.ts and planning/inspection.ts disagree)`,
                    this,
                );
            }
        }

        if (config.engine === "gwlb") {
            this.gatewayLoadBalancer = new GatewayLoadBalancerInspection(
                name,
                { config: config.gwlb, network: this.network, endpoints: plan.endpoints, accountId: args.accountId, tags: args.tags },
                child,
            );
            this.endpointIds = new Map([...this.gatewayLoadBalancer.endpoints].map(([az, e]) => [az, e.id]));
            this.endpointResources = [...this.gatewayLoadBalancer.endpoints.values()];
        } else {
            this.networkFirewall = new NetworkFirewallInspection(
                name,
                {
                    config: config.networkFirewall,
                    network: this.network,
                    endpoints: plan.endpoints,
                    hubCidr: args.hubCidr,
                    spokeSupernets: args.spokeSupernets,
                    awsName: args.awsName,
                    logGroupName: args.firewallLogGroupName,
                },
                child,
            );
            this.endpointIds = this.networkFirewall.endpointIds;
            this.endpointResources = [this.networkFirewall.firewall];
        }
        this.registerOutputs({ vpcId: this.network.vpcId });
    }
}
