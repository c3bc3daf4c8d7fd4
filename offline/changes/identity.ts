/** Identity across the two plans of the change-safety check (diff.ts): URN, or an alias, inherited from renamed parents too. */
import { ChangeFinding, CapturedResource } from "../types";
import { mockUrn } from "./options";
import { PlanLike } from "./plan-like";

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

export interface Pair {
    readonly before: CapturedResource;
    readonly after: CapturedResource;
}

/** Old and new resources matched by identity: URN, else an alias that names a resource of the old plan. */
export interface Identities {
    readonly newToOld: Map<string, string>;
    readonly claimedBy: Map<string, string>;
    readonly identityNew: (urn: string) => string;
    readonly pairs: Map<string, Pair>;
}

export function matchIdentities(before: PlanLike, after: PlanLike, findings: ChangeFinding[]): Identities {
    const oldByUrn = new Map(before.resources.map((r) => [r.urn, r]));
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
    return { newToOld, claimedBy, identityNew, pairs };
}
