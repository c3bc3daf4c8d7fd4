/**
 * The offline plan's two renderings: the JSON document (a contract: see docs/architecture.md, "Offline
 * plan contract") and the human report on stdout.
 */
import { LandingZoneConfig } from "../components/config/schema";
import { CostReport } from "./cost";
import { T } from "../components/aws/types";
import { ResourceGraph } from "./graph";
import { ReachabilityReport } from "./reachability";
import { CapturedResource, ChangeReport, JsonObject, JsonValue, PolicyViolation } from "./types";

export interface PlanDocument {
    readonly project: string;
    readonly stack: string;
    readonly config: LandingZoneConfig;
    readonly resources: readonly CapturedResource[];
    readonly outputs: JsonObject;
    readonly policies: {
        readonly pack: string;
        readonly ran: boolean;
        readonly policies: readonly { readonly name: string; readonly enforcementLevel: string }[];
        readonly violations: readonly PolicyViolation[];
        /** True when the real engine would have stopped at the first mandatory per-resource violation. */
        readonly engineWouldStopEarly: boolean;
        /** Result of the second run with preview-time unknowns. */
        readonly preview?: { readonly violations: readonly PolicyViolation[] };
        readonly note?: string;
    };
    /** Every intended path (spoke -> hub endpoint, consumer -> service, segment peers), traced hop by hop. */
    readonly reachability: ReachabilityReport;
    /** Monthly cost estimate from the dated price table (offline/prices.ts) and `landing-zone:traffic`. */
    readonly cost: CostReport;
    readonly summary: {
        readonly resourceCount: number;
        readonly byRegion: Readonly<Record<string, number>>;
        readonly byType: Readonly<Record<string, number>>;
    };
    /** Resources built by opaque remote components (awsx), which the plan cannot see inside. */
    readonly notVerifiableOffline: readonly { readonly urn: string; readonly reason: string }[];
    /** Change safety against an earlier plan (`--since FILE`, offline/changes/); absent without it. */
    readonly changes?: ChangeReport;
}

/** Stable JSON: keys sorted, 2-space indent, trailing newline. Same document, same bytes. */
export function stableJson(v: unknown): string {
    return `${JSON.stringify(sortKeys(v), null, 2)}\n`;
}

function sortKeys(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.map(sortKeys);
    }
    if (v !== null && typeof v === "object") {
        const o = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(o).sort()) {
            if (o[k] !== undefined) {
                out[k] = sortKeys(o[k]);
            }
        }
        return out;
    }
    return v;
}

export function summarise(resources: readonly CapturedResource[]): PlanDocument["summary"] {
    const byRegion: Record<string, number> = {};
    const byType: Record<string, number> = {};
    for (const r of resources) {
        if (!r.custom) {
            continue;
        }
        byRegion[r.region || "(none)"] = (byRegion[r.region || "(none)"] ?? 0) + 1;
        byType[r.type] = (byType[r.type] ?? 0) + 1;
    }
    return { resourceCount: resources.filter((r) => r.custom).length, byRegion, byType };
}

function str(v: JsonValue | undefined): string {
    return typeof v === "string" ? v : JSON.stringify(v ?? null);
}

/** Nearest ancestor component of a resource, as `type name`. */
function componentOf(r: CapturedResource, g: ResourceGraph): string {
    const p = g.ancestors(r).find((a) => !a.custom);
    return p ? `${p.type.split(":").pop()} ${p.name}` : "(top level)";
}

/** The human-readable report. */
export function renderText(doc: PlanDocument): string {
    const lines: string[] = [];
    const g = new ResourceGraph(doc.resources);
    const custom = doc.resources.filter((r) => r.custom);
    lines.push(`landing-zone offline plan — project ${doc.project}, stack ${doc.stack}`);
    lines.push(
        `hub ${doc.config.hub.cidr} in ${doc.config.hub.region} (${doc.config.hub.azCount} AZs); ` +
            `${doc.config.spokes.length} spoke(s); connectivity: ${doc.config.connectivity.mode}`,
    );
    lines.push(`${custom.length} resources in ${Object.keys(doc.summary.byRegion).length} region(s) (no cloud was contacted)`);
    lines.push("");

    // A multi-account plan groups by account first: who owns what is the first question a reviewer asks.
    const accounts = [...new Set(custom.map((r) => r.account ?? ""))].sort();
    const names = accountNames(doc.config);
    const multi = accounts.length > 1;
    lines.push(multi ? "Resources by account, region, component and type" : "Resources by region, component and type");
    for (const account of multi ? accounts : [undefined]) {
        const inAccount = account === undefined ? custom : custom.filter((r) => (r.account ?? "") === account);
        if (account !== undefined) {
            lines.push(`  account ${account || "(none)"}${names.has(account) ? ` (${names.get(account)})` : ""} (${inAccount.length})`);
        }
        lines.push(...byRegionLines(inAccount, g, multi ? "    " : "  "));
    }
    lines.push("");

    // Hub endpoints with their zones and records.
    const ofType = (type: string) => g.ofType(type).filter((r) => r.custom);
    lines.push("VPC endpoints");
    for (const e of ofType(T.vpcEndpoint).sort((a, b) => a.name.localeCompare(b.name))) {
        const kind = str(e.inputs.vpcEndpointType);
        const dns = e.inputs.privateDnsEnabled === true ? "private DNS on" : kind === "Interface" ? "private DNS off" : "route tables";
        lines.push(`  ${e.region.padEnd(12)} ${kind.padEnd(9)} ${str(e.inputs.serviceName).padEnd(42)} ${e.name} (${dns})`);
    }
    lines.push("");
    lines.push("Private hosted zones (name -> records; VPC associations)");
    for (const z of ofType(T.zone).sort((a, b) => str(a.inputs.name).localeCompare(str(b.inputs.name)))) {
        const recs = g
            .referrers(T.record, "zoneId", z)
            .filter((r) => r.custom)
            .map((r) => str(r.inputs.name));
        const n = g.referrers(T.zoneAssociation, "zoneId", z).filter((a) => a.custom).length;
        lines.push(`  ${str(z.inputs.name).padEnd(40)} A-alias: ${recs.sort().join(", ")}; VPCs: 1 + ${n} association(s)`);
    }
    lines.push("");

    if (doc.notVerifiableOffline.length > 0) {
        lines.push("Not verifiable offline (opaque remote components)");
        for (const n of doc.notVerifiableOffline) {
            lines.push(`  ${n.urn}: ${n.reason}`);
        }
        lines.push("");
    }

    const reach = doc.reachability;
    lines.push(`Reachability: ${reach.open} of ${reach.paths.length} intended paths open${reach.broken ? `, ${reach.broken} BROKEN` : ""}`);
    const matrix = reach.paths.filter((p) => p.kind === "spoke-to-endpoint");
    if (matrix.length > 0) {
        const services = [...new Set(matrix.map((p) => p.to))];
        const sources = [...new Set(matrix.map((p) => p.from))];
        const w = Math.max(...sources.map((x) => x.length), 6);
        lines.push(`  ${"".padEnd(w)}  ${services.map((x) => x.padEnd(Math.max(x.length, 4))).join(" ")}`);
        for (const src of sources) {
            const cells = services.map((svc) => {
                const p = matrix.find((m) => m.from === src && m.to === svc);
                return (p?.open ? "ok" : "XX").padEnd(Math.max(svc.length, 4));
            });
            lines.push(`  ${src.padEnd(w)}  ${cells.join(" ")}`);
        }
    }
    for (const p of reach.paths.filter((x) => x.kind !== "spoke-to-endpoint")) {
        lines.push(`  ${p.kind.padEnd(20)} ${p.from} -> ${p.to}: ${p.open ? "ok" : "BROKEN"}`);
    }
    for (const p of reach.paths.filter((x) => !x.open)) {
        lines.push(`  BROKEN ${p.from} -> ${p.to}: ${p.brokenAt ?? ""}`);
    }
    lines.push("");
    if (reach.callers && reach.callers.cells.length > 0) {
        lines.push(...callerLines(reach.callers.cells));
        lines.push("");
    }

    const cost = doc.cost;
    const usd = (n: number) => `$${n.toFixed(2)}`;
    lines.push(
        `Monthly cost estimate (USD, ${cost.hoursPerMonth} h/month; traffic per month: ${cost.assumptions.endpointGbPerSpoke} GB to endpoints + ${cost.assumptions.hubGbPerSpoke} GB other per spoke, ${cost.assumptions.serviceGbPerConsumer} GB per service consumer)`,
    );
    for (const [component, total] of Object.entries(cost.byComponent).sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  ${component.padEnd(28)} ${usd(total).padStart(12)}`);
    }
    lines.push(`  ${"total".padEnd(28)} ${usd(cost.totalMonthlyUsd).padStart(12)}`);
    lines.push(
        `  centralised endpoints ${usd(cost.comparison.centralisedUsd)} vs the same endpoints in every spoke ${usd(cost.comparison.perSpokeUsd)}`,
    );
    for (const r of cost.regionalSets) {
        lines.push(
            `  ${r.region} endpoint set (${r.endpoints} endpoints, ${r.spokes} spokes, for that Region's clients) ${usd(r.sharedUsd)} vs the same endpoints in each of those spokes ${usd(r.perSpokeUsd)}`,
        );
    }
    if (cost.unpricedRegions.length > 0) {
        lines.push(`  no prices for ${cost.unpricedRegions.join(", ")}: add them to offline/prices.ts`);
    }
    if (cost.dns) {
        lines.push(`  DNS (${cost.dns.mode}): ${cost.dns.recommendation}`);
    }
    lines.push(`  prices: offline/prices.ts (every line in --json names its source and read date)`);
    lines.push("");

    lines.push(`Policy pack ${doc.policies.pack}`);
    if (!doc.policies.ran) {
        lines.push(`  not run${doc.policies.note ? `: ${doc.policies.note}` : ""}`);
    } else {
        const v = doc.policies.violations;
        const mandatory = v.filter((x) => x.enforcementLevel === "mandatory").length;
        lines.push(`  ${doc.policies.policies.length} policies; ${v.length} violation(s), ${mandatory} mandatory`);
        const byPolicy = new Map<string, PolicyViolation[]>();
        for (const x of v) {
            byPolicy.set(x.policy, [...(byPolicy.get(x.policy) ?? []), x]);
        }
        for (const [p, list] of [...byPolicy.entries()].sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(`  [${list[0].enforcementLevel}] ${p} (${list.length})`);
            for (const x of list) {
                lines.push(`      ${x.urn ? x.urn.split("::").pop() : "(stack)"}: ${x.message.split("\n")[0]}`);
            }
        }
        if (doc.policies.preview) {
            const pm = doc.policies.preview.violations.filter((x) => x.enforcementLevel === "mandatory").length;
            lines.push(
                `  preview-time run (unknown ids and outputs): ${doc.policies.preview.violations.length} violation(s), ${pm} mandatory`,
            );
        }
        if (doc.policies.engineWouldStopEarly) {
            lines.push(
                "  note: the Pulumi engine stops at the first mandatory per-resource violation and skips stack policies; this plan ran them all",
            );
        }
        if (doc.policies.note) {
            lines.push(`  ${doc.policies.note}`);
        }
    }
    lines.push("");

    lines.push("Stack outputs");
    for (const line of JSON.stringify(doc.outputs, null, 2).split("\n").slice(1, -1)) {
        lines.push(line);
    }
    return `${lines.join("\n")}\n`;
}

/** Declared account id -> name (the network account marked), for the report's headings. */
function accountNames(config: PlanDocument["config"]): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, a] of Object.entries(config.accounts ?? {})) {
        out.set(a.id, name === config.networkAccount ? `${name}, the network account` : name);
    }
    return out;
}

/** The region / component / type lines of some resources, indented by `pad`. */
function byRegionLines(custom: readonly CapturedResource[], g: ResourceGraph, pad: string): string[] {
    const lines: string[] = [];
    const regions = [...new Set(custom.map((r) => r.region))].sort((a, b) =>
        a === "global" ? 1 : b === "global" ? -1 : a.localeCompare(b),
    );
    for (const region of regions) {
        const inRegion = custom.filter((r) => r.region === region);
        lines.push(`${pad}${region} (${inRegion.length})`);
        const comps = new Map<string, Map<string, number>>();
        for (const r of inRegion) {
            const c = componentOf(r, g);
            const m = comps.get(c) ?? new Map<string, number>();
            m.set(r.type, (m.get(r.type) ?? 0) + 1);
            comps.set(c, m);
        }
        for (const [c, types] of [...comps.entries()].sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(`${pad}  ${c}`);
            for (const [t, n] of [...types.entries()].sort(([a], [b]) => a.localeCompare(b))) {
                lines.push(`${pad}    ${String(n).padStart(3)}  ${t}`);
            }
        }
    }
    return lines;
}

/**
 * What each spoke's clients call (reachability.callers): one line per spoke and caller kind with the
 * Region called and every service's verdict, then each broken cell with the missing piece.
 */
function callerLines(cells: NonNullable<PlanDocument["reachability"]["callers"]>["cells"]): string[] {
    const open = cells.filter((c) => c.open).length;
    const out = [
        `Callers (what the spokes' clients call): ${open} of ${cells.length} cells open${open < cells.length ? `, ${cells.length - open} BROKEN` : ""}`,
    ];
    const groups = new Map<string, typeof cells>();
    for (const c of cells) {
        const k = `${c.spoke}|${c.caller}|${c.region}`;
        groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    for (const [k, list] of groups) {
        const [spoke, caller, region] = k.split("|");
        out.push(`  ${spoke} ${caller} -> ${region}: ${list.map((c) => `${c.service} ${c.open ? "ok" : "XX"}`).join(", ")}`);
    }
    for (const c of cells.filter((x) => !x.open)) {
        out.push(`  BROKEN ${c.spoke} (${c.caller}${c.intended ? "" : ", no endpoint configured"}) ${c.brokenAt ?? ""}`);
    }
    return out;
}
