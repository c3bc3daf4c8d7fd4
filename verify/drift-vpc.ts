/**
 * Drift of the VPC side: whole objects missing, routes and subnet associations, peering and attachment
 * states, security group rules.
 */
import * as M from "../offline/network-model/types";
import { DriftContext, UP, index, ruleText } from "./drift-finding";

/** Whole objects in the plan but not found live. */
export function driftObjects(c: DriftContext): void {
    const { plan, live, configKeyOf, add } = c;
    const kinds: [string, readonly M.Origin[], readonly M.Origin[]][] = [
        ["VPC", plan.vpcs, live.vpcs],
        ["subnet", plan.subnets, live.subnets],
        ["route table", plan.routeTables, live.routeTables],
        ["peering connection", plan.peerings, live.peerings],
        ["transit gateway", plan.tgws, live.tgws],
        ["TGW attachment", plan.tgwAttachments, live.tgwAttachments],
        ["TGW route table", plan.tgwRouteTables, live.tgwRouteTables],
        ["security group", plan.securityGroups, live.securityGroups],
        ["hosted zone (associated with the stack's VPCs)", plan.zones, live.zones],
        ["VPC endpoint", plan.endpoints, live.endpoints],
        ["endpoint service", plan.endpointServices, live.endpointServices],
        ["load balancer", plan.loadBalancers, live.loadBalancers],
    ];
    for (const [item, p, l] of kinds) {
        const lk = index(l);
        for (const o of p) {
            if (!lk.has(o.key)) {
                add({
                    kind: "missing",
                    item,
                    message: `${item} ${o.name} is in the plan but not found live`,
                    awsId: "",
                    region: o.region,
                    urn: o.urn ?? "",
                    configKey: configKeyOf([o.name]),
                    fix: UP,
                });
            }
        }
    }
}

/** Routes and subnet associations. */
export function driftRoutes(c: DriftContext): void {
    const { plan, live, configKeyOf, add, idOf } = c;
    const liveRt = index(live.routeTables);
    for (const rt of plan.routeTables) {
        const l = liveRt.get(rt.key);
        if (!l) {
            continue;
        }
        const lr = new Map(l.routes.map((r) => [r.destination, r]));
        const pr = new Map(rt.routes.map((r) => [r.destination, r]));
        for (const r of rt.routes) {
            const got = lr.get(r.destination);
            const ck = configKeyOf([rt.name, r.target.ref ?? ""]);
            if (!got) {
                add({
                    kind: "missing",
                    item: "route",
                    message: `route table ${rt.name} (${l.id}) has no route to ${r.destination} (plan: via ${r.target.kind} ${r.target.ref ?? ""})`,
                    awsId: l.id,
                    region: l.region,
                    urn: r.urn ?? rt.urn ?? "",
                    configKey: ck,
                    fix: UP,
                });
            } else if (got.target.kind !== r.target.kind || (r.target.ref && got.target.ref !== r.target.ref)) {
                add({
                    kind: "changed",
                    item: "route",
                    message: `route table ${rt.name} (${l.id}): route to ${r.destination} goes via ${got.target.kind} ${got.target.ref ?? got.target.id ?? ""}, plan: ${r.target.kind} ${r.target.ref ?? ""}`,
                    awsId: l.id,
                    region: l.region,
                    urn: r.urn ?? "",
                    configKey: ck,
                    fix: UP,
                });
            } else if (got.state === "blackhole") {
                add({
                    kind: "state",
                    item: "route",
                    message: `route table ${rt.name} (${l.id}): route to ${r.destination} is a blackhole (its target ${got.target.id ?? ""} is gone)`,
                    awsId: l.id,
                    region: l.region,
                    urn: r.urn ?? "",
                    configKey: ck,
                    fix: UP,
                });
            }
        }
        for (const r of l.routes) {
            // Gateway endpoints add prefix-list routes (no CIDR); a CIDR route the plan lacks is someone's addition.
            if (!pr.has(r.destination) && r.target.kind !== "gateway" && r.target.kind !== "endpoint") {
                add({
                    kind: "extra",
                    item: "route",
                    message: `route table ${rt.name} (${l.id}) has a route to ${r.destination} via ${r.target.kind} ${r.target.id ?? ""} that the plan does not declare`,
                    awsId: l.id,
                    region: l.region,
                    urn: rt.urn ?? "",
                    configKey: configKeyOf([rt.name]),
                    fix: "delete the route (it can shadow the landing zone's routes), or declare it in the stack",
                });
            }
        }
    }
    const liveSubnets = index(live.subnets);
    for (const s of plan.subnets) {
        const l = liveSubnets.get(s.key);
        if (l && s.routeTable && l.routeTable !== s.routeTable) {
            add({
                kind: l.routeTable ? "changed" : "missing",
                item: "subnet association",
                message: `subnet ${s.name} (${l.id}) is associated with ${l.routeTable ? `${l.routeTable} (${idOf(l.routeTable)})` : "no route table (it uses the VPC's main table)"}, plan: ${s.routeTable}`,
                awsId: l.id,
                region: l.region,
                urn: s.associationUrn ?? s.urn ?? "",
                configKey: configKeyOf([s.name]),
                fix: UP,
            });
        }
    }
}

/** Peering and attachment states. */
export function driftStates(c: DriftContext): void {
    const { plan, live, configKeyOf, add, liveIds } = c;
    const livePcx = index(live.peerings);
    for (const p of plan.peerings) {
        const l = livePcx.get(p.key);
        if (l && l.status !== "active") {
            add({
                kind: "state",
                item: "peering connection",
                message: `peering ${p.name} (${l.id}) is ${l.status}: no traffic crosses it`,
                awsId: l.id,
                region: l.region,
                urn: p.accepterUrn ?? p.urn ?? "",
                configKey: configKeyOf([p.name]),
                fix:
                    l.status === "pending-acceptance"
                        ? `accept it in the peer region (\`pulumi up\` re-runs the accepter, or aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id ${l.id} --region ${liveIds.get(p.accepterVpc ?? "")?.region ?? "<peer region>"})`
                        : "a rejected, failed or expired peering cannot be revived: `pulumi up --replace` the peering connection",
            });
        }
    }
    const liveAtt = index(live.tgwAttachments);
    for (const a of plan.tgwAttachments) {
        const l = liveAtt.get(a.key);
        if (l && l.state !== "available") {
            add({
                kind: "state",
                item: "TGW attachment",
                message: `TGW attachment ${a.name} (${l.id}) is ${l.state}`,
                awsId: l.id,
                region: l.region,
                urn: a.accepterUrn ?? a.urn ?? "",
                configKey: configKeyOf([a.name]),
                fix:
                    l.state === "pendingAcceptance"
                        ? `accept it in the peer region (\`pulumi up\`, or aws ec2 accept-transit-gateway-peering-attachment --transit-gateway-attachment-id ${l.id})`
                        : UP,
            });
        }
    }
}

/** Security group rules. */
export function driftSecurityGroupRules(c: DriftContext): void {
    const { plan, live, configKeyOf, add } = c;
    const liveSg = index(live.securityGroups);
    for (const sg of plan.securityGroups) {
        const l = liveSg.get(sg.key);
        if (!l) {
            continue;
        }
        const ck = configKeyOf([sg.name]);
        const lset = new Set(l.rules.map(ruleText));
        const pset = new Set(sg.rules.map(ruleText));
        for (const r of sg.rules) {
            if (!lset.has(ruleText(r))) {
                add({
                    kind: "missing",
                    item: "SG rule",
                    message: `security group ${sg.name} (${l.id}) lacks the rule ${ruleText(r)}`,
                    awsId: l.id,
                    region: l.region,
                    urn: r.urn ?? sg.urn ?? "",
                    configKey: ck,
                    fix: UP,
                });
            }
        }
        for (const r of l.rules) {
            if (!pset.has(ruleText(r))) {
                add({
                    kind: "extra",
                    item: "SG rule",
                    message: `security group ${sg.name} (${l.id}) has a rule the plan does not declare: ${ruleText(r)}`,
                    awsId: l.id,
                    region: l.region,
                    urn: sg.urn ?? "",
                    configKey: ck,
                    fix: "revoke it (or declare it in the stack): rules added by hand widen what the landing zone admits",
                });
            }
        }
    }
}
