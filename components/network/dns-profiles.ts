import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DnsProfilePlan, profileName, profilesApiName } from "../planning/dns-profiles";
import { RegionalProviders } from "../providers";

/** Arguments of the Route 53 Profiles (`dns.mode: profiles`). Each child takes its Region's provider. */
export interface DnsProfilesArgs {
    /** One Profile per Region: the pure plan (components/planning/dns-profiles.ts). */
    readonly profiles: readonly DnsProfilePlan[];
    /** The zones the plan names, by zone key (`hub-ssm`). */
    readonly zones: ReadonlyMap<string, aws.route53.Zone>;
    /** The VPC ids the plan names, by VPC name (`spoke-payments`). */
    readonly vpcIds: ReadonlyMap<string, pulumi.Input<string>>;
    readonly providers: RegionalProviders;
    /** Project and stack: the Profiles' names (`<project>-<stack>-<region>`), unique per stack in the account. */
    readonly project: string;
    readonly stack: string;
}

/**
 * Route 53 Profiles: per Region, a `route53.ProfilesProfile`, one `ProfilesResourceAssociation` per zone
 * it holds (`resourceArn`: the zone's ARN) and one `ProfilesAssociation` per VPC (`resourceId`: the VPC
 * id), all in the Region's provider — a Profile and its VPCs share a Region; the zones are global.
 *
 * Children are named from what they own: `dns-profile-<region>`, `dns-profile-<region>-<zone key>`,
 * `dns-profile-<region>-<vpc>`. Adding a spoke adds one association and modifies nothing.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html
 */
export class DnsProfiles extends pulumi.ComponentResource {
    /** Region -> its Profile. */
    readonly profiles: Readonly<Record<string, aws.route53.ProfilesProfile>>;
    /** VPC name -> its Profile association. */
    readonly associations: Readonly<Record<string, aws.route53.ProfilesAssociation>>;

    constructor(name: string, args: DnsProfilesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:network:DnsProfiles", name, {}, opts);
        const profiles: Record<string, aws.route53.ProfilesProfile> = {};
        const associations: Record<string, aws.route53.ProfilesAssociation> = {};
        for (const plan of args.profiles) {
            const child = { parent: this, provider: args.providers.get(plan.region) };
            const base = `${name}-${plan.region}`;
            const profile = new aws.route53.ProfilesProfile(
                base,
                // Name is required by CreateProfile; tags come from the provider's defaultTags.
                { name: profileName(args.project, args.stack, plan.region) },
                child,
            );
            profiles[plan.region] = profile;
            for (const key of plan.zones) {
                const zone = args.zones.get(key);
                if (!zone) {
                    throw new pulumi.ResourceError(`${name}: the plan names zone ${key}, which the program did not create`, this);
                }
                new aws.route53.ProfilesResourceAssociation(
                    `${base}-${key}`,
                    { name: profilesApiName(key), profileId: profile.id, resourceArn: zone.arn },
                    // The zone must exist (and be private, with its own VPC) before a Profile can hold it.
                    child,
                );
            }
            for (const vpc of plan.vpcs) {
                const vpcId = args.vpcIds.get(vpc);
                if (vpcId === undefined) {
                    throw new pulumi.ResourceError(`${name}: the plan names VPC ${vpc}, which the program did not create`, this);
                }
                associations[vpc] = new aws.route53.ProfilesAssociation(
                    `${base}-${vpc}`,
                    { name: profilesApiName(vpc), profileId: profile.id, resourceId: vpcId },
                    // "A VPC can have only one Profile associated with it" (AssociateProfile): a replacement
                    // created before the old association is gone would be refused, so delete first (the
                    // VPC resolves the hub names publicly for the seconds in between).
                    { ...child, deleteBeforeReplace: true },
                );
            }
        }
        this.profiles = profiles;
        this.associations = associations;
        this.registerOutputs({ profileIds: Object.fromEntries(Object.entries(profiles).map(([r, p]) => [r, p.id])) });
    }
}
