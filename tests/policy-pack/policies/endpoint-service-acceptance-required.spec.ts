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

    it("leaves a GWLB-backed service to gwlb-endpoint-service-network-account-only: auto-accept is not reported here (known or computed ARNs)", () => {
        assertClean(
            analyze(policy, SVC, {
                acceptanceRequired: false,
                gatewayLoadBalancerArns: ["arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/gwy/x/1"],
            }),
        );
        assertClean(analyze(policy, SVC, { gatewayLoadBalancerArns: [UNKNOWN] }));
        assertClean(analyze(policy, SVC, { acceptanceRequired: UNKNOWN, gatewayLoadBalancerArns: UNKNOWN }));
    });

    it("still judges a service that names Network Load Balancers, or no load balancer kind at all", () => {
        assertOne(
            analyze(policy, SVC, { acceptanceRequired: false, gatewayLoadBalancerArns: [], networkLoadBalancerArns: ["arn"] }),
            /does not require acceptance/,
        );
        assertOne(analyze(policy, SVC, { acceptanceRequired: false, gatewayLoadBalancerArns: [] }), /does not require acceptance/);
        assertOne(analyze(policy, SVC, { acceptanceRequired: false }), /does not require acceptance/);
    });
});
