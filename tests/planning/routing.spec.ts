/**
 * Routing plan (components/planning/routing.ts): the committed layouts, properties over random
 * topologies, and the quota inputs. A small forwarding model over the plan itself (not the captured
 * graph: offline/reachability.ts stays the independent oracle for that) checks who reaches whom.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { LandingZoneConfig, parseConfig } from "../../components/config/schema";
import { cidr, contains } from "../../components/planning/cidr";
import {
    attachmentLabel,
    checkRoutingPlan,
    HUB_VPC,
    planRouting,
    RoutingPlan,
    RoutingPlanError,
    spokeVpc,
    TgwAttachmentRef,
    tgwRouteTablesPerRegion,
    vpcRoutesPerTable,
} from "../../components/planning/routing";
import { planTopology } from "../../components/planning/topology";

const SUPERNETS: Readonly<Record<string, string>> = {
    "eu-west-1": "10.16.0.0/12",
    "eu-west-2": "10.32.0.0/12",
    "eu-central-1": "10.48.0.0/12",
    "us-east-1": "10.64.0.0/12",
};
const HUB_REGIONS = ["eu-west-2", "eu-west-1", "us-east-1"];
const SPOKE_REGIONS = Object.keys(SUPERNETS);

interface SpokeDraft {
    readonly region: string;
    readonly azCount: number;
    /** Segment index, or -1 for none. */
    readonly segment: number;
}

/** Raw stack config (as YAML would parse it) for a drawn topology. */
function rawConfig(
    hubRegion: string,
    hubAz: number,
    mode: "peering" | "transit-gateway",
    drafts: readonly SpokeDraft[],
): Record<string, unknown> {
    const perRegion = new Map<string, number>();
    const spokes = drafts.map((d, i) => {
        const k = perRegion.get(d.region) ?? 0;
        perRegion.set(d.region, k + 1);
        const base = cidr(SUPERNETS[d.region]).base + k * 4096;
        const text = `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.0/20`;
        return { name: `s${i}`, region: d.region, cidr: text, azCount: d.azCount };
    });
    const segments: { name: string; spokes: string[] }[] = [];
    if (mode === "transit-gateway") {
        for (const idx of [0, 1, 2]) {
            const members = drafts.flatMap((d, i) => (d.segment === idx ? [`s${i}`] : []));
            if (members.length >= 2) {
                segments.push({ name: `seg${idx}`, spokes: members });
            }
        }
    }
    return {
        hub: { region: hubRegion, cidr: "10.0.0.0/16", azCount: hubAz },
        supernets: Object.fromEntries([...perRegion.keys()].map((r) => [r, SUPERNETS[r]])),
        spokes,
        connectivity: { mode, segments },
        tags: { owner: "platform-team" },
    };
}

function configOf(raw: Record<string, unknown>): LandingZoneConfig {
    return parseConfig(raw, "routing.spec");
}

const topologyArb = fc
    .record({
        hubRegion: fc.constantFrom(...HUB_REGIONS),
        hubAz: fc.integer({ min: 1, max: 3 }),
        mode: fc.constantFrom("peering" as const, "transit-gateway" as const),
        spokes: fc.array(
            fc.record({
                region: fc.constantFrom(...SPOKE_REGIONS),
                azCount: fc.integer({ min: 1, max: 3 }),
                segment: fc.integer({ min: -1, max: 2 }),
            }),
            { minLength: 1, maxLength: 7 },
        ),
    })
    .map((t) => configOf(rawConfig(t.hubRegion, t.hubAz, t.mode, t.spokes)));

const tgwTopologyArb = fc
    .record({
        hubRegion: fc.constantFrom(...HUB_REGIONS),
        spokes: fc.array(
            fc.record({ region: fc.constantFrom(...SPOKE_REGIONS), azCount: fc.constant(1), segment: fc.integer({ min: -1, max: 2 }) }),
            { minLength: 1, maxLength: 8 },
        ),
    })
    .map((t) => configOf(rawConfig(t.hubRegion, 1, "transit-gateway", t.spokes)));

const plan = (c: LandingZoneConfig) => planRouting(c, planTopology(c));

// ---------------------------------------------------------------------------------------------
// A forwarding model over the plan
// ---------------------------------------------------------------------------------------------

const within = (outer: string, inner: string) => contains(cidr(outer), cidr(inner));

/** The attachment a packet arrives on after leaving through `a` (a peering has two sides). */
function otherSide(a: TgwAttachmentRef): TgwAttachmentRef {
    return a.kind === "peering" ? { ...a, side: a.side === "hub" ? "remote" : "hub" } : a;
}

/** VPC names of a config with their CIDRs: the hub, the spokes and the regional endpoint VPCs. */
function vpcCidrs(c: LandingZoneConfig): Map<string, string> {
    return new Map([
        [HUB_VPC, c.hub.cidr],
        ...c.spokes.map((s) => [spokeVpc(s.name), s.cidr] as const),
        ...planTopology(c).regionalEndpoints.map((e) => [e.vpc, e.cidr] as const),
    ]);
}

/** The regional endpoint VPC of a spoke's region, when the spoke gets one of its zones. */
function endpointsOf(c: LandingZoneConfig, spoke: string): { vpc: string; cidr: string } | undefined {
    for (const e of planTopology(c).regionalEndpoints) {
        if (e.spokes.some((z) => z.spoke === spoke && z.services.length > 0)) {
            return { vpc: e.vpc, cidr: e.cidr };
        }
    }
    return undefined;
}

/**
 * Follows a packet from VPC `from` to the network address of VPC `to`: the VPC route table, then TGW
 * table by table (longest prefix), across peerings. Returns the hops, or undefined when dropped.
 */
function forward(p: RoutingPlan, c: LandingZoneConfig, from: string, to: string): string[] | undefined {
    const cidrs = vpcCidrs(c);
    const dst = cidrs.get(to) as string;
    const vpcHop = p.vpcRoutes
        .filter((r) => r.vpc === from && r.routeTable === "workload-0" && within(r.destination, dst))
        .sort((a, b) => cidr(b.destination).prefix - cidr(a.destination).prefix)[0];
    if (!vpcHop) {
        return undefined;
    }
    if (vpcHop.target.kind === "peering") {
        // A peering delivers only to the VPC at its other end.
        const peer = from === HUB_VPC ? spokeVpc(vpcHop.target.spoke) : HUB_VPC;
        return peer === to ? [from, `pcx-${vpcHop.target.spoke}`, to] : undefined;
    }
    if (vpcHop.target.kind === "endpoints-peering") {
        const endpoints = `endpoints-${vpcHop.target.region}`;
        const peer = from === endpoints ? spokeVpc(vpcHop.target.spoke) : endpoints;
        return peer === to ? [from, `pcx-${endpoints}-${vpcHop.target.spoke}`, to] : undefined;
    }
    const tgw = p.transitGateway;
    assert.ok(tgw, "a TGW route needs the TGW plan");
    let arrival: TgwAttachmentRef = { kind: "vpc", vpc: from };
    const hops = [from];
    for (let i = 0; i < 4; i++) {
        const assoc = tgw.associations.find((a) => attachmentLabel(a.attachment) === attachmentLabel(arrival));
        if (!assoc) {
            return undefined;
        }
        hops.push(assoc.table);
        const candidates: { cidr: string; next: TgwAttachmentRef }[] = [
            ...tgw.propagations
                .filter((x) => x.table === assoc.table)
                .map((x) => ({ cidr: cidrs.get(x.vpc) as string, next: { kind: "vpc" as const, vpc: x.vpc } })),
            ...tgw.staticRoutes.filter((x) => x.table === assoc.table).map((x) => ({ cidr: x.destination, next: x.attachment })),
        ].filter((x) => within(x.cidr, dst));
        const best = candidates.sort((a, b) => cidr(b.cidr).prefix - cidr(a.cidr).prefix)[0];
        if (!best) {
            return undefined;
        }
        if (best.next.kind === "vpc") {
            return best.next.vpc === to ? [...hops, to] : undefined;
        }
        hops.push(attachmentLabel(best.next));
        arrival = otherSide(best.next);
    }
    return undefined;
}

const segmentOf = (c: LandingZoneConfig, spoke: string) => c.connectivity.segments.find((s) => s.spokes.includes(spoke))?.name;

// ---------------------------------------------------------------------------------------------

describe("planning/routing", () => {
    describe("the committed layouts", () => {
        const TGW = configOf({
            hub: { region: "eu-west-2", cidr: "10.0.0.0/16", azCount: 1 },
            supernets: { "eu-west-1": "10.16.0.0/12", "eu-west-2": "10.32.0.0/12", "eu-central-1": "10.48.0.0/12" },
            spokes: [
                { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20", azCount: 1 },
                { name: "ledger", region: "eu-west-1", cidr: "10.16.16.0/20", azCount: 1 },
                { name: "analytics", region: "eu-central-1", cidr: "10.48.0.0/20", azCount: 1 },
                { name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20", azCount: 1 },
            ],
            connectivity: { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "ledger"] }] },
            tags: { owner: "platform-team" },
        });

        it("plans the tgw stack's route tables per region: hub, spokes, peering and one table per segment", () => {
            const tgw = plan(TGW).transitGateway;
            assert.ok(tgw);
            assert.deepEqual(
                tgw.routeTables.map((t) => t.key),
                [
                    "eu-west-2-spokes",
                    "eu-west-2-hub",
                    "eu-west-2-peering",
                    "eu-central-1-spokes",
                    "eu-central-1-peering",
                    "eu-west-1-peering",
                    "eu-west-1-segment-finance",
                    "eu-central-1-endpoints",
                    "eu-west-1-endpoints",
                ],
            );
            assert.deepEqual(tgwRouteTablesPerRegion(plan(TGW)), { "eu-west-2": 3, "eu-central-1": 3, "eu-west-1": 3 });
        });

        it("associates the hub, each spoke and both sides of each peering, each with one table", () => {
            const tgw = plan(TGW).transitGateway;
            assert.ok(tgw);
            assert.deepEqual(
                tgw.associations.map((a) => `${a.label} -> ${a.table}`),
                [
                    "hub -> eu-west-2-hub",
                    "spoke-payments -> eu-west-1-segment-finance",
                    "spoke-ledger -> eu-west-1-segment-finance",
                    "spoke-analytics -> eu-central-1-spokes",
                    "spoke-tooling -> eu-west-2-spokes",
                    "peering-eu-central-1-hub-side -> eu-west-2-peering",
                    "peering-eu-central-1-eu-central-1-side -> eu-central-1-peering",
                    "peering-eu-west-1-hub-side -> eu-west-2-peering",
                    "peering-eu-west-1-eu-west-1-side -> eu-west-1-peering",
                    "endpoints-eu-central-1 -> eu-central-1-endpoints",
                    "endpoints-eu-west-1 -> eu-west-1-endpoints",
                ],
            );
        });

        it("routes across each peering statically: the hub to each remote supernet, each remote table back to the hub", () => {
            const tgw = plan(TGW).transitGateway;
            assert.ok(tgw);
            assert.deepEqual(
                tgw.staticRoutes.map((r) => `${r.table} ${r.destination} via ${attachmentLabel(r.attachment)}`),
                [
                    "eu-west-2-hub 10.48.0.0/12 via peering-eu-central-1-hub-side",
                    "eu-central-1-spokes 10.0.0.0/16 via peering-eu-central-1-eu-central-1-side",
                    "eu-west-2-hub 10.16.0.0/12 via peering-eu-west-1-hub-side",
                    "eu-west-1-segment-finance 10.0.0.0/16 via peering-eu-west-1-eu-west-1-side",
                ],
            );
        });

        it("gives each spoke VPC route table the hub CIDR and its segment peers, and the hub one route per spoke supernet", () => {
            const routes = plan(TGW).vpcRoutes;
            const of = (vpc: string) => routes.filter((r) => r.vpc === vpc && r.routeTable === "workload-0").map((r) => r.destination);
            assert.deepEqual(of("hub"), ["10.48.0.0/12", "10.16.0.0/12", "10.32.0.0/12"], "sorted by region");
            // Plus the region's endpoint VPC (the last /22 of its supernet) for the spokes outside the hub region.
            assert.deepEqual(of("spoke-payments"), ["10.0.0.0/16", "10.16.16.0/20", "10.31.252.0/22"]);
            assert.deepEqual(of("spoke-analytics"), ["10.0.0.0/16", "10.63.252.0/22"]);
            assert.deepEqual(of("spoke-tooling"), ["10.0.0.0/16"]);
            assert.deepEqual(of("endpoints-eu-west-1"), ["10.16.0.0/12"], "one route back to the whole region");
            assert.deepEqual(vpcRoutesPerTable(plan(TGW)).get("spoke-payments"), 3);
            assert.deepEqual(vpcRoutesPerTable(plan(TGW)).get("hub"), 3);
        });

        it("in peering mode routes only through the spoke's own connection: the hub CIDR one way, the spoke CIDR back", () => {
            const c = configOf({
                hub: { region: "eu-west-2", cidr: "10.0.0.0/16", azCount: 2 },
                supernets: { "eu-west-1": "10.16.0.0/12" },
                spokes: [{ name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20", azCount: 1 }],
                tags: { owner: "platform-team" },
            });
            const p = plan(c);
            assert.equal(p.transitGateway, undefined);
            assert.deepEqual(
                p.vpcRoutes.map((r) => r.key),
                [
                    "spoke-payments/workload-0 -> 10.0.0.0/16",
                    "spoke-payments/endpoint-0 -> 10.0.0.0/16",
                    "hub/workload-0 -> 10.16.0.0/20",
                    "hub/workload-1 -> 10.16.0.0/20",
                    "hub/endpoint-0 -> 10.16.0.0/20",
                    "hub/endpoint-1 -> 10.16.0.0/20",
                    "spoke-payments/workload-0 -> 10.31.252.0/22",
                    "spoke-payments/endpoint-0 -> 10.31.252.0/22",
                    "endpoints-eu-west-1/workload-0 -> 10.16.0.0/20",
                    "endpoints-eu-west-1/workload-1 -> 10.16.0.0/20",
                    "endpoints-eu-west-1/endpoint-0 -> 10.16.0.0/20",
                    "endpoints-eu-west-1/endpoint-1 -> 10.16.0.0/20",
                ],
            );
            const toHub = p.vpcRoutes.filter((r) => r.vpc === "hub" || r.destination === "10.0.0.0/16");
            assert.ok(toHub.every((r) => r.target.kind === "peering" && r.target.spoke === "payments"));
            const regional = p.vpcRoutes.filter((r) => !toHub.includes(r));
            assert.ok(
                regional.every(
                    (r) => r.target.kind === "endpoints-peering" && r.target.spoke === "payments" && r.target.region === "eu-west-1",
                ),
            );
            assert.deepEqual(p.regionalPeerings, [
                { key: "endpoints-eu-west-1-payments", region: "eu-west-1", spoke: "payments", endpointsVpc: "endpoints-eu-west-1" },
            ]);
            assert.equal(vpcRoutesPerTable(p).get("hub"), 1);
        });
    });

    describe("invariants", () => {
        it("rejects a plan in which two routes claim one (table, destination)", () => {
            const p = plan(configOf(rawConfig("eu-west-2", 1, "transit-gateway", [{ region: "eu-west-1", azCount: 1, segment: -1 }])));
            const tgw = p.transitGateway;
            assert.ok(tgw);
            assert.throws(() => checkRoutingPlan({ ...p, vpcRoutes: [...p.vpcRoutes, p.vpcRoutes[0]] }), RoutingPlanError);
            assert.throws(
                () =>
                    checkRoutingPlan({
                        ...p,
                        transitGateway: { ...tgw, staticRoutes: [...tgw.staticRoutes, { ...tgw.staticRoutes[0], label: "copy" }] },
                    }),
                /two routes for/,
            );
        });

        it("rejects an attachment with no association, or two", () => {
            const p = plan(configOf(rawConfig("eu-west-2", 1, "transit-gateway", [{ region: "eu-west-1", azCount: 1, segment: -1 }])));
            const tgw = p.transitGateway;
            assert.ok(tgw);
            assert.throws(
                () => checkRoutingPlan({ ...p, transitGateway: { ...tgw, associations: tgw.associations.slice(1) } }),
                /has 0 route table associations/,
            );
            assert.throws(
                () => checkRoutingPlan({ ...p, transitGateway: { ...tgw, associations: [...tgw.associations, tgw.associations[0]] } }),
                /has 2 route table associations/,
            );
        });

        it("rejects an association with a table that does not exist in its region", () => {
            const p = plan(configOf(rawConfig("eu-west-2", 1, "transit-gateway", [{ region: "eu-west-1", azCount: 1, segment: -1 }])));
            const tgw = p.transitGateway;
            assert.ok(tgw);
            const [first, ...rest] = tgw.associations;
            assert.throws(
                () => checkRoutingPlan({ ...p, transitGateway: { ...tgw, associations: [{ ...first, table: "eu-west-1-hub" }, ...rest] } }),
                /does not exist in eu-west-2/,
            );
        });

        it("throws instead of routing to an empty CIDR when a segment names an unknown spoke (config validation prevents it)", () => {
            const c = configOf(rawConfig("eu-west-2", 1, "transit-gateway", [{ region: "eu-west-1", azCount: 1, segment: -1 }]));
            const broken: LandingZoneConfig = {
                ...c,
                connectivity: { ...c.connectivity, segments: [{ name: "x", spokes: ["s0", "ghost"] }] },
            };
            assert.throws(() => planRouting(broken, planTopology(broken)), /"ghost".* is not a spoke/);
        });
    });

    describe("properties over random topologies", () => {
        it("every association names an existing table of its own region, and every attachment has exactly one", () => {
            fc.assert(
                fc.property(tgwTopologyArb, (c) => {
                    const tgw = plan(c).transitGateway;
                    assert.ok(tgw);
                    const tables = new Map(tgw.routeTables.map((t) => [t.key, t.region]));
                    for (const a of tgw.associations) {
                        assert.equal(tables.get(a.table), a.region, `${a.label} -> ${a.table}`);
                    }
                    const expected = [
                        HUB_VPC,
                        ...c.spokes.map((s) => spokeVpc(s.name)),
                        ...tgw.peerings.flatMap((r) => [`peering-${r}-hub-side`, `peering-${r}-${r}-side`]),
                        ...planTopology(c).regionalEndpoints.map((e) => e.vpc),
                    ];
                    assert.deepEqual(tgw.associations.map((a) => a.label).sort(), [...expected].sort());
                }),
                { numRuns: 150 },
            );
        });

        it("no two routes share (table, destination), in VPC route tables and TGW route tables alike", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const p = plan(c);
                    const keys = p.vpcRoutes.map((r) => `${r.vpc}/${r.routeTable} ${r.destination}`);
                    assert.equal(new Set(keys).size, keys.length);
                    const tgw = p.transitGateway;
                    if (tgw) {
                        const cidrs = vpcCidrs(c);
                        const tgwKeys = [
                            ...tgw.propagations.map((x) => `${x.table} ${cidrs.get(x.vpc)}`),
                            ...tgw.staticRoutes.map((x) => `${x.table} ${x.destination}`),
                        ];
                        assert.equal(new Set(tgwKeys).size, tgwKeys.length);
                    }
                }),
                { numRuns: 150 },
            );
        });

        it("every spoke reaches the hub and the hub every spoke; two spokes reach each other only in one segment", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const p = plan(c);
                    for (const s of c.spokes) {
                        assert.ok(forward(p, c, spokeVpc(s.name), HUB_VPC), `${s.name} -> hub`);
                        assert.ok(forward(p, c, HUB_VPC, spokeVpc(s.name)), `hub -> ${s.name}`);
                        for (const t of c.spokes) {
                            if (s === t) {
                                continue;
                            }
                            const together = segmentOf(c, s.name) !== undefined && segmentOf(c, s.name) === segmentOf(c, t.name);
                            assert.equal(
                                forward(p, c, spokeVpc(s.name), spokeVpc(t.name)) !== undefined,
                                together,
                                `${s.name} -> ${t.name}`,
                            );
                        }
                    }
                }),
                { numRuns: 200 },
            );
        });

        it("every path across a TGW peering has its return path", () => {
            fc.assert(
                fc.property(tgwTopologyArb, (c) => {
                    const p = plan(c);
                    const vpcs = [...vpcCidrs(c).keys()];
                    for (const a of vpcs) {
                        for (const b of vpcs) {
                            const there = a === b ? undefined : forward(p, c, a, b);
                            if (there?.some((h) => h.startsWith("peering-"))) {
                                const back = forward(p, c, b, a);
                                assert.ok(back, `${a} -> ${b} crosses a peering (${there.join(" > ")}) but ${b} has no way back`);
                            }
                        }
                    }
                    // Each static route across a peering lands in a table that can deliver it.
                    const tgw = p.transitGateway;
                    assert.ok(tgw);
                    for (const r of tgw.staticRoutes) {
                        const arrival = tgw.associations.find(
                            (x) => attachmentLabel(x.attachment) === attachmentLabel(otherSide(r.attachment)),
                        );
                        assert.ok(arrival, `${r.label}: the far side of ${attachmentLabel(r.attachment)} is associated`);
                    }
                }),
                { numRuns: 150 },
            );
        });

        it("every routed table of a VPC carries the same destinations, and VPC routes of a spoke never cover another spoke outside its segment", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const p = plan(c);
                    const byTable = new Map<string, string[]>();
                    for (const r of p.vpcRoutes) {
                        byTable.set(`${r.vpc}/${r.routeTable}`, [...(byTable.get(`${r.vpc}/${r.routeTable}`) ?? []), r.destination]);
                    }
                    for (const [k, dests] of byTable) {
                        const vpc = k.slice(0, k.indexOf("/"));
                        assert.deepEqual(dests, byTable.get(`${vpc}/workload-0`), k);
                    }
                    for (const s of c.spokes) {
                        for (const r of p.vpcRoutes.filter((x) => x.vpc === spokeVpc(s.name))) {
                            for (const t of c.spokes) {
                                if (t !== s && within(r.destination, t.cidr)) {
                                    assert.ok(
                                        segmentOf(c, s.name) !== undefined && segmentOf(c, s.name) === segmentOf(c, t.name),
                                        `${s.name} routes ${r.destination} (covers ${t.name})`,
                                    );
                                }
                            }
                        }
                    }
                }),
                { numRuns: 150 },
            );
        });
        it("each spoke outside the hub region reaches its own region's endpoint VPC and back, and no other region's", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const p = plan(c);
                    const sets = planTopology(c).regionalEndpoints;
                    for (const s of c.spokes) {
                        const own = endpointsOf(c, s.name);
                        assert.equal(own !== undefined, s.region !== c.hub.region, `${s.name} in ${s.region} has a regional set`);
                        for (const e of sets) {
                            const reaches = forward(p, c, spokeVpc(s.name), e.vpc) !== undefined;
                            assert.equal(reaches, e.vpc === own?.vpc, `${s.name} -> ${e.vpc}`);
                            if (e.vpc === own?.vpc) {
                                assert.ok(forward(p, c, e.vpc, spokeVpc(s.name)), `${e.vpc} -> ${s.name}`);
                            }
                        }
                    }
                }),
                { numRuns: 200 },
            );
        });

        it("a regional endpoint VPC reaches only its own region's spokes: never the hub, another region, or another endpoint VPC", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const p = plan(c);
                    for (const e of planTopology(c).regionalEndpoints) {
                        for (const [vpc] of vpcCidrs(c)) {
                            if (vpc === e.vpc) {
                                continue;
                            }
                            const spoke = c.spokes.find((s) => spokeVpc(s.name) === vpc);
                            const expected = spoke !== undefined && spoke.region === e.region;
                            assert.equal(forward(p, c, e.vpc, vpc) !== undefined, expected, `${e.vpc} -> ${vpc}`);
                        }
                    }
                }),
                { numRuns: 150 },
            );
        });

        it("adding a spoke to a region that has a set changes none of the existing routes, propagations or associations", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const remote = c.spokes.find((s) => s.region !== c.hub.region);
                    fc.pre(remote !== undefined);
                    const region = (remote as (typeof c.spokes)[number]).region;
                    const used = c.spokes.filter((s) => s.region === region).length;
                    const base = cidr(SUPERNETS[region]).base + used * 4096;
                    const added = parseConfig(
                        {
                            ...rawConfig(c.hub.region, c.hub.azCount, c.connectivity.mode, []),
                            supernets: c.supernets,
                            spokes: [
                                ...c.spokes.map((s) => ({ name: s.name, region: s.region, cidr: s.cidr, azCount: s.azCount })),
                                {
                                    name: "newcomer",
                                    region,
                                    cidr: `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.0/20`,
                                    azCount: 1,
                                },
                            ],
                            connectivity: c.connectivity,
                        },
                        "routing.spec",
                    );
                    const before = plan(c);
                    const after = plan(added);
                    const keys = (q: RoutingPlan) => [
                        ...q.vpcRoutes.map((r) => `${r.key} via ${JSON.stringify(r.target)}`),
                        ...(q.transitGateway?.associations.map((a) => `${a.label} -> ${a.table}`) ?? []),
                        ...(q.transitGateway?.propagations.map((x) => `${x.label} ${x.vpc} -> ${x.table}`) ?? []),
                        ...(q.transitGateway?.staticRoutes.map((x) => `${x.label} ${x.table} ${x.destination}`) ?? []),
                        ...q.regionalPeerings.map((x) => x.key),
                    ];
                    const now = new Set(keys(after));
                    for (const k of keys(before)) {
                        assert.ok(now.has(k), `kept: ${k}`);
                    }
                }),
                { numRuns: 100 },
            );
        });
    });
});
