/**
 * Quotas counted from the plans themselves: routes per VPC route table (local and gateway endpoint
 * routes included, segment peers in transit-gateway mode), route tables per transit gateway, and the
 * inbound rules of the endpoint service NLB's security group. Each fails validation (exit 2) under the
 * key to edit, naming the quota.
 */
import * as assert from "assert";
import { QUOTA_DEFAULTS, validateConfig } from "../../components/config/schema";
import { expectProblem, expectValid } from "../helpers/config";
import { ConfigObject, withBase } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

/** `n` spokes in eu-west-1, /20s from 10.16.0.0 (inside the base config's supernet). */
function spokes(n: number, azCount = 2): { name: string; region: string; cidr: string; azCount: number }[] {
    return Array.from({ length: n }, (_, i) => ({
        name: `s${i}`,
        region: "eu-west-1",
        cidr: `10.${16 + Math.floor(i / 16)}.${(i % 16) * 16}.0/20`,
        azCount,
    }));
}

/** Transit-gateway mode with `n` spokes and the given segments (lists of spoke indexes). */
function tgw(n: number, segments: number[][], quotas: Record<string, number> = {}): ConfigObject {
    return withBase((b) => {
        b.spokes = spokes(n);
        b.connectivity = {
            mode: "transit-gateway",
            segments: segments.map((members, i) => ({ name: `seg${i}`, spokes: members.map((m) => `s${m}`) })),
        };
        b.quotas = quotas;
    });
}

const pairs = (count: number) => Array.from({ length: count }, (_, i) => [2 * i, 2 * i + 1]);

describe("config quotas counted from the plans", () => {
    describe("routes per VPC route table", () => {
        it("counts the hub's peering routes with the local route and one route per gateway endpoint", () => {
            // 7 spokes + local + s3 + dynamodb = 10.
            expectValid(withBase((b) => Object.assign(b, { spokes: spokes(7), quotas: { routesPerRouteTable: 10 } })));
            expectProblem(
                withBase((b) => Object.assign(b, { spokes: spokes(8), quotas: { routesPerRouteTable: 10 } })),
                K("spokes"),
                {
                    mentions: ["11 routes", "quotas.routesPerRouteTable (10)", "transit-gateway"],
                },
            );
        });

        it("leaves room for more peering routes when the hub has no gateway endpoints", () => {
            expectValid(
                withBase((b) =>
                    Object.assign(
                        b,
                        { spokes: spokes(8), quotas: { routesPerRouteTable: 10 } },
                        { hub: { ...b.hub, gatewayEndpoints: [] } },
                    ),
                ),
            );
        });

        it("rejects a segment whose members' route tables run over, under that segment's key", () => {
            // A member of an 8-spoke segment: hub + 7 peers + the eu-west-1 endpoint VPC + local + 2 gateway endpoints = 12.
            const members = [[0, 1, 2, 3, 4, 5, 6, 7]];
            expectProblem(tgw(8, members, { routesPerRouteTable: 11 }), K("connectivity.segments[0]"), {
                mentions: ['segment "seg0"', "12 routes", "7 segment peer(s)", "endpoint VPC", "split the segment"],
            });
            expectValid(tgw(7, [[0, 1, 2, 3, 4, 5, 6]], { routesPerRouteTable: 11 }));
        });

        it("reports the transit-gateway hub's tables under supernets, with the exact count", () => {
            expectProblem(tgw(2, [], { routesPerRouteTable: 3 }), K("supernets"), {
                mentions: ["4 routes", "quotas.routesPerRouteTable (3)"],
            });
        });
    });

    describe("route tables per transit gateway", () => {
        it("allows AWS's default of 20: 17 segments, the spokes table, the peering table and the endpoint VPC's table in one region", () => {
            assert.strictEqual(QUOTA_DEFAULTS.routeTablesPerTransitGateway, 20);
            expectValid(tgw(35, pairs(17)));
        });

        it("rejects an 18th segment in the region, under connectivity.segments", () => {
            expectProblem(tgw(37, pairs(18)), K("connectivity.segments"), {
                mentions: ["eu-west-1 transit gateway needs 21 route tables", "endpoint VPC", "quotas.routeTablesPerTransitGateway (20)"],
            });
        });

        it("follows a raised quota", () => {
            expectValid(tgw(37, pairs(18), { routeTablesPerTransitGateway: 21 }));
        });
    });

    describe("inbound rules of the endpoint service NLB's security group", () => {
        const external = (n: number) => Array.from({ length: n }, (_, i) => `192.168.${i}.0/24`);
        const service = (allowedSourceCidrs: string[], quotas: Record<string, number> = {}) =>
            withBase((b) => {
                b.endpointService = { name: "orders-api", consumers: ["payments", "analytics"], allowedSourceCidrs };
                b.quotas = quotas;
            });

        it("counts the host VPC, each consumer and each external CIDR against the quota of 60", () => {
            expectValid(service(external(57)));
            expectProblem(service(external(58)), K("endpointService.allowedSourceCidrs"), {
                mentions: ["61 inbound rules", "2 consumer(s)", "quotas.inboundRulesPerSecurityGroup (60)", "aggregate"],
            });
        });

        it("does not count an external CIDR that is a consumer's own", () => {
            expectValid(service([...external(57), "10.16.0.0/20"]));
        });

        it("reports an external CIDR listed twice as a duplicate only, not also as a rule over the quota", () => {
            expectProblem(service([...external(57), "192.168.0.0/24"]), K("endpointService.allowedSourceCidrs[57]"), {
                mentions: ["listed twice", "remove the duplicate"],
            });
        });

        it("names consumers when there are no external CIDRs", () => {
            expectProblem(service([], { inboundRulesPerSecurityGroup: 2 }), K("endpointService.consumers"), {
                mentions: ["3 inbound rules"],
            });
        });
    });

    describe("ordering with other problems", () => {
        it("still reports a route quota when only an unrelated key is broken", () => {
            const r = validateConfig(
                withBase((b) => Object.assign(b, { spokes: spokes(8), quotas: { routesPerRouteTable: 10 }, tags: { "aws:x": "y" } })),
            );
            assert.ok(!r.ok);
            assert.deepStrictEqual(r.problems.map((p) => p.key).sort(), [K("spokes"), K("tags.aws:x")]);
        });

        it("waits for the routing inputs to be consistent before counting routes (no crash on an unknown segment member)", () => {
            const r = validateConfig(tgw(8, [[0, 1, 2, 3, 4, 5, 6, 7, 99]], { routesPerRouteTable: 10 }));
            assert.ok(!r.ok);
            assert.deepStrictEqual(
                r.problems.map((p) => p.key),
                [K("connectivity.segments[0].spokes[8]")],
            );
        });
    });
});
