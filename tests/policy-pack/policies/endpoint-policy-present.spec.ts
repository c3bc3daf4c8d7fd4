import { endpointPolicyPresent as policy } from "../../../policy-pack/policies/endpoint-policy-present";
import { ACCOUNT_POLICY, peeringStack, T } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes, UNKNOWN } from "../helpers";

describe("policies/endpoint-policy-present", () => {
    it("is mandatory", () => assertIdentity(policy, "endpoint-policy-present", "mandatory"));

    it("accepts policies on every endpoint except the exempt services (ssmmessages here)", () => {
        const { update, preview } = bothModes(policy, peeringStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports an interface endpoint without a policy", () => {
        const f = peeringStack().patch("hub-ssm", { policy: undefined });
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /hub-ssm \(com\.amazonaws\.eu-west-2\.ssm\) has no endpoint policy/, "hub-ssm");
        }
    });

    it("reports a gateway endpoint without a policy", () => {
        const f = peeringStack().patch("payments-gw-s3", { policy: undefined });
        assertOne(bothModes(policy, f).preview, /payments-gw-s3/);
    });

    it("accepts a standalone VpcEndpointPolicy linked by property dependency", () => {
        const f = peeringStack().patch("hub-ssm", { policy: undefined });
        f.add(T.endpointPolicy, "hub-ssm-policy", { vpcEndpointId: f.ref("hub-ssm"), policy: ACCOUNT_POLICY }, "eu-west-2");
        assertClean(bothModes(policy, f).preview);
    });

    it("counts a policy whose text is unknown in a preview as present", () => {
        const f = peeringStack().patch("hub-ssm", { policy: UNKNOWN });
        assertClean(bothModes(policy, f).preview);
    });

    it("takes the exemption list from config", () => {
        const { preview } = bothModes(policy, peeringStack(), { servicesWithoutPolicySupport: [] });
        assertOne(preview, /hub-ssmmessages/);
    });

    it("ignores endpoints to endpoint services", () => assertClean(bothModes(policy, peeringStack()).preview));
});
