import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SpokeConfig } from "../config/schema";
import { providerFromOptions } from "../providers";
import { CentralEndpoint, PolicyScope, policyFor } from "./hub";
import { NetworkVpc, NetworkVpcArgs } from "./vpc";

/** Arguments of a spoke. The spoke region's provider comes in the component options (`{ parent, provider }`). */
export interface SpokeArgs {
    readonly spoke: SpokeConfig;
    /** Config path of this spoke, named in errors, e.g. `landing-zone:spokes[1]`. */
    readonly configKey: string;
    /**
     * The hub's centralised endpoints: the spoke associates every one of their zones (the caller leaves
     * out the S3 zone for a spoke of the hub's Region with an S3 gateway: planning/hub-s3-zone.ts).
     */
    readonly hubEndpoints: readonly CentralEndpoint[];
    readonly policyScope: PolicyScope;
    readonly flowLogs: NetworkVpcArgs["flowLogs"];
    /** Protect the VPC. @default false */
    readonly protect?: boolean;
    /**
     * Provider of the hub zones' account (the network account), when the spoke is in another account:
     * each association is then authorised by the zone's account first.
     * @default undefined: the zones are in the spoke's own account
     */
    readonly zoneOwnerProvider?: pulumi.ProviderResource;
}

/**
 * A spoke: a private VPC with its own gateway endpoints, resolving AWS service names to the hub's
 * endpoints through associations with the hub's private hosted zones.
 *
 * Each association is its own resource (`aws.route53.ZoneAssociation`, with the spoke's `vpcRegion`):
 * adding a spoke adds resources and modifies none. The hub zones ignore changes to `vpcs` for that reason.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs.html
 *
 * A spoke in another account than the zones: the zone's account first authorises the association
 * (`route53.VpcAssociationAuthorization`, one per VPC and zone), then the spoke's account associates
 * (the association is made with the spoke's provider and depends on the authorization, which a policy
 * sees in a preview too; its zone id still comes from the zone, so DNS checks find the zone directly).
 * The authorization can be deleted once the
 * association exists; it is kept here so that the pair stays declared. Outstanding authorizations per
 * zone are limited (Route 53 returns TooManyVPCAssociationAuthorizations): see the README, Multi-account.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
 */
export class Spoke extends pulumi.ComponentResource {
    readonly name: string;
    readonly config: SpokeConfig;
    readonly network: NetworkVpc;
    /** Its hub zone associations (the constructor's, then associateHubZones's). */
    zoneAssociations: readonly aws.route53.ZoneAssociation[];
    private readonly zoneOwner: pulumi.ProviderResource | undefined;
    private readonly provider: pulumi.ProviderResource;

    constructor(name: string, args: SpokeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:network:Spoke", name, {}, opts);
        this.name = name;
        this.config = args.spoke;
        const s = args.spoke;
        const provider = providerFromOptions(this, opts);
        this.provider = provider;
        const child = { parent: this, provider };

        this.network = new NetworkVpc(
            name,
            {
                region: s.region,
                cidr: s.cidr,
                azCount: s.azCount,
                ...(s.availabilityZones !== undefined ? { availabilityZones: s.availabilityZones } : {}),
                configKey: args.configKey,
                role: "spoke",
                flowLogs: args.flowLogs,
                gatewayEndpoints: s.gatewayEndpoints,
                gatewayEndpointPolicy: (svc) => policyFor(svc, s.region, args.policyScope),
                protect: args.protect,
                builder: s.builder,
            },
            child,
        );

        this.zoneOwner = args.zoneOwnerProvider;
        this.zoneAssociations = this.associateHubZones(args.hubEndpoints);

        this.registerOutputs({ vpcId: this.network.vpcId });
    }

    /**
     * Associates the spoke with more hub zones, after construction: the hub's S3 zone, created once its
     * creation VPC (a regional endpoint VPC) exists (Hub.addS3Zone). Each association is its own resource,
     * named as the constructor names them.
     */
    associateHubZones(hubEndpoints: readonly CentralEndpoint[]): aws.route53.ZoneAssociation[] {
        const name = this.name;
        const s = this.config;
        const zoneOwner = this.zoneOwner;
        const child = { parent: this, provider: this.provider };
        const added = hubEndpoints.flatMap((e) => {
            if (!e.zone) {
                return [];
            }
            const key = `${name}-${e.service.replace(/\./g, "-")}`;
            const authorization = zoneOwner
                ? new aws.route53.VpcAssociationAuthorization(
                      `${key}-authorization`,
                      { zoneId: e.zone.zoneId, vpcId: this.network.vpcId, vpcRegion: s.region },
                      { parent: this, provider: zoneOwner },
                  )
                : undefined;
            return [
                new aws.route53.ZoneAssociation(
                    key,
                    { zoneId: e.zone.zoneId, vpcId: this.network.vpcId, vpcRegion: s.region },
                    authorization ? { ...child, dependsOn: [authorization] } : child,
                ),
            ];
        });
        if (this.zoneAssociations !== undefined) {
            this.zoneAssociations = [...this.zoneAssociations, ...added];
        }
        return added;
    }
}
