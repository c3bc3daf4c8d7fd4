import * as assert from "assert";
import fc from "fast-check";
import {
    planDnsProfiles,
    profileName,
    PROFILES_NAME_PATTERN,
    profilesApiName,
    SpokeZoneNeed,
} from "../../components/planning/dns-profiles";

const HUB = ["hub-ssm", "hub-logs", "hub-sts"];

describe("planning/dns-profiles: one Route 53 Profile per Region", () => {
    it("gives each Region with spokes one Profile holding the zones its spokes resolve, associated with those spokes only", () => {
        const plan = planDnsProfiles([
            { vpc: "spoke-payments", region: "eu-west-1", zones: HUB },
            { vpc: "spoke-local", region: "eu-west-2", zones: HUB },
            { vpc: "spoke-analytics", region: "eu-west-1", zones: HUB },
        ]);
        assert.deepStrictEqual(plan.conflicts, []);
        assert.deepStrictEqual(plan.profiles, [
            { region: "eu-west-1", zones: HUB, vpcs: ["spoke-payments", "spoke-analytics"] },
            { region: "eu-west-2", zones: HUB, vpcs: ["spoke-local"] },
        ]);
    });

    it("plans no Profile without spokes (the hub keeps its zones by direct association)", () => {
        assert.deepStrictEqual(planDnsProfiles([]), { profiles: [], conflicts: [] });
    });

    it("plans no Profile for a Region whose spokes resolve no zone (it would cost its hourly price and answer nothing)", () => {
        const plan = planDnsProfiles([
            { vpc: "spoke-payments", region: "eu-west-1", zones: [] },
            { vpc: "spoke-analytics", region: "eu-west-1", zones: [] },
            { vpc: "spoke-local", region: "eu-west-2", zones: HUB },
        ]);
        assert.deepStrictEqual(plan.conflicts, []);
        assert.deepStrictEqual(plan.profiles, [{ region: "eu-west-2", zones: HUB, vpcs: ["spoke-local"] }]);
    });

    it("makes a stack name with dots a valid Profile name (CreateProfile's pattern), and keeps valid names as they are", () => {
        assert.strictEqual(profileName("landing-zone", "org.prod", "eu-west-1"), "landing-zone-org-prod-eu-west-1");
        assert.ok(PROFILES_NAME_PATTERN.test(profileName("landing-zone", "org.prod", "eu-west-1")));
        assert.strictEqual(profilesApiName("spoke-payments"), "spoke-payments");
        assert.strictEqual(profilesApiName("endpoints-eu-west-1-ecr-dkr"), "endpoints-eu-west-1-ecr-dkr");
        assert.strictEqual(profilesApiName("12345"), "p-12345");
    });

    it("property: every Profile and association name matches the Route 53 Profiles name pattern, within 64 characters", () => {
        fc.assert(
            fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.string({ minLength: 1, maxLength: 80 }), (project, stack) => {
                const n = profileName(project, stack, "eu-west-1");
                const a = profilesApiName(`${project}${stack}`);
                return PROFILES_NAME_PATTERN.test(n) && n.length <= 64 && PROFILES_NAME_PATTERN.test(a) && a.length <= 64;
            }),
        );
    });

    it("reports spokes of one Region that resolve different zones: every VPC of a Profile sees all of its zones", () => {
        const plan = planDnsProfiles([
            { vpc: "spoke-payments", region: "eu-west-1", zones: [...HUB, "endpoints-eu-west-1-ssm"] },
            { vpc: "spoke-analytics", region: "eu-west-1", zones: HUB },
        ]);
        assert.deepStrictEqual(plan.conflicts, [
            { region: "eu-west-1", vpc: "spoke-analytics", firstVpc: "spoke-payments", differing: ["endpoints-eu-west-1-ssm"] },
        ]);
    });

    it("property: every spoke is associated with exactly one Profile, the one of its own Region", () => {
        const regions = ["eu-west-1", "eu-west-2", "eu-central-1"];
        fc.assert(
            fc.property(fc.array(fc.constantFrom(...regions), { maxLength: 30 }), (rs) => {
                const needs: SpokeZoneNeed[] = rs.map((region, i) => ({ vpc: `spoke-${i}`, region, zones: HUB }));
                const plan = planDnsProfiles(needs);
                for (const n of needs) {
                    const holders = plan.profiles.filter((p) => p.vpcs.includes(n.vpc));
                    assert.strictEqual(holders.length, 1);
                    assert.strictEqual(holders[0].region, n.region);
                }
                assert.strictEqual(plan.profiles.length, new Set(rs).size);
            }),
        );
    });

    it("adding a spoke to a Region changes no other spoke's Profile and no Profile's zones (day 2: create only)", () => {
        const before = planDnsProfiles([{ vpc: "spoke-a", region: "eu-west-1", zones: HUB }]);
        const after = planDnsProfiles([
            { vpc: "spoke-a", region: "eu-west-1", zones: HUB },
            { vpc: "spoke-b", region: "eu-west-1", zones: HUB },
        ]);
        assert.deepStrictEqual(after.profiles[0].zones, before.profiles[0].zones);
        assert.deepStrictEqual(after.profiles[0].vpcs.slice(0, 1), before.profiles[0].vpcs);
    });

    it("names a Profile after project, stack and Region, within AWS's 64 characters", () => {
        assert.strictEqual(profileName("landing-zone", "dev", "eu-west-1"), "landing-zone-dev-eu-west-1");
        assert.ok(profileName("p".repeat(60), "stack", "eu-west-1").length <= 64);
    });
});
