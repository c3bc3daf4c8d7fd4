import * as assert from "assert";
import { vpcFlowLogsEnabled as policy } from "../../../policy-pack/policies/vpc-flow-logs-enabled";
import { peeringStack, T } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";

describe("policies/vpc-flow-logs-enabled", () => {
    it("is mandatory", () => assertIdentity(policy, "vpc-flow-logs-enabled", "mandatory"));

    it("accepts a stack where every VPC has a flow log", () => {
        const { update, preview } = bothModes(policy, peeringStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports a VPC without a flow log, also when ids are unknown (preview)", () => {
        const f = peeringStack().remove("analytics-flow-logs");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /VPC analytics has no flow log/, "analytics");
        }
    });

    it("does not count a flow log of another VPC", () => {
        const f = peeringStack().patch("analytics-flow-logs", { vpcId: peeringStack().ref("payments") });
        assertOne(bothModes(policy, f).preview, /VPC analytics has no flow log/);
    });

    it("reports ACCEPT-only flow logs", () => {
        const f = peeringStack().patch("hub-flow-logs", { trafficType: "ACCEPT" });
        assertOne(bothModes(policy, f).preview, /only logs ACCEPT/);
    });

    it("links flow logs through property dependencies, not ids", () => {
        // Same id value, no dependency: not the VPC's flow log.
        const f = peeringStack().remove("hub-flow-logs");
        f.add(T.flowLog, "stray", { vpcId: "hub-id", trafficType: "ALL" }, "eu-west-2");
        assert.strictEqual(bothModes(policy, f).update.violations.length, 1);
    });
});
