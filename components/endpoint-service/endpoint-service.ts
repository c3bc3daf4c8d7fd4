import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EndpointServiceConfig } from "../config/schema";
import { NetworkVpc } from "../network/vpc";
import { providerFromOptions } from "../providers";
import { ServiceConsumer } from "./consumer";
import { ServiceLoadBalancer } from "./load-balancer";
import { planClientSources } from "./plan";
import { PrivateLinkService } from "./service";
import { ServiceTargets } from "./service-targets";
import { targetStrategy } from "./targets";

export { ServiceConsumer } from "./consumer";
export { ServiceLoadBalancer } from "./load-balancer";
export { PrivateLinkService } from "./service";
export { ServiceTargets } from "./service-targets";
export { targetStrategy } from "./targets";

/** A spoke that consumes the service through its own interface endpoint. */
export interface ServiceConsumerSpec {
    readonly name: string;
    readonly network: NetworkVpc;
    /** The provider of the consumer's region: its endpoint is created there. */
    readonly provider: pulumi.ProviderResource;
}

/**
 * Arguments of the endpoint service. The provider of the service's region (the host VPC's) comes in
 * the options (`{ parent, provider }`); each consumer brings its own region's provider.
 */
export interface EndpointServiceArgs {
    readonly config: EndpointServiceConfig;
    /** VPC hosting the NLB and the fleet (the hub, or a spoke of the hub region). */
    readonly host: NetworkVpc;
    /** Spokes of this stack that get a consumer endpoint. @default [] */
    readonly consumers?: readonly ServiceConsumerSpec[];
    /** CIDR of the hub VPC: the fleet's SSM traffic goes to the hub's endpoints. */
    readonly hubCidr: string;
    /** S3 gateway endpoint of the host VPC: the fleet reaches the Amazon Linux repositories through it. @default none */
    readonly s3PrefixListId?: pulumi.Input<string>;
    /** This stack's account: allowed as a principal when the stack has consumers of its own. */
    readonly accountId: pulumi.Input<string>;
    /** The same account when the config pins it: lets the service see it is already listed. @default none */
    readonly configuredAccountId?: string;
    /** The stack's tags, for resources provider `defaultTags` do not reach (the fleet's Auto Scaling group). */
    readonly tags: Readonly<Record<string, string>>;
}

/**
 * A service published over PrivateLink, composed along aws-cdk's seams: a load balancer
 * (`ServiceLoadBalancer`: NLB, its security group, target group, listener), the targets
 * (`ServiceTargets`: one strategy per target kind), the endpoint service (`PrivateLinkService`:
 * service, allowed principals, private-DNS verification, acceptance) and one `ServiceConsumer` per
 * consumer spoke, each created with that spoke's regional provider.
 *
 * Until these parts became components, every resource was a direct child of this one: each child
 * declares an alias to that URN (`movedFrom`), so deployed stacks keep their resources.
 */
export class EndpointService extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly service: aws.ec2.VpcEndpointService;
    readonly consumerEndpoints: Readonly<Record<string, aws.ec2.VpcEndpoint>>;
    /** Regions consumers may connect from: the service's own first, then each cross-region consumer's. */
    readonly supportedRegions: readonly string[];

    constructor(name: string, args: EndpointServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:endpoint-service:EndpointService", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const { config: c, host } = args;
        const consumers = args.consumers ?? [];
        const inHost = { parent: this, provider };

        const strategy = targetStrategy(c.targets);
        const lb = new ServiceLoadBalancer(
            name,
            {
                serviceName: c.name,
                vpc: host,
                port: c.port,
                sources: planClientSources(
                    host.cidr,
                    consumers.map((x) => ({ name: x.name, cidr: x.network.cidr })),
                    c.allowedSourceCidrs,
                    c.port,
                ),
                targetType: strategy.targetType,
                movedFrom: this,
            },
            inHost,
        );
        new ServiceTargets(
            name,
            {
                serviceName: c.name,
                strategy,
                loadBalancer: lb,
                vpc: host,
                port: c.port,
                hubCidr: args.hubCidr,
                ...(args.s3PrefixListId ? { s3PrefixListId: args.s3PrefixListId } : {}),
                tags: args.tags,
                movedFrom: this,
            },
            inHost,
        );
        const service = new PrivateLinkService(
            name,
            {
                loadBalancers: [lb.loadBalancer],
                region: host.region,
                consumerRegions: consumers.map((x) => x.network.region),
                acceptanceRequired: c.acceptanceRequired,
                allowedPrincipals: c.allowedPrincipals,
                ...(consumers.length > 0
                    ? {
                          selfAccount: {
                              accountId: args.accountId,
                              ...(args.configuredAccountId ? { configuredAccountId: args.configuredAccountId } : {}),
                          },
                      }
                    : {}),
                ...(c.privateDnsName ? { privateDnsName: c.privateDnsName } : {}),
                privateDnsVerified: c.privateDnsVerified,
                movedFrom: this,
            },
            inHost,
        );

        const endpoints: Record<string, aws.ec2.VpcEndpoint> = {};
        for (const consumer of consumers) {
            endpoints[consumer.name] = new ServiceConsumer(
                `${name}-${consumer.name}`,
                {
                    serviceName: c.name,
                    consumerName: consumer.name,
                    network: consumer.network,
                    port: c.port,
                    service,
                    serviceRegion: host.region,
                    serviceVpc: host,
                    movedFrom: this,
                },
                { parent: this, provider: consumer.provider },
            ).endpoint;
        }

        this.loadBalancer = lb.loadBalancer;
        this.targetGroup = lb.targetGroup;
        this.service = service.service;
        this.supportedRegions = service.supportedRegions;
        this.consumerEndpoints = endpoints;
        this.registerOutputs({ serviceName: this.service.serviceName, serviceId: this.service.id });
    }
}
