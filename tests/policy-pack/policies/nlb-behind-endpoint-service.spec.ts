import { nlbBehindEndpointService as policy } from "../../../policy-pack/policies/nlb-behind-endpoint-service";
import { peeringStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";

describe("policies/nlb-behind-endpoint-service", () => {
    it("is advisory", () => assertIdentity(policy, "nlb-behind-endpoint-service", "advisory"));

    it("accepts an NLB referenced by an endpoint service", () => {
        const { update, preview } = bothModes(policy, peeringStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports an NLB no endpoint service publishes", () => {
        const f = peeringStack().patch("svc-service", { networkLoadBalancerArns: [] });
        assertOne(bothModes(policy, f).preview, /svc is not behind a VPC endpoint service/, "svc");
    });
});
