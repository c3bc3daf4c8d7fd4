import { quotaHeadroom as policy } from "../../../policy-pack/policies/quota-headroom";
import { peeringStack, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, assertSome, bothModes } from "../helpers";

describe("policies/quota-headroom", () => {
    it("is advisory", () => assertIdentity(policy, "quota-headroom", "advisory"));

    it("is quiet far below the default quotas", () => {
        for (const f of [peeringStack(), tgwStack()]) {
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        }
    });

    it("warns near a quota and says when it is exceeded (interface endpoints per VPC)", () => {
        // The hub has 6 interface endpoints.
        assertOne(
            bothModes(policy, peeringStack(), { interfaceEndpointsPerVpc: 7 }).preview,
            /hub has 6 interface endpoints, 86% of the quota of 7/,
            "hub",
        );
        assertOne(
            bothModes(policy, peeringStack(), { interfaceEndpointsPerVpc: 5 }).preview,
            /hub has 6 interface endpoints, above the quota of 5/,
        );
    });

    it("counts peerings per VPC, VPCs per zone, rules per group and routes per table", () => {
        assertOne(bothModes(policy, peeringStack(), { peeringsPerVpc: 3 }).preview, /hub has 3 peering connections, 100%/);
        assertSome(bothModes(policy, peeringStack(), { vpcsPerHostedZone: 4 }).preview, /zone-ssm has 4 associated VPCs, 100%/);
        assertOne(bothModes(policy, peeringStack(), { inboundRulesPerSecurityGroup: 3 }).preview, /hub-endpoints has 3 inbound rules/);
        assertSome(bothModes(policy, peeringStack(), { routesPerRouteTable: 3 }).preview, /hub-rt-a has 3 routes/);
    });

    it("counts peering attachments per transit gateway (quota key named as the program's quotas block)", () => {
        assertSome(
            bothModes(policy, tgwStack(), { peeringAttachmentsPerTransitGateway: 1 }).preview,
            /tgw-eu-west-2 has 1 peering attachments, 100% of the quota of 1; .*set quota-headroom\.peeringAttachmentsPerTransitGateway in the pack config/,
        );
    });

    it("still honours the deprecated key peeringAttachmentsPerTgw, unless the new key is set to another value", () => {
        assertSome(bothModes(policy, tgwStack(), { peeringAttachmentsPerTgw: 1 }).preview, /tgw-eu-west-2 has 1 peering attachments, 100%/);
        assertClean(bothModes(policy, tgwStack(), { peeringAttachmentsPerTgw: 1, peeringAttachmentsPerTransitGateway: 2 }).preview);
    });

    it("counts route tables per transit gateway", () => {
        // The hub region's TGW has three route tables (hub, spokes, peering).
        assertOne(
            bothModes(policy, tgwStack(), { routeTablesPerTransitGateway: 3 }).preview,
            /tgw-eu-west-2 has 3 route tables, 100% of the quota of 3; .*quota-headroom\.routeTablesPerTransitGateway/,
            "tgw-eu-west-2",
        );
        assertClean(bothModes(policy, tgwStack(), { routeTablesPerTransitGateway: 4, warnAtPercent: 100 }).update);
    });

    it("honours warnAtPercent", () => {
        assertClean(bothModes(policy, peeringStack(), { interfaceEndpointsPerVpc: 7, warnAtPercent: 90 }).preview);
    });
});
