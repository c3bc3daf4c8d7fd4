import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LandingZoneConfig } from "./config/schema";
import { FlowLogRole } from "./network/flow-log-role";
import { Hub, PolicyScope } from "./network/hub";
import { flowLogGroupName, flowLogGroupPrefix, planTopology, TopologyPlan } from "./planning/topology";
import { RegionalProviders } from "./providers";

export interface LandingZoneArgs {
    /** Validated configuration (see `parseConfig`). */
    readonly config: LandingZoneConfig;
    /** Project and stack names: they make log group names unique per stack. */
    readonly project: string;
    readonly stack: string;
}

/** Ids a consumer of one VPC needs, per tier. */
export interface VpcOutputs {
    readonly region: string;
    readonly vpcId: pulumi.Output<string>;
    readonly cidr: string;
    readonly subnetIds: { readonly workload: pulumi.Output<string>[]; readonly endpoint: pulumi.Output<string>[]; readonly transit: pulumi.Output<string>[] };
    readonly routeTableIds: { readonly workload: pulumi.Output<string>[]; readonly endpoint: pulumi.Output<string>[]; readonly transit: pulumi.Output<string>[] };
}

/** The stack outputs: a contract for teams that read this stack through a StackReference. */
export interface LandingZoneOutputs {
    readonly hub: VpcOutputs & {
        readonly endpointSecurityGroupId: pulumi.Output<string>;
        /** Service -> { endpoint id, zone id, zone name }. */
        readonly interfaceEndpoints: Record<string, { endpointId: pulumi.Output<string>; zoneId?: pulumi.Output<string>; zoneName?: string }>;
    };
}

/**
 * The whole platform: regional providers, the hub with its centralised endpoints (later: spokes,
 * connectivity, the endpoint service). Everything is a child of this component.
 */
export class LandingZone extends pulumi.ComponentResource {
    readonly plan: TopologyPlan;
    readonly providers: RegionalProviders;
    readonly hub: Hub;
    readonly outputs: LandingZoneOutputs;

    constructor(name: string, args: LandingZoneArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:index:LandingZone", name, {}, opts);
        const { config } = args;
        this.plan = planTopology(config);
        this.providers = new RegionalProviders({ tags: config.tags, accountId: config.accountId, parent: this });
        const hubProvider = this.providers.get(config.hub.region);

        const accountId: pulumi.Input<string> =
            config.accountId ?? aws.getCallerIdentityOutput({}, { parent: this, provider: hubProvider }).accountId;
        const policyScope: PolicyScope = config.organizationId ? { organizationId: config.organizationId } : { accountId };

        // IAM is global: one flow-log role serves every VPC of the stack.
        const flowLogRole = new FlowLogRole(
            `${name}-flow-logs`,
            { accountId, logGroupPrefix: flowLogGroupPrefix(args.project, args.stack), provider: hubProvider },
            { parent: this },
        );
        const flowLogs = (vpcName: string) => ({
            roleArn: flowLogRole.roleArn,
            logGroupName: flowLogGroupName(args.project, args.stack, vpcName),
            retentionDays: config.flowLogs.retentionDays,
            trafficType: config.flowLogs.trafficType,
        });

        this.hub = new Hub(
            "hub",
            {
                region: config.hub.region,
                provider: hubProvider,
                cidr: config.hub.cidr,
                azCount: config.hub.azCount,
                interfaceEndpoints: config.hub.interfaceEndpoints,
                gatewayEndpoints: config.hub.gatewayEndpoints,
                spokeAggregates: this.plan.spokeAggregates,
                policyScope,
                flowLogs: flowLogs("hub"),
                protect: config.protect,
            },
            { parent: this },
        );

        this.outputs = {
            hub: {
                ...vpcOutputs(this.hub.network),
                endpointSecurityGroupId: this.hub.endpointSecurityGroup.id,
                interfaceEndpoints: Object.fromEntries(
                    Object.values(this.hub.endpoints).map((e) => [
                        e.service,
                        { endpointId: e.endpoint.id, ...(e.zone ? { zoneId: e.zone.zoneId, zoneName: e.zoneName } : {}) },
                    ]),
                ),
            },
        };
        this.registerOutputs({});
    }
}

function vpcOutputs(n: import("./network/vpc").NetworkVpc): VpcOutputs {
    const ids = (tier: "workload" | "endpoint" | "transit") => n.tiers[tier].map((s) => s.subnet.id);
    const rts = (tier: "workload" | "endpoint" | "transit") => n.tiers[tier].map((s) => s.routeTable.id);
    return {
        region: n.region,
        vpcId: n.vpcId,
        cidr: n.cidr,
        subnetIds: { workload: ids("workload"), endpoint: ids("endpoint"), transit: ids("transit") },
        routeTableIds: { workload: rts("workload"), endpoint: rts("endpoint"), transit: rts("transit") },
    };
}
