/**
 * Quotas that span units: VPCs per private hosted zone, inbound rules of the hub endpoints' security
 * group, and configured quotas above AWS's hard ceilings. (Quotas of one unit or mode are checked with
 * it: interface endpoints in hub.ts, peerings and TGW peerings in connectivity.ts.)
 */
import { QUOTA_CEILINGS, QuotaName } from "../constants";
import { QuotaConfig } from "../units";
import { IndexedSpokes, Push } from "./common";

export function checkPlatformQuotas(spokes: IndexedSpokes, q: QuotaConfig, push: Push): void {
    // Every spoke is associated with every hub zone.
    if (1 + spokes.length > q.vpcsPerHostedZone) {
        push("spokes", `${spokes.length} spokes + the hub exceed ${q.vpcsPerHostedZone} VPCs per private hosted zone (quotas.vpcsPerHostedZone). Fix: raise the quota with AWS and in config, or split the landing zone`);
    }
    // Endpoint security group: one rule for the hub plus one per spoke region (aggregate).
    const rules = 1 + new Set(spokes.map(({ s }) => s.region)).size;
    if (rules > q.inboundRulesPerSecurityGroup) {
        push("spokes", `the endpoint security group needs ${rules} inbound rules, over quotas.inboundRulesPerSecurityGroup (${q.inboundRulesPerSecurityGroup}). Fix: use fewer spoke regions or raise the quota`);
    }
}

/** Configured quotas above the ceiling AWS will not raise. `quotas` is undefined when that unit failed. */
export function checkQuotaCeilings(quotas: QuotaConfig | undefined, push: Push): void {
    for (const [k, ceiling] of Object.entries(QUOTA_CEILINGS)) {
        const v = quotas?.[k as QuotaName];
        if (v !== undefined && ceiling !== undefined && v > ceiling) {
            push(`quotas.${k}`, `${v} is above the AWS maximum of ${ceiling}. Fix: set ${ceiling} or less`);
        }
    }
}
