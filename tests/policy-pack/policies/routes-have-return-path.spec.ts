import * as assert from "assert";
import { routesHaveReturnPath as policy } from "../../../policy-pack/policies/routes-have-return-path";
import { peeringStack, routeTables, T, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, assertSome, bothModes } from "../helpers";
import { inspectionStack } from "../inspection-fixtures";

describe("policies/routes-have-return-path", () => {
    it("is mandatory", () => assertIdentity(policy, "routes-have-return-path", "mandatory"));

    it("accepts symmetric peering and TGW routing (aggregates included)", () => {
        for (const f of [peeringStack(), tgwStack()]) {
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        }
    });

    it("reports spoke routes to the hub when the hub has no route back over that peering (preview and update)", () => {
        const f = peeringStack();
        for (const rt of routeTables("hub")) {
            f.remove(`peering-payments-to-spoke-${rt}`);
        }
        for (const o of Object.values(bothModes(policy, f))) {
            assert.strictEqual(o.violations.length, 2, JSON.stringify(o.violations));
            assertSome(
                o,
                /Route peering-payments-to-hub-payments-rt-a \(10\.0\.0\.0\/16\) has no return route: VPC hub has no route to 10\.16\.0\.0\/20 over peering peering-payments/,
            );
            assert.strictEqual(o.deferred, undefined);
        }
    });

    it("does not accept a return route over a different peering connection", () => {
        const f = peeringStack();
        for (const rt of routeTables("hub")) {
            f.patch(`peering-payments-to-spoke-${rt}`, { vpcPeeringConnectionId: f.ref("peering-analytics") });
        }
        const { preview } = bothModes(policy, f);
        assertSome(preview, /VPC hub has no route to 10\.16\.0\.0\/20 over peering peering-payments/);
        assertSome(preview, /uses peering peering-analytics, which does not connect|does not cover peer VPC analytics/);
    });

    it("reports a peering route that does not reach the peer VPC", () => {
        const f = peeringStack().patch("peering-payments-to-spoke-hub-rt-a", { destinationCidrBlock: "10.99.0.0/16" });
        assertOne(bothModes(policy, f).preview, /does not cover peer VPC payments/, "peering-payments-to-spoke-hub-rt-a");
    });

    it("reports a route over a peering connection that does not connect its VPC", () => {
        const f = peeringStack();
        f.add(
            T.route,
            "wrong-pcx",
            {
                routeTableId: f.ref("analytics-rt-a"),
                destinationCidrBlock: "10.0.0.0/16",
                vpcPeeringConnectionId: f.ref("peering-payments"),
            },
            "eu-west-1",
        );
        assertOne(bothModes(policy, f).preview, /wrong-pcx.*does not connect VPC analytics/, "wrong-pcx");
    });

    it("accepts an accepter-referenced connection and an inline return route", () => {
        const f = peeringStack();
        for (const rt of routeTables("hub")) {
            f.remove(`peering-payments-to-spoke-${rt}`);
        }
        f.patch("hub-rt-a", { routes: [{ cidrBlock: "10.16.0.0/12", vpcPeeringConnectionId: f.ref("peering-payments-accepter") }] });
        assertClean(bothModes(policy, f).preview);
    });

    it("reports hub routes to a spoke region's aggregate when a spoke there has no TGW route back", () => {
        const f = tgwStack();
        for (const rt of routeTables("payments")) {
            f.remove(`payments-to-hub-${rt}`);
        }
        for (const o of Object.values(bothModes(policy, f))) {
            assert.strictEqual(o.violations.length, 2, JSON.stringify(o.violations));
            assertSome(
                o,
                /Route hub-to-eu-west-1-hub-rt-a \(10\.16\.0\.0\/12\) has no return route: VPC payments has no route to 10\.0\.0\.0\/16 over a transit gateway/,
            );
        }
    });

    it("ignores TGW routes to CIDRs outside the stack", () => {
        const f = tgwStack();
        f.add(
            T.route,
            "to-on-prem",
            { routeTableId: f.ref("hub-rt-a"), destinationCidrBlock: "192.168.0.0/16", transitGatewayId: f.ref("tgw-eu-west-2") },
            "eu-west-2",
        );
        assertClean(bothModes(policy, f).preview);
    });

    it("does not ask VPCs for a route back to the inspection VPC, whose routes carry other VPCs' flows (both modes)", () => {
        for (const engine of ["gwlb", "network-firewall"] as const) {
            for (const o of Object.values(bothModes(policy, inspectionStack(engine)))) {
                assertClean(o);
            }
        }
    });

    it("still reports a missing return route of a spoke in an inspection stack, and one towards the inspection VPC", () => {
        const f = inspectionStack("gwlb");
        for (const rt of routeTables("local")) {
            f.remove(`local-to-hub-${rt}`);
        }
        for (const o of Object.values(bothModes(policy, f))) {
            assertSome(
                o,
                /Route hub-to-eu-west-2-hub-rt-a \(10\.32\.0\.0\/12\) has no return route: VPC local has no route to 10\.0\.0\.0\/16/,
            );
        }
        const g = inspectionStack("gwlb");
        g.add(
            T.route,
            "local-to-inspection",
            { routeTableId: g.ref("local-rt-a"), destinationCidrBlock: "10.1.0.0/16", transitGatewayId: g.ref("tgw-eu-west-2") },
            "eu-west-2",
        );
        for (const az of ["a", "b"]) {
            g.remove(`inspection-endpoint-rt-${az}-10.0.0.0/8`);
        }
        for (const o of Object.values(bothModes(policy, g))) {
            assertOne(
                o,
                /Route local-to-inspection \(10\.1\.0\.0\/16\) has no return route: VPC inspection has no route to 10\.32\.0\.0\/20/,
            );
        }
    });
});
