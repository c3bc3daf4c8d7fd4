/**
 * `landing-zone:inspection` (components/config/inspection.ts): the unit's defaults, one negative test per
 * rule (starting from a valid transit-gateway config and changing one field, asserting the exact key and
 * a fix), and the offline plan's exit 2 when a peering stack asks for inspection.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { INSPECTION_DEFAULTS } from "../../components/config/inspection";
import { validateConfig } from "../../components/config/schema";
import { main } from "../../offline/cli";
import { expectProblem, expectValid } from "../helpers/config";
import { ConfigObject, clone } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

/** A valid transit-gateway config with Network Firewall inspection: hub eu-west-2, spokes in eu-west-1 and eu-west-2. */
function base(): ConfigObject & { inspection: Record<string, unknown>; connectivity: Record<string, unknown> } {
    return {
        hub: { region: "eu-west-2", cidr: "10.0.0.0/16" },
        supernets: { "eu-west-1": "10.16.0.0/12", "eu-west-2": "10.32.0.0/12" },
        spokes: [
            { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20" },
            { name: "ledger", region: "eu-west-1", cidr: "10.16.16.0/20" },
            { name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" },
        ],
        connectivity: { mode: "transit-gateway" },
        inspection: { cidr: "10.1.0.0/22", engine: "network-firewall" },
    };
}

const FLEET = { appliances: { fleet: { amiId: "ami-0123456789abcdef0" } } };

/** base() with `mutate` applied to a copy. */
function withInspection(mutate: (c: ReturnType<typeof base>) => void): ConfigObject {
    const c = clone(base());
    mutate(c);
    return c;
}

describe("config: landing-zone:inspection", () => {
    describe("valid units", () => {
        it("is optional: a stack without it validates to a config without the key", () => {
            const c = expectValid(withInspection((b) => delete (b as Partial<typeof b>).inspection));
            assert.ok(!("inspection" in c));
        });

        it("fills the defaults: two AZs, every flow, and Network Firewall default-deny with the hub endpoints allowed and logs on", () => {
            const ins = expectValid(base()).inspection;
            assert.ok(ins && ins.engine === "network-firewall");
            assert.strictEqual(ins.azCount, INSPECTION_DEFAULTS.azCount);
            assert.deepStrictEqual(ins.flows, { spokeToHub: true, spokeToSpoke: true, interRegion: true });
            assert.deepStrictEqual(ins.networkFirewall, {
                statefulDefaultActions: ["aws:drop_strict", "aws:alert_strict"],
                allowHubEndpoints: true,
                allow: [],
                logging: { flowLogs: true, retentionDays: 365 },
            });
        });

        it("takes a GWLB fleet from an AMI with its defaults and a GENEVE health check on TCP 80", () => {
            const ins = expectValid(
                withInspection((b) => (b.inspection = { cidr: "10.1.0.0/22", engine: "gwlb", gwlb: FLEET })),
            ).inspection;
            assert.ok(ins && ins.engine === "gwlb");
            assert.deepStrictEqual(ins.gwlb.appliances, {
                kind: "fleet",
                amiId: "ami-0123456789abcdef0",
                instanceType: INSPECTION_DEFAULTS.applianceInstanceType,
                desiredCapacity: INSPECTION_DEFAULTS.applianceCount,
            });
            assert.deepStrictEqual(ins.gwlb.healthCheck, {
                protocol: "TCP",
                port: 80,
                intervalSeconds: 10,
                timeoutSeconds: 5,
                healthyThreshold: 3,
                unhealthyThreshold: 3,
            });
        });

        it("accepts existing appliances by instance id or by IP, and an HTTP health check with a path", () => {
            for (const appliances of [{ instanceIds: ["i-0123456789abcdef0"] }, { ipAddresses: ["10.1.0.10"] }]) {
                const ins = expectValid(
                    withInspection(
                        (b) =>
                            (b.inspection = {
                                cidr: "10.1.0.0/22",
                                engine: "gwlb",
                                gwlb: { appliances, healthCheck: { protocol: "HTTP", port: 8080, path: "/health" } },
                            }),
                    ),
                ).inspection;
                assert.ok(ins && ins.engine === "gwlb");
                assert.strictEqual(ins.gwlb.appliances.kind, "instanceIds" in appliances ? "instances" : "ips");
            }
        });

        it("accepts a segment across the hub region and one other region with spoke-to-spoke inspection", () => {
            expectValid(
                withInspection(
                    (b) => (b.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "tooling"] }] }),
                ),
            );
        });
    });

    describe("transit-gateway mode only", () => {
        it("rejects inspection in peering mode under the inspection key, saying why and how to fix it", () => {
            const p = expectProblem(
                withInspection((b) => (b.connectivity = { mode: "peering" })),
                K("inspection"),
                { mentions: ["not transitive", "no place for a middlebox", 'connectivity.mode to "transit-gateway"'] },
            );
            assert.match(p.message, /remove landing-zone:inspection/);
        });

        it("collects the peering refusal with the unit's own problems and the others'", () => {
            const r = validateConfig(
                withInspection((b) => {
                    b.connectivity = { mode: "peering" };
                    b.inspection = { cidr: "10.0.0.0/22", engine: "gwlb", gwlb: { appliances: {} } };
                    (b.hub as Record<string, unknown>).azCount = 9;
                }),
            );
            assert.ok(!r.ok);
            assert.deepStrictEqual(r.problems.map((p) => p.key).sort(), [
                K("hub.azCount"),
                K("inspection"),
                K("inspection.cidr"),
                K("inspection.gwlb.appliances"),
            ]);
        });

        it("exits the offline plan with 2 and the message, registering nothing", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-inspection-"));
            const file = path.join(dir, "Pulumi.insp.yaml");
            fs.writeFileSync(
                file,
                [
                    "config:",
                    "  landing-zone:hub: { region: eu-west-2, cidr: 10.0.0.0/16 }",
                    "  landing-zone:supernets: { eu-west-1: 10.16.0.0/12 }",
                    "  landing-zone:spokes: [{ name: payments, region: eu-west-1, cidr: 10.16.0.0/20 }]",
                    "  landing-zone:connectivity: { mode: peering }",
                    "  landing-zone:inspection: { cidr: 10.1.0.0/22, engine: network-firewall }",
                    "",
                ].join("\n"),
            );
            const err: string[] = [];
            const write = process.stderr.write;
            const out = process.stdout.write;
            process.stderr.write = ((chunk: unknown) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
            process.stdout.write = (() => true) as typeof process.stdout.write;
            let code: number;
            try {
                code = await main(["--config", file, "--no-policy", "--quiet"]);
            } finally {
                process.stderr.write = write;
                process.stdout.write = out;
                fs.rmSync(dir, { recursive: true, force: true });
            }
            assert.strictEqual(code, 2);
            assert.match(err.join(""), /landing-zone:inspection: needs connectivity\.mode "transit-gateway"/);
            assert.ok(!err.join("").includes("    at "), "no stack trace");
        });
    });

    describe("the inspection VPC", () => {
        for (const [what, cidr, mentions] of [
            ["the hub", "10.0.4.0/22", "the hub"],
            ["a spoke", "10.16.0.0/22", 'spoke "payments"'],
            ["a supernet", "10.40.0.0/22", "the eu-west-2 supernet"],
        ] as const) {
            it(`rejects a CIDR that overlaps ${what}`, () => {
                expectProblem(
                    withInspection((b) => (b.inspection.cidr = cidr)),
                    K("inspection.cidr"),
                    { mentions: [mentions, "outside the hub, the spokes and every supernet"] },
                );
            });
        }

        it("rejects a CIDR outside the VPC sizes", () => {
            expectProblem(
                withInspection((b) => (b.inspection.cidr = "10.1.0.0/24")),
                K("inspection.cidr"),
                { mentions: ["/24"] },
            );
        });

        it("rejects more AZs than the hub region has", () => {
            expectProblem(
                withInspection((b) => (b.inspection.azCount = 4)),
                K("inspection.azCount"),
                { mentions: ["hub region eu-west-2, which has 3 AZs", "3 or fewer"] },
            );
        });

        it("rejects an unknown key in the unit, naming the accepted ones", () => {
            expectProblem(
                withInspection((b) => (b.inspection.AzCount = 2)),
                K("inspection"),
                { mentions: ['"AzCount"', 'did you mean "azCount"'] },
            );
        });
    });

    describe("quotas", () => {
        it("counts the post-inspection table against the hub region's route tables per transit gateway", () => {
            // eu-west-2 has spokes, hub and peering without inspection: three tables, four with it.
            expectValid(withInspection((b) => (b.quotas = { routeTablesPerTransitGateway: 4 })));
            expectProblem(
                withInspection((b) => (b.quotas = { routeTablesPerTransitGateway: 3 })),
                K("inspection"),
                {
                    mentions: [
                        "needs 4 route tables with inspection (3 plus the post-inspection table)",
                        "quotas.routeTablesPerTransitGateway (3)",
                    ],
                },
            );
        });
    });

    describe("flows", () => {
        it("rejects a unit that inspects no kind of flow", () => {
            expectProblem(
                withInspection((b) => (b.inspection.flows = { spokeToHub: false, spokeToSpoke: false })),
                K("inspection.flows"),
                { mentions: ["inspects no flow"] },
            );
        });

        it("rejects spoke-to-spoke inspection of two segment members in one region outside the hub region", () => {
            expectProblem(
                withInspection(
                    (b) => (b.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "ledger"] }] }),
                ),
                K("inspection.flows.spokeToSpoke"),
                { mentions: ["payments and ledger in eu-west-1", "never reaches the inspection VPC in eu-west-2", "spokeToSpoke: false"] },
            );
        });

        it("accepts that segment once spoke-to-spoke traffic is not inspected", () => {
            expectValid(
                withInspection((b) => {
                    b.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "ledger"] }] };
                    b.inspection.flows = { spokeToSpoke: false };
                }),
            );
        });
    });

    describe("engine", () => {
        it("rejects an unknown engine", () => {
            expectProblem(
                withInspection((b) => (b.inspection.engine = "palo-alto")),
                K("inspection.engine"),
                { mentions: ['"gwlb" or "network-firewall"'] },
            );
        });

        it("requires gwlb settings with engine gwlb", () => {
            expectProblem(
                withInspection((b) => (b.inspection.engine = "gwlb")),
                K("inspection.gwlb"),
                { mentions: ["needs appliances"] },
            );
        });

        it("rejects the other engine's settings", () => {
            expectProblem(
                withInspection((b) => (b.inspection.gwlb = FLEET)),
                K("inspection.gwlb"),
                { mentions: ['engine is "network-firewall"'] },
            );
            expectProblem(
                withInspection((b) => Object.assign(b.inspection, { engine: "gwlb", gwlb: FLEET, networkFirewall: {} })),
                K("inspection.networkFirewall"),
                { mentions: ['engine is "gwlb"'] },
            );
        });

        it("rejects appliances of no kind, or of two kinds", () => {
            expectProblem(
                withInspection((b) => Object.assign(b.inspection, { engine: "gwlb", gwlb: { appliances: {} } })),
                K("inspection.gwlb.appliances"),
                { mentions: ["names no appliances"] },
            );
            expectProblem(
                withInspection((b) =>
                    Object.assign(b.inspection, {
                        engine: "gwlb",
                        gwlb: { appliances: { ...FLEET.appliances, ipAddresses: ["10.1.0.10"] } },
                    }),
                ),
                K("inspection.gwlb.appliances"),
                { mentions: ["fleet and ipAddresses"] },
            );
        });

        it("rejects a fleet smaller than the AZ count: an AZ without an appliance drops its flows", () => {
            expectProblem(
                withInspection((b) =>
                    Object.assign(b.inspection, {
                        engine: "gwlb",
                        azCount: 3,
                        gwlb: { appliances: { fleet: { amiId: "ami-0123456789abcdef0", desiredCapacity: 2 } } },
                    }),
                ),
                K("inspection.gwlb.appliances.fleet.desiredCapacity"),
                { mentions: ["2 appliance(s) for 3 AZs", "cross-zone load balancing is off by default", "3 or more"] },
            );
        });

        it("rejects an AMI id that is not one", () => {
            expectProblem(
                withInspection((b) =>
                    Object.assign(b.inspection, { engine: "gwlb", gwlb: { appliances: { fleet: { amiId: "ubuntu" } } } }),
                ),
                K("inspection.gwlb.appliances.fleet.amiId"),
                { mentions: ['"ubuntu" is not an AMI id'] },
            );
        });

        it("rejects a path on a TCP health check, and a timeout not below the interval", () => {
            expectProblem(
                withInspection((b) =>
                    Object.assign(b.inspection, { engine: "gwlb", gwlb: { ...FLEET, healthCheck: { path: "/health" } } }),
                ),
                K("inspection.gwlb.healthCheck.path"),
                { mentions: ["TCP health check has no path"] },
            );
            expectProblem(
                withInspection((b) =>
                    Object.assign(b.inspection, {
                        engine: "gwlb",
                        gwlb: { ...FLEET, healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } },
                    }),
                ),
                K("inspection.gwlb.healthCheck.timeoutSeconds"),
                { mentions: ["not below the interval"] },
            );
        });

        it("rejects a firewall policy without a drop action, or with two", () => {
            expectProblem(
                withInspection((b) => (b.inspection.networkFirewall = { statefulDefaultActions: ["aws:alert_strict"] })),
                K("inspection.networkFirewall.statefulDefaultActions"),
                { mentions: ["has no drop action"] },
            );
            expectProblem(
                withInspection(
                    (b) => (b.inspection.networkFirewall = { statefulDefaultActions: ["aws:drop_strict", "aws:drop_established"] }),
                ),
                K("inspection.networkFirewall.statefulDefaultActions"),
                { mentions: ["takes one drop action"] },
            );
        });

        it("rejects a port on an ICMP allow rule", () => {
            expectProblem(
                withInspection(
                    (b) =>
                        (b.inspection.networkFirewall = {
                            allow: [{ protocol: "ICMP", source: "10.16.0.0/12", destination: "10.0.0.0/16", port: 8 }],
                        }),
                ),
                K("inspection.networkFirewall.allow[0].port"),
                { mentions: ["ICMP has no ports"] },
            );
        });

        it("rejects a log retention CloudWatch does not offer", () => {
            expectProblem(
                withInspection((b) => (b.inspection.networkFirewall = { logging: { retentionDays: 100 } })),
                K("inspection.networkFirewall.logging.retentionDays"),
                { mentions: ["CloudWatch Logs accepts only"] },
            );
        });
    });
});
