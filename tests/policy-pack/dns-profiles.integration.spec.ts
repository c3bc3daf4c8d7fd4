import { strict as assert } from "assert";
import * as path from "path";
import { T } from "../../components/aws/types";
import { PolicyRunResult, runPolicyPack } from "../../offline/analyzer";
import { buildPack } from "../../offline/pack-build";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, flatConfig, Plan, planFor, PROJECT, TEST_STACK, withBase } from "../helpers/plan";

/**
 * `dns.mode: profiles` through the real pack over the analyzer protocol, on the program's own captures:
 * clean in an update and in a preview (ids unknown), and a spoke that loses its Profile association is
 * mandatory-failed in the preview too (the links are property dependencies, never ids).
 */

const PACK = buildPack(path.resolve(__dirname, "..", "..", "policy-pack"));

const PROFILES: ConfigObject = withBase((c) => {
    c.supernets["eu-west-2"] = "10.32.0.0/12";
    c.spokes.push({ name: "local", region: "eu-west-2", cidr: "10.32.0.0/20" });
    c.dns = { mode: "profiles" };
});

async function analyze(resources: readonly CapturedResource[], dryRun: boolean): Promise<PolicyRunResult> {
    return runPolicyPack({ packDir: PACK, project: PROJECT, stack: TEST_STACK, dryRun, stackConfig: flatConfig(PROFILES), resources });
}

const mandatory = (r: PolicyRunResult) => r.violations.filter((v) => v.enforcementLevel === "mandatory");

describe("policy pack on a dns.mode: profiles stack (integration)", function () {
    this.timeout(120000);

    let update: Plan;
    let preview: Plan;
    before(async () => {
        update = await planFor(PROFILES);
        preview = await planFor(PROFILES, { preview: true });
    });

    it("passes clean in an update and in a preview", async () => {
        const [u, p] = await Promise.all([analyze(update.resources, false), analyze(preview.resources, true)]);
        assert.deepEqual(mandatory(u), [], JSON.stringify(mandatory(u)));
        assert.deepEqual(mandatory(p), [], JSON.stringify(mandatory(p)));
    });

    it("fails hub-endpoint-dns-complete mandatory in a preview when a spoke loses its Profile association", async () => {
        const dropped = preview.resources.filter((r) => r.type === T.profilesAssociation && r.name.endsWith("-spoke-analytics"));
        assert.equal(dropped.length, 1);
        const p = await analyze(
            preview.resources.filter((r) => r !== dropped[0]),
            true,
        );
        const hits = mandatory(p).filter((v) => v.policy === "hub-endpoint-dns-complete");
        assert.ok(hits.length > 0, JSON.stringify(p.violations));
        assert.ok(
            hits.every((v) => /not associated with spoke VPC spoke-analytics/.test(v.message)),
            hits.map((v) => v.message).join("\n"),
        );
    });
});
