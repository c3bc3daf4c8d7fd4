/**
 * The replacement table (offline/changes/replace-table.ts) covers every type the program registers, each
 * entry names its source, and its conditional rules mean what they say.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { REPLACE_TABLE, ruleForcesReplacement, STATEFUL_TYPES } from "../../../offline/changes/replace-table";
import { KEY_KINDS } from "../../../offline/changes/keys";
import { planFor } from "../../helpers/plan";
import { CONFIGS, TRANSITION_STACK } from "./transition-configs";

const FIXTURES = path.resolve(__dirname, "..", "..", "fixtures", "transitions");

describe("change safety: the replacement table", function () {
    this.timeout(120000);

    it("knows every custom resource type the program registers (matrix configs, a fleet, IP targets, the committed stacks)", async () => {
        const types = new Set<string>();
        const ips = structuredClone(CONFIGS["private-dns-phase-2"]) as { endpointService: { targets: unknown } };
        ips.endpointService.targets = { ipAddresses: ["10.0.0.10", "192.168.5.5"] };
        const fleet = structuredClone(CONFIGS.peering) as { endpointService: { targets: unknown } };
        fleet.endpointService.targets = { fleet: { instanceType: "t3.micro", desiredCapacity: 2 } };
        for (const c of [...Object.values(CONFIGS), ips, fleet]) {
            for (const r of (await planFor(c, { stack: TRANSITION_STACK })).resources) {
                if (r.custom) {
                    types.add(r.type);
                }
            }
        }
        for (const f of ["baseline-dev.json.gz", "baseline-tgw.json.gz"]) {
            for (const r of (
                JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, f))).toString("utf8")) as {
                    resources: { type: string; custom: boolean }[];
                }
            ).resources) {
                if (r.custom) {
                    types.add(r.type);
                }
            }
        }
        assert.deepStrictEqual(
            [...types].filter((t) => !(t in REPLACE_TABLE)).sort(),
            [],
            "add these types to offline/changes/replace-table.ts with their force-new inputs and a source",
        );
        assert.ok(
            types.has("aws:lb/targetGroupAttachment:TargetGroupAttachment") && types.has("aws:vpc/endpointPrivateDns:EndpointPrivateDns"),
            "the configs reach the optional types",
        );
    });

    it("every entry names its source, and every stateful type and key type is in the table", () => {
        for (const [t, e] of Object.entries(REPLACE_TABLE)) {
            assert.ok(e.source.length > 10, `${t} has no source`);
        }
        for (const t of [...STATEFUL_TYPES, ...KEY_KINDS.flatMap((k) => k.types)]) {
            assert.ok(t in REPLACE_TABLE, `${t} is not in the table`);
        }
    });

    it("an element-removed rule forces replacement only when an element goes, an emptiness rule only when the list empties or fills", () => {
        const removed = { input: "subnets", when: "element-removed" as const };
        assert.strictEqual(ruleForcesReplacement(removed, ["a", "b"], ["a", "b", "c"]), false);
        assert.strictEqual(ruleForcesReplacement(removed, ["a", "b"], ["b", "a"]), false);
        assert.strictEqual(ruleForcesReplacement(removed, ["a", "b"], ["a", "c"]), true);
        const emptiness = { input: "securityGroups", when: "emptiness-changes" as const };
        assert.strictEqual(ruleForcesReplacement(emptiness, ["sg-1"], ["sg-2"]), false);
        assert.strictEqual(ruleForcesReplacement(emptiness, [], ["sg-2"]), true);
        assert.strictEqual(ruleForcesReplacement(emptiness, ["sg-1"], undefined), true);
        assert.strictEqual(ruleForcesReplacement({ input: "cidrBlock", when: "always" }, "10.0.0.0/16", "10.1.0.0/16"), true);
    });
});
