import * as assert from "assert";
import { routeNoDefaultViaPeeringOrTgw as policy } from "../../../policy-pack/policies/route-no-default-via-peering-or-tgw";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const ROUTE = "aws:ec2/route:Route";
const RT = "aws:ec2/routeTable:RouteTable";

describe("policies/route-no-default-via-peering-or-tgw", () => {
    it("is mandatory", () => assertIdentity(policy, "route-no-default-via-peering-or-tgw", "mandatory"));

    it("accepts routes to the peer's CIDR, with ids unknown as in a preview", () => {
        assertClean(
            analyze(policy, ROUTE, { routeTableId: UNKNOWN, destinationCidrBlock: "10.0.0.0/16", vpcPeeringConnectionId: UNKNOWN }),
        );
        assertClean(analyze(policy, ROUTE, { routeTableId: UNKNOWN, destinationCidrBlock: "10.16.0.0/12", transitGatewayId: UNKNOWN }));
    });

    it("accepts a default route to something else (a NAT gateway)", () =>
        assertClean(analyze(policy, ROUTE, { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" })));

    it("rejects 0.0.0.0/0 to a peering connection whose id is unknown", () =>
        assertOne(
            analyze(policy, ROUTE, { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", vpcPeeringConnectionId: UNKNOWN }),
            /0\.0\.0\.0\/0 to a VPC peering/,
        ));

    it("rejects ::/0 to a transit gateway", () =>
        assertOne(
            analyze(policy, ROUTE, { routeTableId: "rtb-1", destinationIpv6CidrBlock: "::/0", transitGatewayId: "tgw-1" }),
            /::\/0 to a transit gateway/,
        ));

    it("checks inline routes of route tables", () => {
        const routes = [
            { cidrBlock: "10.0.0.0/16", vpcPeeringConnectionId: "pcx-1" },
            { cidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-1" },
        ];
        assertOne(analyze(policy, RT, { vpcId: "vpc-1", routes }), /Inline route 1 sends 0\.0\.0\.0\/0 to a transit gateway/);
    });

    it("defers a computed destination on a peering route", () => {
        const o = analyze(policy, ROUTE, { routeTableId: "rtb-1", destinationCidrBlock: UNKNOWN, vpcPeeringConnectionId: "pcx-1" });
        assert.deepStrictEqual(o.violations, []);
        assert.match(o.deferred ?? "", /destinationCidrBlock/);
    });
});
