/**
 * The inspection hop of the packet tracer (trace.ts): what happens to a packet the transit gateway
 * delivers into the inspection VPC (roles.ts) for a destination outside it.
 *
 * AWS facts the walk follows:
 *
 * - With appliance mode on the inspection attachment, the transit gateway picks ONE of the attachment's
 *   network interfaces (one AZ) per flow, by flow hash, and keeps both directions on it; without it, the
 *   TGW keeps each direction in the AZ it came from, so a flow whose ends are in different AZs crosses
 *   two AZs' appliances, and a stateful appliance sees half a flow and drops it (AWS Transit Gateway
 *   guide, "How transit gateways work", Availability Zones and appliance mode:
 *   https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html; Network Firewall does not
 *   support asymmetric routing:
 *   https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html). The
 *   flow hash is not predictable, so every AZ of the attachment must work; the hop shows one of them (the
 *   source's AZ when the attachment has a subnet there, else the first).
 * - Inside the VPC the attachment subnet's route table decides: the inspected design routes it to the
 *   inspection endpoint of the SAME AZ (a GWLB endpoint, or the Network Firewall's endpoint in that AZ);
 *   what leaves the endpoint follows the endpoint subnet's route table back to the transit gateway
 *   ("Access an inspection system using a Gateway Load Balancer endpoint", Configure routing:
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html). A route more
 *   specific than the endpoint route in the attachment subnet's table is a bypass.
 * - Longest prefix first in a TGW route table ("Route evaluation order", same page as above): a route
 *   more specific than a route to the inspection attachment, pointing elsewhere, takes that part of an
 *   inspected flow past the appliances (the pack's `inspection-no-bypass-route` says the same).
 */
import { Cidr, contains, formatCidr } from "../../components/planning/cidr";
import * as M from "./types";
import { display as D } from "./types";

/** Where and how one direction of a flow was inspected. */
export interface InspectionHop {
    /** The inspection VPC (display name). */
    readonly vpc: string;
    /** Its transit gateway attachment (display name). */
    readonly attachment: string;
    /** Appliance mode of the attachment; `unknown` when the model does not say (a live read without it). */
    readonly applianceMode: boolean | "unknown";
    /** The AZ shown for this flow (one of `azs`; see the module doc). */
    readonly az: string;
    /** The endpoint the flow meets in `az`: a GWLB endpoint, or the Network Firewall (display name). */
    readonly endpoint: string;
    /** The firewall's endpoint id in `az`, when known. */
    readonly endpointId?: string;
    readonly engine: "gwlb" | "network-firewall";
    /** Every AZ of the attachment, each checked to route to its own endpoint and back. */
    readonly azs: readonly string[];
}

/** What the tracer needs from its index (trace.ts's `Index`), kept narrow so this file does not import it. */
export interface InspectionIndex {
    readonly m: M.NetworkModel;
    readonly subnet: ReadonlyMap<string, M.NetSubnet>;
    readonly rtb: ReadonlyMap<string, M.NetRouteTable>;
    readonly vpc: ReadonlyMap<string, M.NetVpc>;
}

export interface InspectionBroken {
    readonly broken: string;
    readonly key?: string;
}

/** Per-flow state the tracer carries through both directions. */
export interface FlowContext {
    /** AZ of the flow's source subnet: the AZ shown for appliance mode's pick. */
    readonly az?: string;
    /** Inspection hops of the direction being traced, in order. */
    readonly inspections: InspectionHop[];
}

/** One AZ's way through the inspection VPC, or what breaks it. */
interface AzWalk {
    readonly hops: readonly string[];
    readonly endpoint?: { readonly name: string; readonly id?: string; readonly engine: InspectionHop["engine"] };
    readonly broken?: InspectionBroken;
}

/** The route of `rt` (VPC route table of `vpc`) that `dest` takes, with the local route; undefined: none. */
function lookup(
    rt: M.NetRouteTable,
    vpc: M.NetVpc,
    dest: Cidr,
    cidr: (t: string | undefined) => Cidr | undefined,
): { route?: M.NetRoute; local: boolean; dest?: Cidr } {
    let best: { route?: M.NetRoute; d: Cidr } | undefined;
    const own = cidr(vpc.cidr);
    if (own && contains(own, dest)) {
        best = { d: own };
    }
    for (const r of rt.routes) {
        const d = cidr(r.destination);
        if (d && contains(d, dest) && (!best || d.prefix > best.d.prefix)) {
            best = { route: r, d };
        }
    }
    return best ? { route: best.route, local: best.route === undefined, dest: best.d } : { local: false };
}

const routeText = (r: M.NetRoute) => r.label ?? `${r.destination} via ${r.target.kind} ${r.target.ref ?? r.target.id ?? ""}`.trimEnd();

/** The AZ a subnet is in, or "?" when the model does not say. */
const azOf = (s: M.NetSubnet | undefined) => s?.az ?? "?";

/**
 * The walk through the inspection VPC in the AZ of `entry` (an attachment subnet): its table must send
 * `dest` to the endpoint of the same AZ, and the endpoint subnet's table back to transit gateway `tgw`.
 */
function walkAz(
    ix: InspectionIndex,
    vpc: M.NetVpc,
    entry: M.NetSubnet,
    dest: Cidr,
    tgw: string,
    cidr: (t: string | undefined) => Cidr | undefined,
): AzWalk {
    const az = azOf(entry);
    const where = `inspection VPC ${D(vpc)}, ${az}`;
    const rt = entry.routeTable ? ix.rtb.get(entry.routeTable) : undefined;
    if (!rt) {
        return { hops: [], broken: { broken: `${where}: attachment subnet ${D(entry)} has no route table association`, key: entry.key } };
    }
    const chosen = lookup(rt, vpc, dest, cidr);
    if (!chosen.route) {
        return { hops: [], broken: { broken: `${where}: route table ${D(rt)} has no route to ${formatCidr(dest)}`, key: rt.key } };
    }
    const route = chosen.route;
    if (route.target.kind !== "endpoint") {
        const over = rt.routes.find((r) => {
            const d = cidr(r.destination);
            return (
                r.target.kind === "endpoint" &&
                d !== undefined &&
                contains(d, dest) &&
                chosen.dest !== undefined &&
                d.prefix < chosen.dest.prefix
            );
        });
        return {
            hops: [],
            broken: over
                ? {
                      broken: `bypass: ${where}: route ${routeText(route)} in ${D(rt)} sends ${formatCidr(dest)} via ${route.target.kind} ${route.target.ref ?? ""}, more specific than ${routeText(over)} to the inspection endpoint, so the flow skips inspection`,
                      key: rt.key,
                  }
                : {
                      broken: `${where}: route table ${D(rt)} sends ${formatCidr(dest)} via ${routeText(route)}, not to an inspection endpoint`,
                      key: rt.key,
                  },
        };
    }
    const ep = resolveEndpoint(ix, route, entry);
    if (!ep.ok) {
        return { hops: [], broken: { broken: `${where}: route ${routeText(route)} in ${D(rt)} ${ep.why}`, key: ep.key ?? rt.key } };
    }
    if (ep.az !== undefined && entry.az !== undefined && ep.az !== entry.az) {
        return {
            hops: [],
            broken: {
                broken: `${where}: route ${routeText(route)} in ${D(rt)} sends the AZ's traffic to ${ep.name} in ${ep.az}; each AZ's attachment subnet must route to the endpoint of its own AZ`,
                key: rt.key,
            },
        };
    }
    if (ep.state !== undefined && ep.state !== "available") {
        return { hops: [], broken: { broken: `${where}: endpoint ${ep.name} is ${ep.state}, so it forwards nothing`, key: ep.key } };
    }
    const out = ep.subnet ? ix.subnet.get(ep.subnet) : undefined;
    const outRt = out?.routeTable ? ix.rtb.get(out.routeTable) : undefined;
    if (!out || !outRt) {
        return {
            hops: [],
            broken: {
                broken: `${where}: endpoint ${ep.name}'s subnet ${out ? D(out) : "(unknown)"} has no route table to send inspected traffic back`,
                key: out?.key ?? ep.key,
            },
        };
    }
    const back = lookup(outRt, vpc, dest, cidr).route;
    if (!back || back.target.kind !== "tgw" || (back.target.ref !== undefined && back.target.ref !== tgw)) {
        return {
            hops: [],
            broken: {
                broken: `${where}: route table ${D(outRt)} of endpoint subnet ${D(out)} ${back ? `sends ${formatCidr(dest)} via ${routeText(back)}` : `has no route to ${formatCidr(dest)}`}, not back to the transit gateway`,
                key: outRt.key,
            },
        };
    }
    return {
        hops: [`${D(rt)} -> ${routeText(route)} -> ${ep.name}`, `${D(outRt)} -> ${routeText(back)}`],
        endpoint: { name: ep.name, engine: ep.engine, ...(ep.id ? { id: ep.id } : {}) },
    };
}

type Resolved =
    | {
          readonly ok: true;
          readonly name: string;
          readonly key: string;
          readonly engine: InspectionHop["engine"];
          readonly az?: string;
          readonly subnet?: string;
          readonly state?: string;
          readonly id?: string;
      }
    | { readonly ok: false; readonly why: string; readonly key?: string };

/**
 * The endpoint a route's `vpcEndpointId` reaches: a GWLB endpoint (its one subnet and AZ), or a Network
 * Firewall's endpoint — the sync state whose endpoint id the route names, else (a preview, or a source
 * without sync states) the firewall's mapped subnet in the route table's AZ, as the pack checks it.
 */
function resolveEndpoint(ix: InspectionIndex, route: M.NetRoute, entry: M.NetSubnet): Resolved {
    const ref = route.target.ref;
    const gwlbe = ix.m.endpoints.find(
        (e) => (ref !== undefined && e.key === ref) || (ref === undefined && route.target.id !== undefined && e.id === route.target.id),
    );
    if (gwlbe) {
        const subnet = gwlbe.subnets[0];
        const az = subnet ? ix.subnet.get(subnet)?.az : undefined;
        return {
            ok: true,
            name: D(gwlbe),
            key: gwlbe.key,
            engine: "gwlb",
            state: gwlbe.state,
            ...(subnet ? { subnet } : {}),
            ...(az ? { az } : {}),
        };
    }
    const fw = (ix.m.firewalls ?? []).find(
        (f) => (ref !== undefined && f.key === ref) || (route.target.id !== undefined && f.endpoints.some((e) => e.id === route.target.id)),
    );
    if (!fw) {
        return { ok: false, why: `names an endpoint ${ref ?? route.target.id ?? ""} that does not exist in the model`.replace("  ", " ") };
    }
    const byId = route.target.id !== undefined ? fw.endpoints.find((e) => e.id === route.target.id) : undefined;
    const az = byId?.az ?? entry.az;
    const mapped = fw.subnets.find((k) => ix.subnet.get(k)?.az === az) ?? byId?.subnet;
    if (!mapped) {
        return {
            ok: false,
            why: `goes to firewall ${D(fw)}, which has no endpoint in ${az ?? "this AZ"} (no mapped subnet there)`,
            key: fw.key,
        };
    }
    return {
        ok: true,
        name: D(fw),
        key: fw.key,
        engine: "network-firewall",
        subnet: mapped,
        ...(az ? { az } : {}),
        ...(byId?.id ? { id: byId.id } : {}),
    };
}

/**
 * Traces `dest` through inspection VPC `vpc`, entered over attachment `att` of transit gateway `tgw`:
 * appliance mode, then every AZ of the attachment. Pushes the shown AZ's hops and records the hop in
 * `flow`; returns what breaks it, if anything.
 */
export function traverseInspection(
    ix: InspectionIndex,
    att: M.NetTgwAttachment,
    vpc: M.NetVpc,
    dest: Cidr,
    tgw: string,
    flow: FlowContext,
    hops: string[],
    cidr: (t: string | undefined) => Cidr | undefined,
): InspectionBroken | undefined {
    if (att.applianceMode === false) {
        return {
            broken: `attachment ${D(att)} of inspection VPC ${D(vpc)}: appliance mode is off, so the transit gateway keeps each direction in the AZ it came from and a flow between AZs meets two appliances, each seeing half of it; set applianceModeSupport: "enable"`,
            key: att.key,
        };
    }
    // A source that does not list the attachment's subnets: the VPC's subnets whose table routes to an
    // inspection endpoint are where the TGW delivers (the inspected design's attachment subnets).
    const keys =
        att.subnets ??
        ix.m.subnets
            .filter((s) => s.vpc === vpc.key && s.routeTable && ix.rtb.get(s.routeTable)?.routes.some((r) => r.target.kind === "endpoint"))
            .map((s) => s.key);
    const entries = keys
        .map((k) => ix.subnet.get(k))
        .filter((x): x is M.NetSubnet => x !== undefined)
        .sort((a, b) => azOf(a).localeCompare(azOf(b)) || D(a).localeCompare(D(b)));
    if (entries.length === 0) {
        return {
            broken: `attachment ${D(att)} of inspection VPC ${D(vpc)}: no attachment subnet known, nowhere to deliver into`,
            key: att.key,
        };
    }
    const shown = entries.find((e) => flow.az !== undefined && e.az === flow.az) ?? entries[0];
    const ordered = [shown, ...entries.filter((e) => e !== shown)];
    let walked: AzWalk | undefined;
    for (const e of ordered) {
        const w = walkAz(ix, vpc, e, dest, tgw, cidr);
        if (w.broken) {
            if (e !== shown) {
                return { ...w.broken, broken: `${w.broken.broken} (appliance mode may hash any flow to ${azOf(e)})` };
            }
            return w.broken;
        }
        walked ??= w;
    }
    const w = walked as AzWalk;
    const mode = att.applianceMode === undefined ? "appliance mode unknown" : "appliance mode";
    hops.push(`inspection ${D(vpc)} via ${D(att)} (${mode}) in ${azOf(shown)}: ${w.hops.join("; ")}`);
    flow.inspections.push({
        vpc: D(vpc),
        attachment: D(att),
        applianceMode: att.applianceMode ?? "unknown",
        az: azOf(shown),
        endpoint: w.endpoint?.name ?? "?",
        ...(w.endpoint?.id ? { endpointId: w.endpoint.id } : {}),
        engine: w.endpoint?.engine ?? "gwlb",
        azs: [...new Set(entries.map(azOf))],
    });
    return undefined;
}
