/**
 * The change-safety check: compares a new offline plan with an earlier one and says what `pulumi up`
 * from the earlier state would do to each resource (create, delete, replace, update) and which steps AWS
 * would refuse or that would silently break.
 *
 * How the engine orders an update (and what this models): resources are created, updated and
 * replaced-by-creating-first in dependency order; deletions — of removed resources and of the old copies
 * of replacements — come last (pulumi/pulumi#9979; `deleteBeforeReplace` option docs). A replacement
 * with `deleteBeforeReplace` deletes the old copy just before creating the new one.
 *
 * Identity across the plans: the URN, or an `aliases` URN of the new resource (including those it
 * inherits from a renamed parent, as the engine does). Replace vs update: an input in
 * replace-table.ts changes, the resource's `replaceOnChanges` matches, its region changes, its provider
 * is replaced, or it takes a force-new input from a resource that is itself replaced (the engine sees
 * that input as unknown and the provider plans a replacement) — computed to a fixed point.
 *
 * A resource that only switches provider (another provider resource, or the same one with a changed
 * config) is NOT replaced: the engine asks the provider's DiffConfig whether the change replaces the
 * resources (for explicit providers too since pulumi/pulumi#18509) and @pulumi/aws 7 names no replace
 * key (region stopped being one in pulumi/pulumi-aws#5656; assumeRoles and allowedAccountIds never
 * were). So a resource whose account changes is left where it is, with its state pointing at the new
 * provider (pulumi/pulumi-aws#6385): an error finding (`account-change-not-applied`), not a replacement.
 * A changed region does replace regional resources: @pulumi/aws 7 gives each one a force-new `region`
 * argument filled from the provider (pulumi-aws#6385 reports the move to a new region as create +
 * delete), which the plan records as the resource's `region`. Ids in the two plans are the mocks'
 * deterministic ids (offline/mocks.ts): an input holding another resource's id or output is compared as
 * a reference to that resource's identity, not as text, so a renamed-with-alias resource does not look
 * changed through its dependents.
 *
 * Pure: no Pulumi import.
 */
import { CapturedResource, ChangeAction, ChangeFinding, ChangeReport, JsonValue, ResourceChange } from "../types";
import { checkKeys } from "./key-findings";
import { matchIdentities, Pair } from "./identity";
import { NO_OP_DELETE, omittedInputRule } from "./not-applied";
import { PlanLike } from "./plan-like";
import { readableUrn } from "./readable";
import { REPLACE_TABLE, ruleForcesReplacement, STATEFUL_TYPES } from "./replace-table";
import { makeSide, normalise } from "./side";

export { comparablePlan, SinceFileError } from "./plan-like";
export type { PlanLike } from "./plan-like";
export { readableUrn } from "./readable";

function topLevel(path: string): string {
    return path.split(/[.[]/)[0];
}

interface Decision {
    action: "same" | "update" | "replace";
    changed: string[];
    reasons: string[];
    /** URNs (new plan) of replaced resources this one takes a changed value from. */
    causes: string[];
    /** Optional + Computed inputs the new plan omits: the provider applies nothing (not-applied.ts). */
    omitted: string[];
}

export function checkChanges(before: PlanLike, after: PlanLike, file: string): ChangeReport {
    const findings: ChangeFinding[] = [];

    // 1. Identity: URN, else an alias that names a resource of the old plan.
    const { newToOld, claimedBy, identityNew, pairs } = matchIdentities(before, after, findings);

    // 2. Replace vs update, to a fixed point (a replacement makes its dependents' inputs unknown).
    const replaced = new Set<string>();
    const oldSide = makeSide(
        before.resources,
        (u) => u,
        () => false,
    );
    const newSide = makeSide(after.resources, identityNew, (u) => replaced.has(u));
    const unknownTypes = new Set<string>();
    const decisions = new Map<string, Decision>();
    const decide = (p: Pair): Decision => {
        const { before: o, after: n } = p;
        const changed: string[] = [];
        const reasons: string[] = [];
        const causes: string[] = [];
        const omitted: string[] = [];
        const entry = REPLACE_TABLE[n.type];
        const ignored = new Set(n.ignoreChanges.map(topLevel));
        const props = [...new Set([...Object.keys(o.inputs), ...Object.keys(n.inputs)])].sort();
        let replace = false;
        for (const prop of props) {
            if (ignored.has(prop)) {
                continue;
            }
            if (n.inputs[prop] === undefined && o.inputs[prop] !== undefined && omittedInputRule(n.type, prop)) {
                // Optional + Computed: no diff, nothing sent; reported below instead of an update.
                omitted.push(prop);
                continue;
            }
            const a = o.inputs[prop] === undefined ? undefined : normalise(oldSide, o, prop, o.inputs[prop]);
            const b = n.inputs[prop] === undefined ? undefined : normalise(newSide, n, prop, n.inputs[prop]);
            const replacedDeps = (n.propertyDependencies[prop] ?? []).filter((d) => replaced.has(d));
            const differs = JSON.stringify(a) !== JSON.stringify(b);
            if (!differs && replacedDeps.length === 0) {
                continue;
            }
            changed.push(prop);
            causes.push(...replacedDeps);
            const rule = entry?.replaceOn.find((x) => x.input === prop);
            // A value taken from a replaced resource is unknown at preview: the provider plans a
            // replacement for any force-new input it feeds, whatever the rule's condition.
            const forces =
                (rule !== undefined && (replacedDeps.length > 0 || ruleForcesReplacement(rule, a, b))) ||
                (n.replaceOnChanges ?? []).some((x) => x === "*" || topLevel(x) === prop);
            if (forces) {
                replace = true;
                reasons.push(
                    replacedDeps.length > 0 && !differs
                        ? `${prop} (from replaced ${replacedDeps.map(readableUrn).join(", ")})`
                        : `${prop} forces replacement`,
                );
            } else if (!entry && n.custom) {
                replace = true;
                unknownTypes.add(n.type);
                reasons.push(`${prop} (type not in the replacement table: assumed to force replacement)`);
            }
        }
        // A provider switch alone replaces nothing (header): only the region it carries does, for
        // regional resources (global ones are recorded with region "global" on both sides).
        if (!isProvider(n.type) && o.region !== "" && n.region !== "" && o.region !== n.region) {
            replace = true;
            reasons.push(`region changes (${o.region} -> ${n.region})`);
        } else if (n.provider && replaced.has(n.provider)) {
            replace = true;
            causes.push(n.provider);
            reasons.push(`its provider ${readableUrn(n.provider)} is replaced`);
        }
        return {
            action: replace ? "replace" : changed.length > 0 ? "update" : "same",
            changed,
            reasons,
            causes: [...new Set(causes)],
            omitted,
        };
    };
    for (let pass = 0; pass < 1000; pass++) {
        let grew = false;
        for (const [urn, p] of pairs) {
            const d = decide(p);
            decisions.set(urn, d);
            if (d.action === "replace" && !replaced.has(urn)) {
                replaced.add(urn);
                grew = true;
            }
        }
        if (!grew) {
            break;
        }
    }

    // 3. Actions.
    const changes: ResourceChange[] = [];
    const actionOf = new Map<string, ChangeAction | "same">();
    const summary = { create: 0, delete: 0, replace: 0, update: 0, same: 0 };
    for (const n of after.resources) {
        const d = decisions.get(n.urn);
        const action: ChangeAction | "same" = d ? d.action : "create";
        actionOf.set(n.urn, action);
        if (!n.custom) {
            continue;
        }
        summary[action] += 1;
        if (action === "same") {
            continue;
        }
        const oldUrn = newToOld.get(n.urn);
        changes.push({
            urn: n.urn,
            ...(oldUrn !== undefined && oldUrn !== n.urn ? { oldUrn } : {}),
            type: n.type,
            action,
            ...(d && d.changed.length > 0 ? { changedInputs: d.changed } : {}),
            ...(d && action === "replace" ? { replaceReasons: d.reasons } : {}),
            ...(action === "replace" && n.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
        });
    }
    const deleted = before.resources.filter((o) => !claimedBy.has(o.urn));
    for (const o of deleted) {
        if (o.custom) {
            summary.delete += 1;
            changes.push({ urn: o.urn, type: o.type, action: "delete" });
        }
    }
    changes.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));

    // 4. Uniqueness keys.
    checkKeys(before, after, oldSide, newSide, newToOld, claimedBy, actionOf, findings);

    // 5. Protected and stateful resources, with their blast radius.
    const dependents = new Map<string, string[]>();
    for (const [urn, d] of decisions) {
        for (const c of d.causes) {
            dependents.set(c, [...(dependents.get(c) ?? []), urn]);
        }
    }
    const blast = (urn: string) => {
        const seen = new Set<string>();
        const queue = [...(dependents.get(urn) ?? [])];
        while (queue.length > 0) {
            const u = queue.shift() as string;
            if (seen.has(u)) {
                continue;
            }
            seen.add(u);
            queue.push(...(dependents.get(u) ?? []));
        }
        return [...seen]
            .filter((u) => newSide.byUrn.get(u)?.custom)
            .sort()
            .map((u) => ({ urn: u, action: actionOf.get(u) as ChangeAction }));
    };
    for (const [urn, p] of pairs) {
        if (actionOf.get(urn) !== "replace") {
            continue;
        }
        const radius = blast(urn);
        if (p.before.protect) {
            findings.push({
                severity: "error",
                kind: "protected",
                newUrn: urn,
                oldUrn: p.before.urn,
                message: `${readableUrn(urn)} is protected and would be replaced (${decisions.get(urn)?.reasons.join("; ")}): the engine refuses to delete a protected resource and the update fails`,
                fix: "undo the edit that forces the replacement, or make it a two-step change: unprotect first (protect: false, pulumi up), then apply it",
                ...(radius.length > 0 ? { blastRadius: radius } : {}),
            });
        } else if (STATEFUL_TYPES.has(p.after.type)) {
            findings.push({
                severity: "warning",
                kind: "stateful-replacement",
                newUrn: urn,
                oldUrn: p.before.urn,
                message: `${readableUrn(urn)} is replaced (${decisions.get(urn)?.reasons.join("; ")}): a new one is created and the old one deleted, with everything running in or through it; ${radius.length} dependent resource(s) are replaced or re-pointed with it`,
                fix: "if this is not intended, undo the edit that forces it; if it is, migrate in two steps (a new resource beside the old one, move, then remove the old one)",
                ...(radius.length > 0 ? { blastRadius: radius } : {}),
            });
        }
    }
    for (const o of deleted) {
        if (o.custom && o.protect) {
            findings.push({
                severity: "error",
                kind: "protected",
                oldUrn: o.urn,
                message: `${readableUrn(o.urn)} is protected and would be deleted: the engine refuses and the update fails`,
                fix: "keep it in the program (or alias its new URN to it), or unprotect it in a first update before removing it",
            });
        }
    }
    // 6. What the provider does not apply: omitted Optional + Computed inputs, no-op deletes.
    for (const [urn, d] of decisions) {
        const p = pairs.get(urn) as Pair;
        for (const prop of d.omitted) {
            const rule = omittedInputRule(p.after.type, prop);
            if (!rule) {
                continue;
            }
            findings.push({
                severity: rule.severity,
                kind: "omitted-computed-input",
                newUrn: urn,
                oldUrn: p.before.urn,
                message: `${readableUrn(urn)} omits ${prop} (was ${JSON.stringify(p.before.inputs[prop])}): it is Optional + Computed in the provider, so omitting it plans no diff and sends nothing — ${rule.stays}`,
                fix: rule.fix,
            });
        }
    }
    for (const o of deleted) {
        const entry = NO_OP_DELETE[o.type];
        if (!o.custom || !entry || !entry.leavesSetting(o)) {
            continue;
        }
        const ownerOld = (o.propertyDependencies[entry.ownerInput] ?? [])[0];
        const ownerNew = ownerOld === undefined ? undefined : claimedBy.get(ownerOld);
        if (ownerOld !== undefined && (ownerNew === undefined || actionOf.get(ownerNew) === "replace")) {
            continue; // the object that kept the setting goes too
        }
        findings.push({
            severity: "error",
            kind: "no-op-delete",
            ...(ownerNew !== undefined ? { newUrn: ownerNew } : {}),
            oldUrn: o.urn,
            message: `${readableUrn(o.urn)} is deleted, but the provider's delete is a no-op: ${entry.stays}`,
            fix: entry.fix,
        });
    }
    // 7. A region removed from a service's supportedRegions while a consumer endpoint in that region is
    // deleted in the same update: the update (ModifyVpcEndpointServiceConfiguration with
    // RemoveSupportedRegions) runs first, the endpoint's delete last (pulumi/pulumi#9979). AWS does not
    // document whether it refuses to remove a region with a live connection from it ("Configure an
    // endpoint service: modify the supported Regions"), so this is a warning with the order that is
    // safe either way.
    for (const [urn, p] of pairs) {
        if (p.after.type !== SERVICE_TYPE || actionOf.get(urn) !== "update") {
            continue;
        }
        const kept = new Set(asStrings(p.after.inputs.supportedRegions));
        const removed = asStrings(p.before.inputs.supportedRegions).filter((r) => !kept.has(r));
        for (const e of deleted) {
            if (
                e.type === ENDPOINT_TYPE &&
                removed.includes(e.region) &&
                Object.values(e.propertyDependencies).some((deps) => deps.includes(p.before.urn))
            ) {
                findings.push({
                    severity: "warning",
                    kind: "region-removed-before-consumer",
                    newUrn: urn,
                    oldUrn: e.urn,
                    message: `${readableUrn(urn)} removes ${e.region} from supportedRegions before ${readableUrn(e.urn)} (a consumer in ${e.region}) is deleted: updates run before deletes, and whether AWS refuses to remove a region with a live connection is not documented`,
                    fix: `if the update fails, delete the consumer first: pulumi destroy --target '${e.urn}', then pulumi up`,
                });
            }
        }
    }
    // 8. A resource whose account changes without being replaced: `pulumi up` does not move it (header).
    const oldAccounts = accountsOf(before);
    const newAccounts = accountsOf(after);
    const moves = new Map<string, { from: string; to: string; urns: string[]; oldUrns: string[] }>();
    for (const [urn, p] of pairs) {
        const from = oldAccounts(p.before);
        const to = newAccounts(p.after);
        if (!p.after.custom || isProvider(p.after.type) || from === undefined || to === undefined || from === to) {
            continue;
        }
        if (actionOf.get(urn) === "replace") {
            continue; // the new provider creates the copy; the old copy is deleted through the old provider in the state
        }
        const key = `${from}->${to}`;
        const m = moves.get(key) ?? { from, to, urns: [], oldUrns: [] };
        m.urns.push(urn);
        m.oldUrns.push(p.before.urn);
        moves.set(key, m);
    }
    for (const m of moves.values()) {
        const urns = [...m.urns].sort();
        findings.push({
            severity: "error",
            kind: "account-change-not-applied",
            newUrn: urns[0],
            oldUrn: [...m.oldUrns].sort()[0],
            message: `${urns.length} resource(s) move from account ${m.from} to account ${m.to} in the plan (${readableUrn(urns[0])}${urns.length > 1 ? ", …" : ""}), but pulumi up does not move them: the engine asks the provider's DiffConfig whether the provider change replaces them (pulumi/pulumi#18509) and @pulumi/aws 7 says no for assumeRoles/allowedAccountIds, so each AWS object stays in ${m.from} while the state records the ${m.to} provider (pulumi/pulumi-aws#6385); later updates and deletes then look for it in ${m.to}`,
            fix: `move them in two updates: remove them from the program (e.g. the spoke; pulumi up deletes them in ${m.from}), then add them back under the new account (pulumi up creates them in ${m.to}) — README, Multi-account: moving a spoke to another account`,
            // Each is an update of its state only (the provider reference is rewritten), whatever its inputs do.
            blastRadius: urns.map((u) => ({ urn: u, action: "update" as const })),
        });
    }
    for (const t of [...unknownTypes].sort()) {
        findings.push({
            severity: "warning",
            kind: "unknown-type",
            message: `${t} is not in offline/changes/replace-table.ts: every changed input was assumed to force replacement`,
            fix: "add the type's force-new inputs to offline/changes/replace-table.ts, with their source",
        });
    }

    const order = { error: 0, warning: 1 };
    findings.sort(
        (a, b) =>
            order[a.severity] - order[b.severity] ||
            a.kind.localeCompare(b.kind) ||
            (a.newUrn ?? a.oldUrn ?? "").localeCompare(b.newUrn ?? b.oldUrn ?? ""),
    );
    return {
        since: { file, project: before.project, stack: before.stack, resourceCount: before.resources.filter((r) => r.custom).length },
        safe: !findings.some((f) => f.severity === "error"),
        summary,
        resources: changes,
        findings,
    };
}

const SERVICE_TYPE = "aws:ec2/vpcEndpointService:VpcEndpointService";
const ENDPOINT_TYPE = "aws:ec2/vpcEndpoint:VpcEndpoint";

function isProvider(type: string): boolean {
    return type.startsWith("pulumi:providers:");
}

/**
 * The account a resource lives in: the plan's `account` field, else (plans written before it existed)
 * the first `allowedAccountIds` entry of its provider; undefined when neither says.
 */
function accountsOf(p: PlanLike): (r: CapturedResource) => string | undefined {
    const byUrn = new Map(p.resources.map((r) => [r.urn, r]));
    return (r) => {
        if (typeof r.account === "string" && r.account !== "") {
            return r.account;
        }
        const raw = byUrn.get(r.provider)?.inputs.allowedAccountIds;
        let ids: JsonValue | undefined = raw;
        if (typeof raw === "string") {
            try {
                ids = JSON.parse(raw) as JsonValue;
            } catch {
                ids = undefined;
            }
        }
        const first = asStrings(ids)[0];
        return first === undefined || first === "" ? undefined : first;
    };
}

function asStrings(v: JsonValue | undefined): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
