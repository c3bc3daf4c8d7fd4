import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { endpointType } from "../lib/aws";
import { AWS_FACTS } from "../lib/aws-facts";
import { ZoneLinks } from "../lib/dns";
import { configOf, onStack, schema } from "../lib/policy";
import { hubEndpoints, roleOf, vpcsWithRole } from "../lib/roles";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { str } from "../lib/values";

export interface HubEndpointDnsConfig {
    /** Services AWS publishes no private DNS name for (a zone would black-hole them). @default ["dynamodb"] */
    readonly servicesWithoutZone: string[];
    /**
     * Zone-name prefix per service where it differs from the service name: the zone is
     * `<prefix>.<region>.amazonaws.com` (the published `PrivateDnsNames` without a leading `*.`).
     * @default {"ecr.api": "api.ecr", "ecr.dkr": "dkr.ecr", "ecs-agent": "ecs-a", "ecs-telemetry": "ecs-t"}
     */
    readonly zonePrefixes: Record<string, string>;
    /** Services whose clients use sub-domains of the zone name and need a `*` record too. @default ["ecr.dkr", "execute-api", "s3"] */
    readonly wildcardServices: string[];
}

/** Defaults: the pack's copy of the AWS facts (lib/aws-facts.ts, drift-tested against the program's table). */
export const HUB_ENDPOINT_DNS_DEFAULTS: HubEndpointDnsConfig = {
    servicesWithoutZone: [...AWS_FACTS.services.servicesWithoutZone],
    zonePrefixes: { ...AWS_FACTS.services.zonePrefixes },
    wildcardServices: [...AWS_FACTS.services.wildcardServices],
};

const norm = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * `hub-endpoint-dns-complete`: every centralised interface endpoint of the hub is resolvable from every
 * spoke. For each hub endpoint to an AWS service:
 *
 * - an alias A record targets it (the record's `aliases` property depends on the endpoint);
 * - the record lives in a PRIVATE hosted zone of this stack (`zoneId` depends on the Zone; the zone has
 *   `vpcs`) named `<svc>.<region>.amazonaws.com` or the service's published name (`api.ecr…`,
 *   `dkr.ecr…`; configurable), with an apex record, plus a `*` record where clients use sub-domains;
 * - the zone is associated with the hub VPC and with every spoke VPC (a ZoneAssociation whose `zoneId`
 *   depends on the zone and `vpcId` on the spoke, or the zone's own `vpcs`; or, with Route 53 Profiles,
 *   the zone is a resource of a Profile the VPC is associated with in the VPC's Region: lib/dns.ts),
 *   and no Profile association crosses Regions. One exception: the S3 zone (`s3.<region>.amazonaws.com`)
 *   answers every S3 name of its Region, so a VPC of that Region with its own S3 gateway endpoint (the
 *   hub keeping its gateway, a hub-Region spoke) must NOT be associated with it (its S3 traffic would
 *   leave the free gateway for the interface endpoint, billed per GB); the zone is then created with
 *   another VPC, and serves the spokes of other Regions, which reach an S3 interface endpoint over
 *   peering or a TGW and a gateway never ("AWS PrivateLink for Amazon S3", Amazon S3 User Guide). Each zone association
 *   names the VPC's region (`vpcRegion`, else the association's provider region). Hub and spokes come
 *   from the topology (lib/roles.ts), so a hand-added spoke without the `landing-zone:role` tag that is
 *   peered with or attached to the hub counts. The inspection VPC is neither (lib/roles.ts): it
 *   forwards other VPCs' packets and resolves nothing for them, so it needs no association;
 * - services AWS publishes no private DNS name for (DynamoDB) have NO zone.
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS whitepaper "Building a scalable and secure multi-VPC network infrastructure",
 *   centralized access to VPC private endpoints; Route 53 private hosted zone associations).
 * - Config: `servicesWithoutZone`, `zonePrefixes`, `wildcardServices`.
 * - Preview: all links are property dependencies; zone and record names, tags and `vpcRegion` are
 *   known inputs. Zone ids, VPC ids and the alias target's DNS name are unknown and never read.
 */
export const hubEndpointDnsComplete: StackValidationPolicy = {
    name: "hub-endpoint-dns-complete",
    description:
        "Each hub interface endpoint has a private hosted zone with an alias record, associated with the hub and every spoke VPC (the S3 zone: never with a VPC of its Region that has an S3 gateway).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:centralised-endpoints"],
    configSchema: schema({
        servicesWithoutZone: { type: "array", items: { type: "string" }, default: HUB_ENDPOINT_DNS_DEFAULTS.servicesWithoutZone },
        zonePrefixes: { type: "object", additionalProperties: { type: "string" }, default: HUB_ENDPOINT_DNS_DEFAULTS.zonePrefixes },
        wildcardServices: { type: "array", items: { type: "string" }, default: HUB_ENDPOINT_DNS_DEFAULTS.wildcardServices },
    }),
    remediationSteps:
        "Create the zone (named after the service's private DNS name) with the hub VPC, an alias A record to the endpoint, and a ZoneAssociation per spoke.",
    validateStack: onStack((g, report, args) => {
        const cfg = configOf(args, HUB_ENDPOINT_DNS_DEFAULTS);
        const spokes = vpcsWithRole(g, "spoke");
        const records = g.ofType(T.record).filter((r) => g.props(r)["type"] === "A");
        const associations = g.ofType(T.zoneAssociation);
        // VPCs with an S3 gateway endpoint of their own Region (a gateway is regional and per VPC).
        const s3Gateways = g.ofType(T.vpcEndpoint).filter((e) => {
            const svc = str(g.props(e)["serviceName"]);
            return endpointType(g.props(e)) === "Gateway" && typeof svc === "string" && /^com\.amazonaws\.[a-z0-9-]+\.s3$/.test(svc);
        });
        const keepsS3Gateway = (vpc: PolicyResource, region: string) =>
            s3Gateways.some((e) => g.dependsOn(e, "vpcId", vpc) && str(g.props(e)["serviceName"]) === `com.amazonaws.${region}.s3`);

        // Directly (the zone's vpcs, a ZoneAssociation) or through the VPC's Route 53 Profile (dns.mode: profiles).
        const links = new ZoneLinks(g);
        const associated = (zone: PolicyResource, vpc: PolicyResource) => links.link(zone, vpc) !== undefined;
        for (const x of links.crossRegionProfileAssociations()) {
            report(
                `Profile association ${x.association.name} joins a VPC in ${x.vpcRegion} to a Route 53 Profile in ${x.profileRegion}; a Profile serves only VPCs of its own Region: associate the VPC with its Region's Profile.`,
                x.association.urn,
            );
        }

        for (const { endpoint, vpc: hub, region, service } of hubEndpoints(g)) {
            const aliases = records.filter((r) => g.dependsOn(r, "aliases", endpoint));
            const zones = [...new Set(aliases.map((r) => g.dep(r, "zoneId", [T.zone])).filter((z): z is PolicyResource => !!z))];
            if (cfg.servicesWithoutZone.includes(service)) {
                for (const z of zones) {
                    report(
                        `Zone ${z.name} overrides ${service}, which publishes no private DNS name; remove the zone and have clients use the endpoint's own DNS name.`,
                        z.urn,
                    );
                }
                continue;
            }
            if (aliases.length === 0) {
                report(
                    `Hub endpoint ${endpoint.name} (${service}) has no alias A record pointing at it; add an alias A record to it in the zone for ${service}.`,
                    endpoint.urn,
                );
                continue;
            }
            if (zones.length === 0) {
                report(
                    `Alias records of hub endpoint ${endpoint.name} are not in a hosted zone of this stack; create them in the private hosted zone the spokes are associated with.`,
                    endpoint.urn,
                );
                continue;
            }
            const expected = `${cfg.zonePrefixes[service] ?? service}.${region}.amazonaws.com`;
            for (const zone of zones) {
                const zp = g.props(zone);
                const zname = str(zp["name"]);
                if (typeof zname === "string" && norm(zname) !== expected) {
                    report(
                        `Zone ${zone.name} is named ${zname}; clients of ${service} resolve ${expected}: rename the zone (or set hub-endpoint-dns-complete.zonePrefixes in the pack config).`,
                        zone.urn,
                    );
                }
                const vpcs = zp["vpcs"];
                if (!isUnknown(vpcs) && (!Array.isArray(vpcs) || vpcs.length === 0)) {
                    // A public zone cannot be associated with VPCs: the other checks do not apply.
                    report(`Zone ${zone.name} has no VPC: it is a public hosted zone; create it with the hub VPC in vpcs.`, zone.urn);
                    continue;
                }
                if (typeof zname === "string" && !isUnknown(zname)) {
                    const names = aliases
                        .filter((r) => g.dependsOn(r, "zoneId", zone))
                        .map((r) => str(g.props(r)["name"]))
                        .filter((n): n is string => typeof n === "string")
                        .map((n) => {
                            // Record names may be relative to the zone ("*") or fully qualified.
                            const x = norm(n);
                            const z = norm(zname);
                            return x === z || x.endsWith(`.${z}`) ? x : `${x}.${z}`;
                        });
                    if (!names.includes(norm(zname))) {
                        report(
                            `Zone ${zone.name} has no apex alias record for ${endpoint.name}; add an A alias record named after the zone.`,
                            zone.urn,
                        );
                    }
                    if (cfg.wildcardServices.includes(service) && !names.includes(`*.${norm(zname)}`)) {
                        report(
                            `Zone ${zone.name} has no wildcard (*) alias record, and ${service} clients use sub-domains; add a "*" A alias record to the endpoint.`,
                            zone.urn,
                        );
                    }
                }
                for (const vpc of [hub, ...spokes]) {
                    if (service === "s3" && g.region(vpc) === region && keepsS3Gateway(vpc, region)) {
                        if (associated(zone, vpc)) {
                            report(
                                `Zone ${zone.name} answers every S3 name of ${region} in ${roleOf(g, vpc)} VPC ${vpc.name}, which has its own S3 gateway endpoint: its S3 traffic would go to the interface endpoint (billed per GB) instead of the free gateway. Remove that association (create the zone with another VPC: it serves the spokes of other Regions), or drop the VPC's S3 gateway endpoint.`,
                                zone.urn,
                            );
                        }
                        continue;
                    }
                    if (!associated(zone, vpc)) {
                        report(
                            `Zone ${zone.name} is not associated with ${roleOf(g, vpc)} VPC ${vpc.name}; add a route53.ZoneAssociation of this zone with that VPC, or (Route 53 Profiles) add the zone to the Profile of the VPC's Region.`,
                            zone.urn,
                        );
                    }
                }
                for (const a of associations.filter((x) => g.dependsOn(x, "zoneId", zone))) {
                    const vpc = g.dep(a, "vpcId", [T.vpc]);
                    const ap = g.props(a);
                    const named = str(ap["vpcRegion"]);
                    const assocRegion = typeof named === "string" ? named : isUnknown(named) ? undefined : g.region(a);
                    const vpcRegion = vpc ? g.region(vpc) : undefined;
                    if (vpc && assocRegion && vpcRegion && assocRegion !== vpcRegion) {
                        report(
                            `Association ${a.name} names region ${assocRegion} for VPC ${vpc.name} in ${vpcRegion}; set vpcRegion to ${vpcRegion}.`,
                            a.urn,
                        );
                    }
                }
            }
        }
    }),
};
