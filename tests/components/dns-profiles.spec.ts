/**
 * `dns.mode: profiles` on the real program (components/network/dns-profiles.ts): one Route 53 Profile
 * per spoke Region in that Region's provider, holding every hub zone, one Profile association per spoke,
 * no zone association; the hub keeps its zones from creation. Cost, reachability and the mode switch.
 */
import * as assert from "assert";
import { T } from "../../components/aws/types";
import { estimateCost } from "../../offline/cost";
import { renderMermaid } from "../../offline/diagram";
import { ROUTE53_PROFILES } from "../../offline/prices";
import { analyzeReachability } from "../../offline/reachability";
import { TRAFFIC_DEFAULTS, validateConfig } from "../../components/config/schema";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, Plan, planFor, propertyDependsOn, withBase } from "../helpers/plan";

/** The base config plus a spoke in the hub's own Region, in `mode`. */
function stack(mode: "associations" | "profiles", extra?: (c: ConfigObject & { spokes: unknown[] }) => void): ConfigObject {
    return withBase((c) => {
        c.supernets["eu-west-2"] = "10.32.0.0/12";
        c.spokes.push({ name: "local", region: "eu-west-2", cidr: "10.32.0.0/20" });
        c.dns = { mode };
        extra?.(c);
    });
}

const custom = (p: Plan, type: string) => p.byType(type).filter((r) => r.custom);
const spokeVpc = (p: Plan, spoke: string) => p.one(T.vpc, `spoke-${spoke}`);
/** Zones created with `vpc` (the hub's, or a Region's endpoint VPC `endpoints-<region>`). */
const zonesOf = (p: Plan, vpc: string) => {
    const owner = p.one(T.vpc, vpc);
    return custom(p, T.zone).filter((z) => propertyDependsOn(z, "vpcs", owner.urn));
};
const hubZones = (p: Plan) => zonesOf(p, "hub");

describe("components/dns-profiles: Route 53 Profiles (dns.mode: profiles)", () => {
    let plan: Plan;
    before(async () => {
        plan = await planFor(stack("profiles"));
    });

    it("creates no zone association: spokes get the hub zones only through their Region's Profile", () => {
        assert.deepStrictEqual(custom(plan, T.zoneAssociation), []);
    });

    it("creates one Profile per spoke Region, in that Region's provider (a Profile serves its own Region's VPCs)", () => {
        const profiles = custom(plan, T.profilesProfile);
        assert.deepStrictEqual(profiles.map((p) => p.region).sort(), ["eu-west-1", "eu-west-2"]);
        for (const p of profiles) {
            assert.strictEqual(plan.providerOf(p).inputs.region, p.region, `${p.name}: provider region`);
            assert.strictEqual(p.inputs.name, `landing-zone-test-${p.region}`);
        }
    });

    it("puts every hub zone and the Region's own endpoint-set zones in each Profile, by the zone's ARN, and no other Region's", () => {
        assert.ok(hubZones(plan).length >= 10, `expected the default hub zones, got ${hubZones(plan).length}`);
        const regional = zonesOf(plan, "endpoints-eu-west-1");
        assert.ok(regional.length > 0, "eu-west-1 has an endpoint set by default");
        for (const p of custom(plan, T.profilesProfile)) {
            // eu-west-2 is the hub's Region: its spokes call the hub's endpoints, it has no set of its own.
            const zones = [...hubZones(plan), ...(p.region === "eu-west-1" ? regional : [])];
            const held = plan.dependents(T.profilesResourceAssociation, "profileId", p.urn);
            assert.strictEqual(held.length, zones.length, `${p.name} holds ${zones.length} zones`);
            for (const z of zones) {
                assert.ok(
                    held.some((ra) => propertyDependsOn(ra, "resourceArn", z.urn)),
                    `${p.name} holds ${String(z.inputs.name)} (resourceArn from the zone)`,
                );
            }
        }
    });

    it("associates each spoke (and only the spokes) with its own Region's Profile, deleting before replacing", () => {
        const assocs = custom(plan, T.profilesAssociation);
        assert.strictEqual(assocs.length, 3);
        for (const spoke of ["payments", "analytics", "local"]) {
            const vpc = spokeVpc(plan, spoke);
            const mine = assocs.filter((a) => propertyDependsOn(a, "resourceId", vpc.urn));
            assert.strictEqual(mine.length, 1, `${spoke}: one Profile association (a VPC takes one Profile)`);
            const profile = plan.byUrn((mine[0].propertyDependencies.profileId ?? [])[0]);
            assert.strictEqual(profile.region, vpc.region, `${spoke}: its Region's Profile`);
            assert.strictEqual(mine[0].deleteBeforeReplace, true, `${spoke}: a replacement must not meet the old association`);
        }
    });

    it("keeps every zone created with the VPC that owns it (a private zone needs one VPC) and associates no owner with a Profile", () => {
        const owners = [plan.one(T.vpc, "hub"), plan.one(T.vpc, "endpoints-eu-west-1")];
        for (const z of custom(plan, T.zone)) {
            assert.ok(
                owners.some((o) => propertyDependsOn(z, "vpcs", o.urn)),
                `${String(z.inputs.name)} is created with the hub or its Region's endpoint VPC`,
            );
        }
        for (const o of owners) {
            assert.ok(
                !custom(plan, T.profilesAssociation).some((a) => propertyDependsOn(a, "resourceId", o.urn)),
                `${o.name} holds its zones directly`,
            );
        }
    });

    it("exports each Region's Profile id and ARN (stack output dnsProfiles), for VPCs of other stacks to associate", () => {
        const out = plan.outputs.dnsProfiles as Record<string, { profileId: string; profileArn: string }>;
        const profiles = custom(plan, T.profilesProfile);
        assert.deepStrictEqual(Object.keys(out).sort(), ["eu-west-1", "eu-west-2"]);
        for (const p of profiles) {
            assert.strictEqual(out[p.region].profileId, p.id);
            assert.strictEqual(out[p.region].profileArn, p.outputs.arn);
            assert.match(out[p.region].profileArn, new RegExp(`^arn:aws:route53profiles:${p.region}:\\d{12}:profile/rp-`));
        }
    });

    it("draws each spoke's Profile edges to the zone groups its Profile holds, and no association edge", () => {
        const d = renderMermaid(plan.resources);
        for (const spoke of ["spoke_payments", "spoke_analytics"]) {
            assert.ok(d.includes(`zones -. "Profile eu-west-1" .- ${spoke}`), d);
            assert.ok(d.includes(`endpoints_eu_west_1_zones -. "Profile eu-west-1" .- ${spoke}`), d);
        }
        assert.ok(d.includes(`zones -. "Profile eu-west-2" .- spoke_local`), d);
        assert.ok(!d.includes("associated"), d);
    });

    it("reports the Profiles in their Regions, not as global Route 53 resources", () => {
        for (const type of [T.profilesProfile, T.profilesAssociation, T.profilesResourceAssociation]) {
            for (const r of custom(plan, type)) {
                assert.notStrictEqual(r.region, "global", r.urn);
            }
        }
    });

    it("keeps every spoke-to-endpoint path open: reachability sees the zones through the Profiles", () => {
        const r = analyzeReachability(plan.resources);
        const dns = r.paths.filter((p) => p.kind === "spoke-to-endpoint");
        assert.ok(dns.length > 0);
        assert.deepStrictEqual(
            dns.filter((p) => !p.open).map((p) => `${p.from} ${p.to}: ${p.brokenAt}`),
            [],
        );
    });

    it("costs one Profile charge per Region ($0.75/hour for the first 100 VPCs), and says associations would be free here", () => {
        const v = validateConfig(stack("profiles"));
        assert.ok(v.ok);
        const cost = estimateCost(plan.resources, v.config, TRAFFIC_DEFAULTS);
        const lines = cost.lines.filter((l) => l.component === "dns-profiles");
        assert.deepStrictEqual(lines.map((l) => l.region).sort(), ["eu-west-1", "eu-west-2"]);
        for (const l of lines) {
            assert.strictEqual(l.unitUsd, ROUTE53_PROFILES.regionHour.usd);
            assert.strictEqual(l.monthlyUsd, 547.5);
            assert.match(l.source, /route53\/pricing.*read 2026-09-20/);
        }
        assert.ok(cost.dns);
        assert.strictEqual(cost.dns.profilesMonthlyUsd, 1095);
        assert.match(cost.dns.recommendation, /associations would be free/);
    });

    it("adds, for a new spoke in a Region that has a Profile, one Profile association and modifies no existing resource", async () => {
        const after = await planFor(
            stack("profiles", (c) => c.spokes.push({ name: "orders", region: "eu-west-1", cidr: "10.16.32.0/20" })),
        );
        const afterByUrn = new Map(after.resources.map((r) => [r.urn, r]));
        for (const r of plan.resources) {
            const same = afterByUrn.get(r.urn);
            assert.ok(same, `${r.urn} still exists`);
            assert.deepStrictEqual(same.inputs, r.inputs, `${r.name} (${r.type}) unchanged`);
        }
        const added = after.resources.filter((r) => !plan.byUrnMap.has(r.urn) && r.type.startsWith("aws:route53/"));
        assert.deepStrictEqual(
            added.map((r: CapturedResource) => `${r.type} ${r.name}`),
            [`${T.profilesAssociation} dns-profiles-eu-west-1-spoke-orders`],
        );
    });
});

describe("components/dns-profiles: a Region with nothing to resolve", () => {
    it("builds no Profile, and prices none, when the Region's spokes resolve no zone (a zone-less hub set, no endpoint set)", async () => {
        const config = stack("profiles", (c) => {
            c.hub = { ...(c.hub as object), interfaceEndpoints: ["dynamodb"] };
            c.regionalEndpoints = { "eu-west-1": { enabled: false } };
        });
        const v = validateConfig(config);
        assert.ok(v.ok, JSON.stringify(v));
        const plan = await planFor(config);
        assert.deepStrictEqual(custom(plan, T.profilesProfile), []);
        assert.deepStrictEqual(custom(plan, T.profilesAssociation), []);
        const cost = estimateCost(plan.resources, v.config, TRAFFIC_DEFAULTS);
        assert.deepStrictEqual(
            cost.lines.filter((l) => l.component === "dns-profiles"),
            [],
        );
    });
});

describe("components/dns-profiles: association mode stays as it was", () => {
    it("creates no Profile and one zone association per (hub zone, spoke), and the cost report gives no DNS advice far from the quota", async () => {
        const p = await planFor(stack("associations"));
        assert.deepStrictEqual(custom(p, T.profilesProfile), []);
        assert.strictEqual("dnsProfiles" in p.outputs, false, "no dnsProfiles output without Profiles");
        const hubZoneUrns = new Set(hubZones(p).map((z) => z.urn));
        const toHubZones = custom(p, T.zoneAssociation).filter((a) =>
            (a.propertyDependencies.zoneId ?? []).some((u) => hubZoneUrns.has(u)),
        );
        assert.strictEqual(toHubZones.length, hubZones(p).length * 3);
        const v = validateConfig(stack("associations"));
        assert.ok(v.ok);
        assert.strictEqual(estimateCost(p.resources, v.config, TRAFFIC_DEFAULTS).dns, undefined);
    });

    it("recommends Profiles, with their cost, once a hub zone reaches 80% of quotas.vpcsPerHostedZone", async () => {
        const cfg = stack("associations", (c) => (c.quotas = { vpcsPerHostedZone: 5 }));
        const v = validateConfig(cfg);
        assert.ok(v.ok, v.ok ? "" : JSON.stringify(v.problems));
        const p = await planFor(cfg);
        const dns = estimateCost(p.resources, v.config, TRAFFIC_DEFAULTS).dns;
        assert.ok(dns);
        assert.strictEqual(dns.vpcsPerZone, 4);
        assert.match(
            dns.recommendation,
            /hub zones hold 4 of 5 VPC associations .*set landing-zone:dns\.mode to profiles .*\$1095\.00\/month for 2 Region/,
        );
    });
});
