/**
 * The caller matrix (offline/network-model/callers.ts): per spoke and per (service, Region called),
 * region-bound clients in their own Region, cross-region callers in the hub's; each cell traced DNS ->
 * endpoint -> routes -> security group -> dependencies, on the real program's captures, and on models
 * changed one object at a time for the breaks a plan of this program cannot produce.
 */
import * as assert from "assert";
import { analyzeCallers, CallerCell, CallerMatrix, REGION_BOUND_SERVICES, serviceDnsName } from "../../offline/network-model/callers";
import { fromPlan } from "../../offline/network-model/from-plan";
import * as M from "../../offline/network-model/types";
import { analyzeReachability } from "../../offline/reachability";
import { ConfigObject, planFor, withBase } from "../helpers/plan";

const matrixOf = async (config: ConfigObject) => {
    const plan = await planFor(config);
    const model = fromPlan(plan.resources);
    return { model, m: analyzeCallers(model) };
};
const one = (m: CallerMatrix, spoke: string, caller: string, region: string, service: string): CallerCell => {
    const found = m.cells.filter((c) => c.spoke === spoke && c.caller === caller && c.region === region && c.service === service);
    assert.strictEqual(found.length, 1, `${spoke} ${caller} ${region} ${service}: ${found.length} cells`);
    return found[0];
};

describe("reachability that knows the caller (network-model/callers.ts)", () => {
    describe("the base stack: two eu-west-1 spokes, hub in eu-west-2, eu-west-1's own endpoint set (the default)", () => {
        let m: CallerMatrix;
        let model: M.NetworkModel;
        before(async () => {
            ({ m, model } = await matrixOf(withBase(() => undefined)));
        });

        it("has one region-bound cell per agent service in the spoke's own Region, and one cross-region cell per hub endpoint in the hub's", () => {
            for (const spoke of ["spoke-payments", "spoke-analytics"]) {
                const own = m.cells.filter((c) => c.spoke === spoke && c.caller === "region-bound");
                assert.deepStrictEqual(
                    own.map((c) => `${c.region} ${c.service}`),
                    REGION_BOUND_SERVICES.map((s) => `eu-west-1 ${s}`),
                );
                const cross = m.cells.filter((c) => c.spoke === spoke && c.caller === "cross-region");
                assert.ok(
                    cross.length >= 10 && cross.every((c) => c.region === "eu-west-2"),
                    `${spoke}: ${cross.length} cross-region cells`,
                );
            }
        });

        it("resolves a region-bound call with the Region's own zone, associated with the spoke, and reaches the Region's endpoint", () => {
            const c = one(m, "spoke-payments", "region-bound", "eu-west-1", "ssm");
            assert.strictEqual(c.open, true, c.brokenAt);
            assert.deepStrictEqual(c.dns, {
                name: "ssm.eu-west-1.amazonaws.com",
                zone: "ssm.eu-west-1.amazonaws.com",
                via: "association",
            });
            assert.match(c.endpoint ?? "", /^endpoints-eu-west-1-/);
        });

        it("resolves a cross-region call with the hub's zone and reaches the hub's endpoint", () => {
            const c = one(m, "spoke-payments", "cross-region", "eu-west-2", "ssm");
            assert.strictEqual(c.open, true, c.brokenAt);
            assert.strictEqual(c.dns.zone, "ssm.eu-west-2.amazonaws.com");
            assert.match(c.endpoint ?? "", /^hub-/);
        });

        it("meets ECR's layer dependency in the spoke's own Region through its free S3 gateway endpoint", () => {
            const c = one(m, "spoke-payments", "region-bound", "eu-west-1", "ecr.dkr");
            assert.strictEqual(c.open, true, c.brokenAt);
            assert.deepStrictEqual(
                c.dependencies.map((d) => `${d.service} ${d.open ? "ok" : "broken"} ${d.via ?? ""}`),
                ["ecr.api ok interface", "s3 ok gateway"],
            );
        });

        it("reports ECR pulls from the hub's Region broken, naming the missing S3 path (a gateway endpoint does not cross peering)", () => {
            const c = one(m, "spoke-payments", "cross-region", "eu-west-2", "ecr.dkr");
            assert.strictEqual(c.open, false);
            assert.strictEqual(c.intended, true);
            assert.match(
                c.brokenAt ?? "",
                /^eu-west-2 ecr\.dkr: layers: no S3 path to eu-west-2: the S3 gateway endpoint of spoke-payments serves eu-west-1 only/,
            );
            assert.match(c.brokenAt ?? "", /no S3 interface endpoint of eu-west-2 resolves from spoke-payments/);
        });

        it("opens that cell once an S3 interface endpoint of eu-west-2 and its zone serve the spoke", () => {
            const ep = model.endpoints.find((e) => e.service === "com.amazonaws.eu-west-2.ssm") as M.NetEndpoint;
            const ssmZone = model.zones.find((z) => z.zoneName === "ssm.eu-west-2.amazonaws.com") as M.NetZone;
            const s3: M.NetEndpoint = {
                ...ep,
                key: "vpce:hub-s3",
                name: "hub-s3",
                service: "com.amazonaws.eu-west-2.s3",
                serviceTag: "s3",
            };
            const zone: M.NetZone = {
                ...ssmZone,
                key: "zone:s3.eu-west-2.amazonaws.com",
                zoneName: "s3.eu-west-2.amazonaws.com",
                records: [
                    { name: "s3.eu-west-2.amazonaws.com", type: "A", aliasEndpoint: s3.key },
                    { name: "*.s3.eu-west-2.amazonaws.com", type: "A", aliasEndpoint: s3.key },
                ],
            };
            const fixed = analyzeCallers({ ...model, endpoints: [...model.endpoints, s3], zones: [...model.zones, zone] });
            const c = one(fixed, "spoke-payments", "cross-region", "eu-west-2", "ecr.dkr");
            assert.strictEqual(c.open, true, c.brokenAt);
            assert.deepStrictEqual(
                c.dependencies.map((d) => `${d.service} ${d.via}`),
                ["ecr.api interface", "s3 interface"],
            );
        });

        it("names the security group that does not admit the spoke on TCP 443", () => {
            const ep = model.endpoints.find((e) => e.service === "com.amazonaws.eu-west-1.logs") as M.NetEndpoint;
            const sgKey = ep.securityGroups[0];
            const securityGroups = model.securityGroups.map((g) => (g.key === sgKey ? { ...g, rules: [] } : g));
            const c = one(analyzeCallers({ ...model, securityGroups }), "spoke-payments", "region-bound", "eu-west-1", "logs");
            assert.strictEqual(c.open, false);
            assert.match(
                c.brokenAt ?? "",
                /^eu-west-1 logs: security group .* of endpoints-eu-west-1-logs: does not admit 10\.16\.\d+\.\d+\/\d+ on TCP 443/,
            );
        });

        /** spoke-payments' workload subnets, sorted by name (one per AZ, each with its own route table). */
        const workload = () => {
            const spokeVpc = model.vpcs.find((v) => v.name === "spoke-payments") as M.NetVpc;
            return model.subnets
                .filter((s) => s.vpc === spokeVpc.key && s.tier === "workload")
                .sort((a, b) => a.name.localeCompare(b.name));
        };
        const withDefaultRoute = (tables: ReadonlySet<string | undefined>) =>
            model.routeTables.map((t) =>
                tables.has(t.key)
                    ? {
                          ...t,
                          routes: [
                              ...t.routes,
                              { destination: "0.0.0.0/0", target: { kind: "gateway" as const }, state: "active" as const, label: "nat" },
                          ],
                      }
                    : t,
            );

        it("goes out by a default route when no zone answers and every workload subnet's table has one (the public endpoint)", () => {
            const name = serviceDnsName("ssm", "eu-west-1");
            const zones = model.zones.filter((z) => z.zoneName !== name);
            const routeTables = withDefaultRoute(new Set(workload().map((s) => s.routeTable)));
            const c = one(analyzeCallers({ ...model, zones, routeTables }), "spoke-payments", "region-bound", "eu-west-1", "ssm");
            assert.strictEqual(c.open, true);
            assert.strictEqual(c.intended, false);
            assert.deepStrictEqual(c.hops, [`${name} resolves publicly`, "default route via nat"]);
        });

        it("stays broken when only the first AZ's workload table has a default route (clients run in every AZ)", () => {
            const subnets = workload();
            assert.ok(subnets.length >= 2 && new Set(subnets.map((s) => s.routeTable)).size === subnets.length, "one table per AZ");
            const zones = model.zones.filter((z) => z.zoneName !== serviceDnsName("ssm", "eu-west-1"));
            const routeTables = withDefaultRoute(new Set([subnets[0].routeTable]));
            const c = one(analyzeCallers({ ...model, zones, routeTables }), "spoke-payments", "region-bound", "eu-west-1", "ssm");
            assert.strictEqual(c.open, false);
        });

        it("traces every workload subnet: a route to the endpoint VPC missing from the second AZ's table breaks the cell, naming that subnet", () => {
            const subnets = workload();
            const second = subnets[1];
            const ep = model.endpoints.find((e) => e.service === "com.amazonaws.eu-west-1.ssm") as M.NetEndpoint;
            const epVpc = model.vpcs.find((v) => v.key === ep.vpc) as M.NetVpc;
            const routeTables = model.routeTables.map((t) =>
                t.key === second.routeTable ? { ...t, routes: t.routes.filter((r) => r.destination !== epVpc.cidr) } : t,
            );
            assert.notDeepStrictEqual(routeTables, model.routeTables, "the second table had a route to the endpoint VPC");
            const c = one(analyzeCallers({ ...model, routeTables }), "spoke-payments", "region-bound", "eu-west-1", "ssm");
            assert.strictEqual(c.open, false);
            assert.strictEqual(c.intended, true);
            assert.match(
                c.brokenAt ?? "",
                new RegExp(`^eu-west-1 ssm: routes to endpoints-eu-west-1-ssm \\(from ${second.label ?? second.name} to `),
            );
        });

        it("admits the client when any security group of the endpoint admits it (groups are a union)", () => {
            const ep = model.endpoints.find((e) => e.service === "com.amazonaws.eu-west-1.logs") as M.NetEndpoint;
            const admitting = model.securityGroups.find((g) => g.key === ep.securityGroups[0]) as M.NetSecurityGroup;
            const empty: M.NetSecurityGroup = { ...admitting, key: "sg:empty", name: "empty", label: "empty", rules: [] };
            const endpoints = model.endpoints.map((e) =>
                e.key === ep.key ? { ...e, securityGroups: [empty.key, ...e.securityGroups] } : e,
            );
            const c = one(
                analyzeCallers({ ...model, endpoints, securityGroups: [...model.securityGroups, empty] }),
                "spoke-payments",
                "region-bound",
                "eu-west-1",
                "logs",
            );
            assert.strictEqual(c.open, true, c.brokenAt);
        });

        it("resolves docker pulls at the registry's name <account>.dkr.ecr.<region>.amazonaws.com, through the zone's wildcard record", () => {
            const c = one(m, "spoke-payments", "region-bound", "eu-west-1", "ecr.dkr");
            assert.strictEqual(c.dns.name, "<account>.dkr.ecr.eu-west-1.amazonaws.com");
            assert.strictEqual(c.dns.zone, "dkr.ecr.eu-west-1.amazonaws.com");
            const zone = model.zones.find((z) => z.zoneName === "dkr.ecr.eu-west-1.amazonaws.com") as M.NetZone;
            const zones = model.zones.map((z) => (z === zone ? { ...z, records: z.records.filter((r) => !r.name.startsWith("*")) } : z));
            const apexOnly = one(analyzeCallers({ ...model, zones }), "spoke-payments", "region-bound", "eu-west-1", "ecr.dkr");
            assert.strictEqual(apexOnly.open, false);
            assert.match(apexOnly.brokenAt ?? "", /has no alias record to an endpoint for <account>\.dkr\.ecr\.eu-west-1\.amazonaws\.com/);
        });

        it("meets S3 by the spoke's gateway only from a workload table that carries the gateway's route", () => {
            const gw = model.endpoints.find(
                (e) => e.type === "Gateway" && e.service === "com.amazonaws.eu-west-1.s3" && e.vpc === workload()[0].vpc,
            ) as M.NetEndpoint;
            assert.ok(gw.routeTables?.includes(workload()[1].routeTable as string), "the plan model reads routeTableIds");
            const endpoints = model.endpoints.map((e) =>
                e === gw ? { ...e, routeTables: (e.routeTables ?? []).filter((t) => t !== workload()[1].routeTable) } : e,
            );
            const c = one(analyzeCallers({ ...model, endpoints }), "spoke-payments", "region-bound", "eu-west-1", "ecr.dkr");
            assert.strictEqual(c.open, false);
            assert.match(c.brokenAt ?? "", /layers: no S3 path to eu-west-1: the S3 gateway endpoint .* has no route in the table of /);
        });

        it("answers a name from the spoke's own interface endpoint when it has private DNS on (AWS's managed zone), ahead of any associated zone", () => {
            const spokeVpc = model.vpcs.find((v) => v.name === "spoke-payments") as M.NetVpc;
            const regional = model.endpoints.find((e) => e.service === "com.amazonaws.eu-west-1.kms") as M.NetEndpoint;
            const endpointSubnets = model.subnets.filter((s) => s.vpc === spokeVpc.key && s.tier === "endpoint").map((s) => s.key);
            const sg = model.securityGroups.find((g) => g.vpc === spokeVpc.key && g.rules.some((r) => r.direction === "ingress"));
            const own: M.NetEndpoint = {
                ...regional,
                key: "vpce:spoke-payments-kms",
                name: "spoke-payments-kms",
                label: "spoke-payments-kms",
                vpc: spokeVpc.key,
                subnets: endpointSubnets,
                securityGroups: [sg?.key ?? ""],
                privateDns: true,
            };
            const admit: M.NetSecurityGroup = {
                key: "sg:own-kms",
                name: "own-kms",
                id: "sg-own",
                region: "eu-west-1",
                vpc: spokeVpc.key,
                rules: [{ direction: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidr: spokeVpc.cidr }],
            };
            const c = one(
                analyzeCallers({
                    ...model,
                    endpoints: [...model.endpoints, { ...own, securityGroups: [admit.key] }],
                    securityGroups: [...model.securityGroups, admit],
                }),
                "spoke-payments",
                "region-bound",
                "eu-west-1",
                "kms",
            );
            assert.strictEqual(c.open, true, c.brokenAt);
            assert.strictEqual(c.intended, true);
            assert.deepStrictEqual(c.dns, { name: "kms.eu-west-1.amazonaws.com", zone: "kms.eu-west-1.amazonaws.com", via: "private-dns" });
            assert.strictEqual(c.endpoint, "spoke-payments-kms");
            // With private DNS off, the associated zone of the Region's set answers as before.
            const off = one(
                analyzeCallers({ ...model, endpoints: [...model.endpoints, { ...own, privateDns: false }] }),
                "spoke-payments",
                "region-bound",
                "eu-west-1",
                "kms",
            );
            assert.strictEqual(off.dns.via, "association");
            assert.match(off.endpoint ?? "", /^endpoints-eu-west-1-/);
        });

        it("reads privateDnsEnabled into the plan model: the hub's and the regional sets' endpoints have it off (their zones answer)", () => {
            const interfaces = model.endpoints.filter((e) => e.type === "Interface");
            assert.ok(interfaces.length > 10);
            assert.ok(
                interfaces.every((e) => e.privateDns === false),
                interfaces
                    .filter((e) => e.privateDns !== false)
                    .map((e) => e.name)
                    .join(),
            );
            assert.ok(model.endpoints.filter((e) => e.type === "Interface").every((e) => e.routeTables === undefined));
        });

        it("is carried into the plan's reachability section, without changing the path matrix", async () => {
            const plan = await planFor(withBase(() => undefined));
            const r = analyzeReachability(plan.resources);
            assert.ok(r.callers);
            assert.strictEqual(r.callers.cells.length, m.cells.length);
            assert.strictEqual(r.callers.broken, m.broken);
            assert.ok(
                r.callers.cells.every((c) => !("brokenKey" in c)),
                "model keys stay out of the plan",
            );
            assert.ok(r.paths.every((p) => p.kind !== "region-bound" && p.kind !== "cross-region"));
        });
    });

    it("with no endpoint set in the spoke's Region, names the missing endpoint and the missing route out, and does not count the cell as intended", async () => {
        const { m } = await matrixOf(withBase((c) => (c.regionalEndpoints = { "eu-west-1": { enabled: false } })));
        const c = one(m, "spoke-payments", "region-bound", "eu-west-1", "ssm");
        assert.strictEqual(c.open, false);
        assert.strictEqual(c.intended, false);
        assert.strictEqual(c.brokenAt, "eu-west-1 ssm: no endpoint and no route out of spoke-payments");
        // Cross-region callers still reach the hub.
        assert.strictEqual(one(m, "spoke-payments", "cross-region", "eu-west-2", "ssm").open, true);
    });

    it("names the zone a spoke opted out of (association mode)", async () => {
        const { m } = await matrixOf(withBase((c) => (c.regionalEndpoints = { "eu-west-1": { optOut: { analytics: ["ssmmessages"] } } })));
        const c = one(m, "spoke-analytics", "region-bound", "eu-west-1", "ssmmessages");
        assert.strictEqual(c.open, false);
        assert.strictEqual(c.intended, false, "an opted-out service is not in the spoke's planned share");
        assert.strictEqual(m.brokenIntended, m.cells.filter((x) => !x.open && x.intended).length);
        assert.match(c.brokenAt ?? "", /zone ssmmessages\.eu-west-1\.amazonaws\.com is not associated with spoke-analytics/);
        assert.strictEqual(one(m, "spoke-payments", "region-bound", "eu-west-1", "ssmmessages").open, true);
    });

    it("traces a hub interface endpoint of a service without private DNS (DynamoDB) by its vpce- name, open and intended", async () => {
        const { m } = await matrixOf(withBase((c) => (c.hub = { ...(c.hub as object), interfaceEndpoints: ["ssm", "sts", "dynamodb"] })));
        const c = one(m, "spoke-payments", "cross-region", "eu-west-2", "dynamodb");
        assert.strictEqual(c.open, true, c.brokenAt);
        assert.strictEqual(c.intended, true);
        assert.strictEqual(c.dns.via, "endpoint-name");
        assert.match(c.dns.name, /^vpce-[0-9a-z-]+\.dynamodb\.eu-west-2\.vpce\.amazonaws\.com$|^vpce-/);
        assert.match(c.endpoint ?? "", /^hub-/);
        assert.strictEqual(m.cells.filter((x) => x.service === "dynamodb" && !x.open).length, 0);
    });

    it("in profiles mode, resolves every call through the spoke's Region's Profile", async () => {
        const { m } = await matrixOf(withBase((c) => (c.dns = { mode: "profiles" })));
        for (const [caller, region] of [
            ["region-bound", "eu-west-1"],
            ["cross-region", "eu-west-2"],
        ]) {
            const c = one(m, "spoke-payments", caller, region, "ssm");
            assert.strictEqual(c.open, true, c.brokenAt);
            assert.strictEqual(c.dns.via, "profile");
            assert.strictEqual(c.dns.profile, "profile:landing-zone-test-eu-west-1");
        }
    });

    it("gives a spoke in the hub's Region only region-bound cells, served by the hub", async () => {
        const { m } = await matrixOf(
            withBase((c) => {
                c.supernets["eu-west-2"] = "10.32.0.0/12";
                c.spokes.push({ name: "local", region: "eu-west-2", cidr: "10.32.0.0/20" });
            }),
        );
        const mine = m.cells.filter((c) => c.spoke === "spoke-local");
        assert.ok(mine.length > 0 && mine.every((c) => c.caller === "region-bound" && c.region === "eu-west-2"));
        const ssm = one(m, "spoke-local", "region-bound", "eu-west-2", "ssm");
        assert.strictEqual(ssm.open, true, ssm.brokenAt);
        assert.match(ssm.endpoint ?? "", /^hub-/);
    });
});
