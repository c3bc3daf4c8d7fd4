import * as assert from "assert";
import { transitGatewayNoAutoAccept as policy } from "../../../policy-pack/policies/transit-gateway-no-auto-accept";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";

describe("policies/transit-gateway-no-auto-accept", () => {
    it("is mandatory", () => assertIdentity(policy, "transit-gateway-no-auto-accept", "mandatory"));
    it("accepts disable, explicit or default", () => {
        assertClean(analyze(policy, TGW, { autoAcceptSharedAttachments: "disable" }));
        assertClean(analyze(policy, TGW, {}));
    });
    it("rejects enable", () => assertOne(analyze(policy, TGW, { autoAcceptSharedAttachments: "enable" }), /"enable"/));
    it("defers a computed value", () =>
        assert.match(analyze(policy, TGW, { autoAcceptSharedAttachments: UNKNOWN }).deferred ?? "", /autoAccept/));
});
