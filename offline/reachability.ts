/**
 * Reachability over the captured resource graph: for every intended path (each spoke to each hub
 * interface endpoint, each consumer to the endpoint service, each pair of spokes in a TGW segment),
 * trace the packet hop by hop — VPC route table, peering connection or transit gateway, TGW route tables
 * on both sides of a TGW peering, the destination subnet — and the return path, then check the
 * security group and DNS. A broken path names the hop that breaks it.
 *
 * Links between resources are followed through property dependencies and known inputs (CIDRs), never
 * by comparing ids: the same analysis holds for a preview, where ids of new resources are unknown.
 */
import { T } from "../components/aws/types";
import { Cidr, contains, formatCidr, parseCidr } from "../components/planning/cidr";
import { propertyDependsOn, ResourceGraph, tagOf } from "./graph";
import { CapturedResource } from "./types";

export interface PathVerdict {
    /** `spoke-to-endpoint`, `consumer-to-service`, `segment`. */
    readonly kind: string;
    readonly from: string;
    readonly to: string;
    readonly open: boolean;
    /** Hops of the forward path then the return path, human-readable. */
    readonly hops: readonly string[];
    /** When broken: which hop or check fails, and why. */
    readonly brokenAt?: string;
}

export interface ReachabilityReport {
    readonly paths: readonly PathVerdict[];
    readonly open: number;
    readonly broken: number;
}

type R = CapturedResource;

function cidrOf(text: unknown): Cidr | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const p = parseCidr(text);
    return p.ok ? p.cidr : undefined;
}

interface VpcInfo {
    readonly vpc: R;
    readonly label: string;
    readonly cidr: Cidr;
}

/** A route candidate: destination and where it goes. */
interface Hop {
    readonly dest: Cidr;
    readonly kind: "local" | "pcx" | "tgw" | "tgw-attachment" | "blackhole" | "other";
    readonly target?: R;
    readonly via: string;
}

function longestMatch(hops: readonly Hop[], addr: Cidr): Hop | undefined {
    let best: Hop | undefined;
    for (const h of hops) {
        if (contains(h.dest, addr) && (!best || h.dest.prefix > best.dest.prefix)) {
            best = h;
        }
    }
    return best;
}

class Tracer {
    constructor(private readonly g: ResourceGraph) {}

    vpcInfo(vpc: R): VpcInfo {
        const c = cidrOf(vpc.inputs.cidrBlock);
        if (!c) {
            throw new Error(`${vpc.urn} has no known cidrBlock`);
        }
        return { vpc, label: vpc.name, cidr: c };
    }

    /** Route table a subnet is associated with. */
    routeTableOf(subnet: R): R | undefined {
        const a = this.g.referrers(T.routeTableAssociation, "subnetId", subnet)[0];
        return a ? this.g.dep(a, "routeTableId", T.routeTable) : undefined;
    }

    private vpcRoutes(rt: R, vpc: VpcInfo): Hop[] {
        const hops: Hop[] = [{ dest: vpc.cidr, kind: "local", via: "local" }];
        for (const r of this.g.referrers(T.route, "routeTableId", rt)) {
            const dest = cidrOf(r.inputs.destinationCidrBlock);
            if (!dest) {
                continue;
            }
            const pcx = this.g.dep(r, "vpcPeeringConnectionId", T.peering);
            const tgw = this.g.dep(r, "transitGatewayId", T.transitGateway);
            if (pcx) {
                hops.push({ dest, kind: "pcx", target: pcx, via: `${r.name}` });
            } else if (tgw) {
                hops.push({ dest, kind: "tgw", target: tgw, via: `${r.name}` });
            } else {
                hops.push({ dest, kind: "other", via: r.name });
            }
        }
        return hops;
    }

    /** Normalises an attachment reference (a peering accepter stands for its attachment). */
    private attachment(r: R | undefined): R | undefined {
        if (r && r.type === T.tgwPeeringAttachmentAccepter) {
            return this.g.dep(r, "transitGatewayAttachmentId", T.tgwPeeringAttachment);
        }
        return r;
    }

    private attachmentDep(r: R): R | undefined {
        return this.attachment(this.g.dep(r, "transitGatewayAttachmentId", T.tgwVpcAttachment, T.tgwPeeringAttachment, T.tgwPeeringAttachmentAccepter));
    }

    /** The TGW route table an attachment is associated with, on TGW `tgw`. */
    private associatedTable(attachment: R, tgw: R): R | undefined {
        for (const a of this.g.ofType(T.tgwRouteTableAssociation)) {
            if (this.attachmentDep(a)?.urn !== attachment.urn) {
                continue;
            }
            const table = this.g.dep(a, "transitGatewayRouteTableId", T.tgwRouteTable);
            if (table && this.g.dep(table, "transitGatewayId", T.transitGateway)?.urn === tgw.urn) {
                return table;
            }
        }
        return undefined;
    }

    private tgwRoutes(table: R): Hop[] {
        const hops: Hop[] = [];
        for (const r of this.g.referrers(T.tgwRoute, "transitGatewayRouteTableId", table)) {
            const dest = cidrOf(r.inputs.destinationCidrBlock);
            if (!dest) {
                continue;
            }
            if (r.inputs.blackhole === true) {
                hops.push({ dest, kind: "blackhole", via: r.name });
                continue;
            }
            const att = this.attachmentDep(r);
            hops.push(
                att
                    ? { dest, kind: "tgw-attachment", target: att, via: `static ${r.name}` }
                    : { dest, kind: "blackhole", via: `static ${r.name} names an attachment that does not exist (a TGW peering never accepted?)` },
            );
        }
        for (const p of this.g.referrers(T.tgwRouteTablePropagation, "transitGatewayRouteTableId", table)) {
            const att = this.attachmentDep(p);
            // Only VPC attachments propagate; propagation does not cross a TGW peering.
            if (att?.type === T.tgwVpcAttachment) {
                const vpc = this.g.dep(att, "vpcId", T.vpc);
                const c = vpc ? cidrOf(vpc.inputs.cidrBlock) : undefined;
                if (c) {
                    hops.push({ dest: c, kind: "tgw-attachment", target: att, via: `propagated ${p.name}` });
                }
            }
        }
        return hops;
    }

    private peeringAccepted(peering: R): boolean {
        return this.g.referrers(T.tgwPeeringAttachmentAccepter, "transitGatewayAttachmentId", peering).length > 0;
    }

    /**
     * Follows a packet from a subnet's route table to `dest`. Returns the VPC it is delivered in, or
     * the hop that drops it.
     */
    trace(fromSubnet: R, dest: Cidr, hops: string[]): { delivered?: R; broken?: string } {
        const vpcR = this.g.dep(fromSubnet, "vpcId", T.vpc);
        if (!vpcR) {
            return { broken: `${fromSubnet.name}: subnet has no VPC in the graph` };
        }
        let vpc = this.vpcInfo(vpcR);
        const rt = this.routeTableOf(fromSubnet);
        if (!rt) {
            return { broken: `${fromSubnet.name}: subnet has no route table association` };
        }
        const h = longestMatch(this.vpcRoutes(rt, vpc), dest);
        if (!h) {
            return { broken: `route table ${rt.name}: no route to ${formatCidr(dest)}` };
        }
        hops.push(`${rt.name} -> ${h.via}`);
        if (h.kind === "local") {
            return { delivered: vpc.vpc };
        }
        if (h.kind === "pcx" && h.target) {
            const pcx = h.target;
            if (this.g.referrers(T.peeringAccepter, "vpcPeeringConnectionId", pcx).length === 0) {
                return { broken: `peering ${pcx.name}: never accepted (no VpcPeeringConnectionAccepter)` };
            }
            const a = this.g.dep(pcx, "vpcId", T.vpc);
            const b = this.g.dep(pcx, "peerVpcId", T.vpc);
            const other = a?.urn === vpc.vpc.urn ? b : b?.urn === vpc.vpc.urn ? a : undefined;
            if (!other) {
                return { broken: `peering ${pcx.name}: does not connect ${vpc.label}` };
            }
            vpc = this.vpcInfo(other);
            hops.push(`peering ${pcx.name} -> ${vpc.label}`);
            // Not transitive: the destination must be inside the peer VPC.
            return contains(vpc.cidr, dest) ? { delivered: other } : { broken: `peering ${pcx.name}: ${formatCidr(dest)} is not in ${vpc.label} and peering is not transitive` };
        }
        if (h.kind === "tgw" && h.target) {
            let tgw = h.target;
            let arriving = this.g
                .referrers(T.tgwVpcAttachment, "vpcId", vpc.vpc)
                .find((a) => this.g.dep(a, "transitGatewayId", T.transitGateway)?.urn === tgw.urn);
            if (!arriving) {
                return { broken: `${rt.name}: routes to ${tgw.name}, but ${vpc.label} has no attachment to it` };
            }
            for (let step = 0; step < 8; step++) {
                const table = this.associatedTable(arriving, tgw);
                if (!table) {
                    return { broken: `${tgw.name}: attachment ${arriving.name} is associated with no route table` };
                }
                const th = longestMatch(this.tgwRoutes(table), dest);
                if (!th) {
                    return { broken: `TGW route table ${table.name}: no route to ${formatCidr(dest)}` };
                }
                hops.push(`${table.name} -> ${th.via}`);
                if (th.kind === "blackhole" || !th.target) {
                    return { broken: `TGW route table ${table.name}: ${formatCidr(dest)} goes nowhere (${th.via})` };
                }
                const next = th.target;
                if (next.type === T.tgwVpcAttachment) {
                    const out = this.g.dep(next, "vpcId", T.vpc);
                    if (!out) {
                        return { broken: `${next.name}: attachment without a VPC` };
                    }
                    const info = this.vpcInfo(out);
                    hops.push(`attachment ${next.name} -> ${info.label}`);
                    return contains(info.cidr, dest) ? { delivered: out } : { broken: `${info.label}: ${formatCidr(dest)} is not in the VPC the TGW delivers to` };
                }
                // Peering attachment: cross to the TGW on the other side.
                if (!this.peeringAccepted(next)) {
                    return { broken: `TGW peering ${next.name}: never accepted` };
                }
                const requester = this.g.dep(next, "transitGatewayId", T.transitGateway);
                const peer = this.g.dep(next, "peerTransitGatewayId", T.transitGateway);
                const other = requester?.urn === tgw.urn ? peer : requester;
                if (!other) {
                    return { broken: `TGW peering ${next.name}: other side not in the graph` };
                }
                hops.push(`TGW peering ${next.name} -> ${other.name}`);
                tgw = other;
                arriving = next;
            }
            return { broken: `routing loop through transit gateways towards ${formatCidr(dest)}` };
        }
        return { broken: `route table ${rt.name}: route to ${formatCidr(dest)} has an unsupported target (${h.via})` };
    }

    /** Security group admits `source` on TCP `port` through a standalone ingress rule. */
    admits(sg: R, source: Cidr, port: number): boolean {
        return this.g.referrers(T.ingressRule, "securityGroupId", sg).some((rule) => {
            const c = cidrOf(rule.inputs.cidrIpv4);
            const proto = String(rule.inputs.ipProtocol ?? "");
            const from = Number(rule.inputs.fromPort ?? -1);
            const to = Number(rule.inputs.toPort ?? -1);
            return c !== undefined && contains(c, source) && (proto === "tcp" || proto === "-1") && (proto === "-1" || (from <= port && port <= to));
        });
    }
}

/** First subnet of a tier in a VPC (AZ slot 0). */
function subnetOf(g: ResourceGraph, vpc: R, tier: string): R | undefined {
    return g
        .referrers(T.subnet, "vpcId", vpc)
        .filter((s) => tagOf(s, "landing-zone:tier") === tier)
        .sort((a, b) => a.name.localeCompare(b.name))[0];
}

function roundTrip(tr: Tracer, src: R, dst: R): { open: boolean; hops: string[]; brokenAt?: string } {
    const hops: string[] = [];
    const srcC = cidrOf(src.inputs.cidrBlock);
    const dstC = cidrOf(dst.inputs.cidrBlock);
    if (!srcC || !dstC) {
        return { open: false, hops, brokenAt: "subnet CIDRs unknown" };
    }
    const out = tr.trace(src, dstC, hops);
    if (out.broken) {
        return { open: false, hops, brokenAt: `forward: ${out.broken}` };
    }
    hops.push("(return)");
    const back = tr.trace(dst, srcC, hops);
    if (back.broken) {
        return { open: false, hops, brokenAt: `return: ${back.broken}` };
    }
    return { open: true, hops };
}

/** Analyses every intended path of the landing zone. */
export function analyzeReachability(resources: readonly CapturedResource[]): ReachabilityReport {
    const g = new ResourceGraph(resources);
    const tr = new Tracer(g);
    const paths: PathVerdict[] = [];
    const vpcs = g.ofType(T.vpc);
    const hub = vpcs.find((v) => tagOf(v, "landing-zone:role") === "hub");
    const spokes = vpcs.filter((v) => tagOf(v, "landing-zone:role") === "spoke").sort((a, b) => a.name.localeCompare(b.name));

    // ---- spoke -> each hub interface endpoint (AWS services) ------------------------------------
    if (hub) {
        const hubEndpoints = g
            .referrers(T.vpcEndpoint, "vpcId", hub)
            .filter((e) => e.inputs.vpcEndpointType === "Interface" && !String(e.inputs.serviceName ?? "").startsWith("com.amazonaws.vpce."))
            .sort((a, b) => a.name.localeCompare(b.name));
        for (const spoke of spokes) {
            const src = subnetOf(g, spoke, "workload");
            for (const ep of hubEndpoints) {
                const service = tagOf(ep, "landing-zone:service") ?? String(ep.inputs.serviceName);
                const verdict = (open: boolean, hops: string[], brokenAt?: string) =>
                    paths.push({ kind: "spoke-to-endpoint", from: spoke.name, to: service, open, hops, ...(brokenAt ? { brokenAt } : {}) });
                const dstSubnet = g.dep(ep, "subnetIds", T.subnet);
                if (!src || !dstSubnet) {
                    verdict(false, [], `${!src ? spoke.name : ep.name}: no subnet to trace from`);
                    continue;
                }
                const rt = roundTrip(tr, src, dstSubnet);
                if (!rt.open) {
                    verdict(false, rt.hops, rt.brokenAt);
                    continue;
                }
                const srcC = cidrOf(src.inputs.cidrBlock) as Cidr;
                const sg = g.dep(ep, "securityGroupIds", T.securityGroup);
                if (!sg || !tr.admits(sg, srcC, 443)) {
                    verdict(false, rt.hops, `security group ${sg?.name ?? "(none)"}: does not admit ${formatCidr(srcC)} on TCP 443`);
                    continue;
                }
                const zones = g.ofType(T.zone).filter((z) => g.referrers(T.record, "zoneId", z).some((rec) => propertyDependsOn(rec, "aliases", ep.urn)));
                if (zones.length === 0) {
                    const noZone = String(ep.inputs.serviceName ?? "").endsWith(".dynamodb");
                    if (!noZone) {
                        verdict(false, rt.hops, `DNS: no private hosted zone with an alias record to ${ep.name}`);
                        continue;
                    }
                } else {
                    const unassociated = zones.filter((z) => !g.referrers(T.zoneAssociation, "zoneId", z).some((a) => g.dep(a, "vpcId", T.vpc)?.urn === spoke.urn));
                    if (unassociated.length > 0) {
                        verdict(false, rt.hops, `DNS: zone ${String(unassociated[0].inputs.name)} is not associated with ${spoke.name}`);
                        continue;
                    }
                }
                verdict(true, rt.hops);
            }
        }
    }

    // ---- consumer -> endpoint service (PrivateLink: no routes, but SGs, acceptance) -------------
    for (const svc of g.ofType(T.vpcEndpointService)) {
        const nlb = g.dep(svc, "networkLoadBalancerArns", T.loadBalancer);
        const nlbSg = nlb ? g.dep(nlb, "securityGroups", T.securityGroup) : undefined;
        const port = Number((nlb ? g.referrers(T.listener, "loadBalancerArn", nlb)[0] : undefined)?.inputs.port ?? 0);
        for (const ep of [...g.referrers(T.vpcEndpoint, "serviceName", svc)].sort((a, b) => a.name.localeCompare(b.name))) {
            const vpc = g.dep(ep, "vpcId", T.vpc);
            const from = vpc?.name ?? ep.name;
            const verdict = (open: boolean, brokenAt?: string) =>
                paths.push({ kind: "consumer-to-service", from, to: svc.name, open, hops: [`${ep.name} -> PrivateLink -> ${nlb?.name ?? "?"}`], ...(brokenAt ? { brokenAt } : {}) });
            const cidr = vpc ? cidrOf(vpc.inputs.cidrBlock) : undefined;
            if (!cidr) {
                verdict(false, `${ep.name}: consumer VPC unknown`);
                continue;
            }
            const sg = g.dep(ep, "securityGroupIds", T.securityGroup);
            if (!sg || !tr.admits(sg, cidr, port)) {
                verdict(false, `consumer security group ${sg?.name ?? "(none)"}: does not admit ${formatCidr(cidr)} on TCP ${port}`);
            } else if (!nlbSg || !tr.admits(nlbSg, cidr, port)) {
                verdict(false, `NLB security group ${nlbSg?.name ?? "(none)"}: does not admit ${formatCidr(cidr)} on TCP ${port} (PrivateLink traffic keeps the client address)`);
            } else if (svc.inputs.acceptanceRequired !== false && g.referrers(T.vpcEndpointConnectionAccepter, "vpcEndpointId", ep).length === 0) {
                verdict(false, `acceptance: ${ep.name} is never accepted (no VpcEndpointConnectionAccepter)`);
            } else {
                verdict(true);
            }
        }
    }

    // ---- spokes in one TGW segment reach each other ---------------------------------------------
    const segmentOf = new Map<string, string>();
    for (const a of g.ofType(T.tgwRouteTableAssociation)) {
        const table = g.dep(a, "transitGatewayRouteTableId", T.tgwRouteTable);
        const role = table ? tagOf(table, "landing-zone:tgw-role") : undefined;
        const att = g.dep(a, "transitGatewayAttachmentId", T.tgwVpcAttachment);
        const vpc = att ? g.dep(att, "vpcId", T.vpc) : undefined;
        if (role?.startsWith("segment-") && vpc) {
            segmentOf.set(vpc.urn, role);
        }
    }
    for (const a of spokes) {
        for (const b of spokes) {
            if (a.urn >= b.urn || !segmentOf.has(a.urn) || segmentOf.get(a.urn) !== segmentOf.get(b.urn)) {
                continue;
            }
            const sa = subnetOf(g, a, "workload");
            const sb = subnetOf(g, b, "workload");
            if (!sa || !sb) {
                continue;
            }
            const rt = roundTrip(tr, sa, sb);
            paths.push({ kind: "segment", from: a.name, to: b.name, open: rt.open, hops: rt.hops, ...(rt.brokenAt ? { brokenAt: rt.brokenAt } : {}) });
        }
    }

    const open = paths.filter((p) => p.open).length;
    return { paths, open, broken: paths.length - open };
}

/**
 * Whether `from` (a subnet) can reach `to` (a subnet) and back: used to prove isolation, e.g. that
 * spokes outside a segment do not reach each other.
 */
export function canReach(resources: readonly CapturedResource[], fromSubnet: string, toSubnet: string): { open: boolean; brokenAt?: string; hops: string[] } {
    const g = new ResourceGraph(resources);
    const find = (name: string) => g.ofType(T.subnet).find((s) => s.name === name);
    const a = find(fromSubnet);
    const b = find(toSubnet);
    if (!a || !b) {
        throw new Error(`unknown subnet ${!a ? fromSubnet : toSubnet}`);
    }
    return roundTrip(new Tracer(g), a, b);
}
