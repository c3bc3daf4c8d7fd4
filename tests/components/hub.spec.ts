/**
 * The hub (components/network/hub.ts): centralised interface endpoints, their security group, the
 * private hosted zones and alias records that make them resolvable from spokes, endpoint policies,
 * stack outputs; determinism of the whole capture. Asserted on the real program's registrations.
 */
import * as assert from "assert";
import {
    DEFAULT_INTERFACE_SERVICES,
    endpointPolicyDocument,
    INTERFACE_SERVICES,
    lookupInterfaceService,
} from "../../components/aws/endpoint-services";
import { MOCK_ACCOUNT_ID } from "../../offline/mocks";
import { UNKNOWN } from "../../offline/program";
import { CapturedResource, JsonObject } from "../../offline/types";
import { endpointsOf, hubComponent, hubVpc, routeTablesOf, sourceOf, T, tierSubnets } from "../helpers/network";
import { jsonInput, Plan, planFor, propertyDependsOn, runFresh } from "../helpers/plan";
import { BASE, EXTENDED, ORGANIZATION_ID, PRODUCTION } from "../helpers/scenarios";

const REGION = "eu-west-2";

interface Statement {
    Sid?: string;
    Effect: string;
    Principal: unknown;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
}

/** Short service name of an endpoint, from its serviceName `com.amazonaws.<region>.<svc>`. */
function serviceOf(endpoint: CapturedResource): string {
    const name = String(endpoint.inputs.serviceName);
    const prefix = `com.amazonaws.${REGION}.`;
    assert.ok(name.startsWith(prefix), `${endpoint.urn}: serviceName ${name}`);
    return name.slice(prefix.length);
}

function configuredServices(config: Record<string, unknown>): string[] {
    const list = ((config.hub as { interfaceEndpoints?: string[] }).interfaceEndpoints ?? [...DEFAULT_INTERFACE_SERVICES]) as string[];
    return list.map((s) => s.replace(`com.amazonaws.${REGION}.`, ""));
}

function interfaceEndpoints(plan: Plan): CapturedResource[] {
    return endpointsOf(plan, hubVpc(plan), "Interface");
}

function endpointSecurityGroups(plan: Plan): CapturedResource[] {
    return plan.dependents(T.securityGroup, "vpcId", hubVpc(plan).urn);
}

/**
 * The hub's zones and records (children of the hub component): the regional endpoint sets' zones and
 * records are tested in tests/components/regional-endpoints.spec.ts.
 */
function hubZones(plan: Plan): CapturedResource[] {
    return plan.byType(T.zone).filter((z) => z.name.startsWith("hub-"));
}

function hubRecords(plan: Plan): CapturedResource[] {
    return plan.byType(T.record).filter((r) => r.name.startsWith("hub-"));
}

function zoneNamed(plan: Plan, name: string): CapturedResource[] {
    return hubZones(plan).filter((z) => z.inputs.name === name);
}

function recordsOf(plan: Plan, zone: CapturedResource): CapturedResource[] {
    return plan.dependents(T.record, "zoneId", zone.urn);
}

function dnsEntry0(endpoint: CapturedResource): { dnsName: string; hostedZoneId: string } {
    const entries = endpoint.outputs.dnsEntries as JsonObject[] | undefined;
    assert.ok(entries && entries.length > 0, `${endpoint.urn} has no dnsEntries`);
    return { dnsName: String(entries[0].dnsName), hostedZoneId: String(entries[0].hostedZoneId) };
}

/** Checks zones, records and their links for every configured service. */
function checkZonesAndRecords(plan: Plan): void {
    const hub = hubVpc(plan);
    const endpoints = interfaceEndpoints(plan);
    const withZone = configuredServices(plan.config).filter((s) => lookupInterfaceService(s)?.hostedZone !== false);
    assert.strictEqual(hubZones(plan).length, withZone.length, "one zone per service that has private DNS");
    for (const service of withZone) {
        const spec = lookupInterfaceService(service);
        assert.ok(spec);
        const zones = zoneNamed(plan, spec.zoneName(REGION));
        assert.strictEqual(zones.length, 1, `zone ${spec.zoneName(REGION)} for ${service}`);
        const zone = zones[0];
        assert.ok(!String(zone.inputs.name).startsWith("*"), "a zone name cannot be a wildcard");
        assert.strictEqual(zone.region, "global");
        assert.ok(zone.ignoreChanges.includes("vpcs"), `${zone.urn} must ignore changes to vpcs (ZoneAssociations add VPCs)`);
        assert.deepStrictEqual(zone.inputs.vpcs, [{ vpcId: hub.id, vpcRegion: REGION }]);
        assert.ok(propertyDependsOn(zone, "vpcs", hub.urn), "zone vpcs must come from the hub VPC");

        const endpoint = endpoints.find((e) => serviceOf(e) === service) as CapturedResource;
        const records = recordsOf(plan, zone);
        const expectedNames = spec.records.map((label) => (label === "*" ? `*.${spec.zoneName(REGION)}` : spec.zoneName(REGION))).sort();
        assert.deepStrictEqual(records.map((r) => r.inputs.name).sort(), expectedNames, `records of ${zone.inputs.name}`);
        const target = dnsEntry0(endpoint);
        for (const rec of records) {
            assert.strictEqual(rec.inputs.type, "A");
            assert.strictEqual(rec.inputs.zoneId, zone.outputs.zoneId);
            // The alias target is this service's endpoint, through a property dependency.
            assert.strictEqual(sourceOf(plan, rec, "aliases", T.vpcEndpoint).urn, endpoint.urn, `${rec.urn} aliases the wrong endpoint`);
            const aliases = rec.inputs.aliases as JsonObject[];
            assert.strictEqual(aliases.length, 1);
            const aliasName = String(aliases[0].name);
            assert.ok(!aliasName.startsWith("*."), `${rec.urn}: alias target ${aliasName} starts with *.`);
            assert.strictEqual(
                aliasName,
                target.dnsName.replace(/^\*\./, ""),
                "alias must be the endpoint's regional DNS name (dnsEntries[0])",
            );
            assert.strictEqual(aliases[0].zoneId, target.hostedZoneId);
        }
    }
}

describe("components/network/hub", () => {
    describe("base config (default endpoint set, account scope)", () => {
        let plan: Plan;
        before(async () => {
            plan = await planFor(BASE);
        });

        it("is one Hub component owning the hub VPC component, the endpoints, zones and records", () => {
            const hub = hubComponent(plan);
            const vpcComponent = plan.byUrn(hubVpc(plan).parent);
            assert.strictEqual(vpcComponent.parent, hub.urn);
            for (const r of [...interfaceEndpoints(plan), ...hubZones(plan), ...hubRecords(plan), ...endpointSecurityGroups(plan)]) {
                assert.strictEqual(r.parent, hub.urn, r.urn);
            }
        });

        it("creates one interface endpoint per configured service, in the hub region", () => {
            const endpoints = interfaceEndpoints(plan);
            assert.deepStrictEqual(endpoints.map(serviceOf).sort(), [...DEFAULT_INTERFACE_SERVICES].sort());
            for (const e of endpoints) {
                assert.strictEqual(e.region, REGION);
            }
        });

        it("turns private DNS off on every hub endpoint (the hosted zones answer instead)", () => {
            for (const e of interfaceEndpoints(plan)) {
                assert.strictEqual(e.inputs.privateDnsEnabled, false, e.urn);
            }
        });

        it("places every endpoint in all endpoint-tier subnets of the hub", () => {
            const subnets = tierSubnets(plan, hubVpc(plan), "endpoint");
            assert.strictEqual(subnets.length, 3);
            for (const e of interfaceEndpoints(plan)) {
                assert.deepStrictEqual([...e.propertyDependencies.subnetIds].sort(), subnets.map((s) => s.urn).sort(), e.urn);
                assert.deepStrictEqual(
                    e.inputs.subnetIds,
                    subnets.map((s) => s.id),
                    e.urn,
                );
            }
        });

        it("uses one endpoint security group for all endpoints", () => {
            const sgs = endpointSecurityGroups(plan);
            assert.strictEqual(sgs.length, 1);
            for (const e of interfaceEndpoints(plan)) {
                assert.deepStrictEqual(e.propertyDependencies.securityGroupIds, [sgs[0].urn], e.urn);
                assert.deepStrictEqual(e.inputs.securityGroupIds, [sgs[0].id]);
            }
        });

        it("keeps the security group free of inline rules", () => {
            const sg = endpointSecurityGroups(plan)[0];
            for (const k of ["ingress", "egress"]) {
                const v = sg.inputs[k];
                assert.ok(v === undefined || (Array.isArray(v) && v.length === 0), `inline ${k}: ${JSON.stringify(v)}`);
            }
            assert.deepStrictEqual(plan.dependents(T.egressRule, "securityGroupId", sg.urn), []);
        });

        it("allows only TCP 443, from the hub CIDR and one aggregate per spoke region (not per spoke)", () => {
            const sg = endpointSecurityGroups(plan)[0];
            const rules = plan.dependents(T.ingressRule, "securityGroupId", sg.urn);
            for (const r of rules) {
                assert.strictEqual(r.inputs.ipProtocol, "tcp", r.urn);
                assert.strictEqual(r.inputs.fromPort, 443, r.urn);
                assert.strictEqual(r.inputs.toPort, 443, r.urn);
                assert.strictEqual(r.inputs.securityGroupId, sg.id);
                assert.strictEqual(r.region, REGION);
            }
            // Two spokes, one region: the hub plus the eu-west-1 supernet, never the spoke CIDRs.
            assert.deepStrictEqual(rules.map((r) => r.inputs.cidrIpv4).sort(), ["10.0.0.0/16", "10.16.0.0/12"]);
        });

        it("names each zone after the service's published private DNS name", () => {
            checkZonesAndRecords(plan);
        });

        it("names the ECR API zone api.ecr.<region>, not ecr.api.<region>", () => {
            assert.strictEqual(zoneNamed(plan, "api.ecr.eu-west-2.amazonaws.com").length, 1);
            assert.strictEqual(zoneNamed(plan, "ecr.api.eu-west-2.amazonaws.com").length, 0);
        });

        it("gives the ECR Docker zone an apex and a wildcard record (registries are <account>.dkr.ecr…)", () => {
            const zone = zoneNamed(plan, "dkr.ecr.eu-west-2.amazonaws.com");
            assert.strictEqual(zone.length, 1);
            assert.deepStrictEqual(
                recordsOf(plan, zone[0])
                    .map((r) => r.inputs.name)
                    .sort(),
                ["*.dkr.ecr.eu-west-2.amazonaws.com", "dkr.ecr.eu-west-2.amazonaws.com"],
            );
        });

        it("attaches account-scoped policies to restrictable services, none to the others", () => {
            let restricted = 0;
            for (const e of interfaceEndpoints(plan)) {
                const service = serviceOf(e);
                const spec = INTERFACE_SERVICES[service];
                if (spec.policy === "unsupported") {
                    assert.strictEqual(e.inputs.policy, undefined, `${service} takes no endpoint policy`);
                    continue;
                }
                restricted++;
                // The account comes from the caller identity (no accountId in config).
                assert.strictEqual(
                    e.inputs.policy,
                    endpointPolicyDocument(service, { accountId: MOCK_ACCOUNT_ID }, { region: REGION }),
                    service,
                );
                const doc = jsonInput<{ Statement: Statement[] }>(e, "policy");
                const scoped = doc.Statement.filter((s) => s.Condition?.StringEquals?.["aws:PrincipalAccount"] === MOCK_ACCOUNT_ID);
                assert.strictEqual(scoped.length, 1, `${service}: no aws:PrincipalAccount statement`);
            }
            assert.ok(restricted >= 5);
            assert.ok(
                interfaceEndpoints(plan).some((e) => e.inputs.policy === undefined),
                "ssmmessages/ec2messages take no policy",
            );
        });

        it("never grants unconditional full access in an endpoint policy", () => {
            const all = [...interfaceEndpoints(plan), ...endpointsOf(plan, hubVpc(plan), "Gateway")];
            for (const e of all.filter((x) => x.inputs.policy !== undefined)) {
                for (const s of jsonInput<{ Statement: Statement[] }>(e, "policy").Statement) {
                    const wide = s.Principal === "*" && s.Action === "*" && s.Resource === "*";
                    assert.ok(!wide || s.Condition, `${e.urn}: statement ${s.Sid ?? ""} allows everything to everyone`);
                }
            }
        });

        it("lets STS federation through its restrictive policy", () => {
            const sts = interfaceEndpoints(plan).find((e) => serviceOf(e) === "sts") as CapturedResource;
            const fed = jsonInput<{ Statement: Statement[] }>(sts, "policy").Statement.find(
                (s) => JSON.stringify(s.Principal) === '{"Federated":"*"}',
            );
            assert.ok(fed, "no Federated statement on the STS endpoint policy");
            assert.deepStrictEqual([...(fed.Action as string[])].sort(), ["sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"]);
        });

        it("scopes the hub's gateway endpoint policies to the account too", () => {
            const gws = endpointsOf(plan, hubVpc(plan), "Gateway");
            assert.strictEqual(gws.length, 2);
            for (const g of gws) {
                const svc = String(g.inputs.serviceName).split(".").pop() as string;
                assert.strictEqual(g.inputs.policy, endpointPolicyDocument(svc, { accountId: MOCK_ACCOUNT_ID }, { region: REGION }), g.urn);
            }
        });

        it("exports the hub's ids as stack outputs, matching the registered resources", () => {
            const out = plan.outputs.hub as JsonObject;
            const vpc = hubVpc(plan);
            assert.strictEqual(out.vpcId, vpc.id);
            assert.strictEqual(out.region, REGION);
            assert.strictEqual(out.cidr, "10.0.0.0/16");
            assert.strictEqual(out.endpointSecurityGroupId, endpointSecurityGroups(plan)[0].id);
            for (const tier of ["workload", "endpoint", "transit"]) {
                const subnets = tierSubnets(plan, vpc, tier);
                assert.deepStrictEqual(
                    (out.subnetIds as JsonObject)[tier],
                    subnets.map((s) => s.id),
                    `subnetIds.${tier}`,
                );
                const tables = subnets.map((s) =>
                    sourceOf(plan, plan.dependents(T.routeTableAssociation, "subnetId", s.urn)[0], "routeTableId", T.routeTable),
                );
                assert.deepStrictEqual(
                    (out.routeTableIds as JsonObject)[tier],
                    tables.map((t) => t.id),
                    `routeTableIds.${tier}`,
                );
            }
            assert.strictEqual(routeTablesOf(plan, vpc).length, 9);
            const eps = out.interfaceEndpoints as Record<string, JsonObject>;
            assert.deepStrictEqual(Object.keys(eps).sort(), [...DEFAULT_INTERFACE_SERVICES].sort());
            for (const e of interfaceEndpoints(plan)) {
                const svc = serviceOf(e);
                assert.strictEqual(eps[svc].endpointId, e.id, svc);
                const zoneName = INTERFACE_SERVICES[svc].zoneName(REGION);
                assert.strictEqual(eps[svc].zoneName, zoneName);
                assert.strictEqual(eps[svc].zoneId, zoneNamed(plan, zoneName)[0].outputs.zoneId);
            }
        });

        it("is deterministic: a second run captures the same resources and outputs, in the same order", async () => {
            const again = await runFresh(BASE);
            assert.notStrictEqual(again.resources, plan.resources, "precondition: a fresh run, not the memoised one");
            assert.deepStrictEqual(again.resources, plan.resources);
            assert.deepStrictEqual(again.outputs, plan.outputs);
            assert.strictEqual(JSON.stringify(again.resources), JSON.stringify(plan.resources));
        });
    });

    describe("extended config (S3, DynamoDB, execute-api, full names, two spoke regions)", () => {
        let plan: Plan;
        before(async () => {
            plan = await planFor(EXTENDED);
        });

        it("creates endpoints for the configured services, full names normalised", () => {
            assert.deepStrictEqual(interfaceEndpoints(plan).map(serviceOf).sort(), [
                "dynamodb",
                "ecr.api",
                "ecr.dkr",
                "execute-api",
                "s3",
                "ssm",
                "ssmmessages",
                "sts",
            ]);
            assert.ok(!interfaceEndpoints(plan).some((e) => String(e.inputs.serviceName).includes("com.amazonaws.com.amazonaws")));
        });

        it("uses the endpoint subnets of the configured two AZs", () => {
            const subnets = tierSubnets(plan, hubVpc(plan), "endpoint");
            assert.strictEqual(subnets.length, 2);
            for (const e of interfaceEndpoints(plan)) {
                assert.deepStrictEqual(
                    e.inputs.subnetIds,
                    subnets.map((s) => s.id),
                );
            }
        });

        it("links every zone and record correctly, including S3's wildcard and execute-api's", () => {
            checkZonesAndRecords(plan);
        });

        it("gives S3 an apex and a wildcard record aliased to the endpoint name without its leading *.", () => {
            const s3 = interfaceEndpoints(plan).find((e) => serviceOf(e) === "s3") as CapturedResource;
            // AWS lists S3's endpoint DNS names with a leading "*." (the mocks do too); an alias target cannot have it.
            assert.ok(dnsEntry0(s3).dnsName.startsWith("*."), "precondition: the mock's S3 dnsEntries[0] starts with *.");
            const zone = zoneNamed(plan, "s3.eu-west-2.amazonaws.com");
            assert.strictEqual(zone.length, 1);
            const records = recordsOf(plan, zone[0]);
            assert.deepStrictEqual(records.map((r) => r.inputs.name).sort(), [
                "*.s3.eu-west-2.amazonaws.com",
                "s3.eu-west-2.amazonaws.com",
            ]);
            for (const r of records) {
                assert.strictEqual((r.inputs.aliases as JsonObject[])[0].name, dnsEntry0(s3).dnsName.slice(2));
            }
        });

        it("creates no zone and no record for DynamoDB (no private DNS; its public name must keep working)", () => {
            const ddb = interfaceEndpoints(plan).find((e) => serviceOf(e) === "dynamodb") as CapturedResource;
            assert.ok(ddb);
            assert.strictEqual(zoneNamed(plan, "dynamodb.eu-west-2.amazonaws.com").length, 0);
            assert.deepStrictEqual(
                plan.byType(T.record).filter((r) => propertyDependsOn(r, "aliases", ddb.urn)),
                [],
            );
            const out = (plan.outputs.hub as JsonObject).interfaceEndpoints as Record<string, JsonObject>;
            assert.strictEqual(out.dynamodb.endpointId, ddb.id);
            assert.strictEqual(out.dynamodb.zoneId, undefined);
        });

        it("keeps only the configured gateway endpoint on the hub", () => {
            assert.deepStrictEqual(
                endpointsOf(plan, hubVpc(plan), "Gateway").map((g) => g.inputs.serviceName),
                ["com.amazonaws.eu-west-2.dynamodb"],
            );
        });

        it("opens 443 from each spoke region's supernet, not from supernets of regions without spokes", () => {
            const sg = endpointSecurityGroups(plan)[0];
            const cidrs = plan.dependents(T.ingressRule, "securityGroupId", sg.urn).map((r) => r.inputs.cidrIpv4);
            assert.deepStrictEqual(cidrs.sort(), ["10.0.0.0/16", "10.16.0.0/12", "10.32.0.0/12"]);
        });

        it("restricts execute-api by API owner, not by principal", () => {
            const api = interfaceEndpoints(plan).find((e) => serviceOf(e) === "execute-api") as CapturedResource;
            const doc = jsonInput<{ Statement: Statement[] }>(api, "policy");
            assert.deepStrictEqual(
                doc.Statement.map((s) => s.Resource),
                [`arn:aws:execute-api:*:${MOCK_ACCOUNT_ID}:*`],
            );
        });
    });

    describe("production config (organizationId set)", () => {
        let plan: Plan;
        before(async () => {
            plan = await planFor(PRODUCTION);
        });

        it("scopes restrictable endpoint policies to the organisation instead of the account", () => {
            for (const e of interfaceEndpoints(plan)) {
                const service = serviceOf(e);
                if (INTERFACE_SERVICES[service].policy === "unsupported") {
                    assert.strictEqual(e.inputs.policy, undefined, service);
                    continue;
                }
                const text = String(e.inputs.policy);
                assert.strictEqual(text, endpointPolicyDocument(service, { organizationId: ORGANIZATION_ID }, { region: REGION }), service);
                assert.ok(text.includes(`"aws:PrincipalOrgID":"${ORGANIZATION_ID}"`), service);
                assert.ok(!text.includes("aws:PrincipalAccount"), `${service} still names an account`);
            }
        });
    });

    describe("preview of a fresh stack (unknown ids)", () => {
        let plan: Plan;
        before(async () => {
            plan = await planFor(BASE, { preview: true });
        });

        it("keeps the relationships policies rely on as property dependencies", () => {
            const vpc = hubVpc(plan);
            assert.ok(!vpc.id || vpc.id === UNKNOWN, "precondition: ids are unknown in a preview");
            const endpoints = interfaceEndpoints(plan);
            assert.strictEqual(endpoints.length, DEFAULT_INTERFACE_SERVICES.length);
            const subnets = tierSubnets(plan, vpc, "endpoint");
            assert.strictEqual(subnets.length, 3);
            for (const e of endpoints) {
                assert.deepStrictEqual([...e.propertyDependencies.subnetIds].sort(), subnets.map((s) => s.urn).sort());
            }
            for (const zone of hubZones(plan)) {
                assert.ok(propertyDependsOn(zone, "vpcs", vpc.urn), zone.urn);
                for (const rec of recordsOf(plan, zone)) {
                    const ep = sourceOf(plan, rec, "aliases", T.vpcEndpoint);
                    assert.ok(endpoints.includes(ep));
                }
            }
            const fl = plan.dependents(T.flowLog, "vpcId", vpc.urn);
            assert.strictEqual(fl.length, 1);
            sourceOf(plan, fl[0], "logDestination", T.logGroup);
        });
    });
});
