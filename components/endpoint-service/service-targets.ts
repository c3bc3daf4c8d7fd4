import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkVpc } from "../network/vpc";
import { providerFromOptions } from "../providers";
import { childOptions } from "./children";
import { ServiceLoadBalancer } from "./load-balancer";
import { TargetContext, TargetStrategy } from "./targets";

/** Arguments of the targets behind an endpoint service's NLB. */
export interface ServiceTargetsArgs {
    /** The endpoint service's configured name (descriptions only). */
    readonly serviceName: string;
    /** How the configured kind of target is registered (`targetStrategy(config.targets)`). */
    readonly strategy: TargetStrategy;
    /** The load balancer whose target group the targets join and whose group reaches them. */
    readonly loadBalancer: ServiceLoadBalancer;
    /** VPC of the NLB and of the fleet. */
    readonly vpc: NetworkVpc;
    /** Target port. */
    readonly port: number;
    /** CIDR of the hub VPC: the targets' SSM traffic goes to the hub's interface endpoints. */
    readonly hubCidr: string;
    /** Prefix list of the host VPC's S3 gateway endpoint (Amazon Linux repositories); @default none (no rule) */
    readonly s3PrefixListId?: pulumi.Input<string>;
    /** The stack's tags, for resources provider `defaultTags` do not reach (the fleet's Auto Scaling group). */
    readonly tags: Readonly<Record<string, string>>;
    /** Former parent of these children (see `ServiceLoadBalancerArgs.movedFrom`). @default none */
    readonly movedFrom?: pulumi.Resource;
}

/**
 * The targets of an endpoint service: their security group (only the NLB reaches them; SSM and
 * package traffic out), the NLB group's outbound rules to them, and the targets themselves, built by
 * one strategy per target kind. Single-region: the provider comes from the options.
 */
export class ServiceTargets extends pulumi.ComponentResource {
    /** Security group of the targets: the fleet carries it; existing targets may attach it. */
    readonly securityGroup: aws.ec2.SecurityGroup;

    constructor(name: string, args: ServiceTargetsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:endpoint-service:Targets", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = (formerName?: string) =>
            childOptions(this, provider, {
                ...(args.movedFrom ? { parent: args.movedFrom } : {}),
                ...(formerName !== undefined ? { name: formerName } : {}),
            });
        const { port } = args;
        const nlbSg = args.loadBalancer.securityGroup;

        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-targets`,
            {
                vpcId: args.vpc.vpcId,
                description: `Targets of endpoint service ${args.serviceName}: only the NLB reaches them`,
                tags: { Name: `${name}-targets` },
            },
            child(),
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-targets-from-nlb`,
            {
                securityGroupId: this.securityGroup.id,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                referencedSecurityGroupId: nlbSg.id,
                description: "from the NLB",
            },
            child(),
        );
        // Operators reach the fleet through SSM: HTTPS to the hub's endpoints, packages from S3.
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-targets-to-hub-endpoints`,
            {
                securityGroupId: this.securityGroup.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: args.hubCidr,
                description: "SSM and other AWS APIs via the hub endpoints",
            },
            child(),
        );
        if (args.s3PrefixListId) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-targets-to-s3`,
                {
                    securityGroupId: this.securityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    prefixListId: args.s3PrefixListId,
                    description: "Amazon Linux repositories via the S3 gateway endpoint",
                },
                child(),
            );
        }

        const ctx: TargetContext = {
            name,
            serviceName: args.serviceName,
            port,
            host: args.vpc,
            targetGroup: args.loadBalancer.targetGroup,
            targetSecurityGroup: this.securityGroup,
            tags: args.tags,
            child,
        };
        // NLB -> targets: traffic and health checks are both subject to the NLB group's outbound rules.
        for (const rule of args.strategy.nlbEgress(ctx)) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-nlb-to-${rule.key}`,
                {
                    securityGroupId: nlbSg.id,
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    ...rule.destination,
                    description: "to targets",
                },
                child(rule.formerKey === undefined ? undefined : `${name}-nlb-to-${rule.formerKey}`),
            );
        }
        args.strategy.register(ctx);

        this.registerOutputs({ securityGroupId: this.securityGroup.id });
    }
}
