import { tgwAttachmentsExplicitAssociation as policy } from "../../../policy-pack/policies/tgw-attachments-explicit-association";
import { HUB_REGION, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";

describe("policies/tgw-attachments-explicit-association", () => {
    it("is mandatory", () => assertIdentity(policy, "tgw-attachments-explicit-association", "mandatory"));

    it("accepts every VPC attachment and both sides of the peering associated", () => {
        const { update, preview } = bothModes(policy, tgwStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports an unassociated VPC attachment (preview and update)", () => {
        const f = tgwStack().remove("assoc-payments");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /attach-payments is not associated with any TGW route table/, "attach-payments");
        }
    });

    it("reports a peering attachment associated on the requester side only", () => {
        const f = tgwStack().remove("assoc-peering-remote-side");
        assertOne(
            bothModes(policy, f).preview,
            /tgw-peering has no route table association on transit gateway tgw-eu-west-1/,
            "tgw-peering",
        );
    });

    it("reports an association with a route table of another transit gateway", () => {
        const f = tgwStack().patch("assoc-payments", { transitGatewayRouteTableId: tgwStack().ref(`tgw-${HUB_REGION}-spokes`) });
        assertOne(bothModes(policy, f).preview, /attach-payments has no route table association on transit gateway tgw-eu-west-1/);
    });

    it("accepts a peering whose peer TGW is managed in another stack (literal id)", () => {
        const f = tgwStack().remove("assoc-peering-remote-side").patch("tgw-peering", { peerTransitGatewayId: "tgw-0123456789abcdef0" });
        assertClean(bothModes(policy, f).preview);
    });
});
