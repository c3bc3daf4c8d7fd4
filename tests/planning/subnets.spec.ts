/**
 * Subnet planning (components/planning/subnets.ts): the fixed layout, and properties over random VPCs.
 */
import * as assert from "assert";
import fc from "fast-check";
import { cidr, contains, formatCidr, overlaps, size } from "../../components/planning/cidr";
import {
    AZ_SLOTS,
    MAX_VPC_PREFIX,
    MIN_VPC_PREFIX,
    planSubnets,
    RESERVED_PER_SUBNET,
    subnetCidr,
    TIERS,
    usableAddresses,
} from "../../components/planning/subnets";
import { vpcCidrText } from "../helpers/arbitraries";

const azCount = fc.integer({ min: 1, max: AZ_SLOTS });

describe("planning/subnets", () => {
    describe("layout", () => {
        it("lays out a /16 with three AZs: workload first half, endpoint third quarter, transit /28s in the fourth", () => {
            assert.deepStrictEqual(planSubnets("10.0.0.0/16", 3), [
                { tier: "workload", azIndex: 0, cidr: "10.0.0.0/20" },
                { tier: "workload", azIndex: 1, cidr: "10.0.16.0/20" },
                { tier: "workload", azIndex: 2, cidr: "10.0.32.0/20" },
                { tier: "endpoint", azIndex: 0, cidr: "10.0.128.0/21" },
                { tier: "endpoint", azIndex: 1, cidr: "10.0.136.0/21" },
                { tier: "endpoint", azIndex: 2, cidr: "10.0.144.0/21" },
                { tier: "transit", azIndex: 0, cidr: "10.0.192.0/28" },
                { tier: "transit", azIndex: 1, cidr: "10.0.192.16/28" },
                { tier: "transit", azIndex: 2, cidr: "10.0.192.32/28" },
            ]);
        });

        it("lays out the smallest VPC, a /22, with two AZs", () => {
            assert.deepStrictEqual(
                planSubnets("10.16.4.0/22", 2).map((s) => `${s.tier}-${s.azIndex} ${s.cidr}`),
                [
                    "workload-0 10.16.4.0/26",
                    "workload-1 10.16.4.64/26",
                    "endpoint-0 10.16.6.0/27",
                    "endpoint-1 10.16.6.32/27",
                    "transit-0 10.16.7.0/28",
                    "transit-1 10.16.7.16/28",
                ],
            );
        });

        it("plans only the tiers asked for", () => {
            assert.deepStrictEqual(
                planSubnets("10.0.0.0/16", 2, ["endpoint"]).map((s) => s.cidr),
                ["10.0.128.0/21", "10.0.136.0/21"],
            );
        });

        it("rejects AZ counts outside 1..8 and VPCs outside /16../22", () => {
            for (const n of [0, -1, AZ_SLOTS + 1, 1.5, Number.NaN]) {
                assert.throws(() => planSubnets("10.0.0.0/16", n), /azCount/);
            }
            assert.throws(() => planSubnets("10.0.0.0/15", 2), /must be \/16 to \/22/);
            assert.throws(() => planSubnets("10.0.0.0/23", 2), /must be \/16 to \/22/);
            assert.throws(() => planSubnets("10.0.0.1/16", 2), /host bits/);
        });

        it("usableAddresses matches the planned subnet sizes minus AWS's five reserved addresses", () => {
            for (let p = MIN_VPC_PREFIX; p <= MAX_VPC_PREFIX; p++) {
                const vpc = `10.0.0.0/${p}`;
                for (const tier of TIERS) {
                    const planned = planSubnets(vpc, 1, [tier])[0];
                    assert.strictEqual(usableAddresses(p, tier), size(cidr(planned.cidr)) - RESERVED_PER_SUBNET, `${tier} in /${p}`);
                }
            }
            assert.strictEqual(usableAddresses(MAX_VPC_PREFIX, "endpoint"), 27);
            assert.strictEqual(usableAddresses(16, "transit"), 11);
        });
    });

    describe("properties over random VPCs (10/8, /16 to /22) and 1..8 AZs", () => {
        it("no two subnets overlap", () => {
            fc.assert(
                fc.property(vpcCidrText, azCount, (vpc, n) => {
                    const subnets = planSubnets(vpc, n).map((s) => cidr(s.cidr));
                    for (let i = 0; i < subnets.length; i++) {
                        for (let j = i + 1; j < subnets.length; j++) {
                            if (overlaps(subnets[i], subnets[j])) {
                                return false;
                            }
                        }
                    }
                    return true;
                }),
                { numRuns: 300 },
            );
        });

        it("every subnet lies inside the VPC", () => {
            fc.assert(
                fc.property(vpcCidrText, azCount, (vpc, n) => planSubnets(vpc, n).every((s) => contains(cidr(vpc), cidr(s.cidr)))),
                { numRuns: 300 },
            );
        });

        it("one subnet per tier and AZ, ordered by tier then AZ", () => {
            fc.assert(
                fc.property(vpcCidrText, azCount, (vpc, n) => {
                    const plan = planSubnets(vpc, n);
                    const expected = TIERS.flatMap((tier) => Array.from({ length: n }, (_, az) => `${tier}/${az}`));
                    return JSON.stringify(plan.map((s) => `${s.tier}/${s.azIndex}`)) === JSON.stringify(expected);
                }),
            );
        });

        it("is deterministic", () => {
            fc.assert(
                fc.property(vpcCidrText, azCount, (vpc, n) => JSON.stringify(planSubnets(vpc, n)) === JSON.stringify(planSubnets(vpc, n))),
            );
        });

        it("is stable: adding an AZ moves no existing subnet", () => {
            fc.assert(
                fc.property(vpcCidrText, fc.integer({ min: 1, max: AZ_SLOTS - 1 }), (vpc, n) => {
                    const before = planSubnets(vpc, n);
                    const after = planSubnets(vpc, n + 1);
                    return TIERS.every((tier) => {
                        const b = before.filter((s) => s.tier === tier);
                        const a = after.filter((s) => s.tier === tier);
                        return a.length === b.length + 1 && JSON.stringify(a.slice(0, b.length)) === JSON.stringify(b);
                    });
                }),
                { numRuns: 300 },
            );
        });

        it("a subnet depends only on the VPC, tier and AZ slot (planning fewer tiers moves nothing)", () => {
            fc.assert(
                fc.property(vpcCidrText, azCount, fc.constantFrom(...TIERS), (vpc, n, tier) => {
                    const alone = planSubnets(vpc, n, [tier]);
                    const all = planSubnets(vpc, n).filter((s) => s.tier === tier);
                    return (
                        JSON.stringify(alone) === JSON.stringify(all) &&
                        alone.every((s) => s.cidr === formatCidr(subnetCidr(cidr(vpc), tier, s.azIndex)))
                    );
                }),
            );
        });

        it("transit subnets are /28", () => {
            fc.assert(
                fc.property(vpcCidrText, azCount, (vpc, n) => planSubnets(vpc, n, ["transit"]).every((s) => cidr(s.cidr).prefix === 28)),
            );
        });

        it("endpoint subnets hold at least 27 usable addresses", () => {
            fc.assert(
                fc.property(vpcCidrText, azCount, (vpc, n) =>
                    planSubnets(vpc, n, ["endpoint"]).every((s) => size(cidr(s.cidr)) - RESERVED_PER_SUBNET >= 27),
                ),
            );
        });

        it("workload subnets are the largest tier", () => {
            fc.assert(
                fc.property(vpcCidrText, (vpc) => {
                    const [w, e, t] = TIERS.map((tier) => size(cidr(planSubnets(vpc, 1, [tier])[0].cidr)));
                    return w > e && e >= t;
                }),
            );
        });
    });
});
