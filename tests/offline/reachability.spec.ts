import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { T } from "../../components/aws/types";
import { planRoles } from "../../offline/network-model/from-plan";
import { analyzeReachability, PathVerdict } from "../../offline/reachability";
import { CapturedResource, JsonObject } from "../../offline/types";
import { Plan, planFor } from "../helpers/plan";
import { SERVICE_OVER_PEERING, TGW_SEGMENT } from "../helpers/scenarios";

/**
 * Break each hop of an intended path in turn (by removing or altering one captured resource) and check
 * that the right path is reported broken at the right hop. The intact graphs come from the real program.
 */

const PEERING = SERVICE_OVER_PEERING;
const TGW = TGW_SEGMENT;

type Mutator = (rs: CapturedResource[]) => CapturedResource[];

const without =
    (pred: (r: CapturedResource) => boolean): Mutator =>
    (rs) =>
        rs.filter((r) => !pred(r));
const withInputs =
    (pred: (r: CapturedResource) => boolean, change: (i: JsonObject) => JsonObject): Mutator =>
    (rs) =>
        rs.map((r) => (pred(r) ? { ...r, inputs: change({ ...r.inputs }) } : r));

function broken(resources: readonly CapturedResource[]): PathVerdict[] {
    return analyzeReachability(resources).paths.filter((p) => !p.open);
}

describe("offline/reachability", () => {
    let peering: Plan;
    let tgw: Plan;
    before(async () => {
        peering = await planFor(PEERING);
        tgw = await planFor(TGW);
    });

    it("finds every intended path open in intact graphs", () => {
        const p = analyzeReachability(peering.resources);
        // 2 spokes x 11 default endpoints + 1 consumer
        assert.equal(p.paths.filter((x) => x.kind === "spoke-to-endpoint").length, 22);
        assert.equal(p.paths.filter((x) => x.kind === "consumer-to-service").length, 1);
        assert.equal(p.broken, 0, JSON.stringify(broken(peering.resources)));
        const t = analyzeReachability(tgw.resources);
        assert.equal(t.paths.filter((x) => x.kind === "segment").length, 1);
        assert.equal(t.broken, 0, JSON.stringify(broken(tgw.resources)));
    });

    const cases: { name: string; plan: () => Plan; mutate: Mutator; from: string; expect: RegExp }[] = [
        {
            name: "a missing spoke route to the hub",
            plan: () => peering,
            mutate: without((r) => r.type === T.route && r.name === "spoke-payments-workload-0-to-10.0.0.0-16"),
            from: "spoke-payments",
            expect: /forward: route table spoke-payments-workload-0: no route/,
        },
        {
            name: "a missing return route in the hub",
            plan: () => peering,
            mutate: without(
                (r) => r.type === T.route && r.name.startsWith("hub-endpoint-") && r.inputs.destinationCidrBlock === "10.16.0.0/20",
            ),
            from: "spoke-payments",
            expect: /return: route table hub-endpoint-\d: no route/,
        },
        {
            name: "a peering that is never accepted",
            plan: () => peering,
            mutate: without((r) => r.type === T.peeringAccepter && r.name === "peering-analytics-accepter"),
            from: "spoke-analytics",
            expect: /never accepted/,
        },
        {
            name: "an endpoint security group without the spoke's aggregate",
            plan: () => peering,
            mutate: without((r) => r.type === T.ingressRule && r.name === "hub-endpoints-https-eu-west-1"),
            from: "spoke-payments",
            expect: /security group hub-endpoints: does not admit 10\.16\.0\.0\/24 on TCP 443/,
        },
        {
            name: "an endpoint security group rule on the wrong port",
            plan: () => peering,
            mutate: withInputs(
                (r) => r.name === "hub-endpoints-https-eu-west-1" && r.type === T.ingressRule,
                (i) => ({ ...i, fromPort: 80, toPort: 80 }),
            ),
            from: "spoke-analytics",
            expect: /does not admit .* on TCP 443/,
        },
        {
            name: "a missing zone association",
            plan: () => peering,
            mutate: without((r) => r.type === T.zoneAssociation && r.name === "spoke-payments-sts"),
            from: "spoke-payments",
            expect: /DNS: zone sts\.eu-west-2\.amazonaws\.com is not associated with spoke-payments/,
        },
        {
            name: "a missing alias record",
            plan: () => peering,
            mutate: without((r) => r.type === T.record && r.name === "hub-kms"),
            from: "spoke-payments",
            expect: /DNS: no private hosted zone with an alias record to hub-kms/,
        },
        {
            name: "a consumer endpoint never accepted",
            plan: () => peering,
            mutate: without((r) => r.type === T.vpcEndpointConnectionAccepter),
            from: "spoke-payments",
            expect: /acceptance: .* is never accepted/,
        },
        {
            name: "an NLB security group that drops the consumer",
            plan: () => peering,
            mutate: without((r) => r.name.startsWith("svc-orders-nlb-from-") && r.inputs.cidrIpv4 === "10.16.0.0/20"),
            from: "spoke-payments",
            expect: /NLB security group svc-orders-nlb: does not admit 10\.16\.0\.0\/20/,
        },
        {
            name: "a TGW attachment associated with no route table",
            plan: () => tgw,
            mutate: without((r) => r.type === T.tgwRouteTableAssociation && r.name === "tgw-spoke-ledger-assoc"),
            from: "spoke-ledger",
            expect: /attachment tgw-spoke-ledger is associated with no route table/,
        },
        {
            name: "a missing static route across the TGW peering",
            plan: () => tgw,
            mutate: without((r) => r.type === T.tgwRoute && r.name === "tgw-hub-to-eu-central-1"),
            from: "spoke-ledger",
            expect: /return: TGW route table tgw-eu-west-2-hub: no route/,
        },
        {
            name: "a TGW peering never accepted",
            plan: () => tgw,
            mutate: without((r) => r.type === T.tgwPeeringAttachmentAccepter && r.name === "tgw-peering-eu-central-1-accepter"),
            from: "spoke-ledger",
            expect: /attachment|never accepted/,
        },
        {
            name: "a missing propagation of the hub attachment",
            plan: () => tgw,
            mutate: without((r) => r.type === T.tgwRouteTablePropagation && r.name === "tgw-hub-to-peering"),
            from: "spoke-payments",
            expect: /TGW route table tgw-eu-west-2-peering: no route/,
        },
        {
            name: "a missing VPC attachment",
            plan: () => tgw,
            mutate: without((r) => r.type === T.tgwVpcAttachment && r.name === "tgw-spoke-payments"),
            from: "spoke-payments",
            expect: /has no attachment/,
        },
    ];

    for (const c of cases) {
        it(`reports ${c.name}`, () => {
            const resources = c.mutate([...c.plan().resources]);
            const b = broken(resources);
            assert.ok(b.length > 0, "some path must break");
            const mine = b.filter((p) => p.from === c.from);
            assert.ok(mine.length > 0, `a path from ${c.from} must break; broken: ${b.map((x) => x.from).join(", ")}`);
            assert.ok(
                mine.some((p) => c.expect.test(p.brokenAt ?? "")),
                `expected ${c.expect} in ${JSON.stringify(mine.map((p) => p.brokenAt))}`,
            );
        });
    }

    it("stays an independent oracle: it loads only the network model and its one analyzer, the graph and CIDR arithmetic, no planning or component module", () => {
        // Reachability checks what the components built against what AWS would do with it. If it read a
        // plan (components/planning/routing.ts, topology.ts, …) it would agree with a wrong plan.
        const root = path.resolve(__dirname, "..", "..");
        const seen = new Set<string>();
        const visit = (file: string) => {
            if (seen.has(file)) {
                return;
            }
            seen.add(file);
            const source = fs.readFileSync(file, "utf8");
            for (const m of source.matchAll(/^import[^"']*["'](\.[^"']+)["']/gm)) {
                visit(`${path.resolve(path.dirname(file), m[1])}.ts`);
            }
        };
        visit(path.join(root, "offline", "reachability.ts"));
        const loaded = [...seen].map((f) => path.relative(root, f).split(path.sep).join("/")).sort();
        assert.ok(loaded.includes("offline/graph.ts"), `precondition: the walk follows imports (${loaded.join(", ")})`);
        assert.ok(
            loaded.includes("offline/network-model/analyze.ts"),
            "the plan's section comes from the analyzer verify runs on the live model",
        );
        const allowed = new Set([
            "offline/reachability.ts",
            "offline/network-model/analyze.ts",
            "offline/network-model/from-plan.ts",
            "offline/network-model/inspection.ts",
            "offline/network-model/roles.ts",
            "offline/network-model/trace.ts",
            "offline/network-model/types.ts",
            "offline/graph.ts",
            "offline/types.ts",
            "components/aws/types.ts",
            "components/planning/cidr.ts",
            // The caller matrix: which name a client resolves and what a service needs besides its own
            // endpoint are AWS facts (import-free tables), not this program's plan.
            "offline/network-model/callers.ts",
            "components/aws/endpoint-services.ts",
            "components/aws/service-dependencies.ts",
        ]);
        assert.deepEqual(
            loaded.filter((f) => !allowed.has(f)),
            [],
        );
    });

    describe("roles come from the topology, the landing-zone:role tag is a hint", () => {
        /** The VPC `name` and its subnets as a hand-added VPC would be: no role or tier tags. */
        const untag =
            (names: readonly string[]): Mutator =>
            (rs) => {
                const vpcUrns = new Set(rs.filter((r) => r.type === T.vpc && names.includes(r.name)).map((r) => r.urn));
                const strip = (r: CapturedResource) =>
                    vpcUrns.has(r.urn) || (r.type === T.subnet && (r.propertyDependencies.vpcId ?? []).some((u) => vpcUrns.has(u)));
                return withInputs(strip, (i) => {
                    const tags = { ...((i.tags as JsonObject | undefined) ?? {}) };
                    delete tags["landing-zone:role"];
                    delete tags["landing-zone:tier"];
                    return { ...i, tags };
                })(rs);
            };
        const row = (p: PathVerdict) => `${p.kind} ${p.from} -> ${p.to}: ${p.open ? "open" : p.brokenAt}`;

        it("an untagged spoke peered with the hub is in the matrix, every path open", () => {
            const before = analyzeReachability(peering.resources);
            const after = analyzeReachability(untag(["spoke-analytics"])([...peering.resources]));
            const mine = after.paths.filter((p) => p.from === "spoke-analytics");
            assert.ok(mine.length >= 11, `spoke-analytics paths: ${mine.length}`);
            assert.equal(after.broken, 0, JSON.stringify(after.paths.filter((p) => !p.open).map(row)));
            assert.deepEqual(after.paths.map(row), before.paths.map(row));
        });

        it("an untagged hub is found by the centralised endpoints its zones alias, and an untagged TGW spoke by its attachment", () => {
            const before = analyzeReachability(tgw.resources);
            const untagged = untag(["hub", "spoke-ledger"])([...tgw.resources]);
            const after = analyzeReachability(untagged);
            // The cost and diagram sections read the same inference.
            const roleOf = planRoles(untagged);
            const vpcs = untagged.filter((r) => r.type === T.vpc);
            assert.deepEqual(
                vpcs.map((v) => `${v.name}=${roleOf(v) ?? "?"}`),
                // Regional endpoint VPCs keep their tag's role, which this analyzer does not place (no workloads of its own).
                vpcs.map((v) => `${v.name}=${v.name === "hub" ? "hub" : v.name.startsWith("endpoints-") ? "?" : "spoke"}`),
            );
            assert.ok(after.paths.some((p) => p.from === "spoke-ledger" && p.kind === "spoke-to-endpoint"));
            assert.ok(after.paths.some((p) => p.kind === "segment" && (p.from === "spoke-ledger" || p.to === "spoke-ledger")));
            assert.deepEqual(after.paths.map(row), before.paths.map(row));
        });

        it("a VPC the topology places nowhere and no tag names is in no path", () => {
            // Without its peering the spoke is connected to nothing: neither topology nor tag makes it a spoke.
            const cut = without((r) => r.type === T.peering && r.name === "peering-analytics");
            const after = analyzeReachability(untag(["spoke-analytics"])(cut([...peering.resources])));
            assert.deepEqual(
                after.paths.filter((p) => p.from === "spoke-analytics"),
                [],
            );
        });
    });

    it("breaks the segment path when the segment's cross-region route goes", () => {
        const resources = without((r) => r.type === T.tgwRoute && r.name.startsWith("tgw-eu-west-1-segment-finance-to-ledger"))([
            ...tgw.resources,
        ]);
        const seg = analyzeReachability(resources).paths.find((p) => p.kind === "segment");
        assert.ok(seg && !seg.open);
        assert.match(seg.brokenAt ?? "", /tgw-eu-west-1-segment-finance: no route/);
    });
});
