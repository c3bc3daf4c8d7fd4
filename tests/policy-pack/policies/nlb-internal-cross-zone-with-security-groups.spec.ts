import * as assert from "assert";
import { nlbInternalCrossZoneWithSecurityGroups as policy } from "../../../policy-pack/policies/nlb-internal-cross-zone-with-security-groups";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const base = {
    internal: true,
    loadBalancerType: "network",
    subnets: ["subnet-a", "subnet-b"],
    securityGroups: ["sg-1"],
    enableCrossZoneLoadBalancing: true,
};

describe("policies/nlb-internal-cross-zone-with-security-groups", () => {
    it("is mandatory", () => assertIdentity(policy, "nlb-internal-cross-zone-with-security-groups", "mandatory"));

    it("accepts an internal cross-zone NLB in two AZs with a security group", () => {
        assertClean(analyze(policy, LB, base));
        assertClean(
            analyze(policy, "aws:alb/loadBalancer:LoadBalancer", {
                ...base,
                subnets: undefined,
                subnetMappings: [{ subnetId: "a" }, { subnetId: "b" }],
            }),
        );
    });

    it("ignores application load balancers", () =>
        assertClean(analyze(policy, LB, { internal: false, loadBalancerType: "application", subnets: ["a"] })));

    it("rejects an internet-facing NLB", () => assertOne(analyze(policy, LB, { ...base, internal: false }), /internet-facing/));
    it("rejects an NLB without cross-zone load balancing (off by default)", () =>
        assertOne(analyze(policy, LB, { ...base, enableCrossZoneLoadBalancing: undefined }), /cross-zone/));
    it("rejects an NLB without security groups", () =>
        assertOne(analyze(policy, LB, { ...base, securityGroups: [] }), /no security groups/));
    it("rejects an NLB in one AZ", () => assertOne(analyze(policy, LB, { ...base, subnets: ["subnet-a"] }), /fewer than two/));

    it("counts unknown ids in a preview and defers computed flags", () => {
        assertClean(analyze(policy, LB, { ...base, subnets: [UNKNOWN, UNKNOWN], securityGroups: [UNKNOWN] }));
        const o = analyze(policy, LB, { ...base, internal: UNKNOWN, securityGroups: [] });
        assertOne({ violations: o.violations }, /no security groups/);
        assert.match(o.deferred ?? "", /internal/);
    });
});
