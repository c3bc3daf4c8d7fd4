import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { AWS_FACTS } from "../lib/aws-facts";
import { ZoneLinks } from "../lib/dns";
import { configOf, onStack, schema } from "../lib/policy";
import { ingressRulesOf } from "../lib/rules";
import { allRoutes } from "../lib/topology";
import { T } from "../lib/types";
import { isRecord } from "../lib/values";

export interface QuotaHeadroomConfig {
    /** Interface endpoints per VPC (AWS default quota). @default 50 */
    readonly interfaceEndpointsPerVpc: number;
    /** Active VPC peering connections per VPC (default 50, adjustable to 125). @default 50 */
    readonly peeringsPerVpc: number;
    /** Peering attachments per transit gateway. @default 50 */
    readonly peeringAttachmentsPerTransitGateway: number;
    /**
     * Deprecated spelling of `peeringAttachmentsPerTransitGateway` (the program's `quotas` key); still
     * honoured when the new key is left at its default, so an existing pack config keeps working.
     * @default 50
     */
    readonly peeringAttachmentsPerTgw: number;
    /** VPCs associated with one private hosted zone (direct associations; Profile memberships do not count). @default 300 */
    readonly vpcsPerHostedZone: number;
    /** VPCs associated with one Route 53 Profile. @default 1000 */
    readonly vpcsPerProfile: number;
    /** Inbound rules per security group (IPv4 and IPv6 count separately). @default 60 */
    readonly inboundRulesPerSecurityGroup: number;
    /** Routes per VPC route table (non-propagated). @default 50 */
    readonly routesPerRouteTable: number;
    /** Route tables per transit gateway. @default 20 */
    readonly routeTablesPerTransitGateway: number;
    /** Warn when usage reaches this percentage of a quota. @default 80 */
    readonly warnAtPercent: number;
}

/** Defaults: AWS's default quotas (lib/aws-facts.ts, drift-tested against the program's `quotas` defaults). */
export const QUOTA_HEADROOM_DEFAULTS: QuotaHeadroomConfig = {
    ...AWS_FACTS.quotas,
    peeringAttachmentsPerTgw: AWS_FACTS.quotas.peeringAttachmentsPerTransitGateway,
    warnAtPercent: 80,
};

/**
 * `quota-headroom`: the planned stack stays within AWS quotas that shape the design, with headroom.
 * Reports when a count reaches `warnAtPercent` of its quota (and says when it exceeds it):
 * interface endpoints per VPC, peering connections per VPC, peering attachments and route tables per
 * TGW, VPCs per private hosted zone (direct associations) and per Route 53 Profile, inbound rules per security group, routes per route table. Set a quota to the
 * value AWS raised for your account.
 *
 * - Kind: stack policy. Level: advisory (hygiene). Severity: low.
 * - Controls: none (Amazon VPC, Transit Gateway and Route 53 quotas pages).
 * - Config: one number per quota, plus `warnAtPercent`.
 * - Preview: counts resources linked by property dependencies (`vpcId`, `peerVpcId`,
 *   `transitGatewayId` (attachments and TGW route tables), `peerTransitGatewayId`, `zoneId`, `vpcs`, `profileId`, `securityGroupId`, `routeTableId`).
 */
export const quotaHeadroom: StackValidationPolicy = {
    name: "quota-headroom",
    description:
        "The stack keeps headroom below AWS quotas (endpoints, peerings, TGW peerings, zone and Profile associations, SG rules, routes).",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["hygiene", "aws-guidance:quotas"],
    configSchema: schema({
        interfaceEndpointsPerVpc: { type: "integer", minimum: 1, default: QUOTA_HEADROOM_DEFAULTS.interfaceEndpointsPerVpc },
        peeringsPerVpc: { type: "integer", minimum: 1, default: QUOTA_HEADROOM_DEFAULTS.peeringsPerVpc },
        peeringAttachmentsPerTransitGateway: {
            type: "integer",
            minimum: 1,
            default: QUOTA_HEADROOM_DEFAULTS.peeringAttachmentsPerTransitGateway,
        },
        peeringAttachmentsPerTgw: {
            type: "integer",
            minimum: 1,
            default: QUOTA_HEADROOM_DEFAULTS.peeringAttachmentsPerTgw,
            description: "Deprecated: use peeringAttachmentsPerTransitGateway.",
        },
        vpcsPerHostedZone: { type: "integer", minimum: 1, default: QUOTA_HEADROOM_DEFAULTS.vpcsPerHostedZone },
        vpcsPerProfile: { type: "integer", minimum: 1, default: QUOTA_HEADROOM_DEFAULTS.vpcsPerProfile },
        inboundRulesPerSecurityGroup: { type: "integer", minimum: 1, default: QUOTA_HEADROOM_DEFAULTS.inboundRulesPerSecurityGroup },
        routesPerRouteTable: { type: "integer", minimum: 1, default: QUOTA_HEADROOM_DEFAULTS.routesPerRouteTable },
        routeTablesPerTransitGateway: { type: "integer", minimum: 1, default: QUOTA_HEADROOM_DEFAULTS.routeTablesPerTransitGateway },
        warnAtPercent: { type: "integer", minimum: 1, maximum: 100, default: QUOTA_HEADROOM_DEFAULTS.warnAtPercent },
    }),
    remediationSteps:
        "Aggregate (one supernet rule/route per region), split across VPCs/zones, or request a quota increase and raise the number in the pack config.",
    validateStack: onStack((g, report, args) => {
        const cfg = configOf(args, QUOTA_HEADROOM_DEFAULTS);
        const tgwPeeringQuota =
            cfg.peeringAttachmentsPerTransitGateway !== QUOTA_HEADROOM_DEFAULTS.peeringAttachmentsPerTransitGateway
                ? cfg.peeringAttachmentsPerTransitGateway
                : cfg.peeringAttachmentsPerTgw;
        const check = (r: PolicyResource, what: string, count: number, quota: number, key: keyof QuotaHeadroomConfig) => {
            const fix = `aggregate or split, or after AWS raises the quota set quota-headroom.${key} in the pack config`;
            if (count > quota) {
                report(`${r.name} has ${count} ${what}, above the quota of ${quota}; ${fix}.`, r.urn);
            } else if (count * 100 >= quota * cfg.warnAtPercent) {
                report(`${r.name} has ${count} ${what}, ${Math.round((count * 100) / quota)}% of the quota of ${quota}; ${fix}.`, r.urn);
            }
        };

        const endpoints = g.ofType(T.vpcEndpoint).filter((e) => g.props(e)["vpcEndpointType"] === "Interface");
        const peerings = g.ofType(T.peering);
        for (const vpc of g.vpcs()) {
            check(
                vpc,
                "interface endpoints",
                endpoints.filter((e) => g.vpcOf(e) === vpc).length,
                cfg.interfaceEndpointsPerVpc,
                "interfaceEndpointsPerVpc",
            );
            check(
                vpc,
                "peering connections",
                peerings.filter((p) => g.dependsOn(p, "vpcId", vpc) || g.dependsOn(p, "peerVpcId", vpc)).length,
                cfg.peeringsPerVpc,
                "peeringsPerVpc",
            );
        }
        const tgwPeerings = g.ofType(T.tgwPeeringAttachment);
        for (const tgw of g.ofType(T.transitGateway)) {
            const n = tgwPeerings.filter(
                (a) => g.dependsOn(a, "transitGatewayId", tgw) || g.dependsOn(a, "peerTransitGatewayId", tgw),
            ).length;
            check(tgw, "peering attachments", n, tgwPeeringQuota, "peeringAttachmentsPerTransitGateway");
            const tables = g.referrers(tgw, "transitGatewayId", [T.tgwRouteTable]).length;
            check(tgw, "route tables", tables, cfg.routeTablesPerTransitGateway, "routeTablesPerTransitGateway");
        }
        const associations = g.ofType(T.zoneAssociation);
        for (const zone of g.ofType(T.zone)) {
            const vpcs = g.props(zone)["vpcs"];
            const inline = Array.isArray(vpcs) ? vpcs.filter(isRecord).length : 0;
            check(
                zone,
                "associated VPCs",
                inline + associations.filter((a) => g.dependsOn(a, "zoneId", zone)).length,
                cfg.vpcsPerHostedZone,
                "vpcsPerHostedZone",
            );
        }
        // Route 53 Profiles (dns.mode: profiles): a zone held by a Profile serves the Profile's VPCs without
        // counting them against the zone's 300; the Profile has its own quota of VPC associations.
        const links = new ZoneLinks(g);
        for (const profile of g.ofType(T.profilesProfile)) {
            check(profile, "associated VPCs", links.vpcsOfProfile(profile).length, cfg.vpcsPerProfile, "vpcsPerProfile");
        }
        for (const sg of g.ofType(T.securityGroup)) {
            // AWS counts a rule per source CIDR (IPv4 and IPv6 quotas are separate; this sums them).
            const n = ingressRulesOf(g, sg).reduce((sum, r) => sum + Math.max(1, r.cidrs.length), 0);
            check(sg, "inbound rules", n, cfg.inboundRulesPerSecurityGroup, "inboundRulesPerSecurityGroup");
        }
        const routes = allRoutes(g);
        for (const table of g.ofType(T.routeTable, T.defaultRouteTable)) {
            check(table, "routes", routes.filter((r) => r.table === table).length, cfg.routesPerRouteTable, "routesPerRouteTable");
        }
    }),
};
