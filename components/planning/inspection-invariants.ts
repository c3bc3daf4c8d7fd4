/**
 * Invariants of the inspection plan (inspection.ts): one owner per AWS object, tables and attachments
 * that exist, one association per attachment, appliance mode, and each AZ's TGW subnet routing to its
 * own AZ's endpoint. Pure (no Pulumi import).
 */
import { checkTgwAssociations } from "./routing-invariants";
import { InspectionPlan, InspectionPlanError } from "./inspection-plan";

/**
 * Throws InspectionPlanError when two objects would own one AWS object, an association or route names a
 * table that does not exist, an attachment has other than one association, the inspection attachment is
 * not in appliance mode, or an AZ's TGW subnet does not route to an endpoint of its own AZ.
 */
export function checkInspectionPlan(plan: InspectionPlan): void {
    const tgw = plan.transitGateway;
    const inRegion = checkTgwAssociations(tgw, (message) => {
        throw new InspectionPlanError(message);
    });
    if (plan.attachment.applianceModeSupport !== "enable") {
        throw new InspectionPlanError(
            "the inspection attachment must have appliance mode: a stateful appliance sees both directions of a flow only then",
        );
    }

    const cidrOf = new Map(tgw.vpcAttachments.map((v) => [v.vpc, v.cidr]));
    const destinations = new Set<string>();
    const claim = (k: string, what: string) => {
        if (destinations.has(k)) {
            throw new InspectionPlanError(`two routes for ${k} (${what})`);
        }
        destinations.add(k);
    };
    const propagationLabels = new Set<string>();
    for (const p of tgw.propagations) {
        inRegion(`propagation ${p.label}`, p.region, p.table);
        if (propagationLabels.has(p.label)) {
            throw new InspectionPlanError(`two propagations labelled ${p.label}`);
        }
        propagationLabels.add(p.label);
        const c = cidrOf.get(p.vpc);
        if (c === undefined) {
            throw new InspectionPlanError(`propagation ${p.label} names unknown attachment ${p.vpc}`);
        }
        claim(`${p.table} -> ${c}`, `propagation ${p.label}`);
    }
    const labels = new Set<string>();
    for (const r of tgw.staticRoutes) {
        inRegion(`static route ${r.label}`, r.region, r.table);
        if (labels.has(r.label)) {
            throw new InspectionPlanError(`two static routes labelled ${r.label}`);
        }
        labels.add(r.label);
        if (r.key !== `${r.table} -> ${r.destination}`) {
            throw new InspectionPlanError(`static route ${r.label} is keyed ${r.key}, not by its table and destination`);
        }
        claim(r.key, r.label);
    }

    const vpcKeys = new Set<string>();
    for (const r of plan.vpcRoutes) {
        if (vpcKeys.has(r.key)) {
            throw new InspectionPlanError(`two VPC routes for ${r.key}`);
        }
        vpcKeys.add(r.key);
    }
    for (const s of plan.subnets.filter((x) => x.tier === "transit")) {
        const endpoint = plan.endpoints.find((e) => e.azIndex === s.azIndex);
        const route = plan.vpcRoutes.find((r) => r.routeTable === s.key);
        if (!endpoint || !route || route.target.kind !== "endpoint" || route.target.azIndex !== s.azIndex) {
            throw new InspectionPlanError(`TGW subnet ${s.key} does not route to an endpoint in its own AZ (${s.azIndex})`);
        }
    }
}
