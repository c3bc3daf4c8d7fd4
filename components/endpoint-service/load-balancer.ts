import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkVpc } from "../network/vpc";
import { providerFromOptions } from "../providers";
import { childOptions } from "./children";
import { ClientSource } from "./plan";

/** Arguments of the load balancer in front of an endpoint service. */
export interface ServiceLoadBalancerArgs {
    /** The endpoint service's configured name (descriptions only). */
    readonly serviceName: string;
    /** VPC the NLB lives in: it spans every AZ of the VPC's endpoint tier. */
    readonly vpc: NetworkVpc;
    /** TCP port of the listener and of the targets. */
    readonly port: number;
    /**
     * Client networks admitted on the port, each an ingress rule named after its key. With inbound
     * rules enforced on PrivateLink traffic the source AWS evaluates is the client's own address, so
     * every consumer network must be listed (see `planClientSources`).
     */
    readonly sources: readonly ClientSource[];
    /** Target type of the target group (`instance` or `ip`): fixed by the target kind. */
    readonly targetType: "instance" | "ip";
    /**
     * The component that parented these children before they moved here: each child aliases its old
     * URN under it, so a deployed stack keeps its NLB. @default none
     */
    readonly movedFrom?: pulumi.Resource;
}

/**
 * An internal Network Load Balancer with its security group, a TCP target group with health checks
 * and the listener forwarding to it — what `aws-cdk`'s `NetworkLoadBalancer` + `addListener` +
 * `addTargets` build. Single-region: its provider comes from the options (`{ parent, provider }`).
 *
 * - Internal, in every AZ of the VPC's endpoint tier (two or more), cross-zone load balancing on.
 * - Created with a security group: an NLB created without one can never get one, and inbound rules
 *   are enforced on PrivateLink traffic (`enforceSecurityGroupInboundRulesOnPrivateLinkTraffic`).
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 * - How the NLB reaches its targets (egress) is the targets' business: see `ServiceTargets`.
 */
export class ServiceLoadBalancer extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    /** The NLB's security group: ingress from the client sources; egress added by the targets. */
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly listener: aws.lb.Listener;

    constructor(name: string, args: ServiceLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:endpoint-service:LoadBalancer", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = (former?: string) =>
            childOptions(this, provider, {
                ...(args.movedFrom ? { parent: args.movedFrom } : {}),
                ...(former !== undefined ? { name: former } : {}),
            });
        const { vpc, port } = args;

        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-nlb`,
            {
                vpcId: vpc.vpcId,
                description: `NLB of endpoint service ${args.serviceName}: service port from known client networks`,
                tags: { Name: `${name}-nlb` },
            },
            child(),
        );
        for (const src of args.sources) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-nlb-from-${src.key}`,
                {
                    securityGroupId: this.securityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    cidrIpv4: src.cidr,
                    description: `service port from ${src.label}`,
                },
                child(src.formerKey === undefined ? undefined : `${name}-nlb-from-${src.formerKey}`),
            );
        }

        this.loadBalancer = new aws.lb.LoadBalancer(
            name,
            {
                internal: true,
                loadBalancerType: "network",
                subnets: vpc.subnetIds("endpoint"),
                securityGroups: [this.securityGroup.id],
                enableCrossZoneLoadBalancing: true,
                enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "on",
                tags: { Name: name },
            },
            child(),
        );
        this.targetGroup = new aws.lb.TargetGroup(
            name,
            {
                vpcId: vpc.vpcId,
                port,
                protocol: "TCP",
                targetType: args.targetType,
                deregistrationDelay: 30,
                healthCheck: {
                    enabled: true,
                    protocol: "TCP",
                    port: "traffic-port",
                    interval: 10,
                    healthyThreshold: 3,
                    unhealthyThreshold: 3,
                },
                tags: { Name: name },
            },
            child(),
        );
        this.listener = new aws.lb.Listener(
            name,
            {
                loadBalancerArn: this.loadBalancer.arn,
                port,
                protocol: "TCP",
                defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
            },
            child(),
        );

        this.registerOutputs({ loadBalancerArn: this.loadBalancer.arn, targetGroupArn: this.targetGroup.arn });
    }
}
