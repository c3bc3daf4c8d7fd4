import { strict as assert } from "assert";
import { forwardingPath } from "../../components/connectivity/forwarding-path";
import { TransitGatewayRoutingPlan, VpcRoutePlan } from "../../components/planning/routing";
import { canReach } from "../../offline/reachability";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, Plan, planFor, propertyDeps, propertyDependsOn, tag, withBase } from "../helpers/plan";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    rt: "aws:ec2/routeTable:RouteTable",
    route: "aws:ec2/route:Route",
    pcx: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    pcxAccepter: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
    pcxOptions: "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions",
    subnet: "aws:ec2/subnet:Subnet",
    zone: "aws:route53/zone:Zone",
    assoc: "aws:route53/zoneAssociation:ZoneAssociation",
    tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
    tgwAttach: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwPeer: "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
    tgwPeerAccepter: "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter",
    tgwRt: "aws:ec2transitgateway/routeTable:RouteTable",
    tgwRoute: "aws:ec2transitgateway/route:Route",
    tgwRta: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    tgwProp: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    gw: "aws:ec2/vpcEndpoint:VpcEndpoint",
};

/** Peering config: two eu-west-1 spokes plus one spoke in the hub region (same-region peering). */
const PEERING: ConfigObject = withBase((c) => {
    c.supernets["eu-west-2"] = "10.32.0.0/12";
    c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" });
});

/** Transit-gateway config: three regions, a segment joining payments and ledger, one isolated spoke per region. */
const TGW: ConfigObject = withBase((c) => {
    c.supernets["eu-central-1"] = "10.48.0.0/12";
    c.supernets["eu-west-2"] = "10.32.0.0/12";
    c.spokes = [
        { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20" },
        { name: "ledger", region: "eu-central-1", cidr: "10.48.0.0/20" },
        { name: "analytics", region: "eu-west-1", cidr: "10.16.16.0/20" },
        { name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" },
    ];
    c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "ledger"] }] };
});

const spokeNames = (c: ConfigObject) => (c.spokes as { name: string }[]).map((s) => s.name);

function vpcNamed(plan: Plan, name: string): CapturedResource {
    return plan.one(T.vpc, name);
}

/** Route tables of a VPC in the given tiers. */
function routeTables(plan: Plan, vpc: CapturedResource, tiers = ["workload", "endpoint"]): CapturedResource[] {
    return plan.byType(T.rt).filter((rt) => propertyDependsOn(rt, "vpcId", vpc.urn) && tiers.includes(tag(rt, "landing-zone:tier") ?? ""));
}

function routesIn(plan: Plan, rt: CapturedResource): CapturedResource[] {
    return plan.byType(T.route).filter((r) => propertyDependsOn(r, "routeTableId", rt.urn));
}

describe("connectivity: peering", () => {
    let plan: Plan;
    before(async () => {
        plan = await planFor(PEERING);
    });

    it("creates one peering connection per spoke, requested from the spoke's region towards the hub", () => {
        const hub = vpcNamed(plan, "hub");
        // The eu-west-1 spokes' peerings with their Region's endpoint VPC: tests/components/regional-endpoints.spec.ts.
        const conns = plan.byType(T.pcx).filter((p) => !p.name.startsWith("peering-endpoints-"));
        assert.equal(conns.length, spokeNames(PEERING).length);
        for (const name of spokeNames(PEERING)) {
            const spoke = vpcNamed(plan, `spoke-${name}`);
            const pcx = plan.one(T.pcx, `peering-${name}`);
            assert.ok(propertyDependsOn(pcx, "vpcId", spoke.urn), "requester VPC is the spoke");
            assert.ok(propertyDependsOn(pcx, "peerVpcId", hub.urn), "accepter VPC is the hub");
            assert.equal(pcx.region, spoke.region, "requester lives in the spoke's region");
            assert.equal(pcx.inputs.autoAccept, false);
            if (spoke.region === hub.region) {
                assert.equal(pcx.inputs.peerRegion, undefined, "same-region peering has no peerRegion");
            } else {
                assert.equal(pcx.inputs.peerRegion, hub.region);
            }
        }
    });

    it("accepts each connection in the hub's region", () => {
        for (const name of spokeNames(PEERING)) {
            const pcx = plan.one(T.pcx, `peering-${name}`);
            const acc = plan.one(T.pcxAccepter, `peering-${name}-accepter`);
            assert.ok(propertyDependsOn(acc, "vpcPeeringConnectionId", pcx.urn));
            assert.equal(acc.region, "eu-west-2");
            assert.equal(acc.inputs.autoAccept, true);
        }
    });

    it("tags each side across regions, and in one region gives the accepter the requester's tags (both resources manage one object)", () => {
        // In one region both resources own the same peering connection: an accepter without tags would,
        // through the provider's defaultTags, strip the requester's Name and side tags on every update
        // (and the requester put them back on the next).
        const sameRegion = plan.one(T.pcxAccepter, "peering-tooling-accepter");
        assert.deepEqual(sameRegion.inputs.tags, plan.one(T.pcx, "peering-tooling").inputs.tags);
        assert.equal(tag(sameRegion, "Name"), "peering-tooling");
        assert.equal(tag(plan.one(T.pcxAccepter, "peering-payments-accepter"), "landing-zone:side"), "accepter");
        assert.equal(tag(plan.one(T.pcx, "peering-payments"), "landing-zone:side"), "requester");
    });

    it("sets peering options once per side, each in its own region, after acceptance", () => {
        for (const name of spokeNames(PEERING)) {
            const acc = plan.one(T.pcxAccepter, `peering-${name}-accepter`);
            const req = plan.one(T.pcxOptions, `peering-${name}-requester-options`);
            const accOpts = plan.one(T.pcxOptions, `peering-${name}-accepter-options`);
            const spoke = vpcNamed(plan, `spoke-${name}`);
            assert.equal(req.region, spoke.region);
            assert.equal(accOpts.region, "eu-west-2");
            assert.ok(req.inputs.requester && !req.inputs.accepter, "requester side sets only the requester block");
            assert.ok(accOpts.inputs.accepter && !accOpts.inputs.requester, "accepter side sets only the accepter block");
            assert.ok(propertyDependsOn(req, "vpcPeeringConnectionId", acc.urn));
            assert.ok(propertyDependsOn(accOpts, "vpcPeeringConnectionId", acc.urn));
        }
    });

    it("routes each spoke to the hub CIDR and the hub back to each spoke CIDR, through that spoke's connection, after acceptance", () => {
        const hub = vpcNamed(plan, "hub");
        for (const name of spokeNames(PEERING)) {
            const spoke = vpcNamed(plan, `spoke-${name}`);
            const pcx = plan.one(T.pcx, `peering-${name}`);
            const acc = plan.one(T.pcxAccepter, `peering-${name}-accepter`);
            const check = (from: CapturedResource, to: CapturedResource) => {
                const tables = routeTables(plan, from);
                assert.ok(tables.length >= 2);
                for (const rt of tables) {
                    const matching = routesIn(plan, rt).filter((r) => r.inputs.destinationCidrBlock === to.inputs.cidrBlock);
                    assert.equal(matching.length, 1, `${rt.name} has exactly one route to ${to.name}`);
                    assert.ok(
                        propertyDependsOn(matching[0], "vpcPeeringConnectionId", pcx.urn),
                        `${matching[0].name} goes through ${pcx.name}`,
                    );
                    assert.ok(matching[0].dependencies.includes(acc.urn), `${matching[0].name} waits for the accepter`);
                    assert.equal(matching[0].region, from.region);
                }
            };
            check(spoke, hub);
            check(hub, spoke);
        }
    });

    it("never routes 0.0.0.0/0 and never routes one spoke to another (peering is not transitive)", () => {
        for (const r of plan.byType(T.route)) {
            assert.notEqual(r.inputs.destinationCidrBlock, "0.0.0.0/0", r.name);
        }
        const [a, b] = spokeNames(PEERING);
        const res = canReach(plan.resources, `spoke-${a}-workload-0`, `spoke-${b}-workload-0`);
        assert.equal(res.open, false);
        assert.match(res.brokenAt ?? "", /no route/);
    });

    it("associates every hub zone with every spoke VPC, with the spoke's region", () => {
        // Regional endpoint zones go to their own Region's spokes only: tests/components/regional-endpoints.spec.ts.
        const zones = plan.byType(T.zone).filter((z) => z.name.startsWith("hub-"));
        assert.ok(zones.length > 5);
        for (const name of spokeNames(PEERING)) {
            const spoke = vpcNamed(plan, `spoke-${name}`);
            for (const z of zones) {
                const assocs = plan
                    .byType(T.assoc)
                    .filter((a) => propertyDependsOn(a, "zoneId", z.urn) && propertyDependsOn(a, "vpcId", spoke.urn));
                assert.equal(assocs.length, 1, `${z.inputs.name} associated once with ${spoke.name}`);
                assert.equal(assocs[0].inputs.vpcRegion, spoke.region);
                assert.equal(assocs[0].region, "global");
            }
        }
    });

    it("gives every spoke its own S3 and DynamoDB gateway endpoints in its own region", () => {
        for (const name of spokeNames(PEERING)) {
            const spoke = vpcNamed(plan, `spoke-${name}`);
            const gws = plan.byType(T.gw).filter((e) => e.inputs.vpcEndpointType === "Gateway" && propertyDependsOn(e, "vpcId", spoke.urn));
            assert.deepEqual(gws.map((g) => g.inputs.serviceName).sort(), [
                `com.amazonaws.${spoke.region}.dynamodb`,
                `com.amazonaws.${spoke.region}.s3`,
            ]);
            const tables = plan.byType(T.rt).filter((rt) => propertyDependsOn(rt, "vpcId", spoke.urn));
            for (const g of gws) {
                for (const rt of tables) {
                    assert.ok(propertyDependsOn(g, "routeTableIds", rt.urn), `${g.name} on ${rt.name}`);
                }
            }
        }
    });
});

describe("connectivity: transit gateway", () => {
    let plan: Plan;
    before(async () => {
        plan = await planFor(TGW);
    });
    const regions = ["eu-west-2", "eu-west-1", "eu-central-1"];

    it("creates one transit gateway per region with defaults and auto-accept disabled", () => {
        const tgws = plan.byType(T.tgw);
        assert.deepEqual(tgws.map((t) => t.region).sort(), [...regions].sort());
        const asns = new Set<number>();
        for (const t of tgws) {
            assert.equal(t.inputs.defaultRouteTableAssociation, "disable");
            assert.equal(t.inputs.defaultRouteTablePropagation, "disable");
            assert.equal(t.inputs.autoAcceptSharedAttachments, "disable");
            asns.add(Number(t.inputs.amazonSideAsn));
        }
        assert.equal(asns.size, tgws.length, "ASNs are unique per TGW");
    });

    it("attaches every VPC to its own region's TGW in the transit subnets of every AZ", () => {
        for (const vpc of plan.byType(T.vpc)) {
            const atts = plan.byType(T.tgwAttach).filter((a) => propertyDependsOn(a, "vpcId", vpc.urn));
            assert.equal(atts.length, 1, `${vpc.name} has one attachment`);
            const att = atts[0];
            const tgw = plan.byType(T.tgw).find((t) => propertyDependsOn(att, "transitGatewayId", t.urn));
            assert.equal(tgw?.region, vpc.region);
            assert.equal(att.region, vpc.region);
            const transit = plan
                .byType(T.subnet)
                .filter((s) => propertyDependsOn(s, "vpcId", vpc.urn) && tag(s, "landing-zone:tier") === "transit");
            assert.deepEqual([...propertyDeps(att, "subnetIds")].sort(), transit.map((s) => s.urn).sort());
            assert.equal(att.inputs.transitGatewayDefaultRouteTableAssociation, false);
            assert.equal(att.inputs.transitGatewayDefaultRouteTablePropagation, false);
        }
    });

    it("peers the hub TGW with each spoke region's TGW, accepted in the peer region", () => {
        const hubTgw = plan.byType(T.tgw).find((t) => t.region === "eu-west-2") as CapturedResource;
        for (const r of ["eu-west-1", "eu-central-1"]) {
            const peer = plan.one(T.tgwPeer, `tgw-peering-${r}`);
            const remote = plan.byType(T.tgw).find((t) => t.region === r) as CapturedResource;
            assert.equal(peer.region, "eu-west-2");
            assert.equal(peer.inputs.peerRegion, r);
            assert.ok(propertyDependsOn(peer, "transitGatewayId", hubTgw.urn));
            assert.ok(propertyDependsOn(peer, "peerTransitGatewayId", remote.urn));
            const acc = plan.one(T.tgwPeerAccepter, `tgw-peering-${r}-accepter`);
            assert.equal(acc.region, r);
            assert.ok(propertyDependsOn(acc, "transitGatewayAttachmentId", peer.urn));
        }
    });

    it("associates every attachment (both sides of each peering) with exactly one explicit route table", () => {
        const attachmentsAndAccepters = [...plan.byType(T.tgwAttach), ...plan.byType(T.tgwPeer), ...plan.byType(T.tgwPeerAccepter)];
        for (const a of attachmentsAndAccepters) {
            const assocs = plan.byType(T.tgwRta).filter((x) => propertyDependsOn(x, "transitGatewayAttachmentId", a.urn));
            assert.equal(assocs.length, 1, `${a.name} associated once`);
            assert.ok(plan.byType(T.tgwRt).some((t) => propertyDependsOn(assocs[0], "transitGatewayRouteTableId", t.urn)));
        }
    });

    it("routes across peerings statically, waiting for acceptance, and never propagates a peering attachment", () => {
        const accepters = plan.byType(T.tgwPeerAccepter);
        const peerings = plan.byType(T.tgwPeer);
        const viaPeering = plan
            .byType(T.tgwRoute)
            .filter((r) => [...peerings, ...accepters].some((p) => propertyDependsOn(r, "transitGatewayAttachmentId", p.urn)));
        assert.ok(viaPeering.length >= 4);
        for (const r of viaPeering) {
            assert.ok(
                accepters.some((a) => r.dependencies.includes(a.urn)),
                `${r.name} waits for an accepter`,
            );
        }
        for (const p of plan.byType(T.tgwProp)) {
            assert.ok(!peerings.some((x) => propertyDependsOn(p, "transitGatewayAttachmentId", x.urn)), `${p.name} propagates a peering`);
        }
        for (const a of plan.byType(T.tgwRta)) {
            const onPeering = [...peerings, ...accepters].some((x) => propertyDependsOn(a, "transitGatewayAttachmentId", x.urn));
            if (onPeering) {
                assert.ok(
                    accepters.some((acc) => a.dependencies.includes(acc.urn)),
                    `${a.name} waits for acceptance`,
                );
            }
        }
    });

    it("makes every VPC route to a TGW wait for that VPC's attachment; no default routes", () => {
        const toTgw = plan.byType(T.route).filter((r) => (r.propertyDependencies.transitGatewayId ?? []).length > 0);
        assert.ok(toTgw.length > 0);
        for (const r of toTgw) {
            assert.notEqual(r.inputs.destinationCidrBlock, "0.0.0.0/0");
            const rt = plan.byUrn(propertyDeps(r, "routeTableId")[0]);
            const vpcUrn = propertyDeps(rt, "vpcId")[0];
            const att = plan.byType(T.tgwAttach).find((a) => propertyDependsOn(a, "vpcId", vpcUrn)) as CapturedResource;
            assert.ok(r.dependencies.includes(att.urn), `${r.name} waits for ${att.name}`);
        }
    });

    // A VPC route to a TGW carries traffic only once the whole TGW path to its destination exists:
    // the attachment's association, the propagation or static route for the destination in that table
    // and, across regions, the accepted peering and the routes on both sides. Waiting only for the
    // attachment black-holes the traffic at the TGW for minutes after a peering -> TGW switch.
    const waitsFor = (route: string, deps: readonly [string, string][]) => {
        const r = plan.one(T.route, route);
        const missing = deps.filter(([type, name]) => !r.dependencies.includes(plan.one(type, name).urn)).map(([, name]) => name);
        assert.deepEqual(missing, [], `${route} waits for its whole forwarding path`);
    };

    it("makes a same-region spoke's route to the hub wait for its association and the hub's propagation into that table", () => {
        waitsFor("spoke-tooling-workload-0-to-10.0.0.0-16", [
            [T.tgwAttach, "tgw-spoke-tooling"],
            [T.tgwRta, "tgw-spoke-tooling-assoc"],
            [T.tgwProp, "tgw-hub-to-spokes"],
        ]);
    });

    it("makes a cross-region spoke's route to the hub wait for its association, the static route to the hub, the accepted peering and the hub side's table", () => {
        waitsFor("spoke-analytics-workload-0-to-10.0.0.0-16", [
            [T.tgwAttach, "tgw-spoke-analytics"],
            [T.tgwRta, "tgw-spoke-analytics-assoc"],
            [T.tgwRoute, "tgw-eu-west-1-spokes-to-hub"],
            [T.tgwPeerAccepter, "tgw-peering-eu-west-1-accepter"],
            [T.tgwRta, "tgw-peering-eu-west-1-hub-side-assoc"],
            [T.tgwProp, "tgw-hub-to-peering"],
        ]);
    });

    it("makes the hub's route to a remote region wait for the static route, the accepted peering and the remote side's table and propagations", () => {
        waitsFor("hub-workload-0-to-10.16.0.0-12", [
            [T.tgwRta, "tgw-hub-assoc"],
            [T.tgwRoute, "tgw-hub-to-eu-west-1"],
            [T.tgwPeerAccepter, "tgw-peering-eu-west-1-accepter"],
            [T.tgwRta, "tgw-peering-eu-west-1-eu-west-1-side-assoc"],
            [T.tgwProp, "tgw-spoke-payments-to-peering"],
            [T.tgwProp, "tgw-spoke-analytics-to-peering"],
        ]);
    });

    it("makes a segment member's route to a member in a third region wait for the static routes on every TGW of the way and both peerings", () => {
        waitsFor("spoke-payments-workload-0-to-10.48.0.0-20", [
            [T.tgwRta, "tgw-spoke-payments-assoc"],
            [T.tgwRoute, "tgw-eu-west-1-segment-finance-to-ledger"],
            [T.tgwPeerAccepter, "tgw-peering-eu-west-1-accepter"],
            [T.tgwRta, "tgw-peering-eu-west-1-hub-side-assoc"],
            [T.tgwRoute, "tgw-eu-west-2-peering-to-ledger"],
            [T.tgwPeerAccepter, "tgw-peering-eu-central-1-accepter"],
            [T.tgwRta, "tgw-peering-eu-central-1-eu-central-1-side-assoc"],
            [T.tgwProp, "tgw-spoke-ledger-to-peering"],
        ]);
    });

    it("routes the hub to one aggregate per spoke region, not one route per spoke", () => {
        const hub = vpcNamed(plan, "hub");
        for (const rt of routeTables(plan, hub)) {
            const dests = routesIn(plan, rt)
                .map((r) => r.inputs.destinationCidrBlock)
                .sort();
            assert.deepEqual(dests, ["10.16.0.0/12", "10.32.0.0/12", "10.48.0.0/12"]);
        }
    });

    it("lets every spoke reach the hub and back, segment members reach each other, and no other spoke pair", () => {
        for (const s of spokeNames(TGW)) {
            const r = canReach(plan.resources, `spoke-${s}-workload-0`, "hub-endpoint-0");
            assert.ok(r.open, `${s} -> hub: ${r.brokenAt}`);
        }
        const seg = canReach(plan.resources, "spoke-payments-workload-0", "spoke-ledger-workload-0");
        assert.ok(seg.open, `segment payments <-> ledger (cross-region through the hub TGW): ${seg.brokenAt}`);
        assert.ok(
            seg.hops.some((h) => h.includes("TGW peering")),
            "the segment path crosses a TGW peering",
        );
        for (const [a, b] of [
            ["payments", "analytics"],
            ["analytics", "tooling"],
            ["ledger", "tooling"],
            ["analytics", "ledger"],
        ]) {
            assert.equal(
                canReach(plan.resources, `spoke-${a}-workload-0`, `spoke-${b}-workload-0`).open,
                false,
                `${a} must not reach ${b}`,
            );
        }
    });
});

describe("connectivity: changing the topology", () => {
    const isConnectivity = (plan: Plan, r: CapturedResource): boolean => {
        let p = plan.byUrnMap.get(r.parent);
        while (p) {
            if (p.type.startsWith("landing-zone:connectivity:")) {
                return true;
            }
            p = plan.byUrnMap.get(p.parent);
        }
        return false;
    };
    const key = (r: CapturedResource) => `${r.type}::${r.name}`;

    it("switching peering <-> transit-gateway changes only connectivity resources", async () => {
        const peering = await planFor(withBase(() => undefined));
        const tgw = await planFor(withBase((c) => (c.connectivity = { mode: "transit-gateway" })));
        const core = (p: Plan) => new Map(p.resources.filter((r) => r.custom && !isConnectivity(p, r)).map((r) => [key(r), r]));
        const a = core(peering);
        const b = core(tgw);
        assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), "same non-connectivity resources in both modes");
        for (const [k, r] of a) {
            assert.deepEqual(b.get(k)?.inputs, r.inputs, `${k} keeps its inputs`);
        }
        assert.ok(peering.resources.some((r) => r.type === T.pcx) && !tgw.resources.some((r) => r.type === T.pcx));
        assert.ok(tgw.resources.some((r) => r.type === T.tgw) && !peering.resources.some((r) => r.type === T.tgw));
    });

    for (const mode of ["peering", "transit-gateway"]) {
        it(`adding spokes (existing region and a new region) modifies no existing resource (${mode})`, async () => {
            const before = await planFor(withBase((c) => (c.connectivity = { mode })));
            const after = await planFor(
                withBase((c) => {
                    c.connectivity = { mode };
                    c.supernets["eu-central-1"] = "10.48.0.0/12";
                    c.spokes.push({ name: "orders", region: "eu-west-1", cidr: "10.16.32.0/20" });
                    c.spokes.push({ name: "search", region: "eu-central-1", cidr: "10.48.0.0/20" });
                }),
            );
            const afterByUrn = new Map(after.resources.map((r) => [r.urn, r]));
            for (const r of before.resources) {
                const same = afterByUrn.get(r.urn);
                assert.ok(same, `${r.urn} still exists`);
                assert.deepEqual(same.inputs, r.inputs, `${r.name} (${r.type}) unchanged`);
            }
            assert.ok(after.resources.length > before.resources.length);
        });
    }
});

describe("stack outputs contract (spokes, transit gateways)", () => {
    type VpcOut = {
        region: string;
        vpcId: string;
        cidr: string;
        subnetIds: Record<string, string[]>;
        routeTableIds: Record<string, string[]>;
        peeringConnectionId?: string;
        transitGatewayAttachmentId?: string;
    };

    const checkVpc = (plan: Plan, out: VpcOut, vpcName: string) => {
        const vpc = plan.one(T.vpc, vpcName);
        assert.equal(out.vpcId, vpc.id);
        assert.equal(out.cidr, vpc.inputs.cidrBlock);
        assert.equal(out.region, vpc.region);
        for (const tier of ["workload", "endpoint", "transit"]) {
            const subnets = plan
                .byType(T.subnet)
                .filter((s) => propertyDependsOn(s, "vpcId", vpc.urn) && tag(s, "landing-zone:tier") === tier)
                .sort((a, b) => a.name.localeCompare(b.name));
            assert.deepEqual(
                out.subnetIds[tier],
                subnets.map((s) => s.id),
                `${vpcName} ${tier} subnets in AZ order`,
            );
            const tables = plan
                .byType(T.rt)
                .filter((t) => propertyDependsOn(t, "vpcId", vpc.urn) && tag(t, "landing-zone:tier") === tier)
                .sort((a, b) => a.name.localeCompare(b.name));
            assert.deepEqual(
                out.routeTableIds[tier],
                tables.map((t) => t.id),
            );
        }
    };

    it("exports every spoke's ids and its peering connection (peering)", async () => {
        const plan = await planFor(PEERING);
        assert.equal(plan.outputs.connectivityMode, "peering");
        const spokes = plan.outputs.spokes as unknown as Record<string, VpcOut>;
        assert.deepEqual(Object.keys(spokes).sort(), [...spokeNames(PEERING)].sort());
        for (const name of spokeNames(PEERING)) {
            checkVpc(plan, spokes[name], `spoke-${name}`);
            assert.equal(spokes[name].peeringConnectionId, plan.one(T.pcx, `peering-${name}`).id);
            assert.equal(spokes[name].transitGatewayAttachmentId, undefined);
        }
        assert.deepEqual(plan.outputs.transitGateways, {});
    });

    it("exports TGW and route table ids per region and each spoke's attachment (transit-gateway)", async () => {
        const plan = await planFor(TGW);
        assert.equal(plan.outputs.connectivityMode, "transit-gateway");
        const tgws = plan.outputs.transitGateways as unknown as Record<
            string,
            { transitGatewayId: string; routeTableIds: Record<string, string> }
        >;
        for (const t of plan.byType(T.tgw)) {
            assert.equal(tgws[t.region].transitGatewayId, t.id);
            const tables = plan.byType(T.tgwRt).filter((rt) => propertyDependsOn(rt, "transitGatewayId", t.urn));
            assert.deepEqual(Object.values(tgws[t.region].routeTableIds).sort(), tables.map((rt) => rt.id).sort());
        }
        assert.ok(tgws["eu-west-2"].routeTableIds.hub && tgws["eu-west-2"].routeTableIds.peering);
        const spokes = plan.outputs.spokes as unknown as Record<string, VpcOut>;
        for (const name of spokeNames(TGW)) {
            checkVpc(plan, spokes[name], `spoke-${name}`);
            assert.equal(spokes[name].transitGatewayAttachmentId, plan.one(T.tgwAttach, `tgw-spoke-${name}`).id);
        }
    });
});

/** (route table URN, destination) -> the route that owns it: the identity AWS enforces (`RouteAlreadyExists`). */
function routesByKey(plan: Plan): Map<string, CapturedResource> {
    const out = new Map<string, CapturedResource>();
    for (const r of plan.byType(T.route)) {
        const key = `${propertyDeps(r, "routeTableId").join(",")} ${String(r.inputs.destinationCidrBlock)}`;
        assert.ok(!out.has(key), `two routes own ${key}`);
        out.set(key, r);
    }
    return out;
}

/** Inputs whose values differ between two registrations of one resource. */
function changedInputs(a: CapturedResource, b: CapturedResource): string[] {
    const keys = new Set([...Object.keys(a.inputs), ...Object.keys(b.inputs)]);
    return [...keys].filter((k) => JSON.stringify(a.inputs[k]) !== JSON.stringify(b.inputs[k])).sort();
}

describe("connectivity: day-2 changes AWS accepts", () => {
    const PEER = withBase((c) => {
        c.supernets["eu-west-2"] = "10.32.0.0/12";
        c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" });
    });
    const TRANSIT = withBase((c) => {
        c.supernets["eu-west-2"] = "10.32.0.0/12";
        c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" });
        c.connectivity = { mode: "transit-gateway" };
    });
    const TARGETS = ["transitGatewayId", "vpcPeeringConnectionId"];

    for (const [from, to, label] of [
        [PEER, TRANSIT, "peering -> transit-gateway"],
        [TRANSIT, PEER, "transit-gateway -> peering"],
    ] as const) {
        it(`switching ${label} keeps one route per (route table, destination): same URN, only the target input changes`, async () => {
            const before = routesByKey(await planFor(from));
            const after = routesByKey(await planFor(to));
            const shared = [...after.keys()].filter((k) => before.has(k));
            // Every spoke's workload and endpoint tables route the hub CIDR in both modes: 3 spokes x 2 AZs x 2 tiers;
            // the two eu-west-1 spokes' tables route their Region's endpoint VPC in both modes too (2 x 2 x 2).
            assert.equal(shared.length, 12 + 8);
            for (const k of shared) {
                const a = before.get(k) as CapturedResource;
                const b = after.get(k) as CapturedResource;
                assert.equal(b.urn, a.urn, `${k}: a new URN would create a second route before deleting the first (RouteAlreadyExists)`);
                const changed = changedInputs(a, b);
                assert.ok(
                    changed.length > 0 && changed.every((i) => TARGETS.includes(i)),
                    `${b.name}: only the target changes (${changed.join(", ")})`,
                );
            }
        });
    }

    it("a spoke whose CIDR is its whole supernet keeps the hub's route to it across a mode switch too", async () => {
        const edge = (mode: string) =>
            withBase((c) => {
                c.supernets["eu-west-1"] = "10.16.0.0/20";
                c.spokes = [{ name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20" }];
                // The spoke takes the whole supernet, where the endpoint VPC's default block would go.
                c.regionalEndpoints = { "eu-west-1": { enabled: false } };
                c.connectivity = { mode };
            });
        const before = routesByKey(await planFor(edge("peering")));
        const after = routesByKey(await planFor(edge("transit-gateway")));
        const hubRoutes = [...after.entries()].filter(([k, r]) => k.endsWith(" 10.16.0.0/20") && r.name.startsWith("hub-"));
        assert.equal(hubRoutes.length, 6, "hub workload and endpoint tables, 3 AZs");
        for (const [k, r] of hubRoutes) {
            assert.equal(before.get(k)?.urn, r.urn, k);
        }
    });

    it("names each VPC route after its route table and destination, whatever the mode", async () => {
        const plan = await planFor(TRANSIT);
        const r = plan.one(T.route, "spoke-payments-workload-0-to-10.0.0.0-16");
        assert.equal(r.inputs.destinationCidrBlock, "10.0.0.0/16");
        assert.ok(propertyDependsOn(r, "routeTableId", plan.one(T.rt, "spoke-payments-workload-0").urn));
        assert.match(r.parent, /landing-zone:connectivity:VpcRoutes::vpc-routes$/);
        assert.ok(plan.one(T.route, "hub-endpoint-1-to-10.32.0.0-12"));
        const peer = await planFor(PEER);
        assert.equal(peer.one(T.route, "spoke-payments-workload-0-to-10.0.0.0-16").parent, r.parent);
        assert.ok(peer.one(T.route, "hub-workload-0-to-10.16.0.0-20"));
    });

    it("adopts the routes of stacks deployed with the per-mode names through aliases (no replacement)", async () => {
        const urn = (parent: string, name: string) => `urn:pulumi:test::landing-zone::${parent}$aws:ec2/route:Route::${name}`;
        const HP = "landing-zone:connectivity:HubPeering";
        const TG = "landing-zone:connectivity:TransitGateways";
        for (const config of [PEER, TRANSIT]) {
            const plan = await planFor(config);
            assert.deepEqual(plan.one(T.route, "spoke-payments-workload-0-to-10.0.0.0-16").aliases, [
                urn(HP, "peering-payments-to-hub-workload-0"),
                urn(TG, "tgw-spoke-payments-to-hub-workload-0"),
            ]);
        }
        assert.deepEqual((await planFor(PEER)).one(T.route, "hub-endpoint-0-to-10.16.16.0-20").aliases, [
            urn(HP, "peering-analytics-to-spoke-endpoint-0"),
        ]);
        assert.deepEqual((await planFor(TRANSIT)).one(T.route, "hub-workload-1-to-10.16.0.0-12").aliases, [
            urn(TG, "tgw-hub-to-eu-west-1-workload-1"),
        ]);
        const seg = await planFor(
            withBase(
                (c) => (c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "analytics"] }] }),
            ),
        );
        assert.deepEqual(seg.one(T.route, "spoke-payments-endpoint-1-to-10.16.16.0-20").aliases, [
            urn(TG, "tgw-spoke-payments-to-analytics-endpoint-1"),
        ]);
        // Routes to and from the regional endpoint VPC are newer than the per-mode names: they never had another.
        const regional = (r: CapturedResource) => r.name.startsWith("endpoints-") || r.inputs.destinationCidrBlock === "10.31.252.0/22";
        for (const r of seg.byType(T.route).filter((x) => !regional(x))) {
            assert.ok((r.aliases ?? []).length > 0, `${r.name} has its former name`);
        }
    });

    it("moving a spoke into a segment re-associates its attachment: same association, new table, the old association released first", async () => {
        const before = await planFor(withBase((c) => (c.connectivity = { mode: "transit-gateway" })));
        const after = await planFor(
            withBase(
                (c) => (c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "analytics"] }] }),
            ),
        );
        for (const spoke of ["payments", "analytics"]) {
            const a = before.one(T.tgwRta, `tgw-spoke-${spoke}-assoc`);
            const b = after.one(T.tgwRta, `tgw-spoke-${spoke}-assoc`);
            assert.equal(b.urn, a.urn);
            assert.notDeepEqual(
                propertyDeps(b, "transitGatewayRouteTableId"),
                propertyDeps(a, "transitGatewayRouteTableId"),
                "the table changes: a replacement",
            );
            // An attachment has exactly one association: a replacement created first fails with
            // Resource.AlreadyAssociated; deleting the old one first is the only order AWS accepts.
            assert.equal(b.deleteBeforeReplace, true, `${b.name} deletes before it replaces`);
        }
    });

    it("every TGW route table association, of VPC and peering attachments alike, deletes before it replaces", async () => {
        const plan = await planFor(TGW);
        const assocs = plan.byType(T.tgwRta);
        assert.equal(assocs.length, 5 + 4 + 2, "5 VPC attachments, both sides of 2 peerings, 2 regional endpoint VPC attachments");
        for (const a of assocs) {
            assert.equal(a.deleteBeforeReplace, true, a.name);
            assert.equal(a.inputs.replaceExistingAssociation, false, `${a.name}: never silently takes over another association`);
        }
    });
});

describe("connectivity: the forwarding path of a VPC route to a TGW (pure)", () => {
    const tgw: TransitGatewayRoutingPlan = {
        hubRegion: "eu-west-2",
        regions: ["eu-west-2"],
        peerings: [],
        routeTables: [
            { key: "eu-west-2-hub", region: "eu-west-2", role: "hub" },
            { key: "eu-west-2-spokes", region: "eu-west-2", role: "spokes" },
        ],
        vpcAttachments: [
            { vpc: "hub", region: "eu-west-2", cidr: "10.0.0.0/16" },
            { vpc: "spoke-a", region: "eu-west-2", cidr: "10.32.0.0/20" },
        ],
        associations: [
            { label: "hub", region: "eu-west-2", attachment: { kind: "vpc", vpc: "hub" }, table: "eu-west-2-hub" },
            { label: "spoke-a", region: "eu-west-2", attachment: { kind: "vpc", vpc: "spoke-a" }, table: "eu-west-2-spokes" },
        ],
        propagations: [{ label: "hub-to-spokes", region: "eu-west-2", vpc: "hub", table: "eu-west-2-spokes" }],
        staticRoutes: [],
    };
    const route: VpcRoutePlan = {
        key: "spoke-a/workload-0 -> 10.0.0.0/16",
        vpc: "spoke-a",
        region: "eu-west-2",
        routeTable: "workload-0",
        destination: "10.0.0.0/16",
        to: { kind: "hub" },
        target: { kind: "transit-gateway", region: "eu-west-2", attachment: "spoke-a" },
    };

    it("is the attachment's association and what carries the destination in its table", () => {
        assert.deepEqual(forwardingPath(tgw, route), {
            associations: ["spoke-a"],
            propagations: ["hub-to-spokes"],
            staticRoutes: [],
            peerings: [],
        });
    });

    it("throws, naming the route and the table, when nothing in the table carries the destination (a black hole)", () => {
        assert.throws(
            () => forwardingPath({ ...tgw, propagations: [] }, route),
            /spoke-a\/workload-0 -> 10\.0\.0\.0\/16: nothing in TGW route table eu-west-2-spokes carries 10\.0\.0\.0\/16/,
        );
    });
});
