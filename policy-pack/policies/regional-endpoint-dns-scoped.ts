import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { AWS_FACTS } from "../lib/aws-facts";
import { ZoneLinks } from "../lib/dns";
import { onStack } from "../lib/policy";
import { regionalEndpoints, roleOf } from "../lib/roles";
import { attachedGateways, connectedGroups, peeringSides } from "../lib/topology";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { str } from "../lib/values";

const norm = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * `regional-endpoint-dns-scoped`: the zones of a regional endpoint VPC (role `endpoints`, lib/roles.ts:
 * one Region's interface endpoints for the clients that call their own Region, such as SSM Agent and the
 * CloudWatch agent) answer that Region's spokes only, and only spokes that can reach the endpoints.
 * For each of its endpoints to an AWS service:
 *
 * - an alias A record targets it, in a private hosted zone of this stack named for the endpoint VPC's
 *   Region (`ssm.<region>.amazonaws.com`, `dkr.ecr.<region>…`: the same names as the hub's zones, for
 *   the Region the clients run in);
 * - a Route 53 Profile that holds the zone is one of the endpoint VPC's Region (a Profile serves only
 *   its own Region's VPCs: another Region's would hand that Region's spokes this Region's names);
 * - every VPC the zone is associated with (its `vpcs`, a ZoneAssociation, or a Route 53 Profile holding
 *   the zone that the VPC is associated with: lib/dns.ts) is the endpoint VPC itself or
 *   a VPC of the same Region connected to it (a peering with it, or transit gateways joined to its
 *   own): never the hub, never a VPC of another Region (whose clients would then call this Region's
 *   endpoints for their own Region's names — they do not exist there), never a VPC with no path to the
 *   endpoints (the name would resolve to addresses it cannot reach). A zone associated with a VPC that
 *   did not ask is a known complaint (awslabs/landing-zone-accelerator-on-aws#827).
 *
 * Which of the Region's spokes get which zone is the config's (opt-outs): the pack does not demand every
 * zone for every spoke; the config rules refuse an opt-out that leaves a dependency unmet.
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS whitepaper "Building a scalable and secure multi-VPC network infrastructure",
 *   centralized access to VPC private endpoints; Route 53 private hosted zone associations).
 * - Preview: records -> endpoints (`aliases`), records -> zones (`zoneId`), associations -> zones and
 *   VPCs (`zoneId`, `vpcId`), Profile resource associations -> zones and Profiles (`resourceArn`,
 *   `profileId`), Profile associations -> Profiles and VPCs (`profileId`, `resourceId`), peerings and attachments -> VPCs are property dependencies; zone names and
 *   Regions (providers) are known inputs. No id is read.
 */
export const regionalEndpointDnsScoped: StackValidationPolicy = {
    name: "regional-endpoint-dns-scoped",
    description: "A regional endpoint VPC's zones are named for its Region and associated only with connected VPCs of that Region.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:centralised-endpoints"],
    remediationSteps:
        "Associate a regional endpoint zone only with the spokes of its own Region that are peered with or attached alongside the endpoint VPC; other Regions' spokes use their own Region's set.",
    validateStack: onStack((g, report) => {
        const records = g.ofType(T.record).filter((r) => g.props(r)["type"] === "A");
        const associations = g.ofType(T.zoneAssociation);
        // dns.mode profiles: a VPC also resolves the zones of the Route 53 Profile it is associated with.
        const links = new ZoneLinks(g);
        const resourceAssociations = g.ofType(T.profilesResourceAssociation);
        const groups = connectedGroups(g);
        const peered = (a: PolicyResource, b: PolicyResource) =>
            g.ofType(T.peering).some((c) => {
                const s = peeringSides(g, c);
                return (s.requester === a && s.accepter === b) || (s.requester === b && s.accepter === a);
            });
        const connected = (a: PolicyResource, b: PolicyResource) =>
            peered(a, b) ||
            (attachedGateways(g, a).length > 0 && attachedGateways(g, b).length > 0 && groups.get(a.urn) === groups.get(b.urn));

        for (const { endpoint, vpc: home, service } of regionalEndpoints(g)) {
            if (AWS_FACTS.services.servicesWithoutZone.includes(service)) {
                continue;
            }
            const region = g.region(home);
            const aliases = records.filter((r) => g.dependsOn(r, "aliases", endpoint));
            const zones = [...new Set(aliases.map((r) => g.dep(r, "zoneId", [T.zone])).filter((z): z is PolicyResource => !!z))];
            if (zones.length === 0) {
                report(
                    `Regional endpoint ${endpoint.name} (${service}) has no alias A record in a hosted zone of this stack; add the zone ${AWS_FACTS.services.zonePrefixes[service] ?? service}.${region ?? "<region>"}.amazonaws.com with an alias record to it.`,
                    endpoint.urn,
                );
                continue;
            }
            for (const zone of zones) {
                const zname = str(g.props(zone)["name"]);
                const expected = `${AWS_FACTS.services.zonePrefixes[service] ?? service}.${region}.amazonaws.com`;
                if (region !== undefined && typeof zname === "string" && !isUnknown(zname) && norm(zname) !== expected) {
                    report(
                        `Zone ${zone.name} of regional endpoint ${endpoint.name} is named ${zname}; the ${region} clients of ${service} resolve ${expected}: rename the zone.`,
                        zone.urn,
                    );
                }
                // The Profiles holding the zone: only a Profile of the set's own Region may (a Profile
                // serves its own Region's VPCs, so another Region's would give that Region's spokes this
                // Region's names). Judged on the Profile itself, so a Profile with no VPC yet is caught too.
                const holders = resourceAssociations
                    .filter((ra) => g.dependsOn(ra, "resourceArn", zone))
                    .map((ra) => ({ ra, profile: g.dep(ra, "profileId", [T.profilesProfile]) }))
                    .filter((x): x is { ra: PolicyResource; profile: PolicyResource } => !!x.profile);
                const vpcsOf = (profile: PolicyResource) =>
                    links
                        .vpcsOfProfile(profile)
                        .map((pa) => g.dep(pa, "resourceId", [T.vpc]))
                        .filter((v): v is PolicyResource => !!v);
                const sameRegion: PolicyResource[] = [];
                for (const { ra, profile } of holders) {
                    const pr = g.region(profile);
                    if (region !== undefined && pr !== undefined && pr !== region) {
                        const served = vpcsOf(profile).map((v) => v.name);
                        report(
                            `Zone ${zone.name} (the ${region} endpoint set's ${service}) is held by Route 53 Profile ${profile.name} of ${pr}${served.length > 0 ? ` (VPCs ${served.join(", ")})` : ""}; a Region's endpoint set serves that Region's spokes only: remove the resource association ${ra.name} (${pr}'s Profile holds ${pr}'s own set).`,
                            ra.urn,
                        );
                    } else {
                        sameRegion.push(profile);
                    }
                }
                const vpcs = [
                    ...g.deps(zone, "vpcs", [T.vpc]),
                    ...associations
                        .filter((a) => g.dependsOn(a, "zoneId", zone))
                        .map((a) => g.dep(a, "vpcId", [T.vpc]))
                        .filter((v): v is PolicyResource => !!v),
                    ...sameRegion.flatMap(vpcsOf),
                ];
                for (const vpc of new Set(vpcs)) {
                    if (vpc === home) {
                        continue;
                    }
                    const role = roleOf(g, vpc) ?? "unplaced";
                    const vpcRegion = g.region(vpc);
                    if (role === "hub") {
                        report(
                            `Zone ${zone.name} (the ${region} endpoint set's ${service}) is associated with hub VPC ${vpc.name}; only ${region}'s spokes resolve it: remove the association.`,
                            zone.urn,
                        );
                    } else if (region !== undefined && vpcRegion !== undefined && vpcRegion !== region) {
                        report(
                            `Zone ${zone.name} (the ${region} endpoint set's ${service}) is associated with ${role} VPC ${vpc.name} in ${vpcRegion}; a Region's endpoint set serves that Region's spokes only: remove the association (${vpcRegion}'s spokes use their own Region's set).`,
                            zone.urn,
                        );
                    } else if (!connected(vpc, home)) {
                        report(
                            `Zone ${zone.name} resolves ${service} to ${home.name}'s endpoints for ${role} VPC ${vpc.name}, which has no peering or transit gateway path to ${home.name}: connect it or remove the association.`,
                            zone.urn,
                        );
                    }
                }
            }
        }
    }),
};
