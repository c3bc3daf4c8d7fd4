import * as assert from "assert";
import { endpointServiceAcceptanceRequired as policy } from "../../../policy-pack/policies/endpoint-service-acceptance-required";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const SVC = "aws:ec2/vpcEndpointService:VpcEndpointService";

describe("policies/endpoint-service-acceptance-required", () => {
    it("is mandatory", () => assertIdentity(policy, "endpoint-service-acceptance-required", "mandatory"));

    it("accepts acceptanceRequired true", () =>
        assertClean(analyze(policy, SVC, { acceptanceRequired: true, networkLoadBalancerArns: [UNKNOWN] })));

    it("rejects auto-accept, explicit or implied", () => {
        assertOne(analyze(policy, SVC, { acceptanceRequired: false, networkLoadBalancerArns: ["arn"] }), /does not require acceptance/);
        assertOne(analyze(policy, SVC, { networkLoadBalancerArns: ["arn"] }), /does not require acceptance/);
    });

    it("defers a computed flag", () =>
        assert.match(analyze(policy, SVC, { acceptanceRequired: UNKNOWN }).deferred ?? "", /acceptanceRequired/));
});
