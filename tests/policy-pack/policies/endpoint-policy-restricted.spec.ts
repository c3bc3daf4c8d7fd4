import * as assert from "assert";
import { endpointPolicyRestricted as policy } from "../../../policy-pack/policies/endpoint-policy-restricted";
import { ACCOUNT_POLICY, FULL_ACCESS_POLICY } from "../fixtures";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const EP = "aws:ec2/vpcEndpoint:VpcEndpoint";
const EP_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy";
const base = {
    vpcId: "vpc-1",
    serviceName: "com.amazonaws.eu-west-2.kms",
    vpcEndpointType: "Interface",
    subnetIds: ["a", "b"],
    securityGroupIds: ["sg"],
    policy: ACCOUNT_POLICY,
};
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("policies/endpoint-policy-restricted", () => {
    it("is mandatory", () => assertIdentity(policy, "endpoint-policy-restricted", "mandatory"));

    it("accepts a principal-scoped policy, a resource-scoped one, and an object document", () => {
        assertClean(analyze(policy, EP, base));
        assertClean(
            analyze(policy, EP, {
                ...base,
                serviceName: "com.amazonaws.eu-west-2.s3",
                vpcEndpointType: "Gateway",
                policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }),
            }),
        );
        assertClean(analyze(policy, EP, { ...base, policy: JSON.parse(ACCOUNT_POLICY) }));
    });

    it("rejects AWS's default full-access policy", () => {
        assertOne(analyze(policy, EP, { ...base, policy: FULL_ACCESS_POLICY }), /statement 0 allows everything to everyone/);
    });

    it("rejects equivalent spellings: AWS:* principal, service:* action, NotAction, empty Condition", () => {
        assertOne(
            analyze(policy, EP, {
                ...base,
                policy: doc({ Sid: "All", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: ["*"] }),
            }),
            /statement All/,
        );
        assertOne(
            analyze(policy, EP, {
                ...base,
                policy: doc({ Effect: "Allow", Principal: "*", NotAction: "kms:ScheduleKeyDeletion", Resource: "*" }),
            }),
            /everything/,
        );
        assertOne(
            analyze(policy, EP, { ...base, policy: doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: {} }) }),
            /everything/,
        );
    });

    it("checks standalone VpcEndpointPolicy documents too", () => {
        assertOne(analyze(policy, EP_POLICY, { vpcEndpointId: "vpce-1", policy: FULL_ACCESS_POLICY }), /everything/);
        assertClean(analyze(policy, EP_POLICY, { vpcEndpointId: UNKNOWN, policy: ACCOUNT_POLICY }));
    });

    it("rejects a document that is not a policy", () => {
        assertOne(analyze(policy, EP, { ...base, policy: "{not json" }), /not valid JSON/);
        assertOne(analyze(policy, EP, { ...base, policy: "{}" }), /has no Statement/);
    });

    it("skips endpoints to endpoint services (AWS grants them full access) and GWLB endpoints", () => {
        assertClean(
            analyze(policy, EP, {
                ...base,
                serviceName: "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0",
                policy: FULL_ACCESS_POLICY,
            }),
        );
        assertClean(analyze(policy, EP, { ...base, vpcEndpointType: "GatewayLoadBalancer", policy: FULL_ACCESS_POLICY }));
    });

    it("leaves a missing policy to endpoint-policy-present", () => assertClean(analyze(policy, EP, { ...base, policy: undefined })));

    it("defers a computed document to pulumi up", () => {
        const o = analyze(policy, EP, { ...base, vpcId: UNKNOWN, policy: UNKNOWN });
        assert.deepStrictEqual(o.violations, []);
        assert.match(o.deferred ?? "", /\.policy/);
    });
});
