/**
 * Stack config validation (components/config/schema.ts and the units, rules and validate modules it
 * re-exports): one negative test per rule, starting from the
 * valid base config and changing one field. Each asserts the exact config key of the problem and that
 * the message says how to fix it.
 */
import * as assert from "assert";
import fc from "fast-check";
import { DEFAULT_INTERFACE_SERVICES, INTERFACE_SERVICES } from "../../components/aws/endpoint-services";
import { REGION_NAMES } from "../../components/aws/regions";
import { ConfigValidationError, DEFAULTS, parseConfig, QUOTA_DEFAULTS, validateConfig } from "../../components/config/schema";
import { expectProblem, expectValid } from "../helpers/config";
import { baseConfig, withBase } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

describe("config schema", () => {
    describe("valid configs", () => {
        it("accepts the base config", () => {
            const c = expectValid(baseConfig());
            assert.deepStrictEqual(
                c.spokes.map((s) => [s.name, s.region, s.cidr]),
                [
                    ["payments", "eu-west-1", "10.16.0.0/20"],
                    ["analytics", "eu-west-1", "10.16.16.0/20"],
                ],
            );
            assert.strictEqual(c.hub.cidr, "10.0.0.0/16");
            assert.deepStrictEqual(c.supernets, { "eu-west-1": "10.16.0.0/12" });
        });

        it("applies DEFAULTS and QUOTA_DEFAULTS to a config that sets only what it must", () => {
            const c = expectValid({
                hub: { cidr: "10.0.0.0/16" },
                supernets: { "eu-west-1": "10.16.0.0/12" },
                spokes: [{ name: "payments", cidr: "10.16.0.0/20" }],
            });
            assert.strictEqual(c.hub.region, DEFAULTS.hubRegion);
            assert.strictEqual(c.hub.azCount, DEFAULTS.hubAzCount);
            assert.deepStrictEqual([...c.hub.interfaceEndpoints], [...DEFAULT_INTERFACE_SERVICES]);
            assert.deepStrictEqual([...c.hub.gatewayEndpoints], ["s3", "dynamodb"]);
            assert.strictEqual(c.spokes[0].region, DEFAULTS.spokeRegion);
            assert.strictEqual(c.spokes[0].azCount, DEFAULTS.spokeAzCount);
            assert.strictEqual(c.spokes[0].builder, "aws");
            assert.deepStrictEqual([...c.spokes[0].gatewayEndpoints], ["s3", "dynamodb"]);
            assert.deepStrictEqual(c.flowLogs, { retentionDays: DEFAULTS.flowLogRetentionDays, trafficType: DEFAULTS.flowLogTrafficType });
            assert.strictEqual(c.connectivity.mode, DEFAULTS.connectivityMode);
            assert.deepStrictEqual(c.connectivity.segments, []);
            assert.deepStrictEqual(c.connectivity.asns, {});
            assert.strictEqual(c.protect, DEFAULTS.protect);
            assert.deepStrictEqual(c.tags, {});
            assert.deepStrictEqual(c.quotas, { ...QUOTA_DEFAULTS });
            assert.strictEqual(c.accountId, undefined);
            assert.strictEqual(c.endpointService, undefined);
        });

        it("fills the quota defaults a partial quotas block leaves out", () => {
            const c = expectValid(withBase((b) => (b.quotas = { peeringsPerVpc: 125 })));
            assert.deepStrictEqual(c.quotas, { ...QUOTA_DEFAULTS, peeringsPerVpc: 125 });
        });

        it("fills the flow-log defaults a partial flowLogs block leaves out", () => {
            const c = expectValid(withBase((b) => (b.flowLogs = { trafficType: "REJECT" })));
            assert.deepStrictEqual(c.flowLogs, { retentionDays: DEFAULTS.flowLogRetentionDays, trafficType: "REJECT" });
        });

        // BUG: ConnectivityConfig.mode documents `@default "peering"`, but the default only applies when the
        // whole `connectivity` block is absent: `connectivity: { asns: {...} }` fails with
        // `unknown connectivity mode undefined`. components/config/schema.ts, connectivitySchema `mode:`
        // (z.enum without .default). Fix: `mode: z.enum([...], {...}).default(DEFAULTS.connectivityMode)`.
        it("applies the default connectivity mode when connectivity is given without mode (fixed)", () => {
            const c = expectValid(withBase((b) => (b.connectivity = { asns: { "eu-west-2": 64600 } })));
            assert.strictEqual(c.connectivity.mode, "peering");
        });

        it("accepts full interface endpoint names in the hub region and normalises them to short names", () => {
            const c = expectValid(
                withBase((b) => (b.hub.interfaceEndpoints = ["com.amazonaws.eu-west-2.ssm", "kms", "com.amazonaws.eu-west-2.ecr.api"])),
            );
            assert.deepStrictEqual([...c.hub.interfaceEndpoints], ["ssm", "kms", "ecr.api"]);
        });

        it("accepts RFC 1918 and RFC 6598 hub ranges", () => {
            for (const cidr of ["172.16.0.0/16", "192.168.0.0/16", "100.64.0.0/16", "10.255.252.0/22"]) {
                expectValid(withBase((b) => (b.hub.cidr = cidr)));
            }
        });

        it("accepts a hub inside its own region's supernet, with a spoke of that region beside it", () => {
            const c = expectValid(
                withBase((b) => {
                    b.supernets["eu-west-2"] = "10.0.0.0/12";
                    b.spokes.push({ name: "shared", region: "eu-west-2", cidr: "10.1.0.0/20" });
                }),
            );
            assert.strictEqual(c.spokes.length, 3);
        });

        it("accepts 16-bit and 32-bit private ASNs at both ends of their ranges", () => {
            const c = expectValid(
                withBase(
                    (b) =>
                        (b.connectivity = {
                            mode: "transit-gateway",
                            asns: { "eu-west-2": 64512, "eu-west-1": 4294967294, "us-east-1": 4200000000 },
                        }),
                ),
            );
            assert.strictEqual(c.connectivity.asns["eu-west-1"], 4294967294);
        });

        it("accepts segments in transit-gateway mode", () => {
            const c = expectValid(
                withBase(
                    (b) => (b.connectivity = { mode: "transit-gateway", segments: [{ name: "prod", spokes: ["payments", "analytics"] }] }),
                ),
            );
            assert.deepStrictEqual(c.connectivity.segments, [{ name: "prod", spokes: ["payments", "analytics"] }]);
        });

        it("accepts an endpoint service with root, role and user principals", () => {
            const principals = [
                "arn:aws:iam::111122223333:root",
                "arn:aws:iam::111122223333:role/consumer",
                "arn:aws:iam::444455556666:user/ci-bot",
            ];
            const c = expectValid(
                withBase((b) => (b.endpointService = { name: "orders-api", allowedPrincipals: principals, consumers: ["payments"] })),
            );
            assert.deepStrictEqual(c.endpointService?.allowedPrincipals, principals);
            assert.strictEqual(c.endpointService?.vpc, "hub");
            assert.strictEqual(c.endpointService?.acceptanceRequired, true);
        });

        it("accepts the * principal when allowAnyPrincipal is set and acceptance stays required", () => {
            expectValid(withBase((b) => (b.endpointService = { name: "public-api", allowedPrincipals: ["*"], allowAnyPrincipal: true })));
        });

        it("accepts a 12-digit account id and an organization id", () => {
            const c = expectValid(withBase((b) => Object.assign(b, { accountId: "012345678901", organizationId: "o-a1b2c3d4e5" })));
            assert.strictEqual(c.accountId, "012345678901");
            assert.strictEqual(c.organizationId, "o-a1b2c3d4e5");
        });
    });

    describe("CIDRs", () => {
        it("rejects text that is not a CIDR", () => {
            expectProblem(
                withBase((b) => (b.spokes[1].cidr = "banana")),
                K("spokes[1].cidr"),
                { mentions: ["banana"] },
            );
        });

        it("rejects a CIDR without a prefix length", () => {
            expectProblem(
                withBase((b) => (b.hub.cidr = "10.0.0.0")),
                K("hub.cidr"),
            );
        });

        it("rejects a prefix above /32", () => {
            expectProblem(
                withBase((b) => (b.spokes[1].cidr = "10.16.16.0/33")),
                K("spokes[1].cidr"),
                { mentions: ["/32"] },
            );
        });

        it("rejects an octet above 255", () => {
            expectProblem(
                withBase((b) => (b.hub.cidr = "10.256.0.0/16")),
                K("hub.cidr"),
                { mentions: ["255"] },
            );
        });

        it("rejects a CIDR with host bits set, naming the network address", () => {
            expectProblem(
                withBase((b) => (b.spokes[1].cidr = "10.16.16.1/20")),
                K("spokes[1].cidr"),
                { mentions: ["host bits", "10.16.16.0/20"] },
            );
        });

        it("rejects a non-private hub range", () => {
            expectProblem(
                withBase((b) => (b.hub.cidr = "8.8.0.0/16")),
                K("hub.cidr"),
                { mentions: ["not private", "RFC 1918"] },
            );
        });

        it("rejects a block that straddles the edge of a private range", () => {
            // 172.16.0.0/12 ends at 172.31.255.255; 172.32/16 is public.
            expectProblem(
                withBase((b) => (b.hub.cidr = "172.32.0.0/16")),
                K("hub.cidr"),
                { mentions: ["not private"] },
            );
        });

        it("rejects a non-private supernet", () => {
            // The spokes then have no usable supernet; that must not add a second, misleading problem.
            expectProblem(
                withBase((b) => (b.supernets["eu-west-1"] = "11.16.0.0/12")),
                K("supernets.eu-west-1"),
                { mentions: ["not private"] },
            );
        });

        it("rejects a VPC larger than /16", () => {
            expectProblem(
                withBase((b) => (b.hub.cidr = "10.0.0.0/15")),
                K("hub.cidr"),
                { mentions: ["/15", "/16", "/22"] },
            );
        });

        it("rejects a VPC smaller than /22", () => {
            expectProblem(
                withBase((b) => (b.spokes[0].cidr = "10.16.0.0/23")),
                K("spokes[0].cidr"),
                { mentions: ["/23"] },
            );
        });

        // BUG: parseCidr (components/planning/cidr.ts, parseCidr) trims its input and accepts octets with
        // leading zeros, and cidrString (components/config/schema.ts) keeps the original text, so
        // " 10.0.0.0/16" and "010.0.0.0/16" validate and reach AWS verbatim as cidrBlock / cidrIpv4
        // (rejected at deploy time; some parsers read a leading 0 as octal). The docs promise the
        // canonical form. Fix: in parseCidr drop `.trim()` and require octets to match /^(0|[1-9]\d{0,2})$/
        // and the prefix /^(0|[1-9]\d?)$/ (or have cidrString transform to formatCidr(parsed)).
        it("rejects non-canonical CIDR text: whitespace and leading zeros (fixed)", () => {
            expectProblem(
                withBase((b) => (b.hub.cidr = " 10.0.0.0/16")),
                K("hub.cidr"),
            );
            expectProblem(
                withBase((b) => (b.hub.cidr = "010.0.0.0/16")),
                K("hub.cidr"),
            );
            expectProblem(
                withBase((b) => (b.spokes[0].cidr = "10.16.0.0/020")),
                K("spokes[0].cidr"),
                { total: "any" },
            );
        });
    });

    describe("overlaps and supernets", () => {
        it("rejects a spoke overlapping the hub", () => {
            // The spoke sits in the hub's region, whose supernet holds both: only the overlap is wrong.
            expectProblem(
                withBase((b) => {
                    b.supernets["eu-west-2"] = "10.0.0.0/12";
                    b.spokes[1] = { name: "analytics", region: "eu-west-2", cidr: "10.0.128.0/20" };
                }),
                K("spokes[1].cidr"),
                { mentions: ["overlaps the hub", "10.0.0.0/16"] },
            );
        });

        it("rejects a spoke overlapping another spoke, naming it", () => {
            expectProblem(
                withBase((b) => (b.spokes[1].cidr = "10.16.8.0/21")),
                K("spokes[1].cidr"),
                { mentions: ['"payments"', "10.16.0.0/20"] },
            );
        });

        it("rejects overlapping supernets", () => {
            expectProblem(
                withBase((b) => (b.supernets["us-east-1"] = "10.20.0.0/14")),
                K("supernets.us-east-1"),
                { mentions: ["eu-west-1", "10.16.0.0/12"] },
            );
        });

        it("rejects a spoke outside its region's supernet and names the next free block", () => {
            // 10.16.0.0/20 and 10.16.16.0/20 are taken: the next free /20 is 10.16.32.0/20.
            const p = expectProblem(
                withBase((b) => b.spokes.push({ name: "ledger", region: "eu-west-1", cidr: "10.32.0.0/20" })),
                K("spokes[2].cidr"),
                { mentions: ["10.16.0.0/12"] },
            );
            assert.match(p.message, /next free \/20: 10\.16\.32\.0\/20/);
        });

        it("rejects a spoke in a region without a supernet, under that supernet's key", () => {
            expectProblem(
                withBase((b) => b.spokes.push({ name: "ledger", region: "eu-west-3", cidr: "10.48.0.0/20" })),
                K("supernets.eu-west-3"),
                {
                    mentions: ['"ledger"', "eu-west-3"],
                },
            );
        });

        it("rejects a hub that overlaps another region's supernet", () => {
            expectProblem(
                withBase((b) => (b.supernets["eu-west-3"] = "10.0.0.0/12")),
                K("hub.cidr"),
                { mentions: ["eu-west-3"] },
            );
        });
    });

    describe("names", () => {
        it("rejects duplicate spoke names, pointing at the second one", () => {
            expectProblem(
                withBase((b) => (b.spokes[1].name = "payments")),
                K("spokes[1].name"),
                { mentions: ["spokes[0]"] },
            );
        });

        it('rejects a spoke named "hub"', () => {
            expectProblem(
                withBase((b) => (b.spokes[1].name = "hub")),
                K("spokes[1].name"),
                { mentions: ["reserved"] },
            );
        });

        it("rejects a spoke name that is not lower-case letters, digits and hyphens", () => {
            expectProblem(
                withBase((b) => (b.spokes[0].name = "Payments_EU")),
                K("spokes[0].name"),
            );
        });
    });

    describe("regions and AZs", () => {
        it("rejects an unknown hub region", () => {
            expectProblem(
                withBase((b) => (b.hub.region = "eu-west-9")),
                K("hub.region"),
                { mentions: ["eu-west-9", "eu-west-2"] },
            );
        });

        it("rejects an unknown spoke region", () => {
            expectProblem(
                withBase((b) => (b.spokes[0].region = "mars-north-1")),
                K("spokes[0].region"),
                { mentions: ["mars-north-1"] },
            );
        });

        it("rejects an unknown supernet region", () => {
            expectProblem(
                withBase((b) => (b.supernets["eu-west-9"] = "10.64.0.0/12")),
                K("supernets.eu-west-9"),
                { mentions: ["eu-west-9"] },
            );
        });

        it("lists every supported region in the unknown-region message", () => {
            const p = expectProblem(
                withBase((b) => (b.hub.region = "eu-west-9")),
                K("hub.region"),
            );
            for (const r of REGION_NAMES) {
                assert.ok(p.message.includes(r), `message should list ${r}`);
            }
        });

        it("rejects a hub AZ count larger than the region has", () => {
            expectProblem(
                withBase((b) => (b.hub.azCount = 4)),
                K("hub.azCount"),
                { mentions: ["eu-west-2 has 3 AZs", "3 or fewer"] },
            );
        });

        it("rejects a spoke AZ count larger than its region has (us-west-1 has two)", () => {
            expectProblem(
                withBase((b) => {
                    b.supernets["us-west-1"] = "10.32.0.0/12";
                    b.spokes.push({ name: "west", region: "us-west-1", cidr: "10.32.0.0/20", azCount: 3 });
                }),
                K("spokes[2].azCount"),
                { mentions: ["us-west-1 has 2 AZs"] },
            );
        });

        it("rejects an AZ count below one", () => {
            expectProblem(
                withBase((b) => (b.spokes[1].azCount = 0)),
                K("spokes[1].azCount"),
                { mentions: ["at least 1"], fix: false },
            );
        });

        it("rejects a fractional AZ count", () => {
            expectProblem(
                withBase((b) => (b.hub.azCount = 2.5)),
                K("hub.azCount"),
                { mentions: ["whole number"], fix: false },
            );
        });
    });

    describe("connectivity", () => {
        it("rejects an unknown connectivity mode", () => {
            expectProblem(
                withBase((b) => (b.connectivity.mode = "mesh")),
                K("connectivity.mode"),
                { mentions: ['"mesh"', "transit-gateway"] },
            );
        });

        it("rejects segments in peering mode", () => {
            expectProblem(
                withBase((b) => (b.connectivity.segments = [{ name: "prod", spokes: ["payments", "analytics"] }])),
                K("connectivity.segments"),
                {
                    mentions: ["transit-gateway"],
                },
            );
        });

        it("rejects an unknown spoke in a segment", () => {
            expectProblem(
                withBase(
                    (b) => (b.connectivity = { mode: "transit-gateway", segments: [{ name: "prod", spokes: ["payments", "ghost"] }] }),
                ),
                K("connectivity.segments[0].spokes[1]"),
                { mentions: ['"ghost"', "payments, analytics"] },
            );
        });

        it("rejects a spoke in two segments", () => {
            expectProblem(
                withBase(
                    (b) =>
                        (b.connectivity = {
                            mode: "transit-gateway",
                            segments: [
                                { name: "prod", spokes: ["payments", "analytics"] },
                                { name: "shared", spokes: ["analytics", "payments"] },
                            ],
                        }),
                ),
                K("connectivity.segments[1].spokes[0]"),
                { mentions: ['"analytics"', '"prod"'], total: 2 },
            );
        });

        it("rejects duplicate segment names", () => {
            expectProblem(
                withBase((b) => {
                    b.spokes.push(
                        { name: "ledger", region: "eu-west-1", cidr: "10.16.32.0/20" },
                        { name: "audit", region: "eu-west-1", cidr: "10.16.48.0/20" },
                    );
                    b.connectivity = {
                        mode: "transit-gateway",
                        segments: [
                            { name: "prod", spokes: ["payments", "analytics"] },
                            { name: "prod", spokes: ["ledger", "audit"] },
                        ],
                    };
                }),
                K("connectivity.segments[1].name"),
                { mentions: ['"prod"'] },
            );
        });

        it("rejects a segment with a single spoke", () => {
            expectProblem(
                withBase((b) => (b.connectivity = { mode: "transit-gateway", segments: [{ name: "prod", spokes: ["payments"] }] })),
                K("connectivity.segments[0].spokes"),
                { mentions: ["two or more"], fix: false },
            );
        });

        it("rejects an ASN outside the private ranges", () => {
            expectProblem(
                withBase((b) => (b.connectivity.asns = { "eu-west-2": 100 })),
                K("connectivity.asns.eu-west-2"),
                { mentions: ["64512-65534"] },
            );
            expectProblem(
                withBase((b) => (b.connectivity.asns = { "eu-west-2": 65535 })),
                K("connectivity.asns.eu-west-2"),
            );
            expectProblem(
                withBase((b) => (b.connectivity.asns = { "eu-west-2": 4294967295 })),
                K("connectivity.asns.eu-west-2"),
            );
        });

        it("rejects the same ASN for two regions", () => {
            expectProblem(
                withBase((b) => (b.connectivity.asns = { "eu-west-2": 64600, "eu-west-1": 64600 })),
                K("connectivity.asns.eu-west-1"),
                {
                    mentions: ["eu-west-2"],
                },
            );
        });

        it("rejects an ASN for an unknown region", () => {
            expectProblem(
                withBase((b) => (b.connectivity.asns = { "eu-west-9": 64600 })),
                K("connectivity.asns.eu-west-9"),
                { mentions: ["eu-west-9"] },
            );
        });
    });

    describe("interface and gateway endpoints", () => {
        it("rejects an unknown interface endpoint service", () => {
            expectProblem(
                withBase((b) => (b.hub.interfaceEndpoints = ["ssm", "bogus"])),
                K("hub.interfaceEndpoints[1]"),
                { mentions: ['"bogus"', "ecr.api"] },
            );
        });

        it("rejects object-prototype names as services (own keys only)", () => {
            expectProblem(
                withBase((b) => (b.hub.interfaceEndpoints = ["constructor"])),
                K("hub.interfaceEndpoints[0]"),
                { mentions: ["constructor"] },
            );
        });

        it("rejects a service listed twice, also when once as a full name", () => {
            expectProblem(
                withBase((b) => (b.hub.interfaceEndpoints = ["ssm", "kms", "com.amazonaws.eu-west-2.ssm"])),
                K("hub.interfaceEndpoints[2]"),
                {
                    mentions: ['"ssm" is listed twice'],
                },
            );
        });

        it("rejects a full service name of another region", () => {
            expectProblem(
                withBase((b) => (b.hub.interfaceEndpoints = ["com.amazonaws.eu-west-1.ssm"])),
                K("hub.interfaceEndpoints[0]"),
                {
                    mentions: ["eu-west-1", "com.amazonaws.eu-west-2.ssm"],
                },
            );
        });

        it("rejects a malformed com.amazonaws name", () => {
            expectProblem(
                withBase((b) => (b.hub.interfaceEndpoints = ["com.amazonaws.ssm"])),
                K("hub.interfaceEndpoints[0]"),
                { mentions: ["com.amazonaws.<region>.<service>"] },
            );
        });

        it("accepts s3 as both an interface and a gateway endpoint on the hub (the interface endpoint serves the spokes of other Regions; tests/config/hub-s3.spec.ts)", () => {
            expectValid(withBase((b) => (b.hub.interfaceEndpoints = ["ssm", "s3"])));
        });

        it("accepts s3 as an interface endpoint given by full name while the gateway is on", () => {
            expectValid(withBase((b) => (b.hub.interfaceEndpoints = ["com.amazonaws.eu-west-2.s3"])));
        });

        it("accepts s3 as an interface endpoint once the hub's s3 gateway is dropped", () => {
            expectValid(withBase((b) => Object.assign(b.hub, { interfaceEndpoints: ["ssm", "s3"], gatewayEndpoints: ["dynamodb"] })));
        });

        it("rejects an unknown gateway endpoint service", () => {
            expectProblem(
                withBase((b) => (b.spokes[0].gatewayEndpoints = ["s3", "sqs"])),
                K("spokes[0].gatewayEndpoints[1]"),
                { mentions: ["s3 and dynamodb"] },
            );
        });

        it("rejects a gateway endpoint listed twice on the hub", () => {
            expectProblem(
                withBase((b) => (b.hub.gatewayEndpoints = ["s3", "s3"])),
                K("hub.gatewayEndpoints[1]"),
            );
        });

        it("rejects more interface endpoints than endpoint subnets of a /22 hub can hold", () => {
            // A /22 hub has /27 endpoint subnets: 27 usable addresses; endpoints + 4 spare must fit.
            const services = Object.keys(INTERFACE_SERVICES);
            expectProblem(
                withBase((b) =>
                    Object.assign(b.hub, {
                        cidr: "10.0.0.0/22",
                        gatewayEndpoints: ["dynamodb"],
                        interfaceEndpoints: [...services, ...services.slice(0, 1)],
                    }),
                ),
                K("hub.cidr"),
                { mentions: ["27 usable"], total: "any" },
            );
        });
    });

    describe("unknown keys", () => {
        it("rejects an unknown top-level key", () => {
            expectProblem({ ...baseConfig(), hubb: { cidr: "10.0.0.0/16" } }, K("hubb"), { mentions: ["hub, supernets"] });
        });

        it("rejects an unknown key inside the hub, naming it", () => {
            // The problem sits on the enclosing object; the message names the stray key.
            expectProblem(
                withBase((b) => (b.hub.azcount = 2)),
                K("hub"),
                { mentions: ['"azcount"'] },
            );
        });

        it("rejects an unknown key inside a spoke, naming it", () => {
            expectProblem(
                withBase((b) => (b.spokes[1].colour = "red")),
                K("spokes[1]"),
                { mentions: ['"colour"'] },
            );
        });

        it("rejects an unknown key inside connectivity", () => {
            expectProblem(
                withBase((b) => (b.connectivity.modes = "peering")),
                K("connectivity"),
                { mentions: ['"modes"'] },
            );
        });

        it("rejects an unknown quota name", () => {
            expectProblem(
                withBase((b) => (b.quotas = { vpcsPerZone: 10 })),
                K("quotas"),
                { mentions: ['"vpcsPerZone"'] },
            );
        });
    });

    describe("quotas", () => {
        it("rejects more spokes than peerings per VPC in peering mode", () => {
            expectProblem(
                withBase((b) => (b.quotas = { peeringsPerVpc: 1 })),
                K("spokes"),
                // The eu-west-1 endpoint VPC peers with both spokes too: its own problem.
                { mentions: ["quotas.peeringsPerVpc", "transit-gateway"], total: 2 },
            );
            expectProblem(
                withBase((b) => (b.quotas = { peeringsPerVpc: 1 })),
                K("regionalEndpoints.eu-west-1"),
                {
                    mentions: ["endpoint VPC would peer with 2 spokes", "quotas.peeringsPerVpc (1)", "transit-gateway"],
                    total: 2,
                },
            );
        });

        it("rejects more peering routes than routes per route table", () => {
            expectProblem(
                withBase((b) => (b.quotas = { routesPerRouteTable: 1 })),
                K("spokes"),
                // The eu-west-1 endpoint VPC's tables (one route per spoke) are over it too: their own problem.
                { mentions: ["quotas.routesPerRouteTable"], total: 2 },
            );
        });

        it("rejects quotas above AWS's hard ceilings", () => {
            const raw = withBase((b) => (b.quotas = { peeringsPerVpc: 126, routesPerRouteTable: 1001 }));
            expectProblem(raw, K("quotas.peeringsPerVpc"), { mentions: ["125"], total: 2 });
            expectProblem(raw, K("quotas.routesPerRouteTable"), { mentions: ["1000"], total: 2 });
        });

        it("accepts quotas at the ceilings", () => {
            expectValid(withBase((b) => (b.quotas = { peeringsPerVpc: 125, routesPerRouteTable: 1000 })));
        });

        it("rejects an endpoint security group needing more inbound rules than the quota", () => {
            expectProblem(
                withBase((b) => (b.quotas = { inboundRulesPerSecurityGroup: 1 })),
                K("spokes"),
                { mentions: ["quotas.inboundRulesPerSecurityGroup"] },
            );
        });

        it("counts one inbound rule per spoke region, not per spoke", () => {
            // Hub + one spoke region = 2 rules, whatever the number of spokes in that region.
            expectValid(
                withBase((b) => {
                    b.quotas = { inboundRulesPerSecurityGroup: 2 };
                    b.spokes.push({ name: "ledger", region: "eu-west-1", cidr: "10.16.32.0/20" });
                }),
            );
        });

        it("rejects more interface endpoints than the per-VPC quota", () => {
            expectProblem(
                withBase((b) => (b.quotas = { interfaceEndpointsPerVpc: 3 })),
                K("hub.interfaceEndpoints"),
                {
                    mentions: [`${DEFAULT_INTERFACE_SERVICES.length} interface endpoints`],
                    // The eu-west-1 spokes' regional endpoint VPC is over the same quota (its own problem).
                    total: 2,
                },
            );
        });

        it("rejects more VPCs than a private hosted zone can be associated with", () => {
            expectProblem(
                withBase((b) => (b.quotas = { vpcsPerHostedZone: 2 })),
                K("spokes"),
                { mentions: ["quotas.vpcsPerHostedZone"] },
            );
        });

        it("rejects more spoke regions than peering attachments per transit gateway", () => {
            expectProblem(
                withBase((b) => {
                    b.connectivity = { mode: "transit-gateway" };
                    b.quotas = { peeringAttachmentsPerTransitGateway: 1 };
                    b.supernets["eu-west-3"] = "10.32.0.0/12";
                    b.spokes.push({ name: "ledger", region: "eu-west-3", cidr: "10.32.0.0/20" });
                }),
                K("spokes"),
                { mentions: ["quotas.peeringAttachmentsPerTransitGateway"] },
            );
        });

        it("rejects more aggregate routes than routes per route table in transit-gateway mode", () => {
            expectProblem(
                withBase((b) => {
                    b.connectivity = { mode: "transit-gateway" };
                    b.quotas = { routesPerRouteTable: 2 };
                }),
                K("supernets"),
                { mentions: ["quotas.routesPerRouteTable"] },
            );
        });

        it("rejects a quota that is not a positive integer", () => {
            expectProblem(
                withBase((b) => (b.quotas = { peeringsPerVpc: 0 })),
                K("quotas.peeringsPerVpc"),
                { fix: false },
            );
        });
    });

    describe("endpoint service", () => {
        it("rejects the * principal without allowAnyPrincipal", () => {
            expectProblem(
                withBase((b) => (b.endpointService = { name: "orders-api", allowedPrincipals: ["*"] })),
                K("endpointService.allowedPrincipals[0]"),
                {
                    mentions: ["allowAnyPrincipal"],
                },
            );
        });

        it("rejects the * principal with auto-accept", () => {
            expectProblem(
                withBase(
                    (b) =>
                        (b.endpointService = {
                            name: "orders-api",
                            allowedPrincipals: ["*"],
                            allowAnyPrincipal: true,
                            acceptanceRequired: false,
                        }),
                ),
                K("endpointService.allowedPrincipals[0]"),
                { mentions: ["acceptanceRequired: true"] },
            );
        });

        it("rejects a principal ARN with an IAM path", () => {
            expectProblem(
                withBase(
                    (b) => (b.endpointService = { name: "orders-api", allowedPrincipals: ["arn:aws:iam::111122223333:role/team/app"] }),
                ),
                K("endpointService.allowedPrincipals[0]"),
                { mentions: ["path"] },
            );
        });

        it("rejects malformed principal ARNs", () => {
            for (const bad of [
                "arn:aws:iam::1111:root",
                "arn:aws:iam::111122223333:group/admins",
                "111122223333",
                "arn:aws:sts::111122223333:assumed-role/r/s",
            ]) {
                expectProblem(
                    withBase((b) => (b.endpointService = { name: "orders-api", allowedPrincipals: [bad] })),
                    K("endpointService.allowedPrincipals[0]"),
                    {
                        mentions: ["12-digit"],
                    },
                );
            }
        });

        it("rejects a principal listed twice", () => {
            const root = "arn:aws:iam::111122223333:root";
            expectProblem(
                withBase((b) => (b.endpointService = { name: "orders-api", allowedPrincipals: [root, root] })),
                K("endpointService.allowedPrincipals[1]"),
                {
                    mentions: ["twice"],
                },
            );
        });

        it("rejects an unknown consumer", () => {
            expectProblem(
                withBase((b) => (b.endpointService = { name: "orders-api", consumers: ["payments", "ghost"] })),
                K("endpointService.consumers[1]"),
                {
                    mentions: ['"ghost"'],
                },
            );
        });

        it("rejects a consumer that hosts the service", () => {
            expectProblem(
                withBase((b) => {
                    b.supernets["eu-west-2"] = "10.0.0.0/12";
                    b.spokes.push({ name: "shared", region: "eu-west-2", cidr: "10.1.0.0/20" });
                    b.endpointService = { name: "orders-api", vpc: "shared", consumers: ["shared"] };
                }),
                K("endpointService.consumers[0]"),
                { mentions: ["hosts the service"] },
            );
        });

        it("rejects an unknown host VPC", () => {
            expectProblem(
                withBase((b) => (b.endpointService = { name: "orders-api", vpc: "ghost" })),
                K("endpointService.vpc"),
                { mentions: ['"ghost"'] },
            );
        });

        it("rejects privateDnsVerified without a privateDnsName", () => {
            expectProblem(
                withBase((b) => (b.endpointService = { name: "orders-api", privateDnsVerified: true })),
                K("endpointService.privateDnsVerified"),
            );
        });

        it("rejects a host VPC with a single AZ (an NLB needs two)", () => {
            expectProblem(
                withBase((b) => {
                    b.hub.azCount = 1;
                    b.endpointService = { name: "orders-api" };
                }),
                K("endpointService.vpc"),
                { mentions: ["two AZs"] },
            );
        });
    });

    describe("flow logs, tags, identity", () => {
        it("rejects a retention CloudWatch Logs does not offer", () => {
            expectProblem(
                withBase((b) => (b.flowLogs = { retentionDays: 10 })),
                K("flowLogs.retentionDays"),
                { mentions: ["365"] },
            );
        });

        it("rejects a tag key with the reserved aws: prefix, under that tag's key", () => {
            expectProblem(
                withBase((b) => (b.tags = { owner: "x", "aws:owner": "y" })),
                K("tags.aws:owner"),
                { fix: false },
            );
        });

        // BUG: the tag-key refinement's message is lost: zod 4 reports a failed record key as an
        // `invalid_key` issue whose own message is "Invalid key in record"; the real message
        // ("tag keys starting with aws: are reserved by AWS. Fix: rename the key") sits in issue.issues.
        // components/config/schema.ts, parseUnit(): add
        // `else if (issue.code === "invalid_key") message = issue.issues.map((i) => i.message).join("; ")`.
        it("rejects a tag key with the reserved aws: prefix, saying why and how to fix it (fixed)", () => {
            expectProblem(
                withBase((b) => (b.tags = { "AWS:Owner": "y" })),
                K("tags.AWS:Owner"),
                { mentions: ["reserved"] },
            );
        });

        it("rejects a tag key with the program's own landing-zone: prefix (the stack and role tags are the program's)", () => {
            for (const key of ["landing-zone:stack", "landing-zone:role"]) {
                expectProblem(
                    withBase((b) => (b.tags = { owner: "x", [key]: "mine" })),
                    K(`tags.${key}`),
                    { mentions: ["set by the program"] },
                );
            }
        });

        it("rejects a tag value longer than 256 characters", () => {
            expectProblem(
                withBase((b) => (b.tags = { note: "x".repeat(257) })),
                K("tags.note"),
                { mentions: ["256"], fix: false },
            );
        });

        it("rejects an accountId that is not 12 digits", () => {
            for (const bad of ["12345", "1234567890123", "12345678901a"]) {
                expectProblem(
                    withBase((b) => (b.accountId = bad)),
                    K("accountId"),
                    { mentions: ["12-digit", "quoted"] },
                );
            }
        });

        it("rejects a malformed organizationId", () => {
            expectProblem(
                withBase((b) => (b.organizationId = "org-123")),
                K("organizationId"),
                { mentions: ["o-"] },
            );
        });
    });

    describe("structure", () => {
        it("rejects a config without a hub", () => {
            const raw = baseConfig();
            delete raw.hub;
            expectProblem(raw, K("hub"), { mentions: ["required"] });
        });

        it("rejects a hub without a cidr", () => {
            expectProblem(
                withBase((b) => delete b.hub.cidr),
                K("hub.cidr"),
                { mentions: ["required"], fix: false },
            );
        });

        it("rejects spokes that are not a list", () => {
            expectProblem(
                withBase((b) => (b.spokes = { payments: "10.16.0.0/20" } as never)),
                K("spokes"),
                { fix: false },
            );
        });

        it("rejects supernets that are not a map", () => {
            expectProblem(
                withBase((b) => {
                    b.supernets = ["10.16.0.0/12"];
                    b.spokes = [];
                }),
                K("supernets"),
                { fix: false },
            );
        });

        // BUG: several problems do not say how to fix them, although every problem is meant to name its
        // key "and the fix" (components/config/validate.ts header; the CLI exits 2 on them). They are zod's built-in
        // messages or hand-written ones without "Fix:". Each line below is one rule; see the report.
        //   schema.ts azCount (min/int), nested required keys in parseUnit ("is required (...)"),
        //   connectivitySchema segments `.min(2)`, quotaSchema `.int().positive()`, tag value `.max(256)`,
        //   flowLogs trafficType / spoke builder enums, `supernets` / `spokes` shape messages, and any
        //   wrong-type unit ("Invalid input: expected object, received string").
        // Fix: give each of those a `{ error: "… Fix: …" }`, and in parseUnit append a generic
        // "Fix: …" for zod's own codes (invalid_type, too_small, invalid_value).
        it("says how to fix every problem (fixed)", () => {
            const cases: [string, ReturnType<typeof baseConfig>][] = [
                ["hub.azCount", withBase((b) => (b.hub.azCount = 0))],
                ["hub.cidr", withBase((b) => delete b.hub.cidr)],
                [
                    "connectivity.segments[0].spokes",
                    withBase((b) => (b.connectivity = { mode: "transit-gateway", segments: [{ name: "prod", spokes: ["payments"] }] })),
                ],
                ["quotas.peeringsPerVpc", withBase((b) => (b.quotas = { peeringsPerVpc: 0 }))],
                ["flowLogs.trafficType", withBase((b) => (b.flowLogs = { trafficType: "SOME" }))],
                ["spokes[0].builder", withBase((b) => (b.spokes[0].builder = "cdk"))],
                ["spokes", withBase((b) => (b.spokes = "payments" as never))],
                ["hub", withBase((b) => (b.hub = "10.0.0.0/16"))],
                ["protect", withBase((b) => (b.protect = "yes"))],
            ];
            for (const [key, raw] of cases) {
                expectProblem(raw, K(key), { total: "any" });
            }
        });
    });

    describe("collecting problems", () => {
        it("reports every independent mistake in one result, each under its own key", () => {
            const raw = withBase((b) => {
                b.hub.region = "eu-west-9"; // unknown region
                b.spokes[0].cidr = "10.16.0.1/20"; // host bits
                b.spokes[1].name = "hub"; // reserved name
                b.connectivity.mode = "mesh"; // unknown mode
                b.flowLogs = { retentionDays: 42 }; // not a CloudWatch value
                b.accountId = "1234"; // not 12 digits
            });
            const r = validateConfig(raw);
            assert.ok(!r.ok);
            const keys = new Set(r.problems.map((p) => p.key));
            for (const k of [
                "hub.region",
                "spokes[0].cidr",
                "spokes[1].name",
                "connectivity.mode",
                "flowLogs.retentionDays",
                "accountId",
            ]) {
                assert.ok(keys.has(K(k)), `missing ${K(k)} in ${[...keys].join(", ")}`);
            }
            assert.ok(r.problems.length >= 6);
        });

        it("keeps checking other spokes when one spoke is broken", () => {
            const raw = withBase((b) => {
                b.spokes[0].cidr = "not-a-cidr";
                b.spokes.push({ name: "ledger", region: "eu-west-1", cidr: "10.16.16.0/21" }); // overlaps analytics
            });
            const r = validateConfig(raw);
            assert.ok(!r.ok);
            assert.deepStrictEqual(r.problems.map((p) => p.key).sort(), [K("spokes[0].cidr"), K("spokes[2].cidr")]);
        });

        it("parseConfig throws one ConfigValidationError listing every problem and the source", () => {
            const raw = withBase((b) => {
                b.hub.cidr = "8.8.0.0/16";
                b.spokes[1].region = "nowhere-1";
            });
            assert.throws(
                () => parseConfig(raw, "config of stack unit"),
                (e: unknown) => {
                    assert.ok(e instanceof ConfigValidationError);
                    assert.strictEqual(e.problems.length, 2);
                    assert.match(e.message, /^invalid config of stack unit \(2 problems\)/);
                    assert.ok(e.message.includes(`  - ${K("hub.cidr")}: `));
                    assert.ok(e.message.includes(`  - ${K("spokes[1].region")}: `));
                    return true;
                },
            );
        });

        it("parseConfig returns the same typed config validateConfig does", () => {
            const r = validateConfig(baseConfig());
            assert.ok(r.ok);
            assert.deepStrictEqual(parseConfig(baseConfig()), r.config);
        });

        it("never throws, whatever the shape of the raw config (property)", () => {
            const unit = fc.oneof(
                fc.anything(),
                fc.array(fc.anything(), { maxLength: 3 }),
                fc.dictionary(fc.string(), fc.anything(), { maxKeys: 4 }),
            );
            fc.assert(
                fc.property(
                    fc.record(
                        {
                            hub: fc.oneof(
                                unit,
                                fc.record(
                                    { cidr: fc.string(), region: fc.constantFrom("eu-west-2", "x"), interfaceEndpoints: unit },
                                    { requiredKeys: [] },
                                ),
                            ),
                            spokes: fc.oneof(
                                unit,
                                fc.array(fc.record({ name: fc.string(), cidr: fc.string(), region: fc.string() }, { requiredKeys: [] }), {
                                    maxLength: 3,
                                }),
                            ),
                            supernets: fc.oneof(unit, fc.dictionary(fc.constantFrom("eu-west-1", "eu-west-2", "bogus"), fc.string())),
                            connectivity: unit,
                            endpointService: unit,
                            quotas: unit,
                            tags: unit,
                            flowLogs: unit,
                            accountId: unit,
                            protect: unit,
                        },
                        { requiredKeys: [] },
                    ),
                    (raw) => {
                        const r = validateConfig(raw as Record<string, unknown>);
                        return r.ok || r.problems.every((p) => p.key.startsWith("landing-zone:") && p.message.length > 0);
                    },
                ),
                { numRuns: 400 },
            );
        });
    });
});
