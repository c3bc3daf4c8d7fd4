/**
 * The regional endpoint sets (components/network/regional-endpoints.ts) on the real program's
 * registrations: one endpoint VPC per spoke Region other than the hub's, its endpoints with private DNS
 * off, one zone per service named for that Region with alias records, associations only with the
 * Region's spokes that asked, the security group, the connectivity in both modes, and the stack output.
 */
import * as assert from "assert";
import { REGIONAL_DEFAULT_SERVICES } from "../../components/aws/service-dependencies";
import { lookupInterfaceService } from "../../components/aws/endpoint-services";
import { CapturedResource, JsonObject } from "../../offline/types";
import { T } from "../helpers/network";
import { Plan, planFor, propertyDependsOn, tag, withBase } from "../helpers/plan";

const REGION = "eu-west-1";
const EP = `endpoints-${REGION}`;

/** Base (hub eu-west-2, payments + analytics in eu-west-1) plus `tooling` in the hub Region and `ledger` in eu-central-1. */
const MULTI = withBase((c) => {
    c.supernets = { ...c.supernets, "eu-west-2": "10.32.0.0/12", "eu-central-1": "10.48.0.0/12" };
    c.spokes.push(
        { name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" },
        { name: "ledger", region: "eu-central-1", cidr: "10.48.0.0/20" },
    );
    c.regionalEndpoints = { [REGION]: { optOut: { analytics: ["logs", "monitoring"] } } };
});

function endpointVpc(plan: Plan, name = EP): CapturedResource {
    return plan.one(T.vpc, name);
}

/** VPC id (mock output) -> VPC name. */
function vpcNames(plan: Plan): Map<string, string> {
    return new Map(plan.byType(T.vpc).map((v) => [String(v.outputs.id ?? v.id), v.name]));
}

/** Zone name -> names of the VPCs associated with it (creation VPC and ZoneAssociations). */
function associations(plan: Plan): Map<string, string[]> {
    const names = vpcNames(plan);
    const out = new Map<string, string[]>();
    for (const z of plan.byType(T.zone)) {
        const vpcs = ((z.inputs.vpcs as JsonObject[]) ?? []).map((v) => names.get(String(v.vpcId)) ?? "?");
        const more = plan.dependents(T.zoneAssociation, "zoneId", z.urn).map((a) => names.get(String(a.inputs.vpcId)) ?? "?");
        out.set(String(z.inputs.name), [...(out.get(String(z.inputs.name)) ?? []), ...vpcs, ...more]);
    }
    return out;
}

describe("regional endpoint sets (components/network/regional-endpoints.ts)", function () {
    this.timeout(60000);

    it("builds one endpoint VPC per spoke Region other than the hub's, tagged role endpoints, with no gateway endpoints", async () => {
        const plan = await planFor(MULTI);
        const names = plan
            .byType(T.vpc)
            .map((v) => v.name)
            .filter((n) => n.startsWith("endpoints-"))
            .sort();
        assert.deepStrictEqual(names, ["endpoints-eu-central-1", "endpoints-eu-west-1"]);
        const vpc = endpointVpc(plan);
        assert.strictEqual(vpc.region, REGION);
        assert.strictEqual(vpc.inputs.cidrBlock, "10.31.252.0/22");
        assert.strictEqual(tag(vpc, "landing-zone:role"), "endpoints");
        const gateways = plan.dependents(T.vpcEndpoint, "vpcId", vpc.urn).filter((e) => e.inputs.vpcEndpointType === "Gateway");
        assert.deepStrictEqual(gateways, []);
    });

    it("holds the Region's agent endpoints with private DNS off, in its endpoint subnets, behind its own security group", async () => {
        const plan = await planFor(MULTI);
        const vpc = endpointVpc(plan);
        const eps = plan.dependents(T.vpcEndpoint, "vpcId", vpc.urn);
        assert.deepStrictEqual(
            eps.map((e) => e.inputs.serviceName).sort(),
            REGIONAL_DEFAULT_SERVICES.map((s) => `com.amazonaws.${REGION}.${s}`).sort(),
        );
        const sg = plan.one(T.securityGroup, `${EP}-endpoints`);
        for (const e of eps) {
            assert.strictEqual(e.inputs.privateDnsEnabled, false, e.name);
            assert.strictEqual(e.region, REGION);
            assert.ok(propertyDependsOn(e, "securityGroupIds", sg.urn), e.name);
            assert.strictEqual((e.inputs.subnetIds as string[]).length, 2, "one ENI per AZ of the set (azCount 2)");
        }
        const rules = plan.dependents(T.ingressRule, "securityGroupId", sg.urn);
        assert.deepStrictEqual(
            rules.map((r) => [r.inputs.cidrIpv4, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort]),
            [["10.16.0.0/12", "tcp", 443, 443]],
            "HTTPS from the Region's supernet only",
        );
    });

    it("names each zone for the set's Region and gives it alias records to the endpoint (apex, and * for ecr.dkr)", async () => {
        const plan = await planFor(MULTI);
        for (const s of REGIONAL_DEFAULT_SERVICES) {
            const spec = lookupInterfaceService(s);
            assert.ok(spec);
            const zone = plan.one(T.zone, `${EP}-${s.replace(/\./g, "-")}`);
            assert.strictEqual(zone.inputs.name, spec.zoneName(REGION));
            assert.ok(zone.ignoreChanges.includes("vpcs"));
            const records = plan.dependents(T.record, "zoneId", zone.urn);
            assert.strictEqual(records.length, spec.records.length, s);
        }
        assert.strictEqual(plan.one(T.zone, `${EP}-ecr-dkr`).inputs.name, "dkr.ecr.eu-west-1.amazonaws.com");
    });

    it("associates each zone with the endpoint VPC and the Region's spokes that asked, never with the hub or another Region's VPC", async () => {
        const plan = await planFor(MULTI);
        const a = associations(plan);
        assert.deepStrictEqual(a.get("ssm.eu-west-1.amazonaws.com")?.sort(), [EP, "spoke-analytics", "spoke-payments"].sort());
        assert.deepStrictEqual(a.get("logs.eu-west-1.amazonaws.com")?.sort(), [EP, "spoke-payments"], "analytics opted out of logs");
        assert.deepStrictEqual(a.get("ssm.eu-central-1.amazonaws.com")?.sort(), ["endpoints-eu-central-1", "spoke-ledger"]);
        // The hub's own zones still go to every spoke (the cross-region callers' path), not to endpoint VPCs.
        assert.deepStrictEqual(
            a.get("ssm.eu-west-2.amazonaws.com")?.sort(),
            ["hub", "spoke-analytics", "spoke-ledger", "spoke-payments", "spoke-tooling"].sort(),
        );
    });

    it("peering mode: each served spoke peers with its Region's endpoint VPC in that Region, with routes both ways", async () => {
        const plan = await planFor(MULTI);
        const pcx = plan.one(T.peering, `peering-${EP}-payments`);
        assert.strictEqual(pcx.region, REGION);
        assert.strictEqual(pcx.inputs.peerRegion, undefined, "intra-region: no peerRegion");
        const routes = plan.byType(T.route).filter((r) => propertyDependsOn(r, "vpcPeeringConnectionId", pcx.urn));
        assert.deepStrictEqual([...new Set(routes.map((r) => r.inputs.destinationCidrBlock))].sort(), ["10.16.0.0/20", "10.31.252.0/22"]);
        assert.deepStrictEqual(
            plan
                .byType(T.peering)
                .filter((p) => p.name.startsWith(`peering-${EP}`))
                .map((p) => p.name)
                .sort(),
            [`peering-${EP}-analytics`, `peering-${EP}-payments`],
        );
    });

    it("transit-gateway mode: the endpoint VPC attaches to its Region's TGW with its own route table; no peering", async () => {
        const plan = await planFor(withBase((c) => (c.connectivity = { mode: "transit-gateway" })));
        const att = plan.one(T.tgwVpcAttachment, `tgw-${EP}`);
        assert.strictEqual(att.region, REGION);
        assert.ok(plan.one(T.tgwRouteTable, `tgw-${REGION}-endpoints`));
        assert.ok(plan.one(T.tgwRouteTablePropagation, "tgw-spoke-payments-to-endpoints"));
        assert.ok(plan.one(T.tgwRouteTablePropagation, `tgw-${EP}-to-spokes`));
        assert.deepStrictEqual(
            plan.byType(T.peering).filter((p) => p.name.includes("endpoints")),
            [],
        );
    });

    it("a Region with enabled: false gets no set, and its spokes keep the hub's zones only", async () => {
        const plan = await planFor(withBase((c) => (c.regionalEndpoints = { [REGION]: { enabled: false } })));
        assert.deepStrictEqual(
            plan.byType(T.vpc).filter((v) => v.name.startsWith("endpoints-")),
            [],
        );
    });

    it("exports each set: VPC ids, the security group and, per service, endpoint and zone", async () => {
        const plan = await planFor(MULTI);
        const out = (plan.outputs.regionalEndpoints as Record<string, JsonObject>)[REGION];
        assert.ok(out, "outputs.regionalEndpoints.eu-west-1");
        assert.strictEqual(out.cidr, "10.31.252.0/22");
        assert.strictEqual(out.vpcId, endpointVpc(plan).outputs.id ?? endpointVpc(plan).id);
        assert.strictEqual(out.endpointSecurityGroupId, plan.one(T.securityGroup, `${EP}-endpoints`).id);
        const ssm = (out.interfaceEndpoints as Record<string, JsonObject>).ssm;
        assert.strictEqual(ssm.zoneName, "ssm.eu-west-1.amazonaws.com");
        assert.strictEqual(ssm.endpointId, plan.one(T.vpcEndpoint, `${EP}-ssm`).id);
        assert.deepStrictEqual(Object.keys(plan.outputs.regionalEndpoints as JsonObject).sort(), ["eu-central-1", "eu-west-1"]);
    });
});
