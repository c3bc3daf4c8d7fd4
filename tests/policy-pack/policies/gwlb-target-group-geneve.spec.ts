import { gwlbTargetGroupGeneve as policy } from "../../../policy-pack/policies/gwlb-target-group-geneve";
import { HUB_REGION, peeringStack, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes, UNKNOWN } from "../helpers";
import { inspectionStack, TI } from "../inspection-fixtures";

describe("policies/gwlb-target-group-geneve", () => {
    it("is mandatory", () => assertIdentity(policy, "gwlb-target-group-geneve", "mandatory"));

    it("is vacuous for stacks without a Gateway Load Balancer (the NLB endpoint service's target groups are not judged)", () => {
        for (const f of [peeringStack(), tgwStack(), inspectionStack("network-firewall")]) {
            assertClean(bothModes(policy, f).preview);
        }
    });

    it("accepts a GENEVE 6081 target group with a TCP health check (update and preview)", () => {
        const { update, preview } = bothModes(policy, inspectionStack());
        assertClean(update);
        assertClean(preview);
    });

    it("accepts a target group without a healthCheck block: AWS's default health check is on", () => {
        assertClean(bothModes(policy, inspectionStack().patch("inspection-tg", { healthCheck: undefined })).preview);
    });

    it("reports a GWLB target group on another protocol, found through the listener (update and preview)", () => {
        const f = inspectionStack().patch("inspection-tg", { protocol: "TCP", port: 6081 });
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /^Target group inspection-tg of a Gateway Load Balancer uses TCP on port 6081, which AWS rejects; use protocol GENEVE on port 6081/,
                "inspection-tg",
            );
        }
    });

    it("reports a GENEVE target group on another port, even without a listener", () => {
        const f = inspectionStack().remove("inspection-listener").patch("inspection-tg", { port: 6082 });
        assertOne(bothModes(policy, f).preview, /uses GENEVE on port 6082/, "inspection-tg");
    });

    it("reports disabled health checks", () => {
        const f = inspectionStack().patch("inspection-tg", { healthCheck: { enabled: false } });
        assertOne(bothModes(policy, f).preview, /has health checks disabled, so flows keep going to failed appliances/, "inspection-tg");
    });

    it("reports a health-check protocol GWLB does not support", () => {
        const f = inspectionStack().patch("inspection-tg", { healthCheck: { enabled: true, protocol: "UDP" } });
        assertOne(bothModes(policy, f).preview, /health-checks over UDP/, "inspection-tg");
    });

    it("does not judge a protocol computed in the preview", () => {
        const f = inspectionStack().patch("inspection-tg", { protocol: UNKNOWN });
        assertClean(bothModes(policy, f).update);
    });

    it("follows forward actions of a second GWLB listener to its target group", () => {
        const f = inspectionStack();
        f.add(TI.targetGroup, "inspection-tg-2", { protocol: "TCP", port: 80, vpcId: f.ref("inspection") }, HUB_REGION);
        f.patch("inspection-listener", { defaultActions: [{ type: "forward", targetGroupArn: f.ref("inspection-tg-2", "arn") }] });
        assertOne(bothModes(policy, f).preview, /inspection-tg-2 .* uses TCP on port 80/, "inspection-tg-2");
    });
});
