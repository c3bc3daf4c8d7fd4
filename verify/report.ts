/** verify's text report and JSON document (the live model itself is left out of the JSON: it is large). */
import { VerifyResult } from "./run";

export function renderVerifyText(r: VerifyResult): string {
    const lines: string[] = [];
    const open = r.paths.filter((p) => p.open).length;
    lines.push(
        `verify ${r.stack}${r.account ? ` (account ${r.account})` : ""}${r.endpoint ? ` at ${r.endpoint}` : ""}: regions ${r.regions.join(", ")}`,
    );
    lines.push("", `Reachability (live): ${open} open, ${r.paths.length - open} broken`);
    for (const p of r.paths.filter((x) => !x.open)) {
        const o = p.brokenObject;
        lines.push(
            `  BROKEN ${p.kind} ${p.from} -> ${p.to}: ${p.brokenAt ?? ""}${o ? ` [${o.awsId || o.key}${o.region ? ` in ${o.region}` : ""}${o.urn ? `, ${o.urn}` : ""}]` : ""}`,
        );
    }
    if (r.disagreements.length > 0) {
        lines.push(
            "",
            `Plan and live matrices disagree on ${r.disagreements.length / 2} path(s):`,
            ...r.disagreements.map((d) => `  ${d}`),
        );
    }
    lines.push("", `Drift: ${r.drift.length} finding(s)`);
    for (const d of r.drift) {
        lines.push(
            `  ${d.kind.toUpperCase()} ${d.item}: ${d.message}`,
            `      aws: ${d.awsId || "-"}${d.region ? ` (${d.region})` : ""}  urn: ${d.urn || "-"}  config: ${d.configKey}`,
            `      fix: ${d.fix}`,
        );
    }
    lines.push("", `${r.calls.total} AWS calls, read in ${r.timings.readMs} ms (total ${r.timings.totalMs} ms)`);
    lines.push(r.ok ? "OK: every intended path is open and nothing drifted" : "FAILED: see the broken paths and drift above");
    return lines.join("\n") + "\n";
}

/** The `--json` document: fields are only ever added. */
export function verifyJson(r: VerifyResult): string {
    const { live: _live, calls, ...rest } = r;
    void _live;
    return JSON.stringify({ ...rest, calls: { total: calls.total, byAction: calls.byAction } }, null, 2) + "\n";
}
