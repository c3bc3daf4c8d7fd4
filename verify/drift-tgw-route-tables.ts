/** Drift of the TGW route tables: associations, propagations, static routes, unknown tables in use. */
import { DriftContext, UP, index } from "./drift-finding";

/** TGW route tables: associations, propagations, static routes. */
export function driftTgwRouteTables(c: DriftContext): void {
    const { plan, live, configKeyOf, add, idOf } = c;
    const liveTgwRt = index(live.tgwRouteTables);
    for (const t of plan.tgwRouteTables) {
        const l = liveTgwRt.get(t.key);
        if (!l) {
            continue;
        }
        const ck = configKeyOf([t.name]);
        for (const [item, p, lv] of [
            ["TGW association", t.associations, l.associations],
            ["TGW propagation", t.propagations, l.propagations],
        ] as const) {
            const lset = new Set(lv.map((x) => x.attachment));
            const pset = new Set(p.map((x) => x.attachment));
            for (const x of p) {
                if (!lset.has(x.attachment)) {
                    add({
                        kind: "missing",
                        item,
                        message: `TGW route table ${t.name} (${l.id}) lacks the ${item.slice(4)} of ${x.attachment} (${idOf(x.attachment)})`,
                        awsId: l.id,
                        region: l.region,
                        urn: x.urn ?? "",
                        configKey: ck,
                        fix: UP,
                    });
                }
            }
            for (const x of lv) {
                if (!pset.has(x.attachment)) {
                    add({
                        kind: "extra",
                        item,
                        message: `TGW route table ${t.name} (${l.id}) has an ${item.slice(4)} of ${x.attachment} the plan does not declare`,
                        awsId: l.id,
                        region: l.region,
                        urn: t.urn ?? "",
                        configKey: ck,
                        fix: "remove it: it connects what the segmentation keeps apart",
                    });
                }
            }
        }
        const lr = new Map(l.routes.map((r) => [r.destination, r]));
        const pr = new Set(t.routes.map((r) => r.destination));
        for (const r of t.routes) {
            const got = lr.get(r.destination);
            if (!got) {
                add({
                    kind: "missing",
                    item: "TGW static route",
                    message: `TGW route table ${t.name} (${l.id}) has no static route to ${r.destination}`,
                    awsId: l.id,
                    region: l.region,
                    urn: r.urn ?? "",
                    configKey: ck,
                    fix: UP,
                });
            } else if (got.blackhole !== r.blackhole || (r.attachment && got.attachment !== r.attachment)) {
                add({
                    kind: "changed",
                    item: "TGW static route",
                    message: `TGW route table ${t.name} (${l.id}): static route to ${r.destination} goes to ${got.blackhole ? "a blackhole" : got.attachment}, plan: ${r.blackhole ? "blackhole" : r.attachment}`,
                    awsId: l.id,
                    region: l.region,
                    urn: r.urn ?? "",
                    configKey: ck,
                    fix: UP,
                });
            }
        }
        for (const r of l.routes) {
            if (!pr.has(r.destination)) {
                add({
                    kind: "extra",
                    item: "TGW static route",
                    message: `TGW route table ${t.name} (${l.id}) has a static route to ${r.destination} the plan does not declare`,
                    awsId: l.id,
                    region: l.region,
                    urn: t.urn ?? "",
                    configKey: ck,
                    fix: "delete the route, or declare it in the stack",
                });
            }
        }
    }
    // A table the plan does not know only matters when something uses it.
    const planTgwRt = index(plan.tgwRouteTables);
    for (const l of live.tgwRouteTables) {
        if (!planTgwRt.has(l.key) && (l.associations.length > 0 || l.propagations.length > 0)) {
            add({
                kind: "extra",
                item: "TGW route table",
                message: `TGW route table ${l.name} (${l.id}) is not in the plan but has ${l.associations.length} association(s) and ${l.propagations.length} propagation(s)`,
                awsId: l.id,
                region: l.region,
                urn: "",
                configKey: "landing-zone:connectivity",
                fix: "disassociate its attachments (an attachment has one association: the plan's table cannot take it) and delete it",
            });
        }
    }
}
