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
const ORG_ARN = `arn:aws:organizations::${NETWORK}:organization/o-a1b2c3d4e5`;

/** A TGW of NETWORK shared with WORKLOAD (an account principal), WORKLOAD's VPC attached and accepted by NETWORK. */
function stack(): AccountsFixture {
    return new AccountsFixture()
        .add(TGW, "tgw", { autoAcceptSharedAttachments: "disable" }, NETWORK)
        .add(VPC, "spoke", { cidrBlock: "10.16.0.0/20" }, WORKLOAD)
        .add(SHARE, "share", { allowExternalPrincipals: false }, NETWORK)
        .add(RESOURCE, "share-tgw", { resourceShareArn: { ref: "share" }, resourceArn: { ref: "tgw" } }, NETWORK)
        .add(PRINCIPAL, "share-workload", { resourceShareArn: { ref: "share" }, principal: WORKLOAD }, NETWORK, ["share-tgw"])
        .add(ATTACHMENT, "attachment", { transitGatewayId: { ref: "tgw" }, vpcId: { ref: "spoke" } }, WORKLOAD, ["share-workload"])
        .add(ACCEPTER, "accepter", { transitGatewayAttachmentId: { ref: "attachment" } }, NETWORK);
}

describe("policies/tgw-shared-attachment-accepted", () => {
    it("is mandatory", () => assertIdentity(tgwSharedAttachmentAccepted, "tgw-shared-attachment-accepted", "mandatory"));

    for (const preview of [false, true]) {
        const mode = preview ? "in a preview" : "in an update";
        it(`accepts an attachment shared with its account and accepted by the TGW's account (${mode})`, () =>
            assertClean(analyzeStack(tgwSharedAttachmentAccepted, stack().build({ preview }))));

        it(`accepts a share to the organisation instead of the account (${mode})`, () =>
            assertClean(
                analyzeStack(
                    tgwSharedAttachmentAccepted,
                    stack()
                        .patch("share-workload", (s) => (s.props.principal = ORG_ARN))
                        .build({ preview }),
                ),
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
                /but not with account 222222222222 of attachment attachment/,
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
