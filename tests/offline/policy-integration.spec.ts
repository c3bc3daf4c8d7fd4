import { strict as assert } from "assert";
import * as path from "path";
import { PolicyRunResult, runPolicyPack } from "../../offline/analyzer";
import { buildPack } from "../../offline/pack-build";
import { UNKNOWN } from "../../offline/program";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, flatConfig, Plan, planFor, PROJECT, TEST_STACK, withBase } from "../helpers/plan";

/**
 * The real policy pack, driven over its analyzer protocol exactly as `npm start` drives it, against
 * graphs captured from the real program. Clean stacks pass; crafted broken topologies fail with the
 * expected mandatory policy — in a PREVIEW, where ids of new resources are unknown, because a topology
 * rule that needed an id would be downgraded to an advisory "can't run during preview" and let the
 * mistake through CI.
 */

const PACK = buildPack(path.resolve(__dirname, "..", "..", "policy-pack"));

const PEERING: ConfigObject = withBase((c) => {
    c.endpointService = { name: "orders", allowedPrincipals: ["arn:aws:iam::111122223333:root"], consumers: ["payments"] };
});
const TGW: ConfigObject = withBase((c) => {
    c.supernets["eu-west-2"] = "10.32.0.0/12";
    c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" });
    c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "analytics"] }] };
});

async function analyze(config: ConfigObject, resources: readonly CapturedResource[], dryRun: boolean): Promise<PolicyRunResult> {
    return runPolicyPack({ packDir: PACK, project: PROJECT, stack: TEST_STACK, dryRun, stackConfig: flatConfig(config), resources });
}

const mandatory = (r: PolicyRunResult) => r.violations.filter((v) => v.enforcementLevel === "mandatory");

describe("policy pack over the analyzer protocol (integration)", function () {
    this.timeout(120000);

    let peeringUpdate: Plan;
    let peeringPreview: Plan;
    let tgwPreview: Plan;
    before(async () => {
        peeringUpdate = await planFor(PEERING);
        peeringPreview = await planFor(PEERING, { preview: true });
        tgwPreview = await planFor(TGW, { preview: true });
    });

    it("the preview capture really has unknown ids (the premise of these tests)", () => {
        const vpc = peeringPreview.resources.find((r) => r.type === "aws:ec2/vpc:Vpc");
        const route = peeringPreview.resources.find((r) => r.type === "aws:ec2/route:Route");
        assert.equal(vpc?.id, "");
        assert.equal(route?.inputs.routeTableId, UNKNOWN);
        assert.equal(route?.inputs.vpcPeeringConnectionId, UNKNOWN);
    });

    it("passes the peering stack clean, in an update and in a preview", async () => {
        const [u, p] = await Promise.all([
            analyze(PEERING, peeringUpdate.resources, false),
            analyze(PEERING, peeringPreview.resources, true),
        ]);
        assert.deepEqual(mandatory(u), []);
        assert.deepEqual(mandatory(p), []);
        assert.ok(u.policies.length >= 20);
    });

    it("passes the transit-gateway stack clean in a preview", async () => {
        const p = await analyze(TGW, tgwPreview.resources, true);
        assert.deepEqual(mandatory(p), [], JSON.stringify(p.violations));
    });

    describe("broken peering topology in a preview", () => {
        let result: PolicyRunResult;
        before(async () => {
            const rs = peeringPreview.resources
                // a wildcard principal in place of the endpoint service's allowed account (found by its
                // ARN, not by its resource name, which the component derives from the ARN)
                .map((r) =>
                    r.type === "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple" &&
                    r.inputs.principalArn === "arn:aws:iam::111122223333:root"
                        ? { ...r, inputs: { ...r.inputs, principalArn: "*" }, outputs: { ...r.outputs, principalArn: "*" } }
                        : r,
                )
                // a spoke that lost one zone association
                .filter((r) => !(r.type === "aws:route53/zoneAssociation:ZoneAssociation" && r.name === "spoke-payments-sts"))
                // an asymmetric route: the hub's return routes to analytics are gone
                .filter(
                    (r) =>
                        !(
                            r.type === "aws:ec2/route:Route" &&
                            r.name.startsWith("hub-") &&
                            r.inputs.destinationCidrBlock === "10.16.16.0/20"
                        ),
                )
                // an overlapping CIDR smuggled past the config (as a component bug would); stack policies
                // see outputs (what AnalyzeStack sends), resource policies inputs: change both
                .map((r) =>
                    r.type === "aws:ec2/vpc:Vpc" && r.name === "spoke-analytics"
                        ? { ...r, inputs: { ...r.inputs, cidrBlock: "10.0.0.0/20" }, outputs: { ...r.outputs, cidrBlock: "10.0.0.0/20" } }
                        : r,
                );
            result = await analyze(PEERING, rs, true);
        });
        const expectMandatory = (policy: string, re?: RegExp) => {
            const v = result.violations.filter((x) => x.policy === policy);
            assert.ok(v.length > 0, `${policy} must fire; got ${JSON.stringify(result.violations.map((x) => x.policy))}`);
            assert.ok(
                v.every((x) => x.enforcementLevel === "mandatory"),
                `${policy} must stay mandatory in a preview: ${JSON.stringify(v)}`,
            );
            if (re) {
                assert.ok(
                    v.some((x) => re.test(x.message)),
                    `${policy}: ${JSON.stringify(v.map((x) => x.message))}`,
                );
            }
        };
        it("fails the wildcard principal (endpoint-service-allowed-principals)", () =>
            expectMandatory("endpoint-service-allowed-principals"));
        it("fails the missing zone association (hub-endpoint-dns-complete)", () => expectMandatory("hub-endpoint-dns-complete", /sts/));
        it("fails the asymmetric route (routes-have-return-path)", () => expectMandatory("routes-have-return-path"));
        it("fails the overlapping CIDR (vpc-cidrs-non-overlapping)", () => expectMandatory("vpc-cidrs-non-overlapping"));
        it("reports nothing as can't-run-during-preview for the topology policies", () => {
            const deferred = result.violations.filter((v) => /during preview/.test(v.message));
            for (const v of deferred) {
                assert.ok(
                    ![
                        "routes-have-return-path",
                        "hub-endpoint-dns-complete",
                        "vpc-cidrs-non-overlapping",
                        "tgw-attachments-explicit-association",
                    ].includes(v.policy),
                    JSON.stringify(v),
                );
            }
        });
    });

    describe("broken transit-gateway topology in a preview", () => {
        let result: PolicyRunResult;
        before(async () => {
            const base = tgwPreview.resources;
            const peering = base.find((r) => r.type === "aws:ec2transitgateway/peeringAttachment:PeeringAttachment") as CapturedResource;
            const table = base.find(
                (r) => r.type === "aws:ec2transitgateway/routeTable:RouteTable" && r.name === "tgw-eu-west-2-hub",
            ) as CapturedResource;
            const rs = base
                // a spoke attachment left without an explicit association
                .filter(
                    (r) =>
                        !(
                            r.type === "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation" &&
                            r.name === "tgw-spoke-tooling-assoc"
                        ),
                )
                // a propagation on a TGW peering attachment (routes across a peering are static only)
                .concat([
                    {
                        ...table,
                        urn: table.urn.replace(
                            "aws:ec2transitgateway/routeTable:RouteTable::tgw-eu-west-2-hub",
                            "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation::bad-propagation",
                        ),
                        type: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
                        name: "bad-propagation",
                        inputs: { transitGatewayAttachmentId: UNKNOWN, transitGatewayRouteTableId: UNKNOWN },
                        outputs: {},
                        dependencies: [peering.urn, table.urn],
                        propertyDependencies: { transitGatewayAttachmentId: [peering.urn], transitGatewayRouteTableId: [table.urn] },
                    },
                ]);
            result = await analyze(TGW, rs, true);
        });
        it("fails the unassociated attachment (tgw-attachments-explicit-association)", () => {
            const v = mandatory(result).filter((x) => x.policy === "tgw-attachments-explicit-association");
            assert.ok(v.length > 0, JSON.stringify(result.violations));
        });
        it("fails the propagation across a TGW peering (tgw-peering-static-routes-only)", () => {
            const v = mandatory(result).filter((x) => x.policy === "tgw-peering-static-routes-only");
            assert.ok(v.length > 0, JSON.stringify(result.violations));
        });
    });
});
