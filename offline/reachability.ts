/**
 * Reachability over the captured resource graph, as the plan's `reachability` section: for every intended
 * path (each spoke to each hub interface endpoint, each consumer to the endpoint service, each pair of
 * spokes in a TGW segment), the packet is traced hop by hop — VPC route table, peering connection or
 * transit gateway, TGW route tables on both sides of a TGW peering, the destination subnet — and back,
 * then the security groups, DNS and acceptance are checked. A broken path names the hop that breaks it.
 * Where a path crosses the inspection VPC (network-model/inspection.ts) the inspection hop is listed per
 * direction, both directions must cross it, appliance mode must be on, every AZ of the attachment must
 * route to its own endpoint and back, and a more specific route that skips it is a bypass.
 *
 * This module only translates: plan graph -> neutral network model (network-model/from-plan.ts) -> the
 * one analyzer (network-model/analyze.ts) that `npm run verify` also runs on the live network, so the
 * plan's matrix and the live matrix mean exactly the same thing. The model is built by following property
 * dependencies and known inputs (CIDRs), never ids: the analysis holds for a preview, where ids of new
 * resources are unknown. Objects are named by their Pulumi names here (the model's display labels).
 */
import { analyzeModel, reachBetween } from "./network-model/analyze";
import { fromPlan } from "./network-model/from-plan";
import type { FlowInspection } from "./network-model/trace";
import { analyzeCallers, CallerCell } from "./network-model/callers";
import { CapturedResource } from "./types";

export interface PathVerdict {
    /** `spoke-to-endpoint`, `consumer-to-service`, `segment`. */
    readonly kind: string;
    readonly from: string;
    readonly to: string;
    readonly open: boolean;
    /** Hops of the forward path then the return path, human-readable. */
    readonly hops: readonly string[];
    /** When broken: which hop or check fails, and why. */
    readonly brokenAt?: string;
    /**
     * Only on a path that crosses centralised inspection: the inspection hop of each direction (which
     * inspection VPC and attachment, appliance mode, the AZ shown and its endpoint, every AZ checked) and
     * whether both directions cross the same inspection attachment.
     */
    readonly inspection?: FlowInspection;
}

/** One cell of the caller matrix (network-model/callers.ts), as the plan JSON carries it (no model keys). */
export type CallerVerdict = Omit<CallerCell, "brokenKey">;

export interface ReachabilityReport {
    readonly paths: readonly PathVerdict[];
    readonly open: number;
    readonly broken: number;
    /**
     * What each spoke's clients actually call (network-model/callers.ts): per spoke and per (service,
     * Region called), region-bound callers in the spoke's own Region and cross-region callers in the
     * hub's, each traced DNS -> endpoint -> routes -> security group -> dependencies. A broken cell that
     * is `intended` (the stack planned that call) fails the plan (exit 1: offline/cli.ts). Absent only in
     * documents from before it existed.
     */
    readonly callers?: {
        readonly cells: readonly CallerVerdict[];
        readonly open: number;
        readonly broken: number;
        readonly brokenIntended: number;
    };
}

/** Analyses every intended path of the landing zone. */
export function analyzeReachability(resources: readonly CapturedResource[]): ReachabilityReport {
    const model = fromPlan(resources);
    const r = analyzeModel(model);
    // Explicit field order: the plan JSON is compared byte for byte across changes; the model's
    // `brokenKey` is for live reports (it resolves to an AWS id) and stays out of the plan.
    const paths = r.paths.map((p): PathVerdict => ({
        kind: p.kind,
        from: p.from,
        to: p.to,
        open: p.open,
        hops: p.hops,
        ...(p.brokenAt ? { brokenAt: p.brokenAt } : {}),
        ...(p.inspection ? { inspection: p.inspection } : {}),
    }));
    const c = analyzeCallers(model);

    const cells = c.cells.map((x): CallerVerdict => ({
        spoke: x.spoke,
        caller: x.caller,
        region: x.region,
        service: x.service,
        open: x.open,
        intended: x.intended,
        dns: x.dns,
        ...(x.endpoint ? { endpoint: x.endpoint } : {}),
        hops: x.hops,
        dependencies: x.dependencies,
        ...(x.brokenAt ? { brokenAt: x.brokenAt } : {}),
    }));
    return { paths, open: r.open, broken: r.broken, callers: { cells, open: c.open, broken: c.broken, brokenIntended: c.brokenIntended } };
}

/**
 * Whether `from` (a subnet) can reach `to` (a subnet) and back, both by Pulumi name: used to prove
 * isolation, e.g. that spokes outside a segment do not reach each other.
 */
export function canReach(
    resources: readonly CapturedResource[],
    fromSubnet: string,
    toSubnet: string,
): { open: boolean; brokenAt?: string; hops: string[] } {
    const r = reachBetween(fromPlan(resources), fromSubnet, toSubnet);
    return { open: r.open, hops: r.hops, ...(r.brokenAt ? { brokenAt: r.brokenAt } : {}) };
}
