import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { providerFromOptions } from "../providers";
import { childOptions } from "./children";
import { namedMembers, planSupportedRegions, principalKey } from "./plan";

/** Arguments of a VPC endpoint service (PrivateLink) in front of existing load balancers. */
export interface PrivateLinkServiceArgs {
    /** Network Load Balancers that serve the service (aws-cdk's `vpcEndpointServiceLoadBalancers`). */
    readonly loadBalancers: readonly aws.lb.LoadBalancer[];
    /** Region of the service (and of its provider). */
    readonly region: string;
    /** Regions of this stack's consumer endpoints: the cross-region ones become `supportedRegions`. @default [] */
    readonly consumerRegions?: readonly string[];
    /** Connection requests must be accepted. */
    readonly acceptanceRequired: boolean;
    /** Principals allowed to create endpoints (account root, role or user ARNs, or `*`). */
    readonly allowedPrincipals: readonly string[];
    /**
     * This stack's account, when the stack has consumer endpoints of its own: they are created by this
     * account, which must be allowed too. @default undefined (no consumers of its own)
     */
    readonly selfAccount?: {
        readonly accountId: pulumi.Input<string>;
        /** The same account when the config pins it: lets the service see it is already listed. */
        readonly configuredAccountId?: string;
    };
    /** Private DNS name (needs a public TXT record to verify). @default none */
    readonly privateDnsName?: string;
    /** The TXT record is published: ask AWS to verify the name (phase 2). @default false */
    readonly privateDnsVerified?: boolean;
    /** Former parent of these children (see `ServiceLoadBalancerArgs.movedFrom`). @default none */
    readonly movedFrom?: pulumi.Resource;
}

/**
 * A VPC endpoint service with its allowed principals and private-DNS verification — aws-cdk's
 * `VpcEndpointService`: it takes the load balancers, it does not build them. It also accepts
 * connection requests from this stack's own consumers (`accept`), in the service's region.
 * Single-region: the provider comes from the options.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html
 */
/** The account root principal of an account id. */
function selfArn(accountId: string): string {
    return `arn:aws:iam::${accountId}:root`;
}

export class PrivateLinkService extends pulumi.ComponentResource {
    readonly service: aws.ec2.VpcEndpointService;
    /** Regions consumers may connect from: the service's own first, then each cross-region consumer's. */
    readonly supportedRegions: readonly string[];
    /** What this stack's consumer endpoints must wait for: the principal that allows this account. */
    readonly consumerAccess: pulumi.Input<readonly pulumi.Resource[]>;
    /** Private-DNS verification (phase 2), when requested. */
    readonly verification?: aws.vpc.EndpointServicePrivateDnsVerification;
    /** The service's private DNS name, when set (phase 1 or 2): consumers then own their setting through EndpointPrivateDns. */
    readonly privateDnsName?: string;
    private readonly provider: pulumi.ProviderResource;
    private readonly movedFrom?: pulumi.Resource;
    private readonly acceptanceRequired: boolean;

    constructor(name: string, args: PrivateLinkServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:endpoint-service:Service", name, {}, opts);
        this.provider = providerFromOptions(this, opts);
        this.movedFrom = args.movedFrom;
        this.acceptanceRequired = args.acceptanceRequired;
        if (args.privateDnsName) {
            this.privateDnsName = args.privateDnsName;
        }
        const child = (formerName?: string) => this.child(formerName);

        // AWS always reports the service's own region among the supported regions; listing only the
        // others would show a diff on every preview and an update that tries to remove the home region.
        // (terraform-provider-aws: TestAccVPCEndpointService_basic reads back one region, the provider's.)
        this.supportedRegions = planSupportedRegions(args.region, args.consumerRegions ?? []);
        this.service = new aws.ec2.VpcEndpointService(
            name,
            {
                acceptanceRequired: args.acceptanceRequired,
                networkLoadBalancerArns: args.loadBalancers.map((lb) => lb.arn),
                // Always explicit (see planSupportedRegions): shrinks back to the own region when the
                // last cross-region consumer goes.
                supportedRegions: [...this.supportedRegions],
                // Optional + Computed in the provider, and Update never sends RemovePrivateDnsName:
                // leaving it out later keeps the name on the service. Removing a name is the
                // documented out-of-band step (README, Day-2 changes), reported by the change-safety
                // check (offline/changes/not-applied.ts).
                ...(args.privateDnsName ? { privateDnsName: args.privateDnsName } : {}),
                tags: { Name: name },
            },
            child(),
        );
        // One resource per principal, named by its ARN: adding or removing a principal adds or removes
        // that resource and changes nothing else.
        const principals = new Map(
            namedMembers(args.allowedPrincipals, principalKey).map((m) => [
                m.value,
                new aws.ec2.VpcEndpointServiceAllowedPrinciple(
                    `${name}-principal-${m.key}`,
                    { vpcEndpointServiceId: this.service.id, principalArn: m.value },
                    child(`${name}-principal-${m.formerKey}`),
                ),
            ]),
        );
        // The stack's own consumer endpoints are created by this account: it must be allowed too, by
        // exactly one resource — two resources for one principal would revoke it for both when either
        // is deleted (the delete removes by ARN). It is named by its ARN like any other principal, so
        // listing the account later (or pinning accountId) keeps the same resource.
        const self = args.selfAccount;
        const allowSelf = (arn: string): pulumi.Resource[] => {
            const listed = principals.get(arn);
            if (listed) {
                return [listed];
            }
            return [
                new aws.ec2.VpcEndpointServiceAllowedPrinciple(
                    `${name}-principal-${principalKey(arn)}`,
                    { vpcEndpointServiceId: this.service.id, principalArn: arn },
                    // Earlier versions named it `principal-self`.
                    child(`${name}-principal-self`),
                ),
            ];
        };
        const known = self?.configuredAccountId ?? (typeof self?.accountId === "string" ? self.accountId : undefined);
        this.consumerAccess = !self
            ? []
            : known !== undefined
              ? allowSelf(selfArn(known))
              : // Not pinned: the caller's account comes from sts:GetCallerIdentity, an invoke, whose
                // result is known during a preview too, so the one resource is decided (and shown)
                // there as well. A resource's name must be a plain string, hence the apply.
                pulumi.output(self.accountId).apply((account) => allowSelf(selfArn(account)));
        if (args.privateDnsName && args.privateDnsVerified) {
            // Phase 2: the TXT record from `privateDnsNameConfiguration` is published; ask AWS to verify.
            this.verification = new aws.vpc.EndpointServicePrivateDnsVerification(
                `${name}-dns-verification`,
                { serviceId: this.service.id, waitForVerification: true },
                child(),
            );
        }

        this.registerOutputs({ serviceName: this.service.serviceName, serviceId: this.service.id });
    }

    /**
     * Accepts the connection request of one of this stack's endpoints, in the service's region (this
     * stack owns both sides). Returns what must exist before the endpoint is fully usable: the
     * accepter, or nothing when the service auto-accepts.
     */
    accept(name: string, endpoint: aws.ec2.VpcEndpoint): pulumi.Resource[] {
        if (!this.acceptanceRequired) {
            return [];
        }
        return [
            new aws.ec2.VpcEndpointConnectionAccepter(
                name,
                { vpcEndpointServiceId: this.service.id, vpcEndpointId: endpoint.id },
                this.child(),
            ),
        ];
    }

    private child(formerName?: string): pulumi.CustomResourceOptions {
        return childOptions(this, this.provider, {
            ...(this.movedFrom ? { parent: this.movedFrom } : {}),
            ...(formerName !== undefined ? { name: formerName } : {}),
        });
    }
}
