/**
 * The change-safety section of the human report, and reading the earlier plan (`--since FILE`).
 */
import * as fs from "fs";
import { CapturedResource, ChangeReport } from "../types";
import { PlanLike, readableUrn, SinceFileError } from "./diff";

export { SinceFileError };

/**
 * Reads a plan document written by `npm start -- --json FILE`. Checks only what the comparison reads
 * (project, stack, resources with urn/type/inputs), so plans of older versions of this program work.
 */
export function readPlanFile(file: string): PlanLike {
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new SinceFileError(`--since ${file}: ${(e as Error).message}. Fix: pass a plan written by npm start -- --json FILE`);
    }
    const d = doc as { project?: unknown; stack?: unknown; resources?: unknown };
    if (
        d === null ||
        typeof d !== "object" ||
        typeof d.project !== "string" ||
        typeof d.stack !== "string" ||
        !Array.isArray(d.resources)
    ) {
        throw new SinceFileError(
            `--since ${file}: not a plan document (needs project, stack and resources[]). Fix: pass a plan written by npm start -- --json FILE`,
        );
    }
    const bad = (d.resources as unknown[]).findIndex((r) => {
        const x = r as Partial<CapturedResource> | null;
        return (
            x === null || typeof x !== "object" || typeof x.urn !== "string" || typeof x.type !== "string" || typeof x.inputs !== "object"
        );
    });
    if (bad >= 0) {
        throw new SinceFileError(
            `--since ${file}: resources[${bad}] lacks urn, type or inputs. Fix: pass a plan written by npm start -- --json FILE`,
        );
    }
    // Plans written before a field existed: fill in the defaults the capture uses.
    const resources = (d.resources as CapturedResource[]).map((r) => ({
        ...r,
        name: r.name ?? r.urn.split("::").pop() ?? "",
        id: r.id ?? "",
        parent: r.parent ?? "",
        provider: r.provider ?? "",
        region: r.region ?? "",
        custom: r.custom ?? !r.type.startsWith("landing-zone:"),
        protect: r.protect ?? false,
        ignoreChanges: r.ignoreChanges ?? [],
        outputs: r.outputs ?? {},
        dependencies: r.dependencies ?? [],
        propertyDependencies: r.propertyDependencies ?? {},
    }));
    return { project: d.project, stack: d.stack, resources };
}

/** Lines of the human report for the `changes` section. */
export function renderChanges(c: ChangeReport): string {
    const lines: string[] = [];
    const s = c.summary;
    lines.push(
        `Change safety (since ${c.since.file}, ${c.since.resourceCount} resources): ${s.create} to create, ${s.replace} to replace, ${s.update} to update in place, ${s.delete} to delete, ${s.same} unchanged`,
    );
    const byAction = (a: string) => c.resources.filter((r) => r.action === a);
    for (const action of ["replace", "delete", "create", "update"] as const) {
        const list = byAction(action);
        if (list.length === 0) {
            continue;
        }
        const counts = new Map<string, number>();
        for (const r of list) {
            counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
        }
        lines.push(
            `  ${action}: ${[...counts.entries()]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([t, n]) => `${n} ${shortType(t)}`)
                .join(", ")}`,
        );
        if (action === "replace") {
            for (const r of list) {
                lines.push(
                    `    ${readableUrn(r.urn)}: ${(r.replaceReasons ?? []).join("; ")}${r.deleteBeforeReplace ? " (deleteBeforeReplace)" : ""}`,
                );
            }
        }
    }
    const errors = c.findings.filter((f) => f.severity === "error");
    const warnings = c.findings.filter((f) => f.severity === "warning");
    lines.push(
        errors.length === 0
            ? `  SAFE: no step that AWS would refuse or that would silently break${warnings.length ? ` (${warnings.length} warning(s))` : ""}`
            : `  UNSAFE: ${errors.length} step(s) that AWS would refuse or that would silently break`,
    );
    for (const f of c.findings) {
        lines.push(`  [${f.severity}] ${f.kind}: ${f.message}`);
        if (f.newUrn) {
            lines.push(`      new: ${f.newUrn}`);
        }
        if (f.oldUrn && f.oldUrn !== f.newUrn) {
            lines.push(`      old: ${f.oldUrn}`);
        }
        if (f.blastRadius && f.blastRadius.length > 0) {
            const shown = f.blastRadius.slice(0, 10).map((b) => `${readableUrn(b.urn)} (${b.action})`);
            lines.push(`      with it: ${shown.join(", ")}${f.blastRadius.length > 10 ? `, … ${f.blastRadius.length - 10} more` : ""}`);
        }
        lines.push(`      fix: ${f.fix}`);
    }
    return `${lines.join("\n")}\n`;
}

/** `aws:ec2transitgateway/route:Route` -> `ec2transitgateway.Route`. */
function shortType(t: string): string {
    const [, mod = "", name = t] = t.split(":");
    return `${mod.split("/")[0]}.${name}`;
}
