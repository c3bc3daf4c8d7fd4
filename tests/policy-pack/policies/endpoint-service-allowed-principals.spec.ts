import * as assert from "assert";
import { endpointServiceAllowedPrincipals as policy } from "../../../policy-pack/policies/endpoint-service-allowed-principals";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const SVC = "aws:ec2/vpcEndpointService:VpcEndpointService";
const PRINCIPAL = "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple";
const svc = (allowedPrincipals: unknown) => ({ acceptanceRequired: true, networkLoadBalancerArns: ["arn"], allowedPrincipals });

describe("policies/endpoint-service-allowed-principals", () => {
    it("is mandatory", () => assertIdentity(policy, "endpoint-service-allowed-principals", "mandatory"));

    it("accepts account, role and user ARNs without an allowlist", () => {
        assertClean(
            analyze(
                policy,
                SVC,
                svc(["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/consumer", "arn:aws:iam::444455556666:user/ci"]),
            ),
        );
        assertClean(analyze(policy, PRINCIPAL, { vpcEndpointServiceId: UNKNOWN, principalArn: "arn:aws:iam::111122223333:root" }));
        assertClean(analyze(policy, SVC, { acceptanceRequired: true, networkLoadBalancerArns: ["arn"] }));
    });

    it("rejects '*' and wildcard principals", () => {
        assertOne(analyze(policy, SVC, svc(["*"])), /\* is a wildcard/);
        assertOne(analyze(policy, PRINCIPAL, { vpcEndpointServiceId: "vpce-svc-1", principalArn: "*" }), /wildcard/);
        assertOne(analyze(policy, PRINCIPAL, { vpcEndpointServiceId: "vpce-svc-1", principalArn: "arn:aws:iam::*:root" }), /wildcard/);
    });

    it("rejects forms PrivateLink does not accept (paths, bare ids, service principals)", () => {
        assertOne(analyze(policy, PRINCIPAL, { principalArn: "arn:aws:iam::111122223333:role/team/app" }), /without a path/);
        assertOne(analyze(policy, PRINCIPAL, { principalArn: "111122223333" }), /not an account root/);
    });

    it("enforces the configured allowlist (account ids and ARN patterns)", () => {
        const byAccount = { config: { allowedPrincipals: ["111122223333"] } };
        assertClean(analyze(policy, SVC, svc(["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/x"]), byAccount));
        assertOne(analyze(policy, SVC, svc(["arn:aws:iam::444455556666:root"]), byAccount), /not in the allowed principals/);
        const byPattern = { config: { allowedPrincipals: ["arn:aws:iam::111122223333:role/app-*"] } };
        assertClean(analyze(policy, PRINCIPAL, { principalArn: "arn:aws:iam::111122223333:role/app-orders" }, byPattern));
        assertOne(
            analyze(policy, PRINCIPAL, { principalArn: "arn:aws:iam::111122223333:root" }, byPattern),
            /not in the allowed principals/,
        );
    });

    it("reports known principals and defers computed ones", () => {
        const o = analyze(policy, SVC, svc(["*", UNKNOWN]));
        assertOne({ violations: o.violations }, /wildcard/);
        assert.match(o.deferred ?? "", /allowedPrincipals\.1/);
        assert.match(analyze(policy, PRINCIPAL, { principalArn: UNKNOWN }).deferred ?? "", /principalArn/);
    });
});
