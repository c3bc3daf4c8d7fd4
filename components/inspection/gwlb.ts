import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { InspectionConfig } from "../config/schema";
import { InstanceTargets, IpTargets, TargetContext } from "../endpoint-service/targets";
import { NetworkVpc } from "../network/vpc";
import type { InspectionEndpointPlan } from "../planning/inspection";
import { providerFromOptions } from "../providers";
import { applianceRules, GENEVE_PORT } from "./plan";

type GwlbConfig = Extract<InspectionConfig, { engine: "gwlb" }>["gwlb"];
type FleetConfig = Extract<GwlbConfig["appliances"], { kind: "fleet" }>;

/** Arguments of the Gateway Load Balancer engine. The hub region's provider comes in the options. */
export interface GatewayLoadBalancerInspectionArgs {
    /** `inspection.gwlb`: the appliances and their health check. */
    readonly config: GwlbConfig;
    /** The inspection VPC: the GWLB and the appliances go into its appliance tier (the workload slots). */
    readonly network: NetworkVpc;
    /** One GWLB endpoint per plan entry, each in the endpoint subnet of its AZ slot. */
    readonly endpoints: readonly InspectionEndpointPlan[];
    /** The network account (the stack's): the only principal allowed to connect to the service. */
    readonly accountId: pulumi.Input<string>;
    /** The stack's tags, for the Auto Scaling group (provider `defaultTags` do not reach it). */
    readonly tags: Readonly<Record<string, string>>;
}

/**
 * Inspection by appliances behind a Gateway Load Balancer: the GWLB in the appliance subnets, a GENEVE
 * target group with health checks and its listener, the appliances (an Auto Scaling fleet from the
 * vendor's AMI, or existing instances / IPs), their security group, a GWLB endpoint service and one GWLB
 * endpoint per AZ in the endpoint subnets, named by AZ slot.
 *
 * AWS facts:
 * - A GWLB listens on all ports and sends every packet to its targets in GENEVE on UDP 6081; the target
 *   group must be GENEVE 6081, and its health checks are TCP, HTTP or HTTPS on another port.
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/target-groups.html
 * - Cross-zone load balancing is off by default: each AZ's GWLB node sends only to appliances in its own
 *   AZ, so a flow stays in the AZ the transit gateway picked (config validation asks for one appliance
 *   per AZ at least). https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/edit-load-balancer-attributes.html
 * - A GWLB endpoint connects to a VPC endpoint service backed by the GWLB (`gatewayLoadBalancerArns`);
 *   one endpoint lives in one subnet, has no security group and no DNS name, and is a route target.
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/create-gateway-load-balancer-endpoint-service.html
 * - The service requires acceptance (the pack's `gwlb-endpoint-service-network-account-only` default) and
 *   its endpoints live in the same account, so each endpoint accepts itself on creation (`autoAccept`,
 *   "the VPC endpoint and service need to be in the same AWS account": ec2/vpcEndpoint.d.ts) and is
 *   available before any route points at it.
 */
export class GatewayLoadBalancerInspection extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly service: aws.ec2.VpcEndpointService;
    readonly applianceSecurityGroup: aws.ec2.SecurityGroup;
    /** GWLB endpoints by AZ slot. */
    readonly endpoints: ReadonlyMap<number, aws.ec2.VpcEndpoint>;

    constructor(name: string, args: GatewayLoadBalancerInspectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:inspection:GatewayLoadBalancer", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = (extra?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions => ({ ...extra, parent: this, provider });
        const { config, network } = args;
        const hc = config.healthCheck;
        // The appliance tier is built in the layout's workload slots (NetworkVpc tierLabels).
        const applianceSubnets = network.tiers.workload;

        this.loadBalancer = new aws.lb.LoadBalancer(
            `${name}-gwlb`,
            {
                loadBalancerType: "gateway",
                subnets: applianceSubnets.map((s) => s.subnetId),
                enableCrossZoneLoadBalancing: false,
                tags: { Name: `${name}-gwlb` },
            },
            child(),
        );
        this.targetGroup = new aws.lb.TargetGroup(
            `${name}-geneve`,
            {
                protocol: "GENEVE",
                port: GENEVE_PORT,
                vpcId: network.vpcId,
                targetType: config.appliances.kind === "ips" ? "ip" : "instance",
                healthCheck: {
                    enabled: true,
                    protocol: hc.protocol,
                    port: String(hc.port),
                    ...(hc.path !== undefined ? { path: hc.path } : {}),
                    interval: hc.intervalSeconds,
                    timeout: hc.timeoutSeconds,
                    healthyThreshold: hc.healthyThreshold,
                    unhealthyThreshold: hc.unhealthyThreshold,
                },
                tags: { Name: `${name}-geneve` },
            },
            child(),
        );
        // A GWLB listener takes no port or protocol: it receives everything.
        new aws.lb.Listener(
            `${name}-gwlb`,
            { loadBalancerArn: this.loadBalancer.arn, defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }] },
            child(),
        );

        // ---- the appliances ---------------------------------------------------------------------
        this.applianceSecurityGroup = new aws.ec2.SecurityGroup(
            `${name}-appliances`,
            {
                vpcId: network.vpcId,
                description: "Inspection appliances: GENEVE and health checks from the Gateway Load Balancer subnets only",
                tags: { Name: `${name}-appliances` },
            },
            child(),
        );
        for (const r of applianceRules(
            applianceSubnets.map((s) => s.cidr),
            hc.port,
        )) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-appliances-${r.key}`,
                {
                    securityGroupId: this.applianceSecurityGroup.id,
                    ipProtocol: r.protocol,
                    fromPort: r.port,
                    toPort: r.port,
                    cidrIpv4: r.cidr,
                    description: r.description,
                },
                child(),
            );
        }
        // The appliance returns each inspected packet to the GWLB in GENEVE: egress UDP 6081 to the same
        // subnets (the only traffic an appliance sends; a vendor's management access is the owner's to add).
        for (const s of applianceSubnets) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-appliances-udp-${GENEVE_PORT}-to-${s.cidr.replace("/", "-")}`,
                {
                    securityGroupId: this.applianceSecurityGroup.id,
                    ipProtocol: "udp",
                    fromPort: GENEVE_PORT,
                    toPort: GENEVE_PORT,
                    cidrIpv4: s.cidr,
                    description: `GENEVE back to the Gateway Load Balancer in ${s.cidr}`,
                },
                child(),
            );
        }
        const appliances = config.appliances;
        if (appliances.kind === "fleet") {
            this.fleet(
                name,
                appliances,
                args,
                applianceSubnets.map((s) => s.subnetId),
                child,
            );
        } else {
            // Existing appliances: the endpoint service's registration strategies, on GENEVE 6081.
            const ctx: TargetContext = {
                name,
                serviceName: "inspection",
                port: GENEVE_PORT,
                host: network,
                targetGroup: this.targetGroup,
                targetSecurityGroup: this.applianceSecurityGroup,
                tags: args.tags,
                // New resources: no former name to alias.
                child: () => child(),
            };
            (appliances.kind === "instances" ? new InstanceTargets(appliances) : new IpTargets(appliances)).register(ctx);
        }

        // ---- the endpoint service and one endpoint per AZ ----------------------------------------
        this.service = new aws.ec2.VpcEndpointService(
            `${name}-service`,
            {
                gatewayLoadBalancerArns: [this.loadBalancer.arn],
                acceptanceRequired: true,
                allowedPrincipals: [pulumi.interpolate`arn:aws:iam::${args.accountId}:root`],
                supportedIpAddressTypes: ["ipv4"],
                tags: { Name: `${name}-service` },
            },
            child(),
        );
        const endpointSubnets = new Map(network.tiers.endpoint.map((s) => [s.azIndex, s.subnetId]));
        const endpoints = new Map<number, aws.ec2.VpcEndpoint>();
        for (const e of args.endpoints) {
            const subnetId = endpointSubnets.get(e.azIndex);
            if (subnetId === undefined) {
                throw new pulumi.ResourceError(`inspection: no endpoint subnet in AZ slot ${e.azIndex} for ${e.key}`, this);
            }
            endpoints.set(
                e.azIndex,
                new aws.ec2.VpcEndpoint(
                    `${name}-gwlbe-${e.azIndex}`,
                    {
                        vpcId: network.vpcId,
                        serviceName: this.service.serviceName,
                        vpcEndpointType: "GatewayLoadBalancer",
                        subnetIds: [subnetId],
                        autoAccept: true,
                        tags: { Name: `${name}-gwlbe-${e.azIndex}` },
                    },
                    child(),
                ),
            );
        }
        this.endpoints = endpoints;
        this.registerOutputs({ loadBalancerArn: this.loadBalancer.arn, serviceName: this.service.serviceName });
    }

    /**
     * An Auto Scaling group of appliances from the vendor's AMI in the appliance subnets, registered in
     * the target group by the group itself. No user data and no instance role: a vendor appliance
     * brings its own bootstrap (its AMI's documentation says what to pass, e.g. a licence).
     */
    private fleet(
        name: string,
        fleet: FleetConfig,
        args: GatewayLoadBalancerInspectionArgs,
        subnetIds: readonly pulumi.Output<string>[],
        child: (extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions,
    ): void {
        const template = new aws.ec2.LaunchTemplate(
            `${name}-appliances`,
            {
                description: "Inspection appliances behind the Gateway Load Balancer",
                imageId: fleet.amiId,
                instanceType: fleet.instanceType,
                vpcSecurityGroupIds: [this.applianceSecurityGroup.id],
                metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
                tagSpecifications: [{ resourceType: "instance", tags: { Name: `${name}-appliance` } }],
            },
            child(),
        );
        new aws.autoscaling.Group(
            `${name}-appliances`,
            {
                vpcZoneIdentifiers: [...subnetIds],
                minSize: fleet.desiredCapacity,
                maxSize: fleet.desiredCapacity * 2,
                desiredCapacity: fleet.desiredCapacity,
                launchTemplate: { id: template.id, version: template.latestVersion.apply((v) => String(v)) },
                targetGroupArns: [this.targetGroup.arn],
                // The GWLB's health check decides: an appliance that stops answering it is replaced.
                healthCheckType: "ELB",
                healthCheckGracePeriod: 300,
                // Provider `defaultTags` do not reach Auto Scaling groups (their tags have their own shape).
                // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_group#tag
                tags: [
                    { key: "Name", value: `${name}-appliance`, propagateAtLaunch: true },
                    ...Object.entries(args.tags)
                        .filter(([k]) => k !== "Name")
                        .map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
                ],
            },
            child(),
        );
    }
}
