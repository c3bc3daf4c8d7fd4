/**
 * The multi-account policies: allowed-accounts, cross-account-peering-accepted,
 * cross-account-zone-association-authorized, endpoint-policy-declared-accounts. Each starts from a
 * compliant fixture, changes one field per violation, and holds in a preview (every id unknown).
 */
import { allowedAccounts } from "../../../policy-pack/policies/allowed-accounts";
import { crossAccountPeeringAccepted } from "../../../policy-pack/policies/cross-account-peering-accepted";
import { crossAccountZoneAssociationAuthorized } from "../../../policy-pack/policies/cross-account-zone-association-authorized";
import { endpointPolicyDeclaredAccounts } from "../../../policy-pack/policies/endpoint-policy-declared-accounts";
import { AccountsFixture, NETWORK, WORKLOAD } from "../accounts-fixture";
import { analyze, analyzeStack, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const PROVIDER = "pulumi:providers:aws";
const PCX = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
const ACCEPTER = "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter";
const ZONE = "aws:route53/zone:Zone";
const ASSOC = "aws:route53/zoneAssociation:ZoneAssociation";
const AUTH = "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization";
const VPC = "aws:ec2/vpc:Vpc";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

const pinned = (account: string, extra: Record<string, unknown> = {}) => ({
    region: "eu-west-1",
    allowedAccountIds: JSON.stringify([account]),
    ...extra,
});
const role = (account: string) => JSON.stringify([{ roleArn: `arn:aws:iam::${account}:role/landing-zone-deployer` }]);
const ALLOWED = { allowedAccounts: [NETWORK, WORKLOAD] };

describe("policies/allowed-accounts", () => {
    it("is mandatory", () => assertIdentity(allowedAccounts, "allowed-accounts", "mandatory"));

    it("accepts providers pinned to allowed accounts, assuming roles of them", () => {
        assertClean(
            analyze(allowedAccounts, PROVIDER, pinned(WORKLOAD, { assumeRoles: role(WORKLOAD) }), { provider: null, config: ALLOWED }),
        );
        assertClean(analyze(allowedAccounts, PROVIDER, pinned(NETWORK), { provider: null, config: ALLOWED }));
    });

    it("rejects a provider pinned to an account outside the list, naming the pack config key", () => {
        assertOne(
            analyze(allowedAccounts, PROVIDER, pinned("444444444444"), { name: "aws-x-eu-west-1", provider: null, config: ALLOWED }),
            /Provider aws-x-eu-west-1 is pinned to account 444444444444, which is not an allowed account: to allow 444444444444, add it to allowed-accounts\.allowedAccounts/,
        );
    });

    it("rejects an unpinned provider when a list is configured", () => {
        assertOne(
            analyze(allowedAccounts, PROVIDER, { region: "eu-west-1" }, { provider: null, config: ALLOWED }),
            /is not pinned to an account/,
        );
    });

    it("rejects a peering request to an owner outside the list", () => {
        const pcx = { vpcId: UNKNOWN, peerVpcId: UNKNOWN, peerOwnerId: "444444444444", peerRegion: "eu-west-2" };
        assertOne(analyze(allowedAccounts, PCX, pcx, { config: ALLOWED }), /peerOwnerId names account 444444444444/);
        assertClean(analyze(allowedAccounts, PCX, { ...pcx, peerOwnerId: NETWORK }, { config: ALLOWED }));
    });

    it("always rejects a pinned provider assuming a role of another account (every call would fail), list or not", () => {
        assertOne(
            analyze(allowedAccounts, PROVIDER, pinned(WORKLOAD, { assumeRoles: role(NETWORK) }), { provider: null }),
            /assumes arn:aws:iam::111111111111:role\/landing-zone-deployer, a role of account 111111111111/,
        );
    });

    it("judges a role chain by its last role only: the hops before it create nothing (role chaining)", () => {
        const chain = (...accounts: string[]) => JSON.stringify(accounts.map((a, i) => ({ roleArn: `arn:aws:iam::${a}:role/hop-${i}` })));
        // A CI account's role first, then the workload account's: the provider acts in the workload account.
        assertClean(
            analyze(allowedAccounts, PROVIDER, pinned(WORKLOAD, { assumeRoles: chain("444444444444", WORKLOAD) }), {
                provider: null,
                config: ALLOWED,
            }),
        );
        assertClean(
            analyze(allowedAccounts, PROVIDER, pinned(WORKLOAD, { assumeRoles: chain("444444444444", WORKLOAD) }), { provider: null }),
        );
        // The other way round ends in the wrong account: every call would fail allowedAccountIds.
        assertOne(
            analyze(allowedAccounts, PROVIDER, pinned(WORKLOAD, { assumeRoles: chain(WORKLOAD, "444444444444") }), { provider: null }),
            /assumes arn:aws:iam::444444444444:role\/hop-1, a role of account 444444444444/,
        );
    });

    it("enforces nothing else without a list (single-account stacks pin nothing)", () => {
        assertClean(analyze(allowedAccounts, PROVIDER, { region: "eu-west-2" }, { provider: null }));
        assertClean(analyze(allowedAccounts, PROVIDER, pinned("444444444444"), { provider: null }));
    });

    it("holds in a preview: the ids of peered VPCs are unknown, pins and owners are not", () => {
        const pcx = { vpcId: UNKNOWN, peerVpcId: UNKNOWN, peerOwnerId: "444444444444" };
        assertOne(analyze(allowedAccounts, PCX, pcx, { config: ALLOWED }), /peerOwnerId names account 444444444444/);
    });
});

/** A spoke in WORKLOAD peering with the hub in NETWORK, accepted by NETWORK; a hub zone authorised for and associated with the spoke VPC. */
function stack(): AccountsFixture {
    return new AccountsFixture()
        .add(VPC, "hub", { cidrBlock: "10.0.0.0/16", tags: { "landing-zone:role": "hub" } }, NETWORK)
        .add(VPC, "spoke", { cidrBlock: "10.16.0.0/20", tags: { "landing-zone:role": "spoke" } }, WORKLOAD)
        .add(
            PCX,
            "pcx",
            { vpcId: { ref: "spoke" }, peerVpcId: { ref: "hub" }, peerOwnerId: NETWORK, peerRegion: "eu-west-2", autoAccept: false },
            WORKLOAD,
        )
        .add(ACCEPTER, "pcx-accepter", { vpcPeeringConnectionId: { ref: "pcx" }, autoAccept: true }, NETWORK)
        .add(ZONE, "zone", { name: "ssm.eu-west-2.amazonaws.com", vpcs: [{ vpcId: { ref: "hub" } }] }, NETWORK)
        .add(AUTH, "auth", { zoneId: { ref: "zone" }, vpcId: { ref: "spoke" }, vpcRegion: "eu-west-1" }, NETWORK)
        .add(ASSOC, "assoc", { zoneId: { ref: "zone" }, vpcId: { ref: "spoke" }, vpcRegion: "eu-west-1" }, WORKLOAD, ["auth"]);
}

describe("policies/cross-account-peering-accepted", () => {
    it("is mandatory", () => assertIdentity(crossAccountPeeringAccepted, "cross-account-peering-accepted", "mandatory"));

    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`accepts a request accepted in the peer's account (${mode})`, () =>
            assertClean(analyzeStack(crossAccountPeeringAccepted, stack().build({ preview }))));

        it(`rejects a cross-account request without an accepter (${mode})`, () =>
            assertOne(
                analyzeStack(crossAccountPeeringAccepted, stack().remove("pcx-accepter").build({ preview })),
                /asks account 111111111111 \(peerOwnerId\) but has no accepter/,
                "pcx",
            ));

        it(`rejects an accepter made in the requester's account (${mode})`, () =>
            assertOne(
                analyzeStack(
                    crossAccountPeeringAccepted,
                    stack()
                        .patch("pcx-accepter", (s) => (s.account = WORKLOAD))
                        .build({ preview }),
                ),
                /its accepter pcx-accepter \(222222222222\) is not made in that account/,
            ));
    }

    it("leaves requests of an unpinned provider alone, whatever peerOwnerId AWS reports (single-account stacks)", () =>
        assertClean(
            analyzeStack(
                crossAccountPeeringAccepted,
                stack()
                    .patch("pcx", (s) => (s.account = undefined))
                    .patch("pcx-accepter", (s) => (s.account = undefined))
                    .build(),
            ),
        ));

    it("leaves same-account requests (no peerOwnerId) alone", () =>
        assertClean(
            analyzeStack(
                crossAccountPeeringAccepted,
                stack()
                    .remove("pcx-accepter")
                    .patch("pcx", (s) => delete s.props.peerOwnerId)
                    .build(),
            ),
        ));
});

describe("policies/cross-account-zone-association-authorized", () => {
    it("is mandatory", () =>
        assertIdentity(crossAccountZoneAssociationAuthorized, "cross-account-zone-association-authorized", "mandatory"));

    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`accepts an association that waits for the zone account's authorization (${mode})`, () =>
            assertClean(analyzeStack(crossAccountZoneAssociationAuthorized, stack().build({ preview }))));

        it(`rejects a cross-account association without an authorization (${mode})`, () =>
            assertOne(
                analyzeStack(
                    crossAccountZoneAssociationAuthorized,
                    stack()
                        .remove("auth")
                        .patch("assoc", (s) => {
                            s.props.zoneId = { ref: "zone" };
                            s.dependsOn = [];
                        })
                        .build({ preview }),
                ),
                /made by account 222222222222 with zone zone of account 111111111111, but does not wait for a VpcAssociationAuthorization/,
                "assoc",
            ));

        it(`rejects an authorization made by the VPC's account instead of the zone's (${mode})`, () =>
            assertOne(
                analyzeStack(
                    crossAccountZoneAssociationAuthorized,
                    stack()
                        .patch("auth", (s) => (s.account = WORKLOAD))
                        .build({ preview }),
                ),
                /does not wait for a VpcAssociationAuthorization/,
            ));
    }

    it("rejects an association of another account's VPC made by the zone's account (in a preview too)", () => {
        for (const preview of [false, true]) {
            assertOne(
                analyzeStack(
                    crossAccountZoneAssociationAuthorized,
                    stack()
                        .patch("assoc", (s) => (s.account = NETWORK))
                        .build({ preview }),
                ),
                /joins VPC spoke of account 222222222222 to zone zone of account 111111111111, but is made by 111111111111: only the VPC's account can make it/,
                "assoc",
            );
        }
    });

    it("leaves same-account associations alone", () =>
        assertClean(
            analyzeStack(
                crossAccountZoneAssociationAuthorized,
                stack()
                    .remove("auth")
                    .patch("assoc", (s) => (s.account = NETWORK))
                    .patch("spoke", (s) => (s.account = NETWORK))
                    .build(),
            ),
        ));
});

describe("policies/endpoint-policy-declared-accounts", () => {
    const doc = (accounts: string | string[]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AllowRequestsByAccountIdentities",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "*",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:PrincipalAccount": accounts } },
                },
            ],
        });
    const withEndpoint = (policy: string) =>
        stack().add(
            ENDPOINT,
            "hub-sts",
            { vpcId: { ref: "hub" }, serviceName: "com.amazonaws.eu-west-2.sts", vpcEndpointType: "Interface", policy },
            NETWORK,
        );

    it("is mandatory", () => assertIdentity(endpointPolicyDeclaredAccounts, "endpoint-policy-declared-accounts", "mandatory"));

    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`accepts a policy admitting every declared account (${mode})`, () =>
            assertClean(analyzeStack(endpointPolicyDeclaredAccounts, withEndpoint(doc([NETWORK, WORKLOAD])).build({ preview }))));

        it(`rejects a policy admitting the network account only: the workload account's calls would be denied (${mode})`, () =>
            assertOne(
                analyzeStack(endpointPolicyDeclaredAccounts, withEndpoint(doc(NETWORK)).build({ preview })),
                /not the stack's account\(s\) 222222222222/,
                "hub-sts",
            ));

        it(`rejects a policy admitting an undeclared account (${mode})`, () =>
            assertOne(
                analyzeStack(endpointPolicyDeclaredAccounts, withEndpoint(doc([NETWORK, WORKLOAD, "444444444444"])).build({ preview })),
                /admits account\(s\) 444444444444, which the stack does not declare/,
            ));
    }

    const withSpokeEndpoint = (policy: string) =>
        stack().add(
            ENDPOINT,
            "spoke-s3",
            { vpcId: { ref: "spoke" }, serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Interface", policy },
            WORKLOAD,
        );

    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`accepts a workload account's own endpoint scoped to that account alone (${mode})`, () =>
            assertClean(analyzeStack(endpointPolicyDeclaredAccounts, withSpokeEndpoint(doc(WORKLOAD)).build({ preview }))));

        it(`rejects a workload account's endpoint that leaves out its own account (${mode})`, () =>
            assertOne(
                analyzeStack(endpointPolicyDeclaredAccounts, withSpokeEndpoint(doc(NETWORK)).build({ preview })),
                /but not 222222222222, the account the endpoint is in/,
                "spoke-s3",
            ));

        it(`rejects a workload account's endpoint admitting an undeclared account (${mode})`, () =>
            assertOne(
                analyzeStack(endpointPolicyDeclaredAccounts, withSpokeEndpoint(doc([WORKLOAD, "444444444444"])).build({ preview })),
                /admits account\(s\) 444444444444, which the stack does not declare/,
            ));
    }

    it("keeps the full list on an endpoint whose VPC's role the pack cannot tell", () =>
        assertOne(
            analyzeStack(
                endpointPolicyDeclaredAccounts,
                stack()
                    .add(VPC, "other", { cidrBlock: "10.32.0.0/20" }, WORKLOAD)
                    .add(
                        ENDPOINT,
                        "other-sts",
                        {
                            vpcId: { ref: "other" },
                            serviceName: "com.amazonaws.eu-west-1.sts",
                            vpcEndpointType: "Interface",
                            policy: doc(WORKLOAD),
                        },
                        WORKLOAD,
                    )
                    .build(),
            ),
            /a centralised endpoint every account calls through, admits 222222222222 but not the stack's account\(s\) 111111111111/,
            "other-sts",
        ));

    it("accepts a policy scoped to the organisation", () => {
        const org = JSON.stringify({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "*",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
                },
            ],
        });
        assertClean(analyzeStack(endpointPolicyDeclaredAccounts, withEndpoint(org).build()));
    });

    it("does not apply to a stack with an unpinned provider (single-account)", () => {
        const f = withEndpoint(doc(NETWORK)).add(VPC, "other", { cidrBlock: "10.1.0.0/16" }, undefined);
        assertClean(analyzeStack(endpointPolicyDeclaredAccounts, f.build()));
    });
});
