import { tgwPeeringStaticRoutesOnly as policy } from "../../../policy-pack/policies/tgw-peering-static-routes-only";
import { HUB_REGION, REMOTE_REGION, T, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";

describe("policies/tgw-peering-static-routes-only", () => {
    it("is mandatory", () => assertIdentity(policy, "tgw-peering-static-routes-only", "mandatory"));

    it("accepts static routes on both sides and propagation of VPC attachments only", () => {
        const { update, preview } = bothModes(policy, tgwStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports a propagation of the peering attachment (preview and update)", () => {
        const f = tgwStack();
        f.add(
            T.tgwPropagation,
            "prop-peering",
            { transitGatewayAttachmentId: f.ref("tgw-peering"), transitGatewayRouteTableId: f.ref(`tgw-${HUB_REGION}-hub`) },
            HUB_REGION,
        );
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /Propagation prop-peering uses peering attachment tgw-peering/, "prop-peering");
        }
    });

    it("reports a propagation through the accepter's attachment id", () => {
        const f = tgwStack();
        f.add(
            T.tgwPropagation,
            "prop-remote",
            {
                transitGatewayAttachmentId: f.ref("tgw-peering-accepter", "transitGatewayAttachmentId"),
                transitGatewayRouteTableId: f.ref(`tgw-${REMOTE_REGION}-spokes`),
            },
            REMOTE_REGION,
        );
        assertOne(bothModes(policy, f).preview, /prop-remote uses peering attachment tgw-peering-accepter/);
    });

    it("reports a side without a static route over the peering", () => {
        const f = tgwStack().remove("tgw-route-remote-to-hub");
        assertOne(bothModes(policy, f).preview, /tgw-peering has no static route on transit gateway tgw-eu-west-1/, "tgw-peering");
    });
});
