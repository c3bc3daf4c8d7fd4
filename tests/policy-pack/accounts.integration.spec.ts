import { strict as assert } from "assert";
import * as path from "path";
import { PolicyRunResult, runPolicyPack } from "../../offline/analyzer";
import { buildPack } from "../../offline/pack-build";
import { CapturedResource } from "../../offline/types";
import { multiAccountConfig } from "../helpers/accounts";
import { flatConfig, planFor, PROJECT, TEST_STACK } from "../helpers/plan";

/**
 * The multi-account policies through the REAL pack over its analyzer protocol (as `npm start` drives
 * it), on the PREVIEW graph the real program builds for a network account and two workload accounts:
 * every id of a new resource is unknown there. The clean graph passes; each crafted one-field mistake is
 * reported MANDATORY (not downgraded to "can't run during preview"):
 * - the accepter of payments' peering made with payments' own provider (cross-account-peering-accepted);
 * - one of payments' zone associations made with the network account's provider
 *   (cross-account-zone-association-authorized);
 * - workload-b missing from allowed-accounts.allowedAccounts (allowed-accounts).
 */

const PACK = buildPack(path.resolve(__dirname, "..", "..", "policy-pack"));
const CONFIG = multiAccountConfig((c) => (c.organizationId = "o-a1b2c3d4e5"));
const ALLOWED = ["111111111111", "222222222222", "333333333333"];

async function analyze(resources: readonly CapturedResource[], allowedAccounts = ALLOWED): Promise<PolicyRunResult> {
    return runPolicyPack({
        packDir: PACK,
        project: PROJECT,
        stack: TEST_STACK,
        dryRun: true,
        stackConfig: flatConfig(CONFIG),
        policyConfig: { "allowed-accounts": { allowedAccounts } },
        resources,
    });
}

const mandatory = (r: PolicyRunResult, policy: string) =>
    r.violations.filter((v) => v.policy === policy && v.enforcementLevel === "mandatory");

describe("multi-account policies through the real pack over the analyzer protocol, in a preview (integration)", function () {
    this.timeout(180000);

    let clean: PolicyRunResult;
    let accepter: PolicyRunResult;
    let association: PolicyRunResult;
    let allowed: PolicyRunResult;
    before(async () => {
        const preview = await planFor(CONFIG, { preview: true });
        const providerUrn = (name: string) => {
            const p = preview.resources.find((r) => r.type === "pulumi:providers:aws" && r.name === name);
            assert.ok(p, `premise: provider ${name}`);
            return p.urn;
        };
        const move = (pick: (r: CapturedResource) => boolean, provider: string) => {
            let moved = 0;
            const out = preview.resources.map((r) => (pick(r) && moved++ === 0 ? { ...r, provider } : r));
            assert.equal(moved > 0, true, "premise: the resource to move exists");
            return out;
        };
        [clean, accepter, association, allowed] = await Promise.all([
            analyze(preview.resources),
            analyze(move((r) => r.name === "peering-payments-accepter", providerUrn("aws-workload-a-eu-west-1"))),
            analyze(
                move(
                    (r) => r.type === "aws:route53/zoneAssociation:ZoneAssociation" && r.name.startsWith("spoke-payments-"),
                    providerUrn("aws-eu-west-2"),
                ),
            ),
            analyze(preview.resources, ALLOWED.slice(0, 2)),
        ]);
    });

    it("passes the program's own multi-account graph: no mandatory violation", () => {
        assert.deepEqual(
            clean.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`),
            [],
        );
    });

    it("reports an accepter outside the peer's account as mandatory", () => {
        assert.equal(mandatory(accepter, "cross-account-peering-accepted").length, 1);
    });

    it("reports a workload VPC's zone association made by the zone's account as mandatory", () => {
        assert.equal(mandatory(association, "cross-account-zone-association-authorized").length, 1);
    });

    it("reports each provider of an account outside allowedAccounts as mandatory", () => {
        const v = mandatory(allowed, "allowed-accounts");
        assert.ok(v.length >= 1 && v.every((x) => /333333333333/.test(x.message)), JSON.stringify(v.map((x) => x.message)));
    });
});
