import { noUnrestrictedIngress as policy } from "../../../policy-pack/policies/no-unrestricted-ingress";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";
import * as assert from "assert";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

const sg = (ingress: Record<string, unknown>[]) => ({ vpcId: "vpc-1", ingress });
const tcp443 = (more: Record<string, unknown>) => ({ protocol: "tcp", fromPort: 443, toPort: 443, ...more });

describe("policies/no-unrestricted-ingress", () => {
    it("is mandatory", () => assertIdentity(policy, "no-unrestricted-ingress", "mandatory"));

    it("accepts rules from specific CIDRs, and egress to anywhere", () => {
        assertClean(analyze(policy, SG, sg([tcp443({ cidrBlocks: ["10.0.0.0/16"] })])));
        assertClean(
            analyze(policy, INGRESS, { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.16.0.0/12" }),
        );
        assertClean(
            analyze(policy, RULE, {
                type: "ingress",
                securityGroupId: "sg-1",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrBlocks: ["10.0.0.0/8"],
            }),
        );
        assertClean(
            analyze(policy, RULE, {
                type: "egress",
                securityGroupId: "sg-1",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            }),
        );
    });

    it("rejects inline 0.0.0.0/0 and ::/0 ingress", () => {
        assertOne(analyze(policy, SG, sg([tcp443({ cidrBlocks: ["10.0.0.0/16", "0.0.0.0/0"] })])), /ports 443-443.*0\.0\.0\.0\/0/);
        assertOne(analyze(policy, SG, sg([tcp443({ ipv6CidrBlocks: ["::/0"] })])), /::\/0/);
    });

    it("rejects any-address ingress on the default security group", () => {
        assertOne(
            analyze(policy, DEFAULT_SG, sg([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }])),
            /0\.0\.0\.0\/0/,
        );
    });

    it("rejects standalone ingress rules from /0 (IPv4, IPv6, non-canonical)", () => {
        assertOne(
            analyze(policy, INGRESS, { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }),
            /0\.0\.0\.0\/0/,
        );
        assertOne(
            analyze(policy, INGRESS, { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv6: "::/0" }),
            /::\/0/,
        );
        assertOne(
            analyze(policy, RULE, {
                type: "ingress",
                securityGroupId: "sg-1",
                protocol: "tcp",
                fromPort: 80,
                toPort: 80,
                cidrBlocks: ["10.0.0.0/0"],
            }),
            /10\.0\.0\.0\/0/,
        );
    });

    it("ignores unknown ids (security group id in a preview)", () => {
        assertClean(
            analyze(policy, INGRESS, { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" }),
        );
    });

    it("defers a computed CIDR to pulumi up, after reporting the known ones", () => {
        const o = analyze(policy, INGRESS, { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: UNKNOWN });
        assert.deepStrictEqual(o.violations, []);
        assert.match(o.deferred ?? "", /cidrIpv4/);
        const mixed = analyze(policy, SG, sg([tcp443({ cidrBlocks: ["0.0.0.0/0", UNKNOWN] })]));
        assertOne({ violations: mixed.violations }, /0\.0\.0\.0\/0/);
        assert.match(mixed.deferred ?? "", /ingress\.0\.cidrBlocks\.1/);
    });
});
