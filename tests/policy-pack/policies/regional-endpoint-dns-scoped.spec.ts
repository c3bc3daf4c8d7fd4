/**
 * regional-endpoint-dns-scoped (policy-pack/policies/regional-endpoint-dns-scoped.ts): a compliant
 * peering stack plus an eu-west-1 regional endpoint VPC whose zones go to the eu-west-1 spokes it is
 * peered with; each failing case changes one thing. Also pins that the hub rules leave that VPC alone
 * (it is not a hub: lib/roles.ts) and that its security group must admit its own Region's spokes.
 */
import * as assert from "assert";
import { hubEndpointSgSpokeHttpsOnly } from "../../../policy-pack/policies/hub-endpoint-sg-spoke-https-only";
import { hubRequiredEndpoints } from "../../../policy-pack/policies/hub-required-endpoints";
import { regionalEndpointDnsScoped as policy } from "../../../policy-pack/policies/regional-endpoint-dns-scoped";
import { vpcRoleConsistent } from "../../../policy-pack/policies/vpc-role-consistent";
import { addVpc, peeringStack, REMOTE_REGION, routeTables, SUPERNETS, T } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes, StackFixture } from "../helpers";

const EP = "endpoints-eu-west-1";
const EP_CIDR = "10.31.252.0/22";
const SERVICES = [
    { service: "ssm", prefix: "ssm" },
    { service: "ecr.dkr", prefix: "dkr.ecr" },
];

/** The peering fixture with a regional endpoint VPC in eu-west-1 serving `payments` and `analytics`. */
function regionalStack(): StackFixture {
    const f = peeringStack();
    addVpc(f, EP, "hub", REMOTE_REGION, EP_CIDR);
    f.patch(EP, { tags: { Name: EP, "landing-zone:role": "endpoints" } });
    f.add(
        T.sg,
        `${EP}-endpoints`,
        { vpcId: f.ref(EP), description: "regional endpoints", tags: { Name: `${EP}-endpoints` } },
        REMOTE_REGION,
    );
    f.add(
        T.ingressRule,
        `${EP}-endpoints-https-${REMOTE_REGION}`,
        { securityGroupId: f.ref(`${EP}-endpoints`), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: SUPERNETS[REMOTE_REGION] },
        REMOTE_REGION,
    );
    for (const s of SERVICES) {
        const slug = s.service.replace(/\./g, "-");
        const ep = `${EP}-${slug}`;
        f.add(
            T.endpoint,
            ep,
            {
                vpcId: f.ref(EP),
                serviceName: `com.amazonaws.${REMOTE_REGION}.${s.service}`,
                vpcEndpointType: "Interface",
                subnetIds: [f.ref(`${EP}-endpoint-a`), f.ref(`${EP}-endpoint-b`)],
                securityGroupIds: [f.ref(`${EP}-endpoints`)],
                privateDnsEnabled: false,
                tags: { Name: ep, "landing-zone:service": s.service },
            },
            REMOTE_REGION,
        );
        const zoneName = `${s.prefix}.${REMOTE_REGION}.amazonaws.com`;
        f.add(T.zone, `${ep}-zone`, { name: zoneName, vpcs: [{ vpcId: f.ref(EP), vpcRegion: REMOTE_REGION }] }, REMOTE_REGION);
        f.add(
            T.record,
            `${ep}-record`,
            {
                zoneId: f.ref(`${ep}-zone`, "zoneId"),
                name: zoneName,
                type: "A",
                aliases: [{ name: f.ref(ep, "dnsName"), zoneId: f.ref(ep, "hostedZoneId"), evaluateTargetHealth: false }],
            },
            REMOTE_REGION,
        );
        for (const spoke of ["payments", "analytics"]) {
            f.add(
                T.zoneAssoc,
                `${EP}-spoke-${spoke}-${slug}`,
                { zoneId: f.ref(`${ep}-zone`, "zoneId"), vpcId: f.ref(spoke), vpcRegion: REMOTE_REGION },
                REMOTE_REGION,
            );
        }
    }
    for (const [spoke, cidr] of [
        ["payments", "10.16.0.0/20"],
        ["analytics", "10.16.16.0/20"],
    ]) {
        const pcx = `peering-${EP}-${spoke}`;
        f.add(T.peering, pcx, { vpcId: f.ref(spoke), peerVpcId: f.ref(EP), autoAccept: false, tags: { Name: pcx } }, REMOTE_REGION);
        f.add(T.peeringAccepter, `${pcx}-accepter`, { vpcPeeringConnectionId: f.ref(pcx), autoAccept: true }, REMOTE_REGION);
        for (const rt of routeTables(spoke)) {
            f.add(
                T.route,
                `${pcx}-${rt}`,
                { routeTableId: f.ref(rt), destinationCidrBlock: EP_CIDR, vpcPeeringConnectionId: f.ref(pcx) },
                REMOTE_REGION,
            );
        }
        for (const rt of routeTables(EP)) {
            f.add(
                T.route,
                `${pcx}-back-${rt}`,
                { routeTableId: f.ref(rt), destinationCidrBlock: cidr, vpcPeeringConnectionId: f.ref(pcx) },
                REMOTE_REGION,
            );
        }
    }
    return f;
}

describe("policies/regional-endpoint-dns-scoped", () => {
    it("is mandatory", () => assertIdentity(policy, "regional-endpoint-dns-scoped", "mandatory"));

    it("accepts zones named for the Region, associated with the Region's peered spokes (preview and update)", () => {
        const { update, preview } = bothModes(policy, regionalStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports a regional zone associated with a spoke of another Region", () => {
        const f = regionalStack();
        f.add(
            T.zoneAssoc,
            "wrong-region",
            { zoneId: f.ref(`${EP}-ssm-zone`, "zoneId"), vpcId: f.ref("local"), vpcRegion: "eu-west-2" },
            "eu-west-2",
        );
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /associated with spoke VPC local in eu-west-2; a Region's endpoint set serves that Region's spokes only/,
                `${EP}-ssm-zone`,
            );
        }
    });

    it("reports a regional zone associated with the hub", () => {
        const f = regionalStack();
        f.add(
            T.zoneAssoc,
            "to-hub",
            { zoneId: f.ref(`${EP}-ssm-zone`, "zoneId"), vpcId: f.ref("hub"), vpcRegion: "eu-west-2" },
            "eu-west-2",
        );
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /associated with hub VPC hub; only eu-west-1's spokes resolve it/, `${EP}-ssm-zone`);
        }
    });

    it("reports a spoke that resolves the zone without any path to the endpoint VPC", () => {
        const f = regionalStack().remove(`peering-${EP}-analytics`).remove(`peering-${EP}-analytics-accepter`);
        for (const rt of routeTables("analytics")) {
            f.remove(`peering-${EP}-analytics-${rt}`);
        }
        for (const rt of routeTables(EP)) {
            f.remove(`peering-${EP}-analytics-back-${rt}`);
        }
        const o = bothModes(policy, f).update;
        assert.strictEqual(o.violations.length, 2, o.violations.map((v) => v.message).join("\n"));
        assert.ok(o.violations.every((v) => /for spoke VPC analytics, which has no peering or transit gateway path/.test(v.message)));
    });

    it("reports a zone named for another Region", () => {
        const f = regionalStack().patch(`${EP}-ssm-zone`, { name: "ssm.eu-west-2.amazonaws.com" });
        assertOne(bothModes(policy, f).update, /clients of ssm resolve ssm\.eu-west-1\.amazonaws\.com: rename the zone/, `${EP}-ssm-zone`);
    });

    it("reports a regional endpoint with no alias record", () => {
        const f = regionalStack().remove(`${EP}-ssm-record`);
        assertOne(bothModes(policy, f).update, /Regional endpoint endpoints-eu-west-1-ssm \(ssm\) has no alias A record/, `${EP}-ssm`);
    });

    it("the tagged endpoint VPC is not a hub: hub-required-endpoints leaves it alone and vpc-role-consistent agrees", () => {
        assertClean(bothModes(hubRequiredEndpoints, regionalStack()).update);
        assertClean(bothModes(vpcRoleConsistent, regionalStack()).update);
    });

    it("its endpoint security group must admit its own Region's spokes, and only those are required", () => {
        assertClean(bothModes(hubEndpointSgSpokeHttpsOnly, regionalStack()).update);
        const f = regionalStack().remove(`${EP}-endpoints-https-${REMOTE_REGION}`);
        const o = bothModes(hubEndpointSgSpokeHttpsOnly, f).update;
        assert.deepStrictEqual(
            o.violations.map((v) => /does not admit spoke (\w+)/.exec(v.message)?.[1]).sort(),
            ["analytics", "payments"],
            "the eu-west-2 spoke `local` is not its client",
        );
    });
});
