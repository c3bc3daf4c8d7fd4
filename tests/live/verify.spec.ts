/**
 * verify against moto: the committed dev and tgw stacks are applied to moto from their offline plans
 * (tests/live/apply-plan.ts), then read back and judged by verify; then one thing at a time is broken in
 * moto and verify must name the broken hop and the drift item (AWS id, URN, config key).
 *
 * Needs python3 with moto's server (tests/live/ensure-moto.sh says how to get it).
 */
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ec2 from "@aws-sdk/client-ec2";
import * as r53 from "@aws-sdk/client-route-53";
import { T } from "../../components/aws/types";
import { matrixOf } from "../../offline/network-model/analyze";
import { fromPlan } from "../../offline/network-model/from-plan";
import { analyzeReachability } from "../../offline/reachability";
import { VerifyResult, verifyStack } from "../../verify/run";
import { ApplyResult, applyPlan, liveOutputs, SKIPPED_TYPES } from "./apply-plan";
import { TestClients } from "./aws-clients";
import { MotoServer, startMoto } from "./moto";
import { PlanDoc, planOf } from "./stacks";

/** moto 5.2 gaps the applier meets: the call and why. */
const MOTO_GAPS: Readonly<Record<string, string>> = {
    AcceptVpcEndpointConnections: "not implemented in moto 5.2 (HTTP 500); moto reports consumer endpoints available without it",
};

function urnOf(plan: PlanDoc, type: string, name: string): string {
    const r = plan.resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `plan has no ${type} ${name}`);
    return r.urn;
}

function idIn(result: VerifyResult, key: string): string {
    for (const list of Object.values(result.live)) {
        if (Array.isArray(list)) {
            const o = (list as { key: string; id: string }[]).find((x) => x.key === key);
            if (o) {
                return o.id;
            }
        }
    }
    throw new Error(`live model has no ${key}`);
}

function assertApplied(applied: ApplyResult): void {
    const unexpected = applied.failures.filter((f) => !MOTO_GAPS[f.call]);
    assert.deepStrictEqual(
        unexpected,
        [],
        `AWS (moto) rejected calls of the plan:\n${unexpected.map((f) => `${f.urn}: ${f.call}: ${f.error}`).join("\n")}`,
    );
    const unknown = applied.skipped.filter((s) => !SKIPPED_TYPES[s.type] && s.type !== T.autoscalingGroup);
    assert.deepStrictEqual(unknown, [], "resource types the applier skipped without a documented reason");
}

const broken = (r: VerifyResult) => r.paths.filter((p) => !p.open);

describe("live: verify against moto", function () {
    this.timeout(120_000);
    let moto: MotoServer | undefined;
    let clients: TestClients;

    before(async function () {
        this.timeout(180_000);
        const [m] = await Promise.all([startMoto(), planOf("dev"), planOf("tgw")]);
        moto = m;
        clients = new TestClients(m.endpoint);
    });
    after(async () => {
        clients?.destroy();
        await moto?.stop();
    });

    describe("dev stack (inter-region peering), applied to moto", () => {
        let plan: PlanDoc;
        let applied: ApplyResult;
        let outputs: unknown;
        let pendingAccepter: string;
        const verify = () => verifyStack({ plan, outputs, endpoint: moto?.endpoint ?? "" });

        before(async () => {
            plan = await planOf("dev");
            await moto?.reset();
            pendingAccepter = urnOf(plan, T.peeringAccepter, "peering-analytics-accepter");
            applied = await applyPlan(plan.resources, clients, { defer: [pendingAccepter] });
            outputs = liveOutputs(plan.outputs, applied.liveValues);
        });

        it("every create call of the plan is accepted, except documented moto gaps", () => {
            assertApplied(applied);
            assert.ok(applied.calls.length > 150);
        });

        it("a peering left pending-acceptance (an up stopped at its accepter) breaks the analytics spoke's paths, and drift names the peering's id, the accepter's URN and how to accept it, plus the routes still to come", async () => {
            const r = await verify();
            assert.strictEqual(r.ok, false);
            const pcx = idIn(r, "pcx:peering-analytics");
            const bad = broken(r);
            assert.ok(bad.length > 0);
            // The spoke's routes to the hub wait for the accepter (dependsOn): the first hop is the gap.
            const analyticsTables = new Set(r.live.routeTables.filter((t) => t.vpc === "vpc:spoke-analytics").map((t) => t.id));
            for (const p of bad) {
                assert.strictEqual(p.kind, "spoke-to-endpoint");
                assert.strictEqual(p.from, "spoke-analytics");
                assert.ok(analyticsTables.has(p.brokenObject?.awsId ?? ""), `${p.brokenAt} ${p.brokenObject?.awsId}`);
                assert.match(p.brokenAt ?? "", /^forward: route table spoke-analytics-workload-0: no route to 10\.0\./);
            }
            const d = r.drift.find((f) => f.item === "peering connection" && f.kind === "state");
            assert.ok(d, JSON.stringify(r.drift));
            assert.strictEqual(d.awsId, pcx);
            assert.strictEqual(d.urn, pendingAccepter);
            assert.strictEqual(d.configKey, "landing-zone:connectivity");
            assert.match(d.message, /pending-acceptance/);
            assert.match(d.fix, /accept-vpc-peering-connection --vpc-peering-connection-id pcx-\w+ --region eu-west-2/);
            const heldRoutes = plan.resources.filter((x) => x.type === T.route && applied.held.includes(x.urn)).map((x) => x.urn);
            assert.deepStrictEqual(
                r.drift
                    .filter((f) => f.item === "route")
                    .map((f) => f.urn)
                    .sort(),
                heldRoutes.sort(),
            );
        });

        it("once the accepter has run: every intended path is open, nothing drifted, and the live matrix equals the offline plan's", async () => {
            const resumed = await applied.resume();
            assertApplied(resumed);
            const r = await verify();
            assert.deepStrictEqual(r.drift, []);
            assert.deepStrictEqual(broken(r), []);
            assert.deepStrictEqual(r.disagreements, []);
            assert.strictEqual(r.ok, true);
            assert.deepStrictEqual(matrixOf(r), matrixOf(analyzeReachability(plan.resources)));
            assert.strictEqual(r.paths.length, plan.reachability.paths.length);
        });

        it("reads with O(kinds × regions) calls: one per kind and region, per-object calls only where AWS has no batch", async () => {
            const r = await verify();
            const regions = r.regions.length;
            const perObject: Record<string, number> = {
                "elasticloadbalancing:DescribeListeners": r.live.loadBalancers.length,
                "elasticloadbalancing:DescribeTargetGroups": r.live.loadBalancers.length,
                "elasticloadbalancing:DescribeTargetHealth": r.live.loadBalancers.length,
                "ec2:DescribeVpcEndpointServicePermissions": r.live.endpointServices.length,
                "route53:ListHostedZonesByVPC": r.live.vpcs.length,
                "route53:ListResourceRecordSets": r.live.zones.length,
                "sts:GetCallerIdentity": 1,
            };
            for (const [action, n] of Object.entries(r.calls.byAction)) {
                assert.ok(n <= (perObject[action] ?? regions), `${action}: ${n} calls for ${regions} regions`);
            }
            // 200 resources, yet fewer calls than a tenth of them outside Route 53.
            const ec2Elb = r.calls.list.filter((c) => c.service === "ec2" || c.service === "elasticloadbalancing").length;
            assert.ok(ec2Elb <= 15 * regions, `${ec2Elb} EC2/ELB calls`);
        });

        it("sends only actions that verify/iam-policy.json allows", async () => {
            const r = await verify();
            const policy = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../verify/iam-policy.json"), "utf8")) as {
                Statement: { Action: string[] }[];
            };
            const allowed = new Set(policy.Statement.flatMap((s) => s.Action));
            const sent = [...new Set(r.calls.list.map((c) => `${c.service}:${c.action}`))];
            assert.deepStrictEqual(
                sent.filter((a) => !allowed.has(a)),
                [],
            );
            assert.ok(sent.length >= 15);
        });

        it("finds the stack's VPCs by their tags when no outputs are given", async () => {
            const r = await verifyStack({ plan, endpoint: moto?.endpoint ?? "" });
            assert.strictEqual(r.ok, true, JSON.stringify(r.drift));
            assert.deepStrictEqual(r.regions, ["eu-west-1", "eu-west-2"]);
        });

        it("tells two stacks' identical hub VPCs apart by the owner tags (landing-zone:project, landing-zone:stack); without them in the plan the lookup is ambiguous and names --outputs", async () => {
            const hub = plan.resources.find((r) => r.type === T.vpc && r.name === "hub");
            assert.ok(hub, "precondition: the dev plan has VPC hub");
            const e = clients.ec2(hub.region);
            // Another stack of the same project in the same account: same Name, same CIDR, its own stack tag.
            const decoy = await e.send(
                new ec2.CreateVpcCommand({
                    CidrBlock: String(hub.inputs.cidrBlock),
                    TagSpecifications: [
                        {
                            ResourceType: "vpc",
                            Tags: [
                                { Key: "Name", Value: "hub" },
                                { Key: "landing-zone:project", Value: plan.project },
                                { Key: "landing-zone:stack", Value: "tgw" },
                            ],
                        },
                    ],
                }),
            );
            try {
                const r = await verifyStack({ plan, endpoint: moto?.endpoint ?? "" });
                assert.strictEqual(r.ok, true, JSON.stringify(r.drift));
                const untagged = plan.resources.map((x) => {
                    if (x.type !== T.provider || typeof x.inputs.defaultTags !== "string") {
                        return x;
                    }
                    const d = JSON.parse(x.inputs.defaultTags) as { tags: Record<string, string> };
                    assert.strictEqual(d.tags["landing-zone:stack"], "dev", `precondition: provider ${x.name} carries the stack tag`);
                    delete d.tags["landing-zone:project"];
                    delete d.tags["landing-zone:stack"];
                    return { ...x, inputs: { ...x.inputs, defaultTags: JSON.stringify(d) } };
                });
                await assert.rejects(
                    verifyStack({ plan: { ...plan, resources: untagged }, endpoint: moto?.endpoint ?? "" }),
                    (err: Error) => {
                        assert.match(err.message, /2 VPCs are tagged Name=hub/);
                        assert.match(err.message, /--outputs/);
                        return true;
                    },
                );
            } finally {
                await e.send(new ec2.DeleteVpcCommand({ VpcId: decoy.Vpc?.VpcId }));
            }
        });

        it("a deleted spoke route to the hub breaks the spoke's paths at its route table, and drift names the route's URN", async () => {
            const before = await verify();
            const model = fromPlan(plan.resources);
            const rt = model.routeTables.find((t) => t.key === "rtb:spoke-payments-workload-0");
            const route = rt?.routes.find((x) => x.destination === "10.0.0.0/16");
            assert.ok(rt && route);
            const rtbId = idIn(before, rt.key);
            const pcx = idIn(before, route.target.ref ?? "");
            const e = clients.ec2("eu-west-1");
            await e.send(new ec2.DeleteRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: "10.0.0.0/16" }));
            try {
                const r = await verify();
                const bad = broken(r).filter((p) => p.from === "spoke-payments" && p.kind === "spoke-to-endpoint");
                assert.ok(bad.length > 0 && bad.every((p) => p.brokenObject?.awsId === rtbId && /no route to/.test(p.brokenAt ?? "")));
                const d = r.drift.filter((f) => f.item === "route");
                assert.strictEqual(d.length, 1, JSON.stringify(d));
                assert.strictEqual(d[0].kind, "missing");
                assert.strictEqual(d[0].awsId, rtbId);
                assert.strictEqual(d[0].urn, route.urn);
                assert.strictEqual(d[0].configKey, "landing-zone:connectivity");
            } finally {
                await e.send(
                    new ec2.CreateRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: "10.0.0.0/16", VpcPeeringConnectionId: pcx }),
                );
            }
            assert.strictEqual((await verify()).ok, true);
        });

        it("a zone disassociated from a spoke breaks that spoke's DNS for the service only, and drift names the zone and the association's URN", async () => {
            const before = await verify();
            const zoneId = idIn(before, "zone:ec2.eu-west-2.amazonaws.com");
            const vpcId = idIn(before, "vpc:spoke-payments");
            const dns = clients.route53();
            await dns.send(
                new r53.DisassociateVPCFromHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCId: vpcId, VPCRegion: "eu-west-1" } }),
            );
            try {
                const r = await verify();
                assert.deepStrictEqual(
                    broken(r).map((p) => [p.from, p.to, p.brokenObject?.awsId]),
                    [["spoke-payments", "ec2", zoneId]],
                );
                assert.match(broken(r)[0].brokenAt ?? "", /DNS: zone ec2\.eu-west-2\.amazonaws\.com is not associated with spoke-payments/);
                const d = r.drift.filter((f) => f.item === "zone association");
                assert.strictEqual(d.length, 1);
                assert.strictEqual(d[0].awsId, zoneId);
                assert.strictEqual(d[0].urn, urnOf(plan, T.zoneAssociation, "spoke-payments-ec2"));
                assert.strictEqual(d[0].configKey, "landing-zone:spokes[0]");
            } finally {
                await dns.send(
                    new r53.AssociateVPCWithHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCId: vpcId, VPCRegion: "eu-west-1" } }),
                );
            }
            assert.strictEqual((await verify()).ok, true);
        });

        it("a revoked ingress rule of the hub endpoints' security group breaks every spoke-to-endpoint path at that group, and drift names the rule's URN", async () => {
            const before = await verify();
            const model = fromPlan(plan.resources);
            const hubEp = model.endpoints.find((x) => x.vpc === "vpc:hub" && x.serviceTag === "sts");
            const sg = model.securityGroups.find((g) => g.key === hubEp?.securityGroups[0]);
            const rule = sg?.rules.find(
                (x) => x.direction === "ingress" && x.cidr && x.fromPort <= 443 && 443 <= x.toPort && x.cidr.startsWith("10.16."),
            );
            assert.ok(sg && rule?.cidr);
            const sgId = idIn(before, sg.key);
            const e = clients.ec2("eu-west-2");
            const perm = { IpProtocol: rule.protocol, FromPort: rule.fromPort, ToPort: rule.toPort, IpRanges: [{ CidrIp: rule.cidr }] };
            await e.send(new ec2.RevokeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: [perm] }));
            try {
                const r = await verify();
                const bad = broken(r);
                assert.ok(
                    bad.length > 0 &&
                        bad.every(
                            (p) =>
                                p.kind === "spoke-to-endpoint" && p.brokenObject?.awsId === sgId && /does not admit/.test(p.brokenAt ?? ""),
                        ),
                );
                const d = r.drift.filter((f) => f.item === "SG rule");
                assert.strictEqual(d.length, 1, JSON.stringify(d));
                assert.strictEqual(d[0].awsId, sgId);
                assert.strictEqual(d[0].urn, rule.urn);
                assert.strictEqual(d[0].configKey, "landing-zone:hub");
            } finally {
                await e.send(new ec2.AuthorizeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: [perm] }));
            }
            assert.strictEqual((await verify()).ok, true);
        });

        it("a removed allowed principal leaves accepted connections open but is drift naming the principal's URN and config key", async () => {
            const before = await verify();
            const svcId = idIn(before, "vpce-svc:svc-orders-api");
            const arn = "arn:aws:iam::444455556666:role/orders-consumer";
            const e = clients.ec2("eu-west-2");
            await e.send(new ec2.ModifyVpcEndpointServicePermissionsCommand({ ServiceId: svcId, RemoveAllowedPrincipals: [arn] }));
            try {
                const r = await verify();
                assert.deepStrictEqual(broken(r), []);
                assert.strictEqual(r.ok, false);
                const d = r.drift.filter((f) => f.item === "allowed principal");
                assert.strictEqual(d.length, 1);
                assert.strictEqual(d[0].kind, "missing");
                assert.strictEqual(d[0].awsId, svcId);
                assert.ok(
                    d[0].urn.endsWith("::svc-orders-api-principal-444455556666-role-orders-consumer") || d[0].urn.includes("444455556666"),
                    d[0].urn,
                );
                assert.strictEqual(d[0].configKey, "landing-zone:endpointService.allowedPrincipals");
            } finally {
                await e.send(new ec2.ModifyVpcEndpointServicePermissionsCommand({ ServiceId: svcId, AddAllowedPrincipals: [arn] }));
            }
            assert.strictEqual((await verify()).ok, true);
        });

        it("stopped targets break every consumer's path to the service at its load balancer, and drift names each target and the targets key", async () => {
            const before = await verify();
            const nlb = before.live.loadBalancers.find((b) => b.key === "nlb:svc-orders-api");
            const ids = (nlb?.targets ?? []).map((t) => t.id);
            assert.ok(nlb && ids.length === 2 && nlb.targets?.every((t) => t.health === "healthy"));
            const e = clients.ec2("eu-west-2");
            await e.send(new ec2.StopInstancesCommand({ InstanceIds: ids }));
            try {
                const r = await verify();
                const bad = broken(r);
                assert.deepStrictEqual(bad.map((p) => `${p.kind} ${p.from}`).sort(), [
                    "consumer-to-service spoke-analytics",
                    "consumer-to-service spoke-payments",
                ]);
                for (const p of bad) {
                    assert.strictEqual(p.brokenObject?.awsId, nlb.id);
                    assert.match(p.brokenAt ?? "", /no healthy target behind svc-orders-api/);
                }
                const d = r.drift.filter((f) => f.item === "target");
                assert.deepStrictEqual(d.map((f) => f.awsId).sort(), [...ids].sort());
                assert.ok(d.every((f) => f.configKey === "landing-zone:endpointService.targets" && /is unused/.test(f.message)));
            } finally {
                await e.send(new ec2.StartInstancesCommand({ InstanceIds: ids }));
            }
            assert.strictEqual((await verify()).ok, true);
        });

        it("npm run verify exits 0 on the applied stack with --plan/--outputs/--endpoint-url and writes --json; 2 naming the problem when the endpoint cannot be reached", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-verify-"));
            const planFile = path.join(dir, "plan.json");
            const outFile = path.join(dir, "outputs.json");
            const jsonFile = path.join(dir, "verify.json");
            fs.writeFileSync(planFile, JSON.stringify(plan));
            fs.writeFileSync(outFile, JSON.stringify(outputs));
            const run = (args: string[]) =>
                new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
                    execFile(
                        process.execPath,
                        [
                            require.resolve("ts-node/dist/bin.js"),
                            "--transpile-only",
                            path.resolve(__dirname, "../../verify/cli.ts"),
                            ...args,
                        ],
                        { timeout: 60_000 },
                        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
                    );
                });
            const [ok, unreachable] = await Promise.all([
                run(["--plan", planFile, "--outputs", outFile, "--endpoint-url", moto?.endpoint ?? "", "--json", jsonFile]),
                run(["--plan", planFile, "--outputs", outFile, "--endpoint-url", "http://127.0.0.1:9"]),
            ]);
            assert.strictEqual(ok.code, 0, ok.stdout + ok.stderr);
            assert.match(ok.stdout, /OK: every intended path is open and nothing drifted/);
            const doc = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as {
                ok: boolean;
                drift: unknown[];
                paths: unknown[];
                calls: { total: number };
            };
            assert.strictEqual(doc.ok, true);
            assert.strictEqual(doc.paths.length, 26); // 2 spokes x 12 hub endpoints (s3 included) + 2 consumers
            assert.strictEqual(unreachable.code, 2, unreachable.stderr);
            assert.match(unreachable.stderr, /^error: sts:GetCallerIdentity in eu-west-2 failed/m);
            assert.doesNotMatch(unreachable.stderr, /\n\s+at /);
        });
    });

    describe("tgw stack (transit gateways, segments, TGW peering), applied to moto", () => {
        let plan: PlanDoc;
        let applied: ApplyResult;
        let outputs: unknown;
        const verify = () => verifyStack({ plan, outputs, endpoint: moto?.endpoint ?? "" });

        before(async () => {
            plan = await planOf("tgw");
            await moto?.reset();
            applied = await applyPlan(plan.resources, clients);
            outputs = liveOutputs(plan.outputs, applied.liveValues);
        });

        it("every create call of the plan is accepted, except documented moto gaps", () => {
            assertApplied(applied);
        });

        it("every intended path is open, nothing drifted, and the live matrix equals the offline plan's", async () => {
            const r = await verify();
            assert.deepStrictEqual(r.drift, []);
            assert.deepStrictEqual(broken(r), []);
            assert.deepStrictEqual(matrixOf(r), matrixOf(analyzeReachability(plan.resources)));
            assert.ok(r.paths.some((p) => p.kind === "segment"));
        });

        it("a deleted TGW static route from the hub table to eu-west-1 breaks the return path of every eu-west-1 spoke at that table, and drift names the route's URN", async () => {
            const before = await verify();
            const tableId = idIn(before, "tgw-rtb:tgw-eu-west-2-hub");
            const routeUrn = urnOf(plan, T.tgwRoute, "tgw-hub-to-eu-west-1");
            const route = plan.resources.find((x) => x.urn === routeUrn);
            const attachmentId = idIn(before, "tgw-attach:tgw-peering-eu-west-2-eu-west-1");
            const e = clients.ec2("eu-west-2");
            await e.send(
                new ec2.DeleteTransitGatewayRouteCommand({
                    TransitGatewayRouteTableId: tableId,
                    DestinationCidrBlock: String(route?.inputs.destinationCidrBlock),
                }),
            );
            try {
                const r = await verify();
                const bad = broken(r);
                assert.ok(bad.length > 0);
                for (const p of bad) {
                    assert.ok(["spoke-payments", "spoke-ledger"].includes(p.from), `${p.from} -> ${p.to}`);
                    assert.strictEqual(p.brokenObject?.awsId, tableId);
                    assert.match(p.brokenAt ?? "", /^return: TGW route table tgw-eu-west-2-hub: no route to 10\.16\./);
                }
                const d = r.drift.filter((f) => f.item === "TGW static route");
                assert.strictEqual(d.length, 1, JSON.stringify(d));
                assert.strictEqual(d[0].awsId, tableId);
                assert.strictEqual(d[0].urn, routeUrn);
            } finally {
                await e.send(
                    new ec2.CreateTransitGatewayRouteCommand({
                        TransitGatewayRouteTableId: tableId,
                        DestinationCidrBlock: String(route?.inputs.destinationCidrBlock),
                        TransitGatewayAttachmentId: attachmentId,
                    }),
                );
            }
            assert.strictEqual((await verify()).ok, true);
        });
    });
});
