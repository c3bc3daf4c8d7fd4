import { vpcRoleConsistent as policy } from "../../../policy-pack/policies/vpc-role-consistent";
import { addHandAddedSpoke, addVpc, peeringStack, REMOTE_REGION, tgwStack, untag } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";
import { inspectionStack } from "../inspection-fixtures";

describe("policies/vpc-role-consistent", () => {
    it("is mandatory", () => assertIdentity(policy, "vpc-role-consistent", "mandatory"));

    it("accepts the compliant stacks, tagged as the components tag them", () => {
        for (const f of [peeringStack(), tgwStack()]) {
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        }
    });

    it("accepts untagged VPCs whose role the topology gives (hub, and a hand-added spoke over peering or TGW)", () => {
        for (const [via, build] of [
            ["peering", peeringStack],
            ["tgw", tgwStack],
        ] as const) {
            for (const o of Object.values(bothModes(policy, untag(addHandAddedSpoke(build(), via), "hub")))) {
                assertClean(o);
            }
        }
    });

    it("reports a VPC that is neither the hub nor connected to it, and has no tag", () => {
        const f = peeringStack();
        addVpc(f, "stray", "spoke", REMOTE_REGION, "10.16.64.0/20");
        untag(f, "stray");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /VPC stray is neither the hub .* nor peered with or attached to one; connect it to the hub, or tag it landing-zone:role=spoke/,
                "stray",
            );
        }
    });

    it("accepts an unconnected VPC tagged spoke (its hub may live in another stack)", () => {
        const f = peeringStack();
        addVpc(f, "remote-hubbed", "spoke", REMOTE_REGION, "10.16.64.0/20");
        assertClean(bothModes(policy, f).preview);
    });

    it("reports a spoke tagged hub, and a hub tagged spoke, saying what the topology shows", () => {
        const spokeTaggedHub = peeringStack().patch("payments", { tags: { Name: "payments", "landing-zone:role": "hub" } });
        for (const o of Object.values(bothModes(policy, spokeTaggedHub))) {
            assertOne(
                o,
                /VPC payments is tagged landing-zone:role=hub but the topology makes it a spoke \(peered with hub hub \(peering-payments\)\); fix the tag/,
                "payments",
            );
        }
        const hubTaggedSpoke = tgwStack().patch("hub", { tags: { Name: "hub", "landing-zone:role": "spoke" } });
        for (const o of Object.values(bothModes(policy, hubTaggedSpoke))) {
            assertOne(
                o,
                /VPC hub is tagged landing-zone:role=spoke but the topology makes it a hub \(holds centralised endpoint hub-/,
                "hub",
            );
        }
    });

    it("accepts the inspection VPC, untagged or tagged inspection, and reports it tagged spoke (both modes)", () => {
        for (const engine of ["gwlb", "network-firewall"] as const) {
            for (const o of Object.values(bothModes(policy, inspectionStack(engine)))) {
                assertClean(o);
            }
            const tagged = inspectionStack(engine).patch("inspection", { tags: { Name: "inspection", "landing-zone:role": "inspection" } });
            for (const o of Object.values(bothModes(policy, tagged))) {
                assertClean(o);
            }
            const wrong = inspectionStack(engine).patch("inspection", { tags: { Name: "inspection", "landing-zone:role": "spoke" } });
            for (const o of Object.values(bothModes(policy, wrong))) {
                assertOne(
                    o,
                    /VPC inspection is tagged landing-zone:role=spoke but the topology makes it the inspection VPC \(holds /,
                    "inspection",
                );
            }
        }
    });
});
