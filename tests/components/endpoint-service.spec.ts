import { strict as assert } from "assert";
import { validateConfig } from "../../components/config/schema";
import { MOCK_ACCOUNT_ID } from "../../offline/mocks";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, Plan, planFor, propertyDeps, propertyDependsOn, withBase } from "../helpers/plan";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    tga: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    asg: "aws:autoscaling/group:Group",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    svc: "aws:ec2/vpcEndpointService:VpcEndpointService",
    principal: "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    accepter: "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter",
    dnsVerify: "aws:vpc/endpointServicePrivateDnsVerification:EndpointServicePrivateDnsVerification",
};

const PRINCIPALS = ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/orders-consumer", "arn:aws:iam::444455556666:user/ops"];

/** Hub-hosted service; one consumer in the hub region (same-region, AZ-matched), one in eu-west-1 (cross-region). */
const SERVICE: ConfigObject = withBase((c) => {
    c.accountId = "999988887777";
    c.supernets["eu-west-2"] = "10.32.0.0/12";
    c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20", azCount: 3 });
    c.hub.azCount = 2;
    c.endpointService = { name: "orders-api", port: 8443, allowedPrincipals: PRINCIPALS, consumers: ["payments", "tooling"], targets: { fleet: { desiredCapacity: 2 } } };
});

function sgAdmits(plan: Plan, sg: CapturedResource, cidr: string, port: number): boolean {
    return plan
        .byType(T.ingress)
        .some((r) => propertyDependsOn(r, "securityGroupId", sg.urn) && r.inputs.cidrIpv4 === cidr && r.inputs.fromPort === port && r.inputs.toPort === port && r.inputs.ipProtocol === "tcp");
}

describe("components/endpoint-service", () => {
    let plan: Plan;
    let nlb: CapturedResource;
    let svc: CapturedResource;
    before(async () => {
        plan = await planFor(SERVICE);
        nlb = plan.one(T.lb, "svc-orders-api");
        svc = plan.one(T.svc, "svc-orders-api");
    });

    it("puts an internal NLB with cross-zone load balancing and a security group in every AZ of the host's endpoint tier", () => {
        assert.equal(nlb.region, "eu-west-2");
        assert.equal(nlb.inputs.internal, true);
        assert.equal(nlb.inputs.loadBalancerType, "network");
        assert.equal(nlb.inputs.enableCrossZoneLoadBalancing, true);
        const hub = plan.one(T.vpc, "hub");
        const endpointSubnets = plan.byType(T.subnet).filter((s) => propertyDependsOn(s, "vpcId", hub.urn) && s.name.includes("-endpoint-"));
        assert.equal(endpointSubnets.length, 2);
        assert.deepEqual([...propertyDeps(nlb, "subnets")].sort(), endpointSubnets.map((s) => s.urn).sort());
        const sgs = propertyDeps(nlb, "securityGroups");
        assert.equal(sgs.length, 1, "security group attached at creation");
    });

    it("admits the host VPC and each consumer's CIDR on the service port at the NLB (PrivateLink keeps client addresses)", () => {
        const sg = plan.byUrn(propertyDeps(nlb, "securityGroups")[0]);
        assert.equal(nlb.inputs.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic, "on");
        for (const cidr of ["10.0.0.0/16", "10.16.0.0/20", "10.32.0.0/20"]) {
            assert.ok(sgAdmits(plan, sg, cidr, 8443), `NLB admits ${cidr}`);
        }
        assert.ok(!sgAdmits(plan, sg, "10.16.16.0/20", 8443), "a spoke that is not a consumer is not admitted");
    });

    it("forwards a TCP listener to a target group with health checks; the fleet's group admits only the NLB", () => {
        const tg = plan.one(T.tg, "svc-orders-api");
        const listener = plan.one(T.listener, "svc-orders-api");
        assert.ok(propertyDependsOn(listener, "loadBalancerArn", nlb.urn));
        assert.ok(propertyDependsOn(listener, "defaultActions", tg.urn));
        assert.equal(listener.inputs.port, 8443);
        assert.equal(tg.inputs.protocol, "TCP");
        assert.equal((tg.inputs.healthCheck as { enabled: boolean }).enabled, true);
        const targetsSg = plan.one(T.sg, "svc-orders-api-targets");
        const nlbSg = plan.byUrn(propertyDeps(nlb, "securityGroups")[0]);
        const ingress = plan.byType(T.ingress).filter((r) => propertyDependsOn(r, "securityGroupId", targetsSg.urn));
        assert.equal(ingress.length, 1);
        assert.ok(propertyDependsOn(ingress[0], "referencedSecurityGroupId", nlbSg.urn));
    });

    it("runs a private fleet: ASG in the workload subnets, AMI from the public SSM parameter, IMDSv2, no public IP", () => {
        const asg = plan.one(T.asg, "svc-orders-api-fleet");
        const lt = plan.one(T.lt, "svc-orders-api-fleet");
        const tg = plan.one(T.tg, "svc-orders-api");
        assert.ok(propertyDependsOn(asg, "targetGroupArns", tg.urn));
        assert.ok(propertyDependsOn(asg, "launchTemplate", lt.urn));
        const workload = plan.byType(T.subnet).filter((s) => s.name.startsWith("hub-workload-"));
        assert.deepEqual([...propertyDeps(asg, "vpcZoneIdentifiers")].sort(), workload.map((s) => s.urn).sort());
        assert.match(String(lt.inputs.imageId), /^resolve:ssm:\/aws\/service\/ami-amazon-linux-latest\//);
        assert.equal((lt.inputs.metadataOptions as { httpTokens: string }).httpTokens, "required");
        const nic = (lt.inputs.networkInterfaces as { associatePublicIpAddress: string }[])[0];
        assert.equal(nic.associatePublicIpAddress, "false");
        const roles = plan.byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.policyArn);
        assert.ok(roles.includes("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"));
    });

    it("creates the endpoint service with acceptance required and one allowed-principal resource per principal (+ this account)", () => {
        assert.equal(svc.inputs.acceptanceRequired, true);
        assert.ok(propertyDependsOn(svc, "networkLoadBalancerArns", nlb.urn));
        const principals = plan.byType(T.principal).filter((p) => propertyDependsOn(p, "vpcEndpointServiceId", svc.urn));
        assert.deepEqual(principals.map((p) => p.inputs.principalArn).sort(), [...PRINCIPALS, "arn:aws:iam::999988887777:root"].sort());
        assert.equal(svc.inputs.allowedPrincipals, undefined, "no inline principals (they would fight the separate resources)");
    });

    it("lists the service's own region first and each cross-region consumer's region in supportedRegions", () => {
        // AWS always reports the home region; leaving it out would diff on every preview.
        assert.deepEqual(svc.inputs.supportedRegions, ["eu-west-2", "eu-west-1"]);
    });

    it("gives each consumer an endpoint in its own region, cross-region ones with serviceRegion, and accepts it in the service's region", () => {
        for (const [name, region, cross] of [
            ["payments", "eu-west-1", true],
            ["tooling", "eu-west-2", false],
        ] as const) {
            const ep = plan.one(T.endpoint, `svc-orders-api-${name}`);
            assert.equal(ep.region, region);
            assert.ok(propertyDependsOn(ep, "serviceName", svc.urn));
            assert.equal(ep.inputs.vpcEndpointType, "Interface");
            assert.equal(ep.inputs.serviceRegion, cross ? "eu-west-2" : undefined);
            assert.equal(ep.inputs.privateDnsEnabled, false);
            const sg = plan.byUrn(propertyDeps(ep, "securityGroupIds")[0]);
            const vpc = plan.one(T.vpc, `spoke-${name}`);
            assert.ok(sgAdmits(plan, sg, String(vpc.inputs.cidrBlock), 8443));
            const acc = plan.byType(T.accepter).filter((a) => propertyDependsOn(a, "vpcEndpointId", ep.urn));
            assert.equal(acc.length, 1);
            assert.equal(acc[0].region, "eu-west-2");
            assert.ok(propertyDependsOn(acc[0], "vpcEndpointServiceId", svc.urn));
            const self = plan.one(T.principal, "svc-orders-api-principal-999988887777-root");
            assert.ok(ep.dependencies.includes(self.urn), "the endpoint waits until this account is allowed");
        }
    });

    it("places a same-region consumer only in AZs the NLB serves, matched by AZ ID", () => {
        // tooling has 3 AZs, the hub (NLB) 2: its endpoint uses the two shared AZs only.
        const ep = plan.one(T.endpoint, "svc-orders-api-tooling");
        const subnetIds = ep.inputs.subnetIds as string[];
        const toolingEndpointSubnets = plan.byType(T.subnet).filter((s) => s.name.startsWith("spoke-tooling-endpoint-"));
        assert.equal(toolingEndpointSubnets.length, 3);
        const used = toolingEndpointSubnets.filter((s) => subnetIds.includes(s.id));
        assert.equal(used.length, 2);
        const nlbAzIds = new Set(plan.byType(T.subnet).filter((s) => s.name.startsWith("hub-endpoint-")).map((s) => s.outputs.availabilityZoneId));
        for (const s of used) {
            assert.ok(nlbAzIds.has(s.outputs.availabilityZoneId), `${s.name} is in an NLB AZ`);
        }
        // The cross-region consumer uses all of its endpoint subnets.
        const cross = plan.one(T.endpoint, "svc-orders-api-payments");
        assert.equal((cross.inputs.subnetIds as string[]).length, 2);
    });

    it("exports what a consumer needs", () => {
        const out = plan.outputs.endpointService as Record<string, unknown>;
        assert.equal(out.serviceName, svc.outputs.serviceName);
        assert.match(String(out.serviceName), /^com\.amazonaws\.vpce\.eu-west-2\.vpce-svc-[0-9a-f]{17}$/);
        assert.equal(out.serviceId, svc.id);
        assert.deepEqual(out.allowedPrincipals, PRINCIPALS);
        assert.deepEqual(out.supportedRegions, ["eu-west-2", "eu-west-1"]);
        assert.equal(out.region, "eu-west-2");
        assert.deepEqual(Object.keys(out.consumerEndpointIds as object).sort(), ["payments", "tooling"]);
    });

    it("registers existing instances or IPs as targets instead of a fleet", async () => {
        const ips = await planFor(withBase((c) => (c.endpointService = { name: "legacy", targets: { ipAddresses: ["10.0.0.10", "10.0.0.11"] } })));
        const tg = ips.one(T.tg, "svc-legacy");
        assert.equal(tg.inputs.targetType, "ip");
        const atts = ips.byType(T.tga);
        assert.deepEqual(atts.map((a) => a.inputs.targetId).sort(), ["10.0.0.10", "10.0.0.11"]);
        assert.equal(ips.byType(T.asg).length, 0);
        assert.equal(ips.byType(T.principal).length, 0, "no consumers, no principals: nobody may connect");
    });

    it("verifies private DNS and turns it on for consumers only in phase 2, after acceptance and verification", async () => {
        const privateDns = "aws:vpc/endpointPrivateDns:EndpointPrivateDns";
        const phase1 = await planFor(withBase((c) => (c.endpointService = { name: "dns", privateDnsName: "api.example.com", consumers: ["payments"] })));
        assert.equal(phase1.byType(T.dnsVerify).length, 0);
        assert.equal(phase1.byType(privateDns).length, 0);
        assert.equal(phase1.one(T.endpoint, "svc-dns-payments").inputs.privateDnsEnabled, false);
        assert.equal(phase1.one(T.svc, "svc-dns").inputs.privateDnsName, "api.example.com");
        const phase2 = await planFor(withBase((c) => (c.endpointService = { name: "dns", privateDnsName: "api.example.com", privateDnsVerified: true, consumers: ["payments"] })));
        const verification = phase2.byType(T.dnsVerify);
        assert.equal(verification.length, 1);
        const endpoint = phase2.one(T.endpoint, "svc-dns-payments");
        // AWS refuses private DNS on an endpoint pending acceptance: it is created off and switched on after.
        assert.equal(endpoint.inputs.privateDnsEnabled, false);
        const on = phase2.one(privateDns, "svc-dns-payments-private-dns");
        assert.equal(on.inputs.privateDnsEnabled, true);
        assert.ok(propertyDependsOn(on, "vpcEndpointId", endpoint.urn));
        assert.equal(on.region, endpoint.region);
        const accepter = phase2.one(T.accepter, "svc-dns-payments-accept");
        assert.ok(on.dependencies.includes(accepter.urn) && on.dependencies.includes(verification[0].urn));
    });

    it("leaves privateDnsEnabled to EndpointPrivateDns in phase 2 (ignoreChanges on the endpoint), so the state converges instead of diffing on every up", async () => {
        // The endpoint is created with private DNS off (AWS refuses it while pending acceptance) and
        // EndpointPrivateDns turns it on: without ignoreChanges the endpoint would switch it back off.
        const phase1 = await planFor(withBase((c) => (c.endpointService = { name: "dns", privateDnsName: "api.example.com", consumers: ["payments"] })));
        assert.deepEqual(phase1.one(T.endpoint, "svc-dns-payments").ignoreChanges, [], "phase 1: the endpoint owns privateDnsEnabled (false)");
        const phase2 = await planFor(withBase((c) => (c.endpointService = { name: "dns", privateDnsName: "api.example.com", privateDnsVerified: true, consumers: ["payments"] })));
        assert.deepEqual(phase2.one(T.endpoint, "svc-dns-payments").ignoreChanges, ["privateDnsEnabled"]);
        assert.equal(phase2.one(T.endpoint, "svc-dns-payments").inputs.privateDnsEnabled, false, "still created off");
    });

    it("reaches existing targets by address: IPs outside the host VPC register in all AZs", async () => {
        const p = await planFor(withBase((c) => (c.endpointService = { name: "ext", targets: { ipAddresses: ["10.0.0.10", "10.16.0.10"] } })));
        const nlbSg = p.one(T.sg, "svc-ext-nlb");
        const egress = p.byType(T.egress).filter((r) => propertyDependsOn(r, "securityGroupId", nlbSg.urn));
        assert.deepEqual(egress.map((r) => r.inputs.cidrIpv4).sort(), ["10.0.0.10/32", "10.16.0.10/32"]);
        const att = (ip: string) => p.byType(T.tga).filter((a) => a.inputs.targetId === ip);
        assert.equal(att("10.0.0.10")[0].inputs.availabilityZone, undefined, "inside the hub VPC");
        assert.equal(att("10.16.0.10")[0].inputs.availabilityZone, "all", "outside the hub VPC");
    });

    it("does not register this account twice when the config pins it and lists it", async () => {
        const p = await planFor(
            withBase((c) => {
                c.accountId = "111122223333";
                c.endpointService = { name: "self", allowedPrincipals: ["arn:aws:iam::111122223333:root"], consumers: ["payments"] };
            }),
        );
        const principals = p.byType(T.principal);
        assert.deepEqual(principals.map((x) => x.inputs.principalArn), ["arn:aws:iam::111122223333:root"]);
        assert.ok(p.one(T.endpoint, "svc-self-payments").dependencies.includes(principals[0].urn));
    });
});

describe("components/endpoint-service: one component per AWS concept", () => {
    const COMPONENT = "landing-zone:endpoint-service:";
    let plan: Plan;
    let outer: CapturedResource;
    before(async () => {
        plan = await planFor(SERVICE);
        outer = plan.one(`${COMPONENT}EndpointService`, "svc-orders-api");
    });
    const part = (type: string, name: string) => plan.one(`${COMPONENT}${type}`, name);
    const kinds = (r: CapturedResource) => [...new Set(plan.children(r.urn).map((c) => c.type))].sort();

    it("composes a load balancer, targets, a service and one consumer per consumer spoke", () => {
        assert.deepEqual(
            plan.children(outer.urn).map((c) => `${c.type.slice(COMPONENT.length)}/${c.name}`).sort(),
            ["Consumer/svc-orders-api-payments", "Consumer/svc-orders-api-tooling", "LoadBalancer/svc-orders-api", "Service/svc-orders-api", "Targets/svc-orders-api"],
        );
        assert.deepEqual(kinds(part("LoadBalancer", "svc-orders-api")), [T.sg, T.ingress, T.lb, T.listener, T.tg].sort());
        assert.deepEqual(kinds(part("Service", "svc-orders-api")), [T.accepter, T.svc, T.principal].sort());
        assert.ok(kinds(part("Targets", "svc-orders-api")).includes(T.asg));
        assert.deepEqual(kinds(part("Consumer", "svc-orders-api-payments")), [T.sg, T.endpoint, T.ingress].sort());
    });

    it("hands every child the provider of its component's region: the service's, or the consumer spoke's", () => {
        for (const c of plan.descendants(outer.urn).filter((r) => r.custom)) {
            const consumer = plan.byUrn(c.parent);
            const expected = consumer.type === `${COMPONENT}Consumer` ? (consumer.name.endsWith("payments") ? "eu-west-1" : "eu-west-2") : "eu-west-2";
            assert.ok(c.provider, `${c.urn} has an explicit provider`);
            assert.equal(plan.byUrn(c.provider).region, expected, `${c.urn} is created in ${expected}`);
        }
    });

    it("keeps each moved child's former URN (a direct child of the EndpointService) as an alias, so deployed stacks keep their resources", () => {
        const moved = plan.descendants(outer.urn).filter((r) => r.custom);
        assert.ok(moved.length >= 25);
        // List members were also renamed (named by value now): their alias carries the index name, checked below.
        const member = /-(principal|target|nlb-from|nlb-to)-/;
        for (const r of moved) {
            const former = `urn:pulumi:test::landing-zone::${COMPONENT}EndpointService$${r.type}::`;
            const aliases = r.aliases ?? [];
            assert.ok(member.test(r.name) ? aliases.some((a) => a.startsWith(former)) : aliases.includes(former + r.name), `${r.urn} declares an alias under ${former}`);
        }
    });
});

describe("components/endpoint-service: list members are named by value, not position", () => {
    const A = "arn:aws:iam::111122223333:root";
    const B = "arn:aws:iam::444455556666:role/orders-consumer";
    const C = "arn:aws:iam::777788889999:user/ops";
    const IPS = ["10.0.0.10", "10.0.0.11", "10.16.0.12"];
    const CIDRS = ["192.168.0.0/24", "192.168.1.0/24", "192.168.2.0/24"];
    const IDS = ["i-0123456789abcdef0", "i-0123456789abcdef1", "i-0123456789abcdef2"];
    const withoutMiddle = <T>(xs: readonly T[]) => [xs[0], xs[2]];
    const service = (principals: string[], ips: string[], cidrs: string[]) =>
        withBase((c) => {
            c.accountId = "999988887777";
            c.endpointService = { name: "orders", port: 8443, allowedPrincipals: principals, consumers: ["payments"], targets: { ipAddresses: ips }, allowedSourceCidrs: cidrs };
        });
    const instances = (ids: string[]) => withBase((c) => (c.endpointService = { name: "legacy", targets: { instanceIds: ids } }));
    let before3: Plan;
    let after2: Plan;
    let instBefore: Plan;
    let instAfter: Plan;
    before(async () => {
        before3 = await planFor(service([A, B, C], IPS, CIDRS));
        after2 = await planFor(service(withoutMiddle([A, B, C]), withoutMiddle(IPS), withoutMiddle(CIDRS)));
        instBefore = await planFor(instances(IDS));
        instAfter = await planFor(instances(withoutMiddle(IDS)));
    });
    /** URN of the resource of `type` whose input `prop` is `value` (exactly one). */
    const urnOf = (plan: Plan, type: string, prop: string, value: string) => {
        const found = plan.byType(type).filter((r) => r.inputs[prop] === value);
        assert.equal(found.length, 1, `one ${type} with ${prop} = ${value}`);
        return found[0].urn;
    };

    it("keeps the URN of every surviving allowed principal when one is removed from the middle", () => {
        for (const arn of [A, C]) {
            assert.equal(urnOf(after2, T.principal, "principalArn", arn), urnOf(before3, T.principal, "principalArn", arn), `${arn} keeps its resource`);
        }
        assert.equal(after2.byType(T.principal).filter((p) => p.inputs.principalArn === B).length, 0);
    });

    it("keeps the URN of every surviving target registration (IP or instance) and NLB egress rule when a target is removed from the middle", () => {
        for (const ip of [IPS[0], IPS[2]]) {
            assert.equal(urnOf(after2, T.tga, "targetId", ip), urnOf(before3, T.tga, "targetId", ip), `${ip} keeps its registration`);
            assert.equal(urnOf(after2, T.egress, "cidrIpv4", `${ip}/32`), urnOf(before3, T.egress, "cidrIpv4", `${ip}/32`), `${ip}/32 keeps its NLB egress rule`);
        }
        for (const id of [IDS[0], IDS[2]]) {
            assert.equal(urnOf(instAfter, T.tga, "targetId", id), urnOf(instBefore, T.tga, "targetId", id), `${id} keeps its registration`);
        }
    });

    it("keeps the URN of every surviving allowedSourceCidrs rule when a CIDR is removed from the middle", () => {
        for (const cidr of [CIDRS[0], CIDRS[2]]) {
            assert.equal(urnOf(after2, T.ingress, "cidrIpv4", cidr), urnOf(before3, T.ingress, "cidrIpv4", cidr), `${cidr} keeps its NLB ingress rule`);
        }
    });

    it("aliases each current member to the index name it has in the current list, so a stack deployed with index names keeps its resources", () => {
        const legacy = (type: string, name: string) => `urn:pulumi:test::landing-zone::landing-zone:endpoint-service:EndpointService$${type}::${name}`;
        const aliasesOf = (plan: Plan, type: string, prop: string, value: string) => plan.byUrn(urnOf(plan, type, prop, value)).aliases ?? [];
        [A, B, C].forEach((arn, i) => assert.ok(aliasesOf(before3, T.principal, "principalArn", arn).includes(legacy(T.principal, `svc-orders-principal-${i}`)), `${arn} aliases principal-${i}`));
        assert.ok(aliasesOf(after2, T.principal, "principalArn", C).includes(legacy(T.principal, "svc-orders-principal-1")), "after the removal C is at index 1");
        IPS.forEach((ip, i) => {
            assert.ok(aliasesOf(before3, T.tga, "targetId", ip).includes(legacy(T.tga, `svc-orders-target-${i}`)), `${ip} aliases target-${i}`);
            assert.ok(aliasesOf(before3, T.egress, "cidrIpv4", `${ip}/32`).includes(legacy(T.egress, `svc-orders-nlb-to-targets-${i}`)), `${ip}/32 aliases nlb-to-targets-${i}`);
        });
        CIDRS.forEach((cidr, i) => assert.ok(aliasesOf(before3, T.ingress, "cidrIpv4", cidr).includes(legacy(T.ingress, `svc-orders-nlb-from-external-${i}`)), `${cidr} aliases nlb-from-external-${i}`));
        IDS.forEach((id, i) => assert.ok(aliasesOf(instBefore, T.tga, "targetId", id).includes(legacy(T.tga, `svc-legacy-target-${i}`)), `${id} aliases target-${i}`));
    });
});

describe("components/endpoint-service: supported regions and this account", () => {
    it("declares supportedRegions as just its own region when no consumer is cross-region (an omitted value would keep the old regions)", async () => {
        // Optional + Computed in the provider: leaving it out after the last cross-region consumer goes
        // keeps the regions AWS reported before, so the service would stay open to them.
        const sameRegion = await planFor(
            withBase((c) => {
                c.supernets["eu-west-2"] = "10.32.0.0/12";
                c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" });
                c.endpointService = { name: "local", consumers: ["tooling"] };
            }),
        );
        assert.deepEqual(sameRegion.one(T.svc, "svc-local").inputs.supportedRegions, ["eu-west-2"]);
        assert.deepEqual((sameRegion.outputs.endpointService as Record<string, unknown>).supportedRegions, ["eu-west-2"]);
        const none = await planFor(withBase((c) => (c.endpointService = { name: "alone" })));
        assert.deepEqual(none.one(T.svc, "svc-alone").inputs.supportedRegions, ["eu-west-2"]);
    });

    it("allows this account once when accountId is not pinned and the caller's account is listed", async () => {
        const self = `arn:aws:iam::${MOCK_ACCOUNT_ID}:root`;
        const p = await planFor(withBase((c) => (c.endpointService = { name: "unpinned", allowedPrincipals: [self, PRINCIPALS[1]], consumers: ["payments"] })));
        const principals = p.byType(T.principal);
        assert.deepEqual(principals.map((x) => x.inputs.principalArn).sort(), [self, PRINCIPALS[1]].sort());
        const mine = principals.find((x) => x.inputs.principalArn === self);
        assert.ok(mine && p.one(T.endpoint, "svc-unpinned-payments").dependencies.includes(mine.urn), "the endpoint waits for that one resource");
        // A preview decides the same: the caller identity is an invoke, answered during a preview too.
        const preview = await planFor(withBase((c) => (c.endpointService = { name: "unpinned", allowedPrincipals: [self, PRINCIPALS[1]], consumers: ["payments"] })), { preview: true });
        assert.deepEqual(preview.byType(T.principal).map((x) => x.name).sort(), principals.map((x) => x.name).sort());
    });

    it("names this account's principal by its ARN whether it comes from the config or from the caller, aliasing the former principal-self", async () => {
        const unlisted = await planFor(withBase((c) => (c.endpointService = { name: "unpinned", allowedPrincipals: [PRINCIPALS[1]], consumers: ["payments"] })));
        const self = unlisted.one(T.principal, `svc-unpinned-principal-${MOCK_ACCOUNT_ID}-root`);
        assert.equal(self.inputs.principalArn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:root`);
        assert.ok(
            (self.aliases ?? []).includes("urn:pulumi:test::landing-zone::landing-zone:endpoint-service:EndpointService$" + T.principal + "::svc-unpinned-principal-self"),
            JSON.stringify(self.aliases),
        );
    });
});

describe("config: endpoint service rules", () => {
    const problemsFor = (es: Record<string, unknown>, mutate?: (c: ConfigObject & { spokes: unknown[]; supernets: Record<string, string> }) => void) => {
        const c = withBase((b) => {
            b.endpointService = { name: "svc", ...es };
            mutate?.(b);
        });
        const r = validateConfig(c);
        return r.ok ? [] : r.problems;
    };
    const expectKey = (problems: { key: string; message: string }[], key: string, re: RegExp) => {
        const p = problems.find((x) => x.key === key);
        assert.ok(p, `expected a problem at ${key}, got ${JSON.stringify(problems)}`);
        assert.match(p.message, re);
        assert.match(p.message, /Fix/);
    };

    it("rejects a host VPC outside the hub region", () => {
        expectKey(problemsFor({ vpc: "payments" }), "landing-zone:endpointService.vpc", /hub region/);
    });
    it("rejects a service name too long for the NLB and target group names", () => {
        expectKey(problemsFor({ name: "orders-api-production" }), "landing-zone:endpointService.name", /32/);
        assert.deepEqual(problemsFor({ name: "orders-api-prod-2026" }), []);
    });
    it("rejects an unknown host VPC", () => {
        expectKey(problemsFor({ vpc: "nope" }), "landing-zone:endpointService.vpc", /unknown VPC/);
    });
    it("rejects a host VPC with fewer than two AZs", () => {
        const p = problemsFor({ vpc: "tooling" }, (b) => {
            b.supernets["eu-west-2"] = "10.32.0.0/12";
            b.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20", azCount: 1 });
        });
        expectKey(p, "landing-zone:endpointService.vpc", /two AZs/);
    });
    it("rejects an unknown consumer and the host as its own consumer", () => {
        expectKey(problemsFor({ consumers: ["ghost"] }), "landing-zone:endpointService.consumers[0]", /unknown spoke/);
    });
    it("rejects privateDnsVerified without a name", () => {
        expectKey(problemsFor({ privateDnsVerified: true }), "landing-zone:endpointService.privateDnsVerified", /privateDnsName/);
    });
    it("rejects a non-CIDR allowedSourceCidrs entry", () => {
        const p = problemsFor({ allowedSourceCidrs: ["10.1.2.3"] });
        assert.ok(p.some((x) => x.key.startsWith("landing-zone:endpointService.allowedSourceCidrs")));
    });
    it("accepts * only with allowAnyPrincipal and acceptance", () => {
        expectKey(problemsFor({ allowedPrincipals: ["*"] }), "landing-zone:endpointService.allowedPrincipals[0]", /any AWS account/);
        expectKey(problemsFor({ allowedPrincipals: ["*"], allowAnyPrincipal: true, acceptanceRequired: false }), "landing-zone:endpointService.allowedPrincipals[0]", /effectively public/);
        assert.deepEqual(problemsFor({ allowedPrincipals: ["*"], allowAnyPrincipal: true }), []);
    });
});
