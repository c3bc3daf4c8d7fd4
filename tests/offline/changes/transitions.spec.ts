/**
 * The transition matrix: real config edits, each planned twice through the real program under the
 * offline mocks (in-process, no policy pack) and judged by the change-safety check. Every row states the
 * verdict the edit must have once the code is right. Rows whose fix is pending are listed in
 * EXPECTED_UNSAFE_UNTIL_FIXED with the defect they show: the test asserts they are still reported unsafe
 * (with the key that collides), so it fails the day the fix lands and the row must move out of the list.
 *
 * Also: plans of the code before the day-2 fixes (tests/fixtures/transitions/, the old naming) that the
 * check must keep reporting, and today's dev and tgw stacks against the plans of commit 2a7dab1 (no VPC,
 * subnet, zone, endpoint or TGW may be replaced).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { checkChanges, PlanLike } from "../../../offline/changes/diff";
import { runProgram } from "../../../offline/program";
import { readStackFile } from "../../../offline/stack-config";
import { ChangeReport } from "../../../offline/types";
import { MOCK_ZONE_STATES_ENV } from "../../../offline/mocks";
import { planFor, PROJECT, runFresh } from "../../helpers/plan";
import { CONFIGS, TRANSITION_STACK } from "./transition-configs";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures", "transitions");

interface Row {
    /** The edit, as a README reader would name it. */
    readonly edit: string;
    readonly from: keyof typeof CONFIGS & string;
    readonly to: keyof typeof CONFIGS & string;
    /** The verdict once the code is right (every edit the README documents must be safe). */
    readonly verdict: "safe" | "unsafe";
    /** Zone states the mocks report for the second plan (offline/mocks.ts, MockZoneStates). */
    readonly toZoneStates?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const MATRIX: readonly Row[] = [
    { edit: "switch connectivity.mode peering -> transit-gateway", from: "peering", to: "tgw", verdict: "safe" },
    { edit: "switch connectivity.mode transit-gateway -> peering", from: "tgw", to: "peering", verdict: "safe" },
    // Documented as two steps: unprotect first (the switch deletes the protected transit gateways).
    { edit: "switch transit-gateway -> peering on a protected stack", from: "tgw-protected", to: "peering-protected", verdict: "unsafe" },
    { edit: "join a segment (payments and analytics)", from: "tgw", to: "tgw-segment-payments-analytics", verdict: "safe" },
    { edit: "leave a segment (the segment removed)", from: "tgw-segment-payments-analytics", to: "tgw", verdict: "safe" },
    {
        edit: "change a segment (analytics out, ledger in)",
        from: "tgw-segment-payments-analytics",
        to: "tgw-segment-payments-ledger",
        verdict: "safe",
    },
    {
        edit: "remove the first allowed principal, target and allowedSourceCidr",
        from: "peering",
        to: "first-entries-removed",
        verdict: "safe",
    },
    {
        edit: "remove the middle allowed principal, target and allowedSourceCidr",
        from: "peering",
        to: "middle-entries-removed",
        verdict: "safe",
    },
    {
        edit: "remove the last allowed principal, target and allowedSourceCidr",
        from: "peering",
        to: "last-entries-removed",
        verdict: "safe",
    },
    { edit: "add an AZ to the hub", from: "peering", to: "hub-az-added", verdict: "safe" },
    {
        edit: "a hub AZ becomes impaired (nothing moves)",
        from: "peering",
        to: "peering",
        verdict: "safe",
        toZoneStates: { "eu-west-2": { "eu-west-2a": "impaired" } },
    },
    { edit: "add a spoke", from: "peering", to: "spoke-added", verdict: "safe" },
    { edit: "remove a spoke", from: "peering", to: "spoke-removed", verdict: "safe" },
    { edit: "add the endpoint service", from: "no-endpoint-service", to: "peering", verdict: "safe" },
    { edit: "remove the endpoint service", from: "peering", to: "no-endpoint-service", verdict: "safe" },
    {
        edit: "a consumer whose CIDR is also in allowedSourceCidrs stops being a consumer",
        from: "consumer-cidr-also-allowed",
        to: "consumer-cidr-allowed-only",
        verdict: "safe",
    },
    {
        edit: "a spoke admitted by allowedSourceCidrs becomes a consumer too",
        from: "consumer-cidr-allowed-only",
        to: "consumer-cidr-also-allowed",
        verdict: "safe",
    },
    { edit: "remove the last cross-region consumer", from: "peering", to: "no-consumers", verdict: "safe" },
    { edit: "privateDnsName phase 1 (name set, not verified)", from: "peering", to: "private-dns-phase-1", verdict: "safe" },
    { edit: "privateDnsName phase 2 (verified)", from: "private-dns-phase-1", to: "private-dns-phase-2", verdict: "safe" },
    { edit: "privateDnsName back to phase 1", from: "private-dns-phase-2", to: "private-dns-phase-1", verdict: "safe" },
    { edit: "privateDnsName removed", from: "private-dns-phase-1", to: "peering", verdict: "safe" },
    // Documented as two steps: back to phase 1 first (private DNS really turned off), then remove it.
    {
        edit: "privateDnsName removed while verified (phase 2, skipping phase 1)",
        from: "private-dns-phase-2",
        to: "peering",
        verdict: "unsafe",
    },
];

/**
 * Rows that come out UNSAFE today because a fix is pending, with the defect and the keys that collide.
 * When a fix lands, its rows fail here: move them out (and keep an old-naming fixture that the check
 * must still report, below). When this change-safety check was written, these rows were unsafe:
 * both mode switches (1: one spoke->hub route per mode for the same route table and destination), all
 * three segment edits (2: the TGW association replaced under its name, created first), removing the
 * first or middle principal, target or CIDR (3: index-named list members) and private DNS phase 2 (5:
 * the endpoint and EndpointPrivateDns both owning the setting). All of them have landed since.
 */
const EXPECTED_UNSAFE_UNTIL_FIXED: Readonly<Record<string, { readonly defect: string; readonly keys: readonly string[] }>> = {};

/** Types whose replacement a day-2 edit must never cause (ARCHITECTURE: existing stacks keep them). */
const KEPT_TYPES = new Set([
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:route53/zone:Zone",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2transitgateway/transitGateway:TransitGateway",
]);

async function planOf(name: string, zoneStates?: Row["toZoneStates"]): Promise<PlanLike> {
    if (!zoneStates) {
        const p = await planFor(CONFIGS[name], { stack: TRANSITION_STACK });
        return { project: PROJECT, stack: TRANSITION_STACK, resources: p.resources };
    }
    // The mocks read the zone states when a run starts; runs are sequential (awaited here).
    const saved = process.env[MOCK_ZONE_STATES_ENV];
    process.env[MOCK_ZONE_STATES_ENV] = JSON.stringify(zoneStates);
    try {
        const p = await runFresh(CONFIGS[name], { stack: TRANSITION_STACK });
        return { project: PROJECT, stack: TRANSITION_STACK, resources: p.resources };
    } finally {
        if (saved === undefined) {
            delete process.env[MOCK_ZONE_STATES_ENV];
        } else {
            process.env[MOCK_ZONE_STATES_ENV] = saved;
        }
    }
}

function describeErrors(c: ChangeReport): string {
    return c.findings
        .filter((f) => f.severity === "error")
        .map((f) => `  - ${f.kind}: ${f.message}`)
        .join("\n");
}

function replacedKept(c: ChangeReport): string[] {
    return c.resources
        .filter((r) => r.action === "replace" && KEPT_TYPES.has(r.type))
        .map((r) => `${r.urn}: ${(r.replaceReasons ?? []).join("; ")}`);
}

describe("change safety: the transition matrix (real config edits, planned twice)", function () {
    this.timeout(120000);
    const verdicts = new Map<string, ChangeReport>();
    before(async () => {
        // Plan every config once, in order (the runtime is process-global; planFor queues and memoises).
        for (const row of MATRIX) {
            verdicts.set(row.edit, checkChanges(await planOf(row.from), await planOf(row.to, row.toZoneStates), `${row.from}.json`));
        }
    });

    it("every row is in the matrix once, and every pending row names a row of the matrix", () => {
        assert.strictEqual(new Set(MATRIX.map((r) => r.edit)).size, MATRIX.length);
        for (const name of Object.keys(EXPECTED_UNSAFE_UNTIL_FIXED)) {
            assert.ok(
                MATRIX.some((r) => r.edit === name),
                `EXPECTED_UNSAFE_UNTIL_FIXED names no row: ${name}`,
            );
        }
    });

    for (const row of MATRIX) {
        const pending = EXPECTED_UNSAFE_UNTIL_FIXED[row.edit];
        const title = pending
            ? `${row.edit}: must be ${row.verdict}; UNSAFE until defect ${pending.defect.split(":")[0]} is fixed (${pending.keys.join(", ")} collision)`
            : `${row.edit}: ${row.verdict}`;
        it(title, () => {
            const c = verdicts.get(row.edit) as ChangeReport;
            if (pending) {
                assert.strictEqual(
                    c.safe,
                    false,
                    `"${row.edit}" is now reported safe: defect ${pending.defect} looks fixed — move the row out of EXPECTED_UNSAFE_UNTIL_FIXED (and keep an old-naming fixture for it)`,
                );
                // Each pending key must still collide: a partial fix fails here too, naming the key to drop.
                const found = new Set(c.findings.filter((f) => f.severity === "error").map((f) => f.key?.kind));
                assert.deepStrictEqual(
                    pending.keys.filter((k) => !found.has(k)),
                    [],
                    `"${row.edit}": these pending keys no longer collide (fixed? drop them from EXPECTED_UNSAFE_UNTIL_FIXED):\n${describeErrors(c)}`,
                );
            } else if (row.verdict === "safe") {
                assert.ok(c.safe, `"${row.edit}" must be safe:\n${describeErrors(c)}`);
            } else {
                assert.strictEqual(c.safe, false);
            }
        });
    }

    it("privateDnsName removed: the service keeps the name (Optional + Computed), so the check names the CLI step that removes it", () => {
        const c = verdicts.get("privateDnsName removed") as ChangeReport;
        const f = c.findings.filter((x) => x.kind === "omitted-computed-input");
        assert.deepStrictEqual(
            f.map((x) => [x.severity, /privateDnsName/.test(x.message)]),
            [["warning", true]],
        );
        assert.match(f[0].fix, /--remove-private-dns-name/);
    });

    it("switching transit-gateway -> peering on a protected stack is reported: the protected transit gateways would be deleted", () => {
        const c = verdicts.get("switch transit-gateway -> peering on a protected stack") as ChangeReport;
        const hits = c.findings.filter((x) => x.severity === "error" && x.kind === "protected");
        assert.ok(
            hits.some((x) => /TransitGateway/.test(x.message)),
            describeErrors(c),
        );
    });

    it("removing the last cross-region consumer shrinks supportedRegions to the own region, with a warning on the order (the region goes before the endpoint)", () => {
        const c = verdicts.get("remove the last cross-region consumer") as ChangeReport;
        const svc = c.resources.find((r) => r.type === "aws:ec2/vpcEndpointService:VpcEndpointService");
        assert.deepStrictEqual(svc?.changedInputs, ["supportedRegions"]);
        const f = c.findings.filter((x) => x.kind === "region-removed-before-consumer");
        assert.deepStrictEqual(
            f.map((x) => [x.severity, /eu-west-1/.test(x.message)]),
            [["warning", true]],
        );
    });

    it("privateDnsName removed while verified is reported: deleting the EndpointPrivateDns leaves private DNS on", () => {
        const c = verdicts.get("privateDnsName removed while verified (phase 2, skipping phase 1)") as ChangeReport;
        assert.ok(
            c.findings.some((x) => x.severity === "error" && x.kind === "no-op-delete"),
            describeErrors(c),
        );
    });

    it("no edit of the matrix replaces a VPC, subnet, hosted zone, endpoint or transit gateway", () => {
        const offenders = MATRIX.flatMap((row) => replacedKept(verdicts.get(row.edit) as ChangeReport).map((x) => `${row.edit}: ${x}`));
        assert.deepStrictEqual(offenders, []);
    });

    it("switching modes replaces no VPC, subnet, endpoint or zone and touches only connectivity resources and what routes through them", () => {
        const c = verdicts.get("switch connectivity.mode peering -> transit-gateway") as ChangeReport;
        const touchedTypes = new Set(c.resources.map((r) => r.type.split(":")[1].split("/")[0]));
        assert.deepStrictEqual(
            [...touchedTypes].filter((t) => t !== "ec2" && t !== "ec2transitgateway"),
            [],
        );
        const kept = ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/vpcEndpoint:VpcEndpoint", "aws:route53/zone:Zone"];
        assert.deepStrictEqual(
            c.resources.filter((r) => kept.includes(r.type)),
            [],
        );
    });
});

/** A fixture plan: gzipped JSON, the `--json` document's project, stack and resources. */
function fixture(file: string): PlanLike {
    return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, file))).toString("utf8")) as PlanLike;
}

describe("change safety: the old naming stays reported (plans of commit 2a7dab1, before the day-2 fixes)", () => {
    const OLD: readonly { edit: string; from: string; to: string; key: string }[] = [
        { edit: "peering -> transit-gateway", from: "peering", to: "tgw", key: "route" },
        { edit: "transit-gateway -> peering", from: "tgw", to: "peering", key: "route" },
        { edit: "join a segment", from: "tgw", to: "tgw-segment-payments-analytics", key: "tgw-association" },
        { edit: "remove the middle allowed principal", from: "peering", to: "middle-entries-removed", key: "allowed-principal" },
        { edit: "remove the middle target", from: "peering", to: "middle-entries-removed", key: "target-attachment" },
        { edit: "remove the middle allowedSourceCidr", from: "peering", to: "middle-entries-removed", key: "sg-rule" },
        { edit: "remove the first allowed principal", from: "peering", to: "first-entries-removed", key: "allowed-principal" },
        { edit: "remove the first target", from: "peering", to: "first-entries-removed", key: "target-attachment" },
        { edit: "remove the first allowedSourceCidr", from: "peering", to: "first-entries-removed", key: "sg-rule" },
        {
            edit: "privateDnsName phase 2 (verified)",
            from: "private-dns-phase-1",
            to: "private-dns-phase-2",
            key: "endpoint-private-dns-setting",
        },
        // The old code deleted the EndpointPrivateDns going back to phase 1: a no-op delete.
        { edit: "privateDnsName back to phase 1", from: "private-dns-phase-2", to: "private-dns-phase-1", key: "no-op-delete" },
    ];
    for (const t of OLD) {
        it(`${t.edit} with the old naming is reported unsafe (${t.key}), naming both URNs and a fix`, () => {
            const c = checkChanges(fixture(`old-naming/${t.from}.json.gz`), fixture(`old-naming/${t.to}.json.gz`), `${t.from}.json`);
            const hits = c.findings.filter((f) => f.severity === "error" && (f.key?.kind === t.key || f.kind === t.key));
            assert.ok(hits.length > 0, `no ${t.key} collision:\n${describeErrors(c)}`);
            for (const f of hits) {
                assert.ok(f.newUrn && f.oldUrn && f.fix, "both URNs and a fix");
            }
        });
    }
});

describe("change safety: today's committed stacks against the plans of commit 2a7dab1", function () {
    this.timeout(120000);
    for (const stack of ["dev", "tgw"]) {
        it(`planning stack ${stack} replaces or deletes no VPC, subnet, hosted zone, endpoint or transit gateway`, async () => {
            const file = readStackFile(path.join(ROOT, `Pulumi.${stack}.yaml`));
            const accountId = (() => {
                const v = file.config["landing-zone:accountId"];
                return v ? v.replace(/"/g, "") : undefined;
            })();
            const run = await runProgram({ project: PROJECT, stack: file.stack, config: file.config, ...(accountId ? { accountId } : {}) });
            const c = checkChanges(
                fixture(`baseline-${stack}.json.gz`),
                { project: PROJECT, stack: file.stack, resources: run.resources },
                `baseline-${stack}`,
            );
            const lost = c.resources
                .filter((r) => KEPT_TYPES.has(r.type) && (r.action === "replace" || r.action === "delete"))
                .map((r) => `${r.action} ${r.urn}`);
            assert.deepStrictEqual(lost, []);
        });
    }
});
