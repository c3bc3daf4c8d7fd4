import { strict as assert } from "assert";
import { parseConfig } from "../../components/config/validate";
import { validateTraffic } from "../../components/config/traffic";
import { estimateCost } from "../../offline/cost";
import { renderMermaid } from "../../offline/diagram";
import { analyzeReachability, PathVerdict } from "../../offline/reachability";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, Plan, planFor, propertyDeps, tag, withBase } from "../helpers/plan";

/**
 * The plan's analysis sections on the real program with centralised inspection, both engines: the
 * reachability matrix shows every inspected path's inspection hop and breaks naming the cause when
 * appliance mode is turned off, a bypass route is added, or one AZ's endpoint is removed; the cost
 * report prices each inspection component; the diagram puts the inspection VPC in the path.
 */

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    tgwAttach: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwRoute: "aws:ec2transitgateway/route:Route",
};

/** Hub region eu-west-2 with a spoke there, two in eu-west-1, TGW mode, one segment with one member per region. */
function tgwWith(inspection: Record<string, unknown> | undefined): ConfigObject {
    return withBase((c) => {
        c.supernets["eu-west-2"] = "10.32.0.0/12";
        c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" });
        c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "tooling"] }] };
        if (inspection) {
            c.inspection = inspection;
        }
    });
}

const GWLB = tgwWith({
    cidr: "10.1.0.0/16",
    azCount: 2,
    engine: "gwlb",
    gwlb: { appliances: { fleet: { amiId: "ami-0123456789abcdef0", instanceType: "c5n.large", desiredCapacity: 2 } } },
});
const NFW = tgwWith({ cidr: "10.1.0.0/16", azCount: 2, engine: "network-firewall" });
const PLAIN = tgwWith(undefined);

const inspectionVpc = (p: Plan): CapturedResource => {
    const v = p.byType(T.vpc).filter((x) => tag(x, "landing-zone:role") === "inspection");
    assert.equal(v.length, 1);
    return v[0];
};
const inspectionAttachment = (p: Plan) => p.dependents(T.tgwAttach, "vpcId", inspectionVpc(p).urn)[0];

const inspected = (paths: readonly PathVerdict[]) => paths.filter((x) => x.kind === "spoke-to-endpoint" || x.kind === "segment");

function cost(p: Plan) {
    const traffic = validateTraffic({});
    assert.ok(traffic.ok);
    return estimateCost(p.resources, parseConfig(p.config), traffic.traffic);
}

describe("plan analysis with centralised inspection (real program)", function () {
    this.timeout(120_000);
    let gwlb: Plan;
    let nfw: Plan;
    let plain: Plan;
    before(async () => {
        gwlb = await planFor(GWLB);
        nfw = await planFor(NFW);
        plain = await planFor(PLAIN);
    });

    describe("reachability", () => {
        for (const [engine, plan, endpoint] of [
            ["gwlb", () => gwlb, /^inspection-gwlbe-0$/],
            ["network-firewall", () => nfw, /^inspection-firewall$/],
        ] as const) {
            it(`${engine}: every spoke <-> hub and segment path is open, crosses inspection both ways in one AZ, symmetric`, () => {
                const r = analyzeReachability(plan().resources);
                assert.equal(r.broken, 0, JSON.stringify(r.paths.filter((x) => !x.open).map((x) => x.brokenAt)));
                const paths = inspected(r.paths);
                assert.ok(paths.length > 0);
                for (const x of paths) {
                    const i = x.inspection;
                    assert.ok(i, `${x.kind} ${x.from} -> ${x.to} shows no inspection`);
                    assert.equal(i.symmetric, true);
                    assert.equal(i.forward.length, 1);
                    assert.deepEqual(i.return, i.forward, "appliance mode: the return meets the same endpoint in the same AZ");
                    assert.equal(i.forward[0].applianceMode, true);
                    assert.equal(i.forward[0].engine, engine);
                    assert.match(i.forward[0].endpoint, endpoint);
                    assert.equal(i.forward[0].azs.length, 2);
                    assert.ok(x.hops.some((h) => h.startsWith(`inspection ${i.forward[0].vpc} via `)));
                }
                // PrivateLink consumers do not cross the TGW, so they are not inspected.
                assert.ok(r.paths.filter((x) => x.kind === "consumer-to-service").every((x) => x.inspection === undefined));
            });
        }

        it("a stack without inspection has no inspection field on any path", () => {
            assert.ok(analyzeReachability(plain.resources).paths.every((x) => !("inspection" in x)));
        });

        it("turning appliance mode off breaks every inspected path at the inspection attachment", () => {
            const att = inspectionAttachment(gwlb);
            const rs = gwlb.resources.map((r) =>
                r.urn === att.urn ? { ...r, inputs: { ...r.inputs, applianceModeSupport: "disable" } } : r,
            );
            const paths = inspected(analyzeReachability(rs).paths);
            for (const x of paths) {
                assert.equal(x.open, false, `${x.kind} ${x.from} -> ${x.to}: ${x.hops.join(" | ")}`);
                assert.match(x.brokenAt ?? "", new RegExp(`attachment ${att.name} of inspection VPC inspection: appliance mode is off`));
            }
        });

        it("a bypass route (a more specific TGW route past inspection) breaks the inspected path, naming the route", () => {
            // The hub's table sends the hub region's spoke supernet to inspection; a /20 for one spoke,
            // straight to that spoke's attachment, is more specific.
            const toInspection = gwlb
                .byType(T.tgwRoute)
                .find(
                    (r) =>
                        r.inputs.destinationCidrBlock === "10.32.0.0/12" &&
                        propertyDeps(r, "transitGatewayAttachmentId")[0] === inspectionAttachment(gwlb).urn,
                );
            assert.ok(toInspection, "precondition: the hub's table routes the hub region's supernet to inspection");
            const tooling = gwlb.byType(T.tgwAttach).find((a) => a.name.includes("tooling"));
            assert.ok(tooling);
            const bypass: CapturedResource = {
                ...toInspection,
                urn: `${toInspection.urn}-bypass`,
                name: "bypass-to-tooling",
                inputs: { ...toInspection.inputs, destinationCidrBlock: "10.32.0.0/20" },
                propertyDependencies: { ...toInspection.propertyDependencies, transitGatewayAttachmentId: [tooling.urn] },
            };
            const r = analyzeReachability([...gwlb.resources, bypass]);
            const broken = r.paths.filter((x) => !x.open);
            assert.ok(broken.length > 0);
            assert.ok(
                broken.every((x) =>
                    /bypass: TGW route table .*: static bypass-to-tooling \(10\.32\.0\.0\/20\) is more specific than static .* to inspection/.test(
                        x.brokenAt ?? "",
                    ),
                ),
                JSON.stringify(broken.map((x) => x.brokenAt)),
            );
            assert.ok(broken.some((x) => x.from === "spoke-tooling"));
        });

        it("removing one AZ's GWLB endpoint breaks the inspected paths, naming that AZ", () => {
            const ep = gwlb.byType(T.endpoint).find((e) => e.name === "inspection-gwlbe-1");
            assert.ok(ep);
            const paths = inspected(analyzeReachability(gwlb.resources.filter((r) => r.urn !== ep.urn)).paths);
            for (const x of paths) {
                assert.equal(x.open, false);
                assert.match(
                    x.brokenAt ?? "",
                    /inspection VPC inspection, eu-west-2b: route inspection-transit-1-to-0\.0\.0\.0-0 .* names an endpoint .*that does not exist/,
                );
            }
        });
    });

    describe("cost", () => {
        it("gwlb: prices the GWLB hours and GLCUs, each AZ's endpoint, the endpoint GB, the appliance fleet and the second TGW pass", () => {
            const c = cost(gwlb);
            const items = c.lines.filter((l) => l.component === "inspection").map((l) => l.item);
            for (const want of [
                /^Gateway Load Balancer /,
                /^GWLB capacity \(\d+ GB\/month inspected, 1 GB per GLCU-hour\)$/,
                /^GWLB endpoint inspection-gwlbe-0 \(1 AZ\)$/,
                /^GWLB endpoint inspection-gwlbe-1 \(1 AZ\)$/,
                /^GWLB endpoint data processed$/,
                /^appliance fleet 2 x c5n\.large$/,
                /^TGW data processed a second time/,
            ]) {
                assert.ok(
                    items.some((i) => want.test(i)),
                    `${want} in ${JSON.stringify(items)}`,
                );
            }
            assert.ok(!c.lines.some((l) => l.item.startsWith("NLB inspection")), "the GWLB is not priced as an NLB");
            assert.equal(c.inspection?.engine, "gwlb");
            // 3 spokes x (50 + 100) GB default assumptions, all in flows inspected by default.
            assert.equal(c.inspection?.inspectedGbPerMonth, 450);
            const sum = c.lines
                .filter((l) => l.component === "inspection" && !l.item.startsWith("flow logs"))
                .reduce((s, l) => s + l.monthlyUsd, 0);
            assert.ok(Math.abs((c.inspection?.monthlyUsd ?? 0) - sum) < 0.05, `${c.inspection?.monthlyUsd} vs ${sum}`);
            for (const l of c.lines.filter((x) => x.component === "inspection")) {
                assert.match(l.source, /\(read \d{4}-\d{2}-\d{2}\)$/, `${l.item} has a source and read date`);
            }
        });

        it("network-firewall: prices one firewall endpoint per AZ and the GB processed, and no GWLB", () => {
            const c = cost(nfw);
            const lines = c.lines.filter((l) => l.component === "inspection");
            const endpoints = lines.find((l) => /^Network Firewall .* endpoints \(2 AZ\)$/.test(l.item));
            assert.ok(endpoints, JSON.stringify(lines.map((l) => l.item)));
            assert.equal(endpoints.quantity, 2 * c.hoursPerMonth);
            assert.ok(lines.some((l) => /^Network Firewall .* traffic processed$/.test(l.item) && l.quantity === 450));
            assert.ok(!lines.some((l) => /GWLB|Gateway Load Balancer|appliance/.test(l.item)));
            assert.equal(c.inspection?.engine, "network-firewall");
        });

        it("a stack without inspection has no inspection lines and no inspection summary", () => {
            const c = cost(plain);
            assert.equal(c.inspection, undefined);
            assert.ok(!c.lines.some((l) => l.component === "inspection"));
        });
    });

    describe("diagram", () => {
        it("draws the inspection VPC with its engine and its TGW attachment as the inspected link", () => {
            const g = renderMermaid(gwlb.resources);
            assert.match(g, /inspection_inspection\[\["inspection: 2 GWLB endpoints -> Gateway Load Balancer -> appliances"\]\]/);
            assert.match(g, /tgw_eu_west_2 <== "inspected: spoke <-> hub \/ spoke, appliance mode" ==> inspection/);
            assert.match(g, /endpoint service inspection-service \(GWLB\)/);
            assert.match(renderMermaid(nfw.resources), /inspection: Network Firewall inspection-firewall \(2 AZ endpoints\)/);
            assert.doesNotMatch(renderMermaid(plain.resources), /inspect/);
        });
    });
});
