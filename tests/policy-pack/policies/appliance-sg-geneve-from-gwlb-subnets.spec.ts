import * as assert from "assert";
import { applianceSgGeneveFromGwlbSubnets as policy } from "../../../policy-pack/policies/appliance-sg-geneve-from-gwlb-subnets";
import { HUB_REGION, peeringStack, T, tgwStack } from "../fixtures";
import { analyzeStack, assertClean, assertIdentity, assertOne, bothModes, UNKNOWN } from "../helpers";
import { inspectionStack, inspectionSubnetCidr, TI } from "../inspection-fixtures";

const SG = "inspection-appliances";

/** Adds an ingress rule to the appliance security group. */
function rule(name: string, props: Record<string, unknown>) {
    const f = inspectionStack();
    f.add(T.ingressRule, name, { securityGroupId: f.ref(SG), ...props }, HUB_REGION);
    return f;
}

describe("policies/appliance-sg-geneve-from-gwlb-subnets", () => {
    it("is advisory", () => assertIdentity(policy, "appliance-sg-geneve-from-gwlb-subnets", "advisory"));

    it("is vacuous for stacks without a Gateway Load Balancer", () => {
        for (const f of [peeringStack(), tgwStack(), inspectionStack("network-firewall")]) {
            assertClean(bothModes(policy, f).preview);
        }
    });

    it("accepts GENEVE and the health-check port from each GWLB subnet (update and preview)", () => {
        const { update, preview } = bothModes(policy, inspectionStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports GENEVE from outside the GWLB subnets, naming the rule (update and preview)", () => {
        const f = rule("geneve-from-spokes", { ipProtocol: "udp", fromPort: 6081, toPort: 6081, cidrIpv4: "10.32.0.0/12" });
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /^Appliance security group inspection-appliances: rule geneve-from-spokes admits udp 6081 from 10\.32\.0\.0\/12, outside the GWLB subnets \(10\.1\.32\.0\/24, 10\.1\.33\.0\/24\)/,
                "geneve-from-spokes",
            );
        }
    });

    it("reports GENEVE from anywhere (0.0.0.0/0)", () => {
        assertOne(
            bothModes(policy, rule("geneve-anywhere", { ipProtocol: "udp", fromPort: 6081, toPort: 6081, cidrIpv4: "0.0.0.0/0" })).preview,
            /admits udp 6081 from 0\.0\.0\.0\/0/,
        );
    });

    it("reports other ports from outside the GWLB subnets, and accepts them from the configured management networks", () => {
        const f = rule("ssh-from-bastions", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.8.0/24" });
        assertOne(
            bothModes(policy, f).preview,
            /rule ssh-from-bastions admits tcp 22 from 10\.0\.8\.0\/24, outside the GWLB subnets .* or list the network in managementCidrs/,
            "ssh-from-bastions",
        );
        assertClean(analyzeStack(policy, f.build({ preview: true }), { managementCidrs: ["10.0.8.0/22"] }));
    });

    it("does not let management networks send GENEVE", () => {
        const f = rule("geneve-from-bastions", { ipProtocol: "udp", fromPort: 6081, toPort: 6081, cidrIpv4: "10.0.8.0/24" });
        assertOne(
            analyzeStack(policy, f.build({ preview: true }), { managementCidrs: ["10.0.8.0/22"] }),
            /geneve-from-bastions admits udp 6081/,
        );
    });

    it("reports a referenced security group as a GENEVE source: the GWLB has no security group", () => {
        const f = rule("geneve-from-sg", { ipProtocol: "udp", fromPort: 6081, toPort: 6081, referencedSecurityGroupId: UNKNOWN });
        assertOne(bothModes(policy, f).preview, /rule geneve-from-sg admits udp 6081 from a security group/);
    });

    it("reports an appliance group that does not admit GENEVE from one GWLB subnet", () => {
        const f = inspectionStack().remove("inspection-appliances-udp-6081-b");
        assertOne(
            bothModes(policy, f).preview,
            new RegExp(
                `does not admit GENEVE \\(UDP 6081\\) from GWLB subnet inspection-appliance-b \\(${inspectionSubnetCidr("appliance", "b").replace(/[./]/g, "\\$&")}\\)`,
            ),
            SG,
        );
    });

    it("finds appliance groups of instances registered with the GWLB target group", () => {
        const f = inspectionStack();
        f.add(T.sg, "vendor-appliance", { vpcId: f.ref("inspection"), description: "vendor appliance" }, HUB_REGION);
        f.add(
            TI.instance,
            "vendor-appliance-a",
            { ami: "ami-0123456789abcdef0", instanceType: "c6in.large", vpcSecurityGroupIds: [f.ref("vendor-appliance")] },
            HUB_REGION,
        );
        f.add(
            TI.targetGroupAttachment,
            "vendor-appliance-a-tg",
            { targetGroupArn: f.ref("inspection-tg", "arn"), targetId: f.ref("vendor-appliance-a") },
            HUB_REGION,
        );
        const o = bothModes(policy, f).preview;
        assert.deepStrictEqual(
            o.violations.map((v) => v.message.replace(/, so the appliances.*/, "")),
            ["a", "b"].map(
                (az) =>
                    `Appliance security group vendor-appliance does not admit GENEVE (UDP 6081) from GWLB subnet inspection-appliance-${az} (${inspectionSubnetCidr("appliance", az)})`,
            ),
        );
    });

    it("does not judge groups outside the GWLB's VPC that have no GENEVE rule", () => {
        const f = inspectionStack();
        f.add(T.sg, "hub-other", { vpcId: f.ref("hub"), description: "other" }, HUB_REGION);
        f.add(
            T.ingressRule,
            "hub-other-ssh",
            { securityGroupId: f.ref("hub-other"), ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/16" },
            HUB_REGION,
        );
        assertClean(bothModes(policy, f).preview);
    });
});
