import { strict as assert } from "assert";
import { analyzeModel, inferRoles, ModelPathVerdict } from "../../../offline/network-model/analyze";
import * as M from "../../../offline/network-model/types";

/**
 * Reachability through centralised inspection, on hand-built network models (the analyzer's input,
 * whichever source fills it: the plan or the live describe calls). The model is the inspected design of
 * components/planning/inspection.ts in one region: a spoke and the hub attached to one transit gateway;
 * the spoke's and the hub's TGW tables send each other's ranges to the inspection attachment, which is
 * associated with a post-inspection table holding both propagations; in the inspection VPC each AZ's
 * attachment subnet routes to the endpoint of its own AZ and each endpoint subnet back to the TGW. Each
 * case changes one thing.
 */

const R = "eu-west-2";
const AZS = ["a", "b"] as const;

const o = (kind: string, name: string): M.Origin => ({ key: M.keyOf(kind, name), name, id: `${kind}-${name}`, region: R });
const k = (kind: string, name: string) => M.keyOf(kind, name);

type Engine = "gwlb" | "network-firewall";

/** A mutable copy of the model, so that each case edits one object. */
type Model = {
    -readonly [K in keyof M.NetworkModel]: M.NetworkModel[K] extends readonly (infer E)[] | undefined ? E[] : M.NetworkModel[K];
};

function model(engine: Engine = "gwlb"): Model {
    const subnet = (vpc: string, name: string, cidr: string, az: string, tier: string): M.NetSubnet => ({
        ...o("subnet", name),
        vpc: k("vpc", vpc),
        cidr,
        az: `${R}${az}`,
        tier,
        routeTable: k("rtb", `${name}-rt`),
    });
    const rt = (vpc: string, subnetName: string, routes: M.NetRoute[]): M.NetRouteTable => ({
        ...o("rtb", `${subnetName}-rt`),
        vpc: k("vpc", vpc),
        routes,
    });
    const toTgw = (destination: string, label: string): M.NetRoute => ({
        destination,
        target: { kind: "tgw", ref: k("tgw", "tgw") },
        state: "active",
        label,
    });
    const toEndpoint = (az: string): M.NetRoute =>
        engine === "gwlb"
            ? {
                  destination: "0.0.0.0/0",
                  target: { kind: "endpoint", ref: k("vpce", `inspection-gwlbe-${az}`) },
                  state: "active",
                  label: `transit-${az}-to-endpoint`,
              }
            : {
                  destination: "0.0.0.0/0",
                  target: { kind: "endpoint", ref: k("firewall", "inspection-firewall"), id: `vpce-fw${az}` },
                  state: "active",
                  label: `transit-${az}-to-endpoint`,
              };

    const subnets: M.NetSubnet[] = [
        subnet("spoke", "spoke-workload-a", "10.32.0.0/24", "a", "workload"),
        subnet("hub", "hub-endpoint-b", "10.0.1.0/24", "b", "endpoint"),
        ...AZS.flatMap((az, i) => [
            subnet("inspection", `inspection-transit-${az}`, `10.1.${i}.0/28`, az, "transit"),
            subnet("inspection", `inspection-endpoint-${az}`, `10.1.${16 + i}.0/28`, az, "endpoint"),
        ]),
    ];
    const routeTables: M.NetRouteTable[] = [
        rt("spoke", "spoke-workload-a", [toTgw("10.0.0.0/16", "spoke-to-hub")]),
        rt("hub", "hub-endpoint-b", [toTgw("10.32.0.0/12", "hub-to-spokes")]),
        ...AZS.flatMap((az) => [
            rt("inspection", `inspection-transit-${az}`, [toEndpoint(az)]),
            rt("inspection", `inspection-endpoint-${az}`, [toTgw("0.0.0.0/0", `endpoint-${az}-to-tgw`)]),
        ]),
    ];
    const attachment = (vpc: string, extra: Partial<M.NetTgwAttachment> = {}): M.NetTgwAttachment => ({
        ...o("tgw-attach", `attach-${vpc}`),
        kind: "vpc",
        tgw: k("tgw", "tgw"),
        vpc: k("vpc", vpc),
        state: "available",
        ...extra,
    });
    const staticRoute = (destination: string, to: string, label: string): M.NetTgwRoute => ({
        destination,
        attachment: k("tgw-attach", `attach-${to}`),
        blackhole: false,
        label,
    });
    const table = (role: string, associated: string, routes: M.NetTgwRoute[], propagations: string[] = []): M.NetTgwRouteTable => ({
        ...o("tgw-rtb", `tgw-${role}`),
        tgw: k("tgw", "tgw"),
        role,
        routes,
        associations: [{ attachment: k("tgw-attach", `attach-${associated}`) }],
        propagations: propagations.map((p) => ({ attachment: k("tgw-attach", `attach-${p}`), label: `prop-${p}` })),
    });
    const gwlbEndpoints: M.NetEndpoint[] =
        engine === "gwlb"
            ? AZS.map((az) => ({
                  ...o("vpce", `inspection-gwlbe-${az}`),
                  vpc: k("vpc", "inspection"),
                  type: "GatewayLoadBalancer",
                  service: k("vpce-svc", "inspection-service"),
                  subnets: [k("subnet", `inspection-endpoint-${az}`)],
                  securityGroups: [],
                  state: "available",
                  dnsNames: [],
              }))
            : [];
    return {
        source: "plan",
        vpcs: [
            { ...o("vpc", "hub"), cidr: "10.0.0.0/16", role: "hub" },
            { ...o("vpc", "spoke"), cidr: "10.32.0.0/20", role: "spoke" },
            { ...o("vpc", "inspection"), cidr: "10.1.0.0/16", role: "inspection" },
        ],
        subnets,
        routeTables,
        peerings: [],
        tgws: [o("tgw", "tgw")],
        tgwAttachments: [
            attachment("hub"),
            attachment("spoke"),
            attachment("inspection", { applianceMode: true, subnets: AZS.map((az) => k("subnet", `inspection-transit-${az}`)) }),
        ],
        tgwRouteTables: [
            table("spokes", "spoke", [staticRoute("10.0.0.0/16", "inspection", "spokes-hub-to-inspection")]),
            table("hub", "hub", [staticRoute("10.32.0.0/12", "inspection", "hub-spokes-to-inspection")]),
            table("post-inspection", "inspection", [], ["hub", "spoke"]),
        ],
        securityGroups: [
            {
                ...o("sg", "hub-endpoints"),
                vpc: k("vpc", "hub"),
                rules: [{ direction: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidr: "10.32.0.0/12" }],
            },
        ],
        zones: [
            {
                ...o("zone", "ssm.eu-west-2.amazonaws.com"),
                zoneName: "ssm.eu-west-2.amazonaws.com",
                vpcs: [{ vpc: k("vpc", "hub") }, { vpc: k("vpc", "spoke") }],
                records: [{ name: "ssm.eu-west-2.amazonaws.com", type: "A", aliasEndpoint: k("vpce", "hub-ssm") }],
            },
        ],
        endpoints: [
            {
                ...o("vpce", "hub-ssm"),
                vpc: k("vpc", "hub"),
                type: "Interface",
                service: "com.amazonaws.eu-west-2.ssm",
                serviceTag: "ssm",
                subnets: [k("subnet", "hub-endpoint-b")],
                securityGroups: [k("sg", "hub-endpoints")],
                state: "available",
                dnsNames: [],
            },
            ...gwlbEndpoints,
        ],
        endpointServices: [
            {
                ...o("vpce-svc", "inspection-service"),
                acceptanceRequired: true,
                loadBalancers: [],
                principals: [],
            },
        ],
        loadBalancers: [],
        ...(engine === "network-firewall"
            ? {
                  firewalls: [
                      {
                          ...o("firewall", "inspection-firewall"),
                          vpc: k("vpc", "inspection"),
                          subnets: AZS.map((az) => k("subnet", `inspection-endpoint-${az}`)),
                          endpoints: AZS.map((az) => ({ az: `${R}${az}`, id: `vpce-fw${az}` })),
                      },
                  ],
              }
            : {}),
    };
}

/** The one intended path of the model: the spoke to the hub's SSM endpoint. */
function path(m: Model): ModelPathVerdict {
    const paths = analyzeModel(m).paths;
    assert.equal(paths.length, 1, JSON.stringify(paths.map((p) => `${p.kind} ${p.from} -> ${p.to}`)));
    return paths[0];
}

const brokenAt = (m: Model) => {
    const p = path(m);
    assert.equal(p.open, false, `the path must break; hops: ${p.hops.join(" | ")}`);
    return p.brokenAt ?? "";
};

const rtOf = (m: Model, name: string) => m.routeTables.find((t) => t.name === name) as M.NetRouteTable;
const tgwTable = (m: Model, role: string) => m.tgwRouteTables.find((t) => t.role === role) as M.NetTgwRouteTable;
const replace = <T>(list: T[], pick: (x: T) => boolean, next: (x: T) => T) =>
    list.splice(list.findIndex(pick), 1, next(list.find(pick) as T));

describe("network model: reachability through centralised inspection", () => {
    it("makes the inspection VPC neither hub nor spoke: it originates no path", () => {
        const m = model();
        assert.equal(inferRoles(m).get(k("vpc", "inspection")), "inspection");
        assert.deepEqual(
            analyzeModel(m).paths.map((p) => `${p.kind} ${p.from} -> ${p.to}`),
            ["spoke-to-endpoint spoke -> ssm"],
        );
    });

    for (const engine of ["gwlb", "network-firewall"] as const) {
        it(`opens the inspected path and lists the inspection hop of each direction, symmetric, in one AZ (${engine})`, () => {
            const p = path(model(engine));
            assert.equal(p.open, true, p.brokenAt);
            const endpoint = engine === "gwlb" ? "inspection-gwlbe-a" : "inspection-firewall";
            const hop = {
                vpc: "inspection",
                attachment: "attach-inspection",
                applianceMode: true,
                az: "eu-west-2a",
                endpoint,
                ...(engine === "network-firewall" ? { endpointId: "vpce-fwa" } : {}),
                engine,
                azs: ["eu-west-2a", "eu-west-2b"],
            };
            assert.deepEqual(p.inspection, { forward: [hop], return: [hop], symmetric: true });
            const inspectionHops = p.hops.filter((h) => h.startsWith("inspection "));
            assert.equal(inspectionHops.length, 2, p.hops.join(" | "));
            assert.match(
                inspectionHops[0],
                new RegExp(
                    `^inspection inspection via attach-inspection \\(appliance mode\\) in eu-west-2a: inspection-transit-a-rt -> transit-a-to-endpoint -> ${endpoint}; inspection-endpoint-a-rt -> endpoint-a-to-tgw$`,
                ),
            );
            // The post-inspection table delivers: forward to the hub, back to the spoke.
            assert.ok(p.hops.includes("tgw-post-inspection -> propagated prop-hub"), p.hops.join(" | "));
            assert.ok(p.hops.includes("tgw-post-inspection -> propagated prop-spoke"), p.hops.join(" | "));
        });
    }

    it("breaks the path when appliance mode is off on the inspection attachment, naming the attachment", () => {
        const m = model();
        replace(
            m.tgwAttachments,
            (a) => a.name === "attach-inspection",
            (a) => ({ ...a, applianceMode: false }),
        );
        const p = path(m);
        assert.equal(p.open, false);
        assert.match(p.brokenAt ?? "", /^forward: attachment attach-inspection of inspection VPC inspection: appliance mode is off/);
        assert.equal(p.brokenKey, k("tgw-attach", "attach-inspection"));
    });

    it("does not judge appliance mode, and finds the attachment subnets by their endpoint routes, when the source does not say (a live read)", () => {
        const m = model();
        replace(
            m.tgwAttachments,
            (a) => a.name === "attach-inspection",
            ({ applianceMode: _a, subnets: _s, ...a }) => a,
        );
        const p = path(m);
        assert.equal(p.open, true, p.brokenAt);
        assert.equal(p.inspection?.forward[0].applianceMode, "unknown");
        assert.deepEqual(p.inspection?.forward[0].azs, ["eu-west-2a", "eu-west-2b"]);
    });

    it("reports a more specific TGW route that skips inspection as a bypass, naming the route", () => {
        const m = model();
        (tgwTable(m, "spokes").routes as M.NetTgwRoute[]).push({
            destination: "10.0.0.0/17",
            attachment: k("tgw-attach", "attach-hub"),
            blackhole: false,
            label: "shortcut-to-hub",
        });
        assert.match(
            brokenAt(m),
            /^forward: bypass: TGW route table tgw-spokes: static shortcut-to-hub \(10\.0\.0\.0\/17\) is more specific than static spokes-hub-to-inspection \(10\.0\.0\.0\/16\) to inspection/,
        );
    });

    it("reports a propagation more specific than the hub's route to inspection as a bypass of the return", () => {
        const m = model();
        (tgwTable(m, "hub").propagations as M.NetTgwRouteTable["propagations"][number][]).push({
            attachment: k("tgw-attach", "attach-spoke"),
            label: "prop-spoke-into-hub",
        });
        assert.match(
            brokenAt(m),
            /^return: bypass: TGW route table tgw-hub: propagated prop-spoke-into-hub \(10\.32\.0\.0\/20\) is more specific/,
        );
    });

    it("reports a more specific route in the inspection VPC's attachment subnet that skips the endpoint as a bypass, naming the route", () => {
        const m = model();
        (rtOf(m, "inspection-transit-a-rt").routes as M.NetRoute[]).push({
            destination: "10.0.0.0/16",
            target: { kind: "tgw", ref: k("tgw", "tgw") },
            state: "active",
            label: "transit-a-hub-direct",
        });
        assert.match(
            brokenAt(m),
            /^forward: bypass: inspection VPC inspection, eu-west-2a: route transit-a-hub-direct in inspection-transit-a-rt sends 10\.0\.1\.0\/24 via tgw .*more specific than transit-a-to-endpoint/,
        );
    });

    it("reports a spoke's more specific peering route past the TGW that would inspect the flow as a bypass", () => {
        const m = model();
        m.peerings.push({ ...o("pcx", "spoke-hub"), requesterVpc: k("vpc", "spoke"), accepterVpc: k("vpc", "hub"), status: "active" });
        replace<M.NetRouteTable>(
            m.routeTables,
            (t) => t.name === "spoke-workload-a-rt",
            (t) => ({
                ...t,
                routes: [
                    {
                        destination: "10.0.0.0/8",
                        target: { kind: "tgw", ref: k("tgw", "tgw") },
                        state: "active",
                        label: "spoke-private-to-tgw",
                    },
                    {
                        destination: "10.0.0.0/16",
                        target: { kind: "pcx", ref: k("pcx", "spoke-hub") },
                        state: "active",
                        label: "spoke-to-hub-peering",
                    },
                ],
            }),
        );
        assert.match(
            brokenAt(m),
            /^forward: bypass: route table spoke-workload-a-rt: route spoke-to-hub-peering sends 10\.0\.1\.0\/24 via pcx, more specific than spoke-private-to-tgw/,
        );
    });

    for (const engine of ["gwlb", "network-firewall"] as const) {
        it(`breaks the path when one AZ's endpoint is removed, naming that AZ, although the flow is shown in the other (${engine})`, () => {
            const m = model(engine);
            if (engine === "gwlb") {
                m.endpoints = m.endpoints.filter((e) => e.name !== "inspection-gwlbe-b");
            } else {
                replace(
                    m.firewalls as M.NetFirewall[],
                    () => true,
                    (f) => ({
                        ...f,
                        subnets: [k("subnet", "inspection-endpoint-a")],
                        endpoints: f.endpoints.filter((e) => e.az.endsWith("a")),
                    }),
                );
            }
            const at = brokenAt(m);
            assert.match(at, /^forward: inspection VPC inspection, eu-west-2b: route transit-b-to-endpoint in inspection-transit-b-rt /);
            assert.match(
                at,
                engine === "gwlb" ? /names an endpoint .*inspection-gwlbe-b that does not exist/ : /has no endpoint in eu-west-2b/,
            );
            assert.match(at, /\(appliance mode may hash any flow to eu-west-2b\)$/);
        });
    }

    it("breaks the path when an AZ's attachment subnet routes to another AZ's endpoint", () => {
        const m = model();
        replace<M.NetRouteTable>(
            m.routeTables,
            (t) => t.name === "inspection-transit-b-rt",
            (t) => ({ ...t, routes: [{ ...t.routes[0], target: { kind: "endpoint", ref: k("vpce", "inspection-gwlbe-a") } }] }),
        );
        assert.match(
            brokenAt(m),
            /eu-west-2b: route transit-b-to-endpoint in inspection-transit-b-rt sends the AZ's traffic to inspection-gwlbe-a in eu-west-2a; each AZ's attachment subnet must route to the endpoint of its own AZ/,
        );
    });

    it("breaks the path when the endpoint subnet does not route back to the transit gateway", () => {
        const m = model();
        replace<M.NetRouteTable>(
            m.routeTables,
            (t) => t.name === "inspection-endpoint-a-rt",
            (t) => ({ ...t, routes: [] }),
        );
        assert.match(
            brokenAt(m),
            /inspection VPC inspection, eu-west-2a: route table inspection-endpoint-a-rt of endpoint subnet inspection-endpoint-a has no route to 10\.0\.1\.0\/24, not back to the transit gateway/,
        );
    });

    it("breaks the path when a GWLB endpoint is never accepted", () => {
        const m = model();
        replace(
            m.endpoints,
            (e) => e.name === "inspection-gwlbe-a",
            (e) => ({ ...e, state: "pendingAcceptance" }),
        );
        assert.match(brokenAt(m), /endpoint inspection-gwlbe-a is pendingAcceptance, so it forwards nothing/);
    });

    it("reports an asymmetric flow: the forward direction inspected, the return sent straight back", () => {
        const m = model();
        replace(
            m.tgwRouteTables,
            (t) => t.role === "hub",
            (t) => ({
                ...t,
                routes: [
                    {
                        destination: "10.32.0.0/12",
                        attachment: k("tgw-attach", "attach-spoke"),
                        blackhole: false,
                        label: "hub-spokes-direct",
                    },
                ],
            }),
        );
        const p = path(m);
        assert.equal(p.open, false);
        assert.match(
            p.brokenAt ?? "",
            /^asymmetric: the forward path crosses inspection at attach-inspection but the return path does not/,
        );
        assert.equal(p.inspection?.symmetric, false);
        assert.equal(p.inspection?.return.length, 0);
    });
});
