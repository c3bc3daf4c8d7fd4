/**
 * Invariants of the routing plan (routing.ts): no two objects own one AWS object, every association and
 * route names a table and attachment that exist. Pure (no Pulumi import).
 */
import { attachmentLabel, RoutingPlan, RoutingPlanError, TransitGatewayRoutingPlan } from "./routing-plan";

/**
 * Throws RoutingPlanError when two objects would own the same AWS object, or an association or route
 * names a table or attachment that does not exist.
 */
export function checkRoutingPlan(plan: RoutingPlan): void {
    const seen = new Set<string>();
    for (const r of plan.vpcRoutes) {
        if (seen.has(r.key)) {
            throw new RoutingPlanError(`two VPC routes for ${r.key}`);
        }
        seen.add(r.key);
    }
    const tgw = plan.transitGateway;
    if (!tgw) {
        return;
    }
    const inRegion = checkTgwAssociations(tgw, (message) => {
        throw new RoutingPlanError(message);
    });
    // One route per (table, destination), whether static or propagated.
    const cidrOf = new Map(tgw.vpcAttachments.map((v) => [v.vpc, v.cidr]));
    const destinations = new Set<string>();
    const claim = (t: string, cidr: string, what: string) => {
        const k = `${t} -> ${cidr}`;
        if (destinations.has(k)) {
            throw new RoutingPlanError(`two routes for ${k} (${what})`);
        }
        destinations.add(k);
    };
    const propagated = new Set<string>();
    for (const p of tgw.propagations) {
        inRegion(`propagation ${p.label}`, p.region, p.table);
        const k = `${p.vpc} -> ${p.table}`;
        const cidr = cidrOf.get(p.vpc);
        if (propagated.has(k) || cidr === undefined) {
            throw new RoutingPlanError(`propagation ${p.label}: duplicate, or unknown attachment ${p.vpc}`);
        }
        propagated.add(k);
        claim(p.table, cidr, `propagation ${p.label}`);
    }
    const labels = new Set<string>();
    for (const r of tgw.staticRoutes) {
        inRegion(`static route ${r.label}`, r.region, r.table);
        if (labels.has(r.label)) {
            throw new RoutingPlanError(`two static routes labelled ${r.label}`);
        }
        labels.add(r.label);
        claim(r.table, r.destination, r.label);
    }
}

/**
 * The checks every TGW routing plan shares (the inspected one too): route table keys are unique, every
 * association names an existing table of its own region, and every attachment — VPC and both sides of
 * each peering — has exactly one association (AWS allows one per attachment). `fail` throws the
 * caller's error. Returns the check that a table exists in a region, for the caller's route checks.
 */
export function checkTgwAssociations(
    tgw: Pick<TransitGatewayRoutingPlan, "routeTables" | "vpcAttachments" | "peerings" | "associations">,
    fail: (message: string) => never,
): (what: string, region: string, table: string) => void {
    const tables = new Map(tgw.routeTables.map((t) => [t.key, t.region]));
    if (tables.size !== tgw.routeTables.length) {
        fail("two TGW route tables with one key");
    }
    const inRegion = (what: string, region: string, t: string): void => {
        if (tables.get(t) !== region) {
            fail(`${what} names TGW route table ${t}, which does not exist in ${region}`);
        }
    };
    const attachments = [
        ...tgw.vpcAttachments.map((v) => v.vpc),
        ...tgw.peerings.flatMap((r) => [
            attachmentLabel({ kind: "peering", region: r, side: "hub" }),
            attachmentLabel({ kind: "peering", region: r, side: "remote" }),
        ]),
    ];
    const associated = new Map<string, number>();
    for (const a of tgw.associations) {
        inRegion(`association of ${a.label}`, a.region, a.table);
        associated.set(a.label, (associated.get(a.label) ?? 0) + 1);
    }
    for (const a of attachments) {
        if (associated.get(a) !== 1) {
            fail(`attachment ${a} has ${associated.get(a) ?? 0} route table associations; an attachment has exactly one`);
        }
    }
    if (associated.size !== attachments.length) {
        fail("an association names an attachment that does not exist");
    }
    return inRegion;
}
