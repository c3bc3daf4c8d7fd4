/**
 * How a VPC gets a private hosted zone, in either DNS mode of the program (`landing-zone:dns.mode`):
 *
 * - directly: the zone's own `vpcs` (its creation VPC) or a `route53.ZoneAssociation` whose `zoneId`
 *   depends on the zone and `vpcId` on the VPC;
 * - through a Route 53 Profile: a `route53.ProfilesResourceAssociation` whose `resourceArn` depends on
 *   the zone and `profileId` on a `route53.ProfilesProfile`, and a `route53.ProfilesAssociation` whose
 *   `profileId` depends on that Profile and `resourceId` on the VPC, in the VPC's Region (a Profile
 *   serves only the VPCs of its own Region: AWS News Blog, "Unify DNS management using Amazon Route 53
 *   Profiles", "apply that configuration to multiple VPCs in the same AWS Region").
 *
 * Everything is a property dependency (known in a preview); regions come from providers.
 *
 * @module
 */
import type { PolicyResource } from "@pulumi/policy";
import { StackGraph } from "./graph";
import { T } from "./types";

/** How `vpc` resolves `zone`, or undefined when it does not. */
export type ZoneLink =
    | { readonly via: "zone" | "association"; readonly by: PolicyResource }
    | { readonly via: "profile"; readonly by: PolicyResource; readonly profile: PolicyResource };

/** Zone-to-VPC links of a stack, indexed once (a policy asks for every (zone, VPC) pair). */
export class ZoneLinks {
    private readonly associations: PolicyResource[];
    private readonly resourceAssociations: PolicyResource[];
    private readonly profileAssociations: PolicyResource[];

    constructor(private readonly g: StackGraph) {
        this.associations = g.ofType(T.zoneAssociation);
        this.resourceAssociations = g.ofType(T.profilesResourceAssociation);
        this.profileAssociations = g.ofType(T.profilesAssociation);
    }

    /** The direct link first (the zone's `vpcs`, then an association), else a Profile in the VPC's Region. */
    link(zone: PolicyResource, vpc: PolicyResource): ZoneLink | undefined {
        const g = this.g;
        if (g.dependsOn(zone, "vpcs", vpc)) {
            return { via: "zone", by: zone };
        }
        const a = this.associations.find((x) => g.dependsOn(x, "zoneId", zone) && g.dependsOn(x, "vpcId", vpc));
        if (a) {
            return { via: "association", by: a };
        }
        for (const ra of this.resourceAssociations.filter((x) => g.dependsOn(x, "resourceArn", zone))) {
            const profile = g.dep(ra, "profileId", [T.profilesProfile]);
            if (!profile) {
                continue;
            }
            const pa = this.profileAssociations.find((x) => g.dependsOn(x, "profileId", profile) && g.dependsOn(x, "resourceId", vpc));
            const pr = g.region(profile);
            const vr = g.region(vpc);
            if (pa && (pr === undefined || vr === undefined || pr === vr)) {
                return { via: "profile", by: pa, profile };
            }
        }
        return undefined;
    }

    /** VPCs associated with any Profile that holds `zone` (whatever their Region: scope rules judge that). */
    profileVpcsOf(zone: PolicyResource): PolicyResource[] {
        const g = this.g;
        return this.resourceAssociations
            .filter((ra) => g.dependsOn(ra, "resourceArn", zone))
            .map((ra) => g.dep(ra, "profileId", [T.profilesProfile]))
            .filter((p): p is PolicyResource => !!p)
            .flatMap((p) => this.vpcsOfProfile(p).map((pa) => g.dep(pa, "resourceId", [T.vpc])))
            .filter((v): v is PolicyResource => !!v);
    }

    /** Profile associations of a Profile (one per VPC). */
    vpcsOfProfile(profile: PolicyResource): PolicyResource[] {
        return this.profileAssociations.filter((x) => this.g.dependsOn(x, "profileId", profile));
    }

    /** Profile associations whose VPC lies in another Region than the Profile (AWS refuses them). */
    crossRegionProfileAssociations(): {
        readonly association: PolicyResource;
        readonly profileRegion: string;
        readonly vpcRegion: string;
    }[] {
        const g = this.g;
        return this.profileAssociations.flatMap((pa) => {
            const profile = g.dep(pa, "profileId", [T.profilesProfile]);
            const vpc = g.dep(pa, "resourceId", [T.vpc]);
            const pr = profile ? g.region(profile) : undefined;
            const vr = vpc ? g.region(vpc) : undefined;
            return pr && vr && pr !== vr ? [{ association: pa, profileRegion: pr, vpcRegion: vr }] : [];
        });
    }
}
