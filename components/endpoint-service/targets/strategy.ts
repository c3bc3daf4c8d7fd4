import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EndpointServiceTargets } from "../../config/schema";
import { NetworkVpc } from "../../network/vpc";

/** What a target strategy works with: the target group to fill and the groups around it. */
export interface TargetContext {
    /** Prefix of child names (the endpoint service's component name). */
    readonly name: string;
    /** The endpoint service's configured name (descriptions only). */
    readonly serviceName: string;
    /** Target port (the listener's). */
    readonly port: number;
    /** VPC of the NLB: the fleet runs there; addresses inside it register in their own AZ. */
    readonly host: NetworkVpc;
    readonly targetGroup: aws.lb.TargetGroup;
    /** The targets' security group: only the NLB reaches it. */
    readonly targetSecurityGroup: aws.ec2.SecurityGroup;
    /** The stack's tags, for resources that provider `defaultTags` do not reach. */
    readonly tags: Readonly<Record<string, string>>;
    /** Options of a child: parent, regional provider, and an alias to `formerName` when given. */
    child(formerName?: string): pulumi.CustomResourceOptions;
}

/** One outbound rule of the NLB's security group towards the targets. */
export interface NlbEgress {
    /** Name part of the rule (`<service>-nlb-to-<key>`). */
    readonly key: string;
    /** Key of the same rule in earlier versions, when it differs. */
    readonly formerKey?: string;
    readonly destination: { readonly cidrIpv4: string } | { readonly referencedSecurityGroupId: pulumi.Input<string> };
}

/**
 * How one kind of target (`endpointService.targets`) is registered — aws-cdk's `INetworkLoadBalancerTarget`.
 * The NLB's group must allow traffic and health checks out to the targets: with a security group on
 * the NLB both are subject to its outbound rules.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 */
export interface TargetStrategy {
    readonly kind: EndpointServiceTargets["kind"];
    /** Target type of the target group; changing it replaces the group. */
    readonly targetType: "instance" | "ip";
    /** Where the NLB sends traffic and health checks. */
    nlbEgress(ctx: TargetContext): readonly NlbEgress[];
    /** Creates the targets (or their registrations) in `ctx.targetGroup`. */
    register(ctx: TargetContext): void;
}
