/**
 * Inspection plan (components/planning/inspection.ts): a committed layout, the invariants, and
 * properties over random topologies (AZ counts, regions, segments, inspected flows). A forwarding model
 * over the plans follows packets VPC route -> TGW table -> … -> destination, entering the inspection VPC
 * where a route sends it there: its TGW subnet of the AZ appliance mode picks, that subnet's route, the
 * endpoint it names, the endpoint subnet's route back to the TGW.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { InspectionConfig, LandingZoneConfig, parseConfig } from "../../components/config/schema";
import { cidr, contains, overlaps } from "../../components/planning/cidr";
import { checkInspectionPlan, INSPECTION_VPC, InspectionPlan, isInspected, planInspection } from "../../components/planning/inspection";
import { attachmentLabel, HUB_VPC, planRouting, RoutingPlan, spokeVpc, TgwAttachmentRef } from "../../components/planning/routing";
import { planTopology } from "../../components/planning/topology";

const SUPERNETS: Readonly<Record<string, string>> = {
    "eu-west-1": "10.16.0.0/12",
    "eu-west-2": "10.32.0.0/12",
    "eu-central-1": "10.48.0.0/12",
    "us-east-1": "10.64.0.0/12",
};
const HUB_REGIONS = ["eu-west-2", "eu-west-1", "us-east-1"];
const SPOKE_REGIONS = Object.keys(SUPERNETS);
const INSPECTION_CIDR = "10.1.0.0/22";

interface SpokeDraft {
    readonly region: string;
    readonly azCount: number;
    /** Segment index, or -1 for none. */
    readonly segment: number;
}

interface Draft {
    readonly hubRegion: string;
    readonly hubAz: number;
    readonly spokes: readonly SpokeDraft[];
    readonly inspection: Record<string, unknown>;
}

/**
 * Raw stack config for a drawn topology. A segment keeps at most one member per region outside the hub
 * region (validation refuses to inspect two such members: their traffic never reaches the hub region).
 */
function rawConfig(d: Draft): Record<string, unknown> {
    const perRegion = new Map<string, number>();
    const spokes = d.spokes.map((s, i) => {
        const k = perRegion.get(s.region) ?? 0;
        perRegion.set(s.region, k + 1);
        const base = cidr(SUPERNETS[s.region]).base + k * 4096;
        const text = `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.0/20`;
        return { name: `s${i}`, region: s.region, cidr: text, azCount: s.azCount };
    });
    const segments: { name: string; spokes: string[] }[] = [];
    for (const idx of [0, 1, 2]) {
        const remoteRegions = new Set<string>();
        const members = d.spokes.flatMap((s, i) => {
            if (s.segment !== idx || (s.region !== d.hubRegion && remoteRegions.has(s.region))) {
                return [];
            }
            if (s.region !== d.hubRegion) {
                remoteRegions.add(s.region);
            }
            return [`s${i}`];
        });
        if (members.length >= 2) {
            segments.push({ name: `seg${idx}`, spokes: members });
        }
    }
    return {
        hub: { region: d.hubRegion, cidr: "10.0.0.0/16", azCount: d.hubAz },
        supernets: Object.fromEntries([...perRegion.keys()].map((r) => [r, SUPERNETS[r]])),
        spokes,
        connectivity: { mode: "transit-gateway", segments },
        inspection: d.inspection,
        tags: { owner: "platform-team" },
    };
}

type Inspected = LandingZoneConfig & { readonly inspection: InspectionConfig };

function configOf(raw: Record<string, unknown>): Inspected {
    const c = parseConfig(raw, "inspection.spec");
    assert.ok(c.inspection, "the config has inspection");
    return c as Inspected;
}

function plans(c: Inspected): { routing: RoutingPlan; inspection: InspectionPlan } {
    const topology = planTopology(c);
    const routing = planRouting(c, topology);
    return { routing, inspection: planInspection(c, topology, routing) };
}

const flowsArb = fc
    .record({ spokeToHub: fc.boolean(), spokeToSpoke: fc.boolean(), interRegion: fc.boolean() })
    .filter((f) => f.spokeToHub || f.spokeToSpoke);

const draftArb: fc.Arbitrary<Draft> = fc.record({
    hubRegion: fc.constantFrom(...HUB_REGIONS),
    hubAz: fc.integer({ min: 1, max: 3 }),
    spokes: fc.array(
        fc.record({
            region: fc.constantFrom(...SPOKE_REGIONS),
            azCount: fc.integer({ min: 1, max: 3 }),
            segment: fc.integer({ min: -1, max: 2 }),
        }),
        { minLength: 1, maxLength: 7 },
    ),
    inspection: fc
        .record({
            cidr: fc.constant(INSPECTION_CIDR),
            azCount: fc.integer({ min: 1, max: 3 }),
            flows: flowsArb,
            engine: fc.constantFrom("gwlb", "network-firewall"),
        })
        .map((i) => (i.engine === "gwlb" ? { ...i, gwlb: { appliances: { ipAddresses: ["10.1.0.10"] } } } : i)),
});

const topologyArb = draftArb.map((d) => configOf(rawConfig(d)));

// ---------------------------------------------------------------------------------------------
// A forwarding model over the plans
// ---------------------------------------------------------------------------------------------

const within = (outer: string, inner: string) => contains(cidr(outer), cidr(inner));

interface TgwView {
    readonly associations: readonly { readonly attachment: TgwAttachmentRef; readonly table: string }[];
    readonly propagations: readonly { readonly vpc: string; readonly table: string }[];
    readonly staticRoutes: readonly { readonly table: string; readonly destination: string; readonly attachment: TgwAttachmentRef }[];
}

/** The attachment a packet arrives on after leaving through `a` (a peering has two sides). */
function otherSide(a: TgwAttachmentRef): TgwAttachmentRef {
    return a.kind === "peering" ? { ...a, side: a.side === "hub" ? "remote" : "hub" } : a;
}

function vpcCidrs(c: LandingZoneConfig): Map<string, string> {
    return new Map([
        [HUB_VPC, c.hub.cidr],
        ...c.spokes.map((s) => [spokeVpc(s.name), s.cidr] as const),
        // The regional endpoint VPCs propagate into their region's spoke tables.
        ...planTopology(c).regionalEndpoints.map((e) => [e.vpc, e.cidr] as const),
    ]);
}

/**
 * The AZ of the inspection attachment a flow uses. Appliance mode: one AZ for the flow, chosen from the
 * flow's two ends whichever way the packet goes (here a hash of the unordered pair).
 */
function applianceModeAz(a: string, b: string, azCount: number): number {
    const key = [a, b].sort().join("|");
    let h = 0;
    for (const ch of key) {
        h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    }
    return h % azCount;
}

/**
 * Follows a packet from VPC `from` to the network address of VPC `to`. Hops: VPC names, TGW tables,
 * peering attachments, and `inspection:transit-<az>` / `inspection:endpoint-<az>` inside the inspection
 * VPC. Undefined when dropped.
 */
function forward(
    routing: RoutingPlan,
    tgw: TgwView,
    c: LandingZoneConfig,
    from: string,
    to: string,
    inspection?: InspectionPlan,
): string[] | undefined {
    const cidrs = vpcCidrs(c);
    const dst = cidrs.get(to) as string;
    const vpcHop = routing.vpcRoutes
        .filter((r) => r.vpc === from && r.routeTable === "workload-0" && within(r.destination, dst))
        .sort((a, b) => cidr(b.destination).prefix - cidr(a.destination).prefix)[0];
    if (!vpcHop) {
        return undefined;
    }
    let arrival: TgwAttachmentRef = { kind: "vpc", vpc: from };
    const hops = [from];
    for (let i = 0; i < 8; i++) {
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
        if (best.next.kind === "vpc" && best.next.vpc === INSPECTION_VPC) {
            assert.ok(inspection, "a route to the inspection VPC needs the inspection plan");
            const az = applianceModeAz(from, to, inspection.azCount);
            hops.push(`inspection:transit-${az}`);
            const toEndpoint = inspection.vpcRoutes.find((r) => r.routeTable === `transit-${az}` && within(r.destination, dst));
            if (!toEndpoint || toEndpoint.target.kind !== "endpoint") {
                return undefined;
            }
            const endpoint = inspection.endpoints.find((e) => e.azIndex === (toEndpoint.target as { azIndex: number }).azIndex);
            if (!endpoint) {
                return undefined;
            }
            hops.push(`inspection:${endpoint.key}`);
            const back = inspection.vpcRoutes.find((r) => r.routeTable === endpoint.subnet && within(r.destination, dst));
            if (!back || back.target.kind !== "transit-gateway") {
                return undefined;
            }
            arrival = { kind: "vpc", vpc: INSPECTION_VPC };
            continue;
        }
        if (best.next.kind === "vpc") {
            return best.next.vpc === to ? [...hops, to] : undefined;
        }
        hops.push(attachmentLabel(best.next));
        arrival = otherSide(best.next);
    }
    return undefined;
}

/** The flow between two VPCs as the config's `flows` classify it. */
function flowOf(c: LandingZoneConfig, a: string, b: string): { kind: "spoke-hub" | "spoke-spoke"; interRegion: boolean } {
    const regionOf = (v: string) => (v === HUB_VPC ? c.hub.region : (c.spokes.find((s) => spokeVpc(s.name) === v)?.region as string));
    return { kind: a === HUB_VPC || b === HUB_VPC ? "spoke-hub" : "spoke-spoke", interRegion: regionOf(a) !== regionOf(b) };
}

const pairs = (c: LandingZoneConfig) => {
    const vpcs = [...vpcCidrs(c).keys()];
    return vpcs.flatMap((a) => vpcs.filter((b) => b !== a).map((b) => [a, b] as const));
};

/** A flow to or from a regional endpoint VPC (planning/regional-endpoints.ts). */
const isRegionalEndpointFlow = (a: string, b: string) => a.startsWith("endpoints-") || b.startsWith("endpoints-");

const endpointHop = (hops: readonly string[]) => hops.find((h) => h.startsWith("inspection:endpoint-"));

// ---------------------------------------------------------------------------------------------

describe("planning/inspection", () => {
    describe("a layout: hub eu-west-2, a segment across eu-west-1 and the hub region, spokes in three regions", () => {
        const RAW = {
            hub: { region: "eu-west-2", cidr: "10.0.0.0/16", azCount: 1 },
            supernets: { "eu-west-1": "10.16.0.0/12", "eu-west-2": "10.32.0.0/12", "eu-central-1": "10.48.0.0/12" },
            spokes: [
                { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20", azCount: 1 },
                { name: "ledger", region: "eu-west-1", cidr: "10.16.16.0/20", azCount: 1 },
                { name: "analytics", region: "eu-central-1", cidr: "10.48.0.0/20", azCount: 1 },
                { name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20", azCount: 1 },
            ],
            connectivity: { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "tooling"] }] },
            inspection: {
                cidr: INSPECTION_CIDR,
                azCount: 2,
                engine: "gwlb",
                gwlb: { appliances: { fleet: { amiId: "ami-0123456789abcdef0" } } },
            },
            tags: { owner: "platform-team" },
        };
        const { routing, inspection: p } = plans(configOf(RAW));

        it("lays out the inspection VPC in the fixed slots: appliance, endpoint and TGW subnets per AZ", () => {
            assert.deepEqual(
                p.subnets.map((s) => `${s.key} ${s.cidr}`),
                [
                    "appliance-0 10.1.0.0/26",
                    "appliance-1 10.1.0.64/26",
                    "endpoint-0 10.1.2.0/27",
                    "endpoint-1 10.1.2.32/27",
                    "transit-0 10.1.3.0/28",
                    "transit-1 10.1.3.16/28",
                ],
            );
        });

        it("attaches the inspection VPC in appliance mode through the TGW subnet of every AZ, associated with the post-inspection table", () => {
            assert.deepEqual(p.attachment, {
                vpc: "inspection",
                region: "eu-west-2",
                cidr: INSPECTION_CIDR,
                applianceModeSupport: "enable",
                subnets: ["transit-0", "transit-1"],
                table: "eu-west-2-post-inspection",
            });
            const assoc = p.transitGateway.associations.filter((a) => a.label === INSPECTION_VPC);
            assert.deepEqual(
                assoc.map((a) => a.table),
                ["eu-west-2-post-inspection"],
            );
        });

        it("routes each TGW subnet to the endpoint of its own AZ and each endpoint subnet back to the transit gateway", () => {
            assert.deepEqual(
                p.vpcRoutes.map((r) => `${r.key} => ${r.target.kind === "endpoint" ? `endpoint-${r.target.azIndex}` : "tgw"}`),
                [
                    "inspection/transit-0 -> 0.0.0.0/0 => endpoint-0",
                    "inspection/transit-1 -> 0.0.0.0/0 => endpoint-1",
                    "inspection/endpoint-0 -> 0.0.0.0/0 => tgw",
                    "inspection/endpoint-1 -> 0.0.0.0/0 => tgw",
                ],
            );
        });

        it("sends the hub region's inspected routes to inspection with their exact destinations, and the hub table's spoke supernets", () => {
            const toInspection = p.transitGateway.staticRoutes
                .filter((r) => r.attachment.kind === "vpc" && r.attachment.vpc === INSPECTION_VPC)
                .map((r) => `${r.key} (${r.change?.kind})`);
            assert.deepEqual(toInspection, [
                "eu-west-2-peering -> 10.0.0.0/16 (replaces-propagations)",
                "eu-west-2-segment-finance -> 10.0.0.0/16 (replaces-propagations)",
                "eu-west-2-segment-finance -> 10.32.0.0/20 (replaces-propagations)",
                "eu-west-2-peering -> 10.32.0.0/20 (replaces-propagations)",
                "eu-west-2-hub -> 10.32.0.0/12 (replaces-propagations)",
                "eu-west-2-hub -> 10.48.0.0/12 (retarget)",
                "eu-west-2-hub -> 10.16.0.0/12 (retarget)",
                "eu-west-2-segment-finance -> 10.16.0.0/20 (retarget)",
            ]);
            assert.ok(!toInspection.some((k) => k.includes("0.0.0.0/0")), "no default route: spokes outside a segment stay apart");
        });

        it("keeps the label of every static route it retargets, so the route stays one resource", () => {
            const retargeted = p.transitGateway.staticRoutes.filter((r) => r.change?.kind === "retarget").map((r) => r.label);
            assert.deepEqual(retargeted, ["hub-to-eu-central-1", "hub-to-eu-west-1", "eu-west-2-segment-finance-to-payments"]);
            const before = new Set(routing.transitGateway?.staticRoutes.map((r) => r.label));
            assert.ok(retargeted.every((l) => before.has(l)));
        });

        it("delivers after inspection: the hub and the hub region's spokes propagated, each remote supernet across its peering", () => {
            const post = "eu-west-2-post-inspection";
            assert.deepEqual(
                p.transitGateway.propagations.filter((x) => x.table === post).map((x) => x.vpc),
                ["hub", "spoke-tooling"],
            );
            assert.deepEqual(
                p.transitGateway.staticRoutes
                    .filter((x) => x.table === post)
                    .map((x) => `${x.destination} via ${attachmentLabel(x.attachment)}`),
                ["10.48.0.0/12 via peering-eu-central-1-hub-side", "10.16.0.0/12 via peering-eu-west-1-hub-side"],
            );
        });

        it("drops exactly the propagations its static routes take over, and changes nothing outside the hub region", () => {
            assert.deepEqual(p.removedPropagations, [
                "hub-to-peering",
                "hub-to-segment-finance",
                "spoke-tooling-to-hub",
                "spoke-tooling-to-segment-finance",
                "spoke-tooling-to-peering",
            ]);
            const base = routing.transitGateway;
            assert.ok(base);
            const remote = (r: { region: string }) => r.region !== "eu-west-2";
            assert.deepEqual(p.transitGateway.propagations.filter(remote), base.propagations.filter(remote));
            assert.deepEqual(
                p.transitGateway.staticRoutes.filter(remote).map((r) => [r.label, r.table, r.destination, attachmentLabel(r.attachment)]),
                base.staticRoutes.filter(remote).map((r) => [r.label, r.table, r.destination, attachmentLabel(r.attachment)]),
            );
        });

        it("with the network-firewall engine plans no appliance subnets and keeps the other slots", () => {
            const nfw = plans(
                configOf({ ...RAW, inspection: { cidr: INSPECTION_CIDR, azCount: 2, engine: "network-firewall" } }),
            ).inspection;
            assert.deepEqual(
                nfw.subnets.map((s) => s.key),
                ["endpoint-0", "endpoint-1", "transit-0", "transit-1"],
            );
            assert.deepEqual(
                nfw.subnets.map((s) => s.cidr),
                p.subnets.filter((s) => s.tier !== "appliance").map((s) => s.cidr),
            );
        });
    });

    describe("refusals and invariants", () => {
        const draft: Draft = {
            hubRegion: "eu-west-2",
            hubAz: 1,
            spokes: [
                { region: "eu-west-1", azCount: 1, segment: -1 },
                { region: "eu-west-2", azCount: 1, segment: -1 },
            ],
            inspection: { cidr: INSPECTION_CIDR, engine: "network-firewall" },
        };
        const c = configOf(rawConfig(draft));
        const { inspection: p } = plans(c);

        it("refuses a routing plan without transit gateways (peering has no place for a middlebox)", () => {
            const topology = planTopology(c);
            const peering = planRouting({ ...c, connectivity: { ...c.connectivity, mode: "peering" } }, topology);
            assert.throws(() => planInspection(c, topology, peering), /needs transit-gateway mode/);
        });

        it("refuses to inspect a segment with two members in one region outside the hub region (validation prevents it)", () => {
            const raw = rawConfig({ ...draft, spokes: [{ region: "eu-west-1", azCount: 1, segment: -1 }] });
            const one = configOf(raw);
            const two: Inspected = {
                ...one,
                spokes: [...one.spokes, { ...one.spokes[0], name: "s9", cidr: "10.16.16.0/20" }],
                connectivity: { ...one.connectivity, segments: [{ name: "x", spokes: ["s0", "s9"] }] },
            };
            const topology = planTopology({ ...two, supernets: one.supernets });
            assert.throws(() => planInspection(two, topology, planRouting(two, topology)), /never reaches the inspection VPC/);
        });

        it("rejects an inspection attachment without appliance mode", () => {
            const off = { ...p, attachment: { ...p.attachment, applianceModeSupport: "disable" } } as unknown as InspectionPlan;
            assert.throws(() => checkInspectionPlan(off), /appliance mode/);
        });

        it("rejects a TGW subnet that routes to another AZ's endpoint", () => {
            const crossed = {
                ...p,
                vpcRoutes: p.vpcRoutes.map((r) =>
                    r.routeTable === "transit-0" ? { ...r, target: { kind: "endpoint" as const, azIndex: 1 } } : r,
                ),
            };
            assert.throws(() => checkInspectionPlan(crossed), /transit-0 does not route to an endpoint in its own AZ/);
        });

        it("rejects an AZ whose endpoint is missing", () => {
            assert.throws(() => checkInspectionPlan({ ...p, endpoints: p.endpoints.slice(1) }), /transit-0 does not route to an endpoint/);
        });

        it("rejects two routes for one (table, destination), and an inspection attachment with two tables", () => {
            const tgw = p.transitGateway;
            const dup = tgw.staticRoutes.find((r) => r.attachment.kind === "vpc");
            assert.ok(dup);
            assert.throws(
                () =>
                    checkInspectionPlan({
                        ...p,
                        transitGateway: { ...tgw, staticRoutes: [...tgw.staticRoutes, { ...dup, label: "copy" }] },
                    }),
                /two routes for/,
            );
            const second = { ...tgw.associations[tgw.associations.length - 1], table: tgw.associations[0].table };
            assert.throws(
                () => checkInspectionPlan({ ...p, transitGateway: { ...tgw, associations: [...tgw.associations, second] } }),
                /inspection has 2 route table associations/,
            );
        });
    });

    describe("properties over random topologies", () => {
        it("every inspected flow crosses the inspection attachment forward and back, through one endpoint (the same AZ both ways)", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const { routing, inspection } = plans(c);
                    for (const [a, b] of pairs(c)) {
                        // A spoke and its region's endpoint VPC talk inside their region, never through the
                        // hub region's inspection VPC (the next property pins their path unchanged).
                        if (isRegionalEndpointFlow(a, b) || !isInspected(c.inspection.flows, flowOf(c, a, b))) {
                            continue;
                        }
                        const there = forward(routing, inspection.transitGateway, c, a, b, inspection);
                        const back = forward(routing, inspection.transitGateway, c, b, a, inspection);
                        if (!there && !back) {
                            continue; // not connected at all (spokes of no common segment)
                        }
                        assert.ok(there && back, `${a} <-> ${b}: ${there?.join(" > ")} / ${back?.join(" > ")}`);
                        const e = endpointHop(there);
                        assert.ok(e, `${a} -> ${b} bypasses inspection: ${there.join(" > ")}`);
                        assert.equal(endpointHop(back), e, `${b} -> ${a} returns through another endpoint: ${back.join(" > ")}`);
                        const az = e.slice("inspection:endpoint-".length);
                        assert.ok(
                            there.includes(`inspection:transit-${az}`),
                            `the endpoint is in the AZ the TGW delivered to: ${there.join(" > ")}`,
                        );
                    }
                }),
                { numRuns: 200 },
            );
        });

        it("uninspected flows take the path they take without inspection, and inspection connects no pair that was not connected", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const { routing, inspection } = plans(c);
                    const base = routing.transitGateway;
                    assert.ok(base);
                    for (const [a, b] of pairs(c)) {
                        const before = forward(routing, base, c, a, b);
                        const after = forward(routing, inspection.transitGateway, c, a, b, inspection);
                        assert.equal(
                            after !== undefined,
                            before !== undefined,
                            `${a} -> ${b} reachable before: ${before?.join(" > ")}, after: ${after?.join(" > ")}`,
                        );
                        if (isRegionalEndpointFlow(a, b) || !isInspected(c.inspection.flows, flowOf(c, a, b))) {
                            assert.deepEqual(after, before, `${a} -> ${b} is not inspected`);
                        }
                    }
                }),
                { numRuns: 200 },
            );
        });

        it("no route more specific than an inspection route of its table bypasses it", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const { inspection } = plans(c);
                    const tgw = inspection.transitGateway;
                    const cidrs = new Map(tgw.vpcAttachments.map((v) => [v.vpc, v.cidr]));
                    for (const r of tgw.staticRoutes.filter((x) => x.inspects)) {
                        const others = [
                            ...tgw.propagations
                                .filter((x) => x.table === r.table)
                                .map((x) => ({ what: x.label, dest: cidrs.get(x.vpc) as string })),
                            ...tgw.staticRoutes
                                .filter((x) => x.table === r.table && x !== r && !x.inspects)
                                .map((x) => ({ what: x.label, dest: x.destination })),
                        ];
                        for (const o of others) {
                            assert.ok(
                                !(within(r.destination, o.dest) && o.dest !== r.destination),
                                `${o.what} (${o.dest}) in ${r.table} is more specific than ${r.key} and skips inspection`,
                            );
                        }
                    }
                }),
                { numRuns: 200 },
            );
        });

        it("every AZ with a TGW subnet has an endpoint in the same AZ, and no two routes share (table, destination)", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const { inspection: p } = plans(c);
                    const transit = p.subnets.filter((s) => s.tier === "transit");
                    assert.equal(transit.length, c.inspection.azCount);
                    for (const s of transit) {
                        const route = p.vpcRoutes.find((r) => r.routeTable === s.key);
                        assert.ok(route && route.target.kind === "endpoint" && route.target.azIndex === s.azIndex, s.key);
                        assert.ok(
                            p.endpoints.some((e) => e.azIndex === s.azIndex && e.subnet === `endpoint-${s.azIndex}`),
                            s.key,
                        );
                    }
                    const tgw = p.transitGateway;
                    const cidrs = new Map(tgw.vpcAttachments.map((v) => [v.vpc, v.cidr]));
                    const keys = [
                        ...tgw.propagations.map((x) => `${x.table} ${cidrs.get(x.vpc)}`),
                        ...tgw.staticRoutes.map((x) => `${x.table} ${x.destination}`),
                    ];
                    assert.equal(new Set(keys).size, keys.length);
                    const vpcKeys = p.vpcRoutes.map((r) => r.key);
                    assert.equal(new Set(vpcKeys).size, vpcKeys.length);
                }),
                { numRuns: 200 },
            );
        });

        it("adding an AZ to the inspection VPC moves no subnet, and no two subnets overlap", () => {
            fc.assert(
                fc.property(draftArb, fc.integer({ min: 1, max: 2 }), (d, az) => {
                    const at = (n: number) =>
                        plans(configOf(rawConfig({ ...d, inspection: { ...d.inspection, azCount: n } }))).inspection.subnets;
                    const small = at(az);
                    const big = new Map(at(az + 1).map((s) => [s.key, s.cidr]));
                    for (const s of small) {
                        assert.equal(big.get(s.key), s.cidr, s.key);
                    }
                    const all = [...big.values()];
                    for (let i = 0; i < all.length; i++) {
                        assert.ok(contains(cidr(INSPECTION_CIDR), cidr(all[i])));
                        for (let j = i + 1; j < all.length; j++) {
                            assert.ok(!overlaps(cidr(all[i]), cidr(all[j])), `${all[i]} overlaps ${all[j]}`);
                        }
                    }
                }),
                { numRuns: 60 },
            );
        });

        it("every attachment, the inspection VPC's included, has exactly one association with a table of its region", () => {
            fc.assert(
                fc.property(topologyArb, (c) => {
                    const tgw = plans(c).inspection.transitGateway;
                    const tables = new Map(tgw.routeTables.map((t) => [t.key, t.region]));
                    for (const a of tgw.associations) {
                        assert.equal(tables.get(a.table), a.region, `${a.label} -> ${a.table}`);
                    }
                    const labels = tgw.associations.map((a) => a.label);
                    assert.equal(new Set(labels).size, labels.length);
                    assert.ok(labels.includes(INSPECTION_VPC));
                }),
                { numRuns: 100 },
            );
        });
    });
});
