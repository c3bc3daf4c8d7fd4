/**
 * Quotas that span units: inbound rules of the hub endpoints' and the
 * endpoint service NLB's security groups, and configured quotas above AWS's hard ceilings. (Quotas of
 * one unit or mode are checked with it: VPCs per zone or Profile in dns.ts, interface endpoints in hub.ts, peerings and TGW peerings in
 * connectivity.ts, routes and TGW route tables in routing-quotas.ts.)
 */
import { planClientSources } from "../../endpoint-service/plan";
import { QUOTA_CEILINGS, QuotaName } from "../constants";
import { EndpointServiceConfig, HubConfig, QuotaConfig } from "../units";
import { IndexedSpokes, Push } from "./common";

export function checkPlatformQuotas(spokes: IndexedSpokes, q: QuotaConfig, push: Push): void {
    // VPCs per private hosted zone / per Route 53 Profile depend on `dns.mode`: rules/dns.ts.
    // Endpoint security group: one rule for the hub plus one per spoke region (aggregate).
    const rules = 1 + new Set(spokes.map(({ s }) => s.region)).size;
    if (rules > q.inboundRulesPerSecurityGroup) {
        push(
            "spokes",
            `the endpoint security group needs ${rules} inbound rules, over quotas.inboundRulesPerSecurityGroup (${q.inboundRulesPerSecurityGroup}). Fix: use fewer spoke regions or raise the quota`,
        );
    }
}

/**
 * The NLB's security group: one inbound rule per client network (the host VPC, each consumer spoke,
 * each `allowedSourceCidrs` entry not already among them), counted by the endpoint service's own plan.
 * Inbound rules per security group: 60 by default (IPv4 and IPv6 counted separately).
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
 */
export function checkEndpointServiceRules(
    es: EndpointServiceConfig,
    hub: HubConfig,
    spokes: IndexedSpokes,
    q: QuotaConfig,
    push: Push,
): void {
    const byName = new Map(spokes.map(({ s }) => [s.name, s]));
    const hostCidr = es.vpc === "hub" ? hub.cidr : byName.get(es.vpc)?.cidr;
    if (hostCidr === undefined) {
        return; // unknown host: reported by the endpoint service rules
    }
    const consumers = [...new Set(es.consumers)].flatMap((name) => {
        const s = byName.get(name);
        return s && name !== es.vpc ? [{ name, cidr: s.cidr }] : [];
    });
    const rules = planClientSources(hostCidr, consumers, es.allowedSourceCidrs, es.port).length;
    if (rules > q.inboundRulesPerSecurityGroup) {
        push(
            es.allowedSourceCidrs.length > 0 ? "endpointService.allowedSourceCidrs" : "endpointService.consumers",
            `the NLB's security group needs ${rules} inbound rules (the host VPC, ${consumers.length} consumer(s), ${rules - 1 - consumers.length} other source CIDR(s)), ` +
                `over quotas.inboundRulesPerSecurityGroup (${q.inboundRulesPerSecurityGroup}). Fix: aggregate allowedSourceCidrs into fewer, larger blocks, or raise the quota with AWS and in config`,
        );
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
