import { strict as assert } from "assert";
import * as path from "path";
import { PolicyRunResult, runPolicyPack } from "../../offline/analyzer";
import { checkChanges } from "../../offline/changes/diff";
import { buildPack } from "../../offline/pack-build";
import { CapturedResource } from "../../offline/types";
import { cidr, overlaps } from "../../components/planning/cidr";
import {
    ConfigObject,
    flatConfig,
    Plan,
    planFor,
    PROJECT,
    propertyDeps,
    propertyDependsOn,
    tag,
    TEST_STACK,
    withBase,
} from "../helpers/plan";

/**
 * Centralised inspection, materialised: the real program under the AWS-aware mocks for a
 * transit-gateway config with `inspection`, in both engines; and the real pack over the analyzer
 * protocol on that capture, in a preview, with one thing broken at a time.
 */

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    rt: "aws:ec2/routeTable:RouteTable",
    rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    route: "aws:ec2/route:Route",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    service: "aws:ec2/vpcEndpointService:VpcEndpointService",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    asg: "aws:autoscaling/group:Group",
    tgwAttach: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwRoute: "aws:ec2transitgateway/route:Route",
    tgwAssoc: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    firewall: "aws:networkfirewall/firewall:Firewall",
    firewallPolicy: "aws:networkfirewall/firewallPolicy:FirewallPolicy",
    ruleGroup: "aws:networkfirewall/ruleGroup:RuleGroup",
    logging: "aws:networkfirewall/loggingConfiguration:LoggingConfiguration",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
};

const AMI = "ami-0123456789abcdef0";

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

const gwlb = (azCount: number) => ({
    cidr: "10.1.0.0/16",
    azCount,
    engine: "gwlb",
    gwlb: {
        appliances: { fleet: { amiId: AMI, desiredCapacity: azCount } },
        healthCheck: { protocol: "HTTP", port: 8080, path: "/health" },
    },
});
const NFW = {
    cidr: "10.1.0.0/16",
    azCount: 2,
    engine: "network-firewall",
    networkFirewall: { allow: [{ protocol: "TCP", source: "10.16.0.0/12", destination: "10.32.0.0/12", port: 5432 }] },
};

const GWLB_2 = tgwWith(gwlb(2));
const GWLB_3 = tgwWith(gwlb(3));
const NFW_2 = tgwWith(NFW);
const PLAIN = tgwWith(undefined);

/** The inspection VPC of a capture (by its role tag). */
function inspectionVpc(plan: Plan): CapturedResource {
    const vpcs = plan.byType(T.vpc).filter((v) => tag(v, "landing-zone:role") === "inspection");
    assert.equal(vpcs.length, 1, "one inspection VPC, tagged landing-zone:role: inspection");
    return vpcs[0];
}

/** The inspection VPC's subnets of one tier, by AZ slot (from the name `inspection-<tier>-<slot>`). */
function subnets(plan: Plan, tier: string): Map<number, CapturedResource> {
    const vpc = inspectionVpc(plan);
    return new Map(
        plan
            .dependents(T.subnet, "vpcId", vpc.urn)
            .filter((s) => tag(s, "landing-zone:tier") === tier)
            .map((s) => [Number(s.name.split("-").pop()), s]),
    );
}

/** The route table associated with a subnet. */
function tableOf(plan: Plan, subnet: CapturedResource): CapturedResource {
    const assoc = plan.dependents(T.rta, "subnetId", subnet.urn);
    assert.equal(assoc.length, 1, `${subnet.name} has one route table association`);
    return plan.byUrn(propertyDeps(assoc[0], "routeTableId")[0]);
}

function routesIn(plan: Plan, table: CapturedResource): CapturedResource[] {
    return plan.dependents(T.route, "routeTableId", table.urn);
}

function inspectionAttachment(plan: Plan): CapturedResource {
    const a = plan.dependents(T.tgwAttach, "vpcId", inspectionVpc(plan).urn);
    assert.equal(a.length, 1);
    return a[0];
}

describe("inspection components (under the mocks)", function () {
    this.timeout(120000);
    let g2: Plan;
    let g3: Plan;
    let nfw: Plan;
    let plain: Plan;
    before(async () => {
        g2 = await planFor(GWLB_2);
        g3 = await planFor(GWLB_3);
        nfw = await planFor(NFW_2);
        plain = await planFor(PLAIN);
    });

    describe("the inspection VPC and its attachment", () => {
        it("attaches the inspection VPC in its transit subnets with appliance mode on, and no other attachment has it", () => {
            const a = inspectionAttachment(g2);
            assert.equal(a.inputs.applianceModeSupport, "enable");
            const transit = [...subnets(g2, "transit").values()].map((s) => s.urn).sort();
            assert.deepEqual(
                propertyDeps(a, "subnetIds")
                    .filter((u) => g2.byUrn(u).type === T.subnet)
                    .sort(),
                transit,
            );
            assert.deepEqual([...(a.inputs.subnetIds as string[])].sort(), [...subnets(g2, "transit").values()].map((s) => s.id).sort());
            const others = g2.byType(T.tgwAttach).filter((x) => x.urn !== a.urn);
            assert.ok(others.length >= 4);
            assert.ok(others.every((x) => x.inputs.applianceModeSupport === "disable"));
        });

        it("associates the inspection attachment with the post-inspection table", () => {
            const a = inspectionAttachment(g2);
            const assoc = g2.dependents(T.tgwAssoc, "transitGatewayAttachmentId", a.urn);
            assert.equal(assoc.length, 1);
            const table = g2.byUrn(propertyDeps(assoc[0], "transitGatewayRouteTableId")[0]);
            assert.equal(tag(table, "landing-zone:tgw-role"), "post-inspection");
        });

        it("builds appliance, endpoint and transit subnets for gwlb, and no appliance subnets for network-firewall", () => {
            assert.deepEqual([...subnets(g2, "appliance").keys()].sort(), [0, 1]);
            assert.deepEqual([...subnets(g2, "endpoint").keys()].sort(), [0, 1]);
            assert.deepEqual([...subnets(g2, "transit").keys()].sort(), [0, 1]);
            assert.equal(subnets(nfw, "appliance").size, 0);
            assert.equal(subnets(nfw, "workload").size, 0);
            assert.equal(subnets(nfw, "endpoint").size, 2);
        });

        it("sends inspected TGW routes to the inspection attachment: the hub table's spoke supernet of the hub region", () => {
            const a = inspectionAttachment(g2);
            const toInspection = g2.dependents(T.tgwRoute, "transitGatewayAttachmentId", a.urn);
            assert.ok(
                toInspection.some(
                    (r) => r.name === "tgw-eu-west-2-hub-to-10.32.0.0-12" && r.inputs.destinationCidrBlock === "10.32.0.0/12",
                ),
            );
        });

        it("replaces every static TGW route delete-first, with or without inspection, so inspection can be turned on and off", () => {
            const retargeted = g2.one(T.tgwRoute, "tgw-hub-to-eu-west-1");
            assert.ok(propertyDependsOn(retargeted, "transitGatewayAttachmentId", inspectionAttachment(g2).urn));
            assert.equal(plain.one(T.tgwRoute, "tgw-hub-to-eu-west-1").urn, retargeted.urn, "the same resource, retargeted");
            for (const plan of [g2, plain]) {
                const routes = plan.byType(T.tgwRoute);
                assert.ok(routes.length > 0);
                assert.deepEqual(
                    routes.filter((r) => r.deleteBeforeReplace !== true).map((r) => r.name),
                    [],
                );
            }
        });

        it("turning inspection on, and off again, is safe by the change check (no second route for a table and destination)", () => {
            const doc = (p: Plan) => ({ project: PROJECT, stack: TEST_STACK, resources: p.resources });
            const on = checkChanges(doc(plain), doc(g2), "plain.json");
            const off = checkChanges(doc(g2), doc(plain), "inspected.json");
            assert.deepEqual(on.findings, []);
            assert.deepEqual(off.findings, []);
            assert.ok(on.safe && off.safe);
            assert.ok(on.summary.replace > 0, "the inspected routes are replaced (retargeted), not duplicated");
        });

        it("switching the engine (gwlb to network-firewall and back) is safe by the change check and leaves the TGW routes as they are", () => {
            const doc = (p: Plan) => ({ project: PROJECT, stack: TEST_STACK, resources: p.resources });
            for (const [from, to] of [
                [g2, nfw],
                [nfw, g2],
            ]) {
                const c = checkChanges(doc(from), doc(to), "engine.json");
                assert.deepEqual(
                    c.findings.filter((f) => f.severity === "error"),
                    [],
                );
                assert.ok(c.safe);
                assert.deepEqual(
                    c.resources.filter((r) => r.type === T.tgwRoute || r.type === T.tgwAssoc).map((r) => `${r.action} ${r.urn}`),
                    [],
                );
            }
        });
    });

    describe("ordering: nothing carries traffic into inspection before inspection can carry it", () => {
        const prop = "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation";
        /** The VPC CIDR behind a TGW attachment (its vpcId's cidrBlock). */
        const vpcCidrOf = (plan: Plan, attachmentUrn: string) =>
            String(plan.byUrn(propertyDeps(plan.byUrn(attachmentUrn), "vpcId")[0]).inputs.cidrBlock);
        for (const [engine, get] of [
            ["gwlb", () => g2],
            ["network-firewall", () => nfw],
        ] as const) {
            it(`${engine}: every static TGW route to the inspection attachment waits for its association, the post-inspection carriers of its destination, the endpoints and every inspection VPC route`, () => {
                const plan = get();
                const a = inspectionAttachment(plan);
                const assoc = plan.dependents(T.tgwAssoc, "transitGatewayAttachmentId", a.urn);
                assert.equal(assoc.length, 1);
                const post = plan.byUrn(propertyDeps(assoc[0], "transitGatewayRouteTableId")[0]);
                const endpoints =
                    engine === "gwlb"
                        ? plan.byType(T.endpoint).filter((e) => e.inputs.vpcEndpointType === "GatewayLoadBalancer")
                        : plan.byType(T.firewall);
                assert.ok(endpoints.length > 0);
                const vpcRoutes = plan.byType(T.route).filter((r) => r.name.startsWith("inspection-"));
                assert.ok(vpcRoutes.length >= 8, "transit and endpoint routes of both AZs");
                const toInspection = plan.dependents(T.tgwRoute, "transitGatewayAttachmentId", a.urn);
                assert.ok(toInspection.length >= 4);
                for (const r of toInspection) {
                    const deps = new Set(r.dependencies);
                    const missing = [assoc[0], ...endpoints, ...vpcRoutes].filter((x) => !deps.has(x.urn)).map((x) => x.name);
                    assert.deepEqual(missing, [], `${r.name} waits for all of inspection`);
                    // What carries its destination after inspection: propagations of VPCs inside it, or static routes.
                    const dest = cidr(String(r.inputs.destinationCidrBlock));
                    const carriers = [
                        ...plan
                            .dependents(prop, "transitGatewayRouteTableId", post.urn)
                            .filter((p) => overlaps(cidr(vpcCidrOf(plan, propertyDeps(p, "transitGatewayAttachmentId")[0])), dest)),
                        ...plan
                            .dependents(T.tgwRoute, "transitGatewayRouteTableId", post.urn)
                            .filter((x) => overlaps(cidr(String(x.inputs.destinationCidrBlock)), dest)),
                    ];
                    assert.ok(carriers.length > 0, `${r.name}: the post-inspection table carries ${String(r.inputs.destinationCidrBlock)}`);
                    assert.deepEqual(
                        carriers.filter((c) => !deps.has(c.urn)).map((c) => c.name),
                        [],
                        `${r.name} waits for the post-inspection carriers`,
                    );
                }
            });
        }

        it("static TGW routes that do not go to inspection wait for none of it (with inspection and without)", () => {
            const a = inspectionAttachment(g2);
            const others = g2.byType(T.tgwRoute).filter((r) => !propertyDependsOn(r, "transitGatewayAttachmentId", a.urn));
            assert.ok(others.length > 0);
            for (const r of [...others, ...plain.byType(T.tgwRoute)]) {
                // (Its own table may be the post-inspection one: that is where it lives, not a wait.)
                assert.deepEqual(
                    r.dependencies.filter((u) => u.includes("inspection") && !u.includes("aws:ec2transitgateway/routeTable:RouteTable::")),
                    [],
                    r.name,
                );
            }
        });

        it("each transit subnet joins the inspection attachment only after its own AZ's endpoint and route to it, so a new AZ's subnet never takes flows it cannot inspect", () => {
            for (const [plan, azs] of [
                [g3, 3],
                [nfw, 2],
            ] as const) {
                const a = inspectionAttachment(plan);
                const deps = new Set(propertyDeps(a, "subnetIds"));
                const endpointSubnets = subnets(plan, "endpoint");
                assert.equal(subnets(plan, "transit").size, azs);
                for (const [slot, transit] of subnets(plan, "transit")) {
                    const routes = routesIn(plan, tableOf(plan, transit));
                    assert.equal(routes.length, 1);
                    assert.ok(deps.has(routes[0].urn), `${a.name}.subnetIds waits for ${routes[0].name}`);
                    if (plan === g3) {
                        const endpoint = plan
                            .byType(T.endpoint)
                            .find((e) => propertyDeps(e, "subnetIds")[0] === (endpointSubnets.get(slot) as CapturedResource).urn);
                        assert.ok(endpoint && deps.has(endpoint.urn), `${a.name}.subnetIds waits for the AZ ${slot} endpoint`);
                    } else {
                        assert.ok(deps.has(plan.byType(T.firewall)[0].urn));
                    }
                }
                // The endpoint subnets' routes back to the TGW still come after the attachment (no cycle).
                for (const endpoint of endpointSubnets.values()) {
                    assert.ok(routesIn(plan, tableOf(plan, endpoint)).every((r) => r.dependencies.includes(a.urn)));
                }
            }
        });
    });

    describe("per-AZ routing inside the inspection VPC", () => {
        for (const [engine, get] of [
            ["gwlb", () => g2],
            ["network-firewall", () => nfw],
        ] as const) {
            it(`${engine}: each transit subnet routes everything to the endpoint in its own AZ's endpoint subnet`, () => {
                const plan = get();
                const endpointSubnets = subnets(plan, "endpoint");
                for (const [slot, transit] of subnets(plan, "transit")) {
                    const routes = routesIn(plan, tableOf(plan, transit));
                    assert.equal(routes.length, 1, `${transit.name}: one route`);
                    assert.equal(routes[0].inputs.destinationCidrBlock, "0.0.0.0/0");
                    const own = endpointSubnets.get(slot) as CapturedResource;
                    assert.equal(own.inputs.availabilityZone, transit.inputs.availabilityZone);
                    if (engine === "gwlb") {
                        const target = plan.byUrn(propertyDeps(routes[0], "vpcEndpointId")[0]);
                        assert.equal(target.type, T.endpoint);
                        assert.deepEqual(propertyDeps(target, "subnetIds"), [own.urn]);
                        assert.equal(routes[0].inputs.vpcEndpointId, target.id);
                    } else {
                        // The firewall's endpoint of that AZ, as its sync states report it.
                        const fw = plan.byType(T.firewall)[0];
                        const states = (
                            fw.outputs.firewallStatuses as {
                                syncStates: { availabilityZone: string; attachments: { endpointId: string; subnetId: string }[] }[];
                            }[]
                        )[0].syncStates;
                        const mine = states.find((s) => s.availabilityZone === transit.inputs.availabilityZone);
                        assert.ok(mine, `a sync state for ${String(transit.inputs.availabilityZone)}`);
                        assert.equal(routes[0].inputs.vpcEndpointId, mine.attachments[0].endpointId);
                        assert.equal(mine.attachments[0].subnetId, own.id);
                        assert.ok(propertyDependsOn(routes[0], "vpcEndpointId", fw.urn));
                    }
                }
            });
        }

        it("a spoke route whose path crosses inspection waits for the inspection VPC's routes, so it never sends into a transit subnet that routes nowhere", () => {
            const spokeRoute = g2.one(T.route, "spoke-tooling-workload-0-to-10.0.0.0-16");
            const inspectionRoutes = g2.byType(T.route).filter((r) => r.name.startsWith("inspection-"));
            assert.ok(inspectionRoutes.length >= 4);
            assert.deepEqual(
                inspectionRoutes.filter((r) => !spokeRoute.dependencies.includes(r.urn)).map((r) => r.name),
                [],
            );
            // A path that does not cross inspection (without it) has no such dependency.
            const plainRoute = plain.one(T.route, "spoke-tooling-workload-0-to-10.0.0.0-16");
            assert.ok(plainRoute.dependencies.every((u) => !u.includes("inspection")));
        });

        it("each endpoint subnet routes the hub CIDR and every spoke supernet back to the TGW (no default route to the TGW), after the attachment", () => {
            const a = inspectionAttachment(g2);
            for (const endpoint of subnets(g2, "endpoint").values()) {
                const routes = routesIn(g2, tableOf(g2, endpoint));
                assert.deepEqual(routes.map((r) => r.inputs.destinationCidrBlock).sort(), ["10.0.0.0/16", "10.16.0.0/12", "10.32.0.0/12"]);
                assert.ok(routes.every((r) => typeof r.inputs.transitGatewayId === "string" && r.dependencies.includes(a.urn)));
            }
        });
    });

    describe("engine gwlb", () => {
        it("puts a gateway load balancer in the appliance subnets, without cross-zone load balancing", () => {
            const lbs = g2.byType(T.lb).filter((l) => l.inputs.loadBalancerType === "gateway");
            assert.equal(lbs.length, 1);
            assert.deepEqual([...propertyDeps(lbs[0], "subnets")].sort(), [...subnets(g2, "appliance").values()].map((s) => s.urn).sort());
            assert.equal(lbs[0].inputs.enableCrossZoneLoadBalancing, false);
            assert.match(String(lbs[0].outputs.arn), /:loadbalancer\/gwy\//);
        });

        it("forwards to a GENEVE 6081 target group whose health check is the configured one", () => {
            const tg = g2.byType(T.tg).find((t) => t.inputs.protocol === "GENEVE") as CapturedResource;
            assert.equal(tg.inputs.port, 6081);
            assert.deepEqual(
                { ...(tg.inputs.healthCheck as object) },
                {
                    enabled: true,
                    protocol: "HTTP",
                    port: "8080",
                    path: "/health",
                    interval: 10,
                    timeout: 5,
                    healthyThreshold: 3,
                    unhealthyThreshold: 3,
                },
            );
            const lb = g2.byType(T.lb).find((l) => l.inputs.loadBalancerType === "gateway") as CapturedResource;
            const listener = g2.dependents(T.listener, "loadBalancerArn", lb.urn);
            assert.equal(listener.length, 1);
            assert.ok(propertyDependsOn(listener[0], "defaultActions", tg.urn));
        });

        it("admits GENEVE and the health check port from each GWLB subnet only, on the appliances' group", () => {
            const lt = g2.byType("aws:ec2/launchTemplate:LaunchTemplate").find((l) => l.inputs.imageId === AMI) as CapturedResource;
            assert.ok(lt, "a launch template from the vendor AMI");
            const sg = g2.byUrn(propertyDeps(lt, "vpcSecurityGroupIds")[0]);
            const rules = g2
                .dependents(T.ingress, "securityGroupId", sg.urn)
                .map((r) => `${String(r.inputs.ipProtocol)} ${String(r.inputs.fromPort)} ${String(r.inputs.cidrIpv4)}`)
                .sort();
            const cidrs = [...subnets(g2, "appliance").values()].map((s) => String(s.inputs.cidrBlock));
            assert.deepEqual(rules, cidrs.flatMap((c) => [`tcp 8080 ${c}`, `udp 6081 ${c}`]).sort());
        });

        it("registers the fleet in the target group from the appliance subnets, one appliance per AZ at least", () => {
            const asg = g2.byType(T.asg).find((a) => a.name === "inspection-appliances") as CapturedResource;
            assert.equal(asg.inputs.desiredCapacity, 2);
            assert.deepEqual(
                [...propertyDeps(asg, "vpcZoneIdentifiers")].sort(),
                [...subnets(g2, "appliance").values()].map((s) => s.urn).sort(),
            );
            const tg = g2.byType(T.tg).find((t) => t.inputs.protocol === "GENEVE") as CapturedResource;
            assert.ok(propertyDependsOn(asg, "targetGroupArns", tg.urn));
        });

        it("answers the GWLB listener with a Gateway Load Balancer listener ARN (listener/gwy/), as AWS does", () => {
            const listeners = g2.byType(T.listener);
            const gwlbArn = g2.byType(T.lb).find((l) => l.inputs.loadBalancerType === "gateway")?.outputs.arn;
            const mine = listeners.filter((l) => l.inputs.loadBalancerArn === gwlbArn);
            assert.equal(mine.length, 1);
            assert.match(String(mine[0].outputs.arn), /:listener\/gwy\//);
            // A Network Load Balancer's listener (the endpoint service) keeps listener/net/.
            for (const l of listeners.filter((x) => x !== mine[0])) {
                assert.match(String(l.outputs.arn), /:listener\/net\//);
            }
        });

        it("offers a GWLB endpoint service to the stack's own account only, with one self-accepting GatewayLoadBalancer endpoint per AZ", () => {
            const lb = g2.byType(T.lb).find((l) => l.inputs.loadBalancerType === "gateway") as CapturedResource;
            const svc = g2.dependents(T.service, "gatewayLoadBalancerArns", lb.urn);
            assert.equal(svc.length, 1);
            assert.deepEqual(svc[0].inputs.allowedPrincipals, ["arn:aws:iam::123456789012:root"]);
            assert.equal(svc[0].inputs.acceptanceRequired, true);
            const endpoints = g2.dependents(T.endpoint, "serviceName", svc[0].urn);
            assert.deepEqual(endpoints.map((e) => e.name).sort(), ["inspection-gwlbe-0", "inspection-gwlbe-1"]);
            assert.ok(endpoints.every((e) => e.inputs.vpcEndpointType === "GatewayLoadBalancer" && e.inputs.autoAccept === true));
        });
    });

    describe("engine network-firewall", () => {
        it("maps the firewall to the endpoint subnets under a strict-order policy that drops every unmatched packet (aws:drop_strict), with the pass rules", () => {
            const fw = nfw.byType(T.firewall);
            assert.equal(fw.length, 1);
            assert.deepEqual(
                [...propertyDeps(fw[0], "subnetMappings")].sort(),
                [...subnets(nfw, "endpoint").values()].map((s) => s.urn).sort(),
            );
            const policy = nfw.byUrn(propertyDeps(fw[0], "firewallPolicyArn")[0]);
            const fp = policy.inputs.firewallPolicy as Record<string, unknown>;
            assert.deepEqual(fp.statefulEngineOptions, { ruleOrder: "STRICT_ORDER" });
            // Default-deny from the first packet: aws:drop_established would let unmatched flows' setup through.
            assert.deepEqual(fp.statefulDefaultActions, ["aws:drop_strict", "aws:alert_strict"]);
            assert.deepEqual(fp.statelessDefaultActions, ["aws:forward_to_sfe"]);
            const group = nfw.byType(T.ruleGroup)[0];
            assert.ok(propertyDependsOn(policy, "firewallPolicy", group.urn));
            const rules = (
                (group.inputs.ruleGroup as Record<string, Record<string, unknown>>).rulesSource.statefulRules as {
                    action: string;
                    header: Record<string, string>;
                }[]
            ).map((r) => `${r.action} ${r.header.protocol} ${r.header.source} -> ${r.header.destination}:${r.header.destinationPort}`);
            assert.deepEqual(rules, [
                "PASS TCP 10.16.0.0/12 -> 10.0.0.0/16:443",
                "PASS TCP 10.32.0.0/12 -> 10.0.0.0/16:443",
                "PASS TCP 10.16.0.0/12 -> 10.32.0.0/12:5432",
            ]);
        });

        it("logs FLOW and ALERT to two CloudWatch log groups with the configured retention", () => {
            const fw = nfw.byType(T.firewall)[0];
            const lc = nfw.dependents(T.logging, "firewallArn", fw.urn);
            assert.equal(lc.length, 1);
            const dests = (
                lc[0].inputs.loggingConfiguration as {
                    logDestinationConfigs: { logType: string; logDestinationType: string; logDestination: { logGroup: string } }[];
                }
            ).logDestinationConfigs;
            assert.deepEqual(dests.map((d) => `${d.logType} ${d.logDestinationType}`).sort(), [
                "ALERT CloudWatchLogs",
                "FLOW CloudWatchLogs",
            ]);
            const groups = propertyDeps(lc[0], "loggingConfiguration")
                .map((u) => nfw.byUrn(u))
                .filter((r) => r.type === T.logGroup);
            assert.equal(groups.length, 2);
            assert.ok(groups.every((l) => l.inputs.retentionInDays === 365));
            assert.deepEqual(groups.map((l) => l.inputs.name).sort(), dests.map((d) => d.logDestination.logGroup).sort());
        });

        it("names its log groups under /aws/vendedlogs/, so the account's 5120-character CloudWatch Logs resource policy never has to grow for them", () => {
            const names = nfw
                .byType(T.logGroup)
                .filter((l) => String(l.inputs.name).includes("network-firewall"))
                .map((l) => String(l.inputs.name))
                .sort();
            assert.deepEqual(names, [
                `/aws/vendedlogs/${PROJECT}/${TEST_STACK}/network-firewall/alert`,
                `/aws/vendedlogs/${PROJECT}/${TEST_STACK}/network-firewall/flow`,
            ]);
        });

        it("replaces the firewall delete-first (its name is fixed and its vpcId forces a replacement), and never its policy or rule group, which are in use", () => {
            assert.equal(nfw.byType(T.firewall)[0].deleteBeforeReplace, true);
            for (const t of [T.firewallPolicy, T.ruleGroup]) {
                assert.ok(nfw.byType(t).length === 1 && nfw.byType(t)[0].deleteBeforeReplace !== true, t);
            }
        });
    });

    describe("stability and absence", () => {
        it("adding an AZ adds resources and renames none: every URN of the two-AZ stack is in the three-AZ stack", () => {
            const three = new Set(g3.resources.map((r) => r.urn));
            const missing = g2.resources.map((r) => r.urn).filter((u) => !three.has(u));
            assert.deepEqual(missing, []);
            assert.ok(g3.resources.length > g2.resources.length);
        });

        it("adding an AZ leaves every existing subnet, route table, route and endpoint of the inspection VPC as it was", () => {
            const vpc3 = new Map(g3.resources.map((r) => [r.urn, r]));
            const kept = g2.resources.filter(
                (r) => [T.subnet, T.rt, T.route, T.endpoint].includes(r.type) && r.name.startsWith("inspection-"),
            );
            assert.ok(kept.length >= 12);
            for (const r of kept) {
                assert.deepEqual(vpc3.get(r.urn)?.inputs, r.inputs, `${r.name} unchanged`);
            }
        });

        it("registers no inspection resource without landing-zone:inspection", () => {
            assert.equal(plain.byType(T.vpc).filter((v) => tag(v, "landing-zone:role") === "inspection").length, 0);
            for (const t of [T.lb, T.firewall, T.firewallPolicy, T.ruleGroup, T.logging]) {
                assert.equal(plain.byType(t).filter((r) => t !== T.lb || r.inputs.loadBalancerType === "gateway").length, 0, t);
            }
            assert.deepEqual(
                plain.resources.filter((r) => r.urn.includes("inspection")).map((r) => r.urn),
                [],
            );
            assert.equal(plain.outputs.inspection, undefined);
        });

        it("exports the inspection VPC, its attachment and one endpoint per AZ name", () => {
            const out = g2.outputs.inspection as Record<string, unknown>;
            assert.equal(out.engine, "gwlb");
            assert.equal(out.transitGatewayAttachmentId, inspectionAttachment(g2).id);
            const ids = out.endpointIds as Record<string, string>;
            const endpoints = g2.byType(T.endpoint).filter((e) => e.inputs.vpcEndpointType === "GatewayLoadBalancer");
            assert.deepEqual(Object.keys(ids).sort(), ["eu-west-2a", "eu-west-2b"]);
            assert.deepEqual(Object.values(ids).sort(), endpoints.map((e) => e.id).sort());
            assert.equal((out.subnetIds as Record<string, string[]>).appliance.length, 2);
        });
    });
});

// ---------------------------------------------------------------------------------------------
// Through the pack: what breaks the plan, and that the cause is named
// ---------------------------------------------------------------------------------------------

const PACK = buildPack(path.resolve(__dirname, "..", "..", "policy-pack"));

async function analyze(config: ConfigObject, resources: readonly CapturedResource[]): Promise<PolicyRunResult> {
    return runPolicyPack({ packDir: PACK, project: PROJECT, stack: TEST_STACK, dryRun: true, stackConfig: flatConfig(config), resources });
}

const mandatory = (r: PolicyRunResult) => r.violations.filter((v) => v.enforcementLevel === "mandatory");

describe("inspection through the policy pack (preview, integration)", function () {
    this.timeout(180000);
    let preview: Plan;
    let nfwPreview: Plan;
    before(async () => {
        preview = await planFor(GWLB_2, { preview: true });
        nfwPreview = await planFor(NFW_2, { preview: true });
    });

    it("passes both engines' stacks with no mandatory violation", async () => {
        const [g, n] = await Promise.all([analyze(GWLB_2, preview.resources), analyze(NFW_2, nfwPreview.resources)]);
        assert.deepEqual(mandatory(g), [], JSON.stringify(mandatory(g)));
        assert.deepEqual(mandatory(n), [], JSON.stringify(mandatory(n)));
    });

    it("fails when the inspection attachment's appliance mode is off, naming the attachment and appliance mode", async () => {
        const a = inspectionAttachment(preview);
        const rs = preview.resources.map((r) =>
            r.urn === a.urn
                ? {
                      ...r,
                      inputs: { ...r.inputs, applianceModeSupport: "disable" },
                      outputs: { ...r.outputs, applianceModeSupport: "disable" },
                  }
                : r,
        );
        const v = mandatory(await analyze(GWLB_2, rs));
        assert.deepEqual(
            v.map((x) => x.policy),
            ["inspection-attachment-appliance-mode"],
        );
        assert.equal(v[0].urn, a.urn);
        assert.match(v[0].message, /appliance mode disable/);
    });

    it("fails when one AZ's GWLB endpoint is gone, naming that AZ's transit subnet and its AZ", async () => {
        const endpoint = preview.one(T.endpoint, "inspection-gwlbe-1");
        const route = routesIn(preview, tableOf(preview, subnets(preview, "transit").get(1) as CapturedResource))[0];
        const rs = preview.resources.filter((r) => r.urn !== endpoint.urn && r.urn !== route.urn);
        const v = mandatory(await analyze(GWLB_2, rs));
        const transit1 = subnets(preview, "transit").get(1) as CapturedResource;
        assert.ok(v.length > 0);
        assert.ok(
            v.every((x) => x.policy === "inspection-endpoint-per-az"),
            JSON.stringify(v),
        );
        assert.ok(
            v.some((x) => x.urn === transit1.urn && x.message.includes(String(transit1.inputs.availabilityZone))),
            JSON.stringify(v),
        );
    });
});
