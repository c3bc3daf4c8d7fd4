import { vpcCidrsNonOverlapping as policy } from "../../../policy-pack/policies/vpc-cidrs-non-overlapping";
import { addVpc, peeringStack, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";

describe("policies/vpc-cidrs-non-overlapping", () => {
    it("is mandatory", () => assertIdentity(policy, "vpc-cidrs-non-overlapping", "mandatory"));

    it("accepts distinct CIDRs (peering and TGW stacks)", () => {
        for (const f of [peeringStack(), tgwStack()]) {
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        }
    });

    it("reports two spokes that overlap through the hub, though they never peer (preview and update)", () => {
        const f = peeringStack().patch("analytics", { cidrBlock: "10.16.0.0/16" });
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /VPC payments \(10\.16\.0\.0\/20\) overlaps connected VPC analytics \(10\.16\.0\.0\/16\)/, "analytics");
        }
    });

    it("reports overlaps across peered transit gateways", () => {
        const f = tgwStack().patch("payments", { cidrBlock: "10.0.128.0/20" });
        assertOne(bothModes(policy, f).preview, /hub \(10\.0\.0\.0\/16\) overlaps connected VPC payments/);
    });

    it("counts secondary CIDR blocks", () => {
        const f = peeringStack();
        f.add(
            "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
            "payments-secondary",
            { vpcId: f.ref("payments"), cidrBlock: "10.32.0.0/16" },
            "eu-west-1",
        );
        assertOne(
            bothModes(policy, f).preview,
            /local \(10\.32\.0\.0\/20\) overlaps connected VPC payments \(10\.32\.0\.0\/16\)|payments \(10\.32\.0\.0\/16\) overlaps connected VPC local/,
        );
    });

    it("ignores overlapping VPCs that are not connected", () => {
        const f = peeringStack();
        addVpc(f, "isolated", "spoke", "eu-west-1", "10.0.0.0/16");
        assertClean(bothModes(policy, f).preview);
    });
});
