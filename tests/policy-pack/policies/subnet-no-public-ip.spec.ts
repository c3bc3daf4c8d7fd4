import * as assert from "assert";
import { subnetNoPublicIp as policy } from "../../../policy-pack/policies/subnet-no-public-ip";
import { analyze, assertClean, assertIdentity, assertOne, UNKNOWN } from "../helpers";

const SUBNET = "aws:ec2/subnet:Subnet";
const base = { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", availabilityZone: "eu-west-2a", mapPublicIpOnLaunch: false };

describe("policies/subnet-no-public-ip", () => {
    it("is mandatory", () => assertIdentity(policy, "subnet-no-public-ip", "mandatory"));

    it("accepts private subnets (flags false or absent)", () => {
        assertClean(analyze(policy, SUBNET, base));
        assertClean(analyze(policy, SUBNET, { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" }));
    });

    it("rejects mapPublicIpOnLaunch", () => {
        assertOne(analyze(policy, SUBNET, { ...base, mapPublicIpOnLaunch: true }), /mapPublicIpOnLaunch/);
    });

    it("rejects assignIpv6AddressOnCreation", () => {
        assertOne(analyze(policy, SUBNET, { ...base, assignIpv6AddressOnCreation: true }), /assignIpv6AddressOnCreation/);
    });

    it("ignores the unknown vpcId of a preview and defers a computed flag", () => {
        assertClean(analyze(policy, SUBNET, { ...base, vpcId: UNKNOWN }));
        assert.match(analyze(policy, SUBNET, { ...base, mapPublicIpOnLaunch: UNKNOWN }).deferred ?? "", /mapPublicIpOnLaunch/);
    });
});
