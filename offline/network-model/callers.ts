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
    /**
     * `association` (the zone's own VPCs or a ZoneAssociation), `profile` (the VPC's Route 53 Profile),
     * `private-dns` (the VPC's own interface endpoint with private DNS: AWS's managed zone answers, and no
     * hosted zone of that name can be associated with the VPC), or `endpoint-name` (a service AWS publishes
     * no private DNS name for, such as DynamoDB: the client calls the endpoint-specific `vpce-…` name,
     * which public DNS resolves to the endpoint's private addresses).
     */
    readonly via?: "association" | "profile" | "private-dns" | "endpoint-name";
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
     * The stack means this cell to work: the spoke's planned share includes it — a zone of the stack that
     * answers the name is linked to the spoke (associated, or held by its Profile), the spoke's own
     * endpoint answers it with private DNS, or (a service without private DNS) the stack built the
     * endpoint whose `vpce-` name the client calls. A spoke that opted out of a service, or a Region whose
     * set is disabled, gets the cell reported, broken, but not intended. Live, the links read are what
     * AWS holds, so a zone association removed by hand turns its cells unintended (drift reports it).
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

/**
 * The name a client calls: the service's name, except ECR's registry API, which `docker pull` reaches
 * at the registry's own name `<account>.dkr.ecr.<region>.amazonaws.com` (what the zone's wildcard
 * record answers; Amazon ECR, "Private registry concepts"). The account is left as `<account>`: every
 * account's registry resolves through the same wildcard.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html
 */
export function callDnsName(service: string, region: string): string {
    return service === "ecr.dkr" ? `<account>.${serviceDnsName(service, region)}` : serviceDnsName(service, region);
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
        const src = workloadSubnets(m, spoke);
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

/**
 * The subnets a spoke's clients run in: every workload subnet (each AZ has its own route table, and a
 * client in any of them must get through). A hand-added VPC may have no tier tags: its first subnet
 * stands in for the workload tier (as analyze.ts).
 */
function workloadSubnets(m: M.NetworkModel, vpc: M.NetVpc): readonly M.NetSubnet[] {
    const own = m.subnets.filter((s) => s.vpc === vpc.key).sort(byName);
    const workload = own.filter((s) => s.tier === "workload");
    return workload.length > 0 || own.some((s) => s.tier !== undefined) ? workload : own.slice(0, 1);
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

/** A default route out of the subnet's table (towards an internet or NAT gateway, or anything else), if any. */
function routeOut(m: M.NetworkModel, src: M.NetSubnet): M.NetRoute | undefined {
    const rt = src.routeTable ? m.routeTables.find((t) => t.key === src.routeTable) : undefined;
    return rt?.routes.find((r) => r.destination === "0.0.0.0/0" && r.state === "active");
}

/**
 * The endpoint serving `service` in `region` a client of `vpc` calls by its endpoint-specific name: the
 * VPC's own, else the first by name (the hub's, for the cross-region callers).
 */
function endpointFor(m: M.NetworkModel, vpc: M.NetVpc, service: string, region: string): M.NetEndpoint | undefined {
    const all = m.endpoints.filter((e) => e.type === "Interface" && e.service === `com.amazonaws.${region}.${service}`).sort(byName);
    return all.find((e) => e.vpc === vpc.key) ?? all[0];
}

/**
 * The VPC's own interface endpoint for `service` in `region` with private DNS on: AWS then answers the
 * service's names in that VPC from a zone it manages ("Private DNS for interface endpoints"), ahead of
 * anything the stack associates — and AWS refuses to associate a hosted zone of the same name with the
 * VPC (ConflictingDomainExists), so such a VPC keeps resolving its own endpoint.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#private-dns
 */
function ownPrivateDnsEndpoint(m: M.NetworkModel, vpc: M.NetVpc, service: string, region: string): M.NetEndpoint | undefined {
    return m.endpoints.find(
        (e) => e.vpc === vpc.key && e.type === "Interface" && e.privateDns === true && e.service === `com.amazonaws.${region}.${service}`,
    );
}

interface Reach {
    readonly open: boolean;
    readonly dns: CellDns;
    readonly endpoint?: M.NetEndpoint;
    readonly hops: readonly string[];
    readonly brokenAt?: string;
    readonly brokenKey?: string;
    /** The spoke's planned share includes the call (see CallerCell.intended). */
    readonly intended: boolean;
}

/** How the VPC resolves the name a client of `service` calls in `region`, and the endpoint it names. */
type Resolution =
    | { readonly kind: "endpoint"; readonly dns: CellDns; readonly endpoint: M.NetEndpoint; readonly hops: string[] }
    | { readonly kind: "no-alias"; readonly dns: CellDns; readonly zone: M.NetZone; readonly hops: string[] }
    | { readonly kind: "unanswered"; readonly dns: CellDns };

function resolve(m: M.NetworkModel, vpc: M.NetVpc, service: string, region: string): Resolution {
    const name = callDnsName(service, region);
    const own = ownPrivateDnsEndpoint(m, vpc, service, region);
    if (own) {
        return {
            kind: "endpoint",
            dns: { name, zone: serviceDnsName(service, region), via: "private-dns" },
            endpoint: own,
            hops: [`DNS ${name}: private DNS of ${D(own)} (AWS-managed zone in ${D(vpc)})`],
        };
    }
    if (lookupInterfaceService(service)?.hostedZone === false) {
        // No private DNS name exists (DynamoDB): the client is configured with the endpoint's own name.
        const ep = endpointFor(m, vpc, service, region);
        if (!ep) {
            return { kind: "unanswered", dns: { name } };
        }
        const vpceName = ep.dnsNames[0] ?? `${ep.id}.${service}.${region}.vpce.amazonaws.com`;
        return {
            kind: "endpoint",
            dns: { name: vpceName, via: "endpoint-name" },
            endpoint: ep,
            hops: [`DNS ${vpceName}: the endpoint-specific name (${service} has no private DNS name)`],
        };
    }
    const found = answeringZone(m, vpc, name);
    if (!found) {
        return { kind: "unanswered", dns: { name } };
    }
    const dns: CellDns = {
        name,
        zone: found.zone.zoneName,
        via: found.link.profile ? "profile" : "association",
        ...(found.link.profile ? { profile: found.link.profile } : {}),
    };
    const hops = [`DNS ${name}: zone ${found.zone.zoneName} (${dns.via === "profile" ? `Profile ${found.link.profile}` : "associated"})`];
    const ep = aliasedEndpoint(m, found.zone, name);
    return ep ? { kind: "endpoint", dns, endpoint: ep, hops } : { kind: "no-alias", dns, zone: found.zone, hops };
}

/** DNS -> endpoint -> routes -> security group for one (VPC, service, Region), from every workload subnet. */
function reach(m: M.NetworkModel, ix: Index, vpc: M.NetVpc, srcs: readonly M.NetSubnet[], service: string, region: string): Reach {
    const res = resolve(m, vpc, service, region);
    const dns = res.dns;
    if (res.kind === "unanswered") {
        const name = dns.name;
        const outs = srcs.map((src) => routeOut(m, src));
        const out = outs[0];
        if (out && outs.every((o) => o !== undefined)) {
            // The public name: reachable only through the default route (internet or NAT gateway).
            return {
                open: true,
                dns,
                hops: [`${name} resolves publicly`, `default route via ${out.label ?? out.target.kind}`],
                intended: false,
            };
        }
        const unassociated = m.zones.find((z) => norm(z.zoneName) === norm(serviceDnsName(service, region)));
        return {
            open: false,
            dns,
            hops: [],
            brokenAt: unassociated
                ? `DNS: zone ${unassociated.zoneName} is not associated with ${D(vpc)}, and ${D(vpc)} has no route out`
                : `no endpoint and no route out of ${D(vpc)}`,
            brokenKey: unassociated?.key ?? vpc.key,
            intended: false,
        };
    }
    const hops = [...res.hops];
    if (res.kind === "no-alias") {
        return {
            open: false,
            dns,
            hops,
            brokenAt: `DNS: zone ${res.zone.zoneName} has no alias record to an endpoint for ${dns.name}`,
            brokenKey: res.zone.key,
            intended: true,
        };
    }
    const ep = res.endpoint;
    const broken = (brokenAt: string, brokenKey?: string): Reach => ({
        open: false,
        dns,
        endpoint: ep,
        hops,
        brokenAt,
        ...(brokenKey ? { brokenKey } : {}),
        intended: true,
    });
    hops.push(`endpoint ${D(ep)}`);
    if (ep.service !== `com.amazonaws.${region}.${service}`) {
        return broken(`endpoint ${D(ep)} serves ${ep.service}, not ${service} in ${region}`, ep.key);
    }
    if (ep.state !== "available") {
        return broken(`endpoint ${D(ep)}: state ${ep.state}`, ep.key);
    }
    // DNS returns every endpoint address: a client may get any AZ's, so each must be reachable.
    const dsts = ep.subnets
        .map((k) => ix.subnet.get(k))
        .filter((x): x is M.NetSubnet => x !== undefined)
        .sort(byName);
    if (srcs.length === 0 || dsts.length === 0) {
        return broken(`${srcs.length === 0 ? D(vpc) : D(ep)}: no subnet to trace from`, srcs.length === 0 ? vpc.key : ep.key);
    }
    for (const [i, src] of srcs.entries()) {
        for (const [j, dst] of dsts.entries()) {
            const rt = ix.roundTrip(src, dst);
            if (i === 0 && j === 0) {
                hops.push(...rt.hops);
            }
            if (!rt.open) {
                const from = i === 0 && j === 0 ? "" : ` (from ${D(src)} to ${D(dst)})`;
                return broken(`routes to ${D(ep)}${from}: ${rt.broken ?? "broken"}`, rt.key);
            }
        }
    }
    // Security groups are a union: any group of the endpoint admitting the client lets it in.
    const sgs = ep.securityGroups.map((k) => ix.sg.get(k)).filter((x): x is M.NetSecurityGroup => x !== undefined);
    for (const src of srcs) {
        const srcC = cidr(src.cidr) as Cidr;
        if (!sgs.some((sg) => ix.admits(sg, srcC, 443))) {
            const names = sgs.length === 0 ? "(none)" : sgs.map((g) => D(g)).join(", ");
            return broken(
                `security group${sgs.length > 1 ? "s" : ""} ${names} of ${D(ep)}: ${sgs.length > 1 ? "none admits" : "does not admit"} ${formatCidr(srcC)} on TCP 443`,
                sgs[0]?.key ?? ep.key,
            );
        }
    }
    return { open: true, dns, endpoint: ep, hops, intended: true };
}

/** The dependencies of `service` in `region`, each traced like a cell (S3 also by the spoke's own gateway). */
function dependencies(
    m: M.NetworkModel,
    ix: Index,
    vpc: M.NetVpc,
    srcs: readonly M.NetSubnet[],
    service: string,
    region: string,
): CellDependency[] {
    return dependenciesOf(service).map((d): CellDependency => {
        if (d.service === "s3") {
            const gateway = m.endpoints.find(
                (e) => e.vpc === vpc.key && e.type === "Gateway" && e.service === `com.amazonaws.${vpc.region}.s3`,
            );
            // A gateway endpoint is a prefix-list route in the tables it names: a subnet whose table lacks
            // it goes to S3's public addresses (PrivateLink guide, "Gateway endpoints", routing).
            const unrouted = gateway?.routeTables
                ? srcs.find((src) => !src.routeTable || !(gateway.routeTables ?? []).includes(src.routeTable))
                : undefined;
            if (gateway && region === vpc.region && !unrouted) {
                return { service: "s3", why: d.why, open: true, via: "gateway" };
            }
            const r = reach(m, ix, vpc, srcs, "s3", region);
            if (r.open && r.endpoint) {
                return { service: "s3", why: d.why, open: true, via: "interface" };
            }
            const gatewayNote = !gateway
                ? `${D(vpc)} has no S3 gateway endpoint`
                : region !== vpc.region
                  ? `the S3 gateway endpoint of ${D(vpc)} serves ${vpc.region} only, and not through peering or a transit gateway`
                  : `the S3 gateway endpoint ${D(gateway)} has no route in the table of ${D(unrouted as M.NetSubnet)}`;
            const inner = r.brokenAt && !r.brokenAt.startsWith("no endpoint") ? ` (${r.brokenAt})` : "";
            return {
                service: "s3",
                why: d.why,
                open: false,
                brokenAt: `layers: no S3 path to ${region}: ${gatewayNote}, and no S3 interface endpoint of ${region} resolves from ${D(vpc)}${inner}`,
            };
        }
        const r = reach(m, ix, vpc, srcs, d.service, region);
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
    src: readonly M.NetSubnet[],
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
        intended: r.intended,
        dns: r.dns,
        ...(r.endpoint ? { endpoint: D(r.endpoint) } : {}),
        hops: r.hops,
        dependencies: deps,
        ...(brokenAt ? { brokenAt: `${region} ${service}: ${brokenAt}` } : {}),
        ...(r.brokenKey ? { brokenKey: r.brokenKey } : {}),
    };
}
