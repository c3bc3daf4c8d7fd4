/**
 * Multi-account stacks (landing-zone:accounts), on the captured graph of the real program: one provider
 * per (account, region) with its role and pin, every resource in its owner's account, a flow-log role
 * per account, cross-account peering (request in the spoke account, acceptance in the network account,
 * options and routes after acceptance), cross-account zone associations after the zone owner's
 * authorization, and endpoint policies admitting the declared accounts. Single-account stacks keep
 * their provider names and inputs.
 */
import { strict as assert } from "assert";
import { T } from "../../components/aws/types";
import { DEFAULT_ACCOUNT_ROLE_NAME } from "../../components/config/accounts";
import { CapturedResource } from "../../offline/types";
import { multiAccountConfig, NETWORK, WORKLOAD_A, WORKLOAD_B } from "../helpers/accounts";
import { baseConfig, ConfigObject, dependsOnUrn, jsonInput, Plan, planFor, propertyDependsOn } from "../helpers/plan";

const ORG = (): ConfigObject => multiAccountConfig((c) => (c.organizationId = "o-a1b2c3d4e5"));
// Outside an organisation the default role does not exist: workload-a names its role.
const NO_ORG = (): ConfigObject =>
    multiAccountConfig((c) => {
        (c.accounts as Record<string, Record<string, unknown>>)["workload-a"].roleArn =
            `arn:aws:iam::${WORKLOAD_A}:role/landing-zone-deployer`;
    });

/** Provider inputs reach the capture as the engine sends them: non-string values JSON-encoded. */
function providerInput<V>(p: CapturedResource, key: string): V | undefined {
    const v = p.inputs[key];
    return v === undefined ? undefined : typeof v === "string" && /^[[{]/.test(v) ? (JSON.parse(v) as V) : (v as unknown as V);
}

function accountOfVpc(plan: Plan, name: string): string | undefined {
    return plan.one(T.vpc, name).account;
}

describe("multi-account stacks", () => {
    let plan: Plan;
    before(async () => {
        plan = await planFor(NO_ORG());
    });

    describe("providers", () => {
        it("has one provider per (account, region) in use, the network account's keeping the single-account names", () => {
            const names = plan
                .byType(T.provider)
                .map((p) => p.name)
                .sort();
            // The network account has nothing in eu-west-1; a workload account has its spoke's Region
            // only (its IAM role is made there too, not through a provider of the hub's Region).
            assert.deepEqual(names, ["aws-eu-west-2", "aws-workload-a-eu-west-1", "aws-workload-b-eu-west-1"]);
        });

        it("pins each provider to its account and assumes the account's role (none for the credentials' own)", () => {
            const byName = new Map(plan.byType(T.provider).map((p) => [p.name, p]));
            const a = byName.get("aws-workload-a-eu-west-1") as CapturedResource;
            assert.deepEqual(providerInput(a, "allowedAccountIds"), [WORKLOAD_A]);
            assert.deepEqual(providerInput(a, "assumeRoles"), [{ roleArn: `arn:aws:iam::${WORKLOAD_A}:role/landing-zone-deployer` }]);
            const b = byName.get("aws-workload-b-eu-west-1") as CapturedResource;
            assert.deepEqual(providerInput(b, "assumeRoles"), [
                { roleArn: `arn:aws:iam::${WORKLOAD_B}:role/landing-zone-deployer`, externalId: "lz-ext-1" },
            ]);
            const n = byName.get("aws-eu-west-2") as CapturedResource;
            assert.deepEqual(providerInput(n, "allowedAccountIds"), [NETWORK]);
            assert.equal(n.inputs.assumeRoles, undefined);
        });

        it("gives every provider the stack's defaultTags", () => {
            const tags = new Set(plan.byType(T.provider).map((p) => JSON.stringify(providerInput(p, "defaultTags"))));
            assert.equal(tags.size, 1);
        });

        it(`assumes ${DEFAULT_ACCOUNT_ROLE_NAME} in an organisation when no role is named`, async () => {
            const org = await planFor(ORG());
            const a = org.byType(T.provider).find((p) => p.name === "aws-workload-a-eu-west-1") as CapturedResource;
            assert.deepEqual(providerInput(a, "assumeRoles"), [
                { roleArn: `arn:aws:iam::${WORKLOAD_A}:role/${DEFAULT_ACCOUNT_ROLE_NAME}` },
            ]);
        });

        it("keeps a single-account stack's provider names and inputs (no pin, no role)", async () => {
            const single = await planFor(baseConfig());
            const ps = single.byType(T.provider);
            assert.deepEqual(ps.map((p) => p.name).sort(), ["aws-eu-west-1", "aws-eu-west-2"]);
            assert.ok(ps.every((p) => p.inputs.assumeRoles === undefined && p.inputs.allowedAccountIds === undefined));
        });
    });

    describe("accounts of resources", () => {
        it("puts the hub in the network account and each spoke VPC in its own account", () => {
            assert.equal(accountOfVpc(plan, "hub"), NETWORK);
            assert.equal(accountOfVpc(plan, "spoke-payments"), WORKLOAD_A);
            assert.equal(accountOfVpc(plan, "spoke-analytics"), WORKLOAD_B);
        });

        it("gives every resource of a spoke's subtree the spoke's account, except the zone authorizations", () => {
            for (const [spoke, id] of [
                ["spoke-payments", WORKLOAD_A],
                ["spoke-analytics", WORKLOAD_B],
            ] as const) {
                const comp = plan.resources.find((r) => r.type === "landing-zone:network:Spoke" && r.name === spoke) as CapturedResource;
                const wrong = plan
                    .descendants(comp.urn)
                    .filter((r) => r.custom && r.type !== T.vpcAssociationAuthorization && r.account !== id)
                    .map((r) => `${r.type} ${r.name} in ${r.account}`);
                assert.deepEqual(wrong, []);
            }
        });

        it("reports the account in ARNs and owner ids the mocks return", () => {
            const vpc = plan.one(T.vpc, "spoke-payments");
            assert.equal(vpc.outputs.ownerId, WORKLOAD_A);
            assert.match(String(vpc.outputs.arn), new RegExp(`:${WORKLOAD_A}:vpc/`));
        });
    });

    describe("flow-log roles", () => {
        it("makes one role per account with VPCs, each trusting only its own account's flow logs", () => {
            const roles = plan.byType(T.role).filter((r) => r.name.includes("flow-logs"));
            assert.deepEqual(roles.map((r) => r.account).sort(), [NETWORK, WORKLOAD_A, WORKLOAD_B]);
            for (const r of roles) {
                const doc = JSON.parse(String(r.inputs.assumeRolePolicy)) as {
                    Statement: { Condition: { StringEquals: Record<string, string> } }[];
                };
                assert.equal(doc.Statement[0].Condition.StringEquals["aws:SourceAccount"], r.account);
            }
        });

        it("makes a workload account's role with that account's provider of its spoke's Region (IAM is global)", () => {
            const providerOf = new Map(plan.byType(T.provider).map((p) => [p.urn, p.name]));
            const roles = plan.byType(T.role).filter((r) => r.name.includes("flow-logs") && r.account !== NETWORK);
            assert.deepEqual(roles.map((r) => providerOf.get(r.provider)).sort(), ["aws-workload-a-eu-west-1", "aws-workload-b-eu-west-1"]);
        });

        it("hands each VPC's flow log the role of the VPC's own account", () => {
            const roleOf = new Map(plan.byType(T.role).map((r) => [r.urn, r.account]));
            for (const log of plan.byType(T.flowLog)) {
                const roleUrns = (log.propertyDependencies.iamRoleArn ?? []).filter((u) => roleOf.has(u));
                assert.equal(roleUrns.length, 1, `${log.name} takes its role ARN from one role`);
                assert.equal(roleOf.get(roleUrns[0]), log.account, `${log.name}'s role is in its account`);
            }
        });
    });

    describe("cross-account peering", () => {
        it("requests from the spoke account, naming the hub's account and region", () => {
            const pcx = plan.one(T.peering, "peering-payments");
            assert.equal(pcx.account, WORKLOAD_A);
            assert.equal(pcx.inputs.peerOwnerId, NETWORK);
            assert.equal(pcx.inputs.peerRegion, "eu-west-2");
            assert.equal(pcx.inputs.autoAccept, false);
        });

        it("accepts in the network account, after the request", () => {
            const pcx = plan.one(T.peering, "peering-payments");
            const acc = plan.one(T.peeringAccepter, "peering-payments-accepter");
            assert.equal(acc.account, NETWORK);
            assert.ok(propertyDependsOn(acc, "vpcPeeringConnectionId", pcx.urn));
        });

        it("sets each side's options with that side's account, after acceptance", () => {
            const acc = plan.one(T.peeringAccepter, "peering-payments-accepter");
            const req = plan.one(T.peeringOptions, "peering-payments-requester-options");
            const accOpts = plan.one(T.peeringOptions, "peering-payments-accepter-options");
            assert.equal(req.account, WORKLOAD_A);
            assert.equal(accOpts.account, NETWORK);
            assert.ok(propertyDependsOn(req, "vpcPeeringConnectionId", acc.urn));
            assert.ok(propertyDependsOn(accOpts, "vpcPeeringConnectionId", acc.urn));
        });

        it("makes every route over the peering wait for acceptance, each in its route table's account", () => {
            const acc = plan.one(T.peeringAccepter, "peering-payments-accepter");
            const pcx = plan.one(T.peering, "peering-payments");
            const routes = plan.byType(T.route).filter((r) => propertyDependsOn(r, "vpcPeeringConnectionId", pcx.urn));
            assert.ok(routes.length > 0);
            for (const r of routes) {
                assert.ok(dependsOnUrn(r, acc.urn), `${r.name} waits for the accepter`);
                const rt = plan.byType(T.routeTable).find((t) => propertyDependsOn(r, "routeTableId", t.urn)) as CapturedResource;
                assert.equal(r.account, rt.account, `${r.name} is made by its table's account`);
            }
        });
    });

    describe("cross-account zone associations", () => {
        it("authorizes each spoke VPC on each hub zone in the network account, then associates from the spoke account", () => {
            const auths = plan.byType(T.vpcAssociationAuthorization);
            const assocs = plan.byType(T.zoneAssociation).filter((a) => a.name.startsWith("spoke-"));
            assert.equal(auths.length, assocs.length);
            for (const a of assocs) {
                const auth = auths.find((x) => x.name === `${a.name}-authorization`) as CapturedResource;
                assert.ok(auth, `${a.name} has an authorization`);
                assert.equal(auth.account, NETWORK);
                assert.equal(a.account, a.name.includes("payments") ? WORKLOAD_A : WORKLOAD_B);
                assert.ok(dependsOnUrn(a, auth.urn), `${a.name} waits for its authorization`);
            }
        });

        it("makes no authorization for a spoke in the network account", async () => {
            const p = await planFor(
                multiAccountConfig((c) => {
                    c.organizationId = "o-a1b2c3d4e5";
                    c.spokes[1].account = "network";
                }),
            );
            assert.ok(p.byType(T.vpcAssociationAuthorization).every((a) => a.name.startsWith("spoke-payments-")));
        });
    });

    describe("endpoint policies", () => {
        it("admit every declared account outside an organisation (aws:PrincipalAccount in the list)", () => {
            const ep = plan.byType(T.vpcEndpoint).find((e) => e.name.includes("sts") && e.account === NETWORK) as CapturedResource;
            const doc = jsonInput<{ Statement: { Condition?: { StringEquals?: Record<string, unknown> } }[] }>(ep, "policy");
            assert.deepEqual(doc.Statement[0].Condition?.StringEquals?.["aws:PrincipalAccount"], [NETWORK, WORKLOAD_A, WORKLOAD_B]);
        });

        it("admit the organisation when organizationId is set", async () => {
            const org = await planFor(ORG());
            const ep = org.byType(T.vpcEndpoint).find((e) => e.name.includes("sts") && e.account === NETWORK) as CapturedResource;
            const doc = jsonInput<{ Statement: { Condition?: { StringEquals?: Record<string, unknown> } }[] }>(ep, "policy");
            assert.equal(doc.Statement[0].Condition?.StringEquals?.["aws:PrincipalOrgID"], "o-a1b2c3d4e5");
        });
    });

    describe("endpoint service", () => {
        it("keeps the service in the network account and creates a consumer's endpoint with the consumer's account", () => {
            const svc = plan.byType(T.vpcEndpointService)[0];
            assert.equal(svc.account, NETWORK);
            const consumer = plan.byType(T.vpcEndpoint).find((e) => e.inputs.vpcEndpointType === "Interface" && e.account === WORKLOAD_A);
            assert.ok(consumer, "payments' endpoint is created in workload-a");
        });
    });
});
