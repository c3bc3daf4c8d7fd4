/**
 * Builds the offline plan document: runs the program under mocks, then (optionally) the policy pack.
 */
import { LandingZoneConfig } from "../components/config/schema";
import { runProgram } from "./program";
import { PlanDocument, summarise } from "./report";

export interface BuildPlanOptions {
    readonly project: string;
    readonly stack: string;
    /** Flat Pulumi config (full key -> text), passed to the program and the policy pack. */
    readonly flatConfig: Readonly<Record<string, string>>;
    /** The same config, validated. */
    readonly config: LandingZoneConfig;
    readonly runPolicies: boolean;
}

/** Type tokens of remote (plugin-implemented) components: opaque under mocks. */
const OPAQUE_PREFIXES = ["awsx:"];

export async function buildPlan(opts: BuildPlanOptions): Promise<PlanDocument> {
    const run = await runProgram({ project: opts.project, stack: opts.stack, config: opts.flatConfig, accountId: opts.config.accountId });
    const notVerifiableOffline = run.resources
        .filter((r) => OPAQUE_PREFIXES.some((p) => r.type.startsWith(p)))
        .map((r) => ({ urn: r.urn, reason: "awsx components are implemented in a plugin: under mocks they register one opaque resource with no children" }));
    return {
        project: opts.project,
        stack: opts.stack,
        config: opts.config,
        resources: run.resources,
        outputs: run.outputs,
        policies: { pack: "landing-zone", ran: false, policies: [], violations: [], engineWouldStopEarly: false, note: opts.runPolicies ? "policy harness not wired yet" : "skipped (--no-policy)" },
        summary: summarise(run.resources),
        notVerifiableOffline,
    };
}
