/**
 * Which zone each AZ slot of a VPC uses (components/network/zones.ts, components/network/vpc.ts): the
 * rule for unpinned VPCs, the `availabilityZones` pin, and the AZ names and IDs a VPC exports. Pure
 * rules are asserted on assignZoneSlots; what a plan does, on the real program under the offline
 * mocks with zones impaired, unlisted or mapped to other AZ IDs.
 */
import * as assert from "assert";
import fc from "fast-check";
import { regionInfo, REGION_NAMES, zoneNames } from "../../components/aws/regions";
import { assignZoneSlots, ListedZone } from "../../components/network/zones";
import { MOCK_ZONE_IDS_ENV, MOCK_ZONE_STATES_ENV, MockZoneIds, MockZoneStates } from "../../offline/mocks";
import { CapturedResource } from "../../offline/types";
import { hubVpc, subnetsOf, T, vpcs } from "../helpers/network";
import { ConfigObject, Plan, planFor, runFresh, withBase } from "../helpers/plan";

/** Runs the program with the mocks reporting these zone states and name-to-ID mappings (bypasses the memo: they are not in its key). */
async function planWithMocks(config: ConfigObject, mocks: { readonly states?: MockZoneStates; readonly ids?: MockZoneIds }): Promise<Plan> {
    const vars = { [MOCK_ZONE_STATES_ENV]: mocks.states, [MOCK_ZONE_IDS_ENV]: mocks.ids };
    const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(vars)) {
        if (v !== undefined) {
            process.env[k] = JSON.stringify(v);
        }
    }
    try {
        return await runFresh(config);
    } finally {
        for (const [k, v] of Object.entries(before)) {
            if (v === undefined) {
                delete process.env[k];
            } else {
                process.env[k] = v;
            }
        }
    }
}

/** The zones a fresh account lists for a region (the mocks' view), all available. */
function listedZones(region: string): ListedZone[] {
    const ids = regionInfo(region)?.zoneIds ?? [];
    return zoneNames(region).map((name, i) => ({ name, zoneId: ids[i], available: true }));
}

/** The VPC of a spoke (its Name tag). */
const spokeVpc = (plan: Plan, spoke: string): CapturedResource => plan.one(T.vpc, `spoke-${spoke}`);

/** Everything registered under a VPC component (by URN prefix of its name), with inputs and dependencies. */
const shapeOf = (plan: Plan, vpcName: string) =>
    plan.resources
        .filter((r) => r.name === vpcName || r.name.startsWith(`${vpcName}-`))
        .map((r) => ({ urn: r.urn, inputs: r.inputs, dependencies: r.dependencies }));

/** Slot i of every tier is subnet i of the tier, in AZ order: the zone of each workload subnet, by slot. */
const workloadZones = (plan: Plan, vpc: CapturedResource) =>
    subnetsOf(plan, vpc)
        .filter((s) => /-workload-\d+$/.test(s.name))
        .sort((a, b) => Number(a.name.split("-").pop()) - Number(b.name.split("-").pop()))
        .map((s) => ({ name: s.inputs.availabilityZone, id: s.outputs.availabilityZoneId }));

describe("components/network/vpc: AZ slots", () => {
    describe("unpinned: slot i is the i-th zone the account lists, by name", () => {
        // Subnet AZs force replacement, and a replacement subnet collides with the old one's CIDR:
        // whatever AWS reports about zone states, a VPC's subnets must stay in their zones.
        const config = withBase((b) => {
            b.hub.azCount = 3;
        });
        let normal: Plan;
        before(async () => {
            normal = await planFor(config);
        });

        const subnetZones = (plan: Plan) =>
            Object.fromEntries(plan.byType(T.subnet).map((s) => [s.urn, s.inputs.availabilityZone as string | undefined]));

        it("plans every resource exactly as before when zones the VPCs use are impaired or constrained", async () => {
            // eu-west-1a is slot 0 of both spokes, eu-west-2b slot 1 of the hub.
            assert.ok(Object.values(subnetZones(normal)).includes("eu-west-1a"));
            const degraded = await planWithMocks(config, {
                states: { "eu-west-1": { "eu-west-1a": "impaired" }, "eu-west-2": { "eu-west-2b": "constrained" } },
            });
            assert.deepStrictEqual(subnetZones(degraded), subnetZones(normal));
            const shape = (plan: Plan) => plan.resources.map((r) => ({ urn: r.urn, inputs: r.inputs, dependencies: r.dependencies }));
            assert.deepStrictEqual(shape(degraded), shape(normal), "a zone state changed the plan");
        });

        it("gives every slot a zone when azCount is the region's zone count and the last zone is impaired", async () => {
            const degraded = await planWithMocks(config, { states: { "eu-west-2": { "eu-west-2c": "impaired" } } });
            const hubZones = subnetsOf(degraded, hubVpc(degraded)).map((s) => s.inputs.availabilityZone);
            assert.deepStrictEqual([...new Set(hubZones)].sort(), zoneNames("eu-west-2"));
        });

        it("assigns slot i the i-th listed zone by name, in any state and whatever order the API lists them in", () => {
            const cases = fc.constantFrom(...REGION_NAMES).chain((region) => {
                const zones = listedZones(region);
                return fc.record({
                    region: fc.constant(region),
                    // Any listing order, any zone states, any azCount the region allows.
                    order: fc.shuffledSubarray(zones, { minLength: zones.length, maxLength: zones.length }),
                    down: fc.subarray(zones.map((z) => z.name)),
                    azCount: fc.integer({ min: 1, max: zones.length }),
                });
            });
            fc.assert(
                fc.property(cases, ({ region, order, down, azCount }) => {
                    const zones = order.map((z) => ({ ...z, available: !down.includes(z.name) }));
                    const r = assignZoneSlots({ vpc: "v", configKey: "landing-zone:hub", region, azCount, zones });
                    assert.ok(r.ok);
                    const expected = listedZones(region).slice(0, azCount);
                    assert.deepStrictEqual(
                        r.slots.map((z) => z.name),
                        expected.map((z) => z.name),
                    );
                    assert.deepStrictEqual(
                        r.slots.map((z) => z.zoneId),
                        expected.map((z) => z.zoneId),
                    );
                    assert.strictEqual(r.warnings.length, expected.filter((z) => down.includes(z.name)).length);
                }),
            );
        });

        it("fails, naming the VPC, its azCount key and the fix, when the account lists fewer zones than the VPC has slots", () => {
            const zones = listedZones("eu-west-1").filter((z) => z.name !== "eu-west-1b");
            const r = assignZoneSlots({
                vpc: "spoke-payments",
                configKey: "landing-zone:spokes[0]",
                region: "eu-west-1",
                azCount: 3,
                zones,
            });
            assert.ok(!r.ok);
            assert.match(r.message, /^VPC "spoke-payments": landing-zone:spokes\[0\]\.azCount is 3, but this account lists 2 /);
            assert.match(r.message, /eu-west-1a \(euw1-az1\), eu-west-1c \(euw1-az3\)/);
            assert.match(r.message, /Fix: set landing-zone:spokes\[0\]\.azCount to 2 or fewer$/);
        });

        it("warns, naming the VPC and the zone, when a slot's zone is not available", () => {
            const zones = listedZones("eu-west-2").map((z) => ({ ...z, available: z.name !== "eu-west-2a" }));
            const r = assignZoneSlots({ vpc: "hub", configKey: "landing-zone:hub", region: "eu-west-2", azCount: 2, zones });
            assert.ok(r.ok);
            assert.deepStrictEqual(
                r.slots.map((z) => z.name),
                ["eu-west-2a", "eu-west-2b"],
            );
            assert.strictEqual(r.warnings.length, 1);
            assert.match(r.warnings[0], /^VPC "hub": eu-west-2a \(euw2-az1\) is not in state "available"/);
        });
    });

    describe("pinned: slot i is exactly availabilityZones[i]", () => {
        /** eu-west-1 in an account whose names map to other AZ IDs than the region table's order. */
        const remapped: ListedZone[] = [
            { name: "eu-west-1a", zoneId: "euw1-az3", available: true },
            { name: "eu-west-1b", zoneId: "euw1-az1", available: true },
            { name: "eu-west-1c", zoneId: "euw1-az2", available: true },
        ];
        const pin = (pinned: readonly string[], zones: readonly ListedZone[] = listedZones("eu-west-1")) =>
            assignZoneSlots({
                vpc: "spoke-payments",
                configKey: "landing-zone:spokes[0]",
                region: "eu-west-1",
                azCount: pinned.length,
                zones,
                pinned,
            });

        it("gives slot i the pinned zone i, in the pin's order, not the account's name order", () => {
            const r = pin(["eu-west-1c", "eu-west-1a"]);
            assert.ok(r.ok);
            assert.deepStrictEqual(
                r.slots.map((z) => [z.slot, z.name, z.zoneId]),
                [
                    [0, "eu-west-1c", "euw1-az3"],
                    [1, "eu-west-1a", "euw1-az1"],
                ],
            );
        });

        it("resolves an AZ ID pin to this account's name through the listed zone IDs, not by position", () => {
            const r = pin(["euw1-az1", "euw1-az2"], remapped);
            assert.ok(r.ok);
            assert.deepStrictEqual(
                r.slots.map((z) => z.name),
                ["eu-west-1b", "eu-west-1c"],
            );
            assert.deepStrictEqual(
                r.slots.map((z) => z.zoneId),
                ["euw1-az1", "euw1-az2"],
            );
        });

        it("never moves a pinned slot, whatever else the account lists or stops listing and whatever the states", () => {
            const cases = fc.constantFrom(...REGION_NAMES).chain((region) => {
                const zones = listedZones(region);
                return fc.record({
                    region: fc.constant(region),
                    pinned: fc.shuffledSubarray(zones, { minLength: 1 }),
                    dropped: fc.subarray(zones.map((z) => z.name)),
                    down: fc.subarray(zones.map((z) => z.name)),
                    byId: fc.boolean(),
                });
            });
            fc.assert(
                fc.property(cases, ({ region, pinned, dropped, down, byId }) => {
                    const names = pinned.map((z) => z.name);
                    const zones = listedZones(region)
                        .filter((z) => names.includes(z.name) || !dropped.includes(z.name))
                        .map((z) => ({ ...z, available: !down.includes(z.name) }))
                        .reverse();
                    const r = assignZoneSlots({
                        vpc: "v",
                        configKey: "landing-zone:hub",
                        region,
                        azCount: pinned.length,
                        zones,
                        pinned: pinned.map((z) => (byId ? z.zoneId : z.name)),
                    });
                    assert.ok(r.ok);
                    assert.deepStrictEqual(
                        r.slots.map((z) => z.name),
                        names,
                    );
                    assert.deepStrictEqual(
                        r.slots.map((z) => z.zoneId),
                        pinned.map((z) => z.zoneId),
                    );
                }),
            );
        });

        it("fails, naming the VPC, the pinned entry's key and the zone, when the account does not list a pinned zone", () => {
            const r = pin(
                ["eu-west-1a", "eu-west-1b"],
                listedZones("eu-west-1").filter((z) => z.name !== "eu-west-1b"),
            );
            assert.ok(!r.ok);
            assert.match(
                r.message,
                /^VPC "spoke-payments": landing-zone:spokes\[0\]\.availabilityZones\[1\] pins eu-west-1b, but this account does not list that zone/,
            );
            assert.match(r.message, /it lists eu-west-1a \(euw1-az1\), eu-west-1c \(euw1-az3\)/);
            assert.match(r.message, /never moves to another zone/);
            assert.match(r.message, /Fix: /);
        });

        it("fails on an AZ ID the account does not list, naming the ID", () => {
            const r = pin(
                ["euw1-az1", "euw1-az2"],
                remapped.filter((z) => z.zoneId !== "euw1-az2"),
            );
            assert.ok(!r.ok);
            assert.match(r.message, /availabilityZones\[1\] pins euw1-az2, but this account does not list that AZ ID/);
        });

        it("fails when a name and an AZ ID pin the same zone in this account", () => {
            const r = pin(["eu-west-1b", "euw1-az1"], remapped);
            assert.ok(!r.ok);
            assert.match(
                r.message,
                /availabilityZones\[0\] and landing-zone:spokes\[0\]\.availabilityZones\[1\] are the same zone in this account \(eu-west-1b, euw1-az1\)/,
            );
        });

        it("keeps a pinned zone that is not available in its slot, with a warning naming it", () => {
            const r = pin(
                ["eu-west-1b", "eu-west-1c"],
                listedZones("eu-west-1").map((z) => ({ ...z, available: z.name !== "eu-west-1c" })),
            );
            assert.ok(r.ok);
            assert.deepStrictEqual(
                r.slots.map((z) => z.name),
                ["eu-west-1b", "eu-west-1c"],
            );
            assert.strictEqual(r.warnings.length, 1);
            assert.match(r.warnings[0], /eu-west-1c \(euw1-az3\) is not in state "available"/);
        });

        describe("in the plan", () => {
            // payments pins a and c; analytics is not pinned (slots a, b).
            const config = withBase((b) => {
                b.spokes[0].availabilityZones = ["eu-west-1a", "eu-west-1c"];
            });
            let normal: Plan;
            before(async () => {
                normal = await planFor(config);
            });

            it("creates a pinned VPC's subnets in the pinned zones, slot by slot", () => {
                assert.deepStrictEqual(workloadZones(normal, spokeVpc(normal, "payments")), [
                    { name: "eu-west-1a", id: "euw1-az1" },
                    { name: "eu-west-1c", id: "euw1-az3" },
                ]);
            });

            it("keeps every resource of a pinned VPC when the account stops listing a middle zone it does not pin", async () => {
                const lost = await planWithMocks(config, { states: { "eu-west-1": { "eu-west-1b": "absent" } } });
                assert.deepStrictEqual(shapeOf(lost, "spoke-payments"), shapeOf(normal, "spoke-payments"));
                // Why pins exist: the unpinned spoke's slot 1 moves from eu-west-1b to eu-west-1c.
                assert.deepStrictEqual(
                    workloadZones(lost, spokeVpc(lost, "analytics")).map((z) => z.name),
                    ["eu-west-1a", "eu-west-1c"],
                );
            });

            it("fails the plan, naming the VPC, the pinned entry's key and the zone, when the account stops listing a pinned zone", async () => {
                await assert.rejects(
                    planWithMocks(config, { states: { "eu-west-1": { "eu-west-1c": "absent" } } }),
                    /VPC "spoke-payments": landing-zone:spokes\[0\]\.availabilityZones\[1\] pins eu-west-1c, but this account does not list that zone/,
                );
            });

            it("puts an AZ ID pin's subnets in the zone this account names for that ID", async () => {
                const ids = { "eu-west-1": Object.fromEntries(remapped.map((z) => [z.name, z.zoneId])) };
                const plan = await planWithMocks(
                    withBase((b) => {
                        b.spokes[0].availabilityZones = ["euw1-az1", "euw1-az3"];
                    }),
                    { ids },
                );
                assert.deepStrictEqual(workloadZones(plan, spokeVpc(plan, "payments")), [
                    { name: "eu-west-1b", id: "euw1-az1" },
                    { name: "eu-west-1a", id: "euw1-az3" },
                ]);
                const out = (plan.outputs.spokes as Record<string, { availabilityZones: string[]; availabilityZoneIds: string[] }>)
                    .payments;
                assert.deepStrictEqual(out.availabilityZones, ["eu-west-1b", "eu-west-1a"]);
                assert.deepStrictEqual(out.availabilityZoneIds, ["euw1-az1", "euw1-az3"]);
            });

            it("plans a deployed stack exactly as before once its outputs' zone names are copied into its pins", async () => {
                const unpinned = withBase((b) => {
                    b.hub.azCount = 3;
                });
                const before = await planFor(unpinned);
                const hubOut = before.outputs.hub as { availabilityZones: string[] };
                const spokesOut = before.outputs.spokes as Record<string, { availabilityZones: string[] }>;
                const pinned = withBase((b) => {
                    delete b.hub.azCount;
                    b.hub.availabilityZones = hubOut.availabilityZones;
                    for (const s of b.spokes) {
                        s.availabilityZones = spokesOut[s.name].availabilityZones;
                    }
                });
                const after = await planFor(pinned);
                const shape = (plan: Plan) => plan.resources.map((r) => ({ urn: r.urn, inputs: r.inputs, dependencies: r.dependencies }));
                assert.deepStrictEqual(shape(after), shape(before));
                assert.deepStrictEqual(after.outputs, before.outputs);
            });

            it("hands an awsx-built VPC its pin as availabilityZoneNames, not a zone count (awsx accepts one of the two)", async () => {
                const plan = await planFor(
                    withBase((b) => {
                        b.spokes[0].builder = "awsx";
                        b.spokes[0].availabilityZones = ["eu-west-1c", "eu-west-1a"];
                        b.spokes[1].builder = "awsx";
                    }),
                );
                const awsx = (name: string) => plan.one("awsx:ec2:Vpc", name).inputs;
                assert.deepStrictEqual(awsx("spoke-payments").availabilityZoneNames, ["eu-west-1c", "eu-west-1a"]);
                assert.strictEqual(awsx("spoke-payments").numberOfAvailabilityZones, undefined);
                assert.strictEqual(awsx("spoke-analytics").numberOfAvailabilityZones, 2);
                assert.strictEqual(awsx("spoke-analytics").availabilityZoneNames, undefined);
            });
        });
    });

    describe("stack outputs", () => {
        let plan: Plan;
        before(async () => {
            plan = await planFor(withBase((b) => (b.hub.azCount = 3)));
        });

        it("exports each VPC's AZ names and IDs in slot order, the zones of its subnets", () => {
            type Out = { availabilityZones: string[]; availabilityZoneIds: string[] };
            const hub = plan.outputs.hub as unknown as Out;
            const spokes = plan.outputs.spokes as unknown as Record<string, Out>;
            const expect = (out: Out, vpc: CapturedResource) => {
                const zones = workloadZones(plan, vpc);
                assert.deepStrictEqual(
                    out.availabilityZones,
                    zones.map((z) => z.name),
                    vpc.urn,
                );
                assert.deepStrictEqual(
                    out.availabilityZoneIds,
                    zones.map((z) => z.id),
                    vpc.urn,
                );
            };
            expect(hub, hubVpc(plan));
            assert.deepStrictEqual(hub.availabilityZones, ["eu-west-2a", "eu-west-2b", "eu-west-2c"]);
            assert.deepStrictEqual(Object.keys(spokes).sort(), ["analytics", "payments"]);
            for (const [name, out] of Object.entries(spokes)) {
                expect(out, spokeVpc(plan, name));
            }
            // The hub, two spokes and the eu-west-1 regional endpoint VPC (its outputs: tests/components/regional-endpoints.spec.ts).
            assert.strictEqual(vpcs(plan).length, 4);
        });
    });
});
