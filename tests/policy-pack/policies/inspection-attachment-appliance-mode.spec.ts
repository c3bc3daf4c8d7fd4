import { inspectionAttachmentApplianceMode as policy } from "../../../policy-pack/policies/inspection-attachment-appliance-mode";
import { peeringStack, T, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes, UNKNOWN } from "../helpers";
import { inspectionStack } from "../inspection-fixtures";

describe("policies/inspection-attachment-appliance-mode", () => {
    it("is mandatory", () => assertIdentity(policy, "inspection-attachment-appliance-mode", "mandatory"));

    it("is vacuous for stacks without an inspection VPC (peering and transit gateway)", () => {
        for (const f of [peeringStack(), tgwStack()]) {
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        }
    });

    for (const engine of ["gwlb", "network-firewall"] as const) {
        it(`accepts the ${engine} inspection VPC's attachment with appliance mode enabled (update and preview)`, () => {
            const { update, preview } = bothModes(policy, inspectionStack(engine));
            assertClean(update);
            assertClean(preview);
        });

        it(`reports the ${engine} inspection VPC's attachment with appliance mode disabled (update and preview)`, () => {
            const f = inspectionStack(engine).patch("attach-inspection", { applianceModeSupport: "disable" });
            for (const o of Object.values(bothModes(policy, f))) {
                assertOne(
                    o,
                    /attach-inspection of inspection VPC inspection has appliance mode disable.*applianceModeSupport: "enable"/,
                    "attach-inspection",
                );
            }
        });
    }

    it("reports an attachment that leaves appliance mode unset (the provider's default is disable)", () => {
        const f = inspectionStack().patch("attach-inspection", { applianceModeSupport: undefined });
        assertOne(bothModes(policy, f).preview, /appliance mode off \(unset\)/, "attach-inspection");
    });

    it("identifies the inspection VPC by its GWLB endpoints, not by tags: an untagged inspection VPC is still checked", () => {
        const f = inspectionStack().patch("inspection", { tags: {} }).patch("attach-inspection", { applianceModeSupport: "disable" });
        assertOne(bothModes(policy, f).preview, /inspection VPC inspection/);
    });

    it("does not treat a VPC whose endpoints are not of type GatewayLoadBalancer as an inspection VPC", () => {
        const f = inspectionStack().patch("attach-inspection", { applianceModeSupport: "disable" });
        for (const az of ["a", "b"]) {
            f.patch(`inspection-gwlbe-${az}`, { vpcEndpointType: "Interface" });
        }
        assertClean(bothModes(policy, f).preview);
    });

    it("does not require appliance mode of spoke attachments", () => {
        const f = inspectionStack().patch("attach-payments", { applianceModeSupport: "disable" });
        assertClean(bothModes(policy, f).preview);
    });

    it("does not judge a flag computed in the preview", () => {
        const f = inspectionStack().patch("attach-inspection", { applianceModeSupport: UNKNOWN });
        assertClean(bothModes(policy, f).update);
    });

    it("checks every attachment of the inspection VPC (a second TGW's attachment too)", () => {
        const f = inspectionStack();
        f.add(
            T.tgwAttachment,
            "attach-inspection-2",
            { transitGatewayId: f.ref("tgw-eu-west-2"), vpcId: f.ref("inspection"), subnetIds: [f.ref("inspection-tgw-a")] },
            "eu-west-2",
        );
        assertOne(bothModes(policy, f).preview, /attach-inspection-2/, "attach-inspection-2");
    });
});
