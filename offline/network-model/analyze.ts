/**
 * The one reachability analyzer: it runs on the neutral network model, whichever source built it — the
 * offline plan (offline/reachability.ts renders its result as the plan's `reachability` section) or the
 * live describe calls (`npm run verify`) — so the plan's matrix and the live matrix mean exactly the same
 * thing and can be compared path by path. Each broken path names the object that breaks it
 * (`brokenKey`), so a live report can give its AWS id. Objects are named by `display()`: their Pulumi
 * name in a plan, their Name tag (or AWS id) live.
 *
 * Paths: each spoke's first workload subnet to each hub interface endpoint (routes both ways, the
 * endpoint's security group on TCP 443, the endpoint's state, the zone's association with the spoke);
 * each consumer endpoint to its endpoint service (consumer and NLB security groups on the listener port,
 * the connection's state, target health where known); each pair of spokes in one TGW segment.
 */
import { Cidr, formatCidr } from "../../components/planning/cidr";
import { Broken, cidr, FlowInspection, Index } from "./trace";
import { inferRoles } from "./roles";
import * as M from "./types";
import { display as D } from "./types";

export { inferRoles };

export interface ModelPathVerdict {
    readonly kind: "spoke-to-endpoint" | "consumer-to-service" | "segment";
    readonly from: string;
    readonly to: string;
    readonly open: boolean;
    readonly hops: readonly string[];
    readonly brokenAt?: string;
    /** Model key of the object that breaks the path. */
    readonly brokenKey?: string;
    /** Where the path crosses centralised inspection (both directions), when it does. */
    readonly inspection?: FlowInspection;
}

export interface ModelReachability {
    readonly paths: readonly ModelPathVerdict[];
    readonly open: number;
    readonly broken: number;
}

const inspectionOf = (r: { inspection?: FlowInspection }): { inspection?: FlowInspection } =>
    r.inspection ? { inspection: r.inspection } : {};

const byName = <T extends { readonly name: string; readonly label?: string }>(a: T, b: T) => D(a).localeCompare(D(b));

/** Analyses every intended path of the modelled landing zone. */
export function analyzeModel(m: M.NetworkModel): ModelReachability {
    const ix = new Index(m);
    const paths: ModelPathVerdict[] = [];
    const push = (p: Omit<ModelPathVerdict, "brokenAt" | "brokenKey">, broken?: Partial<Broken> & { inspection?: FlowInspection }) =>
        paths.push({
            ...p,
            ...(broken?.broken ? { brokenAt: broken.broken } : {}),
            ...(broken?.key ? { brokenKey: broken.key } : {}),
            ...(broken?.inspection ? { inspection: broken.inspection } : {}),
        });
    const roles = inferRoles(m);
    const hub = m.vpcs
        .filter((v) => roles.get(v.key) === "hub")
        .sort((x, y) => Number(y.role === "hub") - Number(x.role === "hub") || byName(x, y))[0];
    const spokes = m.vpcs.filter((v) => roles.get(v.key) === "spoke").sort(byName);
    // A hand-added VPC may have no tier tags: its first subnet stands in for the workload tier.
    const firstSubnet = (vpc: M.NetVpc, tier: string) => {
        const own = m.subnets.filter((s) => s.vpc === vpc.key).sort(byName);
        return own.find((s) => s.tier === tier) ?? (own.some((s) => s.tier !== undefined) ? undefined : own[0]);
    };

    if (hub) {
        const hubEndpoints = m.endpoints
            .filter(
                (e) =>
                    e.vpc === hub.key &&
                    e.type === "Interface" &&
                    !e.service.startsWith("vpce-svc:") &&
                    !e.service.startsWith("com.amazonaws.vpce."),
            )
            .sort(byName);
        for (const spoke of spokes) {
            const src = firstSubnet(spoke, "workload");
            for (const ep of hubEndpoints) {
                const to = ep.serviceTag ?? ep.service;
                // A spoke of the hub's Region with its own S3 gateway keeps that free path: the hub's S3 zone
                // is kept off it (components/planning/hub-s3-zone.ts), so the hub's S3 endpoint is not a path
                // it is meant to take.
                if (
                    ep.service === `com.amazonaws.${hub.region}.s3` &&
                    spoke.region === hub.region &&
                    m.endpoints.some((g) => g.vpc === spoke.key && g.type === "Gateway" && g.service === ep.service)
                ) {
                    continue;
                }
                const base = { kind: "spoke-to-endpoint" as const, from: D(spoke), to };
                const dst = ep.subnets
                    .map((k) => ix.subnet.get(k))
                    .filter((x): x is M.NetSubnet => x !== undefined)
                    .sort(byName)[0];
                if (!src || !dst) {
                    push(
                        { ...base, open: false, hops: [] },
                        { broken: `${!src ? D(spoke) : D(ep)}: no subnet to trace from`, key: !src ? spoke.key : ep.key },
                    );
                    continue;
                }
                const rt = ix.roundTrip(src, dst);
                if (!rt.open) {
                    push({ ...base, open: false, hops: rt.hops }, rt);
                    continue;
                }
                if (ep.state !== "available") {
                    push(
                        { ...base, open: false, hops: rt.hops },
                        { ...inspectionOf(rt), broken: `endpoint ${D(ep)}: state ${ep.state}`, key: ep.key },
                    );
                    continue;
                }
                const srcC = cidr(src.cidr) as Cidr;
                const sg = ep.securityGroups.map((k) => ix.sg.get(k)).find((x) => x !== undefined);
                if (!sg || !ix.admits(sg, srcC, 443)) {
                    push(
                        { ...base, open: false, hops: rt.hops },
                        {
                            ...inspectionOf(rt),
                            broken: `security group ${sg ? D(sg) : "(none)"}: does not admit ${formatCidr(srcC)} on TCP 443`,
                            key: sg?.key ?? ep.key,
                        },
                    );
                    continue;
                }
                const zones = m.zones.filter((z) => z.records.some((r) => r.aliasEndpoint === ep.key));
                if (zones.length === 0) {
                    if (!ep.service.endsWith(".dynamodb")) {
                        push(
                            { ...base, open: false, hops: rt.hops },
                            { ...inspectionOf(rt), broken: `DNS: no private hosted zone with an alias record to ${D(ep)}`, key: ep.key },
                        );
                        continue;
                    }
                } else {
                    const unassociated = zones.filter((z) => !z.vpcs.some((v) => v.vpc === spoke.key));
                    if (unassociated.length > 0) {
                        push(
                            { ...base, open: false, hops: rt.hops },
                            {
                                ...inspectionOf(rt),
                                broken: `DNS: zone ${unassociated[0].zoneName} is not associated with ${D(spoke)}`,
                                key: unassociated[0].key,
                            },
                        );
                        continue;
                    }
                }
                push({ ...base, open: true, hops: rt.hops }, inspectionOf(rt));
            }
        }
    }

    for (const svc of m.endpointServices) {
        const lb = svc.loadBalancers.map((k) => ix.lb.get(k)).find((x) => x !== undefined);
        const lbSg = lb?.securityGroups.map((k) => ix.sg.get(k)).find((x) => x !== undefined);
        const port = lb?.listenerPorts[0] ?? 0;
        // GWLB endpoints of the inspection service are route targets, not consumers (inspection.ts traces them).
        for (const ep of m.endpoints.filter((e) => e.service === svc.key && e.type !== "GatewayLoadBalancer").sort(byName)) {
            const vpc = ep.vpc ? ix.vpc.get(ep.vpc) : undefined;
            const base = {
                kind: "consumer-to-service" as const,
                from: vpc ? D(vpc) : D(ep),
                to: D(svc),
                hops: [`${D(ep)} -> PrivateLink -> ${lb ? D(lb) : "?"}`],
            };
            const c = cidr(vpc?.cidr);
            const sg = ep.securityGroups.map((k) => ix.sg.get(k)).find((x) => x !== undefined);
            const unhealthy = lb?.targets?.filter((t) => t.health !== "healthy");
            if (!c) {
                push({ ...base, open: false }, { broken: `${D(ep)}: consumer VPC unknown`, key: ep.key });
            } else if (!sg || !ix.admits(sg, c, port)) {
                push(
                    { ...base, open: false },
                    {
                        broken: `consumer security group ${sg ? D(sg) : "(none)"}: does not admit ${formatCidr(c)} on TCP ${port}`,
                        key: sg?.key ?? ep.key,
                    },
                );
            } else if (!lbSg || !ix.admits(lbSg, c, port)) {
                push(
                    { ...base, open: false },
                    {
                        broken: `NLB security group ${lbSg ? D(lbSg) : "(none)"}: does not admit ${formatCidr(c)} on TCP ${port} (PrivateLink traffic keeps the client address)`,
                        key: lbSg?.key ?? lb?.key,
                    },
                );
            } else if (ep.state !== "available") {
                push({ ...base, open: false }, { broken: `acceptance: ${D(ep)} is never accepted (state ${ep.state})`, key: ep.key });
            } else if (lb?.targets && (lb.targets.length === 0 || unhealthy?.length === lb.targets.length)) {
                push(
                    { ...base, open: false },
                    {
                        broken: `targets: no healthy target behind ${D(lb)} (${(unhealthy ?? []).map((t) => `${t.id} ${t.health}`).join(", ") || "none registered"})`,
                        key: lb.key,
                    },
                );
            } else {
                push({ ...base, open: true });
            }
        }
    }

    const segmentOf = new Map<string, string>();
    for (const t of m.tgwRouteTables) {
        if (!t.role?.startsWith("segment-")) {
            continue;
        }
        for (const a of t.associations) {
            const att = ix.att.get(a.attachment);
            if (att?.kind === "vpc" && att.vpc) {
                segmentOf.set(att.vpc, t.role);
            }
        }
    }
    for (const a of spokes) {
        for (const b of spokes) {
            // Same pair order as offline/reachability.ts (by URN there; URNs of spokes differ only in the name).
            if (D(a) >= D(b) || !segmentOf.has(a.key) || segmentOf.get(a.key) !== segmentOf.get(b.key)) {
                continue;
            }
            const sa = firstSubnet(a, "workload");
            const sb = firstSubnet(b, "workload");
            if (!sa || !sb) {
                continue;
            }
            const rt = ix.roundTrip(sa, sb);
            push({ kind: "segment", from: D(a), to: D(b), open: rt.open, hops: rt.hops }, rt);
        }
    }
    const open = paths.filter((p) => p.open).length;
    return { paths, open, broken: paths.length - open };
}

/**
 * Whether subnet `from` reaches subnet `to` and back (subnets named as reports name them: Pulumi names in
 * a plan's model) — used to prove isolation too, e.g. that spokes outside a segment do not reach each
 * other. Throws on an unknown subnet name: a typo in a test must not read as "isolated".
 */
export function reachBetween(
    m: M.NetworkModel,
    from: string,
    to: string,
): { readonly open: boolean; readonly hops: string[]; readonly brokenAt?: string; readonly brokenKey?: string } {
    const find = (name: string) => {
        const found = m.subnets.find((x) => D(x) === name);
        if (!found) {
            throw new Error(`unknown subnet ${name}`);
        }
        return found;
    };
    const a = find(from);
    const b = find(to);
    const rt = new Index(m).roundTrip(a, b);
    return { open: rt.open, hops: rt.hops, ...(rt.broken ? { brokenAt: rt.broken } : {}), ...(rt.key ? { brokenKey: rt.key } : {}) };
}

/** One line per path: `kind from -> to: open|broken` — what two matrices must agree on. */
export function matrixOf(r: {
    readonly paths: readonly { readonly kind: string; readonly from: string; readonly to: string; readonly open: boolean }[];
}): string[] {
    return r.paths.map((p) => `${p.kind} ${p.from} -> ${p.to}: ${p.open ? "open" : "broken"}`).sort();
}
