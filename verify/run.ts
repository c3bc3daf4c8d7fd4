/**
 * verify as a library: read the live network of a stack, analyse it with the same analyzer as the plan,
 * compare it with the plan's model, and say whether every intended path is open and nothing drifted.
 */
import * as sts from "@aws-sdk/client-sts";
import { analyzeModel, inferRoles, matrixOf, ModelPathVerdict } from "../offline/network-model/analyze";
import { analyzeCallers, CallerCell } from "../offline/network-model/callers";
import { fromPlan } from "../offline/network-model/from-plan";
import { NetworkModel } from "../offline/network-model/types";
import { CapturedResource, JsonObject } from "../offline/types";
import { CallRecord, VerifyClients } from "./clients";
import { DriftFinding, findDrift } from "./drift";
import { readLive, LiveScope } from "./read-live";
import { configKeyFor, scopeFromOutputs, scopeFromTags } from "./scope";

/** The parts of a plan document verify needs (`npm start -- --json FILE`). */
export interface PlanInput {
    readonly stack: string;
    readonly resources: readonly CapturedResource[];
    /** The validated config section (spoke names map objects to `landing-zone:spokes[i]`). */
    readonly config?: JsonObject;
}

export interface VerifyOptions {
    readonly plan: PlanInput;
    /** `pulumi stack output --json` of the stack; without it the stack is found by tags. */
    readonly outputs?: unknown;
    /** AWS-compatible endpoint (`--endpoint-url`). */
    readonly endpoint?: string;
    /** Region of the credential check (STS). @default the hub's region from the plan */
    readonly region?: string;
}

/** A path of the live matrix; a broken one names the object that breaks it. */
export interface LivePath extends ModelPathVerdict {
    readonly brokenObject?: { readonly key: string; readonly awsId: string; readonly region: string; readonly urn: string };
}

export interface VerifyResult {
    readonly stack: string;
    readonly account?: string;
    readonly endpoint?: string;
    readonly regions: readonly string[];
    readonly paths: readonly LivePath[];
    /** Paths whose verdict differs between the plan's model and the live one. */
    readonly disagreements: readonly string[];
    /**
     * The caller matrix on the live model (offline/network-model/callers.ts), as the plan's
     * reachability.callers: reported, it does not decide `ok`. Route 53 Profiles are not read live yet
     * (no route53profiles client here), so in `dns.mode: profiles` its DNS hops read as unassociated.
     */
    readonly callers: readonly CallerCell[];
    readonly drift: readonly DriftFinding[];
    readonly calls: { readonly total: number; readonly byAction: Readonly<Record<string, number>>; readonly list: readonly CallRecord[] };
    readonly timings: { readonly readMs: number; readonly totalMs: number };
    /** Every path open and no drift: exit 0. */
    readonly ok: boolean;
    readonly live: NetworkModel;
}

export async function verifyStack(opts: VerifyOptions): Promise<VerifyResult> {
    const started = Date.now();
    const clients = new VerifyClients(opts.endpoint ? { endpoint: opts.endpoint } : {});
    try {
        const planModel = fromPlan(opts.plan.resources);
        const roles = inferRoles(planModel);
        const hubRegion = planModel.vpcs.find((v) => roles.get(v.key) === "hub")?.region ?? planModel.vpcs[0]?.region ?? "us-east-1";
        const who = await clients.send<sts.GetCallerIdentityCommandOutput>(
            "sts",
            opts.region ?? hubRegion,
            new sts.GetCallerIdentityCommand({}),
        );
        const scope: LiveScope =
            opts.outputs !== undefined ? scopeFromOutputs(opts.outputs, "--outputs") : await scopeFromTags(clients, opts.plan.resources);
        const readStart = Date.now();
        const live = await readLive(clients, scope);
        const readMs = Date.now() - readStart;

        const spokes = Array.isArray(opts.plan.config?.spokes)
            ? opts.plan.config.spokes.map((s) => String((s as JsonObject).name ?? ""))
            : [];
        const configKeyOf = configKeyFor(spokes);
        const drift = findDrift(planModel, live, configKeyOf);
        const liveIx = new Map<string, { id: string; region: string }>();
        for (const list of Object.values(live)) {
            if (Array.isArray(list)) {
                for (const o of list as { key: string; id: string; region: string }[]) {
                    liveIx.set(o.key, o);
                }
            }
        }
        const planUrn = new Map<string, string>();
        for (const list of Object.values(planModel)) {
            if (Array.isArray(list)) {
                for (const o of list as { key: string; urn?: string }[]) {
                    planUrn.set(o.key, o.urn ?? "");
                }
            }
        }
        const liveReach = analyzeModel(live);
        const paths: LivePath[] = liveReach.paths.map((p) =>
            p.brokenKey
                ? {
                      ...p,
                      brokenObject: {
                          key: p.brokenKey,
                          awsId: liveIx.get(p.brokenKey)?.id ?? "",
                          region: liveIx.get(p.brokenKey)?.region ?? "",
                          urn: planUrn.get(p.brokenKey) ?? "",
                      },
                  }
                : p,
        );
        const planMatrix = new Set(matrixOf(analyzeModel(planModel)));
        const liveMatrix = new Set(matrixOf(liveReach));
        const disagreements = [
            ...[...planMatrix].filter((x) => !liveMatrix.has(x)).map((x) => `plan: ${x}`),
            ...[...liveMatrix].filter((x) => !planMatrix.has(x)).map((x) => `live: ${x}`),
        ];
        const byAction: Record<string, number> = {};
        for (const c of clients.calls) {
            const k = `${c.service}:${c.action}`;
            byAction[k] = (byAction[k] ?? 0) + 1;
        }
        return {
            stack: opts.plan.stack,
            ...(who.Account ? { account: who.Account } : {}),
            ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
            regions: [...scope.vpcIds.keys()].sort(),
            paths,
            disagreements,
            callers: analyzeCallers(live).cells,
            drift,
            calls: { total: clients.calls.length, byAction, list: [...clients.calls] },
            timings: { readMs, totalMs: Date.now() - started },
            ok: liveReach.broken === 0 && drift.length === 0,
            live,
        };
    } finally {
        clients.destroy();
    }
}
