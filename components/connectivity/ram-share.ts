import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionalProviders } from "../providers";

/** One Region's transit gateway and the workload accounts (names) whose VPCs attach to it. */
export interface SharedTransitGateway {
    readonly region: string;
    readonly transitGateway: aws.ec2transitgateway.TransitGateway;
    /** Declared account names other than the network account, each with a VPC attached in `region`. */
    readonly accounts: readonly string[];
}

export interface TransitGatewaySharesArgs {
    /** The network account's TGWs that VPCs of other accounts attach to (others are not shared). */
    readonly gateways: readonly SharedTransitGateway[];
    /** Providers per (account, region): the share is the network account's, an accepter its receiver's. */
    readonly providers: RegionalProviders;
    /**
     * The organisation's ARN when the stack is in one (`landing-zone:organizationId`): the shares go to
     * the organisation, without invitations, closed to external principals. @default undefined: each
     * share goes to each workload account, which accepts its invitation
     */
    readonly organizationArn?: pulumi.Input<string>;
}

/**
 * The network account's transit gateways shared with the workload accounts through AWS RAM, so that a
 * workload account can attach its own VPC to them. One `ResourceShare` per shared TGW's Region (a RAM
 * share is regional and holds resources of its own Region), holding that TGW (`ResourceAssociation`).
 *
 * - In an organisation: one `PrincipalAssociation` with the organisation's ARN and
 *   `allowExternalPrincipals: false`. With RAM sharing with AWS Organizations enabled (once, from the
 *   management account: `aws ram enable-sharing-with-aws-organization`), accounts of the organisation
 *   get the share without an invitation; until it is enabled an organisation principal is refused.
 *   "Until you enable sharing within the organization, you can specify only individual AWS accounts"
 *   (RAM API reference, EnableSharingWithAwsOrganization;
 *   https://docs.aws.amazon.com/ram/latest/APIReference/API_EnableSharingWithAwsOrganization.html).
 * - Outside one: a `PrincipalAssociation` per workload account (its id) and `allowExternalPrincipals:
 *   true` (an account outside the owner's organisation is an external principal); RAM sends each an
 *   invitation, which the workload account accepts with a `ResourceShareAccepter` made with its own
 *   provider. Until then the TGW is not visible to it and CreateTransitGatewayVpcAttachment fails.
 *   https://www.pulumi.com/registry/packages/aws/api-docs/ram/principalassociation/
 *
 * `shareReady(region, account)` is what a VPC attachment of that account must wait for: the principal
 * association (organisation) or the account's accepter (outside one), both after the TGW's
 * association with the share.
 */
export class TransitGatewayShares extends pulumi.ComponentResource {
    /** The share of each shared Region. */
    readonly shares: Readonly<Record<string, aws.ram.ResourceShare>>;
    private readonly ready = new Map<string, pulumi.Resource[]>();

    constructor(name: string, args: TransitGatewaySharesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:connectivity:TransitGatewayShares", name, {}, opts);
        const network = args.providers.account();
        if (network === undefined) {
            throw new pulumi.ResourceError("transit gateway shares need landing-zone:accounts (a multi-account stack)", this);
        }
        const inOrg = args.organizationArn !== undefined;
        const shares: Record<string, aws.ram.ResourceShare> = {};
        for (const g of [...args.gateways].sort((a, b) => a.region.localeCompare(b.region))) {
            const inNetwork = { parent: this, provider: args.providers.get(g.region) };
            const share = new aws.ram.ResourceShare(
                `${name}-${g.region}`,
                {
                    name: `${name}-${g.region}`,
                    allowExternalPrincipals: !inOrg,
                    tags: { Name: `${name}-${g.region}` },
                },
                inNetwork,
            );
            shares[g.region] = share;
            const resource = new aws.ram.ResourceAssociation(
                `${name}-${g.region}-tgw`,
                { resourceShareArn: share.arn, resourceArn: g.transitGateway.arn },
                inNetwork,
            );
            const accounts = [...new Set(g.accounts)].sort();
            if (inOrg) {
                const principal = new aws.ram.PrincipalAssociation(
                    `${name}-${g.region}-organization`,
                    { resourceShareArn: share.arn, principal: args.organizationArn },
                    { ...inNetwork, dependsOn: [resource] },
                );
                for (const a of accounts) {
                    this.ready.set(`${g.region}|${a}`, [resource, principal]);
                }
                continue;
            }
            for (const a of accounts) {
                const acct = args.providers.account(a);
                if (acct === undefined || acct.name === network.name) {
                    continue;
                }
                // Named after the principal (the account), not its position: adding an account adds one.
                const principal = new aws.ram.PrincipalAssociation(
                    `${name}-${g.region}-${a}`,
                    { resourceShareArn: share.arn, principal: acct.id },
                    { ...inNetwork, dependsOn: [resource] },
                );
                // The invitation exists once the principal is associated: the accepter (the receiving
                // account's provider, same Region) finds it by the share's ARN.
                // https://www.pulumi.com/registry/packages/aws/api-docs/ram/resourceshareaccepter/
                const accepter = new aws.ram.ResourceShareAccepter(
                    `${name}-${g.region}-${a}-accepter`,
                    { shareArn: share.arn },
                    { parent: this, provider: args.providers.get(g.region, a), dependsOn: [principal] },
                );
                this.ready.set(`${g.region}|${a}`, [resource, principal, accepter]);
            }
        }
        this.shares = shares;
        this.registerOutputs({ resourceShareArns: Object.fromEntries(Object.entries(shares).map(([r, s]) => [r, s.arn])) });
    }

    /**
     * What a VPC attachment of `account` to `region`'s TGW waits for: the share usable by that account.
     * A bug (thrown) if that TGW was not shared with it.
     */
    shareReady(region: string, account: string): pulumi.Resource[] {
        const r = this.ready.get(`${region}|${account}`);
        if (r === undefined) {
            throw new pulumi.ResourceError(`the transit gateway of ${region} is not shared with account "${account}"`, this);
        }
        return r;
    }
}
