/**
 * Transit-gateway mode across accounts, on the captured graph of the real program: the network
 * account's TGWs shared through AWS RAM (to the organisation, or to each workload account, which
 * accepts), each workload account's VPC attachment made by that account after the share is usable and
 * accepted by the network account, and everything on the TGW side (associations, propagations, static
 * routes) made by the network account on the accepted attachment. The order share -> attach -> accept
 * -> associate/propagate -> VPC routes is read from the captured dependencies.
 */
import { strict as assert } from "assert";
import { T } from "../../components/aws/types";
import { validateConfig } from "../../components/config/validate";
import { renderMermaid } from "../../offline/diagram";
import { analyzeReachability } from "../../offline/reachability";
import { CapturedResource } from "../../offline/types";
import { multiAccountConfig, NETWORK, WORKLOAD_A, WORKLOAD_B } from "../helpers/accounts";
import { ConfigObject, dependsOnUrn, Plan, planFor, propertyDependsOn } from "../helpers/plan";

type Mutable = ConfigObject & { spokes: Record<string, unknown>[]; accounts: Record<string, Record<string, unknown>> };

const tgw = (mutate?: (c: Mutable) => void) =>
    multiAccountConfig((c) => {
        c.connectivity = { mode: "transit-gateway" };
        mutate?.(c as Mutable);
    });
const ORG = () => tgw((c) => (c.organizationId = "o-a1b2c3d4e5"));
// Outside an organisation the default role does not exist: workload-a names its role.
const NO_ORG = () => tgw((c) => (c.accounts["workload-a"].roleArn = `arn:aws:iam::${WORKLOAD_A}:role/landing-zone-deployer`));

const SPOKES = [
    ["payments", WORKLOAD_A],
    ["analytics", WORKLOAD_B],
] as const;

function attachment(plan: Plan, spoke: string): CapturedResource {
    return plan.one(T.tgwVpcAttachment, `tgw-spoke-${spoke}`);
}
function accepter(plan: Plan, spoke: string): CapturedResource {
    return plan.one(T.tgwVpcAttachmentAccepter, `tgw-spoke-${spoke}-accepter`);
}

describe("multi-account stacks over transit gateways", () => {
    let org: Plan;
    let noOrg: Plan;
    before(async () => {
        org = await planFor(ORG());
        noOrg = await planFor(NO_ORG());
    });

    it("validates: spokes of workload accounts may attach to the network account's TGWs", () => {
        const r = validateConfig(NO_ORG());
        assert.ok(r.ok, r.ok ? "" : r.problems.map((p) => `${p.key}: ${p.message}`).join("\n"));
    });

    describe("RAM share", () => {
        it("shares only the TGW the workload VPCs attach to (eu-west-1), from the network account, holding that TGW", () => {
            for (const plan of [org, noOrg]) {
                const shares = plan.byType(T.ramResourceShare);
                assert.deepEqual(
                    shares.map((s) => [s.name, s.account, s.region]),
                    [["tgw-share-eu-west-1", NETWORK, "eu-west-1"]],
                );
                const [assoc] = plan.byType(T.ramResourceAssociation);
                assert.equal(assoc.account, NETWORK);
                assert.ok(propertyDependsOn(assoc, "resourceShareArn", shares[0].urn));
                assert.ok(propertyDependsOn(assoc, "resourceArn", plan.one(T.transitGateway, "tgw-eu-west-1").urn));
            }
        });

        it("in an organisation: one principal, the organisation's ARN, and no external principals", () => {
            const [share] = org.byType(T.ramResourceShare);
            assert.equal(share.inputs.allowExternalPrincipals, false);
            const principals = org.byType(T.ramPrincipalAssociation);
            assert.equal(principals.length, 1);
            assert.match(String(principals[0].inputs.principal), /^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]+$/);
            assert.equal(org.byType(T.ramResourceShareAccepter).length, 0, "no invitation inside an organisation");
        });

        it("outside an organisation: one principal per workload account, each accepted by that account after its association", () => {
            const [share] = noOrg.byType(T.ramResourceShare);
            assert.equal(share.inputs.allowExternalPrincipals, true);
            const principals = noOrg.byType(T.ramPrincipalAssociation);
            assert.deepEqual(principals.map((p) => p.inputs.principal).sort(), [WORKLOAD_A, WORKLOAD_B]);
            for (const [, account] of SPOKES) {
                const p = principals.find((x) => x.inputs.principal === account) as CapturedResource;
                assert.equal(p.account, NETWORK);
                const acc = noOrg.byType(T.ramResourceShareAccepter).find((a) => a.account === account) as CapturedResource;
                assert.ok(acc, `an accepter in ${account}`);
                assert.ok(propertyDependsOn(acc, "shareArn", share.urn));
                assert.ok(dependsOnUrn(acc, p.urn), "the invitation exists once the principal is associated");
            }
        });

        it("gives the share an ARN of the network account and each accepter its receiver's account", () => {
            const [share] = noOrg.byType(T.ramResourceShare);
            assert.match(String(share.outputs.arn), new RegExp(`^arn:aws:ram:eu-west-1:${NETWORK}:resource-share/`));
            for (const acc of noOrg.byType(T.ramResourceShareAccepter)) {
                assert.equal(acc.outputs.receiverAccountId, acc.account);
                assert.equal(acc.outputs.senderAccountId, NETWORK);
            }
        });
    });

    describe("attachment and acceptance", () => {
        it("attaches each workload VPC from its own account, after the share is usable there", () => {
            for (const [spoke, account] of SPOKES) {
                for (const plan of [org, noOrg]) {
                    const a = attachment(plan, spoke);
                    assert.equal(a.account, account);
                    assert.ok(propertyDependsOn(a, "transitGatewayId", plan.one(T.transitGateway, "tgw-eu-west-1").urn));
                    assert.ok(dependsOnUrn(a, plan.byType(T.ramResourceAssociation)[0].urn), `${spoke}: after the TGW is in the share`);
                }
                const p = org.byType(T.ramPrincipalAssociation)[0];
                assert.ok(dependsOnUrn(attachment(org, spoke), p.urn), `${spoke}: after the organisation is a principal`);
                const acc = noOrg.byType(T.ramResourceShareAccepter).find((x) => x.account === account) as CapturedResource;
                assert.ok(dependsOnUrn(attachment(noOrg, spoke), acc.urn), `${spoke}: after its account accepted the share`);
            }
        });

        it("does not set the default route table flags on an attachment to a shared TGW", () => {
            for (const [spoke] of SPOKES) {
                const a = attachment(org, spoke);
                assert.equal(a.inputs.transitGatewayDefaultRouteTableAssociation, undefined);
                assert.equal(a.inputs.transitGatewayDefaultRouteTablePropagation, undefined);
            }
        });

        it("accepts each workload attachment in the network account, in the TGW's Region, with the default tables off", () => {
            for (const [spoke] of SPOKES) {
                const acc = accepter(org, spoke);
                assert.equal(acc.account, NETWORK);
                assert.equal(acc.region, "eu-west-1");
                assert.ok(propertyDependsOn(acc, "transitGatewayAttachmentId", attachment(org, spoke).urn));
                assert.equal(acc.inputs.transitGatewayDefaultRouteTableAssociation, false);
                assert.equal(acc.inputs.transitGatewayDefaultRouteTablePropagation, false);
            }
        });

        it("keeps the TGWs from auto-accepting shared attachments (the accepter is what accepts)", () => {
            for (const g of org.byType(T.transitGateway)) {
                assert.equal(g.inputs.autoAcceptSharedAttachments, "disable");
            }
        });

        it("associates and propagates a workload attachment from the network account, on the accepted attachment", () => {
            for (const [spoke] of SPOKES) {
                const acc = accepter(org, spoke);
                const att = attachment(org, spoke);
                const onIt = [...org.byType(T.tgwRouteTableAssociation), ...org.byType(T.tgwRouteTablePropagation)].filter(
                    (r) =>
                        propertyDependsOn(r, "transitGatewayAttachmentId", acc.urn) ||
                        propertyDependsOn(r, "transitGatewayAttachmentId", att.urn),
                );
                assert.ok(
                    onIt.some((r) => r.type === T.tgwRouteTableAssociation),
                    `${spoke} has an association`,
                );
                assert.ok(
                    onIt.some((r) => r.type === T.tgwRouteTablePropagation),
                    `${spoke} propagates`,
                );
                for (const r of onIt) {
                    assert.equal(r.account, NETWORK, `${r.name} is the TGW owner's`);
                    assert.ok(propertyDependsOn(r, "transitGatewayAttachmentId", acc.urn), `${r.name} uses the accepted attachment`);
                    assert.ok(!propertyDependsOn(r, "transitGatewayAttachmentId", att.urn), `${r.name} does not use the pending one`);
                    assert.ok(dependsOnUrn(r, acc.urn), `${r.name} waits for the acceptance`);
                }
            }
        });

        it("makes every workload VPC route to the TGW wait for the acceptance, in the workload account", () => {
            for (const [spoke, account] of SPOKES) {
                const acc = accepter(org, spoke);
                const gw = org.one(T.transitGateway, "tgw-eu-west-1");
                const routes = org.byType(T.route).filter((r) => r.account === account && propertyDependsOn(r, "transitGatewayId", gw.urn));
                assert.ok(routes.length > 0, `${spoke} has routes to the TGW`);
                for (const r of routes) {
                    assert.ok(dependsOnUrn(r, acc.urn), `${r.name} waits for the acceptance`);
                }
            }
        });

        it("keeps the network account's own attachments (the hub) unaccepted and flagged as before", () => {
            const hub = org.one(T.tgwVpcAttachment, "tgw-hub");
            assert.equal(hub.account, NETWORK);
            assert.equal(hub.inputs.transitGatewayDefaultRouteTableAssociation, false);
            assert.equal(org.byType(T.tgwVpcAttachmentAccepter).length, SPOKES.length);
        });
    });

    describe("diagram", () => {
        it("names each VPC's and TGW's account and draws a workload attachment as RAM-shared and accepted", () => {
            const d = renderMermaid(org.resources);
            assert.match(d, new RegExp(`spoke-payments 10\\.16\\.0\\.0/20 · account ${WORKLOAD_A}`));
            assert.match(d, new RegExp(`TGW eu-west-1 \\(ASN \\d+\\) · account ${NETWORK}`));
            assert.match(d, /spoke_payments -- "RAM-shared TGW, accepted" --- tgw_eu_west_1/);
        });

        it("draws an attachment nobody accepted as NOT accepted", () => {
            const d = renderMermaid(org.resources.filter((r) => r.name !== "tgw-spoke-payments-accepter"));
            assert.match(d, /spoke_payments -- "RAM-shared TGW, NOT accepted" --- tgw_eu_west_1/);
        });
    });

    describe("reachability", () => {
        it("opens every path and names the account of each VPC a hop enters", () => {
            const r = analyzeReachability(org.resources);
            assert.equal(r.broken, 0);
            const hops = r.paths.flatMap((p) => p.hops);
            assert.ok(hops.includes(`attachment tgw-spoke-payments -> spoke-payments (account ${WORKLOAD_A})`));
            assert.ok(hops.includes(`attachment tgw-hub -> hub (account ${NETWORK})`));
        });

        it("breaks a workload spoke's paths at its attachment when the network account does not accept it", () => {
            const r = analyzeReachability(org.resources.filter((x) => x.name !== "tgw-spoke-payments-accepter"));
            // Every path of payments over the TGW (its PrivateLink path to the endpoint service does not use it).
            const payments = r.paths.filter((p) => p.from === "spoke-payments" && !p.to.startsWith("svc-"));
            assert.ok(payments.length > 0);
            for (const p of payments) {
                assert.equal(p.open, false, `${p.from} -> ${p.to}`);
                assert.match(String(p.brokenAt), /tgw-spoke-payments.*(never accepted|pendingAcceptance)/);
            }
            assert.ok(
                r.paths.filter((p) => p.from === "spoke-analytics").every((p) => p.open),
                "analytics is unaffected",
            );
        });
    });

    it("shares nothing when every spoke is the network account's", async () => {
        const plan = await planFor(
            tgw((c) => {
                c.organizationId = "o-a1b2c3d4e5";
                for (const s of c.spokes) {
                    delete s.account;
                }
                delete c.endpointService;
            }),
        );
        assert.equal(plan.byType(T.ramResourceShare).length, 0);
        assert.equal(plan.byType(T.tgwVpcAttachmentAccepter).length, 0);
    });
});
