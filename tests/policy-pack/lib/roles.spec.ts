import * as assert from "assert";
import { StackGraph } from "../../../policy-pack/lib/graph";
import { hubEndpoints, vpcRoles, VpcRoleInfo } from "../../../policy-pack/lib/roles";
import { addHandAddedSpoke, addVpc, HAND_ADDED, HUB_REGION, peeringStack, REMOTE_REGION, T, tgwStack, untag } from "../fixtures";
import { StackFixture } from "../helpers";
import { inspectionStack } from "../inspection-fixtures";

/** name -> [effective role, topology role, tag], for both an update and a preview (unknown ids). */
function roles(f: StackFixture): {
    update: Record<string, [string?, string?, string?]>;
    preview: Record<string, [string?, string?, string?]>;
} {
    const table = (preview: boolean) => {
        const out: Record<string, [string?, string?, string?]> = {};
        for (const i of vpcRoles(new StackGraph(f.build({ preview }))).values()) {
            out[i.vpc.name] = [i.role, i.topology, i.tag];
        }
        return out;
    };
    return { update: table(false), preview: table(true) };
}

function info(f: StackFixture, vpc: string, preview = true): VpcRoleInfo {
    const found = [...vpcRoles(new StackGraph(f.build({ preview }))).values()].find((i) => i.vpc.name === vpc);
    assert.ok(found, `no VPC ${vpc}`);
    return found;
}

/** Asserts the same roles in an update and a preview, and returns them. */
function sameInBothModes(f: StackFixture): Record<string, [string?, string?, string?]> {
    const { update, preview } = roles(f);
    assert.deepStrictEqual(preview, update);
    return preview;
}

describe("lib/roles (hub and spokes from the topology, the tag as a hint)", () => {
    it("finds the hub by its centralised endpoints and the spokes by their peering, in an update and a preview", () => {
        assert.deepStrictEqual(sameInBothModes(peeringStack()), {
            hub: ["hub", "hub", "hub"],
            payments: ["spoke", "spoke", "spoke"],
            analytics: ["spoke", "spoke", "spoke"],
            local: ["spoke", "spoke", "spoke"],
        });
        assert.match(info(peeringStack(), "hub").evidence, /holds centralised endpoint hub-\S+, aliased by record record-/);
        assert.strictEqual(info(peeringStack(), "payments").evidence, "peered with hub hub (peering-payments)");
    });

    it("finds spokes on the hub's transit gateway and on a transit gateway peered with it", () => {
        assert.deepStrictEqual(sameInBothModes(tgwStack()), {
            hub: ["hub", "hub", "hub"],
            payments: ["spoke", "spoke", "spoke"],
            local: ["spoke", "spoke", "spoke"],
        });
        assert.strictEqual(info(tgwStack(), "local").evidence, `attached to tgw-${HUB_REGION}, the transit gateway of hub hub`);
        assert.strictEqual(
            info(tgwStack(), "payments").evidence,
            `attached to tgw-${REMOTE_REGION}, peered with tgw-${HUB_REGION} of hub hub`,
        );
    });

    it("does not need the tag: an untagged hub and an untagged hand-added spoke (peering or TGW) get their roles", () => {
        for (const [via, build] of [
            ["peering", peeringStack],
            ["tgw", tgwStack],
        ] as const) {
            const r = sameInBothModes(untag(addHandAddedSpoke(build(), via), "hub"));
            assert.deepStrictEqual(r.hub, ["hub", "hub", undefined], via);
            assert.deepStrictEqual(r[HAND_ADDED.name], ["spoke", "spoke", undefined], via);
        }
    });

    it("lets the topology win over a contradicting tag", () => {
        const f = peeringStack()
            .patch("hub", { tags: { Name: "hub", "landing-zone:role": "spoke" } })
            .patch("payments", { tags: { Name: "payments", "landing-zone:role": "hub" } });
        const r = sameInBothModes(f);
        assert.deepStrictEqual(r.hub, ["hub", "hub", "spoke"]);
        assert.deepStrictEqual(r.payments, ["spoke", "spoke", "hub"]);
    });

    it("falls back to the tag where the topology says nothing (a hub without endpoints, a spoke whose hub is elsewhere)", () => {
        const f = peeringStack();
        for (const name of ["ssm", "ssmmessages", "ec2", "ecr-api", "ecr-dkr"]) {
            f.remove(`record-${name}`);
        }
        f.remove("record-ecr-dkr-wildcard");
        addVpc(f, "orphan", "spoke", REMOTE_REGION, "10.16.64.0/20");
        const r = sameInBothModes(f);
        assert.deepStrictEqual(r.hub, ["hub", undefined, "hub"]);
        assert.deepStrictEqual(r.payments, ["spoke", "spoke", "spoke"], "a tag-hinted hub still anchors its spokes");
        assert.deepStrictEqual(r.orphan, ["spoke", undefined, "spoke"]);
    });

    it("leaves a VPC with neither topology nor tag undetermined", () => {
        const f = peeringStack();
        addVpc(f, "stray", "spoke", REMOTE_REGION, "10.16.64.0/20");
        untag(f, "stray");
        assert.deepStrictEqual(sameInBothModes(f).stray, [undefined, undefined, undefined]);
    });

    it("does not make a spoke a hub for a local endpoint that no zone record aliases", () => {
        const f = peeringStack();
        f.add(
            T.endpoint,
            "payments-kms",
            {
                vpcId: f.ref("payments"),
                serviceName: `com.amazonaws.${REMOTE_REGION}.kms`,
                vpcEndpointType: "Interface",
                privateDnsEnabled: false,
                subnetIds: [f.ref("payments-endpoint-a")],
            },
            REMOTE_REGION,
        );
        assert.deepStrictEqual(sameInBothModes(f).payments, ["spoke", "spoke", "spoke"]);
        assert.ok(!hubEndpoints(new StackGraph(f.build({ preview: true }))).some((e) => e.endpoint.name === "payments-kms"));
    });

    it("does not count a peering between two spokes as a connection to the hub", () => {
        const f = peeringStack();
        addVpc(f, "stray", "spoke", REMOTE_REGION, "10.16.64.0/20");
        untag(f, "stray");
        f.add(T.peering, "stray-to-payments", { vpcId: f.ref("stray"), peerVpcId: f.ref("payments"), autoAccept: true }, REMOTE_REGION);
        assert.deepStrictEqual(sameInBothModes(f).stray, [undefined, undefined, undefined]);
    });

    describe("the inspection VPC (neither hub nor spoke)", () => {
        for (const engine of ["gwlb", "network-firewall"] as const) {
            it(`is an inspection VPC when it holds ${engine === "gwlb" ? "GWLB endpoints" : "a Network Firewall"} and a TGW route sends it other VPCs' ranges (update and preview)`, () => {
                const f = inspectionStack(engine);
                const got = sameInBothModes(f);
                assert.deepStrictEqual(got.inspection, ["inspection", "inspection", undefined]);
                assert.deepStrictEqual(got.local, ["spoke", "spoke", "spoke"]);
                assert.match(
                    info(f, "inspection").evidence,
                    engine === "gwlb"
                        ? /^holds GWLB endpoint inspection-gwlbe-a and receives 10\.0\.0\.0\/8 from transit gateway route tgw-route-spokes-to-inspection$/
                        : /^holds Network Firewall inspection-firewall and receives /,
                );
            });
        }

        it("keeps a spoke that hosts a GWLB endpoint of its own (distributed inspection, only its own CIDR from the TGW) a spoke", () => {
            const f = inspectionStack("gwlb").remove("tgw-route-spokes-to-inspection").remove("tgw-route-hub-to-inspection");
            f.add(
                T.tgwRoute,
                "tgw-route-to-inspection-own-cidr",
                {
                    transitGatewayRouteTableId: f.ref(`tgw-${HUB_REGION}-hub`),
                    destinationCidrBlock: "10.1.0.0/16",
                    transitGatewayAttachmentId: f.ref("attach-inspection"),
                },
                HUB_REGION,
            );
            assert.deepStrictEqual(sameInBothModes(f).inspection, ["spoke", "spoke", undefined]);
        });

        it("lets the inspection tag decide while no TGW route sends the VPC other ranges, but not without inspection endpoints", () => {
            const tagged = (f: StackFixture) => f.patch("inspection", { tags: { Name: "inspection", "landing-zone:role": "inspection" } });
            const noRoutes = tagged(inspectionStack("gwlb").remove("tgw-route-spokes-to-inspection").remove("tgw-route-hub-to-inspection"));
            assert.deepStrictEqual(sameInBothModes(noRoutes).inspection, ["inspection", undefined, "inspection"]);
            const f = tagged(inspectionStack("gwlb"));
            for (const az of ["a", "b"]) {
                f.remove(`inspection-gwlbe-${az}`).remove(`inspection-tgw-rt-${az}-0.0.0.0/0`);
            }
            assert.deepStrictEqual(sameInBothModes(f).inspection, ["spoke", "spoke", "inspection"]);
        });

        it("lets the hub's centralised endpoints win over inspection evidence", () => {
            const f = inspectionStack("gwlb");
            f.add(
                T.endpoint,
                "hub-gwlbe",
                {
                    vpcId: f.ref("hub"),
                    serviceName: f.ref("inspection-service", "serviceName"),
                    vpcEndpointType: "GatewayLoadBalancer",
                    subnetIds: [f.ref("hub-endpoint-a")],
                },
                HUB_REGION,
            );
            assert.deepStrictEqual(sameInBothModes(f).hub, ["hub", "hub", "hub"]);
        });
    });
});
