import * as assert from "assert";
import { transitGatewayExplicitRouteTables as policy } from "../../../policy-pack/policies/transit-gateway-explicit-route-tables";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const base = { defaultRouteTableAssociation: "disable", defaultRouteTablePropagation: "disable", autoAcceptSharedAttachments: "disable" };

describe("policies/transit-gateway-explicit-route-tables", () => {
    it("is mandatory", () => assertIdentity(policy, "transit-gateway-explicit-route-tables", "mandatory"));
    it("accepts both defaults disabled", () => assertClean(analyze(policy, TGW, base)));
    it("rejects default association left at its default (enable)", () =>
        assertOne(
            analyze(policy, TGW, { ...base, defaultRouteTableAssociation: undefined }),
            /defaultRouteTableAssociation is "enable \(default\)"/,
        ));
    it("rejects default propagation enabled", () =>
        assertOne(analyze(policy, TGW, { ...base, defaultRouteTablePropagation: "enable" }), /defaultRouteTablePropagation/));
    it("defers a computed value", () =>
        assert.match(analyze(policy, TGW, { ...base, defaultRouteTablePropagation: UNKNOWN }).deferred ?? "", /Propagation/));
});
