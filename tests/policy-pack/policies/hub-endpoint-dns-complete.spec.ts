import * as assert from "assert";
import { hubEndpointDnsComplete as policy } from "../../../policy-pack/policies/hub-endpoint-dns-complete";
import { addHandAddedSpoke, HAND_ADDED, HUB_REGION, peeringStack, T, tgwStack, untag } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";
import { inspectionStack } from "../inspection-fixtures";

describe("policies/hub-endpoint-dns-complete", () => {
    it("is mandatory", () => assertIdentity(policy, "hub-endpoint-dns-complete", "mandatory"));

    it("accepts zones with alias records associated with the hub and every spoke", () => {
        const { update, preview } = bothModes(policy, peeringStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports a spoke missing a zone association, although every id is unknown (preview)", () => {
        const f = peeringStack().remove("analytics-zone-ssm");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /Zone zone-ssm is not associated with spoke VPC analytics/, "zone-ssm");
        }
    });

    it("reports a hand-added spoke WITHOUT the role tag, peered with or attached to the hub, that misses a zone association", () => {
        for (const [via, build] of [
            ["peering", peeringStack],
            ["tgw", tgwStack],
        ] as const) {
            const f = addHandAddedSpoke(build(), via).remove(`${HAND_ADDED.name}-zone-ssm`);
            for (const o of Object.values(bothModes(policy, f))) {
                assertOne(
                    o,
                    new RegExp(`Zone zone-ssm is not associated with spoke VPC ${HAND_ADDED.name}; add a route53\\.ZoneAssociation`),
                    "zone-ssm",
                );
            }
            assertClean(bothModes(policy, addHandAddedSpoke(build(), via)).preview);
        }
    });

    it("finds an untagged hub by its centralised endpoints", () => {
        const f = untag(peeringStack(), "hub").remove("payments-zone-ec2");
        assertOne(bothModes(policy, f).preview, /Zone zone-ec2 is not associated with spoke VPC payments/);
    });

    it("accepts an association made through the zone's own vpcs", () => {
        const f = peeringStack().remove("analytics-zone-ssm");
        f.patch("zone-ssm", {
            vpcs: [
                { vpcId: f.ref("hub"), vpcRegion: HUB_REGION },
                { vpcId: f.ref("analytics"), vpcRegion: "eu-west-1" },
            ],
        });
        assertClean(bothModes(policy, f).preview);
    });

    it("reports a hub endpoint without an alias record", () => {
        const f = peeringStack().remove("record-ec2");
        assertOne(bothModes(policy, f).preview, /hub-ec2 \(ec2\) has no alias A record/, "hub-ec2");
    });

    it("does not count a record whose alias targets another endpoint", () => {
        const f = peeringStack().patch("record-ec2", {
            aliases: [{ name: peeringStack().ref("hub-ssm", "dnsName"), zoneId: "Z", evaluateTargetHealth: true }],
        });
        const { preview } = bothModes(policy, f);
        assert.ok(preview.violations.some((v) => /hub-ec2 \(ec2\) has no alias A record/.test(v.message)));
    });

    it("reports a zone named differently from the service's private DNS name", () => {
        const f = peeringStack()
            .patch("zone-ecr-api", { name: "ecr.api.eu-west-2.amazonaws.com" })
            .patch("record-ecr-api", { name: "ecr.api.eu-west-2.amazonaws.com" });
        assertOne(
            bothModes(policy, f).preview,
            /zone-ecr-api is named ecr\.api\.eu-west-2\.amazonaws\.com; clients of ecr\.api resolve api\.ecr\.eu-west-2\.amazonaws\.com/,
        );
    });

    it("reports a missing wildcard record for ECR Docker", () => {
        const f = peeringStack().remove("record-ecr-dkr-wildcard");
        assertOne(bothModes(policy, f).preview, /zone-ecr-dkr has no wildcard/);
    });

    it("reports a missing apex record (only a wildcard)", () => {
        const f = peeringStack().remove("record-ecr-dkr");
        assertOne(bothModes(policy, f).preview, /zone-ecr-dkr has no apex alias record/);
    });

    it("reports a public zone", () => {
        const f = peeringStack().patch("zone-ssm", { vpcs: undefined });
        assertOne(bothModes(policy, f).preview, /zone-ssm has no VPC: it is a public hosted zone/);
    });

    it("reports a zone over DynamoDB, which publishes no private DNS name", () => {
        const f = peeringStack();
        f.add(
            T.zone,
            "zone-dynamodb",
            { name: `dynamodb.${HUB_REGION}.amazonaws.com`, vpcs: [{ vpcId: f.ref("hub"), vpcRegion: HUB_REGION }] },
            HUB_REGION,
        );
        f.add(
            T.record,
            "record-dynamodb",
            {
                zoneId: f.ref("zone-dynamodb", "zoneId"),
                name: `dynamodb.${HUB_REGION}.amazonaws.com`,
                type: "A",
                aliases: [{ name: f.ref("hub-dynamodb", "dnsName"), zoneId: "Z", evaluateTargetHealth: true }],
            },
            HUB_REGION,
        );
        assertOne(bothModes(policy, f).preview, /zone-dynamodb overrides dynamodb/);
    });

    it("reports an association naming the wrong region for its VPC", () => {
        const f = peeringStack().patch("payments-zone-ec2", { vpcRegion: HUB_REGION });
        assertOne(bothModes(policy, f).preview, /payments-zone-ec2 names region eu-west-2 for VPC payments in eu-west-1/);
    });

    it("takes zone-name prefixes from config", () => {
        const { preview } = bothModes(policy, peeringStack(), { zonePrefixes: {} });
        assert.strictEqual(preview.violations.length, 2); // api.ecr and dkr.ecr no longer expected
    });

    it("does not ask for the inspection VPC's association, and still reports a spoke's (inspection stacks, both modes)", () => {
        for (const engine of ["gwlb", "network-firewall"] as const) {
            for (const o of Object.values(bothModes(policy, inspectionStack(engine)))) {
                assertClean(o);
            }
            for (const o of Object.values(bothModes(policy, inspectionStack(engine).remove("local-zone-ssm")))) {
                assertOne(o, /Zone zone-ssm is not associated with spoke VPC local/, "zone-ssm");
            }
        }
    });
});
