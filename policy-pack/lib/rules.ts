/**
 * Security group rules in one shape, whichever resource declares them.
 *
 * @module
 */
import type { PolicyResource } from "@pulumi/policy";
import { StackGraph } from "./graph";
import { T } from "./types";
import { isUnknown, Value } from "./unknown";
import { isRecord } from "./values";

/** One ingress permission of a security group, whatever resource declares it. */
export interface IngressRule {
    readonly resource: PolicyResource;
    readonly label: string;
    readonly protocol: Value | undefined;
    readonly from: Value | undefined;
    readonly to: Value | undefined;
    readonly cidrs: string[];
    readonly unknownCidr: boolean;
}

function cidrList(...values: (Value | undefined)[]): { cidrs: string[]; unknown: boolean } {
    const cidrs: string[] = [];
    let unknown = false;
    for (const v of values) {
        for (const c of Array.isArray(v) ? v : [v]) {
            if (isUnknown(c)) {
                unknown = true;
            } else if (typeof c === "string" && c !== "") {
                cidrs.push(c);
            }
        }
    }
    return { cidrs, unknown };
}

/** Every ingress rule of `sg`: inline `ingress`, SecurityGroupIngressRule, SecurityGroupRule(ingress). */
export function ingressRulesOf(g: StackGraph, sg: PolicyResource): IngressRule[] {
    const out: IngressRule[] = [];
    const inline = g.props(sg)["ingress"];
    (Array.isArray(inline) ? inline : []).forEach((r, i) => {
        if (isRecord(r)) {
            const c = cidrList(r["cidrBlocks"], r["ipv6CidrBlocks"]);
            out.push({
                resource: sg,
                label: `${sg.name} ingress[${i}]`,
                protocol: r["protocol"],
                from: r["fromPort"],
                to: r["toPort"],
                cidrs: c.cidrs,
                unknownCidr: c.unknown,
            });
        }
    });
    for (const rule of g.referrers(sg, "securityGroupId", [T.ingressRule])) {
        const p = g.props(rule);
        const c = cidrList(p["cidrIpv4"], p["cidrIpv6"]);
        out.push({
            resource: rule,
            label: rule.name,
            protocol: p["ipProtocol"],
            from: p["fromPort"],
            to: p["toPort"],
            cidrs: c.cidrs,
            unknownCidr: c.unknown,
        });
    }
    for (const rule of g.referrers(sg, "securityGroupId", [T.securityGroupRule])) {
        const p = g.props(rule);
        if (p["type"] !== "ingress") {
            continue;
        }
        const c = cidrList(p["cidrBlocks"], p["ipv6CidrBlocks"]);
        out.push({
            resource: rule,
            label: rule.name,
            protocol: p["protocol"],
            from: p["fromPort"],
            to: p["toPort"],
            cidrs: c.cidrs,
            unknownCidr: c.unknown,
        });
    }
    return out;
}
