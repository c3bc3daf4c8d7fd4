import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkVpc } from "../network/vpc";
import { providerFromOptions } from "../providers";
import { childOptions } from "./children";
import { PrivateLinkService } from "./service";

/** Arguments of one consumer endpoint of an endpoint service. */
export interface ServiceConsumerArgs {
    /** The endpoint service's configured name (descriptions and the `landing-zone:consumer-of` tag). */
    readonly serviceName: string;
    /** The consumer spoke's name (descriptions). */
    readonly consumerName: string;
    /** The consumer's VPC: the endpoint goes into its endpoint tier. */
    readonly network: NetworkVpc;
    /** Service port: the endpoint's group admits the consumer VPC on it. */
    readonly port: number;
    /** The service to connect to; it accepts the connection in its own region. */
    readonly service: PrivateLinkService;
    /** Region of the service. */
    readonly serviceRegion: string;
    /** VPC of the service's NLB: a same-region consumer may only use the AZs it is in. */
    readonly serviceVpc: NetworkVpc;
    /** Former parent of these children (see `ServiceLoadBalancerArgs.movedFrom`). @default none */
    readonly movedFrom?: pulumi.Resource;
}

/**
 * One consumer of an endpoint service: an interface endpoint in the consumer's VPC with its own
 * security group, created with the consumer's regional provider (from the options), accepted by the
 * service, and — while the service has a private DNS name — an EndpointPrivateDns that switches
 * private DNS on once accepted and verified (phase 2) and keeps it off before (phase 1).
 *
 * Same-region consumers use only AZs the NLB is in, matched by AZ ID; cross-region consumers set
 * `serviceRegion` and PrivateLink reaches the service's AZs itself.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html
 */
export class ServiceConsumer extends pulumi.ComponentResource {
    readonly endpoint: aws.ec2.VpcEndpoint;
    readonly securityGroup: aws.ec2.SecurityGroup;

    constructor(name: string, args: ServiceConsumerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:endpoint-service:Consumer", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const former = args.movedFrom ? { parent: args.movedFrom } : undefined;
        const child = (extra?: pulumi.CustomResourceOptions) => childOptions(this, provider, former, extra);
        const { network, port, serviceName } = args;

        this.securityGroup = new aws.ec2.SecurityGroup(
            name,
            {
                vpcId: network.vpcId,
                description: `Endpoint to ${serviceName}: service port from the ${args.consumerName} VPC`,
                tags: { Name: name },
            },
            child(),
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-from-vpc`,
            {
                securityGroupId: this.securityGroup.id,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                cidrIpv4: network.cidr,
                description: `${serviceName} clients in ${args.consumerName}`,
            },
            child(),
        );
        const crossRegion = network.region !== args.serviceRegion;
        // Same region: only AZs the NLB is in. Both VPCs take the region's first N available AZs of
        // this account, so slot i is the same zone on both sides; each subnet still asserts it by
        // AZ ID (AZ names differ per account). The list keeps a known length and one property
        // dependency per subnet, so policies can count AZs during a preview. Across regions AZ IDs
        // are unrelated and PrivateLink reaches the service's AZs itself.
        const consumerSubnets = network.subnetIds("endpoint");
        const nlbSubnets = args.serviceVpc.subnetIds("endpoint");
        const slots = crossRegion ? consumerSubnets.length : Math.min(consumerSubnets.length, nlbSubnets.length);
        const subnetIds = consumerSubnets.slice(0, slots).map((id, i) =>
            crossRegion
                ? id
                : pulumi.all([network.azIds, args.serviceVpc.azIds, id]).apply(([consumerAzs, nlbAzs, subnetId]) => {
                      if (!nlbAzs.includes(consumerAzs[i])) {
                          throw new pulumi.ResourceError(
                              `endpoint service ${serviceName}: consumer ${args.consumerName}'s AZ ${consumerAzs[i]} is not one of the NLB's (${nlbAzs.join(", ")}). Fix: give both VPCs the same azCount or raise the host's`,
                              this,
                          );
                      }
                      return subnetId;
                  }),
        );
        this.endpoint = new aws.ec2.VpcEndpoint(
            name,
            {
                vpcId: network.vpcId,
                serviceName: args.service.service.serviceName,
                vpcEndpointType: "Interface",
                subnetIds,
                securityGroupIds: [this.securityGroup.id],
                // Private DNS cannot be enabled while the connection is pending acceptance or the name
                // unverified: it is created off and switched on below, after both (EndpointPrivateDns).
                // https://github.com/hashicorp/terraform-provider-aws/pull/37628
                // (Explicitly false: the provider sends it, and CreateVpcEndpoint's default is true.
                // https://github.com/hashicorp/terraform-provider-aws/pull/37715)
                privateDnsEnabled: false,
                ...(crossRegion ? { serviceRegion: args.serviceRegion } : {}),
                tags: { Name: name, "landing-zone:consumer-of": serviceName },
            },
            child({
                // A plain list when the account is pinned: an Output holding Resources costs a walk of
                // the whole program graph (the SDK scans every Output value for unknowns).
                dependsOn: Array.isArray(args.service.consumerAccess)
                    ? [...(args.service.consumerAccess as readonly pulumi.Resource[])]
                    : pulumi.output(args.service.consumerAccess).apply((r) => [...r]),
                // While the service has a name, EndpointPrivateDns owns the setting. Set in both
                // places, the two resources fight (the provider documents persistent differences:
                // endpointPrivateDns.d.ts, "the privateDnsEnabled argument should be omitted on the
                // parent aws.ec2.VpcEndpoint"); ignoring it here keeps the create-time false and lets
                // the state converge.
                ...(args.service.privateDnsName ? { ignoreChanges: ["privateDnsEnabled"] } : {}),
            }),
        );
        const accepted = args.service.accept(`${name}-accept`, this.endpoint);
        if (args.service.privateDnsName) {
            // Kept in both phases, on only once verified (phase 2). Going back to phase 1 must update
            // it to false: the provider's delete of aws_vpc_endpoint_private_dns is a no-op
            // (framework.WithNoOpDelete in internal/service/ec2/vpc_endpoint_private_dns.go), so
            // deleting it would leave private DNS on while the endpoint's state still says false.
            const verified = args.service.verification;
            new aws.vpc.EndpointPrivateDns(
                `${name}-private-dns`,
                { vpcEndpointId: this.endpoint.id, privateDnsEnabled: verified !== undefined },
                child({ dependsOn: [...accepted, ...(verified ? [verified] : [])] }),
            );
        }

        this.registerOutputs({ endpointId: this.endpoint.id });
    }
}
