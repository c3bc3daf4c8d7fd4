import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { FlowLogTrafficType, SpokeBuilder } from "../config/schema";
import { planSubnets, Tier, TIERS } from "../planning/subnets";
import { providerFromOptions } from "../providers";
import { assignZoneSlots } from "./zones";

/**
 * Arguments of the VPC building block shared by the hub and the spokes. The provider of the VPC's
 * region comes in the component options (`{ parent, provider }`); every child is created with it.
 */
export interface NetworkVpcArgs {
    /** Region the VPC lives in; must be the region of the provider in the options. */
    readonly region: string;
    /** VPC CIDR (/16 to /22), already validated. */
    readonly cidr: string;
    /** Number of AZs; subnets and route tables are created per tier and AZ. */
    readonly azCount: number;
    /** Config path of this VPC's settings, named in errors: `landing-zone:hub` or `landing-zone:spokes[1]`. */
    readonly configKey: string;
    /**
     * Pinned zones, one per slot (`azCount` long): this account's zone names or AZ IDs, already
     * validated. Slot i is exactly zone i; a zone the account does not list fails the VPC (zones.ts).
     * With the awsx builder, names only (awsx takes plain `availabilityZoneNames`).
     * @default undefined: slot i is the i-th zone by name the account lists without opt-in
     */
    readonly availabilityZones?: readonly string[];
    /** Role recorded in the `landing-zone:role` tag: policies and reports use it. */
    readonly role: "hub" | "spoke" | "inspection" | "endpoints";
    /**
     * Tiers to build (the inspection VPC of a Network Firewall has no appliance subnets). Each keeps its
     * fixed slots, so a tier left out moves no other subnet.
     * @default every tier
     */
    readonly tiers?: readonly Tier[];
    /**
     * Name of a tier in child names and the `landing-zone:tier` tag, where it differs from the layout's
     * (the inspection VPC's appliance subnets use the workload slots).
     * @default the tier itself
     */
    readonly tierLabels?: Readonly<Partial<Record<Tier, string>>>;
    /** Flow-log destination settings. */
    readonly flowLogs: {
        readonly roleArn: pulumi.Input<string>;
        /** CloudWatch log group name, unique per account and region. */
        readonly logGroupName: string;
        readonly retentionDays: number;
        readonly trafficType: FlowLogTrafficType;
    };
    /** Gateway endpoints (`s3`, `dynamodb`) to attach to every route table of the VPC. @default [] */
    readonly gatewayEndpoints?: readonly string[];
    /** Endpoint policy per gateway service; undefined leaves AWS's full-access default. */
    readonly gatewayEndpointPolicy?: (service: string) => pulumi.Input<string> | undefined;
    /** Protect the VPC from deletion. @default false */
    readonly protect?: boolean;
    /**
     * Build the VPC, subnets and route tables with plain @pulumi/aws resources, or with `awsx.ec2.Vpc`
     * fed the exact subnet CIDRs of our planner (no NAT, no public subnets). awsx is a remote
     * component: offline it is one opaque resource, so the offline plan reports it as not verifiable.
     * @default "aws"
     */
    readonly builder?: SpokeBuilder;
}

/** One subnet with its route table. */
export interface TierSubnet {
    readonly azIndex: number;
    readonly cidr: string;
    readonly subnetId: pulumi.Output<string>;
    readonly routeTableId: pulumi.Output<string>;
    /** The resources themselves (absent when awsx built them). */
    readonly subnet?: aws.ec2.Subnet;
    readonly routeTable?: aws.ec2.RouteTable;
}

/**
 * A private VPC: subnets of every tier across the AZs, one route table per tier and AZ, flow logs to
 * CloudWatch, the default security group stripped, gateway endpoints on every route table. No internet
 * gateway, NAT or public subnet: traffic to AWS services goes through endpoints.
 *
 * Children are named `${name}-${role}` so two instances never collide (`hub-workload-0`,
 * `spoke-payments-workload-0`).
 */
export class NetworkVpc extends pulumi.ComponentResource {
    /** The VPC resource (absent when awsx built it). */
    readonly vpc?: aws.ec2.Vpc;
    readonly vpcId: pulumi.Output<string>;
    readonly cidr: string;
    readonly region: string;
    /** Names of the AZs used, in slot order (this account's names; see zones.ts for the rule). */
    readonly azNames: pulumi.Output<string[]>;
    /** AZ IDs of the same AZs: the identity of a physical zone across accounts. */
    readonly azIds: pulumi.Output<string[]>;
    /** Subnets per tier, in AZ order. */
    readonly tiers: Readonly<Record<Tier, readonly TierSubnet[]>>;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly flowLog: aws.ec2.FlowLog;
    readonly gatewayEndpoints: Readonly<Record<string, aws.ec2.VpcEndpoint>>;

    constructor(name: string, args: NetworkVpcArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:network:Vpc", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = { parent: this, provider };
        this.cidr = args.cidr;
        this.region = args.region;

        // AZ slot i is the pinned zone i when the VPC pins its zones, else the i-th zone by name of
        // every zone the account lists without opt-in, in any state (zones.ts says why): an impaired or
        // constrained zone keeps its slot instead of moving every later subnet. Asked per account: names
        // map to different physical zones (AZ IDs) in each account, so the IDs are reported beside the
        // names, and an ID pin is resolved to this account's name.
        const noOptIn = [{ name: "opt-in-status", values: ["opt-in-not-required"] }];
        const listed = aws.getAvailabilityZonesOutput({ filters: noOptIn }, child);
        const available = aws.getAvailabilityZonesOutput({ state: "available", filters: noOptIn }, child);
        const slots = pulumi.all([listed.names, listed.zoneIds, available.names]).apply(([names, ids, up]) => {
            const result = assignZoneSlots({
                vpc: name,
                configKey: args.configKey,
                region: args.region,
                azCount: args.azCount,
                zones: names.map((n, i) => ({ name: n, zoneId: ids[i], available: up.includes(n) })),
                ...(args.availabilityZones !== undefined ? { pinned: args.availabilityZones } : {}),
            });
            if (!result.ok) {
                throw new pulumi.ResourceError(result.message, this);
            }
            for (const w of result.warnings) {
                void pulumi.log.warn(w, this);
            }
            return result.slots;
        });
        this.azNames = slots.apply((s) => s.map((z) => z.name));
        this.azIds = slots.apply((s) => s.map((z) => z.zoneId));
        const plans = planSubnets(args.cidr, args.azCount, args.tiers ?? TIERS);
        const label = (t: Tier): string => args.tierLabels?.[t] ?? t;
        const tiers = {} as Record<Tier, TierSubnet[]>;
        for (const t of TIERS) {
            tiers[t] = [];
        }

        if ((args.builder ?? "aws") === "awsx") {
            const built = new awsx.ec2.Vpc(
                name,
                {
                    cidrBlock: args.cidr,
                    enableDnsSupport: true,
                    enableDnsHostnames: true,
                    // awsx accepts one of the two (pulumi/pulumi-awsx awsx/ec2/vpc.ts throws on both); a
                    // pin goes in as the names awsx creates the subnets with (the config allows only names
                    // here), and the zones.ts check above still fails the VPC if one is not listed.
                    ...(args.availabilityZones !== undefined
                        ? { availabilityZoneNames: [...args.availabilityZones] }
                        : { numberOfAvailabilityZones: args.azCount }),
                    // Exact CIDRs from our planner: the same addresses as the plain build.
                    subnetStrategy: "Auto",
                    subnetSpecs: TIERS.map((tier) => ({
                        type: "Isolated" as const,
                        name: tier,
                        cidrBlocks: plans.filter((p) => p.tier === tier).map((p) => p.cidr),
                        tags: { "landing-zone:tier": tier },
                    })),
                    natGateways: { strategy: "None" },
                    tags: { Name: name, "landing-zone:role": args.role },
                },
                { ...child, protect: args.protect ?? false },
            );
            this.vpcId = built.vpcId;
            // Find each planned subnet by its CIDR and its route table by association: exact, and
            // independent of the order awsx lists subnets in.
            for (const plan of plans) {
                const subnetId = aws.ec2
                    .getSubnetOutput(
                        {
                            filters: [
                                { name: "vpc-id", values: [built.vpcId] },
                                { name: "cidr-block", values: [plan.cidr] },
                            ],
                        },
                        child,
                    )
                    .apply((sn) => sn.id);
                const routeTableId = aws.ec2.getRouteTableOutput({ subnetId }, child).apply((rt) => rt.routeTableId);
                tiers[plan.tier].push({ azIndex: plan.azIndex, cidr: plan.cidr, subnetId, routeTableId });
            }
        } else {
            this.vpc = new aws.ec2.Vpc(
                name,
                {
                    cidrBlock: args.cidr,
                    // Both are required for Route 53 private hosted zones to answer in the VPC.
                    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html
                    enableDnsSupport: true,
                    enableDnsHostnames: true,
                    tags: { Name: name, "landing-zone:role": args.role },
                },
                { ...child, protect: args.protect ?? false },
            );
            this.vpcId = this.vpc.id;
            for (const plan of plans) {
                const sn = `${name}-${label(plan.tier)}-${plan.azIndex}`;
                const subnet = new aws.ec2.Subnet(
                    sn,
                    {
                        vpcId: this.vpc.id,
                        cidrBlock: plan.cidr,
                        availabilityZone: this.azNames.apply((n) => n[plan.azIndex]),
                        mapPublicIpOnLaunch: false,
                        tags: { Name: sn, "landing-zone:tier": label(plan.tier) },
                    },
                    child,
                );
                const routeTable = new aws.ec2.RouteTable(
                    sn,
                    { vpcId: this.vpc.id, tags: { Name: sn, "landing-zone:tier": label(plan.tier) } },
                    child,
                );
                new aws.ec2.RouteTableAssociation(sn, { subnetId: subnet.id, routeTableId: routeTable.id }, child);
                tiers[plan.tier].push({
                    azIndex: plan.azIndex,
                    cidr: plan.cidr,
                    subnetId: subnet.id,
                    routeTableId: routeTable.id,
                    subnet,
                    routeTable,
                });
            }
        }
        this.tiers = tiers;

        // Adopting the default security group with no rules removes AWS's allow-all-from-itself rules:
        // anything launched without an explicit group gets no traffic (CIS AWS 5.4 / Security Hub EC2.2).
        new aws.ec2.DefaultSecurityGroup(`${name}-default`, { vpcId: this.vpcId, tags: { Name: `${name}-default (no rules)` } }, child);

        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-flow-logs`,
            { name: args.flowLogs.logGroupName, retentionInDays: args.flowLogs.retentionDays },
            child,
        );
        this.flowLog = new aws.ec2.FlowLog(
            `${name}-flow-logs`,
            {
                vpcId: this.vpcId,
                trafficType: args.flowLogs.trafficType,
                logDestinationType: "cloud-watch-logs",
                logDestination: this.logGroup.arn,
                iamRoleArn: args.flowLogs.roleArn,
                // One-minute aggregation: flow logs are the only packet-level evidence in a private network.
                maxAggregationInterval: 60,
                tags: { Name: `${name}-flow-logs` },
            },
            child,
        );

        // Gateway endpoints are route-table entries to a prefix list; they cannot be reached over
        // peering or a transit gateway, so every VPC gets its own (they are free).
        // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-limitations
        const allRouteTables = TIERS.flatMap((t) => tiers[t].map((s) => s.routeTableId));
        const gateways: Record<string, aws.ec2.VpcEndpoint> = {};
        for (const service of args.gatewayEndpoints ?? []) {
            const policy = args.gatewayEndpointPolicy?.(service);
            gateways[service] = new aws.ec2.VpcEndpoint(
                `${name}-gw-${service}`,
                {
                    vpcId: this.vpcId,
                    serviceName: `com.amazonaws.${args.region}.${service}`,
                    vpcEndpointType: "Gateway",
                    routeTableIds: allRouteTables,
                    ...(policy !== undefined ? { policy } : {}),
                    tags: { Name: `${name}-gw-${service}` },
                },
                child,
            );
        }
        this.gatewayEndpoints = gateways;

        this.registerOutputs({ vpcId: this.vpcId, azNames: this.azNames, azIds: this.azIds });
    }

    /** Route tables of the given tiers, AZ by AZ, with a label for child names (`workload-0`). */
    routeTables(...tiers: Tier[]): { readonly label: string; readonly id: pulumi.Output<string> }[] {
        return tiers.flatMap((t) => this.tiers[t].map((s) => ({ label: `${t}-${s.azIndex}`, id: s.routeTableId })));
    }

    /** Subnet ids of one tier, in AZ order. */
    subnetIds(tier: Tier): pulumi.Output<string>[] {
        return this.tiers[tier].map((s) => s.subnetId);
    }
}
