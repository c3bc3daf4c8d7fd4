/**
 * Drift: the live network model against the plan's model. Every finding names the AWS object (id and
 * region), the Pulumi URN that owns it (or, for an extra item, the resource it was added to), the config
 * key that declares it, and what to do. Pure: no SDK, no Pulumi.
 */
import * as M from "../offline/network-model/types";

export type DriftKind = "missing" | "extra" | "changed" | "state";

export interface DriftFinding {
    readonly kind: DriftKind;
    /** What drifted: `route`, `subnet association`, `TGW association`, `SG rule`, `zone association`, … */
    readonly item: string;
    /** One sentence: what differs. */
    readonly message: string;
    /** AWS id of the object concerned (live id; for a missing object, its parent's live id when known). */
    readonly awsId: string;
    readonly region: string;
    /** Pulumi URN of the resource that declares it (or would). */
    readonly urn: string;
    /** Config key that declares it. */
    readonly configKey: string;
    /** What to do. */
    readonly fix: string;
}

/** Which stack config key declares an object, from the names the program gives it. */
export type ConfigKeyOf = (names: readonly string[]) => string;

const UP =
    "run `pulumi refresh` then `pulumi up` to restore what the stack declares (or change the config if the live state is what you want)";

function index<T extends { readonly key: string }>(list: readonly T[]): Map<string, T> {
    return new Map(list.map((o) => [o.key, o]));
}

function ruleText(r: M.NetSgRule): string {
    const ports = r.protocol === "-1" ? "all" : `${r.fromPort}-${r.toPort}`;
    return `${r.direction} ${r.protocol} ${ports} ${r.cidr ?? r.group ?? (r.prefixList ? "prefix-list" : "?")}`;
}

/**
 * Compares `live` with `plan`. `configKeyOf` maps object names to the config key that declares them
 * (e.g. `spoke-payments` -> `landing-zone:spokes[0]`).
 */
export function findDrift(plan: M.NetworkModel, live: M.NetworkModel, configKeyOf: ConfigKeyOf): DriftFinding[] {
    const out: DriftFinding[] = [];
    const add = (f: DriftFinding) => out.push(f);
    const liveIds = new Map<string, M.Origin>();
    for (const list of Object.values(live)) {
        if (Array.isArray(list)) {
            for (const o of list as M.Origin[]) {
                liveIds.set(o.key, o);
            }
        }
    }
    const idOf = (key: string | undefined) => (key ? (liveIds.get(key)?.id ?? "") : "");

    // ---- whole objects ----------------------------------------------------------------------------
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

    // ---- routes and subnet associations ------------------------------------------------------------
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

    // ---- peering and attachment states -------------------------------------------------------------
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

    // ---- TGW route tables: associations, propagations, static routes --------------------------------
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

    // ---- security group rules -----------------------------------------------------------------------
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

    // ---- zones: VPC associations and records --------------------------------------------------------
    const liveZones = index(live.zones);
    const planVpcKeys = new Set(plan.vpcs.map((v) => v.key));
    for (const z of plan.zones) {
        const l = liveZones.get(z.key);
        if (!l) {
            continue;
        }
        const lset = new Set(l.vpcs.map((v) => v.vpc));
        const pset = new Set(z.vpcs.map((v) => v.vpc));
        for (const v of z.vpcs) {
            if (!lset.has(v.vpc)) {
                const vpcName = v.vpc.replace(/^vpc:/, "");
                add({
                    kind: "missing",
                    item: "zone association",
                    message: `zone ${z.zoneName} (${l.id}) is not associated with ${vpcName} (${idOf(v.vpc)}): its lookups resolve to public addresses`,
                    awsId: l.id,
                    region: "global",
                    urn: v.urn ?? "",
                    configKey: configKeyOf([vpcName]),
                    fix: UP,
                });
            }
        }
        for (const v of l.vpcs) {
            if (!pset.has(v.vpc) && planVpcKeys.has(v.vpc)) {
                add({
                    kind: "extra",
                    item: "zone association",
                    message: `zone ${z.zoneName} (${l.id}) is associated with ${v.vpc} although the plan does not associate them`,
                    awsId: l.id,
                    region: "global",
                    urn: z.urn ?? "",
                    configKey: configKeyOf([v.vpc.replace(/^vpc:/, "")]),
                    fix: "disassociate it, or declare it in the stack",
                });
            }
        }
        const lrec = new Set(l.records.map((r) => `${r.name} ${r.type}`));
        for (const r of z.records) {
            if (!lrec.has(`${r.name} ${r.type}`)) {
                add({
                    kind: "missing",
                    item: "DNS record",
                    message: `zone ${z.zoneName} (${l.id}) has no ${r.type} record ${r.name}`,
                    awsId: l.id,
                    region: "global",
                    urn: r.urn ?? "",
                    configKey: configKeyOf([z.name]),
                    fix: UP,
                });
            }
        }
    }

    // ---- endpoints, services, principals, targets ---------------------------------------------------
    const liveEp = index(live.endpoints);
    for (const e of plan.endpoints) {
        const l = liveEp.get(e.key);
        if (!l) {
            continue;
        }
        if (l.state !== "available") {
            add({
                kind: "state",
                item: "VPC endpoint",
                message: `endpoint ${e.name} (${l.id}) is ${l.state}`,
                awsId: l.id,
                region: l.region,
                urn: e.accepterUrn ?? e.urn ?? "",
                configKey: configKeyOf([e.name]),
                fix: /pending/i.test(l.state)
                    ? `accept the connection on the service side (\`pulumi up\` re-runs the accepter, or aws ec2 accept-vpc-endpoint-connections --service-id <service> --vpc-endpoint-ids ${l.id})`
                    : UP,
            });
        }
        const lsg = new Set(l.securityGroups);
        for (const g of e.securityGroups) {
            if (!lsg.has(g)) {
                add({
                    kind: "missing",
                    item: "endpoint security group",
                    message: `endpoint ${e.name} (${l.id}) does not carry security group ${g}`,
                    awsId: l.id,
                    region: l.region,
                    urn: e.urn ?? "",
                    configKey: configKeyOf([e.name]),
                    fix: UP,
                });
            }
        }
    }
    const liveSvc = index(live.endpointServices);
    for (const s of plan.endpointServices) {
        const l = liveSvc.get(s.key);
        if (!l) {
            continue;
        }
        const lset = new Set(l.principals.map((p) => p.arn));
        const pset = new Set(s.principals.map((p) => p.arn));
        for (const p of s.principals) {
            if (!lset.has(p.arn)) {
                add({
                    kind: "missing",
                    item: "allowed principal",
                    message: `endpoint service ${s.name} (${l.id}) does not allow ${p.arn}: new endpoints from it are refused`,
                    awsId: l.id,
                    region: l.region,
                    urn: p.urn ?? "",
                    configKey: "landing-zone:endpointService.allowedPrincipals",
                    fix: UP,
                });
            }
        }
        for (const p of l.principals) {
            if (!pset.has(p.arn)) {
                add({
                    kind: "extra",
                    item: "allowed principal",
                    message: `endpoint service ${s.name} (${l.id}) allows ${p.arn}, which the stack does not declare`,
                    awsId: l.id,
                    region: l.region,
                    urn: s.urn ?? "",
                    configKey: "landing-zone:endpointService.allowedPrincipals",
                    fix: "remove the principal (aws ec2 modify-vpc-endpoint-service-permissions --remove-allowed-principals), or add it to the config",
                });
            }
        }
        if (l.acceptanceRequired !== s.acceptanceRequired) {
            add({
                kind: "changed",
                item: "endpoint service",
                message: `endpoint service ${s.name} (${l.id}) has acceptanceRequired ${l.acceptanceRequired}, plan: ${s.acceptanceRequired}`,
                awsId: l.id,
                region: l.region,
                urn: s.urn ?? "",
                configKey: "landing-zone:endpointService.acceptanceRequired",
                fix: UP,
            });
        }
    }
    const liveLb = index(live.loadBalancers);
    for (const b of plan.loadBalancers) {
        const l = liveLb.get(b.key);
        for (const t of l?.targets ?? []) {
            if (t.health !== "healthy") {
                add({
                    kind: "state",
                    item: "target",
                    message: `target ${t.id}${t.port ? `:${t.port}` : ""} behind ${b.name} is ${t.health}`,
                    awsId: t.id,
                    region: l?.region ?? "",
                    urn: b.urn ?? "",
                    configKey: "landing-zone:endpointService.targets",
                    fix: "check the target's service, its security group (the NLB's group must reach the target port) and the health check",
                });
            }
        }
    }
    return out;
}
