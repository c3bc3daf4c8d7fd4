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
import { Cidr, contains, formatCidr, parseCidr } from "../../components/planning/cidr";
import * as M from "./types";
import { display as D } from "./types";

export interface ModelPathVerdict {
    readonly kind: "spoke-to-endpoint" | "consumer-to-service" | "segment";
    readonly from: string;
    readonly to: string;
    readonly open: boolean;
    readonly hops: readonly string[];
    readonly brokenAt?: string;
    /** Model key of the object that breaks the path. */
    readonly brokenKey?: string;
}

export interface ModelReachability {
    readonly paths: readonly ModelPathVerdict[];
    readonly open: number;
    readonly broken: number;
}

function cidr(text: string | undefined): Cidr | undefined {
    if (!text) {
        return undefined;
    }
    const p = parseCidr(text);
    return p.ok ? p.cidr : undefined;
}

interface Broken {
    readonly broken: string;
    readonly key?: string;
}

function longest<T extends { readonly dest: Cidr }>(list: readonly T[], addr: Cidr): T | undefined {
    let best: T | undefined;
    for (const h of list) {
        if (contains(h.dest, addr) && (!best || h.dest.prefix > best.dest.prefix)) {
            best = h;
        }
    }
    return best;
}

class Index {
    readonly vpc = new Map<string, M.NetVpc>();
    readonly rtb = new Map<string, M.NetRouteTable>();
    readonly pcx = new Map<string, M.NetPeering>();
    readonly tgw = new Map<string, M.NetTgw>();
    readonly att = new Map<string, M.NetTgwAttachment>();
    readonly sg = new Map<string, M.NetSecurityGroup>();
    readonly subnet = new Map<string, M.NetSubnet>();
    readonly lb = new Map<string, M.NetLoadBalancer>();
    constructor(readonly m: M.NetworkModel) {
        for (const [map, list] of [
            [this.vpc, m.vpcs],
            [this.rtb, m.routeTables],
            [this.pcx, m.peerings],
            [this.tgw, m.tgws],
            [this.att, m.tgwAttachments],
            [this.sg, m.securityGroups],
            [this.subnet, m.subnets],
            [this.lb, m.loadBalancers],
        ] as const) {
            for (const o of list) {
                (map as Map<string, M.Origin>).set(o.key, o);
            }
        }
    }

    associatedTable(attachment: string, tgw: string): M.NetTgwRouteTable | undefined {
        return this.m.tgwRouteTables.find((t) => t.tgw === tgw && t.associations.some((a) => a.attachment === attachment));
    }

    tgwHops(table: M.NetTgwRouteTable): { dest: Cidr; attachment?: string; via: string }[] {
        const hops: { dest: Cidr; attachment?: string; via: string }[] = [];
        for (const r of table.routes) {
            const d = cidr(r.destination);
            if (d) {
                hops.push({
                    dest: d,
                    ...(r.blackhole || !r.attachment ? {} : { attachment: r.attachment }),
                    via:
                        r.blackhole && !r.declaredBlackhole
                            ? `static ${r.label ?? r.destination} names an attachment that does not exist (a TGW peering never accepted?)`
                            : `static ${r.label ?? r.destination}`,
                });
            }
        }
        for (const p of table.propagations) {
            const a = this.att.get(p.attachment);
            const v = a?.kind === "vpc" && a.vpc ? this.vpc.get(a.vpc) : undefined;
            const d = cidr(v?.cidr);
            if (a && d) {
                hops.push({ dest: d, attachment: a.key, via: `propagated ${p.label ?? D(a)}` });
            }
        }
        return hops;
    }

    /** Follows a packet from `from` (a subnet) to `dest`; returns the VPC it is delivered in or what drops it. */
    trace(from: M.NetSubnet, dest: Cidr, hops: string[]): { delivered?: M.NetVpc } & Partial<Broken> {
        let vpc = this.vpc.get(from.vpc);
        if (!vpc) {
            return { broken: `${D(from)}: subnet has no VPC`, key: from.key };
        }
        const rt = from.routeTable ? this.rtb.get(from.routeTable) : undefined;
        if (!rt) {
            return { broken: `${D(from)}: subnet has no route table association`, key: from.key };
        }
        const vpcCidr = cidr(vpc.cidr) as Cidr;
        const candidates = [
            { dest: vpcCidr, route: undefined as M.NetRoute | undefined },
            ...rt.routes.flatMap((r) => {
                const d = cidr(r.destination);
                return d ? [{ dest: d, route: r }] : [];
            }),
        ];
        const h = longest(candidates, dest);
        if (!h) {
            return { broken: `route table ${D(rt)}: no route to ${formatCidr(dest)}`, key: rt.key };
        }
        if (!h.route) {
            hops.push(`${D(rt)} -> local`);
            return { delivered: vpc };
        }
        const route = h.route;
        hops.push(
            `${D(rt)} -> ${route.label ?? `${route.destination} via ${route.target.kind} ${route.target.ref ?? route.target.id ?? ""}`.trimEnd()}`,
        );
        if (route.state === "blackhole") {
            return { broken: `route table ${D(rt)}: route to ${route.destination} is a blackhole (its target is gone)`, key: rt.key };
        }
        if (route.target.kind === "pcx") {
            const pcx = route.target.ref ? this.pcx.get(route.target.ref) : undefined;
            if (!pcx) {
                return {
                    broken: `route table ${D(rt)}: route to ${route.destination} names a peering connection that does not exist`,
                    key: rt.key,
                };
            }
            if (pcx.status !== "active") {
                // pending-acceptance: the requester exists but no accepter ran (an up stopped there, or the
                // accepter resource is missing); AWS forwards nothing until the status is active.
                const why =
                    pcx.status === "pending-acceptance" ? "never accepted (status pending-acceptance)" : `status ${pcx.status}, not active`;
                return { broken: `peering ${D(pcx)}: ${why}`, key: pcx.key };
            }
            const otherKey = pcx.requesterVpc === vpc.key ? pcx.accepterVpc : pcx.accepterVpc === vpc.key ? pcx.requesterVpc : undefined;
            const other = otherKey ? this.vpc.get(otherKey) : undefined;
            if (!other) {
                return { broken: `peering ${D(pcx)}: does not connect ${D(vpc)}`, key: pcx.key };
            }
            hops.push(`peering ${D(pcx)} -> ${D(other)}`);
            const oc = cidr(other.cidr) as Cidr;
            return contains(oc, dest)
                ? { delivered: other }
                : {
                      broken: `peering ${D(pcx)}: ${formatCidr(dest)} is not in ${D(other)} and peering is not transitive`,
                      key: pcx.key,
                  };
        }
        if (route.target.kind === "tgw") {
            let tgw = route.target.ref ?? "";
            const tgwName = (k: string) => {
                const t = this.tgw.get(k);
                return t ? D(t) : k;
            };
            let arriving = this.m.tgwAttachments.find((a) => a.kind === "vpc" && a.vpc === vpc?.key && a.tgw === tgw);
            if (!arriving) {
                return { broken: `${D(rt)}: routes to ${tgwName(tgw)}, but ${D(vpc)} has no attachment to it`, key: rt.key };
            }
            if (arriving.state !== "available") {
                return { broken: `TGW attachment ${D(arriving)}: state ${arriving.state}`, key: arriving.key };
            }
            for (let step = 0; step < 8; step++) {
                const table = this.associatedTable(arriving.key, tgw);
                if (!table) {
                    return {
                        broken: `${tgwName(tgw)}: attachment ${D(arriving)} is associated with no route table`,
                        key: arriving.key,
                    };
                }
                const th = longest(this.tgwHops(table), dest);
                if (!th) {
                    return { broken: `TGW route table ${D(table)}: no route to ${formatCidr(dest)}`, key: table.key };
                }
                hops.push(`${D(table)} -> ${th.via}`);
                const next = th.attachment ? this.att.get(th.attachment) : undefined;
                if (!next) {
                    return { broken: `TGW route table ${D(table)}: ${formatCidr(dest)} goes nowhere (${th.via})`, key: table.key };
                }
                if (next.kind === "vpc") {
                    const out = next.vpc ? this.vpc.get(next.vpc) : undefined;
                    if (!out) {
                        return { broken: `${D(next)}: attachment without a VPC`, key: next.key };
                    }
                    hops.push(`attachment ${D(next)} -> ${D(out)}`);
                    vpc = out;
                    return contains(cidr(out.cidr) as Cidr, dest)
                        ? { delivered: out }
                        : { broken: `${D(out)}: ${formatCidr(dest)} is not in the VPC the TGW delivers to`, key: next.key };
                }
                if (next.state !== "available") {
                    const why = next.state === "pendingAcceptance" ? "never accepted (state pendingAcceptance)" : `state ${next.state}`;
                    return { broken: `TGW peering ${D(next)}: ${why}`, key: next.key };
                }
                const other = next.tgw === tgw ? next.peerTgw : next.tgw;
                if (!other) {
                    return { broken: `TGW peering ${D(next)}: other side unknown`, key: next.key };
                }
                hops.push(`TGW peering ${D(next)} -> ${tgwName(other)}`);
                tgw = other;
                arriving = next;
            }
            return { broken: `routing loop through transit gateways towards ${formatCidr(dest)}` };
        }
        return { broken: `route table ${D(rt)}: route to ${route.destination} has an unsupported target`, key: rt.key };
    }

    roundTrip(src: M.NetSubnet, dst: M.NetSubnet): { open: boolean; hops: string[] } & Partial<Broken> {
        const hops: string[] = [];
        const sc = cidr(src.cidr);
        const dc = cidr(dst.cidr);
        if (!sc || !dc) {
            return { open: false, hops, broken: "subnet CIDRs unknown" };
        }
        const out = this.trace(src, dc, hops);
        if (out.broken) {
            return { open: false, hops, broken: `forward: ${out.broken}`, ...(out.key ? { key: out.key } : {}) };
        }
        hops.push("(return)");
        const back = this.trace(dst, sc, hops);
        if (back.broken) {
            return { open: false, hops, broken: `return: ${back.broken}`, ...(back.key ? { key: back.key } : {}) };
        }
        return { open: true, hops };
    }

    /** The group admits `source` on TCP `port` (an ingress rule with a CIDR containing it). */
    admits(sg: M.NetSecurityGroup, source: Cidr, port: number): boolean {
        return sg.rules.some((r) => {
            const c = cidr(r.cidr);
            return (
                r.direction === "ingress" &&
                c !== undefined &&
                contains(c, source) &&
                (r.protocol === "tcp" || r.protocol === "-1") &&
                (r.protocol === "-1" || (r.fromPort <= port && port <= r.toPort))
            );
        });
    }
}

/**
 * Which VPC is the hub and which are spokes, from the topology, with the `landing-zone:role` tag as a
 * hint — as the policy pack infers them (policy-pack/lib/roles.ts), so a hand-added untagged spoke is
 * still judged:
 *
 * - **hub**: a VPC holding an interface endpoint to an AWS service that an alias record of a zone of the
 *   stack points at (the centralised-endpoints pattern: AWS whitepaper "Building a scalable and secure
 *   multi-VPC AWS network infrastructure", centralized access to VPC private endpoints).
 * - **spoke**: another VPC peered with a hub (either side), or attached to a transit gateway that is a
 *   hub's or joined to one through TGW peerings.
 * - where the topology says nothing, the tag decides; a VPC tagged with another role (not `hub` or
 *   `spoke`, e.g. a future inspection VPC attached to the hub's TGW) keeps it: it hosts no workloads whose
 *   paths the matrix promises.
 */
export function inferRoles(m: M.NetworkModel): ReadonlyMap<string, "hub" | "spoke" | undefined> {
    const aliased = new Set(m.zones.flatMap((z) => z.records.flatMap((r) => (r.aliasEndpoint ? [r.aliasEndpoint] : []))));
    const hubs = new Set(
        m.endpoints
            .filter(
                (e) =>
                    e.vpc &&
                    e.type === "Interface" &&
                    e.service.startsWith("com.amazonaws.") &&
                    !e.service.startsWith("com.amazonaws.vpce.") &&
                    aliased.has(e.key),
            )
            .map((e) => e.vpc as string),
    );
    // TGWs joined by peering attachments form one component (union-find on keys).
    const parent = new Map<string, string>();
    const find = (x: string): string => {
        let r = x;
        while (parent.has(r) && parent.get(r) !== r) {
            r = parent.get(r) as string;
        }
        return r;
    };
    for (const a of m.tgwAttachments) {
        if (a.kind === "peering" && a.tgw && a.peerTgw && find(a.tgw) !== find(a.peerTgw)) {
            parent.set(find(a.tgw), find(a.peerTgw));
        }
    }
    const vpcAttachments = m.tgwAttachments.filter((a) => a.kind === "vpc" && a.vpc && a.tgw);
    const hubComponents = new Set(vpcAttachments.filter((a) => hubs.has(a.vpc as string)).map((a) => find(a.tgw as string)));
    const connected = new Set<string>([
        ...m.peerings.flatMap((p) =>
            p.requesterVpc && p.accepterVpc
                ? hubs.has(p.requesterVpc)
                    ? [p.accepterVpc]
                    : hubs.has(p.accepterVpc)
                      ? [p.requesterVpc]
                      : []
                : [],
        ),
        ...vpcAttachments.filter((a) => hubComponents.has(find(a.tgw as string))).map((a) => a.vpc as string),
    ]);
    const out = new Map<string, "hub" | "spoke" | undefined>();
    for (const v of m.vpcs) {
        const tagged = v.role === "hub" || v.role === "spoke" ? v.role : undefined;
        if (v.role !== undefined && tagged === undefined) {
            out.set(v.key, undefined);
        } else if (hubs.has(v.key)) {
            out.set(v.key, "hub");
        } else if (connected.has(v.key)) {
            out.set(v.key, "spoke");
        } else {
            out.set(v.key, tagged);
        }
    }
    return out;
}

const byName = <T extends { readonly name: string; readonly label?: string }>(a: T, b: T) => D(a).localeCompare(D(b));

/** Analyses every intended path of the modelled landing zone. */
export function analyzeModel(m: M.NetworkModel): ModelReachability {
    const ix = new Index(m);
    const paths: ModelPathVerdict[] = [];
    const push = (p: Omit<ModelPathVerdict, "brokenAt" | "brokenKey">, broken?: Partial<Broken>) =>
        paths.push({ ...p, ...(broken?.broken ? { brokenAt: broken.broken } : {}), ...(broken?.key ? { brokenKey: broken.key } : {}) });
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
                    push({ ...base, open: false, hops: rt.hops }, { broken: `endpoint ${D(ep)}: state ${ep.state}`, key: ep.key });
                    continue;
                }
                const srcC = cidr(src.cidr) as Cidr;
                const sg = ep.securityGroups.map((k) => ix.sg.get(k)).find((x) => x !== undefined);
                if (!sg || !ix.admits(sg, srcC, 443)) {
                    push(
                        { ...base, open: false, hops: rt.hops },
                        {
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
                            { broken: `DNS: no private hosted zone with an alias record to ${D(ep)}`, key: ep.key },
                        );
                        continue;
                    }
                } else {
                    const unassociated = zones.filter((z) => !z.vpcs.some((v) => v.vpc === spoke.key));
                    if (unassociated.length > 0) {
                        push(
                            { ...base, open: false, hops: rt.hops },
                            {
                                broken: `DNS: zone ${unassociated[0].zoneName} is not associated with ${D(spoke)}`,
                                key: unassociated[0].key,
                            },
                        );
                        continue;
                    }
                }
                push({ ...base, open: true, hops: rt.hops });
            }
        }
    }

    for (const svc of m.endpointServices) {
        const lb = svc.loadBalancers.map((k) => ix.lb.get(k)).find((x) => x !== undefined);
        const lbSg = lb?.securityGroups.map((k) => ix.sg.get(k)).find((x) => x !== undefined);
        const port = lb?.listenerPorts[0] ?? 0;
        for (const ep of m.endpoints.filter((e) => e.service === svc.key).sort(byName)) {
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
