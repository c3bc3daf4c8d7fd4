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
 * replace-table.ts changes, the resource's `replaceOnChanges` matches, its provider is replaced, or it
 * takes a force-new input from a resource that is itself replaced (the engine sees that input as unknown
 * and the provider plans a replacement) — computed to a fixed point. Ids in the two plans are the mocks'
 * deterministic ids (offline/mocks.ts): an input holding another resource's id or output is compared as
 * a reference to that resource's identity, not as text, so a renamed-with-alias resource does not look
 * changed through its dependents.
 *
 * Pure: no Pulumi import.
 */
import { ChangeAction, ChangeFinding, ChangeReport, CapturedResource, JsonObject, JsonValue, ResourceChange } from "../types";
import { KeyKind, keysOf, OwnedKey, SELF } from "./keys";
import { mockUrn } from "./options";
import { NO_OP_DELETE, omittedInputRule } from "./not-applied";
import { REPLACE_TABLE, ruleForcesReplacement, STATEFUL_TYPES } from "./replace-table";

/** The part of a plan document the check reads (the `--json` document, or a capture in tests). */
export interface PlanLike {
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly CapturedResource[];
}

/** Where a resolved reference points: the identity (old URN, or new URN for a created resource). */
interface Side {
    readonly byUrn: ReadonlyMap<string, CapturedResource>;
    /** id -> URN, for inputs without property dependencies (hand-written plans). */
    readonly byId: ReadonlyMap<string, string>;
    /** URN -> (string output value -> output path). */
    readonly outputIndex: Map<string, Map<string, string>>;
    identity(urn: string): string;
    /** True when the physical object behind `urn` is new in this plan (a replacement). */
    fresh(urn: string): boolean;
}

function flattenOutputs(r: CapturedResource): Map<string, string> {
    const out = new Map<string, string>();
    if (r.id) {
        out.set(r.id, "id");
    }
    const walk = (v: JsonValue, path: string, depth: number) => {
        if (typeof v === "string") {
            if (v.length >= 6 && !out.has(v)) {
                out.set(v, path);
            }
        } else if (Array.isArray(v) && depth < 4) {
            v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
        } else if (v !== null && typeof v === "object" && depth < 4) {
            for (const [k, x] of Object.entries(v)) {
                walk(x, path ? `${path}.${k}` : k, depth + 1);
            }
        }
    };
    walk(r.outputs, "", 0);
    return out;
}

function makeSide(resources: readonly CapturedResource[], identity: (urn: string) => string, fresh: (urn: string) => boolean): Side {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const byId = new Map<string, string>();
    for (const r of resources) {
        if (r.custom && r.id) {
            byId.set(r.id, r.urn);
        }
    }
    return { byUrn, byId, outputIndex: new Map(), identity, fresh };
}

function outputsOf(side: Side, urn: string): Map<string, string> {
    let m = side.outputIndex.get(urn);
    if (!m) {
        const r = side.byUrn.get(urn);
        m = r ? flattenOutputs(r) : new Map();
        side.outputIndex.set(urn, m);
    }
    return m;
}

/** A string input resolved to the resource output it came from, or undefined. */
function resolveString(side: Side, r: CapturedResource, prop: string, v: string): string | undefined {
    for (const dep of r.propertyDependencies[prop] ?? []) {
        const path = outputsOf(side, dep).get(v);
        if (path !== undefined) {
            return `⟦${side.identity(dep)}${side.fresh(dep) ? "#new" : ""}⟧${path === "id" ? "" : `.${path}`}`;
        }
    }
    const byId = side.byId.get(v);
    if (byId !== undefined) {
        return `⟦${side.identity(byId)}${side.fresh(byId) ? "#new" : ""}⟧`;
    }
    return undefined;
}

/** An input value with every reference to another resource replaced by that resource's identity. */
function normalise(side: Side, r: CapturedResource, prop: string, v: JsonValue): JsonValue {
    if (typeof v === "string") {
        return resolveString(side, r, prop, v) ?? v;
    }
    if (Array.isArray(v)) {
        return v.map((x) => normalise(side, r, prop, x));
    }
    if (v !== null && typeof v === "object") {
        const out: JsonObject = {};
        for (const k of Object.keys(v).sort()) {
            out[k] = normalise(side, r, prop, v[k]);
        }
        return out;
    }
    return v;
}

/** Short, readable form of a key token (`⟦urn⟧.path` -> `Type name`). */
function readable(token: string): string {
    return token.replace(/⟦([^⟧]*)⟧(\.[\w.[\]]+)?/g, (_m, urn: string, path: string | undefined) => {
        const isNew = urn.endsWith("#new");
        const u = isNew ? urn.slice(0, -4) : urn;
        const parts = u.split("::");
        const type = (parts[2] ?? "").split("$").pop() ?? "";
        return `${type.split(":").pop()} ${parts[3] ?? u}${isNew ? " (replacement)" : ""}${path ?? ""}`;
    });
}

function topLevel(path: string): string {
    return path.split(/[.[]/)[0];
}

/** Aliases of every new resource: its own plus those inherited from aliased parents (engine semantics). */
function aliasMap(after: PlanLike): Map<string, string[]> {
    const byUrn = new Map(after.resources.map((r) => [r.urn, r]));
    const memo = new Map<string, string[]>();
    const of = (urn: string, depth: number): string[] => {
        const cached = memo.get(urn);
        if (cached) {
            return cached;
        }
        const r = byUrn.get(urn);
        if (!r || depth > 64) {
            return [];
        }
        const own = [...(r.aliases ?? [])];
        for (const parentAlias of r.parent ? of(r.parent, depth + 1) : []) {
            own.push(mockUrn(after.stack, after.project, parentAlias, r.type, r.name));
        }
        const out = [...new Set(own)].filter((u) => u !== urn).sort();
        memo.set(urn, out);
        return out;
    };
    for (const r of after.resources) {
        of(r.urn, 0);
    }
    return memo;
}

interface Pair {
    readonly before: CapturedResource;
    readonly after: CapturedResource;
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
    const oldByUrn = new Map(before.resources.map((r) => [r.urn, r]));

    // 1. Identity: URN, else an alias that names a resource of the old plan.
    const aliases = aliasMap(after);
    const newToOld = new Map<string, string>();
    const claimedBy = new Map<string, string>();
    for (const r of after.resources) {
        if (oldByUrn.has(r.urn)) {
            newToOld.set(r.urn, r.urn);
            claimedBy.set(r.urn, r.urn);
        }
    }
    for (const r of after.resources) {
        if (newToOld.has(r.urn)) {
            continue;
        }
        for (const a of aliases.get(r.urn) ?? []) {
            if (!oldByUrn.has(a)) {
                continue;
            }
            const other = claimedBy.get(a);
            if (other !== undefined) {
                findings.push({
                    severity: "error",
                    kind: "alias-conflict",
                    newUrn: r.urn,
                    oldUrn: a,
                    message: `${r.urn} declares alias ${a}, which ${other === a ? "is still a resource of the program" : `${other} already claims`}: the engine rejects the update (duplicate alias)`,
                    fix: "give each old URN to exactly one new resource (remove the extra alias)",
                });
                continue;
            }
            newToOld.set(r.urn, a);
            claimedBy.set(a, r.urn);
            break;
        }
    }
    const identityNew = (urn: string) => newToOld.get(urn) ?? urn;
    const pairs = new Map<string, Pair>();
    for (const r of after.resources) {
        const o = newToOld.get(r.urn);
        if (o !== undefined) {
            pairs.set(r.urn, { before: oldByUrn.get(o) as CapturedResource, after: r });
        }
    }

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
        if (n.provider && o.provider && identityNew(n.provider) !== o.provider) {
            replace = true;
            reasons.push(`provider changes (${readableUrn(o.provider)} -> ${readableUrn(n.provider)})`);
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
    const refFor = (side: Side, r: CapturedResource) => (prop: string, value?: JsonValue) => {
        if (prop === SELF) {
            return `⟦${side.identity(r.urn)}${side.fresh(r.urn) ? "#new" : ""}⟧`;
        }
        const v = value === undefined ? r.inputs[prop] : value;
        if (typeof v === "string") {
            return resolveString(side, r, prop, v) ?? v;
        }
        return JSON.stringify(v ?? null);
    };
    const oldKeys = new Map<string, OwnedKey[]>();
    const oldHolders = new Map<string, { urn: string; key: OwnedKey }[]>();
    for (const o of before.resources.filter((x) => x.custom)) {
        const ks = keysOf(o, refFor(oldSide, o));
        oldKeys.set(o.urn, ks);
        for (const k of ks) {
            oldHolders.set(k.id, [...(oldHolders.get(k.id) ?? []), { urn: o.urn, key: k }]);
        }
    }
    const newKeys = new Map<string, OwnedKey[]>();
    const newHolders = new Map<string, string[]>();
    for (const n of after.resources.filter((x) => x.custom)) {
        const ks = keysOf(n, refFor(newSide, n));
        newKeys.set(n.urn, ks);
        for (const k of ks) {
            newHolders.set(k.id, [...(newHolders.get(k.id) ?? []), n.urn]);
        }
    }
    const oldFate = (oldUrn: string): { action: ChangeAction | "same"; newUrn?: string } => {
        const newUrn = claimedBy.get(oldUrn);
        if (newUrn === undefined) {
            return { action: "delete" };
        }
        return { action: actionOf.get(newUrn) ?? "same", newUrn };
    };
    for (const [id, holders] of newHolders) {
        if (holders.length > 1) {
            const k = (newKeys.get(holders[0]) ?? []).find((x) => x.id === id) as OwnedKey;
            findings.push({
                severity: "error",
                kind: "duplicate-key",
                newUrn: holders[1],
                oldUrn: holders[0],
                key: { kind: k.kind.kind, text: readableKey(k) },
                message: `${holders.length} resources of the new plan own ${readableKey(k)}: ${k.kind.aws}`,
                fix:
                    k.kind.outcome === "never-converges"
                        ? "let one resource own the setting: omit the input on the other (or list it in ignoreChanges there)"
                        : "keep one resource per key: derive the resource's name from the key, not from a list position or mode",
            });
        }
    }
    for (const n of after.resources.filter((x) => x.custom)) {
        const action = actionOf.get(n.urn) ?? "create";
        if (action === "same") {
            continue;
        }
        const selfOld = newToOld.get(n.urn);
        const selfKeys = new Set((selfOld ? (oldKeys.get(selfOld) ?? []) : []).map((k) => k.id));
        for (const k of newKeys.get(n.urn) ?? []) {
            if (action === "update" && selfKeys.has(k.id)) {
                continue; // keeps its own key
            }
            for (const h of oldHolders.get(k.id) ?? []) {
                if (h.urn === selfOld) {
                    // The resource's own old copy: a replacement under the same key.
                    if (action === "replace" && !n.deleteBeforeReplace && !k.kind.selfReplaceDeletesFirst) {
                        findings.push(collision(k, n, h.urn, "self"));
                    }
                    continue;
                }
                const fate = oldFate(h.urn);
                if (fate.action === "same") {
                    continue; // still held in the new plan: reported as duplicate-key
                }
                if (fate.action === "update" && fate.newUrn && (newKeys.get(fate.newUrn) ?? []).some((x) => x.id === k.id)) {
                    continue; // still held after its update: duplicate-key
                }
                findings.push(collision(k, n, h.urn, fate.action));
            }
        }
    }

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

    function collision(k: OwnedKey, n: CapturedResource, oldUrn: string, how: "self" | ChangeAction): ChangeFinding {
        const action = actionOf.get(n.urn) ?? "create";
        const verb = action === "create" ? "is created" : action === "replace" ? "is replaced (created first)" : "is updated onto it";
        const whenOld =
            how === "self"
                ? "its old copy still holds it until the replacement is done"
                : how === "delete"
                  ? `${readableUrn(oldUrn)} still holds it: it is deleted only at the end of the update`
                  : how === "replace"
                    ? `${readableUrn(oldUrn)} still holds it: its old copy is deleted only at the end of the update`
                    : `${readableUrn(oldUrn)} moves off it in its own in-place update, in no guaranteed order`;
        const effect = k.kind.outcome === "fails" ? `${k.kind.aws}` : `${k.kind.aws}`;
        return {
            severity: "error",
            kind: "key-collision",
            newUrn: n.urn,
            oldUrn,
            key: { kind: k.kind.kind, text: readableKey(k) },
            message: `${readableKey(k)}: ${readableUrn(n.urn)} ${verb} while ${whenOld} (Pulumi creates before it deletes: pulumi/pulumi#9979) — ${effect}`,
            fix: fixFor(k.kind, how, n, oldUrn),
        };
    }
}

function fixFor(kind: KeyKind, how: "self" | ChangeAction, n: CapturedResource, oldUrn: string): string {
    const oldName = oldUrn.split("::").pop() ?? oldUrn;
    if (how === "self") {
        return `set deleteBeforeReplace: true on ${n.name} (the old ${kind.kind} is then removed before the new one is created), or avoid the input change that forces the replacement`;
    }
    const stable = `name the resource after its key (the ${kind.kind}'s own identity, not a list position or mode) so one logical resource keeps it, with aliases: [{ name: "${oldName}" }] (and the old parent) so the existing one is adopted and updated in place`;
    if (how === "update") {
        return `${stable}; or a two-step change: first the update of ${oldName} alone (pulumi up), then the rest`;
    }
    return `${stable}; or a two-step change: first remove ${oldName} (pulumi up), then add ${n.name}`;
}

const SERVICE_TYPE = "aws:ec2/vpcEndpointService:VpcEndpointService";
const ENDPOINT_TYPE = "aws:ec2/vpcEndpoint:VpcEndpoint";

function asStrings(v: JsonValue | undefined): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** `Type name` of a URN. */
export function readableUrn(urn: string): string {
    const parts = urn.split("::");
    const type = (parts[2] ?? "").split("$").pop() ?? "";
    return `${type.split(":").pop()} ${parts[3] ?? urn}`;
}

function readableKey(k: OwnedKey): string {
    return `${k.kind.kind}(${k.parts.map(readable).join(", ")})`;
}

/**
 * The earlier plan, checked to be of the same project and stack: URNs carry both, so another stack's
 * plan would show every resource deleted and created.
 */
export function comparablePlan(previous: PlanLike, project: string, stack: string, file: string): PlanLike {
    if (previous.project !== project || previous.stack !== stack) {
        throw new SinceFileError(
            `--since ${file}: that plan is of ${previous.project}/${previous.stack}, this one of ${project}/${stack}. Fix: compare plans of the same stack (npm start -- --stack ${stack} --json FILE)`,
        );
    }
    return previous;
}

/** The earlier plan cannot be used: the CLI exits 2 with this message. */
export class SinceFileError extends Error {}
