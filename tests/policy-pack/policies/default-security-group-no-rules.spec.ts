import { defaultSecurityGroupNoRules as policy } from "../../../policy-pack/policies/default-security-group-no-rules";
import { peeringStack, T } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";

describe("policies/default-security-group-no-rules", () => {
    it("is mandatory", () => assertIdentity(policy, "default-security-group-no-rules", "mandatory"));

    it("accepts a stack where every VPC adopts its default group without rules", () => {
        const { update, preview } = bothModes(policy, peeringStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports a VPC whose default group is not adopted (preview and update)", () => {
        const f = peeringStack().remove("payments-default");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(o, /VPC payments does not adopt its default security group/, "payments");
        }
    });

    it("reports rules declared on the adopted default group", () => {
        const f = peeringStack().patch("hub-default", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] });
        assertOne(bothModes(policy, f).preview, /hub-default declares ingress rules/);
    });

    it("reports standalone rules attached to the default group or to the VPC's defaultSecurityGroupId", () => {
        const f = peeringStack();
        f.add(
            T.ingressRule,
            "sneaky",
            { securityGroupId: f.ref("hub-default"), ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" },
            "eu-west-2",
        );
        assertOne(bothModes(policy, f).preview, /rule sneaky adds a rule to the default security group of hub-default/, "sneaky");
        const g = peeringStack();
        g.add(
            T.sgRule,
            "sneaky",
            {
                type: "egress",
                securityGroupId: g.ref("hub", "defaultSecurityGroupId"),
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            },
            "eu-west-2",
        );
        assertOne(bothModes(policy, g).preview, /default security group of hub/);
    });
});
