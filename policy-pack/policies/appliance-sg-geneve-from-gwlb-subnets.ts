import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { coveredBy, parseIpv4 } from "../lib/cidr";
import {
    applianceSecurityGroups,
    gatewayLoadBalancers,
    GENEVE_PORT,
    gwlbTargetGroups,
    known,
    loadBalancerSubnets,
} from "../lib/inspection";
import { StackGraph } from "../lib/graph";
import { configOf, onStack, schema } from "../lib/policy";
import { IngressRule, ingressRulesOf } from "../lib/rules";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { isRecord, isSet, num, str } from "../lib/values";

export interface ApplianceSgConfig {
    /**
     * Management networks (IPv4 CIDRs) that may reach the appliances on ports other than GENEVE, e.g. a
     * vendor console or SSH from a bastion range.
     * @default []
     */
    readonly managementCidrs: string[];
}

export const APPLIANCE_SG_DEFAULTS: ApplianceSgConfig = { managementCidrs: [] };

/** true when the rule admits UDP 6081 (all-protocol rules do), false when not, undefined when computed. */
function admitsGeneve(r: IngressRule): boolean | undefined {
    const proto = str(r.protocol);
    const from = num(r.from);
    const to = num(r.to);
    if (isUnknown(proto) || isUnknown(from) || isUnknown(to)) {
        return undefined;
    }
    const p = (proto ?? "").toLowerCase();
    if (p === "-1" || p === "all") {
        return true;
    }
    return (p === "udp" || p === "17") && (from ?? 0) <= GENEVE_PORT && GENEVE_PORT <= (to ?? 65535);
}

/** How a rule's protocol and ports read in a message. */
function portsOf(r: IngressRule): string {
    const proto = str(r.protocol);
    const p = typeof proto === "string" ? proto.toLowerCase() : "?";
    if (p === "-1" || p === "all") {
        return "all traffic";
    }
    const from = num(r.from);
    const to = num(r.to);
    return from === to ? `${p} ${String(from)}` : `${p} ${String(from)}-${String(to)}`;
}

/** Sources of a rule that are not CIDRs: a referenced security group, a prefix list, `self`. */
function otherSources(g: StackGraph, sg: PolicyResource, r: IngressRule, inlineIndex: number | undefined): string[] {
    const out: string[] = [];
    if (r.resource === sg && inlineIndex !== undefined) {
        const inline = g.props(sg)["ingress"];
        // ingressRulesOf numbers the record entries of `ingress` in order; so does the caller.
        const rec = Array.isArray(inline) ? inline.filter((x) => isRecord(x))[inlineIndex] : undefined;
        if (isRecord(rec)) {
            if (Array.isArray(rec["securityGroups"]) && rec["securityGroups"].length > 0) out.push("a security group");
            if (Array.isArray(rec["prefixListIds"]) && rec["prefixListIds"].length > 0) out.push("a prefix list");
            if (rec["self"] === true) out.push("itself (self)");
        }
        return out;
    }
    const p = g.props(r.resource);
    if (isSet(p, "referencedSecurityGroupId") || isSet(p, "sourceSecurityGroupId")) out.push("a security group");
    if (isSet(p, "prefixListId") || (Array.isArray(p["prefixListIds"]) && p["prefixListIds"].length > 0)) out.push("a prefix list");
    if (p["self"] === true) out.push("itself (self)");
    return out;
}

/**
 * `appliance-sg-geneve-from-gwlb-subnets`: the security groups of the appliances behind a Gateway
 * Load Balancer admit GENEVE (UDP 6081) from the GWLB's subnets, and admit nothing from outside those
 * subnets except, on non-GENEVE ports, the configured management networks.
 *
 * A GWLB reaches its appliances from its own ENIs in its subnets, and has no security group of its own
 * to reference, so the GWLB subnets' CIDRs are the right source (ELB Gateway Load Balancers guide,
 * "Security groups" for targets). GENEVE admitted from anywhere else lets any host that can route
 * there inject encapsulated traffic into the appliances; other ports open to other networks widen the
 * appliances' own attack surface. Health checks come from the same GWLB subnets, so any port from
 * them is accepted. Appliance groups are those of the instances (TargetGroupAttachment) and Auto
 * Scaling launch templates registered with a GWLB target group, plus any group with a GENEVE rule in a
 * VPC that has a GWLB. `0.0.0.0/0` is also reported by `no-unrestricted-ingress`.
 *
 * - Kind: stack policy. Level: advisory (hygiene): vendor appliances legitimately need management
 *   access (console, SSH, licensing) from networks a team chooses, and how narrow is a team decision;
 *   list them in `managementCidrs` to keep the report quiet. Severity: medium.
 * - Controls: none direct (AWS guidance: centralised inspection).
 * - Config: `managementCidrs` (default `[]`).
 * - Preview: GWLB -> subnets through `subnets` / `subnetMappings`, listener -> GWLB / target group,
 *   attachment / ASG -> target group, instance / launch template -> security group, rule -> group
 *   through `securityGroupId`; subnet CIDRs, ports and source CIDRs are known inputs. A rule whose
 *   source is computed is not judged, and the coverage check is skipped for its group.
 */
export const applianceSgGeneveFromGwlbSubnets: StackValidationPolicy = {
    name: "appliance-sg-geneve-from-gwlb-subnets",
    description: "Appliance security groups admit GENEVE (UDP 6081) only from the GWLB subnets, and nothing else from outside them.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["hygiene", "aws-guidance:inspection"],
    configSchema: schema({
        managementCidrs: {
            type: "array",
            items: { type: "string" },
            default: APPLIANCE_SG_DEFAULTS.managementCidrs,
            description: "IPv4 CIDRs allowed to reach appliances on non-GENEVE ports",
        },
    }),
    remediationSteps:
        "Admit UDP 6081 (and the health-check port) from each GWLB subnet's CIDR only; list management networks in managementCidrs.",
    validateStack: onStack((g, report, args) => {
        const { managementCidrs } = configOf(args, APPLIANCE_SG_DEFAULTS);
        const gwlbCidrsByVpc = new Map<PolicyResource, { subnet: PolicyResource; cidr: string }[]>();
        const groups = new Map<PolicyResource, { cidrs: { subnet: PolicyResource; cidr: string }[]; registered: boolean }>();
        for (const lb of gatewayLoadBalancers(g)) {
            const subnets = loadBalancerSubnets(g, lb)
                .map((subnet) => ({ subnet, cidr: known(g.props(subnet)["cidrBlock"]) }))
                .filter((s): s is { subnet: PolicyResource; cidr: string } => s.cidr !== undefined && parseIpv4(s.cidr) !== undefined);
            for (const s of subnets) {
                const vpc = g.vpcOf(s.subnet);
                if (vpc) {
                    gwlbCidrsByVpc.set(vpc, [...(gwlbCidrsByVpc.get(vpc) ?? []), s]);
                }
            }
            for (const tg of gwlbTargetGroups(g, lb)) {
                for (const sg of applianceSecurityGroups(g, tg)) {
                    const entry = groups.get(sg) ?? { cidrs: [], registered: true };
                    groups.set(sg, { cidrs: [...entry.cidrs, ...subnets], registered: true });
                }
            }
        }
        if (gwlbCidrsByVpc.size === 0) {
            return;
        }
        for (const sg of g.ofType(T.securityGroup)) {
            const vpc = g.vpcOf(sg);
            const cidrs = vpc ? gwlbCidrsByVpc.get(vpc) : undefined;
            if (!groups.has(sg) && cidrs && ingressRulesOf(g, sg).some((r) => admitsGeneve(r) === true)) {
                groups.set(sg, { cidrs, registered: false });
            }
        }

        for (const [sg, { cidrs, registered }] of groups) {
            const gwlb = cidrs.map((c) => c.cidr);
            const rules = ingressRulesOf(g, sg);
            let inlineIndex = 0;
            for (const r of rules) {
                const index = r.resource === sg ? inlineIndex++ : undefined;
                if (r.unknownCidr) {
                    continue;
                }
                const geneve = admitsGeneve(r);
                const allowed = geneve === false ? [...gwlb, ...managementCidrs] : gwlb;
                const outside = [...r.cidrs.filter((c) => !coveredBy(c, allowed)), ...otherSources(g, sg, r, index)];
                if (outside.length > 0) {
                    report(
                        `Appliance security group ${sg.name}: rule ${r.label} admits ${portsOf(r)} from ${outside.join(", ")}, outside the GWLB subnets (${gwlb.join(", ")}); admit GENEVE and health checks from the GWLB subnets' CIDRs only${geneve === false ? " or list the network in managementCidrs" : ""}.`,
                        r.resource.urn,
                    );
                }
            }
            if (!registered || rules.some((r) => r.unknownCidr)) {
                continue;
            }
            const geneveSources = rules.filter((r) => admitsGeneve(r) !== false).flatMap((r) => r.cidrs);
            for (const { subnet, cidr } of cidrs) {
                if (!coveredBy(cidr, geneveSources)) {
                    report(
                        `Appliance security group ${sg.name} does not admit GENEVE (UDP ${GENEVE_PORT}) from GWLB subnet ${subnet.name} (${cidr}), so the appliances drop what the GWLB sends from it; add a UDP ${GENEVE_PORT} ingress rule from that CIDR.`,
                        sg.urn,
                    );
                }
            }
        }
    }),
};
