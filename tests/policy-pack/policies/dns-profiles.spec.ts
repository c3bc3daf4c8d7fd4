import { hubEndpointDnsComplete } from "../../../policy-pack/policies/hub-endpoint-dns-complete";
import { quotaHeadroom } from "../../../policy-pack/policies/quota-headroom";
import { regionalEndpointDnsScoped } from "../../../policy-pack/policies/regional-endpoint-dns-scoped";
import { addVpc, HUB_SERVICES, peeringStack, REMOTE_REGION, slug, SPOKES, T } from "../fixtures";
import { StackFixture, assertClean, assertOne, assertSome, bothModes } from "../helpers";

const PROFILE = "aws:route53/profilesProfile:ProfilesProfile";
const PROFILE_ZONE = "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation";
const PROFILE_VPC = "aws:route53/profilesAssociation:ProfilesAssociation";

/**
 * The peering fixture in `dns.mode: profiles`, as the program builds it: no spoke zone associations;
 * per spoke Region a Profile holding every hub zone (resourceArn from the zone), and one Profile
 * association per spoke of that Region. The hub keeps its zones from creation.
 */
function profilesStack(): StackFixture {
    const f = peeringStack();
    const zoned = HUB_SERVICES.filter((x) => x.prefix);
    for (const s of SPOKES) {
        for (const z of zoned) {
            f.remove(`${s.name}-zone-${slug(z.service)}`);
        }
    }
    for (const region of [...new Set(SPOKES.map((s) => s.region))]) {
        const profile = f.add(PROFILE, `profile-${region}`, { name: `lz-test-${region}` }, region);
        for (const z of zoned) {
            f.add(
                PROFILE_ZONE,
                `${profile}-${slug(z.service)}`,
                { name: `hub-${slug(z.service)}`, profileId: f.ref(profile), resourceArn: f.ref(`zone-${slug(z.service)}`, "arn") },
                region,
            );
        }
        for (const s of SPOKES.filter((x) => x.region === region)) {
            f.add(PROFILE_VPC, `${profile}-${s.name}`, { name: s.name, profileId: f.ref(profile), resourceId: f.ref(s.name) }, region);
        }
    }
    return f;
}

describe("DNS modes in the pack: Route 53 Profiles (dns.mode: profiles)", () => {
    describe("hub-endpoint-dns-complete", () => {
        it("accepts spokes that get every hub zone through their Region's Profile (update and preview)", () => {
            const { update, preview } = bothModes(hubEndpointDnsComplete, profilesStack());
            assertClean(update);
            assertClean(preview);
        });

        it("reports a spoke whose Region's Profile lacks a zone, although every id is unknown (preview)", () => {
            const f = profilesStack().remove("profile-eu-west-1-ssm");
            for (const o of Object.values(bothModes(hubEndpointDnsComplete, f))) {
                assertSome(o, /Zone zone-ssm is not associated with spoke VPC payments; .*add the zone to the Profile of the VPC's Region/);
            }
        });

        it("reports a spoke that is not associated with its Region's Profile", () => {
            const f = profilesStack().remove("profile-eu-west-1-analytics");
            assertSome(bothModes(hubEndpointDnsComplete, f).preview, /Zone zone-ssm is not associated with spoke VPC analytics/);
        });

        it("does not count a Profile of another Region, and names the association that crosses Regions", () => {
            // analytics (eu-west-1) associated with the eu-west-2 Profile instead of its own Region's.
            const f = profilesStack().remove("profile-eu-west-1-analytics");
            f.add(
                PROFILE_VPC,
                "profile-eu-west-2-analytics",
                { name: "analytics", profileId: f.ref("profile-eu-west-2"), resourceId: f.ref("analytics") },
                "eu-west-2",
            );
            const { preview } = bothModes(hubEndpointDnsComplete, f);
            assertSome(
                preview,
                /Profile association profile-eu-west-2-analytics joins a VPC in eu-west-1 to a Route 53 Profile in eu-west-2/,
            );
            assertSome(preview, /Zone zone-ssm is not associated with spoke VPC analytics/);
        });
    });

    describe("regional-endpoint-dns-scoped", () => {
        /** profilesStack plus an eu-west-1 endpoint VPC whose ssm zone (ssm.eu-west-1…) no Profile holds yet. */
        function withRegionalZone(): StackFixture {
            const f = profilesStack();
            const ep = "endpoints-eu-west-1";
            addVpc(f, ep, "hub", REMOTE_REGION, "10.31.252.0/22");
            f.patch(ep, { tags: { Name: ep, "landing-zone:role": "endpoints" } });
            f.add(
                T.endpoint,
                `${ep}-ssm`,
                {
                    vpcId: f.ref(ep),
                    serviceName: `com.amazonaws.${REMOTE_REGION}.ssm`,
                    vpcEndpointType: "Interface",
                    subnetIds: [f.ref(`${ep}-endpoint-a`), f.ref(`${ep}-endpoint-b`)],
                    privateDnsEnabled: false,
                    tags: { Name: `${ep}-ssm`, "landing-zone:service": "ssm" },
                },
                REMOTE_REGION,
            );
            const zoneName = `ssm.${REMOTE_REGION}.amazonaws.com`;
            f.add(T.zone, `${ep}-ssm-zone`, { name: zoneName, vpcs: [{ vpcId: f.ref(ep), vpcRegion: REMOTE_REGION }] }, REMOTE_REGION);
            f.add(
                T.record,
                `${ep}-ssm-record`,
                {
                    zoneId: f.ref(`${ep}-ssm-zone`, "zoneId"),
                    name: zoneName,
                    type: "A",
                    aliases: [
                        { name: f.ref(`${ep}-ssm`, "dnsName"), zoneId: f.ref(`${ep}-ssm`, "hostedZoneId"), evaluateTargetHealth: false },
                    ],
                },
                REMOTE_REGION,
            );
            return f;
        }

        it("counts the VPCs of a Profile that holds a regional zone: another Region's Profile is out of scope (preview)", () => {
            assertClean(bothModes(regionalEndpointDnsScoped, withRegionalZone()).preview);
            const f = withRegionalZone();
            f.add(
                PROFILE_ZONE,
                "profile-eu-west-2-endpoints-eu-west-1-ssm",
                {
                    name: "endpoints-eu-west-1-ssm",
                    profileId: f.ref("profile-eu-west-2"),
                    resourceArn: f.ref("endpoints-eu-west-1-ssm-zone", "arn"),
                },
                "eu-west-2",
            );
            for (const o of Object.values(bothModes(regionalEndpointDnsScoped, f))) {
                assertOne(
                    o,
                    /Zone endpoints-eu-west-1-ssm-zone \(the eu-west-1 endpoint set's ssm\) is held by Route 53 Profile profile-eu-west-2 of eu-west-2 \(VPCs local\); .*remove the resource association profile-eu-west-2-endpoints-eu-west-1-ssm/,
                );
            }
        });

        it("reports a Profile of another Region holding a regional zone even before any VPC is associated with it (update and preview)", () => {
            const f = withRegionalZone();
            f.add(PROFILE, "profile-eu-central-1", { name: "lz-test-eu-central-1" }, "eu-central-1");
            f.add(
                PROFILE_ZONE,
                "profile-eu-central-1-endpoints-eu-west-1-ssm",
                {
                    name: "endpoints-eu-west-1-ssm",
                    profileId: f.ref("profile-eu-central-1"),
                    resourceArn: f.ref("endpoints-eu-west-1-ssm-zone", "arn"),
                },
                "eu-central-1",
            );
            for (const o of Object.values(bothModes(regionalEndpointDnsScoped, f))) {
                assertOne(
                    o,
                    /Zone endpoints-eu-west-1-ssm-zone \(the eu-west-1 endpoint set's ssm\) is held by Route 53 Profile profile-eu-central-1 of eu-central-1;/,
                );
            }
        });

        it("accepts the set's zone in its own Region's Profile, whose spokes are peered with the endpoint VPC", () => {
            const f = withRegionalZone();
            f.add(
                PROFILE_ZONE,
                "profile-eu-west-1-endpoints-eu-west-1-ssm",
                {
                    name: "endpoints-eu-west-1-ssm",
                    profileId: f.ref("profile-eu-west-1"),
                    resourceArn: f.ref("endpoints-eu-west-1-ssm-zone", "arn"),
                },
                REMOTE_REGION,
            );
            const spokes = SPOKES.filter((s) => s.region === REMOTE_REGION);
            for (const s of spokes) {
                f.add(
                    T.peering,
                    `pcx-${s.name}-ep`,
                    { vpcId: f.ref(s.name), peerVpcId: f.ref("endpoints-eu-west-1"), autoAccept: true },
                    REMOTE_REGION,
                );
            }
            const o = bothModes(regionalEndpointDnsScoped, f);
            assertClean(o.update);
            assertClean(o.preview);
        });
    });

    describe("quota-headroom", () => {
        it("is quiet far below both quotas", () => {
            assertClean(bothModes(quotaHeadroom, profilesStack()).preview);
        });

        it("counts a Profile's VPC associations against vpcsPerProfile", () => {
            assertOne(
                bothModes(quotaHeadroom, profilesStack(), { vpcsPerProfile: 2 }).preview,
                /profile-eu-west-1 has 2 associated VPCs, 100% of the quota of 2; .*quota-headroom\.vpcsPerProfile/,
            );
        });

        it("does not count Profile memberships against a zone's vpcsPerHostedZone (that is what Profiles are for)", () => {
            // In association mode the fixture's zones hold 4 VPCs (hub + 3 spokes); through Profiles only the hub.
            assertSome(bothModes(quotaHeadroom, peeringStack(), { vpcsPerHostedZone: 4 }).preview, /zone-ssm has 4 associated VPCs/);
            assertClean(bothModes(quotaHeadroom, profilesStack(), { vpcsPerHostedZone: 4 }).preview);
        });
    });
});
