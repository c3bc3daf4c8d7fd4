/**
 * Config problems name the exact field and a concrete fix: nested fields of the endpoint service's
 * targets, unknown keys (with the keys that are accepted), and zod's own messages for every unit.
 */
import * as assert from "assert";
import { validateConfig } from "../../components/config/schema";
import { expectProblem, expectValid } from "../helpers/config";
import { ConfigObject, withBase } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;
const withService = (svc: Record<string, unknown>) => withBase((b) => (b.endpointService = { name: "orders-api", ...svc }));

describe("config problems: exact keys and concrete fixes", () => {
    describe("endpoint service targets", () => {
        it("reports a bad fleet field under its own key, not under targets", () => {
            expectProblem(
                withService({ targets: { fleet: { desiredCapacity: -1 } } }),
                K("endpointService.targets.fleet.desiredCapacity"),
                { mentions: ["at least 1"] },
            );
        });

        it("reports a fleet larger than 20 under desiredCapacity", () => {
            expectProblem(
                withService({ targets: { fleet: { desiredCapacity: 21 } } }),
                K("endpointService.targets.fleet.desiredCapacity"),
                { mentions: ["at most 20"] },
            );
        });

        it("reports a bad instance id under its list index", () => {
            expectProblem(
                withService({ targets: { instanceIds: ["i-0123456789abcdef0", "web-1"] } }),
                K("endpointService.targets.instanceIds[1]"),
                { mentions: ["i-0123456789abcdef0"] },
            );
        });

        it("reports a bad target IP under its list index", () => {
            expectProblem(withService({ targets: { ipAddresses: ["10.0.0.300"] } }), K("endpointService.targets.ipAddresses[0]"), {
                mentions: ["IPv4"],
            });
        });

        it("reports an unknown fleet field under fleet, naming the accepted ones", () => {
            expectProblem(withService({ targets: { fleet: { size: 2 } } }), K("endpointService.targets.fleet"), {
                mentions: ['"size"', "instanceType, desiredCapacity, amiParameter"],
            });
        });

        it("rejects two target kinds at once, saying to keep one", () => {
            expectProblem(withService({ targets: { fleet: {}, instanceIds: ["i-0123456789abcdef0"] } }), K("endpointService.targets"), {
                mentions: ["fleet and instanceIds", "exactly one"],
            });
        });

        it("rejects targets that name no kind", () => {
            expectProblem(withService({ targets: {} }), K("endpointService.targets"), { mentions: ["fleet, instanceIds, ipAddresses"] });
        });

        it("parses each kind to its discriminated form, and defaults to a fleet", () => {
            assert.deepStrictEqual(
                expectValid(withService({ targets: { instanceIds: ["i-0123456789abcdef0"] } })).endpointService?.targets,
                {
                    kind: "instances",
                    instanceIds: ["i-0123456789abcdef0"],
                },
            );
            assert.deepStrictEqual(expectValid(withService({ targets: { ipAddresses: ["10.0.0.10"] } })).endpointService?.targets, {
                kind: "ips",
                ipAddresses: ["10.0.0.10"],
            });
            assert.deepStrictEqual(expectValid(withService({})).endpointService?.targets, {
                kind: "fleet",
                instanceType: "t3.micro",
                desiredCapacity: 2,
                amiParameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
            });
        });
    });

    describe("unknown keys", () => {
        it("suggests the key that differs only in case, and lists the accepted keys", () => {
            expectProblem(
                withBase((b) => (b.hub.azcount = 2)),
                K("hub"),
                { mentions: ['did you mean "azCount"', "region, cidr, azCount, availabilityZones, interfaceEndpoints, gatewayEndpoints"] },
            );
        });

        it("lists the accepted keys of a list element (a segment)", () => {
            expectProblem(
                withBase(
                    (b) => (b.connectivity = { mode: "transit-gateway", segments: [{ name: "prod", members: ["payments", "analytics"] }] }),
                ),
                K("connectivity.segments[0]"),
                { mentions: ['"members"', "name, spokes"], total: "any" },
            );
        });
    });

    describe("every problem says concretely how to fix it", () => {
        // One bad value per unit and per kind of zod check; none may fall back to "see README" alone.
        const cases: [string, ConfigObject][] = [
            ["wrong type of a unit", withBase((b) => (b.hub = "10.0.0.0/16"))],
            ["wrong type of a field", withBase((b) => (b.hub.azCount = "three"))],
            ["bad enum", withBase((b) => (b.spokes[0].builder = "cdk"))],
            ["bad boolean", withBase((b) => (b.protect = "yes"))],
            ["tag key too long", withBase((b) => (b.tags = { ["k".repeat(129)]: "v" }))],
            ["empty tag key", withBase((b) => (b.tags = { "": "v" }))],
            ["tag value too long", withBase((b) => (b.tags = { note: "x".repeat(257) }))],
            ["quota not positive", withBase((b) => (b.quotas = { peeringsPerVpc: 0 }))],
            ["quota fractional", withBase((b) => (b.quotas = { peeringsPerVpc: 1.5 }))],
            [
                "segment too short",
                withBase((b) => (b.connectivity = { mode: "transit-gateway", segments: [{ name: "prod", spokes: ["payments"] }] })),
            ],
            ["ASN not an integer", withBase((b) => (b.connectivity.asns = { "eu-west-2": 64512.5 }))],
            ["port out of range", withService({ port: 70000 })],
            ["AMI parameter not a path", withService({ targets: { fleet: { amiParameter: "ami-123" } } })],
            ["empty instance list", withService({ targets: { instanceIds: [] } })],
            ["bad private DNS name", withService({ privateDnsName: "Not A Name" })],
            ["bad source CIDR", withService({ allowedSourceCidrs: ["10.0.0.0/8", "nope"] })],
            ["nested required key", withBase((b) => delete b.spokes[0].cidr)],
            ["flow log retention", withBase((b) => (b.flowLogs = { retentionDays: 2 }))],
        ];
        for (const [what, raw] of cases) {
            it(`${what}: the problem names its key under landing-zone: and a fix other than "see README"`, () => {
                const r = validateConfig(raw);
                assert.ok(!r.ok, "expected a problem");
                for (const p of r.problems) {
                    assert.match(p.key, /^landing-zone:[a-zA-Z]/);
                    assert.match(p.message, /Fix: (?!see README)\S/, `${p.key}: ${p.message}`);
                }
            });
        }
    });
});
