/**
 * The hub's S3 interface endpoint beside its S3 gateway (components/planning/hub-s3-zone.ts, Hub.addS3Zone)
 * on the real program: the zone s3.<hub-region>.amazonaws.com is created with a regional endpoint VPC,
 * never the hub; it is associated with the spokes of other Regions (whose docker pulls from the hub
 * Region's ECR then have an S3 path for the layers) and never with the hub or a hub-Region spoke that
 * keeps its S3 gateway, in both DNS modes.
 */
import * as assert from "assert";
import { T } from "../../components/aws/types";
import { hubS3ZoneAnchor, receivesHubZone } from "../../components/planning/hub-s3-zone";
import { analyzeReachability } from "../../offline/reachability";
import { CapturedResource, JsonObject } from "../../offline/types";
import { MutableConfig, Plan, planFor, propertyDependsOn, withBase } from "../helpers/plan";

const S3_ZONE = "s3.eu-west-2.amazonaws.com";
const DEFAULTS = ["ssm", "ssmmessages", "ec2messages", "ec2", "sts", "kms", "logs", "monitoring", "ecr.api", "ecr.dkr", "secretsmanager"];

/** Base (hub eu-west-2 keeping its S3 gateway, payments + analytics in eu-west-1) with s3 on the hub, plus `local` in eu-west-2 and `ledger` in eu-central-1. */
function stack(mode: "associations" | "profiles", extra?: (c: MutableConfig) => void) {
    return withBase((c) => {
        c.hub.interfaceEndpoints = [...DEFAULTS, "s3"];
        c.supernets["eu-west-2"] = "10.32.0.0/12";
        c.supernets["eu-central-1"] = "10.48.0.0/12";
        c.spokes.push({ name: "local", region: "eu-west-2", cidr: "10.32.0.0/20" });
        c.spokes.push({ name: "ledger", region: "eu-central-1", cidr: "10.48.0.0/20" });
        c.dns = { mode };
        extra?.(c);
    });
}

const custom = (p: Plan, type: string) => p.byType(type).filter((r) => r.custom);
function s3Zone(p: Plan): CapturedResource {
    const zones = custom(p, T.zone).filter((z) => z.inputs.name === S3_ZONE);
    assert.strictEqual(zones.length, 1, `one ${S3_ZONE} zone`);
    return zones[0];
}
/** Names of the VPCs a zone resolves in directly: its creation VPC and its ZoneAssociations. */
function associatedVpcs(p: Plan, zone: CapturedResource): string[] {
    const byUrn = (u: string) => p.byUrn(u).name;
    const creation = (zone.propertyDependencies.vpcs ?? []).map(byUrn);
    const more = p.dependents(T.zoneAssociation, "zoneId", zone.urn).flatMap((a) => (a.propertyDependencies.vpcId ?? []).map(byUrn));
    return [...creation, ...more].sort();
}

describe("hub S3 interface endpoint beside the S3 gateway (planning/hub-s3-zone.ts)", function () {
    this.timeout(60000);

    describe("receivesHubZone / hubS3ZoneAnchor", () => {
        it("keeps the S3 zone off a VPC of the hub's Region with an S3 gateway, and only that", () => {
            assert.strictEqual(receivesHubZone("s3", "eu-west-2", { region: "eu-west-2", gatewayEndpoints: ["s3"] }), false);
            assert.strictEqual(receivesHubZone("s3", "eu-west-2", { region: "eu-west-2", gatewayEndpoints: ["dynamodb"] }), true);
            assert.strictEqual(receivesHubZone("s3", "eu-west-2", { region: "eu-west-1", gatewayEndpoints: ["s3"] }), true);
            assert.strictEqual(receivesHubZone("ssm", "eu-west-2", { region: "eu-west-2", gatewayEndpoints: ["s3"] }), true);
        });

        it("anchors the zone on the first endpoint set by Region name, only when the hub has both S3 endpoints", () => {
            const sets = [
                { region: "eu-west-1", vpc: "endpoints-eu-west-1" },
                { region: "eu-central-1", vpc: "endpoints-eu-central-1" },
            ];
            assert.deepStrictEqual(hubS3ZoneAnchor({ interfaceEndpoints: ["s3"], gatewayEndpoints: ["s3"] }, sets), sets[1]);
            assert.strictEqual(hubS3ZoneAnchor({ interfaceEndpoints: ["s3"], gatewayEndpoints: ["dynamodb"] }, sets), undefined);
            assert.strictEqual(hubS3ZoneAnchor({ interfaceEndpoints: ["ssm"], gatewayEndpoints: ["s3"] }, sets), undefined);
        });
    });

    describe("dns.mode associations", () => {
        let plan: Plan;
        before(async () => {
            plan = await planFor(stack("associations"));
        });

        it("creates the S3 zone with the first regional endpoint VPC (eu-central-1), not with the hub", () => {
            const zone = s3Zone(plan);
            const creation = (zone.propertyDependencies.vpcs ?? []).map((u) => plan.byUrn(u).name);
            assert.deepStrictEqual(creation, ["endpoints-eu-central-1"]);
            assert.deepStrictEqual(
                ((zone.inputs.vpcs as JsonObject[]) ?? []).map((v) => v.vpcRegion),
                ["eu-central-1"],
                "the creation VPC names its own Region",
            );
            assert.deepStrictEqual(zone.ignoreChanges, ["vpcs"]);
        });

        it("associates it with every spoke outside the hub's Region, and never with the hub or the hub-Region spoke that keeps its gateway", () => {
            assert.deepStrictEqual(associatedVpcs(plan, s3Zone(plan)), [
                "endpoints-eu-central-1",
                "spoke-analytics",
                "spoke-ledger",
                "spoke-payments",
            ]);
        });

        it("still gives the hub-Region spoke every other hub zone", () => {
            const local = plan.one(T.vpc, "spoke-local");
            const mine = custom(plan, T.zoneAssociation).filter((a) => propertyDependsOn(a, "vpcId", local.urn));
            const hubZones = custom(plan, T.zone).filter(
                (z) => String(z.inputs.name).endsWith(".eu-west-2.amazonaws.com") && z.inputs.name !== S3_ZONE,
            );
            assert.strictEqual(mine.length, hubZones.length);
        });

        it("gives a hub-Region spoke WITHOUT an S3 gateway the S3 zone (it has no other S3 path)", async () => {
            const p = await planFor(stack("associations", (c) => (c.spokes[2].gatewayEndpoints = ["dynamodb"])));
            assert.ok(associatedVpcs(p, s3Zone(p)).includes("spoke-local"));
        });

        it("opens docker pull from the hub Region's ECR for the cross-region spokes (the layers' S3 path)", () => {
            const r = analyzeReachability(plan.resources);
            const pulls = (r.callers?.cells ?? []).filter((c) => c.service === "ecr.dkr" && c.region === "eu-west-2");
            assert.ok(pulls.length >= 3, "payments, analytics and ledger pull cross-region");
            for (const c of pulls) {
                assert.ok(c.open, `${c.spoke}: ${c.brokenAt ?? ""}`);
            }
            assert.strictEqual(r.callers?.brokenIntended, 0);
        });
    });

    describe("dns.mode profiles", () => {
        let plan: Plan;
        before(async () => {
            plan = await planFor(stack("profiles"));
        });

        it("puts the S3 zone in the Profiles of the other Regions and not in the hub Region's", () => {
            const zone = s3Zone(plan);
            const holders = plan
                .dependents(T.profilesResourceAssociation, "resourceArn", zone.urn)
                .map((ra) => plan.byUrn((ra.propertyDependencies.profileId ?? [])[0]).region)
                .sort();
            assert.deepStrictEqual(holders, ["eu-central-1", "eu-west-1"]);
            assert.deepStrictEqual(custom(plan, T.zoneAssociation), [], "no direct association in profiles mode");
        });
    });
});
