import * as assert from "assert";
import { awsServiceEndpointPrivateDnsDisabled as policy } from "../../../policy-pack/policies/aws-service-endpoint-private-dns-disabled";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const EP = "aws:ec2/vpcEndpoint:VpcEndpoint";
const base = {
    vpcId: "vpc-1",
    serviceName: "com.amazonaws.eu-west-2.sts",
    vpcEndpointType: "Interface",
    subnetIds: ["a", "b"],
    securityGroupIds: ["sg"],
};

describe("policies/aws-service-endpoint-private-dns-disabled", () => {
    it("is mandatory", () => assertIdentity(policy, "aws-service-endpoint-private-dns-disabled", "mandatory"));

    it("accepts privateDnsEnabled false or absent (the provider default)", () => {
        assertClean(analyze(policy, EP, { ...base, privateDnsEnabled: false }));
        assertClean(analyze(policy, EP, base));
    });

    it("rejects private DNS on an AWS-service endpoint", () => {
        assertOne(analyze(policy, EP, { ...base, privateDnsEnabled: true }), /com\.amazonaws\.eu-west-2\.sts enables private DNS/);
    });

    it("leaves endpoints to endpoint services alone (their private DNS is the provider's name)", () => {
        assertClean(
            analyze(policy, EP, {
                ...base,
                serviceName: "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0",
                privateDnsEnabled: true,
            }),
        );
    });

    it("a computed serviceName (an endpoint service's output in a preview) is not an AWS service", () => {
        assertClean(analyze(policy, EP, { ...base, serviceName: UNKNOWN, privateDnsEnabled: true }));
    });

    it("defers a computed flag on an AWS-service endpoint", () => {
        assert.match(analyze(policy, EP, { ...base, privateDnsEnabled: UNKNOWN }).deferred ?? "", /privateDnsEnabled/);
    });
});
