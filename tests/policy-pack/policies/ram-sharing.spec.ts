/**
 * The transit-gateway sharing policies: tgw-shared-attachment-accepted (a VPC attachment of another
 * account to a TGW is accepted by the TGW's account and covered by a RAM share to that account or an
 * organisation) and ram-share-no-external-principals (inside an organisation a share is closed to
 * external principals). Each starts from a compliant fixture, changes one field per violation, and
 * holds in a preview (every id unknown).
 */
import { ramShareNoExternalPrincipals } from "../../../policy-pack/policies/ram-share-no-external-principals";
import { tgwSharedAttachmentAccepted } from "../../../policy-pack/policies/tgw-shared-attachment-accepted";
import { AccountsFixture, NETWORK, WORKLOAD } from "../accounts-fixture";
import { analyze, analyzeStack, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
const ACCEPTER = "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter";
const SHARE = "aws:ram/resourceShare:ResourceShare";
const RESOURCE = "aws:ram/resourceAssociation:ResourceAssociation";
const PRINCIPAL = "aws:ram/principalAssociation:PrincipalAssociation";
const VPC = "aws:ec2/vpc:Vpc";
const SHARE_ACCEPTER = "aws:ram/resourceShareAccepter:ResourceShareAccepter";
const ORG_ID = "o-a1b2c3d4e5";
const ORG_ARN = `arn:aws:organizations::${NETWORK}:organization/${ORG_ID}`;
const IN_ORG = { organizationId: ORG_ID };

/**
 * A TGW of NETWORK shared with WORKLOAD (an account principal, outside an organisation: WORKLOAD accepts
 * the invitation), WORKLOAD's VPC attached after the acceptance and accepted by NETWORK.
 */
function stack(): AccountsFixture {
    return new AccountsFixture()
        .add(TGW, "tgw", { autoAcceptSharedAttachments: "disable" }, NETWORK)
        .add(VPC, "spoke", { cidrBlock: "10.16.0.0/20" }, WORKLOAD)
        .add(SHARE, "share", { allowExternalPrincipals: true }, NETWORK)
        .add(RESOURCE, "share-tgw", { resourceShareArn: { ref: "share" }, resourceArn: { ref: "tgw" } }, NETWORK)
        .add(PRINCIPAL, "share-workload", { resourceShareArn: { ref: "share" }, principal: WORKLOAD }, NETWORK, ["share-tgw"])
        .add(SHARE_ACCEPTER, "share-accepter", { shareArn: { ref: "share" } }, WORKLOAD, ["share-workload"])
        .add(ATTACHMENT, "attachment", { transitGatewayId: { ref: "tgw" }, vpcId: { ref: "spoke" } }, WORKLOAD, [
            "share-workload",
            "share-accepter",
        ])
        .add(ACCEPTER, "accepter", { transitGatewayAttachmentId: { ref: "attachment" } }, NETWORK);
}

/** The same inside the organisation: the share goes to the organisation, no invitation to accept. */
function orgStack(): AccountsFixture {
    return stack()
        .patch("share", (s) => (s.props.allowExternalPrincipals = false))
        .patch("share-workload", (s) => (s.props.principal = ORG_ARN))
        .patch("attachment", (s) => (s.dependsOn = ["share-workload"]))
        .remove("share-accepter");
}

describe("policies/tgw-shared-attachment-accepted", () => {
    it("is mandatory", () => assertIdentity(tgwSharedAttachmentAccepted, "tgw-shared-attachment-accepted", "mandatory"));

    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`accepts an attachment shared with its account and accepted by the TGW's account (${mode})`, () =>
            assertClean(analyzeStack(tgwSharedAttachmentAccepted, stack().build({ preview }))));

        it(`accepts a share to the stack's organisation instead of the account (${mode})`, () =>
            assertClean(analyzeStack(tgwSharedAttachmentAccepted, orgStack().build({ preview }), IN_ORG)));

        it(`accepts a share to an OU of the stack's organisation (${mode})`, () =>
            assertClean(
                analyzeStack(
                    tgwSharedAttachmentAccepted,
                    orgStack()
                        .patch(
                            "share-workload",
                            (s) => (s.props.principal = `arn:aws:organizations::${NETWORK}:ou/${ORG_ID}/ou-ab12-cdef3456`),
                        )
                        .build({ preview }),
                    IN_ORG,
                ),
            ));

        it(`rejects a share to another organisation than the stack's (${mode})`, () =>
            assertOne(
                analyzeStack(
                    tgwSharedAttachmentAccepted,
                    orgStack()
                        .patch(
                            "share-workload",
                            (s) => (s.props.principal = `arn:aws:organizations::444444444444:organization/o-zzzzzzzzzz`),
                        )
                        .build({ preview }),
                    IN_ORG,
                ),
                /names organisation o-zzzzzzzzzz, not the stack's o-a1b2c3d4e5/,
                "attachment",
            ));

        it(`rejects an organisation share when the pack config names no organisation (${mode})`, () =>
            assertOne(
                analyzeStack(tgwSharedAttachmentAccepted, orgStack().build({ preview })),
                /names organisation o-a1b2c3d4e5, but tgw-shared-attachment-accepted\.organizationId in the pack config names none/,
            ));

        it(`rejects an account share whose invitation the attachment's account never accepts (${mode})`, () =>
            assertOne(
                analyzeStack(
                    tgwSharedAttachmentAccepted,
                    stack()
                        .remove("share-accepter")
                        .patch("attachment", (s) => (s.dependsOn = ["share-workload"]))
                        .build({ preview }),
                ),
                /no ResourceShareAccepter made with account 222222222222's provider accepts it before attachment/,
                "attachment",
            ));

        it(`rejects an invitation accepted by another account than the attachment's (${mode})`, () =>
            assertOne(
                analyzeStack(
                    tgwSharedAttachmentAccepted,
                    stack()
                        .patch("share-accepter", (s) => (s.account = NETWORK))
                        .build({ preview }),
                ),
                /no ResourceShareAccepter made with account 222222222222's provider/,
            ));

        it(`rejects an attachment that does not wait for the invitation's acceptance (${mode})`, () =>
            assertOne(
                analyzeStack(
                    tgwSharedAttachmentAccepted,
                    stack()
                        .patch("attachment", (s) => (s.dependsOn = ["share-workload"]))
                        .build({ preview }),
                ),
                /the attachment must depend on it/,
            ));

        it(`rejects a foreign attachment without an accepter (${mode})`, () =>
            assertOne(
                analyzeStack(tgwSharedAttachmentAccepted, stack().remove("accepter").build({ preview })),
                /Attachment attachment of account 222222222222 to transit gateway tgw of account 111111111111 has no accepter/,
                "attachment",
            ));

        it(`rejects an accepter made by the attachment's own account (${mode})`, () =>
            assertOne(
                analyzeStack(
                    tgwSharedAttachmentAccepted,
                    stack()
                        .patch("accepter", (s) => (s.account = WORKLOAD))
                        .build({ preview }),
                ),
                /is accepted by accepter \(222222222222\), not by the TGW's account 111111111111/,
            ));

        it(`rejects a TGW in no RAM share (${mode})`, () =>
            assertOne(
                analyzeStack(tgwSharedAttachmentAccepted, stack().remove("share-tgw").build({ preview })),
                /is in no RAM share/,
                "attachment",
            ));

        it(`rejects a share to another account than the attachment's (${mode})`, () =>
            assertOne(
                analyzeStack(
                    tgwSharedAttachmentAccepted,
                    stack()
                        .patch("share-workload", (s) => (s.props.principal = "444444444444"))
                        .build({ preview }),
                ),
                /but not usably with account 222222222222 of attachment attachment/,
            ));
    }

    it("leaves attachments of the TGW's own account alone (no share, no accepter needed)", () =>
        assertClean(
            analyzeStack(
                tgwSharedAttachmentAccepted,
                stack()
                    .patch("attachment", (s) => (s.account = NETWORK))
                    .remove("accepter")
                    .remove("share-tgw")
                    .build(),
            ),
        ));

    it("leaves attachments of unpinned providers alone (single-account stacks)", () =>
        assertClean(
            analyzeStack(
                tgwSharedAttachmentAccepted,
                stack()
                    .patch("attachment", (s) => (s.account = undefined))
                    .patch("tgw", (s) => (s.account = undefined))
                    .remove("accepter")
                    .build(),
            ),
        ));
});

describe("policies/ram-share-no-external-principals", () => {
    const ORG = { organizationId: "o-a1b2c3d4e5" };
    it("is mandatory", () => assertIdentity(ramShareNoExternalPrincipals, "ram-share-no-external-principals", "mandatory"));

    it("accepts a share closed to external principals inside an organisation", () =>
        assertClean(analyze(ramShareNoExternalPrincipals, SHARE, { name: "s", allowExternalPrincipals: false }, { config: ORG })));

    it("rejects a share open to external principals inside an organisation", () =>
        assertOne(
            analyze(ramShareNoExternalPrincipals, SHARE, { name: "s", allowExternalPrincipals: true }, { name: "tgw-share", config: ORG }),
            /Resource share tgw-share allows external principals \(true\) inside organisation o-a1b2c3d4e5/,
        ));

    it("rejects a share that leaves allowExternalPrincipals to RAM's default (true)", () =>
        assertOne(analyze(ramShareNoExternalPrincipals, SHARE, { name: "s" }, { config: ORG }), /RAM's default/));

    it("leaves a share alone outside an organisation (workload accounts are external principals there)", () =>
        assertClean(analyze(ramShareNoExternalPrincipals, SHARE, { name: "s", allowExternalPrincipals: true })));

    it("does not judge an unknown value in a preview", () =>
        assertClean(analyze(ramShareNoExternalPrincipals, SHARE, { name: "s", allowExternalPrincipals: UNKNOWN }, { config: ORG })));
});
