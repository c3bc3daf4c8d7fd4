import * as assert from "assert";
import { interfaceEndpointMultiAzWithSecurityGroup as policy } from "../../../policy-pack/policies/interface-endpoint-multi-az-with-security-group";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const EP = "aws:ec2/vpcEndpoint:VpcEndpoint";
const base = {
    vpcId: "vpc-1",
    serviceName: "com.amazonaws.eu-west-2.ssm",
    vpcEndpointType: "Interface",
    subnetIds: ["subnet-a", "subnet-b"],
    securityGroupIds: ["sg-1"],
    privateDnsEnabled: false,
};

describe("policies/interface-endpoint-multi-az-with-security-group", () => {
    it("is mandatory", () => assertIdentity(policy, "interface-endpoint-multi-az-with-security-group", "mandatory"));

    it("accepts an endpoint in two subnets with a security group", () => assertClean(analyze(policy, EP, base)));

    it("ignores gateway endpoints", () => {
        assertClean(
            analyze(policy, EP, {
                vpcId: "vpc-1",
                serviceName: "com.amazonaws.eu-west-2.s3",
                vpcEndpointType: "Gateway",
                routeTableIds: ["rtb-1"],
            }),
        );
        assertClean(analyze(policy, EP, { vpcId: "vpc-1", serviceName: "com.amazonaws.eu-west-2.s3", routeTableIds: ["rtb-1"] }));
    });

    it("rejects a single subnet", () => assertOne(analyze(policy, EP, { ...base, subnetIds: ["subnet-a"] }), /1 subnet\(s\); at least 2/));

    it("rejects missing or empty security groups", () => {
        assertOne(analyze(policy, EP, { ...base, securityGroupIds: undefined }), /no securityGroupIds/);
        assertOne(analyze(policy, EP, { ...base, securityGroupIds: [] }), /no securityGroupIds/);
    });

    it("takes minSubnets from config", () => {
        assertOne(analyze(policy, EP, base, { config: { minSubnets: 3 } }), /2 subnet\(s\); at least 3/);
    });

    it("counts unknown subnet and group ids in a preview", () => {
        assertClean(analyze(policy, EP, { ...base, vpcId: UNKNOWN, subnetIds: [UNKNOWN, UNKNOWN], securityGroupIds: [UNKNOWN] }));
        assertOne(analyze(policy, EP, { ...base, subnetIds: [UNKNOWN] }), /1 subnet/);
    });

    it("defers a wholly computed subnet list to pulumi up", () => {
        const o = analyze(policy, EP, { ...base, subnetIds: UNKNOWN });
        assert.deepStrictEqual(o.violations, []);
        assert.match(o.deferred ?? "", /subnetIds/);
    });
});
