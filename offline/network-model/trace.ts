/**
 * The packet tracer of the reachability analyzer (analyze.ts): an index of the network model's objects
 * and the walk of a packet through route tables, peerings and transit gateways, both ways, plus the
 * security-group check.
 */
import { Cidr, contains, formatCidr, parseCidr } from "../../components/planning/cidr";
import { FlowContext, InspectionHop, traverseInspection } from "./inspection";
import { inferRoles } from "./roles";
import * as M from "./types";
import { display as D } from "./types";

/** " (account <id>)" for a VPC of a model that spans accounts; "" otherwise (single-account hops unchanged). */
const inAccount = (v: M.NetVpc): string => (v.account ? ` (account ${v.account})` : "");

export function cidr(text: string | undefined): Cidr | undefined {
    if (!text) {
        return undefined;
    }
    const p = parseCidr(text);
    return p.ok ? p.cidr : undefined;
}

export interface Broken {
    readonly broken: string;
    readonly key?: string;
}

export function longest<T extends { readonly dest: Cidr }>(list: readonly T[], addr: Cidr): T | undefined {
    let best: T | undefined;
    for (const h of list) {
        if (contains(h.dest, addr) && (!best || h.dest.prefix > best.dest.prefix)) {
            best = h;
        }
    }
    return best;
}

export class Index {
    readonly vpc = new Map<string, M.NetVpc>();
    readonly rtb = new Map<string, M.NetRouteTable>();
    readonly pcx = new Map<string, M.NetPeering>();
    readonly tgw = new Map<string, M.NetTgw>();
    readonly att = new Map<string, M.NetTgwAttachment>();
    readonly sg = new Map<string, M.NetSecurityGroup>();
    readonly subnet = new Map<string, M.NetSubnet>();
    readonly lb = new Map<string, M.NetLoadBalancer>();
    /** Keys of the inspection VPCs (roles.ts): a TGW delivery there for a destination outside is inspected, not delivered. */
    readonly inspection: ReadonlySet<string>;
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
        const roles = inferRoles(m);
        this.inspection = new Set(m.vpcs.filter((v) => roles.get(v.key) === "inspection").map((v) => v.key));
    }

    /** True for a hop to an inspection VPC's attachment for a range beyond that VPC: an inspection route. */
    private toInspection(h: { dest: Cidr; attachment?: string }): boolean {
        const a = h.attachment ? this.att.get(h.attachment) : undefined;
        const v = a?.kind === "vpc" && a.vpc && this.inspection.has(a.vpc) ? this.vpc.get(a.vpc) : undefined;
        const own = cidr(v?.cidr);
        return own !== undefined && !contains(own, h.dest);
    }

    /** Whether `dest`, sent by `vpc` to transit gateway `tgw`, would be looked up into inspection there. */
    private inspectedAt(vpc: string, tgw: string, dest: Cidr): boolean {
        const a = this.m.tgwAttachments.find((x) => x.kind === "vpc" && x.vpc === vpc && x.tgw === tgw);
        const table = a ? this.associatedTable(a.key, tgw) : undefined;
        const h = table ? longest(this.tgwHops(table), dest) : undefined;
        return h !== undefined && this.toInspection(h);
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
    trace(
        from: M.NetSubnet,
        dest: Cidr,
        hops: string[],
        flow: FlowContext = { inspections: [] },
    ): { delivered?: M.NetVpc } & Partial<Broken> {
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
        if (route.target.kind !== "tgw" && this.inspection.size > 0) {
            // A more specific route that leaves by another way than the TGW route it overrides, where the
            // TGW would have inspected the flow: a bypass in the VPC's own table.
            const over = candidates.find(
                (c) =>
                    c.route?.target.kind === "tgw" &&
                    contains(c.dest, dest) &&
                    c.dest.prefix < h.dest.prefix &&
                    this.inspectedAt(vpc?.key ?? "", c.route.target.ref ?? "", dest),
            );
            if (over?.route) {
                return {
                    broken: `bypass: route table ${D(rt)}: route ${route.label ?? route.destination} sends ${formatCidr(dest)} via ${route.target.kind}, more specific than ${over.route.label ?? over.route.destination} to the transit gateway, which inspects it: the flow skips inspection`,
                    key: rt.key,
                };
            }
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
            hops.push(`peering ${D(pcx)} -> ${D(other)}${inAccount(other)}`);
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
                const tableHops = this.tgwHops(table);
                const th = longest(tableHops, dest);
                if (!th) {
                    return { broken: `TGW route table ${D(table)}: no route to ${formatCidr(dest)}`, key: table.key };
                }
                hops.push(`${D(table)} -> ${th.via}`);
                if (this.inspection.size > 0 && !this.toInspection(th)) {
                    const over = tableHops.find((x) => this.toInspection(x) && contains(x.dest, dest) && x.dest.prefix < th.dest.prefix);
                    if (over) {
                        return {
                            broken: `bypass: TGW route table ${D(table)}: ${th.via} (${formatCidr(th.dest)}) is more specific than ${over.via} (${formatCidr(over.dest)}) to inspection, so ${formatCidr(dest)} skips inspection`,
                            key: table.key,
                        };
                    }
                }
                const next = th.attachment ? this.att.get(th.attachment) : undefined;
                if (!next) {
                    return { broken: `TGW route table ${D(table)}: ${formatCidr(dest)} goes nowhere (${th.via})`, key: table.key };
                }
                if (next.kind === "vpc") {
                    const out = next.vpc ? this.vpc.get(next.vpc) : undefined;
                    if (!out) {
                        return { broken: `${D(next)}: attachment without a VPC`, key: next.key };
                    }
                    hops.push(`attachment ${D(next)} -> ${D(out)}${inAccount(out)}`);
                    if (this.inspection.has(out.key) && !contains(cidr(out.cidr) as Cidr, dest)) {
                        const stop = traverseInspection(this, next, out, dest, tgw, flow, hops, cidr);
                        if (stop) {
                            return stop;
                        }
                        arriving = next;
                        continue;
                    }
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

    /**
     * Both directions between two subnets. When either crosses inspection, `inspection` lists the hop of
     * each direction, and the path is open only if both cross the same inspection attachment (a stateful
     * appliance that sees one direction drops the flow).
     */
    roundTrip(src: M.NetSubnet, dst: M.NetSubnet): { open: boolean; hops: string[]; inspection?: FlowInspection } & Partial<Broken> {
        const hops: string[] = [];
        const sc = cidr(src.cidr);
        const dc = cidr(dst.cidr);
        if (!sc || !dc) {
            return { open: false, hops, broken: "subnet CIDRs unknown" };
        }
        // Appliance mode pins both directions to one AZ's interface; the AZ shown is the source's.
        const fwd: FlowContext = { ...(src.az ? { az: src.az } : {}), inspections: [] };
        const ret: FlowContext = { ...(src.az ? { az: src.az } : {}), inspections: [] };
        const inspection = (): { inspection?: FlowInspection } =>
            fwd.inspections.length + ret.inspections.length > 0
                ? {
                      inspection: {
                          forward: fwd.inspections,
                          return: ret.inspections,
                          symmetric: symmetric(fwd.inspections, ret.inspections),
                      },
                  }
                : {};
        const out = this.trace(src, dc, hops, fwd);
        if (out.broken) {
            return { open: false, hops, broken: `forward: ${out.broken}`, ...(out.key ? { key: out.key } : {}), ...inspection() };
        }
        hops.push("(return)");
        const back = this.trace(dst, sc, hops, ret);
        if (back.broken) {
            return { open: false, hops, broken: `return: ${back.broken}`, ...(back.key ? { key: back.key } : {}), ...inspection() };
        }
        const i = inspection();
        if (i.inspection && !i.inspection.symmetric) {
            const [crossed, missed] = fwd.inspections.length > 0 ? ["forward", "return"] : ["return", "forward"];
            const at = (fwd.inspections[0] ?? ret.inspections[0]) as InspectionHop;
            return {
                open: false,
                hops,
                broken: `asymmetric: the ${crossed} path crosses inspection at ${at.attachment} but the ${missed} path does not, so the stateful appliance sees half of the flow`,
                key: this.m.tgwAttachments.find((a) => D(a) === at.attachment)?.key ?? "",
                ...i,
            };
        }
        return { open: true, hops, ...i };
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

/** Where a round trip crossed inspection, per direction. */
export interface FlowInspection {
    readonly forward: readonly InspectionHop[];
    readonly return: readonly InspectionHop[];
    /** Both directions cross the same inspection attachments. */
    readonly symmetric: boolean;
}

function symmetric(a: readonly InspectionHop[], b: readonly InspectionHop[]): boolean {
    const k = (l: readonly InspectionHop[]) =>
        l
            .map((h) => h.attachment)
            .sort()
            .join(",");
    return k(a) === k(b);
}
