import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkVpc } from "../network/vpc";

export { ROUTED_TIERS } from "../planning/routing";

export interface HubPeeringArgs {
    readonly hub: NetworkVpc;
    readonly hubProvider: aws.Provider;
    readonly spoke: NetworkVpc;
    readonly spokeProvider: aws.Provider;
    /**
     * The hub VPC's account id when the spoke is in another account (`hubProvider` is then that
     * account's provider): the request names the peer's owner, and the hub account accepts it.
     * @default undefined: both VPCs in one account
     */
    readonly peerOwnerId?: string;
}

/**
 * One VPC peering connection between a spoke and the hub, requested from the spoke's region (and
 * account) and accepted in the hub's region (and account).
 *
 * - Requester in the spoke region with `peerRegion` (omitted for a spoke in the hub region) and
 *   `autoAccept: false`: cross-region peerings cannot be auto-accepted by the requester. With the spoke
 *   in another account, the requester (the spoke account's provider) also names `peerOwnerId`, the hub's
 *   account: without it EC2 looks for the peer VPC in the requester's own account and fails; auto-accept
 *   is impossible across accounts too.
 *   https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html
 * - `VpcPeeringConnectionAccepter` in the hub region, with the hub account's provider, accepts it.
 * - Peering options, once per side, each with its own region's provider, after acceptance (the API
 *   rejects options on a connection that is not active). `allowRemoteVpcDnsResolution` lets each side
 *   resolve the other's EC2 private hostnames; it plays no part in resolving the endpoint zones.
 * - Routes (created by `VpcRoutes`, one per (route table, destination) in either mode) only for the
 *   peer's CIDR, in the workload and endpoint route tables of both sides, each waiting for the
 *   accepter. Never a default route: peering is not transitive, so a spoke never reaches another spoke
 *   (or anything behind the hub) through it.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html
 * https://www.pulumi.com/registry/packages/aws/api-docs/ec2/peeringconnectionoptions/
 */
export class HubPeering extends pulumi.ComponentResource {
    readonly connection: aws.ec2.VpcPeeringConnection;
    readonly accepter: aws.ec2.VpcPeeringConnectionAccepter;

    constructor(name: string, args: HubPeeringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:connectivity:HubPeering", name, {}, opts);
        const { hub, spoke } = args;
        const inSpoke = { parent: this, provider: args.spokeProvider };
        const inHub = { parent: this, provider: args.hubProvider };
        const crossRegion = spoke.region !== hub.region;
        const crossAccount = args.peerOwnerId !== undefined;
        const requesterTags = { Name: name, "landing-zone:side": "requester" };

        this.connection = new aws.ec2.VpcPeeringConnection(
            name,
            {
                vpcId: spoke.vpcId,
                peerVpcId: hub.vpcId,
                ...(crossRegion ? { peerRegion: hub.region } : {}),
                ...(crossAccount ? { peerOwnerId: args.peerOwnerId } : {}),
                autoAccept: false,
                tags: requesterTags,
            },
            inSpoke,
        );
        // Across regions or accounts each side has its own view of the connection and its own tags. In one
        // region and one account both resources manage the same object, so they must want the same tags: an
        // accepter without tags still gets the provider's defaultTags as its whole tag set and removes
        // the requester's Name and side tags on each update, which the requester then puts back.
        // https://github.com/cloudposse/terraform-aws-vpc-peering-multi-account/issues/117
        // https://github.com/grem11n/terraform-aws-vpc-peering/pull/35
        this.accepter = new aws.ec2.VpcPeeringConnectionAccepter(
            `${name}-accepter`,
            {
                vpcPeeringConnectionId: this.connection.id,
                autoAccept: true,
                tags: crossRegion || crossAccount ? { Name: name, "landing-zone:side": "accepter" } : requesterTags,
            },
            inHub,
        );

        // Options reference the accepter's id (same value as the connection's) so they wait for acceptance;
        // each side's options are set by that side's account (its provider): an account can only change
        // the options of its own side.
        new aws.ec2.PeeringConnectionOptions(
            `${name}-requester-options`,
            { vpcPeeringConnectionId: this.accepter.id, requester: { allowRemoteVpcDnsResolution: true } },
            inSpoke,
        );
        new aws.ec2.PeeringConnectionOptions(
            `${name}-accepter-options`,
            { vpcPeeringConnectionId: this.accepter.id, accepter: { allowRemoteVpcDnsResolution: true } },
            inHub,
        );

        this.registerOutputs({ peeringConnectionId: this.connection.id });
    }
}
