/**
 * hub-endpoint-dns-complete and the hub's S3 zone beside S3 gateways: the zone s3.<hub-region>.amazonaws.com
 * answers every S3 name of the hub's Region, so a VPC of that Region with its own S3 gateway (the hub,
 * the eu-west-2 spoke `local` in the fixture) must not be associated with it, while every spoke of
 * another Region must be. Update and preview runs (every id unknown).
 */
import { hubEndpointDnsComplete as policy } from "../../../policy-pack/policies/hub-endpoint-dns-complete";
import { HUB_REGION, peeringStack, REMOTE_REGION, T } from "../fixtures";
import { assertClean, assertOne, bothModes } from "../helpers";

const ZONE = `s3.${HUB_REGION}.amazonaws.com`;

/** The peering fixture (hub and every spoke keep an S3 gateway) plus the hub's S3 interface endpoint, its zone created with `creation`. */
function withS3(creation: string) {
    const f = peeringStack();
    f.add(
        T.endpoint,
        "hub-s3",
        {
            vpcId: f.ref("hub"),
            serviceName: `com.amazonaws.${HUB_REGION}.s3`,
            vpcEndpointType: "Interface",
            subnetIds: [f.ref("hub-endpoint-a"), f.ref("hub-endpoint-b")],
            securityGroupIds: [f.ref("hub-endpoints")],
            privateDnsEnabled: false,
            tags: { Name: "hub-s3", "landing-zone:service": "s3" },
        },
        HUB_REGION,
    );
    const region = creation === "hub" || creation === "local" ? HUB_REGION : REMOTE_REGION;
    f.add(
        T.zone,
        "zone-s3",
        { name: ZONE, comment: `Resolves ${ZONE}`, vpcs: [{ vpcId: f.ref(creation), vpcRegion: region }] },
        HUB_REGION,
    );
    const alias = [{ name: f.ref("hub-s3", "dnsName"), zoneId: f.ref("hub-s3", "hostedZoneId"), evaluateTargetHealth: false }];
    for (const [name, record] of [
        ["record-s3", ZONE],
        ["record-s3-wildcard", `*.${ZONE}`],
    ]) {
        f.add(T.record, name, { zoneId: f.ref("zone-s3", "zoneId"), name: record, type: "A", aliases: alias }, HUB_REGION);
    }
    return f;
}

/** Associates the S3 zone with a spoke (ZoneAssociation in the spoke's Region). */
function associate(f: ReturnType<typeof peeringStack>, spoke: string, region: string) {
    f.add(T.zoneAssoc, `${spoke}-zone-s3`, { zoneId: f.ref("zone-s3", "zoneId"), vpcId: f.ref(spoke), vpcRegion: region }, region);
    return f;
}

describe("policies/hub-endpoint-dns-complete: the hub's S3 zone beside S3 gateways", () => {
    it("accepts the S3 zone associated with every spoke of another Region and with no VPC of the hub's Region", () => {
        const f = associate(withS3("payments"), "analytics", REMOTE_REGION);
        const { update, preview } = bothModes(policy, f);
        assertClean(update);
        assertClean(preview);
    });

    it("reports the S3 zone created with the hub, which keeps its S3 gateway", () => {
        const f = associate(associate(withS3("hub"), "payments", REMOTE_REGION), "analytics", REMOTE_REGION);
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /Zone zone-s3 answers every S3 name of eu-west-2 in hub VPC hub, which has its own S3 gateway endpoint/,
                "zone-s3",
            );
        }
    });

    it("reports the S3 zone associated with a hub-Region spoke that keeps its S3 gateway", () => {
        const f = associate(associate(withS3("payments"), "analytics", REMOTE_REGION), "local", HUB_REGION);
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /Zone zone-s3 answers every S3 name of eu-west-2 in spoke VPC local.*billed per GB/, "zone-s3");
        }
    });

    it("reports a spoke of another Region missing the S3 zone", () => {
        const f = withS3("payments");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /Zone zone-s3 is not associated with spoke VPC analytics/, "zone-s3");
        }
    });

    it("requires the S3 zone for the hub and hub-Region spokes once they have no S3 gateway", () => {
        const f = associate(withS3("payments"), "analytics", REMOTE_REGION).remove("local-gw-s3");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /Zone zone-s3 is not associated with spoke VPC local/, "zone-s3");
        }
    });
});
