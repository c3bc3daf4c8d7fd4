/**
 * The VPC building block (components/network/vpc.ts) and what every VPC of the platform must have,
 * asserted on the registrations of the real program under the offline mocks. Relationships are checked
 * through property dependencies; derived values against the planner and the config.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { isGlobalResourceType, REGION_NAMES, zoneNames } from "../../components/aws/regions";
import { validateConfig } from "../../components/config/schema";
import { NetworkVpc } from "../../components/network/vpc";
import { planSubnets } from "../../components/planning/subnets";
import { AwsMocks, MOCK_ACCOUNT_ID } from "../../offline/mocks";
import { CapturedResource, JsonObject } from "../../offline/types";
import {
    endpointsOf,
    expectationFor,
    expectedVpcs,
    hubVpc,
    iamGlobMatch,
    routeTablesOf,
    sourceOf,
    subnetsOf,
    T,
    vpcs,
} from "../helpers/network";
import { jsonInput, Plan, planFor, PROJECT, propertyDependsOn, tag, TEST_STACK } from "../helpers/plan";
import { ACCOUNT_ID, BASE, EXTENDED, PRODUCTION } from "../helpers/scenarios";

interface PolicyDoc {
    Statement: {
        Effect: string;
        Principal?: unknown;
        Action: string | string[];
        Resource?: string | string[];
        Condition?: Record<string, Record<string, string>>;
    }[];
}
const list = <X>(v: X | X[] | undefined): X[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe("components/network/vpc: every VPC", () => {
    it("the scenarios are valid configs", () => {
        for (const c of [BASE, PRODUCTION, EXTENDED]) {
            const r = validateConfig(c);
            assert.ok(r.ok, r.ok ? "" : r.problems.map((p) => `${p.key}: ${p.message}`).join("\n"));
        }
    });

    for (const [label, config] of [
        ["base config", BASE],
        ["extended config", EXTENDED],
    ] as const) {
        describe(label, () => {
            let plan: Plan;
            before(async () => {
                plan = await planFor(config);
            });

            const eachVpc = (fn: (vpc: CapturedResource) => void) => {
                const all = vpcs(plan);
                assert.ok(all.length >= 1, "no VPC was registered");
                for (const vpc of all) {
                    fn(vpc);
                }
            };

            it("registers the hub VPC, and only VPCs the config describes", () => {
                assert.strictEqual(hubVpc(plan).inputs.cidrBlock, (config.hub as { cidr: string }).cidr);
                const cidrs = vpcs(plan).map((v) => v.inputs.cidrBlock);
                assert.strictEqual(new Set(cidrs).size, cidrs.length, "two VPCs share a CIDR");
                eachVpc((vpc) => expectationFor(config, vpc));
            });

            it("registers one VPC per hub and spoke (all spokes here use the plain aws builder)", () => {
                assert.deepStrictEqual(
                    vpcs(plan)
                        .map((v) => v.inputs.cidrBlock)
                        .sort(),
                    expectedVpcs(config)
                        .map((e) => e.cidr)
                        .sort(),
                );
            });

            it("each VPC lives in its configured region and is tagged with its role", () => {
                eachVpc((vpc) => {
                    const e = expectationFor(config, vpc);
                    assert.strictEqual(vpc.region, e.region, vpc.urn);
                    assert.strictEqual(plan.providerOf(vpc).inputs.region, e.region);
                    assert.strictEqual(tag(vpc, "landing-zone:role"), e.role);
                });
            });

            it("turns on DNS support and DNS hostnames (private hosted zones need both)", () => {
                eachVpc((vpc) => {
                    assert.strictEqual(vpc.inputs.enableDnsSupport, true, vpc.urn);
                    assert.strictEqual(vpc.inputs.enableDnsHostnames, true, vpc.urn);
                });
            });

            it("has subnets per tier and AZ exactly as planSubnets lays them out, none public", () => {
                eachVpc((vpc) => {
                    const e = expectationFor(config, vpc);
                    const planned = planSubnets(e.cidr, e.azCount);
                    const subnets = subnetsOf(plan, vpc);
                    assert.deepStrictEqual(subnets.map((s) => s.inputs.cidrBlock).sort(), planned.map((p) => p.cidr).sort(), vpc.urn);
                    for (const p of planned) {
                        const s = subnets.find((x) => x.inputs.cidrBlock === p.cidr) as CapturedResource;
                        assert.strictEqual(s.inputs.mapPublicIpOnLaunch, false, s.urn);
                        assert.strictEqual(tag(s, "landing-zone:tier"), p.tier, s.urn);
                        // Slot i of each tier is in the i-th AZ of the region.
                        assert.strictEqual(s.inputs.availabilityZone, zoneNames(e.region)[p.azIndex], s.urn);
                        assert.strictEqual(s.region, e.region);
                    }
                });
            });

            it("gives every subnet its own route table, associated once", () => {
                eachVpc((vpc) => {
                    const subnets = subnetsOf(plan, vpc);
                    const tables = routeTablesOf(plan, vpc);
                    assert.strictEqual(tables.length, subnets.length, vpc.urn);
                    const used = new Set<string>();
                    for (const s of subnets) {
                        const assocs = plan.dependents(T.routeTableAssociation, "subnetId", s.urn);
                        assert.strictEqual(assocs.length, 1, `${s.urn} has ${assocs.length} route table associations`);
                        const rt = sourceOf(plan, assocs[0], "routeTableId", T.routeTable);
                        assert.ok(tables.includes(rt), `${s.urn} is associated with a route table of another VPC`);
                        assert.strictEqual(assocs[0].inputs.routeTableId, rt.id);
                        assert.strictEqual(assocs[0].inputs.subnetId, s.id);
                        assert.strictEqual(tag(rt, "landing-zone:tier"), tag(s, "landing-zone:tier"));
                        assert.ok(!used.has(rt.urn), `${rt.urn} is shared by two subnets`);
                        used.add(rt.urn);
                    }
                });
            });

            it("sends flow logs to a CloudWatch log group with the configured retention", () => {
                const retention = ((config.flowLogs as { retentionDays?: number } | undefined)?.retentionDays ?? 365) as number;
                const traffic = (config.flowLogs as { trafficType?: string } | undefined)?.trafficType ?? "ALL";
                eachVpc((vpc) => {
                    const logs = plan.dependents(T.flowLog, "vpcId", vpc.urn);
                    assert.strictEqual(logs.length, 1, `${vpc.urn} has ${logs.length} flow logs`);
                    const fl = logs[0];
                    assert.strictEqual(fl.inputs.logDestinationType, "cloud-watch-logs");
                    assert.strictEqual(fl.inputs.trafficType, traffic);
                    const group = sourceOf(plan, fl, "logDestination", T.logGroup);
                    assert.strictEqual(group.inputs.retentionInDays, retention);
                    assert.strictEqual(fl.inputs.logDestination, group.outputs.arn, "flow log must point at the log group's ARN");
                    assert.strictEqual(group.region, vpc.region, "log group must be in the VPC's region");
                    assert.match(String(group.outputs.arn), new RegExp(`^arn:aws:logs:${vpc.region}:`));
                });
            });

            it("publishes flow logs with a role only VPC Flow Logs can assume, allowed to write that log group", () => {
                eachVpc((vpc) => {
                    const fl = plan.dependents(T.flowLog, "vpcId", vpc.urn)[0];
                    const group = sourceOf(plan, fl, "logDestination", T.logGroup);
                    const role = sourceOf(plan, fl, "iamRoleArn", T.role);
                    assert.strictEqual(fl.inputs.iamRoleArn, role.outputs.arn);
                    const trust = jsonInput<PolicyDoc>(role, "assumeRolePolicy");
                    assert.ok(trust.Statement.length > 0);
                    for (const s of trust.Statement) {
                        assert.deepStrictEqual(s.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
                        assert.deepStrictEqual(list(s.Action), ["sts:AssumeRole"]);
                    }
                    const policies = plan.dependents(T.rolePolicy, "role", role.urn);
                    assert.ok(policies.length >= 1, "the flow-log role has no policy");
                    const allowsPut = policies.some((p) =>
                        jsonInput<PolicyDoc>(p, "policy").Statement.some(
                            (s) =>
                                s.Effect === "Allow" &&
                                list(s.Action).includes("logs:PutLogEvents") &&
                                list(s.Resource).some((r) => iamGlobMatch(r, `${String(group.outputs.arn)}:log-stream:x`)),
                        ),
                    );
                    assert.ok(allowsPut, `the flow-log role may not write to ${String(group.outputs.arn)}`);
                });
            });

            it("creates each flow log only after its role's policy exists (the flow log depends on the RolePolicy)", () => {
                eachVpc((vpc) => {
                    const fl = plan.dependents(T.flowLog, "vpcId", vpc.urn)[0];
                    const role = sourceOf(plan, fl, "iamRoleArn", T.role);
                    const policies = plan.dependents(T.rolePolicy, "role", role.urn);
                    assert.ok(policies.length >= 1);
                    for (const p of policies) {
                        assert.ok(
                            fl.dependencies.includes(p.urn),
                            `${fl.urn} can be created before ${p.urn}: the role could not write yet`,
                        );
                    }
                });
            });

            it("adopts the default security group with no rules", () => {
                eachVpc((vpc) => {
                    const dsg = plan.dependents(T.defaultSecurityGroup, "vpcId", vpc.urn);
                    assert.strictEqual(dsg.length, 1, vpc.urn);
                    for (const k of ["ingress", "egress"]) {
                        const v = dsg[0].inputs[k];
                        assert.ok(
                            v === undefined || (Array.isArray(v) && v.length === 0),
                            `default SG has ${k} rules: ${JSON.stringify(v)}`,
                        );
                    }
                });
            });

            it("attaches the configured gateway endpoints to every route table of the VPC", () => {
                eachVpc((vpc) => {
                    const e = expectationFor(config, vpc);
                    const gws = endpointsOf(plan, vpc, "Gateway");
                    assert.deepStrictEqual(
                        gws.map((g) => g.inputs.serviceName).sort(),
                        e.gatewayEndpoints.map((s) => `com.amazonaws.${e.region}.${s}`).sort(),
                        vpc.urn,
                    );
                    const tables = routeTablesOf(plan, vpc);
                    for (const g of gws) {
                        assert.deepStrictEqual(
                            [...(g.propertyDependencies.routeTableIds ?? [])].sort(),
                            tables.map((t) => t.urn).sort(),
                            g.urn,
                        );
                        assert.deepStrictEqual([...(g.inputs.routeTableIds as string[])].sort(), tables.map((t) => t.id).sort());
                        assert.strictEqual(g.region, e.region);
                    }
                });
            });

            it("has no internet path: no internet or NAT gateway, no elastic IP", () => {
                const forbidden = [
                    "aws:ec2/internetGateway:InternetGateway",
                    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
                    "aws:ec2/natGateway:NatGateway",
                    "aws:ec2/eip:Eip",
                    "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
                ];
                assert.deepStrictEqual(
                    plan.resources.filter((r) => forbidden.includes(r.type)).map((r) => r.urn),
                    [],
                );
                const publicRoutes = plan
                    .byType(T.route)
                    .filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0" && r.inputs.gatewayId !== undefined);
                assert.deepStrictEqual(
                    publicRoutes.map((r) => r.urn),
                    [],
                );
            });

            it("creates every custom resource with an explicit AWS provider", () => {
                const providers = new Set(plan.byType(T.provider).map((p) => p.urn));
                for (const r of plan.resources.filter((x) => x.custom && x.type !== T.provider)) {
                    assert.ok(r.provider, `${r.urn} uses the ambient default provider`);
                    assert.ok(providers.has(r.provider), `${r.urn} uses provider ${r.provider}, which is not a captured aws provider`);
                }
            });

            it("reports IAM and Route 53 as global and every other resource in its provider's region", () => {
                for (const r of plan.resources.filter((x) => x.custom && x.type !== T.provider)) {
                    if (isGlobalResourceType(r.type)) {
                        assert.strictEqual(r.region, "global", r.urn);
                    } else {
                        assert.ok(REGION_NAMES.includes(r.region), `${r.urn} has region ${JSON.stringify(r.region)}`);
                        assert.strictEqual(r.region, plan.providerOf(r).inputs.region, r.urn);
                    }
                }
            });

            it("puts every regional resource of a VPC in that VPC's region", () => {
                eachVpc((vpc) => {
                    const inVpc = plan.resources.filter((r) => propertyDependsOn(r, "vpcId", vpc.urn) && !isGlobalResourceType(r.type));
                    assert.ok(inVpc.length > 0);
                    for (const r of inVpc) {
                        assert.strictEqual(r.region, vpc.region, `${r.urn} is in ${r.region}, its VPC in ${vpc.region}`);
                    }
                });
            });

            it("has one provider per region in use, each carrying the config tags and the owner tags (project, stack) as defaultTags", () => {
                const providers = plan.byType(T.provider);
                const regions = providers.map((p) => p.inputs.region);
                assert.strictEqual(new Set(regions).size, regions.length, `two providers for one region: ${regions.join(", ")}`);
                const configured = new Set(expectedVpcs(config).map((v) => v.region));
                for (const p of providers) {
                    assert.ok(
                        configured.has(String(p.inputs.region)),
                        `provider for ${String(p.inputs.region)}, where no VPC is configured`,
                    );
                    assert.deepStrictEqual(jsonInput<{ tags: JsonObject }>(p, "defaultTags").tags, {
                        ...(config.tags as JsonObject),
                        "landing-zone:project": PROJECT,
                        "landing-zone:stack": TEST_STACK,
                    });
                    assert.strictEqual(p.inputs.allowedAccountIds, undefined, "no accountId configured: providers must not be pinned");
                }
                eachVpc((vpc) => assert.ok(regions.includes(vpc.region)));
            });

            it("does not protect anything when protect is off", () => {
                assert.deepStrictEqual(
                    plan.resources.filter((r) => r.protect).map((r) => r.urn),
                    [],
                );
            });

            it("forms one tree: every resource descends from the LandingZone component", () => {
                const roots = plan.byType(T.landingZone);
                assert.strictEqual(roots.length, 1);
                for (const r of plan.resources) {
                    let cur = r;
                    let depth = 0;
                    while (cur.urn !== roots[0].urn) {
                        assert.ok(cur.parent, `${r.urn} is not under the LandingZone`);
                        cur = plan.byUrn(cur.parent);
                        assert.ok(++depth < 20);
                    }
                }
                const urns = plan.resources.map((r) => r.urn);
                assert.strictEqual(new Set(urns).size, urns.length);
            });

            it("names a VPC's children after the VPC, under its Vpc component", () => {
                eachVpc((vpc) => {
                    const component = plan.byUrn(vpc.parent);
                    assert.strictEqual(component.type, T.vpcComponent);
                    const children = plan.children(component.urn);
                    assert.ok(children.length > 1);
                    for (const c of children) {
                        assert.ok(c.name === vpc.name || c.name.startsWith(`${vpc.name}-`), `${c.urn} is not named after ${vpc.name}`);
                    }
                    for (const s of subnetsOf(plan, vpc)) {
                        assert.strictEqual(s.parent, component.urn);
                    }
                });
            });
        });
    }

    describe("production config (protect, accountId, organizationId)", () => {
        let plan: Plan;
        before(async () => {
            plan = await planFor(PRODUCTION);
        });

        it("protects every VPC and every hosted zone", () => {
            const stateful = [...plan.byType(T.vpc), ...plan.byType(T.zone)];
            assert.ok(plan.byType(T.zone).length > 0);
            for (const r of stateful) {
                assert.strictEqual(r.protect, true, r.urn);
            }
        });

        it("leaves replaceable resources (subnets, route tables, endpoints, records) unprotected", () => {
            for (const type of [T.subnet, T.routeTable, T.vpcEndpoint, T.record, T.flowLog]) {
                for (const r of plan.byType(type)) {
                    assert.strictEqual(r.protect, false, r.urn);
                }
            }
        });

        it("pins every provider to the configured account", () => {
            for (const p of plan.byType(T.provider)) {
                const allowed = p.inputs.allowedAccountIds;
                const ids = typeof allowed === "string" ? JSON.parse(allowed) : allowed;
                assert.deepStrictEqual(ids, [ACCOUNT_ID], p.urn);
            }
        });

        it("lets only the configured account's flow logs assume the flow-log role (confused deputy)", () => {
            const fl = plan.dependents(T.flowLog, "vpcId", hubVpc(plan).urn)[0];
            const role = sourceOf(plan, fl, "iamRoleArn", T.role);
            const trust = JSON.stringify(jsonInput(role, "assumeRolePolicy"));
            assert.ok(trust.includes(`"aws:SourceAccount":"${ACCOUNT_ID}"`), trust);
            assert.ok(!trust.includes(MOCK_ACCOUNT_ID));
        });
    });

    describe("providers come from the component options", () => {
        it("a VPC given no provider in its options fails with a ResourceError on the VPC, saying how to pass one", async () => {
            await pulumi.runtime.setMocks(new AwsMocks(), "landing-zone", "test", false);
            const args = {
                region: "eu-west-2",
                cidr: "10.0.0.0/16",
                azCount: 2,
                configKey: "landing-zone:hub",
                role: "hub" as const,
                flowLogs: {
                    roleArn: "arn:aws:iam::123456789012:role/x",
                    logGroupName: "/x",
                    retentionDays: 1,
                    trafficType: "ALL" as const,
                },
            };
            assert.throws(
                () => new NetworkVpc("orphan", args),
                (e: unknown) =>
                    e instanceof pulumi.ResourceError && /no AWS provider/.test(e.message) && /\{ parent, provider \}/.test(e.message),
            );
        });
    });
});
