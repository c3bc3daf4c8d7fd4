import { strict as assert } from "assert";
import * as path from "path";
import { PolicyRunResult, runPolicyPack } from "../../offline/analyzer";
import { buildPack } from "../../offline/pack-build";
import { CapturedResource } from "../../offline/types";
import { flatConfig, planFor, PROJECT, TEST_STACK } from "../helpers/plan";
import { SERVICE_OVER_PEERING } from "../helpers/scenarios";

/**
 * Issue 12 item 5 through the REAL pack over its analyzer protocol (as `npm start` drives it), on the
 * graph the real program builds for an endpoint service in the hub (eu-west-2) consumed from spoke
 * `payments` (eu-west-1). One crafted mistake, the cross-region link half made: the consumer endpoint
 * loses `serviceRegion` and the service loses eu-west-1 from `supportedRegions` (inputs and outputs, as
 * a fork that built them by hand would have them). `cross-region-privatelink-consistent` must report
 * both MANDATORY in the update and in the preview, where the endpoint's `serviceName` (the service's
 * output) and every id are unknown: a rule that compared ids or names would be downgraded to an
 * advisory "can't run during preview" or see nothing.
 */

const PACK = buildPack(path.resolve(__dirname, "..", "..", "policy-pack"));
const POLICY = "cross-region-privatelink-consistent";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const SERVICE = "aws:ec2/vpcEndpointService:VpcEndpointService";
const CONSUMER = "svc-orders-payments";
const SERVICE_NAME = "svc-orders";

/** `props` without `key`. */
function without(props: CapturedResource["inputs"], key: string): CapturedResource["inputs"] {
    const rest = { ...props };
    delete rest[key];
    return rest;
}

/** `props` with `region` removed from its `supportedRegions`. */
function unsupported(props: CapturedResource["inputs"], region: string): CapturedResource["inputs"] {
    const list = props["supportedRegions"];
    return Array.isArray(list) ? { ...props, supportedRegions: list.filter((r) => r !== region) } : props;
}

/** The captured graph with the crafted mistake (see the file comment). */
function halfLinked(resources: readonly CapturedResource[]): CapturedResource[] {
    return resources.map((r) => {
        if (r.type === ENDPOINT && r.name === CONSUMER) {
            return { ...r, inputs: without(r.inputs, "serviceRegion"), outputs: without(r.outputs, "serviceRegion") };
        }
        if (r.type === SERVICE && r.name === SERVICE_NAME) {
            return { ...r, inputs: unsupported(r.inputs, "eu-west-1"), outputs: unsupported(r.outputs, "eu-west-1") };
        }
        return r;
    });
}

async function analyze(resources: readonly CapturedResource[], dryRun: boolean): Promise<PolicyRunResult> {
    return runPolicyPack({
        packDir: PACK,
        project: PROJECT,
        stack: TEST_STACK,
        dryRun,
        stackConfig: flatConfig(SERVICE_OVER_PEERING),
        resources,
    });
}

describe("cross-region PrivateLink through the real pack over the analyzer protocol (integration)", function () {
    this.timeout(180000);

    let clean: PolicyRunResult;
    const broken: Partial<Record<"update" | "preview", PolicyRunResult>> = {};
    before(async () => {
        const [update, preview] = await Promise.all([planFor(SERVICE_OVER_PEERING), planFor(SERVICE_OVER_PEERING, { preview: true })]);
        const consumer = preview.resources.find((r) => r.type === ENDPOINT && r.name === CONSUMER);
        const service = preview.resources.find((r) => r.type === SERVICE && r.name === SERVICE_NAME);
        assert.ok(consumer && service, `premise: ${CONSUMER} and ${SERVICE_NAME} exist`);
        assert.equal(consumer.inputs["serviceRegion"], "eu-west-2", "premise: the program sets serviceRegion");
        assert.deepEqual(service.inputs["supportedRegions"], ["eu-west-2", "eu-west-1"], "premise: the program sets supportedRegions");
        // The clean case runs as a preview only: the harder mode, and one pack launch less.
        [clean, broken.update, broken.preview] = await Promise.all([
            analyze(preview.resources, true),
            analyze(halfLinked(update.resources), false),
            analyze(halfLinked(preview.resources), true),
        ]);
    });

    it("passes the program's own cross-region consumer (preview)", () => {
        assert.deepEqual(
            clean.violations.filter((v) => v.policy === POLICY),
            [],
        );
    });

    for (const mode of ["update", "preview"] as const) {
        it(`reports the missing serviceRegion and supportedRegions MANDATORY, on the endpoint and on the service (${mode})`, () => {
            const run = broken[mode] as PolicyRunResult;
            const v = run.violations.filter((x) => x.policy === POLICY);
            assert.equal(v.length, 2, JSON.stringify(run.violations));
            assert.ok(
                v.every((x) => x.enforcementLevel === "mandatory"),
                JSON.stringify(v),
            );
            const onEndpoint = v.find((x) => x.urn.endsWith(`${ENDPOINT}::${CONSUMER}`));
            const onService = v.find((x) => x.urn.endsWith(`${SERVICE}::${SERVICE_NAME}`));
            assert.match(onEndpoint?.message ?? "", /with no serviceRegion; set serviceRegion to eu-west-2/);
            assert.match(onService?.message ?? "", /does not list eu-west-1 in supportedRegions/);
        });
    }
});
