import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { contains, Ipv4Range, parseIpv4 } from "../lib/cidr";
import { inspectionTargets } from "../lib/inspection";
import { onStack } from "../lib/policy";
import { T } from "../lib/types";
import { bool, str } from "../lib/values";

/** A route of a TGW route table: static (aws.ec2transitgateway.Route) or propagated (one per VPC CIDR). */
interface TgwRouteEntry {
    readonly resource: PolicyResource;
    readonly kind: "static" | "propagated";
    readonly range: Ipv4Range;
    readonly target?: PolicyResource;
}

/**
 * `inspection-no-bypass-route`: in a transit gateway route table that sends a destination range to
 * inspection (a static route whose `transitGatewayAttachmentId` depends on the inspection VPC's
 * attachment, or on a Network Firewall attached natively to the TGW), no more specific route to part
 * of that range points anywhere else. A transit gateway uses the most specific route first (AWS
 * Transit Gateway guide, "How transit gateways work", route evaluation order), so such a route, static
 * or propagated, silently takes that part of the inspected flow past the appliances.
 *
 * Checked: static routes (blackhole routes drop traffic and are not a bypass) and propagations
 * (`RouteTablePropagation`: the propagated routes are the attached VPC's CIDRs, known inputs). A
 * propagated route equal to the inspection route is not a bypass: static routes win over propagated
 * ones for the same destination. Tables that route nothing to inspection (the post-inspection table)
 * are not constrained.
 *
 * - Kind: stack policy. Level: mandatory (topology and security: a bypass is uninspected traffic that
 *   the design says is inspected). Severity: critical. The violation names the bypassing route or
 *   propagation.
 * - Controls: none (AWS guidance: centralised inspection).
 * - Preview: route / propagation -> TGW route table through `transitGatewayRouteTableId`, -> attachment
 *   through `transitGatewayAttachmentId`, attachment -> VPC through `vpcId`; destinations and VPC CIDRs
 *   are known inputs. IPv6 and prefix-list routes are not compared.
 */
export const inspectionNoBypassRoute: StackValidationPolicy = {
    name: "inspection-no-bypass-route",
    description: "No TGW route table that sends a range to inspection has a more specific route for part of it that points elsewhere.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["topology", "security", "aws-guidance:inspection"],
    remediationSteps: "Remove the more specific route or propagation from the route table, or point it at the inspection attachment.",
    validateStack: onStack((g, report) => {
        const inspection = inspectionTargets(g);
        if (inspection.size === 0) {
            return;
        }
        const byTable = new Map<PolicyResource, TgwRouteEntry[]>();
        const add = (table: PolicyResource | undefined, e: TgwRouteEntry) => {
            if (table) {
                byTable.set(table, [...(byTable.get(table) ?? []), e]);
            }
        };
        for (const r of g.ofType(T.tgwRoute)) {
            const p = g.props(r);
            const dest = str(p["destinationCidrBlock"]);
            const range = typeof dest === "string" ? parseIpv4(dest) : undefined;
            if (!range || bool(p["blackhole"]) === true) {
                continue;
            }
            const target =
                g.deps(r, "transitGatewayAttachmentId").find((d) => inspection.has(d)) ?? g.deps(r, "transitGatewayAttachmentId")[0];
            add(g.dep(r, "transitGatewayRouteTableId", [T.tgwRouteTable]), { resource: r, kind: "static", range, target });
        }
        for (const prop of g.ofType(T.tgwRouteTablePropagation)) {
            const attachment = g.dep(prop, "transitGatewayAttachmentId", [T.tgwVpcAttachment]);
            const vpc = attachment ? g.dep(attachment, "vpcId", [T.vpc]) : undefined;
            if (!attachment || !vpc) {
                continue;
            }
            for (const cidr of g.cidrsOf(vpc)) {
                const range = parseIpv4(cidr);
                if (range) {
                    add(g.dep(prop, "transitGatewayRouteTableId", [T.tgwRouteTable]), {
                        resource: prop,
                        kind: "propagated",
                        range,
                        target: attachment,
                    });
                }
            }
        }
        for (const [table, entries] of byTable) {
            const inspected = entries.filter((e) => e.kind === "static" && e.target !== undefined && inspection.has(e.target));
            for (const e of entries) {
                if (e.target !== undefined && inspection.has(e.target)) {
                    continue;
                }
                const over = inspected.find((i) => contains(i.range, e.range) && e.range.prefix > i.range.prefix);
                if (!over) {
                    continue;
                }
                const what = e.kind === "static" ? `Route ${e.resource.name}` : `Propagation ${e.resource.name}`;
                const via = e.target ? e.target.name : "an attachment outside this stack";
                report(
                    `${what} in TGW route table ${table.name} sends ${e.range.cidr} to ${via}, more specific than route ${over.resource.name} (${over.range.cidr}) to inspection, so that traffic bypasses inspection; remove it or point it at the inspection attachment.`,
                    e.resource.urn,
                );
            }
        }
    }),
};
