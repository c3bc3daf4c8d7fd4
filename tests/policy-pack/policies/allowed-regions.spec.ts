import * as assert from "assert";
import { allowedRegions as policy } from "../../../policy-pack/policies/allowed-regions";
import { analyze, assertClean, assertIdentity, assertOne, provider, UNKNOWN } from "../helpers";

const VPC = "aws:ec2/vpc:Vpc";
const vpc = { cidrBlock: "10.0.0.0/16" };

describe("policies/allowed-regions", () => {
    it("is mandatory", () => assertIdentity(policy, "allowed-regions", "mandatory"));

    it("accepts resources whose provider is in an allowed region", () => {
        assertClean(analyze(policy, VPC, vpc, { provider: provider("eu-west-2") }));
        assertClean(analyze(policy, VPC, vpc, { provider: provider("eu-west-1") }));
    });

    it("reports a disallowed region once, on the provider, naming the pack config key that allows it", () => {
        assertOne(
            analyze(policy, "pulumi:providers:aws", { region: "eu-central-1" }, { name: "aws-eu-central-1", provider: null }),
            /Provider aws-eu-central-1 is in eu-central-1, and so is every resource created with it; allowed regions are eu-west-1, eu-west-2: to allow eu-central-1, add it to allowed-regions\.allowedRegions in the pack config \(the --policy-pack-config file; npm start reads policy-pack\/config\/<stack>\.json\)\./,
        );
    });

    it("does not report again each resource its provider places in that region", () =>
        assertClean(analyze(policy, VPC, vpc, { provider: provider("us-east-1") })));

    it("honours a resource's own region input (@pulumi/aws v7) over its provider's", () => {
        assertOne(analyze(policy, VPC, { ...vpc, region: "us-east-1" }, { provider: provider("eu-west-2") }), /in us-east-1/);
        assertClean(analyze(policy, VPC, { ...vpc, region: "eu-west-1" }, { provider: provider("us-east-1") }));
    });

    it("checks the region of provider resources themselves", () => {
        assertOne(analyze(policy, "pulumi:providers:aws", { region: "ap-south-1" }, { provider: null }), /ap-south-1/);
        assertClean(analyze(policy, "pulumi:providers:aws", { region: "eu-west-2", defaultTags: "{}" }, { provider: null }));
    });

    it("exempts IAM and Route 53 DNS, but not Route 53 Resolver", () => {
        // An own `region` input makes the resource itself reportable (not only its provider).
        assertClean(analyze(policy, "aws:iam/role:Role", { assumeRolePolicy: "{}", region: "us-east-1" }));
        assertClean(analyze(policy, "aws:route53/record:Record", { name: "x", type: "A", zoneId: UNKNOWN, region: "us-east-1" }));
        assertOne(
            analyze(policy, "aws:route53/resolverEndpoint:ResolverEndpoint", { direction: "INBOUND", region: "us-east-1" }),
            /Resource is in us-east-1/,
        );
    });

    it("rejects a resource without an explicit region (ambient provider)", () => {
        assertOne(analyze(policy, VPC, vpc, { provider: provider(undefined) }), /no explicit region/);
        assertOne(analyze(policy, VPC, vpc, { provider: null }), /no explicit region/);
    });

    it("does not repeat a reference to its own provider's region, which the provider's report covers", () => {
        const association = { zoneId: UNKNOWN, vpcId: UNKNOWN, vpcRegion: "eu-central-1" };
        assertClean(analyze(policy, "aws:route53/zoneAssociation:ZoneAssociation", association, { provider: provider("eu-central-1") }));
        assertOne(
            analyze(policy, "aws:route53/zoneAssociation:ZoneAssociation", association, { provider: provider("eu-west-2") }),
            /vpcRegion names eu-central-1, which is not an allowed region: add it to allowed-regions\.allowedRegions in the pack config/,
        );
    });

    it("rejects cross-region references to other regions", () => {
        assertOne(
            analyze(policy, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", {
                vpcId: UNKNOWN,
                peerVpcId: UNKNOWN,
                peerRegion: "us-east-1",
            }),
            /peerRegion names us-east-1/,
        );
        assertOne(
            analyze(policy, "aws:ec2/vpcEndpointService:VpcEndpointService", {
                acceptanceRequired: true,
                supportedRegions: ["eu-west-1", "us-east-1"],
            }),
            /supportedRegions\.1 names us-east-1/,
        );
        assertOne(
            analyze(policy, "aws:route53/zone:Zone", { name: "x", vpcs: [{ vpcId: UNKNOWN, vpcRegion: "us-west-2" }] }),
            /vpcs\.0\.vpcRegion names us-west-2/,
        );
        assertClean(
            analyze(policy, "aws:route53/zoneAssociation:ZoneAssociation", { zoneId: UNKNOWN, vpcId: UNKNOWN, vpcRegion: "eu-west-1" }),
        );
    });

    it("takes the allowed regions from config", () => {
        assertOne(
            analyze(
                policy,
                "pulumi:providers:aws",
                { region: "eu-west-2" },
                { provider: null, config: { allowedRegions: ["eu-central-1"] } },
            ),
            /allowed regions are eu-central-1:/,
        );
        assertClean(
            analyze(
                policy,
                "pulumi:providers:aws",
                { region: "eu-central-1" },
                { provider: null, config: { allowedRegions: ["eu-central-1"] } },
            ),
        );
    });

    it("ignores component resources", () => assertClean(analyze(policy, "landing-zone:network:Hub", {}, { provider: null })));

    it("defers a computed region", () => {
        assert.match(analyze(policy, VPC, { ...vpc, region: UNKNOWN }).deferred ?? "", /region/);
        assert.match(
            analyze(policy, "aws:ec2/vpcEndpoint:VpcEndpoint", { serviceName: UNKNOWN, serviceRegion: UNKNOWN }).deferred ?? "",
            /serviceRegion/,
        );
    });
});
