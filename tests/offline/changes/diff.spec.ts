/**
 * The change-safety check (offline/changes/diff.ts) on small hand-written plans: for every AWS
 * uniqueness key a colliding variant (reported, with both URNs, the key and a fix) and a safe variant
 * of the same edit; replace vs update from the replacement table; identity through aliases; protected
 * and stateful replacements with their blast radius.
 */
import * as assert from "assert";
import { checkChanges } from "../../../offline/changes/diff";
import { ChangeFinding, ChangeReport } from "../../../offline/types";
import { plan, ref, res, TYPES as T, urnOf } from "./synthetic";

// The world both plans share: resources that do not change.
const vpc = res(T.vpc, "hub", { cidrBlock: "10.0.0.0/16" });
const vpc2 = res(T.vpc, "spoke", { cidrBlock: "10.16.0.0/20" });
const rt = res(T.routeTable, "spoke-workload-0", { vpcId: ref(vpc2) });
const subnet = res(T.subnet, "spoke-workload-0", { vpcId: ref(vpc2), cidrBlock: "10.16.0.0/24", availabilityZone: "eu-west-1a" });
const pcx = res(T.peering, "peering-spoke", { vpcId: ref(vpc2), peerVpcId: ref(vpc) });
const tgw = res(T.tgw, "tgw-eu-west-1", { amazonSideAsn: 64513 });
const attachment = res(T.tgwAttachment, "tgw-spoke", { transitGatewayId: ref(tgw), vpcId: ref(vpc2) });
const spokesTable = res(T.tgwTable, "tgw-eu-west-1-spokes", { transitGatewayId: ref(tgw) });
const segmentTable = res(T.tgwTable, "tgw-eu-west-1-segment-a", { transitGatewayId: ref(tgw) });
const service = res(
    T.service,
    "svc",
    { acceptanceRequired: true },
    { outputs: { serviceName: "com.amazonaws.vpce.eu-west-2.vpce-svc-0abc" } },
);
const targetGroup = res(
    T.targetGroup,
    "svc",
    { port: 443, protocol: "TCP" },
    { outputs: { arn: "arn:aws:elasticloadbalancing:eu-west-2:1:targetgroup/svc/1" } },
);
const sg = res(T.sg, "svc-nlb", { vpcId: ref(vpc), description: "NLB" });
const zone = res(
    T.zone,
    "ssm",
    { name: "ssm.eu-west-2.amazonaws.com", vpcs: [{ vpcId: ref(vpc), vpcRegion: "eu-west-2" }] },
    { ignoreChanges: ["vpcs"] },
);
const world = [vpc, vpc2, rt, subnet, pcx, tgw, attachment, spokesTable, segmentTable, service, targetGroup, sg, zone];

function check(before: ReturnType<typeof res>[], after: ReturnType<typeof res>[]): ChangeReport {
    return checkChanges(plan(...world, ...before), plan(...world, ...after), "before.json");
}

function errors(c: ChangeReport): ChangeFinding[] {
    return c.findings.filter((f) => f.severity === "error");
}

function onlyCollision(c: ChangeReport, kind: string): ChangeFinding {
    const errs = errors(c);
    assert.strictEqual(errs.length, 1, `expected one error, got: ${errs.map((f) => f.message).join("\n")}`);
    assert.strictEqual(errs[0].kind, "key-collision");
    assert.strictEqual(errs[0].key?.kind, kind);
    assert.ok(errs[0].newUrn && errs[0].oldUrn, "names both URNs");
    assert.ok(errs[0].fix.length > 0, "names a fix");
    assert.strictEqual(c.safe, false);
    return errs[0];
}

function assertSafe(c: ChangeReport): void {
    assert.deepStrictEqual(
        errors(c).map((f) => f.message),
        [],
    );
    assert.strictEqual(c.safe, true);
}

function actionOf(c: ChangeReport, urn: string): string {
    return c.resources.find((r) => r.urn === urn)?.action ?? "same";
}

describe("change safety: uniqueness keys (a colliding and a safe variant of each)", () => {
    describe("route (route table, destination)", () => {
        const peeringRoute = res(T.route, "peering-spoke-to-hub-workload-0", {
            routeTableId: ref(rt),
            destinationCidrBlock: "10.0.0.0/16",
            vpcPeeringConnectionId: ref(pcx),
        });
        it("a route of a new name for the same table and destination, the old one deleted, collides (RouteAlreadyExists)", () => {
            const tgwRoute = res(T.route, "tgw-spoke-to-hub-workload-0", {
                routeTableId: ref(rt),
                destinationCidrBlock: "10.0.0.0/16",
                transitGatewayId: ref(tgw),
            });
            const f = onlyCollision(check([peeringRoute], [tgwRoute]), "route");
            assert.strictEqual(f.newUrn, tgwRoute.urn);
            assert.strictEqual(f.oldUrn, peeringRoute.urn);
            assert.match(f.message, /RouteAlreadyExists/);
            assert.match(f.key?.text ?? "", /RouteTable spoke-workload-0, 10\.0\.0\.0\/16/);
            assert.match(f.fix, /aliases|two-step/);
        });
        it("the same route with an alias changes its target in place (ReplaceRoute), which is safe", () => {
            const tgwRoute = res(
                T.route,
                "spoke-to-hub-workload-0",
                { routeTableId: ref(rt), destinationCidrBlock: "10.0.0.0/16", transitGatewayId: ref(tgw) },
                { aliases: [peeringRoute.urn] },
            );
            const c = check([peeringRoute], [tgwRoute]);
            assertSafe(c);
            const change = c.resources.find((r) => r.urn === tgwRoute.urn);
            assert.strictEqual(change?.action, "update");
            assert.strictEqual(change?.oldUrn, peeringRoute.urn);
            assert.deepStrictEqual(change?.changedInputs, ["transitGatewayId", "vpcPeeringConnectionId"]);
        });
        it("a route to another destination of the same table does not collide", () => {
            const other = res(T.route, "tgw-spoke-to-segment-workload-0", {
                routeTableId: ref(rt),
                destinationCidrBlock: "10.16.16.0/20",
                transitGatewayId: ref(tgw),
            });
            assertSafe(check([peeringRoute], [other]));
        });
    });

    describe("TGW route (TGW route table, destination)", () => {
        const old = res(T.tgwRoute, "tgw-hub-to-spoke-0", {
            transitGatewayRouteTableId: ref(spokesTable),
            destinationCidrBlock: "10.0.0.0/16",
            transitGatewayAttachmentId: ref(attachment),
        });
        it("renamed without an alias, collides", () => {
            const renamed = res(T.tgwRoute, "tgw-hub-to-spoke", {
                transitGatewayRouteTableId: ref(spokesTable),
                destinationCidrBlock: "10.0.0.0/16",
                transitGatewayAttachmentId: ref(attachment),
            });
            onlyCollision(check([old], [renamed]), "tgw-route");
        });
        it("renamed with an alias is the same resource, unchanged", () => {
            const renamed = res(
                T.tgwRoute,
                "tgw-hub-to-spoke",
                {
                    transitGatewayRouteTableId: ref(spokesTable),
                    destinationCidrBlock: "10.0.0.0/16",
                    transitGatewayAttachmentId: ref(attachment),
                },
                { aliases: [old.urn] },
            );
            const c = check([old], [renamed]);
            assertSafe(c);
            assert.strictEqual(c.summary.same, world.length + 1);
        });
    });

    describe("route table association (subnet)", () => {
        const old = res(T.rtAssoc, "spoke-workload-0", { subnetId: ref(subnet), routeTableId: ref(rt) });
        it("a second association of the subnet under a new name collides (Resource.AlreadyAssociated)", () => {
            const renamed = res(T.rtAssoc, "spoke-workload-0-assoc", { subnetId: ref(subnet), routeTableId: ref(rt) });
            assert.match(onlyCollision(check([old], [renamed]), "route-table-association").message, /AlreadyAssociated/);
        });
        it("pointing the same association at another table is an in-place update (ReplaceRouteTableAssociation)", () => {
            const rt2 = res(T.routeTable, "spoke-workload-0b", { vpcId: ref(vpc2) });
            const moved = res(T.rtAssoc, "spoke-workload-0", { subnetId: ref(subnet), routeTableId: ref(rt2) });
            const c = check([old], [rt2, moved]);
            assertSafe(c);
            assert.strictEqual(actionOf(c, moved.urn), "update");
        });
    });

    describe("TGW route table association (attachment)", () => {
        const old = res(T.tgwAssoc, "tgw-spoke-assoc", {
            transitGatewayAttachmentId: ref(attachment),
            transitGatewayRouteTableId: ref(spokesTable),
            replaceExistingAssociation: false,
        });
        it("moving the attachment to another table replaces the association, created first: it collides with its own old copy", () => {
            const moved = res(T.tgwAssoc, "tgw-spoke-assoc", {
                transitGatewayAttachmentId: ref(attachment),
                transitGatewayRouteTableId: ref(segmentTable),
                replaceExistingAssociation: false,
            });
            const c = check([old], [moved]);
            assert.strictEqual(actionOf(c, moved.urn), "replace");
            const f = onlyCollision(c, "tgw-association");
            assert.strictEqual(f.newUrn, f.oldUrn);
            assert.match(f.fix, /deleteBeforeReplace/);
        });
        it("with deleteBeforeReplace the old association goes first: safe", () => {
            const moved = res(
                T.tgwAssoc,
                "tgw-spoke-assoc",
                {
                    transitGatewayAttachmentId: ref(attachment),
                    transitGatewayRouteTableId: ref(segmentTable),
                    replaceExistingAssociation: false,
                },
                { deleteBeforeReplace: true },
            );
            const c = check([old], [moved]);
            assertSafe(c);
            assert.strictEqual(c.resources.find((r) => r.urn === moved.urn)?.deleteBeforeReplace, true);
        });
    });

    describe("TGW propagation (attachment, table)", () => {
        const old = res(T.tgwProp, "tgw-spoke-to-spokes", {
            transitGatewayAttachmentId: ref(attachment),
            transitGatewayRouteTableId: ref(spokesTable),
        });
        it("the same propagation under a new name collides", () => {
            const renamed = res(T.tgwProp, "tgw-spoke-propagation-spokes", {
                transitGatewayAttachmentId: ref(attachment),
                transitGatewayRouteTableId: ref(spokesTable),
            });
            onlyCollision(check([old], [renamed]), "tgw-propagation");
        });
        it("a propagation to another table does not", () => {
            const other = res(T.tgwProp, "tgw-spoke-to-segment-a", {
                transitGatewayAttachmentId: ref(attachment),
                transitGatewayRouteTableId: ref(segmentTable),
            });
            assertSafe(check([old], [other]));
        });
    });

    describe("endpoint-service allowed principal (service, ARN)", () => {
        const [a, b, c] = ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"];
        const byIndex = (arns: string[]) =>
            arns.map((arn, i) => res(T.principal, `svc-principal-${i}`, { vpcEndpointServiceId: ref(service), principalArn: arn }));
        const byValue = (arns: string[]) =>
            arns.map((arn) =>
                res(T.principal, `svc-principal-${arn.split(":")[4]}`, { vpcEndpointServiceId: ref(service), principalArn: arn }),
            );
        it("removing the middle of three index-named principals renames the last: C is allowed again, then revoked by the old resource's delete", () => {
            const report = check(byIndex([a, b, c]), byIndex([a, c]));
            const f = onlyCollision(report, "allowed-principal");
            assert.strictEqual(f.newUrn, urnOf(T.principal, "svc-principal-1"));
            assert.strictEqual(f.oldUrn, urnOf(T.principal, "svc-principal-2"));
            assert.match(f.message, /revoked/);
            assert.strictEqual(actionOf(report, urnOf(T.principal, "svc-principal-1")), "replace");
        });
        it("value-named principals: removing the middle one deletes only it", () => {
            const report = check(byValue([a, b, c]), byValue([a, c]));
            assertSafe(report);
            assert.deepStrictEqual(
                report.resources.map((r) => [r.action, r.urn.split("::").pop()]),
                [["delete", "svc-principal-222222222222"]],
            );
        });
    });

    describe("target-group attachment (target group, target, port)", () => {
        const byIndex = (ids: string[]) =>
            ids.map((id, i) => res(T.target, `svc-target-${i}`, { targetGroupArn: ref(targetGroup, "arn"), targetId: id, port: 443 }));
        const byValue = (ids: string[]) =>
            ids.map((id) => res(T.target, `svc-target-${id}`, { targetGroupArn: ref(targetGroup, "arn"), targetId: id, port: 443 }));
        it("removing the first of two index-named targets re-registers the second and then deregisters it", () => {
            const f = onlyCollision(check(byIndex(["i-1", "i-2"]), byIndex(["i-2"])), "target-attachment");
            assert.match(f.message, /deregisters/);
        });
        it("value-named targets: removing the first deletes only it", () => {
            assertSafe(check(byValue(["i-1", "i-2"]), byValue(["i-2"])));
        });
    });

    describe("security group rule (group, protocol, ports, source)", () => {
        const rule = (name: string, cidr: string) =>
            res(T.ingress, name, { securityGroupId: ref(sg), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: cidr });
        it("removing the first of two index-named CIDR rules moves the second rule's CIDR onto the first in place while the second still holds it", () => {
            const report = check(
                [rule("nlb-from-external-0", "192.168.0.0/24"), rule("nlb-from-external-1", "192.168.1.0/24")],
                [rule("nlb-from-external-0", "192.168.1.0/24")],
            );
            // Only the security group is force-new: a changed CIDR is ModifySecurityGroupRules.
            assert.strictEqual(actionOf(report, urnOf(T.ingress, "nlb-from-external-0")), "update");
            assert.match(onlyCollision(report, "sg-rule").message, /InvalidPermission\.Duplicate/);
        });
        it("value-named rules: removing one deletes only it", () => {
            assertSafe(
                check(
                    [rule("nlb-from-192-168-0-0-24", "192.168.0.0/24"), rule("nlb-from-192-168-1-0-24", "192.168.1.0/24")],
                    [rule("nlb-from-192-168-1-0-24", "192.168.1.0/24")],
                ),
            );
        });
        it("the same source on another port is another rule", () => {
            const other = res(T.ingress, "nlb-8443", {
                securityGroupId: ref(sg),
                ipProtocol: "tcp",
                fromPort: 8443,
                toPort: 8443,
                cidrIpv4: "192.168.0.0/24",
            });
            assertSafe(check([rule("nlb-443", "192.168.0.0/24")], [other]));
        });
    });

    describe("zone association (zone, VPC)", () => {
        const old = res(T.zoneAssoc, "ssm-spoke", { zoneId: ref(zone), vpcId: ref(vpc2), vpcRegion: "eu-west-1" });
        it("renamed without an alias, collides", () => {
            onlyCollision(
                check([old], [res(T.zoneAssoc, "ssm-to-spoke", { zoneId: ref(zone), vpcId: ref(vpc2), vpcRegion: "eu-west-1" })]),
                "zone-association",
            );
        });
        it("renamed with an alias, unchanged", () => {
            assertSafe(
                check(
                    [old],
                    [
                        res(
                            T.zoneAssoc,
                            "ssm-to-spoke",
                            { zoneId: ref(zone), vpcId: ref(vpc2), vpcRegion: "eu-west-1" },
                            { aliases: [old.urn] },
                        ),
                    ],
                ),
            );
        });
    });

    describe("private hosted zone (name, VPC)", () => {
        it("a zone replaced under the same name and VPC collides with its old copy (ConflictingDomainExists)", () => {
            const before = res(T.zone, "sts", { name: "sts.eu-west-2.amazonaws.com", delegationSetId: "N1", vpcs: [{ vpcId: ref(vpc) }] });
            const after = res(T.zone, "sts", { name: "sts.eu-west-2.amazonaws.com", delegationSetId: "N2", vpcs: [{ vpcId: ref(vpc) }] });
            const report = check([before], [after]);
            onlyCollision(report, "private-zone");
            assert.ok(
                report.findings.some((f) => f.kind === "stateful-replacement" && f.newUrn === after.urn),
                "and is reported as a stateful replacement",
            );
        });
        it("a new zone of the same name for another VPC does not", () => {
            const hubZone = res(T.zone, "sts", { name: "sts.eu-west-2.amazonaws.com", vpcs: [{ vpcId: ref(vpc) }] });
            assertSafe(
                check(
                    [hubZone],
                    [hubZone, res(T.zone, "sts-spoke", { name: "sts.eu-west-2.amazonaws.com", vpcs: [{ vpcId: ref(vpc2) }] })],
                ),
            );
        });
    });

    describe("DNS record (zone, name, type)", () => {
        const old = res(T.record, "ssm", { zoneId: ref(zone), name: "ssm.eu-west-2.amazonaws.com", type: "A" });
        it("renamed without an alias, collides", () => {
            onlyCollision(
                check([old], [res(T.record, "ssm-apex", { zoneId: ref(zone), name: "ssm.eu-west-2.amazonaws.com", type: "A" })]),
                "dns-record",
            );
        });
        it("another type of the same name does not", () => {
            assertSafe(
                check([old], [old, res(T.record, "ssm-aaaa", { zoneId: ref(zone), name: "ssm.eu-west-2.amazonaws.com", type: "AAAA" })]),
            );
        });
    });

    describe("subnet (VPC, CIDR)", () => {
        it("a subnet moved to another AZ under the same CIDR is replaced and collides with itself (InvalidSubnet.Conflict)", () => {
            const moved = res(T.subnet, "spoke-workload-0", {
                vpcId: ref(vpc2),
                cidrBlock: "10.16.0.0/24",
                availabilityZone: "eu-west-1b",
            });
            const report = checkChanges(plan(...world), plan(...world.map((r) => (r.urn === subnet.urn ? moved : r))), "b.json");
            onlyCollision(report, "subnet-cidr");
        });
        it("a subnet replaced with its VPC lives in a new VPC: no collision, but both are stateful replacements", () => {
            const vpc2b = res(T.vpc, "spoke", { cidrBlock: "10.16.0.0/21" });
            const subnetB = res(T.subnet, "spoke-workload-0", {
                vpcId: ref(vpc2b),
                cidrBlock: "10.16.0.0/24",
                availabilityZone: "eu-west-1a",
            });
            const report = checkChanges(plan(vpc2, subnet), plan(vpc2b, subnetB), "b.json");
            assertSafe(report);
            const stateful = report.findings.filter((f) => f.kind === "stateful-replacement").map((f) => f.newUrn);
            assert.deepStrictEqual(stateful.sort(), [subnetB.urn, vpc2b.urn].sort());
        });
    });

    describe("VPC peering (the two VPCs)", () => {
        it("a second peering of the same VPCs under a new name collides", () => {
            const before = plan(vpc, vpc2, pcx);
            const after = plan(vpc, vpc2, res(T.peering, "peering-spoke-2", { vpcId: ref(vpc2), peerVpcId: ref(vpc) }));
            const f = errors(checkChanges(before, after, "b.json"));
            assert.deepStrictEqual(
                f.map((x) => x.key?.kind),
                ["vpc-peering"],
            );
        });
        it("a peering of other VPCs does not", () => {
            const vpc3 = res(T.vpc, "spoke3", { cidrBlock: "10.16.16.0/20" });
            assertSafe(
                checkChanges(
                    plan(vpc, vpc2, vpc3, pcx),
                    plan(vpc, vpc2, vpc3, pcx, res(T.peering, "peering-spoke3", { vpcId: ref(vpc3), peerVpcId: ref(vpc) })),
                    "b.json",
                ),
            );
        });
    });

    describe("TGW VPC attachment (TGW, VPC)", () => {
        it("a renamed attachment of the same VPC to the same TGW collides (DuplicateTransitGatewayAttachment)", () => {
            const renamed = res(T.tgwAttachment, "tgw-spoke-vpc", { transitGatewayId: ref(tgw), vpcId: ref(vpc2) });
            const report = checkChanges(plan(...world), plan(...world.filter((r) => r !== attachment), renamed), "b.json");
            assert.deepStrictEqual(
                errors(report).map((x) => x.key?.kind),
                ["tgw-vpc-attachment"],
            );
        });
    });

    describe("explicit names (load balancer, target group, IAM role, log group …)", () => {
        it("a renamed resource with the same explicit name collides", () => {
            const old = res(T.lb, "svc", { name: "svc-nlb", internal: true, loadBalancerType: "network" });
            const renamed = res(T.lb, "svc-lb", { name: "svc-nlb", internal: true, loadBalancerType: "network" });
            onlyCollision(check([old], [renamed]), "name");
        });
        it("a replacement under its own explicit name does not: the bridged provider deletes first (pulumi/pulumi#3118)", () => {
            const old = res(T.lb, "svc", { name: "svc-nlb", internal: true, loadBalancerType: "network" });
            const flipped = res(T.lb, "svc", { name: "svc-nlb", internal: false, loadBalancerType: "network" });
            const report = check([old], [flipped]);
            assert.strictEqual(actionOf(report, flipped.urn), "replace");
            assert.deepStrictEqual(errors(report), []);
        });
    });

    it("two resources of the new plan that own one key are reported even without an earlier owner", () => {
        const r1 = res(T.route, "a", { routeTableId: ref(rt), destinationCidrBlock: "10.0.0.0/16", vpcPeeringConnectionId: ref(pcx) });
        const r2 = res(T.route, "b", { routeTableId: ref(rt), destinationCidrBlock: "10.0.0.0/16", transitGatewayId: ref(tgw) });
        const report = check([], [r1, r2]);
        assert.deepStrictEqual(
            errors(report).map((f) => f.kind),
            ["duplicate-key"],
        );
    });
});

describe("change safety: replace vs update (offline/changes/replace-table.ts)", () => {
    it("a route's target is updated in place, its route table forces replacement", () => {
        const r = res(T.route, "r", { routeTableId: ref(rt), destinationCidrBlock: "10.0.0.0/16", vpcPeeringConnectionId: ref(pcx) });
        assert.strictEqual(
            actionOf(
                check([r], [res(T.route, "r", { routeTableId: ref(rt), destinationCidrBlock: "10.0.0.0/16", transitGatewayId: ref(tgw) })]),
                r.urn,
            ),
            "update",
        );
        const rt2 = res(T.routeTable, "rt2", { vpcId: ref(vpc2) });
        const moved = check(
            [r],
            [rt2, res(T.route, "r", { routeTableId: ref(rt2), destinationCidrBlock: "10.0.0.0/16", vpcPeeringConnectionId: ref(pcx) })],
        );
        assert.strictEqual(actionOf(moved, r.urn), "replace");
        assert.deepStrictEqual(moved.resources.find((x) => x.urn === r.urn)?.replaceReasons, ["routeTableId forces replacement"]);
    });

    it("an NLB gains a subnet in place, and is replaced when one is removed", () => {
        const lb = (subnets: string[]) =>
            res(T.lb, "nlb", { loadBalancerType: "network", internal: true, subnets, securityGroups: [sg.id] });
        assert.strictEqual(actionOf(check([lb(["s-a", "s-b"])], [lb(["s-a", "s-b", "s-c"])]), lb([]).urn), "update");
        const removed = check([lb(["s-a", "s-b", "s-c"])], [lb(["s-a", "s-b"])]);
        assert.strictEqual(actionOf(removed, lb([]).urn), "replace");
        assert.ok(
            removed.findings.some((f) => f.kind === "stateful-replacement"),
            "an NLB is stateful",
        );
    });

    it("an input listed in ignoreChanges is not a change", () => {
        const moreVpcs = res(
            T.zone,
            "ssm",
            { name: "ssm.eu-west-2.amazonaws.com", vpcs: [{ vpcId: ref(vpc), vpcRegion: "eu-west-2" }, { vpcId: ref(vpc2) }] },
            { ignoreChanges: ["vpcs"] },
        );
        const report = checkChanges(plan(...world), plan(...world.map((r) => (r.urn === zone.urn ? moreVpcs : r))), "b.json");
        assert.strictEqual(actionOf(report, zone.urn), "same");
    });

    it("a replaced VPC replaces, transitively, what takes a force-new id from it, and lists them as its blast radius", () => {
        const vpcB = res(T.vpc, "spoke", { cidrBlock: "10.16.0.0/21" });
        const rtB = res(T.routeTable, "spoke-workload-0", { vpcId: ref(vpcB) });
        const subnetB = res(T.subnet, "spoke-workload-0", { vpcId: ref(vpcB), cidrBlock: "10.16.0.0/24", availabilityZone: "eu-west-1a" });
        const assoc = res(T.rtAssoc, "spoke-workload-0", { subnetId: ref(subnet), routeTableId: ref(rt) });
        const assocB = res(T.rtAssoc, "spoke-workload-0", { subnetId: ref(subnetB), routeTableId: ref(rtB) });
        const report = checkChanges(plan(vpc2, rt, subnet, assoc), plan(vpcB, rtB, subnetB, assocB), "b.json");
        assert.deepStrictEqual(report.resources.map((r) => `${r.type.split(":").pop()} ${r.action}`).sort(), [
            "RouteTable replace",
            "RouteTableAssociation replace",
            "Subnet replace",
            "Vpc replace",
        ]);
        const vpcFinding = report.findings.find((f) => f.kind === "stateful-replacement" && f.newUrn === vpcB.urn);
        assert.deepStrictEqual(vpcFinding?.blastRadius?.map((b) => b.urn).sort(), [assocB.urn, rtB.urn, subnetB.urn].sort());
    });

    it("a type the table does not know is assumed replaced when an input changes, with a warning naming it", () => {
        const t = "aws:ec2/instance:Instance";
        const report = checkChanges(
            plan(res(t, "i", { instanceType: "t3.micro" })),
            plan(res(t, "i", { instanceType: "t3.small" })),
            "b.json",
        );
        assert.strictEqual(report.resources[0].action, "replace");
        assert.ok(report.findings.some((f) => f.kind === "unknown-type" && f.message.includes(t)));
    });

    it("a provider moved to another region is updated in place, and the regional resources it manages are replaced through their own region", () => {
        const p1 = res(T.provider, "aws-spoke", { region: "eu-west-1" }, { custom: true, region: "eu-west-1" });
        const p2 = res(T.provider, "aws-spoke", { region: "eu-central-1" }, { custom: true, region: "eu-central-1" });
        const v1 = res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p1, region: "eu-west-1" });
        const v2 = res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p2, region: "eu-central-1" });
        const z1 = res(T.zone, "z", { name: "example.internal" }, { provider: p1, region: "global" });
        const z2 = res(T.zone, "z", { name: "example.internal" }, { provider: p2, region: "global" });
        const report = checkChanges(plan(p1, v1, z1), plan(p2, v2, z2), "b.json");
        assert.strictEqual(actionOf(report, p2.urn), "update", "@pulumi/aws 7: region is not a replace key of the provider");
        assert.strictEqual(actionOf(report, v2.urn), "replace");
        assert.deepStrictEqual(report.resources.find((r) => r.urn === v2.urn)?.replaceReasons, [
            "region changes (eu-west-1 -> eu-central-1)",
        ]);
        assert.strictEqual(actionOf(report, z2.urn), "same", "a global resource has no region to move");
    });

    it("a resource moved to another provider of the same account and region is neither replaced nor flagged (DiffConfig: no replace key)", () => {
        const p1 = res(T.provider, "aws-old", { region: "eu-west-1" }, { custom: true });
        const p2 = res(T.provider, "aws-new", { region: "eu-west-1" }, { custom: true });
        const v1 = { ...res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p1 }), account: "111111111111" };
        const v2 = { ...res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p2 }), account: "111111111111" };
        const report = checkChanges(plan(p1, v1), plan(p2, v2), "b.json");
        assert.strictEqual(actionOf(report, v2.urn), "same");
        assert.ok(report.safe);
    });

    it("resources moved to a provider of another account are not replaced and make the update unsafe: pulumi up leaves them in the old account (pulumi-aws#6385)", () => {
        const pinned = (name: string, account: string) =>
            res(T.provider, name, { region: "eu-west-1", allowedAccountIds: JSON.stringify([account]) }, { custom: true });
        const p1 = pinned("aws-111111111111-eu-west-1", "111111111111");
        const p2 = pinned("aws-222222222222-eu-west-1", "222222222222");
        const v1 = { ...res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p1 }), account: "111111111111" };
        const v2 = { ...res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p2 }), account: "222222222222" };
        const s1 = { ...res(T.subnet, "s", { vpcId: ref(v1), cidrBlock: "10.1.0.0/24" }, { provider: p1 }), account: "111111111111" };
        const s2 = { ...res(T.subnet, "s", { vpcId: ref(v2), cidrBlock: "10.1.0.0/24" }, { provider: p2 }), account: "222222222222" };
        const report = checkChanges(plan(p1, v1, s1), plan(p2, v2, s2), "b.json");
        assert.strictEqual(actionOf(report, v2.urn), "same", "nothing tells the engine to create it in the new account");
        assert.strictEqual(actionOf(report, s2.urn), "same");
        assert.strictEqual(report.safe, false);
        const f = report.findings.filter((x) => x.kind === "account-change-not-applied");
        assert.strictEqual(f.length, 1, "one finding per (from, to) account pair");
        assert.strictEqual(f[0].severity, "error");
        assert.match(f[0].message, /2 resource\(s\) move from account 111111111111 to account 222222222222/);
        assert.deepStrictEqual(f[0].blastRadius?.map((b) => b.urn).sort(), [s2.urn, v2.urn].sort());
        assert.match(f[0].fix, /remove them from the program/);
    });

    it("an account change is read from the providers' allowedAccountIds when the plans predate the account field", () => {
        const pinned = (name: string, account: string) =>
            res(T.provider, name, { region: "eu-west-1", allowedAccountIds: JSON.stringify([account]) }, { custom: true });
        const p1 = pinned("aws-a", "111111111111");
        const p2 = pinned("aws-b", "222222222222");
        const v1 = res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p1 });
        const v2 = res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p2 });
        const report = checkChanges(plan(p1, v1), plan(p2, v2), "b.json");
        assert.ok(report.findings.some((x) => x.kind === "account-change-not-applied" && x.newUrn === v2.urn));
    });

    it("a resource replaced while its account changes is created by the new account's provider: no account finding", () => {
        const p1 = res(T.provider, "aws-a", { region: "eu-west-1" }, { custom: true });
        const p2 = res(T.provider, "aws-b", { region: "eu-west-1" }, { custom: true });
        const v1 = { ...res(T.vpc, "v", { cidrBlock: "10.1.0.0/16" }, { provider: p1 }), account: "111111111111" };
        const v2 = { ...res(T.vpc, "v", { cidrBlock: "10.2.0.0/16" }, { provider: p2 }), account: "222222222222" };
        const report = checkChanges(plan(p1, v1), plan(p2, v2), "b.json");
        assert.strictEqual(actionOf(report, v2.urn), "replace");
        assert.ok(!report.findings.some((x) => x.kind === "account-change-not-applied"));
    });
});

describe("change safety: identity, protection and the report", () => {
    it("children of a component renamed with an alias inherit the alias (engine semantics): nothing changes", () => {
        const parentOld = res("test:index:Spoke", "payments", {}, { custom: false });
        const parentNew = res("test:index:SpokeVpc", "payments", {}, { custom: false, aliases: [parentOld.urn] });
        const childOld = res(T.vpc, "payments", { cidrBlock: "10.16.0.0/20" }, { parent: parentOld });
        const childNew = res(T.vpc, "payments", { cidrBlock: "10.16.0.0/20" }, { parent: parentNew });
        const report = checkChanges(plan(parentOld, childOld), plan(parentNew, childNew), "b.json");
        assert.deepStrictEqual(report.resources, []);
        assert.strictEqual(report.summary.same, 1);
    });

    it("an alias claimed by two new resources is an error", () => {
        const old = res(T.vpc, "a", { cidrBlock: "10.1.0.0/16" });
        const report = checkChanges(
            plan(old),
            plan(
                res(T.vpc, "b", { cidrBlock: "10.1.0.0/16" }, { aliases: [old.urn] }),
                res(T.vpc, "c", { cidrBlock: "10.1.0.0/16" }, { aliases: [old.urn] }),
            ),
            "b.json",
        );
        assert.deepStrictEqual(
            errors(report).map((f) => f.kind),
            ["alias-conflict"],
        );
    });

    it("replacing or deleting a protected resource fails (the engine refuses): both are errors", () => {
        const prot = res(T.vpc, "hub", { cidrBlock: "10.0.0.0/16" }, { protect: true });
        const replaced = checkChanges(plan(prot), plan(res(T.vpc, "hub", { cidrBlock: "10.1.0.0/16" }, { protect: true })), "b.json");
        assert.deepStrictEqual(
            errors(replaced).map((f) => f.kind),
            ["protected"],
        );
        const deleted = checkChanges(plan(prot), plan(), "b.json");
        assert.deepStrictEqual(
            errors(deleted).map((f) => [f.kind, f.oldUrn]),
            [["protected", prot.urn]],
        );
    });

    it("deleting or creating stateful resources is not a finding; replacing one is a warning, not an error", () => {
        assert.deepStrictEqual(checkChanges(plan(vpc2), plan(), "b.json").findings, []);
        assert.deepStrictEqual(checkChanges(plan(), plan(vpc2), "b.json").findings, []);
        const report = checkChanges(plan(vpc2), plan(res(T.vpc, "spoke", { cidrBlock: "10.16.0.0/21" })), "b.json");
        assert.deepStrictEqual(
            report.findings.map((f) => [f.severity, f.kind]),
            [["warning", "stateful-replacement"]],
        );
        assert.strictEqual(report.safe, true);
    });

    it("counts custom resources per action and names the earlier plan", () => {
        const report = checkChanges(
            plan(vpc, vpc2),
            plan(vpc, res(T.vpc, "spoke", { cidrBlock: "10.16.0.0/21" }), res(T.vpc, "new", { cidrBlock: "10.32.0.0/16" })),
            "prev.json",
        );
        assert.deepStrictEqual(report.summary, { create: 1, delete: 0, replace: 1, update: 0, same: 1 });
        assert.deepStrictEqual(report.since, { file: "prev.json", project: "p", stack: "s", resourceCount: 2 });
    });
});

describe("change safety: a setting owned twice never converges", () => {
    const endpoint = (extra: { ignoreChanges?: string[] } = {}) =>
        res(
            T.endpoint,
            "svc-payments",
            { vpcId: ref(vpc2), serviceName: ref(service, "serviceName"), vpcEndpointType: "Interface", privateDnsEnabled: false },
            extra,
        );
    const privateDns = (ep: ReturnType<typeof res>) =>
        res("aws:vpc/endpointPrivateDns:EndpointPrivateDns", "svc-payments-private-dns", {
            vpcEndpointId: ref(ep),
            privateDnsEnabled: true,
        });
    it("an endpoint that sets privateDnsEnabled and an EndpointPrivateDns for it are reported (persistent diff)", () => {
        const ep = endpoint();
        const report = check([ep], [ep, privateDns(ep)]);
        const f = errors(report);
        assert.deepStrictEqual(
            f.map((x) => [x.kind, x.key?.kind]),
            [["duplicate-key", "endpoint-private-dns-setting"]],
        );
        assert.match(f[0].fix, /ignoreChanges/);
    });
    it("with privateDnsEnabled in the endpoint's ignoreChanges only EndpointPrivateDns owns it", () => {
        const ep = endpoint({ ignoreChanges: ["privateDnsEnabled"] });
        assertSafe(check([ep], [ep, privateDns(ep)]));
    });
});

describe("change safety: what the provider does not apply", () => {
    const ep = res(
        T.endpoint,
        "svc-payments",
        { vpcId: ref(vpc2), serviceName: ref(service, "serviceName"), vpcEndpointType: "Interface", privateDnsEnabled: false },
        { ignoreChanges: ["privateDnsEnabled"] },
    );
    const privateDns = (enabled: boolean) =>
        res("aws:vpc/endpointPrivateDns:EndpointPrivateDns", "svc-payments-private-dns", {
            vpcEndpointId: ref(ep),
            privateDnsEnabled: enabled,
        });
    const svc = (extra: Record<string, string | string[]>) => res(T.service, "orders", { acceptanceRequired: true, ...extra });

    it("deleting an EndpointPrivateDns that turned private DNS on is an error: the provider's delete is a no-op and the endpoint keeps it on", () => {
        const report = check([ep, privateDns(true)], [ep]);
        const f = errors(report).filter((x) => x.kind === "no-op-delete");
        assert.strictEqual(f.length, 1, JSON.stringify(report.findings));
        assert.strictEqual(f[0].oldUrn, privateDns(true).urn);
        assert.strictEqual(f[0].newUrn, ep.urn, "names the endpoint that keeps the setting");
        assert.match(f[0].fix, /privateDnsEnabled: false/);
        assert.strictEqual(report.safe, false);
    });

    it("deleting an EndpointPrivateDns that kept private DNS off changes nothing on AWS and is safe", () => {
        assertSafe(check([ep, privateDns(false)], [ep]));
    });

    it("turning private DNS off through the EndpointPrivateDns (true -> false) is an in-place update", () => {
        const report = check([ep, privateDns(true)], [ep, privateDns(false)]);
        assertSafe(report);
        assert.strictEqual(actionOf(report, privateDns(false).urn), "update");
    });

    it("omitting privateDnsName (Optional + Computed) is no update: a warning names the CLI step that removes it", () => {
        const before = svc({ privateDnsName: "orders.example.com", supportedRegions: ["eu-west-2"] });
        const after = svc({ supportedRegions: ["eu-west-2"] });
        const report = check([before], [after]);
        assert.strictEqual(actionOf(report, after.urn), "same", "the provider sends nothing");
        const f = report.findings.filter((x) => x.kind === "omitted-computed-input");
        assert.strictEqual(f.length, 1, JSON.stringify(report.findings));
        assert.strictEqual(f[0].severity, "warning");
        assert.match(f[0].message, /privateDnsName/);
        assert.match(f[0].fix, /aws ec2 modify-vpc-endpoint-service-configuration .*--remove-private-dns-name/);
        assert.strictEqual(report.safe, true);
    });

    it("omitting supportedRegions (Optional + Computed) is an error: the service stays open to the regions it had", () => {
        const before = svc({ supportedRegions: ["eu-west-2", "eu-west-1"] });
        const after = svc({});
        const report = check([before], [after]);
        assert.strictEqual(actionOf(report, after.urn), "same");
        const f = errors(report).filter((x) => x.kind === "omitted-computed-input");
        assert.strictEqual(f.length, 1, JSON.stringify(report.findings));
        assert.match(f[0].message, /supportedRegions/);
        assert.match(f[0].fix, /supportedRegions: \[/);
    });

    it("an explicit change of an Optional + Computed input is an ordinary update", () => {
        const report = check([svc({ supportedRegions: ["eu-west-2", "eu-west-1"] })], [svc({ supportedRegions: ["eu-west-2"] })]);
        assertSafe(report);
        assert.strictEqual(actionOf(report, svc({}).urn), "update");
    });
});

describe("change safety: a no-op delete together with its object", () => {
    it("deleting an EndpointPrivateDns with the endpoint it configured is safe (the setting goes with the endpoint)", () => {
        const ep = res(
            T.endpoint,
            "svc-payments",
            { vpcId: ref(vpc2), vpcEndpointType: "Interface" },
            { ignoreChanges: ["privateDnsEnabled"] },
        );
        const dns = res("aws:vpc/endpointPrivateDns:EndpointPrivateDns", "svc-payments-private-dns", {
            vpcEndpointId: ref(ep),
            privateDnsEnabled: true,
        });
        assertSafe(check([ep, dns], []));
    });
});

describe("change safety: a supported region removed while its consumer endpoint still exists", () => {
    const svc = (regions: string[]) =>
        res(
            T.service,
            "orders",
            { acceptanceRequired: true, supportedRegions: regions },
            { outputs: { serviceName: "com.amazonaws.vpce.eu-west-2.vpce-svc-0abc" } },
        );
    const consumer = (s: ReturnType<typeof svc>) =>
        res(
            T.endpoint,
            "orders-payments",
            { vpcId: ref(vpc2), serviceName: ref(s, "serviceName"), vpcEndpointType: "Interface", serviceRegion: "eu-west-2" },
            { region: "eu-west-1" },
        );

    it("warns that RemoveSupportedRegions runs before the endpoint's delete, naming the two-step alternative", () => {
        const before = svc(["eu-west-2", "eu-west-1"]);
        const report = check([before, consumer(before)], [svc(["eu-west-2"])]);
        const f = report.findings.filter((x) => x.kind === "region-removed-before-consumer");
        assert.strictEqual(f.length, 1, JSON.stringify(report.findings));
        assert.strictEqual(f[0].severity, "warning");
        assert.strictEqual(f[0].newUrn, before.urn);
        assert.strictEqual(f[0].oldUrn, consumer(before).urn);
        assert.match(f[0].fix, /pulumi destroy --target/);
    });

    it("says nothing when the region stays or no consumer of it is deleted", () => {
        const s = svc(["eu-west-2", "eu-west-1"]);
        assert.deepStrictEqual(
            check([s, consumer(s)], [s]).findings.filter((x) => x.kind === "region-removed-before-consumer"),
            [],
        );
        assert.deepStrictEqual(
            check([s], [svc(["eu-west-2"])]).findings.filter((x) => x.kind === "region-removed-before-consumer"),
            [],
        );
    });
});
