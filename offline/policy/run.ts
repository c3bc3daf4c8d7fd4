/**
 * One policy run: a real policy pack driven over its analyzer gRPC protocol, the way the Pulumi engine
 * drives it (checked against the sources of the 3.x line that @pulumi/pulumi 3.270 ships with), against
 * a captured resource graph. No Pulumi CLI, no cloud, no network beyond loopback.
 *
 * A mandatory `Analyze` violation fails the resource only in an update (`!DryRun`): the engine stops
 * there and `AnalyzeStack` never runs. In a preview every resource is still analyzed and `AnalyzeStack`
 * still runs; the preview fails at the end. This run does everything unless asked to stop, and says
 * whether the engine would have stopped.
 *
 * @module
 */
import * as net from "net";
import * as path from "path";
import { loadAnalyzerProto, runPolicyPackScript, AnalyzerProto } from "../sdk-internals";
import { CapturedResource, JsonObject, PolicyViolation } from "../types";
import { parsePolicyConfig, PolicyConfigEntry, PolicyConfigError, reconcilePolicyConfig } from "./config";
import { listenAsEngine, loadManifest, packEnvironment, PackProcess, PolicyPackError } from "./pack-process";
import { AnalyzerSession, PolicyRemediation, ResourceVerdict } from "./session";
import { AnalyzerChannel } from "./transport";

/** Options for {@link runPolicyPack}. */
export interface PolicyRunOptions {
    /** Absolute path to a policy pack directory (the one holding `PulumiPolicy.yaml`). */
    readonly packDir: string;
    readonly project: string;
    readonly stack: string;
    /** @default "" */
    readonly organization?: string;
    /** Preview (true) or update (false). Decides whether a mandatory `Analyze` violation stops the run. */
    readonly dryRun: boolean;
    /** The stack's config as the engine passes it (`PULUMI_CONFIG`): fully qualified key -> string value. */
    readonly stackConfig: Readonly<Record<string, string>>;
    /**
     * Per-policy config, in the format of the CLI's `--policy-pack-config` file:
     * `{ "<policy>": "mandatory" | { enforcementLevel?, ...properties }, "all": "advisory" }`.
     * Invalid entries, unknown policy names and values that fail a policy's `configSchema` throw a
     * {@link PolicyConfigError} naming the policy and property.
     * @default {} (every policy at its declared level, with its schema defaults)
     */
    readonly policyConfig?: Readonly<Record<string, unknown>>;
    /**
     * The captured resource graph, in registration order. A promise lets the pack start (load, handshake,
     * configure) while the graph is still being captured; if it rejects, the pack is stopped and the run
     * rejects with that error.
     */
    readonly resources: readonly CapturedResource[] | Promise<readonly CapturedResource[]>;
    /**
     * Behave like the engine and stop at the first mandatory `Analyze` violation, skipping `AnalyzeStack`.
     * Only an update stops (a preview never does). Otherwise run everything and report in
     * {@link PolicyRunResult.engineWouldStopEarly} whether the engine would have stopped.
     * @default false
     */
    readonly stopAtFirstMandatory?: boolean;
    /** Stack tags sent in `ConfigureStack` (visible to policies as `args.stackTags`). @default none */
    readonly stackTags?: Readonly<Record<string, string>>;
    /** How long the pack may take to print its port. @default 60_000 ms (a TypeScript pack type-checks first) */
    readonly startTimeoutMs?: number;
    /** Deadline of each RPC. @default 60_000 ms */
    readonly rpcTimeoutMs?: number;
}

/** A policy as the pack declares it, with the enforcement level in force after `Configure`. */
export interface PolicySummary {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: string;
}

/** The outcome of {@link runPolicyPack}. */
export interface PolicyRunResult {
    readonly packName: string;
    readonly packVersion: string;
    /** Policies from `GetAnalyzerInfo`, sorted by name, with the enforcement level `Configure` set. */
    readonly policies: readonly PolicySummary[];
    /** Sorted by policy, then URN, then message. */
    readonly violations: readonly PolicyViolation[];
    /** In graph order. Empty unless a policy runs at level "remediate". */
    readonly remediations: readonly PolicyRemediation[];
    /** An update (not a preview) with a mandatory `Analyze` violation: the engine would stop there. */
    readonly engineWouldStopEarly: boolean;
    /** This run stopped at the first mandatory `Analyze` violation (only with `stopAtFirstMandatory`). */
    readonly stoppedEarly: boolean;
    /** The RPCs made per resource: 2 (`Remediate`, `Analyze`) when a policy remediates, else 1. */
    readonly callsPerResource: 1 | 2;
    /** Process id the pack ran as (it has exited when the promise settles). */
    readonly packPid: number;
    /** Milliseconds: `start` = spawn to port printed and channel ready; `total` includes shutdown. */
    readonly timingsMs: { readonly start: number; readonly analyze: number; readonly analyzeStack: number; readonly total: number };
}

/**
 * Calls in flight during the per-resource phase. The engine analyzes resources as their steps are
 * generated, many at once. Measured at 4,500 resources: one at a time 7.6 s, 16 in flight 5.9 s,
 * 64 in flight 4.3 s, 256 no better. Results are gathered by index, so the outcome does not depend on timing.
 */
const CALLS_IN_FLIGHT = 64;

function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** The `resources` promise rejected: carries the caller's error through the pack's cleanup. */
class CaptureFailed {
    public constructor(public readonly cause: unknown) {}
}

/** Runs `analyze` over every resource with a window of calls in flight; stops starting calls on `stop()`. */
async function analyzeAll(
    resources: readonly CapturedResource[],
    window: number,
    analyze: (r: CapturedResource) => Promise<ResourceVerdict>,
    stopAfter: (v: ResourceVerdict) => boolean,
): Promise<{ verdicts: (ResourceVerdict | undefined)[]; stopped: boolean }> {
    const verdicts: (ResourceVerdict | undefined)[] = new Array(resources.length);
    let next = 0;
    let stopped = false;
    let failed = false;
    const worker = async (): Promise<void> => {
        while (next < resources.length && !stopped && !failed) {
            const i = next++;
            try {
                verdicts[i] = await analyze(resources[i]);
            } catch (e) {
                // The first failure ends the run: the other workers start no new calls.
                failed = true;
                throw e;
            }
            stopped = stopped || stopAfter(verdicts[i] as ResourceVerdict);
        }
    };
    await Promise.all(Array.from({ length: Math.min(window, resources.length) }, worker));
    return { verdicts, stopped };
}

/**
 * Runs a policy pack against a captured resource graph over the analyzer protocol, as `pulumi preview/up
 * --policy-pack <packDir>` would, and returns its verdicts. The pack process is always gone when the
 * returned promise settles, whether it resolves or rejects.
 *
 * @throws PolicyConfigError when `policyConfig` is invalid for the pack.
 * @throws PolicyPackError when the pack fails to start, crashes, or an analyzer call fails (message
 *   includes the pack's stderr).
 */
export async function runPolicyPack(opts: PolicyRunOptions): Promise<PolicyRunResult> {
    const t0 = Date.now();
    // Awaited only once the pack is configured; until then (and if this run fails before that) a
    // rejected capture must not surface as an unhandled rejection.
    const resourcesPromise = Promise.resolve(opts.resources);
    resourcesPromise.catch(() => undefined);
    if (!path.isAbsolute(opts.packDir)) {
        throw new Error(`packDir must be absolute, got "${opts.packDir}"`);
    }
    const packDir = path.resolve(opts.packDir);
    const userConfig = parsePolicyConfig({ ...(opts.policyConfig ?? {}) });
    const manifest = loadManifest(packDir);
    let runScript: string;
    let proto: AnalyzerProto;
    try {
        runScript = runPolicyPackScript(packDir);
        proto = loadAnalyzerProto(packDir);
    } catch (e) {
        throw new Error(
            `it looks like the policy pack's dependencies are not installed; try running npm install in "${packDir}" ` +
                `(${(e as Error).message.split("\n")[0]})`,
            { cause: e },
        );
    }
    const rpcTimeoutMs = opts.rpcTimeoutMs ?? 60_000;
    const engine = await listenAsEngine();
    const engineAddress = `127.0.0.1:${(engine.address() as net.AddressInfo).port}`;

    let pack: PackProcess | undefined;
    let channel: AnalyzerChannel | undefined;
    const killOnExit = (): void => pack?.kill();
    process.on("exit", killOnExit);
    let started = false;
    let failure: unknown;
    let result: PolicyRunResult | undefined;
    try {
        pack = new PackProcess(runScript, engineAddress, packDir, manifest, packEnvironment(opts));
        const port = await pack.port(opts.startTimeoutMs ?? 60_000);
        started = true;
        channel = await AnalyzerChannel.connect(`127.0.0.1:${port}`, rpcTimeoutMs);
        const tReady = Date.now();

        const session = new AnalyzerSession(proto, channel, rpcTimeoutMs);
        await session.handshakeAndConfigureStack(opts, packDir, engineAddress);
        const info = await session.analyzerInfo(manifest.version);
        let effective = new Map<string, PolicyConfigEntry>(
            info.policies.map((p) => [p.name, { enforcementLevel: p.enforcementLevel, properties: undefined }]),
        );
        if (info.supportsConfig) {
            effective = reconcilePolicyConfig(`${info.name} ${info.version}`, info.policies, info.initialConfig, userConfig);
            await session.configure(effective);
        } else if (userConfig.size > 0) {
            throw new PolicyConfigError([`policy pack "${info.name}" at "${packDir}" does not support config`]);
        } else {
            session.useLevels(info.policies.map((p) => p.enforcementLevel));
        }

        const resources = await resourcesPromise.catch((e: unknown) => {
            throw new CaptureFailed(e);
        });
        session.useResources(resources);
        const tAnalyze = Date.now();
        // Only an update stops: in a preview the engine reports every violation and runs AnalyzeStack.
        const stopsAtMandatory = opts.stopAtFirstMandatory === true && !opts.dryRun;
        const { verdicts, stopped } = await analyzeAll(
            resources,
            opts.stopAtFirstMandatory ? 1 : CALLS_IN_FLIGHT,
            (r) => session.analyzeResource(r),
            (v) => v.mandatory && stopsAtMandatory,
        );
        const violations: PolicyViolation[] = [];
        const remediations: PolicyRemediation[] = [];
        const remediatedInputs = new Map<string, JsonObject>();
        let mandatoryInAnalyze = false;
        resources.forEach((r, i) => {
            const verdict = verdicts[i];
            if (!verdict) {
                return;
            }
            violations.push(...verdict.violations);
            remediations.push(...verdict.remediations);
            if (verdict.remediatedInputs) {
                remediatedInputs.set(r.urn, verdict.remediatedInputs);
            }
            mandatoryInAnalyze = mandatoryInAnalyze || verdict.mandatory;
        });
        const tStack = Date.now();
        if (!stopped) {
            violations.push(...(await session.analyzeStack(resources, remediatedInputs)));
        }
        const tEnd = Date.now();

        violations.sort(
            (a, b) => compareStrings(a.policy, b.policy) || compareStrings(a.urn, b.urn) || compareStrings(a.message, b.message),
        );
        result = {
            packName: info.name,
            packVersion: info.version,
            policies: info.policies.map((p) => ({
                name: p.name,
                description: p.description,
                enforcementLevel: effective.get(p.name)?.enforcementLevel || p.enforcementLevel,
            })),
            violations,
            remediations,
            engineWouldStopEarly: mandatoryInAnalyze && !opts.dryRun,
            stoppedEarly: stopped,
            callsPerResource: session.callsRemediate ? 2 : 1,
            packPid: pack.pid,
            timingsMs: { start: tReady - t0, analyze: tStack - tAnalyze, analyzeStack: tEnd - tStack, total: 0 },
        };
    } catch (e) {
        failure = e;
    } finally {
        channel?.close();
        await pack?.stop();
        process.removeListener("exit", killOnExit);
        await new Promise<void>((resolve) => engine.close(() => resolve()));
    }
    if (failure !== undefined || result === undefined) {
        if (failure instanceof PolicyConfigError) {
            throw failure;
        }
        if (failure instanceof CaptureFailed) {
            // The caller's capture failed, not the pack: its error, as it was.
            throw failure.cause;
        }
        const message = failure instanceof Error ? failure.message : String(failure);
        // A pack that died mid-run shows up as a failed call; say that it exited, and how.
        const exit = started && pack?.exit && !pack.exit.signal ? ` (the pack ${pack.describeExit()})` : "";
        throw new PolicyPackError(`policy pack at "${packDir}": ${message}${exit}`, pack?.stderr ?? "");
    }
    return { ...result, timingsMs: { ...result.timingsMs, total: Date.now() - t0 } };
}
