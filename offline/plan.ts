/**
 * Builds the offline plan document: runs the program under mocks, then the real policy pack twice —
 * against the update-time graph and against a preview-time graph in which ids and computed outputs of
 * new resources are unknown (a second program run with preview mocks, not a rewrite of the first).
 */
import * as fs from "fs";
import * as path from "path";
import { LandingZoneConfig, TrafficAssumptions } from "../components/config/schema";
import { PolicyRunResult, runPolicyPack } from "./analyzer";
import { estimateCost } from "./cost";
import { buildPack } from "./pack-build";
import { ProgramRunResult, runProgram } from "./program";
import { PROJECT_ROOT } from "./root";
import { CapturedResource } from "./types";
import { analyzeReachability } from "./reachability";
import { PlanDocument, summarise } from "./report";

export const POLICY_PACK_DIR = path.resolve(PROJECT_ROOT, "policy-pack");

export interface BuildPlanOptions {
    readonly project: string;
    readonly stack: string;
    /** Flat Pulumi config (full key -> text), passed to the program and the policy pack. */
    readonly flatConfig: Readonly<Record<string, string>>;
    /** The same config, validated. */
    readonly config: LandingZoneConfig;
    /** Traffic assumptions of the cost estimate (`landing-zone:traffic`, validated with validateTraffic). */
    readonly traffic: TrafficAssumptions;
    readonly runPolicies: boolean;
    /** Policy pack config (the CLI's --policy-pack-config document). */
    readonly policyConfig?: Record<string, unknown>;
    /** Policy pack directory. @default POLICY_PACK_DIR */
    readonly packDir?: string;
}

/** Two pack processes, one per capture, in parallel: the update pass and the preview pass. */
function startPasses(
    opts: BuildPlanOptions,
    update: Promise<readonly CapturedResource[]>,
    preview: Promise<readonly CapturedResource[]>,
): [Promise<PolicyRunResult>, Promise<PolicyRunResult>] {
    const packDir = opts.packDir ?? POLICY_PACK_DIR;
    if (!fs.existsSync(path.join(packDir, "node_modules", "@pulumi", "policy"))) {
        throw new Error(
            `the policy pack's dependencies are not installed: run "npm ci --prefix ${path.relative(process.cwd(), packDir) || packDir}" (or npm ci at the root)`,
        );
    }
    const common = {
        // A transpiled copy: the pack starts in ~1 s instead of being type-checked at each launch.
        packDir: buildPack(packDir),
        project: opts.project,
        stack: opts.stack,
        stackConfig: { ...opts.flatConfig },
        ...(opts.policyConfig ? { policyConfig: opts.policyConfig } : {}),
    };
    return [runPolicyPack({ ...common, dryRun: false, resources: update }), runPolicyPack({ ...common, dryRun: true, resources: preview })];
}

interface Deferred<T> {
    readonly promise: Promise<T>;
    resolve(value: T): void;
    reject(reason: unknown): void;
}

function deferred<T>(): Deferred<T> {
    let resolve!: (value: T) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

/** Type tokens of remote (plugin-implemented) components: opaque under mocks. */
const OPAQUE_PREFIXES = ["awsx:"];

export interface PlanTimings {
    readonly programMs: number;
    readonly policyMs: number;
}

export async function buildPlan(opts: BuildPlanOptions): Promise<PlanDocument & { timings: PlanTimings }> {
    const t0 = Date.now();
    const programOpts = {
        project: opts.project,
        stack: opts.stack,
        config: { ...opts.flatConfig },
        ...(opts.config.accountId ? { accountId: opts.config.accountId } : {}),
    };
    // Both pack processes start now and each analyzes its graph as soon as its capture hands it over:
    // the update pass runs during the preview capture (its client is light; the pack works on the other
    // core). Measured at 100 spokes, three interleaved pairs: 17.1-18.9 s -> 16.9-17.2 s.
    const captures = { update: deferred<readonly CapturedResource[]>(), preview: deferred<readonly CapturedResource[]>() };
    // Their consumers (the passes) attach handlers only once their packs are configured.
    captures.update.promise.catch(() => undefined);
    captures.preview.promise.catch(() => undefined);
    const passes = opts.runPolicies ? startPasses(opts, captures.update.promise, captures.preview.promise) : [];
    // Settled below; never an unhandled rejection while the captures run.
    passes.forEach((p) => p.catch(() => undefined));
    let run: ProgramRunResult;
    let preview: ProgramRunResult | undefined;
    try {
        run = await runProgram(programOpts);
        captures.update.resolve(run.resources);
        // The preview capture: a second run under preview mocks, where ids and computed outputs are unknown.
        preview = opts.runPolicies ? await runProgram({ ...programOpts, preview: true }) : undefined;
    } catch (e) {
        // Stop the packs (a pass still waiting rejects with this same error; one already running
        // finishes), then report the capture's failure.
        captures.update.reject(e);
        captures.preview.reject(e);
        await Promise.allSettled(passes);
        throw e;
    }
    captures.preview.resolve(preview?.resources ?? []);
    const t1 = Date.now();
    const notVerifiableOffline = run.resources
        .filter((r) => OPAQUE_PREFIXES.some((p) => r.type.startsWith(p)))
        .map((r) => ({
            urn: r.urn,
            reason: "awsx components are implemented in a plugin: under mocks they register one opaque resource with no children",
        }));

    let policies: PlanDocument["policies"] = {
        pack: "landing-zone",
        ran: false,
        policies: [],
        violations: [],
        engineWouldStopEarly: false,
        note: "skipped (--no-policy)",
    };
    if (passes.length === 2) {
        // Both settle before either outcome counts: no pack is left running when this returns or throws.
        const [updateOutcome, previewOutcome] = await Promise.allSettled(passes);
        if (updateOutcome.status === "rejected") {
            throw updateOutcome.reason;
        }
        if (previewOutcome.status === "rejected") {
            throw previewOutcome.reason;
        }
        const [update, prev] = [updateOutcome.value, previewOutcome.value];
        policies = {
            pack: `${update.packName}@${update.packVersion}`,
            ran: true,
            policies: update.policies.map((p) => ({ name: p.name, enforcementLevel: p.enforcementLevel })),
            violations: update.violations,
            engineWouldStopEarly: update.engineWouldStopEarly,
            preview: { violations: prev.violations },
        };
    }
    const t2 = Date.now();

    return {
        project: opts.project,
        stack: opts.stack,
        config: opts.config,
        resources: run.resources,
        outputs: run.outputs,
        policies,
        reachability: analyzeReachability(run.resources),
        cost: estimateCost(run.resources, opts.config, opts.traffic),
        summary: summarise(run.resources),
        notVerifiableOffline,
        // programMs: both captures (the packs starting and the update pass running meanwhile); policyMs:
        // the rest of both pack runs.
        timings: { programMs: t1 - t0, policyMs: t2 - t1 },
    };
}
