/**
 * Day-2 transitions replayed in moto with Pulumi's step order (creates and replacements first, deletes
 * last): what moto does must match the change-safety check's verdict (offline/changes/). The plans are
 * the old-naming fixtures of commit 2a7dab1 (tests/fixtures/transitions/), whose transitions the check
 * reports unsafe.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { PlanLike } from "../../offline/changes/diff";
import { verifyStack } from "../../verify/run";
import { planFor, PROJECT } from "../helpers/plan";
import { CONFIGS, TRANSITION_STACK } from "../offline/changes/transition-configs";
import { applyPlan } from "./apply-plan";
import { TestClients } from "./aws-clients";
import { MotoServer, startMoto } from "./moto";
import { replayTransition } from "./replay";

const FIXTURES = path.resolve(__dirname, "../fixtures/transitions/old-naming");
const fixture = (name: string): PlanLike =>
    JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, `${name}.json.gz`))).toString("utf8")) as PlanLike;
/** Calls moto 5.2 cannot serve (see docs/live-verification.md). */
const MOTO_GAPS = new Set(["AcceptVpcEndpointConnections"]);

describe("live: day-2 transitions replayed in moto agree with the change-safety check", function () {
    this.timeout(120_000);
    let moto: MotoServer | undefined;
    let clients: TestClients;
    before(async () => {
        moto = await startMoto();
        clients = new TestClients(moto.endpoint);
    });
    after(async () => {
        clients?.destroy();
        await moto?.stop();
    });

    it("peering -> transit-gateway with the old per-mode route names: exactly the routes the check reports as key collisions fail in moto with RouteAlreadyExists", async () => {
        await moto?.reset();
        const before = fixture("peering");
        const after = fixture("tgw");
        const applied = await applyPlan(before.resources, clients);
        assert.deepStrictEqual(
            applied.failures.filter((f) => !MOTO_GAPS.has(f.call)),
            [],
        );
        const replay = await replayTransition(before, applied, after, clients);
        const reported = replay.changes.findings
            .filter((f) => f.severity === "error" && f.kind === "key-collision" && f.key?.kind === "route")
            .map((f) => f.newUrn ?? "");
        const refused = replay.creates.failures
            .filter((f) => f.call === "CreateRoute" && /RouteAlreadyExists/.test(f.error ?? ""))
            .map((f) => f.urn);
        assert.ok(reported.length > 0, "the check reports the collisions");
        assert.deepStrictEqual([...new Set(refused)].sort(), [...new Set(reported)].sort());
        assert.strictEqual(replay.changes.safe, false);
        // Nothing else fails: the TGWs, attachments and TGW routes are created as AWS would.
        assert.deepStrictEqual(
            replay.creates.failures.filter((f) => !MOTO_GAPS.has(f.call) && !/RouteAlreadyExists/.test(f.error ?? "")),
            [],
        );
    });

    it("peering -> transit-gateway with today's naming (one route per route table and destination): the check reports it safe, moto accepts every create and re-target, and every path of the new plan is open", async () => {
        await moto?.reset();
        const [p, t] = await Promise.all([
            planFor(CONFIGS.peering, { stack: TRANSITION_STACK }),
            planFor(CONFIGS.tgw, { stack: TRANSITION_STACK }),
        ]);
        const before: PlanLike = { project: PROJECT, stack: TRANSITION_STACK, resources: p.resources };
        const after: PlanLike = { project: PROJECT, stack: TRANSITION_STACK, resources: t.resources };
        const applied = await applyPlan(before.resources, clients);
        const replay = await replayTransition(before, applied, after, clients);
        assert.deepStrictEqual(
            replay.changes.findings.filter((f) => f.severity === "error"),
            [],
        );
        assert.deepStrictEqual(
            replay.creates.failures.filter((f) => !MOTO_GAPS.has(f.call)),
            [],
        );
        assert.ok(replay.updates.length > 0, "spoke routes are re-targeted in place");
        assert.deepStrictEqual(
            replay.updates.filter((u) => u.error),
            [],
        );
        const r = await verifyStack({ plan: after, endpoint: moto?.endpoint ?? "" });
        assert.deepStrictEqual(
            r.paths.filter((x) => !x.open).map((x) => `${x.from} -> ${x.to}: ${x.brokenAt}`),
            [],
        );
    });

    it("removing the middle allowed principal with index names: every call succeeds in moto, and verify then finds the surviving principal revoked, as the check predicts", async () => {
        await moto?.reset();
        const before = fixture("peering");
        const after = fixture("middle-entries-removed");
        const applied = await applyPlan(before.resources, clients);
        const replay = await replayTransition(before, applied, after, clients);
        const predicted = replay.changes.findings.filter((f) => f.severity === "error" && f.key?.kind === "allowed-principal");
        assert.ok(predicted.length > 0, "the check reports the principal collision");
        const principalCalls = [...replay.creates.calls, ...replay.deletes].filter((c) => c.call === "ModifyVpcEndpointServicePermissions");
        assert.ok(principalCalls.length >= 2);
        assert.deepStrictEqual(
            principalCalls.filter((c) => c.error),
            [],
            "AWS accepts every step: the failure is silent",
        );
        const r = await verifyStack({ plan: after, endpoint: moto?.endpoint ?? "" });
        const missing = r.drift.filter((f) => f.item === "allowed principal" && f.kind === "missing");
        assert.deepStrictEqual(
            missing.map((f) => f.message.match(/allow (\S+):/)?.[1]),
            ["arn:aws:iam::333333333333:root"],
        );
    });
});
