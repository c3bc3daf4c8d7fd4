/**
 * `landing-zone:regionalEndpoints` (components/config/regional-endpoints.ts, rules/regional-endpoints.ts,
 * planning/regional-endpoints.ts): the defaults, which spoke gets which zone, and one negative test per
 * rule, each changing one field of a valid config and asserting the exact key and a fix.
 */
import * as assert from "assert";
import { REGIONAL_DEFAULT_SERVICES } from "../../components/aws/service-dependencies";
import { defaultRegionalCidr, planRegionalEndpoints } from "../../components/planning/regional-endpoints";
import { expectProblem, expectValid } from "../helpers/config";
import { ConfigObject, clone } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

/** Hub eu-west-2 with a hub-Region spoke, two spokes in eu-west-1 and one in eu-central-1. */
function base(): ConfigObject & { regionalEndpoints?: Record<string, Record<string, unknown>>; spokes: Record<string, unknown>[] } {
    return {
        hub: { region: "eu-west-2", cidr: "10.0.0.0/16" },
        supernets: { "eu-west-1": "10.16.0.0/12", "eu-west-2": "10.32.0.0/12", "eu-central-1": "10.48.0.0/12" },
        spokes: [
            { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20" },
            { name: "analytics", region: "eu-west-1", cidr: "10.16.16.0/20" },
            { name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" },
            { name: "ledger", region: "eu-central-1", cidr: "10.48.0.0/20" },
        ],
    };
}

function variant(mutate: (c: ReturnType<typeof base>) => void): ConfigObject {
    const c = clone(base());
    mutate(c);
    return c;
}

describe("config: regionalEndpoints", () => {
    describe("defaults", () => {
        it("every spoke Region other than the hub's gets a set with the agent services, on the last /22 of its supernet", () => {
            const plan = planRegionalEndpoints(expectValid(base()));
            assert.deepStrictEqual(
                plan.map((p) => [p.region, p.vpc, p.cidr, p.azCount]),
                [
                    ["eu-central-1", "endpoints-eu-central-1", "10.63.252.0/22", 2],
                    ["eu-west-1", "endpoints-eu-west-1", "10.31.252.0/22", 2],
                ],
            );
            assert.deepStrictEqual(plan[1].services, [...REGIONAL_DEFAULT_SERVICES]);
            assert.strictEqual(plan[1].zoneNames["ssm"], "ssm.eu-west-1.amazonaws.com");
            assert.strictEqual(plan[1].zoneNames["ecr.dkr"], "dkr.ecr.eu-west-1.amazonaws.com");
        });
        it("each Region's set serves that Region's spokes only: a spoke never gets another Region's zones", () => {
            const plan = planRegionalEndpoints(expectValid(base()));
            assert.deepStrictEqual(
                plan.map((p) => [p.region, p.spokes.map((s) => s.spoke)]),
                [
                    ["eu-central-1", ["ledger"]],
                    ["eu-west-1", ["payments", "analytics"]],
                ],
            );
        });
        it("the hub's Region gets no regional set (the hub is its set)", () => {
            assert.ok(!planRegionalEndpoints(expectValid(base())).some((p) => p.region === "eu-west-2"));
        });
        it("defaultRegionalCidr is the last /22 of the supernet, and none for a supernet smaller than a /22", () => {
            assert.strictEqual(defaultRegionalCidr("10.16.0.0/12"), "10.31.252.0/22");
            assert.strictEqual(defaultRegionalCidr("10.16.0.0/22"), "10.16.0.0/22");
            assert.strictEqual(defaultRegionalCidr("10.16.0.0/23"), undefined);
        });
    });

    describe("per Region and per spoke", () => {
        it("enabled: false plans no set for that Region", () => {
            const plan = planRegionalEndpoints(expectValid(variant((c) => (c.regionalEndpoints = { "eu-central-1": { enabled: false } }))));
            assert.deepStrictEqual(
                plan.map((p) => p.region),
                ["eu-west-1"],
            );
        });
        it("a spoke that opts out of a service gets every zone of the set but that one", () => {
            const cfg = expectValid(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { optOut: { analytics: ["logs", "monitoring"] } } })),
            );
            const set = planRegionalEndpoints(cfg).find((p) => p.region === "eu-west-1");
            assert.ok(set);
            const analytics = set.spokes.find((s) => s.spoke === "analytics");
            const payments = set.spokes.find((s) => s.spoke === "payments");
            assert.deepStrictEqual(analytics?.services.includes("logs"), false);
            assert.deepStrictEqual(analytics?.services.includes("monitoring"), false);
            assert.deepStrictEqual(payments?.services, [...REGIONAL_DEFAULT_SERVICES]);
        });
        it("a Region's own service list replaces the default", () => {
            const cfg = expectValid(variant((c) => (c.regionalEndpoints = { "eu-west-1": { services: ["ssm", "ssmmessages", "logs"] } })));
            assert.deepStrictEqual(planRegionalEndpoints(cfg).find((p) => p.region === "eu-west-1")?.services, [
                "ssm",
                "ssmmessages",
                "logs",
            ]);
        });
    });

    describe("refusals", () => {
        it("rejects_an_entry_for_the_hub_region", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-2": {} })),
                K("regionalEndpoints.eu-west-2"),
                {
                    mentions: ["hub.interfaceEndpoints"],
                },
            );
        });
        it("rejects_an_enabled_entry_for_a_region_without_spokes", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "us-east-1": {} })),
                K("regionalEndpoints.us-east-1"),
                {
                    mentions: ["no spoke"],
                },
            );
        });
        it("rejects_an_unknown_service", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { services: ["ssm", "nope"] } })),
                K("regionalEndpoints.eu-west-1.services[1]"),
            );
        });
        it("rejects_a_service_listed_twice", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { services: ["ssm", "ssm"] } })),
                K("regionalEndpoints.eu-west-1.services[1]"),
                {
                    mentions: ["twice"],
                },
            );
        });
        it("rejects_dynamodb_which_has_no_private_dns_name", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { services: ["ssm", "dynamodb"] } })),
                K("regionalEndpoints.eu-west-1.services[1]"),
                {
                    mentions: ["gateway"],
                },
            );
        });
        it("rejects_a_cidr_overlapping_a_spoke", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { cidr: "10.16.0.0/22" } })),
                K("regionalEndpoints.eu-west-1.cidr"),
                {
                    mentions: ["payments"],
                },
            );
        });
        it("rejects_a_default_cidr_taken_by_a_spoke_naming_the_default", () => {
            expectProblem(
                variant((c) => c.spokes.push({ name: "last", region: "eu-west-1", cidr: "10.31.252.0/22" })),
                K("regionalEndpoints.eu-west-1.cidr"),
                { mentions: ["the default", "last"] },
            );
        });
        it("rejects_a_cidr_in_another_regions_supernet", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { cidr: "10.48.252.0/22" } })),
                K("regionalEndpoints.eu-west-1.cidr"),
                {
                    mentions: ["eu-central-1 supernet"],
                },
            );
        });
        it("rejects_two_endpoint_vpcs_on_one_block", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { cidr: "10.1.0.0/22" }, "eu-central-1": { cidr: "10.1.0.0/22" } })),
                K("regionalEndpoints.eu-west-1.cidr"),
                { mentions: ["eu-central-1 endpoint VPC"] },
            );
        });
        it("rejects_an_opt_out_for_a_spoke_of_another_region", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { optOut: { ledger: ["logs"] } } })),
                K("regionalEndpoints.eu-west-1.optOut.ledger"),
                {
                    mentions: ["not a spoke in eu-west-1"],
                },
            );
        });
        it("rejects_an_opt_out_of_a_service_the_set_does_not_have", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { services: ["ssm"], optOut: { payments: ["logs"] } } })),
                K("regionalEndpoints.eu-west-1.optOut.payments[0]"),
            );
        });
    });

    describe("dependencies (never reported ok when unmet)", () => {
        it("rejects_ecr_dkr_for_a_spoke_without_an_s3_gateway_and_no_s3_in_the_set, naming s3 and the fix", () => {
            const p = expectProblem(
                variant((c) => (c.spokes[0].gatewayEndpoints = ["dynamodb"])),
                K("regionalEndpoints.eu-west-1.services"),
                { mentions: ["payments", "ecr.dkr", "s3", "spokes[0].gatewayEndpoints"] },
            );
            assert.match(p.message, /layers/);
        });
        it("accepts that spoke once the set has s3 (its zone then answers for the Region's buckets)", () => {
            expectValid(
                variant((c) => {
                    c.spokes[0].gatewayEndpoints = ["dynamodb"];
                    c.regionalEndpoints = {
                        "eu-west-1": { services: [...REGIONAL_DEFAULT_SERVICES, "s3"], optOut: { analytics: ["s3"] } },
                    };
                }),
            );
        });
        it("rejects_an_s3_zone_for_a_spoke_that_keeps_its_free_s3_gateway", () => {
            expectProblem(
                variant(
                    (c) =>
                        (c.regionalEndpoints = {
                            "eu-west-1": { services: [...REGIONAL_DEFAULT_SERVICES, "s3"], optOut: { analytics: ["s3"] } },
                        }),
                ),
                K("regionalEndpoints.eu-west-1.optOut.payments"),
                { mentions: ["gateway", "optOut.payments"] },
            );
        });
        it("rejects_ecr_dkr_without_ecr_api_in_the_set", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { services: ["ecr.dkr"] } })),
                K("regionalEndpoints.eu-west-1.services"),
                {
                    mentions: ["ecr.api"],
                    total: "any",
                },
            );
        });
        it("rejects_opting_out_of_ssm_while_keeping_ssmmessages, keyed on the opt-out", () => {
            expectProblem(
                variant((c) => (c.regionalEndpoints = { "eu-west-1": { optOut: { payments: ["ssm"] } } })),
                K("regionalEndpoints.eu-west-1.optOut.payments"),
                { mentions: ["without ssm there"], total: "any" },
            );
        });
    });
});
