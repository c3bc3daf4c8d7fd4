/**
 * Reachability that knows the caller: per spoke, per (service, Region the client calls), the path a
 * real client takes — not "every spoke to every hub endpoint". Two kinds of caller:
 *
 * - region-bound clients call the endpoints of the Region they run in (SSM Agent, the CloudWatch agent,
 *   SDK credential chains, container runtimes pulling from the Region's ECR; the REGION_BOUND_CLIENTS
 *   table of components/aws/service-dependencies.ts): one cell per service they call, in the spoke's
 *   own Region, whoever serves it (the hub in the hub's Region, a regional endpoint set elsewhere);
 * - explicit cross-region callers (an SDK client built for the hub's Region, the seed scenario: a
 *   DynamoDB table in eu-west-2 called from eu-west-1) call the hub's Region: one cell per hub
 *   interface endpoint, for spokes outside the hub's Region.
 *
 * Each cell is traced the way the client goes: DNS (the name it resolves — the service's published
 * private DNS name in the called Region — answered by which zone, in which VPC, through a direct
 * association or the VPC's Route 53 Profile), then the endpoint the zone's alias names (its service
 * and Region, its state), the routes both ways (the same packet tracer as the matrix), the endpoint's
 * security group on TCP 443, then the service's dependencies in the called Region (the
 * SERVICE_DEPENDENCIES table: ECR layers need S3 in the registry's Region — the spoke's own S3 gateway
 * serves only its own Region and VPC, so a call to another Region needs an S3 interface endpoint there
 * and its zone). A broken cell names the missing piece:
 *
 *   `eu-west-1 ssm: no endpoint and no route out of spoke-payments`
 *   `eu-west-2 ecr.dkr: layers: no S3 path to eu-west-2 (…)`
 *
 * A name no zone of the VPC answers resolves to the service's public endpoint, reachable only through a
 * default route (the platform has no internet gateway or NAT), which is what "no route out" reports.
 *
 * Pure, on the neutral network model: the live model (`npm run verify`) fills every field this reads
 * (zones and their VPCs — directly or through a Profile — records, endpoints, routes, security groups),
 * so the live and the planned cells mean the same thing.
 */
import { DEFAULT_INTERFACE_SERVICES, lookupInterfaceService } from "../../components/aws/endpoint-services";
import { dependenciesOf, REGION_BOUND_CLIENTS } from "../../components/aws/service-dependencies";
import { Cidr, formatCidr } from "../../components/planning/cidr";
import { inferRoles } from "./roles";
import { cidr, Index } from "./trace";
import * as M from "./types";
import { display as D } from "./types";

/** Who makes the call. */
export type CallerKind = "region-bound" | "cross-region";

/** How the VPC resolves the name: which zone answers, through what. */
export interface CellDns {
    readonly name: string;
    /** Zone name (the zone that answers), absent when no zone of the VPC answers. */
    readonly zone?: string;
    /** `association` (the zone's own VPCs or a ZoneAssociation) or `profile` (the VPC's Route 53 Profile). */
    readonly via?: "association" | "profile";
    /** The Profile's model key when `via` is `profile`. */
    readonly profile?: string;
}

/** A dependency of the cell's service, in the called Region. */
export interface CellDependency {
    readonly service: string;
    readonly why: string;
    readonly open: boolean;
    /** `gateway` (the spoke's own S3 gateway endpoint) or `interface` (an endpoint resolved through a zone). */
    readonly via?: "gateway" | "interface";
    readonly brokenAt?: string;
}

/** One cell of the caller matrix. */
export interface CallerCell {
    readonly spoke: string;
    readonly caller: CallerKind;
    /** The Region the client calls. */
    readonly region: string;
    readonly service: string;
    readonly open: boolean;
    /**
     * The stack means this cell to work: it has an endpoint for the service in that Region (the hub's
     * set for cross-region callers, the hub or the Region's own set for region-bound ones). A cell of a
     * Region whose set is disabled is reported, broken, but not intended.
     */
    readonly intended: boolean;
    readonly dns: CellDns;
    /** The endpoint the zone's alias points at (its display name). */
    readonly endpoint?: string;
    readonly hops: readonly string[];
    readonly dependencies: readonly CellDependency[];
    readonly brokenAt?: string;
    /** Model key of the object that breaks the cell (live reports resolve it to an AWS id). */
    readonly brokenKey?: string;
}

export interface CallerMatrix {
    readonly cells: readonly CallerCell[];
    readonly open: number;
    readonly broken: number;
    /** Broken cells the stack means to work (these fail the plan). */
    readonly brokenIntended: number;
}

/** Services region-bound clients call in their own Region (union of REGION_BOUND_CLIENTS, table order). */
export const REGION_BOUND_SERVICES: readonly string[] = [...new Set(REGION_BOUND_CLIENTS.flatMap((c) => c.calls))];

const byName = <T extends { readonly name: string; readonly label?: string }>(a: T, b: T) => D(a).localeCompare(D(b));
const norm = (n: string) => n.toLowerCase().replace(/\.$/, "");

/** The name a client resolves for `service` in `region`: the published private DNS name (what the zones are named after). */
export function serviceDnsName(service: string, region: string): string {
    const spec = lookupInterfaceService(service);
    return spec && spec.hostedZone !== false ? spec.zoneName(region) : `${service}.${region}.amazonaws.com`;
}

/** The caller matrix of the modelled landing zone. */
export function analyzeCallers(m: M.NetworkModel): CallerMatrix {
    const ix = new Index(m);
    const roles = inferRoles(m);
    const hub = m.vpcs
        .filter((v) => roles.get(v.key) === "hub")
        .sort((x, y) => Number(y.role === "hub") - Number(x.role === "hub") || byName(x, y))[0];
    const spokes = m.vpcs.filter((v) => roles.get(v.key) === "spoke").sort(byName);
    const cells: CallerCell[] = [];
    if (!hub) {
        return { cells, open: 0, broken: 0, brokenIntended: 0 };
    }
    const hubServices = m.endpoints
        .filter((e) => e.vpc === hub.key && e.type === "Interface" && serviceOf(e, hub.region) !== undefined)
        .map((e) => serviceOf(e, hub.region) as string);
    const ordered = (xs: readonly string[]) => [...new Set(xs)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

    for (const spoke of spokes) {
        const src = firstSubnet(m, spoke);
        for (const service of REGION_BOUND_SERVICES) {
            cells.push(cell(m, ix, spoke, src, "region-bound", spoke.region, service));
        }
        if (spoke.region !== hub.region) {
            for (const service of ordered(hubServices)) {
                cells.push(cell(m, ix, spoke, src, "cross-region", hub.region, service));
            }
        }
    }
    const open = cells.filter((c) => c.open).length;
    return { cells, open, broken: cells.length - open, brokenIntended: cells.filter((c) => !c.open && c.intended).length };
}

/** Position in the default hub set, so cells read in the order the README lists services. */
function rank(service: string): number {
    const i = DEFAULT_INTERFACE_SERVICES.indexOf(service);
    return i < 0 ? DEFAULT_INTERFACE_SERVICES.length : i;
}

/** `com.amazonaws.<region>.<svc>` -> `<svc>` when the endpoint serves `region`. */
function serviceOf(e: M.NetEndpoint, region: string): string | undefined {
    const prefix = `com.amazonaws.${region}.`;
    return e.service.startsWith(prefix) ? e.service.slice(prefix.length) : undefined;
}

/** A hand-added VPC may have no tier tags: its first subnet stands in for the workload tier (as analyze.ts). */
function firstSubnet(m: M.NetworkModel, vpc: M.NetVpc): M.NetSubnet | undefined {
    const own = m.subnets.filter((s) => s.vpc === vpc.key).sort(byName);
    return own.find((s) => s.tier === "workload") ?? (own.some((s) => s.tier !== undefined) ? undefined : own[0]);
}

/** The zone of `vpc` that answers `name` (longest suffix match, as Route 53 Resolver picks), and how the VPC has it. */
function answeringZone(m: M.NetworkModel, vpc: M.NetVpc, name: string): { zone: M.NetZone; link: M.NetZone["vpcs"][number] } | undefined {
    const n = norm(name);
    let best: { zone: M.NetZone; link: M.NetZone["vpcs"][number] } | undefined;
    for (const z of m.zones) {
        const zn = norm(z.zoneName);
        if (n !== zn && !n.endsWith(`.${zn}`)) {
            continue;
        }
        const link = z.vpcs.find((v) => v.vpc === vpc.key);
        if (link && (!best || zn.length > norm(best.zone.zoneName).length)) {
            best = { zone: z, link };
        }
    }
    return best;
}

/** The endpoint a zone's record for `name` aliases (the apex record, or `*` for a sub-domain). */
function aliasedEndpoint(m: M.NetworkModel, zone: M.NetZone, name: string): M.NetEndpoint | undefined {
    const n = norm(name);
    const zn = norm(zone.zoneName);
    const full = (r: M.NetRecord) => {
        const x = norm(r.name);
        return x === zn || x.endsWith(`.${zn}`) ? x : `${x}.${zn}`;
    };
    const record =
        zone.records.find((r) => r.type === "A" && full(r) === n) ??
        zone.records.find((r) => r.type === "A" && full(r) === `*.${zn}` && n !== zn);
    return record?.aliasEndpoint ? m.endpoints.find((e) => e.key === record.aliasEndpoint) : undefined;
}

/** A default route out of the VPC (towards an internet or NAT gateway, or anything else), if any. */
function routeOut(m: M.NetworkModel, src: M.NetSubnet | undefined): M.NetRoute | undefined {
    const rt = src?.routeTable ? m.routeTables.find((t) => t.key === src.routeTable) : undefined;
    return rt?.routes.find((r) => r.destination === "0.0.0.0/0" && r.state === "active");
}

/** The endpoint serving `service` in `region` anywhere in the model (intent: the stack built one). */
function endpointFor(m: M.NetworkModel, service: string, region: string): M.NetEndpoint | undefined {
    return m.endpoints.find((e) => e.type === "Interface" && e.service === `com.amazonaws.${region}.${service}`);
}

interface Reach {
    readonly open: boolean;
    readonly dns: CellDns;
    readonly endpoint?: M.NetEndpoint;
    readonly hops: readonly string[];
    readonly brokenAt?: string;
    readonly brokenKey?: string;
}

/** DNS -> endpoint -> routes -> security group for one (VPC, service, Region). */
function reach(m: M.NetworkModel, ix: Index, vpc: M.NetVpc, src: M.NetSubnet | undefined, service: string, region: string): Reach {
    const name = serviceDnsName(service, region);
    const found = answeringZone(m, vpc, name);
    if (!found) {
        const out = routeOut(m, src);
        const unassociated = m.zones.find((z) => norm(z.zoneName) === norm(name));
        const dns: CellDns = { name };
        if (out) {
            // The public name: reachable only through the default route (internet or NAT gateway).
            return { open: true, dns, hops: [`${name} resolves publicly`, `default route via ${out.label ?? out.target.kind}`] };
        }
        return {
            open: false,
            dns,
            hops: [],
            brokenAt: unassociated
                ? `DNS: zone ${unassociated.zoneName} is not associated with ${D(vpc)}, and ${D(vpc)} has no route out`
                : `no endpoint and no route out of ${D(vpc)}`,
            brokenKey: unassociated?.key ?? vpc.key,
        };
    }
    const dns: CellDns = {
        name,
        zone: found.zone.zoneName,
        via: found.link.profile ? "profile" : "association",
        ...(found.link.profile ? { profile: found.link.profile } : {}),
    };
    const ep = aliasedEndpoint(m, found.zone, name);
    const hops = [`DNS ${name}: zone ${found.zone.zoneName} (${dns.via === "profile" ? `Profile ${found.link.profile}` : "associated"})`];
    if (!ep) {
        return {
            open: false,
            dns,
            hops,
            brokenAt: `DNS: zone ${found.zone.zoneName} has no alias record to an endpoint for ${name}`,
            brokenKey: found.zone.key,
        };
    }
    hops.push(`endpoint ${D(ep)}`);
    if (ep.service !== `com.amazonaws.${region}.${service}`) {
        return {
            open: false,
            dns,
            endpoint: ep,
            hops,
            brokenAt: `endpoint ${D(ep)} serves ${ep.service}, not ${service} in ${region}`,
            brokenKey: ep.key,
        };
    }
    if (ep.state !== "available") {
        return { open: false, dns, endpoint: ep, hops, brokenAt: `endpoint ${D(ep)}: state ${ep.state}`, brokenKey: ep.key };
    }
    const dst = ep.subnets
        .map((k) => ix.subnet.get(k))
        .filter((x): x is M.NetSubnet => x !== undefined)
        .sort(byName)[0];
    if (!src || !dst) {
        return {
            open: false,
            dns,
            endpoint: ep,
            hops,
            brokenAt: `${!src ? D(vpc) : D(ep)}: no subnet to trace from`,
            brokenKey: !src ? vpc.key : ep.key,
        };
    }
    const rt = ix.roundTrip(src, dst);
    hops.push(...rt.hops);
    if (!rt.open) {
        return {
            open: false,
            dns,
            endpoint: ep,
            hops,
            brokenAt: `routes to ${D(ep)}: ${rt.broken ?? "broken"}`,
            ...(rt.key ? { brokenKey: rt.key } : {}),
        };
    }
    const srcC = cidr(src.cidr) as Cidr;
    const sg = ep.securityGroups.map((k) => ix.sg.get(k)).find((x) => x !== undefined);
    if (!sg || !ix.admits(sg, srcC, 443)) {
        return {
            open: false,
            dns,
            endpoint: ep,
            hops,
            brokenAt: `security group ${sg ? D(sg) : "(none)"} of ${D(ep)}: does not admit ${formatCidr(srcC)} on TCP 443`,
            brokenKey: sg?.key ?? ep.key,
        };
    }
    return { open: true, dns, endpoint: ep, hops };
}

/** The dependencies of `service` in `region`, each traced like a cell (S3 also by the spoke's own gateway). */
function dependencies(
    m: M.NetworkModel,
    ix: Index,
    vpc: M.NetVpc,
    src: M.NetSubnet | undefined,
    service: string,
    region: string,
): CellDependency[] {
    return dependenciesOf(service).map((d): CellDependency => {
        if (d.service === "s3") {
            const gateway = m.endpoints.find(
                (e) => e.vpc === vpc.key && e.type === "Gateway" && e.service === `com.amazonaws.${vpc.region}.s3`,
            );
            if (gateway && region === vpc.region) {
                return { service: "s3", why: d.why, open: true, via: "gateway" };
            }
            const r = reach(m, ix, vpc, src, "s3", region);
            if (r.open && r.endpoint) {
                return { service: "s3", why: d.why, open: true, via: "interface" };
            }
            const gatewayNote = gateway
                ? `the S3 gateway endpoint of ${D(vpc)} serves ${vpc.region} only, and not through peering or a transit gateway`
                : `${D(vpc)} has no S3 gateway endpoint`;
            const inner = r.brokenAt && !r.brokenAt.startsWith("no endpoint") ? ` (${r.brokenAt})` : "";
            return {
                service: "s3",
                why: d.why,
                open: false,
                brokenAt: `layers: no S3 path to ${region}: ${gatewayNote}, and no S3 interface endpoint of ${region} resolves from ${D(vpc)}${inner}`,
            };
        }
        const r = reach(m, ix, vpc, src, d.service, region);
        return r.open
            ? { service: d.service, why: d.why, open: true, via: "interface" }
            : {
                  service: d.service,
                  why: d.why,
                  open: false,
                  brokenAt: `needs ${d.service} in ${region} (${d.why}): ${r.brokenAt ?? "broken"}`,
              };
    });
}

function cell(
    m: M.NetworkModel,
    ix: Index,
    spoke: M.NetVpc,
    src: M.NetSubnet | undefined,
    caller: CallerKind,
    region: string,
    service: string,
): CallerCell {
    const r = reach(m, ix, spoke, src, service, region);
    const deps = r.open ? dependencies(m, ix, spoke, src, service, region) : [];
    const unmet = deps.find((d) => !d.open);
    const open = r.open && !unmet;
    const brokenAt = r.brokenAt ?? (unmet ? `${unmet.brokenAt}` : undefined);
    return {
        spoke: D(spoke),
        caller,
        region,
        service,
        open,
        intended: endpointFor(m, service, region) !== undefined,
        dns: r.dns,
        ...(r.endpoint ? { endpoint: D(r.endpoint) } : {}),
        hops: r.hops,
        dependencies: deps,
        ...(brokenAt ? { brokenAt: `${region} ${service}: ${brokenAt}` } : {}),
        ...(r.brokenKey ? { brokenKey: r.brokenKey } : {}),
    };
}
