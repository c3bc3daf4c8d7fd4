import { strict as assert } from "assert";
import * as path from "path";
import { PolicyRunResult, runPolicyPack } from "../../offline/analyzer";
import { buildPack } from "../../offline/pack-build";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, flatConfig, planFor, PROJECT, TEST_STACK, withBase } from "../helpers/plan";

/**
 * Done-when of the tag-free topology: the REAL pack, driven over its analyzer protocol the way `npm start`
 * drives it, against graphs captured from the real program, in which one spoke is turned into a VPC a
 * fork added by hand (top level, no component parent, no `landing-zone:role` tag) that is still
 * connected to the hub (peering, or a transit gateway peered with the hub's) and misses one zone
 * association. It must fail `hub-endpoint-dns-complete` MANDATORY in the update and in the preview,
 * where every id is unknown: a rule that needed the tag would skip the VPC, one that needed an id would
 * be downgraded to an advisory "can't run during preview".
 */

const PACK = buildPack(path.resolve(__dirname, "..", "..", "policy-pack"));

const VPC = "aws:ec2/vpc:Vpc";
const ZONE_ASSOCIATION = "aws:route53/zoneAssociation:ZoneAssociation";
const ROLE_TAG = "landing-zone:role";

const PEERING: ConfigObject = withBase(() => undefined);
const TGW: ConfigObject = withBase((c) => {
    c.supernets["eu-west-2"] = "10.32.0.0/12";
    c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" });
    c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "analytics"] }] };
});

/** Drops the role tag from a tag map (inputs and outputs both carry it). */
function withoutRoleTag(props: Record<string, unknown>): Record<string, unknown> {
    const tags = props["tags"];
    if (tags === null || typeof tags !== "object") {
        return props;
    }
    const rest: Record<string, unknown> = { ...(tags as Record<string, unknown>) };
    delete rest[ROLE_TAG];
    return { ...props, tags: rest };
}

/**
 * The captured graph with VPC `vpcName` re-registered as a hand-added, untagged top-level VPC (its URN
 * rewritten everywhere it is referenced), and without the zone association named `dropAssociation`.
 */
function handAdded(resources: readonly CapturedResource[], vpcName: string, dropAssociation?: string): CapturedResource[] {
    const vpc = resources.find((r) => r.type === VPC && r.name === vpcName);
    assert.ok(vpc, `no VPC ${vpcName}`);
    const root = resources.find((r) => r.type === "landing-zone:index:LandingZone");
    assert.ok(root, "no LandingZone component");
    const newUrn = `urn:pulumi:${TEST_STACK}::${PROJECT}::${VPC}::${vpcName}`;
    const rename = (u: string) => (u === vpc.urn ? newUrn : u);
    return resources
        .filter((r) => !(dropAssociation && r.type === ZONE_ASSOCIATION && r.name === dropAssociation))
        .map((r) => {
            const moved: CapturedResource = {
                ...r,
                dependencies: r.dependencies.map(rename),
                propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(rename)])),
            };
            if (r !== vpc) {
                return moved;
            }
            return {
                ...moved,
                urn: newUrn,
                parent: root.parent,
                inputs: withoutRoleTag(r.inputs) as CapturedResource["inputs"],
                outputs: withoutRoleTag(r.outputs) as CapturedResource["outputs"],
            };
        });
}

async function analyze(config: ConfigObject, resources: readonly CapturedResource[], dryRun: boolean): Promise<PolicyRunResult> {
    return runPolicyPack({ packDir: PACK, project: PROJECT, stack: TEST_STACK, dryRun, stackConfig: flatConfig(config), resources });
}

const mandatory = (r: PolicyRunResult) => r.violations.filter((v) => v.enforcementLevel === "mandatory");

describe("tag-free topology through the real pack over the analyzer protocol (integration)", function () {
    this.timeout(180000);

    for (const [label, config, spoke, link] of [
        ["peering", PEERING, "spoke-analytics", "peered with the hub"],
        ["transit-gateway", TGW, "spoke-analytics", "attached to a TGW peered with the hub's"],
    ] as const) {
        describe(`a hand-added spoke without the role tag, ${link} (${label})`, () => {
            let clean: PolicyRunResult;
            const broken: Partial<Record<"update" | "preview", PolicyRunResult>> = {};
            let vpcUrn = "";
            before(async () => {
                const [update, preview] = await Promise.all([planFor(config), planFor(config, { preview: true })]);
                const association = `${spoke}-sts`;
                assert.ok(
                    update.resources.some((r) => r.type === ZONE_ASSOCIATION && r.name === association),
                    `premise: ${association} exists`,
                );
                // The clean case runs as a preview only: the harder mode, and one pack launch less.
                [clean, broken.update, broken.preview] = await Promise.all([
                    analyze(config, handAdded(preview.resources, spoke), true),
                    analyze(config, handAdded(update.resources, spoke, association), false),
                    analyze(config, handAdded(preview.resources, spoke, association), true),
                ]);
                vpcUrn = `urn:pulumi:${TEST_STACK}::${PROJECT}::${VPC}::${spoke}`;
            });

            it("passes clean with every association although untagged (preview): the tag is a hint, not a requirement", () => {
                assert.deepEqual(mandatory(clean), [], JSON.stringify(clean.violations));
            });

            for (const mode of ["update", "preview"] as const) {
                it(`fails hub-endpoint-dns-complete MANDATORY for the missing zone association (${mode})`, () => {
                    const run = broken[mode] as PolicyRunResult;
                    const v = run.violations.filter((x) => x.policy === "hub-endpoint-dns-complete");
                    assert.ok(v.length > 0, JSON.stringify(run.violations));
                    assert.ok(
                        v.every((x) => x.enforcementLevel === "mandatory"),
                        JSON.stringify(v),
                    );
                    assert.ok(
                        v.some((x) =>
                            new RegExp(`is not associated with spoke VPC ${spoke}; add a route53\\.ZoneAssociation`).test(x.message),
                        ),
                        JSON.stringify(v.map((x) => x.message)),
                    );
                });

                it(`does not report the untagged VPC's role as undetermined (${mode})`, () => {
                    const run = broken[mode] as PolicyRunResult;
                    assert.ok(
                        !run.violations.some((x) => x.policy === "vpc-role-consistent" && x.urn === vpcUrn),
                        JSON.stringify(run.violations),
                    );
                });
            }
        });
    }
});
