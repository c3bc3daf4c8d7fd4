import { strict as assert } from "assert";
import * as path from "path";
import { PolicyRunResult, runPolicyPack } from "../../offline/analyzer";
import { buildPack } from "../../offline/pack-build";
import { CapturedResource } from "../../offline/types";
import { multiAccountConfig } from "../helpers/accounts";
import { flatConfig, planFor, PROJECT, TEST_STACK } from "../helpers/plan";

/**
 * Transit-gateway mode across accounts through the REAL pack over its analyzer protocol, on the PREVIEW
 * graph the real program builds (every id of a new resource unknown): the network account's eu-west-1
 * TGW shared with the organisation, two workload accounts' VPC attachments accepted by the network
 * account. The clean graph passes every policy; each one-field mistake is reported MANDATORY:
 * - payments' attachment accepter dropped (tgw-shared-attachment-accepted);
 * - the share's principal association dropped (tgw-shared-attachment-accepted);
 * - the share opened to external principals inside the organisation (ram-share-no-external-principals).
 */

const PACK = buildPack(path.resolve(__dirname, "..", "..", "policy-pack"));
const ORG_ID = "o-a1b2c3d4e5";
const CONFIG = multiAccountConfig((c) => {
    c.organizationId = ORG_ID;
    c.connectivity = { mode: "transit-gateway" };
});

async function analyze(resources: readonly CapturedResource[]): Promise<PolicyRunResult> {
    return runPolicyPack({
        packDir: PACK,
        project: PROJECT,
        stack: TEST_STACK,
        dryRun: true,
        stackConfig: flatConfig(CONFIG),
        policyConfig: {
            "allowed-accounts": { allowedAccounts: ["111111111111", "222222222222", "333333333333"] },
            "ram-share-no-external-principals": { organizationId: ORG_ID },
            "tgw-shared-attachment-accepted": { organizationId: ORG_ID },
        },
        resources,
    });
}

const mandatory = (r: PolicyRunResult, policy: string) =>
    r.violations.filter((v) => v.policy === policy && v.enforcementLevel === "mandatory");

describe("transit gateways shared across accounts through the real pack over the analyzer protocol, in a preview (integration)", function () {
    this.timeout(180000);

    let clean: PolicyRunResult;
    let noAccepter: PolicyRunResult;
    let noPrincipal: PolicyRunResult;
    let open: PolicyRunResult;
    before(async () => {
        const preview = await planFor(CONFIG, { preview: true });
        const without = (name: string) => {
            assert.ok(
                preview.resources.some((r) => r.name === name),
                `premise: ${name} exists`,
            );
            return preview.resources.filter((r) => r.name !== name);
        };
        const share = preview.resources.find((r) => r.type === "aws:ram/resourceShare:ResourceShare");
        assert.ok(share, "premise: the program shares a TGW");
        [clean, noAccepter, noPrincipal, open] = await Promise.all([
            analyze(preview.resources),
            analyze(without("tgw-spoke-payments-accepter")),
            analyze(without("tgw-share-eu-west-1-organization")),
            analyze(
                preview.resources.map((r) => (r.urn === share.urn ? { ...r, inputs: { ...r.inputs, allowExternalPrincipals: true } } : r)),
            ),
        ]);
    });

    it("passes the program's own shared-TGW graph: no mandatory violation", () => {
        assert.deepEqual(
            clean.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`),
            [],
        );
    });

    it("reports a workload attachment without the network account's accepter as mandatory", () => {
        const v = mandatory(noAccepter, "tgw-shared-attachment-accepted");
        assert.equal(v.length, 1);
        assert.match(v[0].message, /tgw-spoke-payments of account 222222222222 .* has no accepter/);
    });

    it("reports a shared TGW whose share has no principal for the attachments' accounts as mandatory", () => {
        const v = mandatory(noPrincipal, "tgw-shared-attachment-accepted");
        assert.equal(v.length, 2, v.map((x) => x.message).join("\n"));
        assert.ok(v.every((x) => /but not usably with account/.test(x.message)));
    });

    it("reports a share open to external principals inside the organisation as mandatory", () => {
        assert.equal(mandatory(open, "ram-share-no-external-principals").length, 1);
    });
});
