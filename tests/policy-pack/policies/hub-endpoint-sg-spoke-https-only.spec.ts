import * as assert from "assert";
import { hubEndpointSgSpokeHttpsOnly as policy } from "../../../policy-pack/policies/hub-endpoint-sg-spoke-https-only";
import { addHandAddedSpoke, HAND_ADDED, HUB_REGION, peeringStack, T } from "../fixtures";
import { assertClean, assertIdentity, assertOne, assertSome, bothModes, UNKNOWN } from "../helpers";
import { inspectionStack } from "../inspection-fixtures";

describe("policies/hub-endpoint-sg-spoke-https-only", () => {
    it("is mandatory", () => assertIdentity(policy, "hub-endpoint-sg-spoke-https-only", "mandatory"));

    it("accepts region aggregates on TCP 443", () => {
        const { update, preview } = bothModes(policy, peeringStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports spokes the endpoint group does not admit (preview and update)", () => {
        const f = peeringStack().remove("hub-endpoints-https-eu-west-1");
        for (const o of Object.values(bothModes(policy, f))) {
            assert.strictEqual(o.violations.length, 2);
            assertSome(o, /does not admit spoke payments \(10\.16\.0\.0\/20\) on TCP 443/);
            assertSome(o, /does not admit spoke analytics \(10\.16\.16\.0\/20\)/);
        }
    });

    it("checks a hand-added spoke without the role tag like any other spoke", () => {
        const f = addHandAddedSpoke(peeringStack(), "peering").patch("hub-endpoints-https-eu-west-1", { cidrIpv4: "10.16.0.0/19" });
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                new RegExp(`does not admit spoke ${HAND_ADDED.name} \\(10\\.16\\.32\\.0/20\\) on TCP 443; add an HTTPS ingress rule`),
                "hub-endpoints",
            );
        }
    });

    it("accepts per-spoke CIDRs instead of aggregates", () => {
        const f = peeringStack().patch("hub-endpoints-https-eu-west-1", { cidrIpv4: "10.16.0.0/20" });
        f.add(
            T.ingressRule,
            "hub-endpoints-https-analytics",
            { securityGroupId: f.ref("hub-endpoints"), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.16.16.0/20" },
            HUB_REGION,
        );
        assertClean(bothModes(policy, f).preview);
    });

    it("reports any rule that is not TCP 443", () => {
        const f = peeringStack();
        f.add(
            T.ingressRule,
            "ssh",
            { securityGroupId: f.ref("hub-endpoints"), ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/16" },
            HUB_REGION,
        );
        f.add(
            T.sgRule,
            "all",
            {
                type: "ingress",
                securityGroupId: f.ref("hub-endpoints"),
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["10.0.0.0/16"],
            },
            HUB_REGION,
        );
        const { preview } = bothModes(policy, f);
        assert.strictEqual(preview.violations.length, 2);
        assertSome(preview, /rule ssh admits more than TCP 443/);
        assertSome(preview, /rule all admits more than TCP 443/);
    });

    it("reads inline ingress of the group", () => {
        const f = peeringStack().remove("hub-endpoints-https-eu-west-1");
        f.patch("hub-endpoints", {
            ingress: [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.16.0.0/12"] },
                { protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["10.16.0.0/12"] },
            ],
        });
        assertOne(bothModes(policy, f).preview, /hub-endpoints ingress\[1\] admits more than TCP 443/);
    });

    it("does not claim a spoke is missing while a rule's CIDR is unknown", () => {
        const f = peeringStack().patch("hub-endpoints-https-eu-west-1", { cidrIpv4: UNKNOWN });
        assertClean(bothModes(policy, f).preview);
    });

    it("does not ask the endpoint group to admit the inspection VPC, and still reports a spoke it does not admit (both modes)", () => {
        for (const engine of ["gwlb", "network-firewall"] as const) {
            for (const o of Object.values(bothModes(policy, inspectionStack(engine)))) {
                assertClean(o);
            }
            for (const o of Object.values(bothModes(policy, inspectionStack(engine).remove(`hub-endpoints-https-${HUB_REGION}`)))) {
                assertOne(o, /does not admit spoke local \(10\.32\.0\.0\/20\) on TCP 443/, "hub-endpoints");
            }
        }
    });
});
