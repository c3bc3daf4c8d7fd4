import { hubRequiredEndpoints as policy } from "../../../policy-pack/policies/hub-required-endpoints";
import { peeringStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";

describe("policies/hub-required-endpoints", () => {
    it("is mandatory", () => assertIdentity(policy, "hub-required-endpoints", "mandatory"));

    it("accepts a hub serving the default required services", () => {
        const { update, preview } = bothModes(policy, peeringStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports a missing required endpoint (preview and update)", () => {
        const f = peeringStack().remove("record-ecr-dkr").remove("record-ecr-dkr-wildcard").remove("hub-ecr-dkr");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /Hub VPC hub has no interface endpoint for: ecr\.dkr; add them to landing-zone:hub\.interfaceEndpoints/, "hub");
        }
    });

    it("takes the required list from config", () => {
        assertOne(bothModes(policy, peeringStack(), { requiredEndpoints: ["ssm", "kms", "logs"] }).preview, /for: kms, logs;/);
    });
});
