import { inspectionNoBypassRoute as policy } from "../../../policy-pack/policies/inspection-no-bypass-route";
import { HUB_REGION, peeringStack, T, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";
import { inspectionStack } from "../inspection-fixtures";

const TABLE = `tgw-${HUB_REGION}`;

describe("policies/inspection-no-bypass-route", () => {
    it("is mandatory", () => assertIdentity(policy, "inspection-no-bypass-route", "mandatory"));

    it("is vacuous for stacks without inspection, whatever their TGW routes", () => {
        for (const f of [peeringStack(), tgwStack()]) {
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        }
    });

    for (const engine of ["gwlb", "network-firewall"] as const) {
        it(`accepts pre-inspection tables that only send to inspection and a post-inspection table with propagations (${engine}, update and preview)`, () => {
            const { update, preview } = bothModes(policy, inspectionStack(engine));
            assertClean(update);
            assertClean(preview);
        });
    }

    it("reports a more specific static route that sends part of an inspected range elsewhere, naming the route (update and preview)", () => {
        const f = inspectionStack();
        f.add(
            T.tgwRoute,
            "tgw-route-spokes-to-hub-direct",
            {
                transitGatewayRouteTableId: f.ref(`${TABLE}-spokes`),
                destinationCidrBlock: "10.0.0.0/16",
                transitGatewayAttachmentId: f.ref("attach-hub"),
            },
            HUB_REGION,
        );
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /^Route tgw-route-spokes-to-hub-direct in TGW route table tgw-eu-west-2-spokes sends 10\.0\.0\.0\/16 to attach-hub, more specific than route tgw-route-spokes-to-inspection \(10\.0\.0\.0\/8\) to inspection, so that traffic bypasses inspection/,
                "tgw-route-spokes-to-hub-direct",
            );
        }
    });

    it("reports a propagation into a pre-inspection table: the propagated VPC CIDR is more specific than the inspected range", () => {
        const f = inspectionStack();
        f.add(
            T.tgwPropagation,
            "prop-local-into-hub",
            { transitGatewayAttachmentId: f.ref("attach-local"), transitGatewayRouteTableId: f.ref(`${TABLE}-hub`) },
            HUB_REGION,
        );
        assertOne(
            bothModes(policy, f).preview,
            /^Propagation prop-local-into-hub in TGW route table tgw-eu-west-2-hub sends 10\.32\.0\.0\/20 to attach-local, more specific than route tgw-route-hub-to-inspection \(10\.32\.0\.0\/12\)/,
            "prop-local-into-hub",
        );
    });

    it("accepts a blackhole route inside an inspected range (it drops, it does not bypass)", () => {
        const f = inspectionStack();
        f.add(
            T.tgwRoute,
            "tgw-route-blackhole",
            { transitGatewayRouteTableId: f.ref(`${TABLE}-spokes`), destinationCidrBlock: "10.99.0.0/16", blackhole: true },
            HUB_REGION,
        );
        assertClean(bothModes(policy, f).preview);
    });

    it("accepts more specific routes that also point at the inspection attachment", () => {
        const f = inspectionStack();
        f.add(
            T.tgwRoute,
            "tgw-route-spokes-hub-to-inspection",
            {
                transitGatewayRouteTableId: f.ref(`${TABLE}-spokes`),
                destinationCidrBlock: "10.0.0.0/16",
                transitGatewayAttachmentId: f.ref("attach-inspection"),
            },
            HUB_REGION,
        );
        assertClean(bothModes(policy, f).preview);
    });

    it("accepts a less specific or disjoint route elsewhere (only more specific routes win over inspection)", () => {
        const f = inspectionStack();
        f.add(
            T.tgwRoute,
            "tgw-route-hub-wide",
            {
                transitGatewayRouteTableId: f.ref(`${TABLE}-hub`),
                destinationCidrBlock: "10.0.0.0/8",
                transitGatewayAttachmentId: f.ref("tgw-peering"),
            },
            HUB_REGION,
        );
        assertClean(bothModes(policy, f).preview);
    });

    it("checks each table on its own: the post-inspection table may route the same ranges directly", () => {
        const f = inspectionStack();
        f.add(
            T.tgwRoute,
            "tgw-route-post-to-hub",
            {
                transitGatewayRouteTableId: f.ref(`${TABLE}-post-inspection`),
                destinationCidrBlock: "10.0.0.0/16",
                transitGatewayAttachmentId: f.ref("attach-hub"),
            },
            HUB_REGION,
        );
        assertClean(bothModes(policy, f).preview);
    });

    it("reports a bypass to an attachment outside the stack (a literal id)", () => {
        const f = inspectionStack();
        f.add(
            T.tgwRoute,
            "tgw-route-to-vpn",
            {
                transitGatewayRouteTableId: f.ref(`${TABLE}-spokes`),
                destinationCidrBlock: "10.200.0.0/16",
                transitGatewayAttachmentId: "tgw-attach-0123456789abcdef0",
            },
            HUB_REGION,
        );
        assertOne(bothModes(policy, f).preview, /tgw-route-to-vpn .* to an attachment outside this stack/, "tgw-route-to-vpn");
    });

    it("treats a Network Firewall attached natively to the TGW as the inspection target", () => {
        const f = tgwStack();
        f.add(
            "aws:networkfirewall/firewall:Firewall",
            "tgw-firewall",
            { transitGatewayId: f.ref(TABLE), firewallPolicyArn: "arn:aws:network-firewall:eu-west-2:123456789012:firewall-policy/p" },
            HUB_REGION,
        );
        f.add(
            T.tgwRoute,
            "tgw-route-spokes-to-firewall",
            {
                transitGatewayRouteTableId: f.ref(`${TABLE}-spokes`),
                destinationCidrBlock: "10.0.0.0/8",
                transitGatewayAttachmentId: f.ref("tgw-firewall", "firewallStatuses"),
            },
            HUB_REGION,
        );
        // tgwStack propagates the hub (10.0.0.0/16) into the spokes table: now a bypass of the firewall.
        assertOne(
            bothModes(policy, f).preview,
            /^Propagation prop-hub-to-spokes .* sends 10\.0\.0\.0\/16 to attach-hub, more specific than route tgw-route-spokes-to-firewall/,
            "prop-hub-to-spokes",
        );
    });
});
