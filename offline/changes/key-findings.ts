/** The uniqueness-key findings of the change-safety check (diff.ts): duplicate keys and key collisions across the update. */
import { ChangeAction, ChangeFinding, CapturedResource, JsonValue } from "../types";
import { KeyKind, keysOf, OwnedKey, SELF } from "./keys";
import { PlanLike } from "./plan-like";
import { readableKey, readableUrn } from "./readable";
import { resolveString, Side } from "./side";

/** Uniqueness keys: two resources of the new plan owning one key, and a key taken while its old holder still has it. */
export function checkKeys(
    before: PlanLike,
    after: PlanLike,
    oldSide: Side,
    newSide: Side,
    newToOld: ReadonlyMap<string, string>,
    claimedBy: ReadonlyMap<string, string>,
    actionOf: ReadonlyMap<string, ChangeAction | "same">,
    findings: ChangeFinding[],
): void {
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
