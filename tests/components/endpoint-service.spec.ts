import { strict as assert } from "assert";
import { validateConfig } from "../../components/config/schema";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, Plan, planFor, propertyDeps, propertyDependsOn, withBase } from "../helpers/plan";
import { PRINCIPALS, SERVICE, sgAdmits, T } from "./endpoint-service/fixtures";

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
        const endpointSubnets = plan
            .byType(T.subnet)
            .filter((s) => propertyDependsOn(s, "vpcId", hub.urn) && s.name.includes("-endpoint-"));
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
        const nlbAzIds = new Set(
            plan
                .byType(T.subnet)
                .filter((s) => s.name.startsWith("hub-endpoint-"))
                .map((s) => s.outputs.availabilityZoneId),
        );
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
        const ips = await planFor(
            withBase((c) => (c.endpointService = { name: "legacy", targets: { ipAddresses: ["10.0.0.10", "10.0.0.11"] } })),
        );
        const tg = ips.one(T.tg, "svc-legacy");
        assert.equal(tg.inputs.targetType, "ip");
        const atts = ips.byType(T.tga);
        assert.deepEqual(atts.map((a) => a.inputs.targetId).sort(), ["10.0.0.10", "10.0.0.11"]);
        assert.equal(ips.byType(T.asg).length, 0);
        assert.equal(ips.byType(T.principal).length, 0, "no consumers, no principals: nobody may connect");
    });

    it("verifies private DNS and turns it on for consumers only in phase 2, after acceptance and verification; phase 1 keeps it off through the same resource", async () => {
        const privateDns = "aws:vpc/endpointPrivateDns:EndpointPrivateDns";
        const phase1 = await planFor(
            withBase((c) => (c.endpointService = { name: "dns", privateDnsName: "api.example.com", consumers: ["payments"] })),
        );
        assert.equal(phase1.byType(T.dnsVerify).length, 0);
        // Phase 1 keeps the EndpointPrivateDns, off: going back from phase 2 then updates it to false
        // (ModifyVpcEndpoint) — deleting it would leave private DNS on (the provider's delete is a no-op).
        const off = phase1.one(privateDns, "svc-dns-payments-private-dns");
        assert.equal(off.inputs.privateDnsEnabled, false);
        assert.ok(off.dependencies.includes(phase1.one(T.accepter, "svc-dns-payments-accept").urn), "after acceptance");
        assert.equal(phase1.one(T.endpoint, "svc-dns-payments").inputs.privateDnsEnabled, false);
        assert.equal(phase1.one(T.svc, "svc-dns").inputs.privateDnsName, "api.example.com");
        const phase2 = await planFor(
            withBase(
                (c) =>
                    (c.endpointService = {
                        name: "dns",
                        privateDnsName: "api.example.com",
                        privateDnsVerified: true,
                        consumers: ["payments"],
                    }),
            ),
        );
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

    it("leaves privateDnsEnabled to EndpointPrivateDns in both phases (ignoreChanges on the endpoint while a name is set), so the state converges instead of diffing on every up", async () => {
        // The endpoint is created with private DNS off (AWS refuses it while pending acceptance) and
        // EndpointPrivateDns turns it on: without ignoreChanges the endpoint would switch it back off.
        const phase1 = await planFor(
            withBase((c) => (c.endpointService = { name: "dns", privateDnsName: "api.example.com", consumers: ["payments"] })),
        );
        assert.deepEqual(
            phase1.one(T.endpoint, "svc-dns-payments").ignoreChanges,
            ["privateDnsEnabled"],
            "phase 1: EndpointPrivateDns owns privateDnsEnabled (false)",
        );
        const noName = await planFor(withBase((c) => (c.endpointService = { name: "dns", consumers: ["payments"] })));
        assert.deepEqual(noName.one(T.endpoint, "svc-dns-payments").ignoreChanges, [], "no name: the endpoint owns it (false)");
        assert.equal(noName.byType("aws:vpc/endpointPrivateDns:EndpointPrivateDns").length, 0);
        const phase2 = await planFor(
            withBase(
                (c) =>
                    (c.endpointService = {
                        name: "dns",
                        privateDnsName: "api.example.com",
                        privateDnsVerified: true,
                        consumers: ["payments"],
                    }),
            ),
        );
        assert.deepEqual(phase2.one(T.endpoint, "svc-dns-payments").ignoreChanges, ["privateDnsEnabled"]);
        assert.equal(phase2.one(T.endpoint, "svc-dns-payments").inputs.privateDnsEnabled, false, "still created off");
    });

    it("reaches existing targets by address: IPs outside the host VPC register in all AZs", async () => {
        const p = await planFor(
            withBase((c) => (c.endpointService = { name: "ext", targets: { ipAddresses: ["10.0.0.10", "10.16.0.10"] } })),
        );
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
        assert.deepEqual(
            principals.map((x) => x.inputs.principalArn),
            ["arn:aws:iam::111122223333:root"],
        );
        assert.ok(p.one(T.endpoint, "svc-self-payments").dependencies.includes(principals[0].urn));
    });
});

describe("config: endpoint service rules", () => {
    const problemsFor = (
        es: Record<string, unknown>,
        mutate?: (c: ConfigObject & { spokes: unknown[]; supernets: Record<string, string> }) => void,
    ) => {
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
        expectKey(
            problemsFor({ allowedPrincipals: ["*"], allowAnyPrincipal: true, acceptanceRequired: false }),
            "landing-zone:endpointService.allowedPrincipals[0]",
            /effectively public/,
        );
        assert.deepEqual(problemsFor({ allowedPrincipals: ["*"], allowAnyPrincipal: true }), []);
    });
});
