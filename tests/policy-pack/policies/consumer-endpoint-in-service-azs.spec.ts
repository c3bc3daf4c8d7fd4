import { consumerEndpointInServiceAzs as policy } from "../../../policy-pack/policies/consumer-endpoint-in-service-azs";
import { azId, HUB_REGION, peeringStack, REMOTE_REGION } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes, UNKNOWN } from "../helpers";

describe("policies/consumer-endpoint-in-service-azs", () => {
    it("is mandatory", () => assertIdentity(policy, "consumer-endpoint-in-service-azs", "mandatory"));

    it("accepts a same-region consumer in the NLB's AZs", () => {
        const { update, preview } = bothModes(policy, peeringStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports a consumer subnet in an AZ the NLB does not serve (preview: service name and ids unknown)", () => {
        const f = peeringStack().patch("local-endpoint-b", { availabilityZone: `${HUB_REGION}c` });
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /svc-local uses subnet local-endpoint-b in eu-west-2c, which the NLB\(s\) svc of svc-service do not serve/,
                "svc-local",
            );
        }
    });

    it("compares AZ IDs when both sides know them (names differ per account)", () => {
        const f = peeringStack();
        for (const s of ["hub-endpoint-a", "hub-endpoint-b"]) {
            f.patch(s, { availabilityZoneId: azId(HUB_REGION, s.slice(-1)) });
        }
        // Same physical zones, other names (as another account would see them).
        f.patch("local-endpoint-a", { availabilityZone: `${HUB_REGION}c`, availabilityZoneId: azId(HUB_REGION, "a") });
        f.patch("local-endpoint-b", { availabilityZone: `${HUB_REGION}a`, availabilityZoneId: azId(HUB_REGION, "b") });
        assertClean(bothModes(policy, f).preview);
        f.patch("local-endpoint-b", { availabilityZoneId: azId(HUB_REGION, "c") });
        assertOne(bothModes(policy, f).preview, /local-endpoint-b in euw2-az1/);
    });

    it("exempts cross-region consumers", () => {
        const f = peeringStack()
            .patch("local-endpoint-b", { availabilityZone: `${HUB_REGION}c` })
            .patch("svc-local", { serviceRegion: REMOTE_REGION });
        assertClean(bothModes(policy, f).preview);
    });

    it("does not judge an endpoint whose subnet list is computed as a whole", () => {
        const f = peeringStack()
            .patch("local-endpoint-b", { availabilityZone: `${HUB_REGION}c` })
            .patch("svc-local", { subnetIds: UNKNOWN });
        const { update, preview } = bothModes(policy, f);
        assertClean(preview);
        assertClean(update);
    });
});
