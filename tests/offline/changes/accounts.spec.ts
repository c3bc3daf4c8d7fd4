/**
 * Day 2 in a multi-account stack, judged by the change-safety check (`npm start -- --since`,
 * offline/changes) on two real plans: moving a deployed spoke to another account changes its
 * resources' provider, which `pulumi up` does not act on (DiffConfig names no replace key for
 * assumeRoles/allowedAccountIds, pulumi/pulumi#18509, pulumi-aws#6385) — the check must say so instead
 * of promising a replacement.
 */
import * as assert from "assert";
import { checkChanges } from "../../../offline/changes/diff";
import { ChangeReport } from "../../../offline/types";
import { multiAccountConfig, WORKLOAD_A, WORKLOAD_B } from "../../helpers/accounts";
import { ConfigObject, planFor, PROJECT } from "../../helpers/plan";

const STACK = "org-day2";

const ORG = (mutate?: (c: ConfigObject & { spokes: Record<string, unknown>[] }) => void): ConfigObject =>
    multiAccountConfig((c) => {
        c.organizationId = "o-a1b2c3d4e5";
        mutate?.(c);
    });

async function change(from: ConfigObject, to: ConfigObject): Promise<ChangeReport> {
    const a = await planFor(from, { stack: STACK });
    const b = await planFor(to, { stack: STACK });
    return checkChanges(
        { project: PROJECT, stack: STACK, resources: a.resources },
        { project: PROJECT, stack: STACK, resources: b.resources },
        "before.json",
    );
}

describe("change safety: accounts", function () {
    this.timeout(120000);

    it("moving a deployed spoke to another account is unsafe: its VPC is not replaced and the check names the move pulumi up would not make", async () => {
        const c = await change(
            ORG(),
            ORG((x) => (x.spokes[0].account = "workload-b")),
        );
        const vpc = c.resources.find((r) => /aws:ec2\/vpc:Vpc::spoke-payments$/.test(r.urn));
        assert.notStrictEqual(vpc?.action, "replace", "a provider switch is no replacement in @pulumi/aws 7");
        assert.strictEqual(c.safe, false);
        const f = c.findings.filter((x) => x.kind === "account-change-not-applied");
        assert.strictEqual(f.length, 1, c.findings.map((x) => `${x.kind}: ${x.message}`).join("\n"));
        assert.match(f[0].message, new RegExp(`from account ${WORKLOAD_A} to account ${WORKLOAD_B}`));
        assert.ok(
            f[0].blastRadius?.some((b) => /aws:ec2\/vpc:Vpc::spoke-payments$/.test(b.urn)),
            "the spoke's VPC is among the resources left behind",
        );
        assert.ok(!f[0].blastRadius?.some((b) => /spoke-analytics/.test(b.urn)), "the other workload account's spoke does not move");
    });

    it("a plan that keeps every account reports no account move", async () => {
        const c = await change(ORG(), ORG());
        assert.ok(!c.findings.some((x) => x.kind === "account-change-not-applied"));
        assert.deepStrictEqual(
            c.resources.map((r) => r.action),
            [],
        );
    });
});
