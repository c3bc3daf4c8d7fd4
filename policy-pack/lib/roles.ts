/**
 * Which VPC is the hub and which are spokes, inferred from the TOPOLOGY, with the `landing-zone:role`
 * tag as a hint only.
 *
 * A fork can add a VPC by hand without the tag; a pack that trusted the tag alone would silently skip
 * it in every hub/spoke rule. So:
 *
 * - **hub**: a VPC holding centralised endpoints, i.e. an interface endpoint to an AWS service
 *   (`com.amazonaws.<region>.<service>`, private DNS not enabled) that an alias A record in a hosted
 *   zone of this stack points at. That is the centralised-endpoints pattern (AWS whitepaper "Building a
 *   scalable and secure multi-VPC network infrastructure", centralized access to VPC private
 *   endpoints). A local endpoint without such a record does not make a VPC a hub.
 * - **spoke**: any other VPC connected to a hub by VPC peering (`vpcId` / `peerVpcId`, either
 *   direction) or attached to a transit gateway that is the hub's or is peered with it, directly or
 *   through other TGW peerings (`transitGatewayId` / `peerTransitGatewayId`).
 * - **inspection**: a VPC that holds inspection endpoints (a Gateway Load Balancer endpoint or a
 *   VPC-attached Network Firewall, lib/inspection.ts) and forwards other VPCs' traffic: a transit gateway
 *   route sends a range that is not inside the VPC's own CIDRs to its attachment. That is the
 *   centralised-inspection VPC (AWS Network Firewall Developer Guide, "Transit gateway attachment
 *   configuration"; ELB Gateway Load Balancers guide). It hosts no workloads and no client of the hub's
 *   endpoints, so it is neither hub nor spoke: the hub and spoke rules (zone associations, endpoint
 *   security groups, return routes) do not apply to it, and the inspection policies do. A spoke holding a
 *   GWLB endpoint of its own (distributed inspection) receives only its own CIDRs from the TGW and stays
 *   a spoke. The hub's evidence wins over inspection evidence.
 * - **endpoints**: a regional endpoint VPC (components/network/regional-endpoints.ts): it holds
 *   centralised endpoints like the hub, but for its own Region's clients only (SSM Agent, CloudWatch
 *   agent, SDKs call their Region's endpoints), its zones go to that Region's spokes, and it is
 *   connected to them, not to the hub. Holding centralised endpoints is the topology's evidence for
 *   both roles; the `endpoints` tag picks this one (an untagged holder stays the hub, as before).
 *   The hub rules do not apply to it; `regional-endpoint-dns-scoped` does.
 * - **tag hint**: where the topology says nothing (a hub without interface endpoints; a spoke whose hub
 *   is in another stack; an inspection VPC whose TGW routes are not there yet) the tag decides. A VPC
 *   tagged `inspection` that holds inspection endpoints is not made a spoke by its attachment alone. Where the topology and the tag disagree, the topology wins and
 *   `vpc-role-consistent` reports the contradiction; a VPC neither rule nor tag places is reported too.
 *
 * Every link is a property dependency (the resource an input came from) or a known input (service
 * names, record types, tags), never an id: in a preview the ids of new resources are unknown, and a
 * policy that read one would be downgraded to an advisory "can't run during preview".
 *
 * @module
 */
import type { PolicyResource } from "@pulumi/policy";
import { parseAwsServiceName } from "./aws";
import { StackGraph } from "./graph";
import { coveredBy, parseIpv4 } from "./cidr";
import { inspectionEndpointHolders } from "./inspection";
import { peeringSides } from "./topology";
import { T } from "./types";
import { isUnknown } from "./unknown";
import { bool, str, tag } from "./values";

/** Role a VPC plays in the landing zone. */
export type VpcRole = "hub" | "spoke" | "inspection" | "endpoints";

const ROLES: readonly string[] = ["hub", "spoke", "inspection", "endpoints"] satisfies readonly VpcRole[];

/** Tag the landing zone's components put on every VPC: "hub", "spoke" or "inspection". A hint, not the source of truth. */
export const ROLE_TAG = "landing-zone:role";

/** What the pack concluded about one VPC. */
export interface VpcRoleInfo {
    readonly vpc: PolicyResource;
    /** The role the policies use: the topology's when it has one, else the tag's. */
    readonly role: VpcRole | undefined;
    /** What the topology alone says. */
    readonly topology: VpcRole | undefined;
    /** The `landing-zone:role` tag when it is "hub", "spoke" or "inspection" (undefined when absent, computed or other). */
    readonly tag: VpcRole | undefined;
    /** Why the topology says so, e.g. "peered with hub hub (peering-payments)"; empty when it says nothing. */
    readonly evidence: string;
}

/** A hub interface endpoint to an AWS service, with its service name parsed. */
export interface HubEndpoint {
    readonly endpoint: PolicyResource;
    readonly vpc: PolicyResource;
    readonly region: string;
    readonly service: string;
}

/** Roles are computed once per graph (each stack policy has its own graph). */
const cache = new WeakMap<StackGraph, ReadonlyMap<PolicyResource, VpcRoleInfo>>();

/** The role tag of a VPC, when it is a known role. */
function tagRole(g: StackGraph, vpc: PolicyResource): VpcRole | undefined {
    const t = tag(g.props(vpc), ROLE_TAG);
    return t !== undefined && ROLES.includes(t) ? (t as VpcRole) : undefined;
}

/**
 * Inspection evidence per VPC: the VPC holds inspection endpoints (lib/inspection.ts) and a TGW static
 * route sends a range beyond its own CIDRs to its attachment (`transitGatewayAttachmentId` depends on
 * it; destinations and CIDRs are known inputs). `holdsOnly` lists the VPCs that hold endpoints without
 * such a route.
 */
function inspectionEvidence(g: StackGraph): { evidence: Map<PolicyResource, string>; holdsOnly: Set<PolicyResource> } {
    const evidence = new Map<PolicyResource, string>();
    const holdsOnly = new Set<PolicyResource>();
    for (const i of inspectionEndpointHolders(g)) {
        const own = g.cidrsOf(i.vpc);
        const what = i.gwlbEndpoints[0] ? `GWLB endpoint ${i.gwlbEndpoints[0].name}` : `Network Firewall ${i.firewalls[0]?.name ?? "?"}`;
        const transit = i.attachments
            .flatMap((a) => g.referrers(a, "transitGatewayAttachmentId", [T.tgwRoute]))
            .find((r) => {
                const d = str(g.props(r)["destinationCidrBlock"]);
                return typeof d === "string" && parseIpv4(d) !== undefined && own.length > 0 && !coveredBy(d, own);
            });
        if (transit) {
            const d = str(g.props(transit)["destinationCidrBlock"]) as string;
            evidence.set(i.vpc, `holds ${what} and receives ${d} from transit gateway route ${transit.name}`);
        } else {
            holdsOnly.add(i.vpc);
        }
    }
    return { evidence, holdsOnly };
}

/** AWS-service interface endpoints of the stack with their VPC (through the `vpcId` property dependency). */
function awsInterfaceEndpoints(g: StackGraph): HubEndpoint[] {
    const out: HubEndpoint[] = [];
    for (const ep of g.ofType(T.vpcEndpoint)) {
        const p = g.props(ep);
        if (p["vpcEndpointType"] !== "Interface") {
            continue;
        }
        const vpc = g.vpcOf(ep);
        const name = str(p["serviceName"]);
        const svc = typeof name === "string" ? parseAwsServiceName(name) : undefined;
        if (vpc && svc) {
            out.push({ endpoint: ep, vpc, region: svc.region, service: svc.service });
        }
    }
    return out;
}

/** The first alias A record in a hosted zone of this stack that points at `endpoint`, if any. */
function aliasingRecord(g: StackGraph, endpoint: PolicyResource): PolicyResource | undefined {
    return g
        .referrers(endpoint, "aliases", [T.record])
        .find((r) => g.props(r)["type"] === "A" && g.dep(r, "zoneId", [T.zone]) !== undefined);
}

/** Union-find over transit gateways joined by peering attachments: TGW URN -> component root. */
function gatewayComponents(g: StackGraph): (tgw: PolicyResource) => string {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
        let root = x;
        while (parent.has(root) && parent.get(root) !== root) {
            root = parent.get(root) as string;
        }
        parent.set(x, root);
        return root;
    };
    for (const a of g.ofType(T.tgwPeeringAttachment)) {
        const x = g.dep(a, "transitGatewayId", [T.transitGateway]);
        const y = g.dep(a, "peerTransitGatewayId", [T.transitGateway]);
        if (x && y && find(x.urn) !== find(y.urn)) {
            parent.set(find(x.urn), find(y.urn));
        }
    }
    return (tgw) => find(tgw.urn);
}

/** Every VPC's role, memoised per graph. */
export function vpcRoles(g: StackGraph): ReadonlyMap<PolicyResource, VpcRoleInfo> {
    const cached = cache.get(g);
    if (cached) {
        return cached;
    }
    const vpcs = g.vpcs();

    // Hub evidence: a centralised endpoint (private DNS off, aliased by a record of a zone of this stack).
    const hubEvidence = new Map<PolicyResource, string>();
    for (const e of awsInterfaceEndpoints(g)) {
        const dns = bool(g.props(e.endpoint)["privateDnsEnabled"]);
        if (hubEvidence.has(e.vpc) || dns === true || isUnknown(dns)) {
            continue;
        }
        const record = aliasingRecord(g, e.endpoint);
        if (record) {
            hubEvidence.set(e.vpc, `holds centralised endpoint ${e.endpoint.name}, aliased by record ${record.name}`);
        }
    }

    // Connections: peering neighbours, and the TGW components a VPC is attached to.
    const peers = new Map<PolicyResource, { vpc: PolicyResource; via: PolicyResource }[]>();
    for (const c of g.ofType(T.peering)) {
        const { requester, accepter } = peeringSides(g, c);
        if (requester && accepter && requester !== accepter) {
            peers.set(requester, [...(peers.get(requester) ?? []), { vpc: accepter, via: c }]);
            peers.set(accepter, [...(peers.get(accepter) ?? []), { vpc: requester, via: c }]);
        }
    }
    const componentOf = gatewayComponents(g);
    const gateways = new Map<PolicyResource, PolicyResource[]>();
    for (const a of g.ofType(T.tgwVpcAttachment)) {
        const vpc = g.dep(a, "vpcId", [T.vpc]);
        const tgw = g.dep(a, "transitGatewayId", [T.transitGateway]);
        if (vpc && tgw) {
            gateways.set(vpc, [...(gateways.get(vpc) ?? []), tgw]);
        }
    }
    /** How `vpc` connects to one of `hubs` (other than itself), or undefined. */
    const connection = (vpc: PolicyResource, hubs: ReadonlySet<PolicyResource>): string | undefined => {
        const peer = (peers.get(vpc) ?? []).find((p) => p.vpc !== vpc && hubs.has(p.vpc));
        if (peer) {
            return `peered with hub ${peer.vpc.name} (${peer.via.name})`;
        }
        for (const tgw of gateways.get(vpc) ?? []) {
            for (const hub of hubs) {
                const hubTgw = hub !== vpc ? (gateways.get(hub) ?? []).find((h) => componentOf(h) === componentOf(tgw)) : undefined;
                if (hubTgw) {
                    return hubTgw === tgw
                        ? `attached to ${tgw.name}, the transit gateway of hub ${hub.name}`
                        : `attached to ${tgw.name}, peered with ${hubTgw.name} of hub ${hub.name}`;
                }
            }
        }
        return undefined;
    };

    const inspection = inspectionEvidence(g);

    // Endpoint holders tagged `endpoints` are regional endpoint VPCs, not hubs: spokes hang off hubs only.
    const endpointVpcs = new Set([...hubEvidence.keys()].filter((v) => tagRole(g, v) === "endpoints"));
    const evidenceHubs = new Set([...hubEvidence.keys()].filter((v) => !endpointVpcs.has(v)));
    // A VPC tagged hub without centralised endpoints (e.g. `interfaceEndpoints: []`) still anchors its
    // spokes, unless it is itself connected to a hub with endpoints (then it is a mistagged spoke).
    const anchors = new Set(evidenceHubs);
    for (const v of vpcs) {
        if (!evidenceHubs.has(v) && tagRole(g, v) === "hub" && connection(v, evidenceHubs) === undefined) {
            anchors.add(v);
        }
    }

    const out = new Map<PolicyResource, VpcRoleInfo>();
    for (const vpc of vpcs) {
        const t = tagRole(g, vpc);
        let topology: VpcRole | undefined;
        let evidence = hubEvidence.get(vpc) ?? "";
        if (evidence) {
            topology = endpointVpcs.has(vpc) ? "endpoints" : "hub";
        } else if (inspection.evidence.has(vpc)) {
            topology = "inspection";
            evidence = inspection.evidence.get(vpc) as string;
        } else if (t === "inspection" && inspection.holdsOnly.has(vpc)) {
            // Tagged inspection and holding inspection endpoints, but no TGW route sends it other VPCs'
            // traffic yet: an attachment alone does not contradict the tag (the routing may be broken,
            // which the inspection and reachability checks report), so the tag decides.
        } else {
            // A tag-hinted hub is a spoke only when it hangs off a hub that has endpoints.
            const via = connection(vpc, anchors.has(vpc) ? evidenceHubs : anchors);
            if (via) {
                topology = "spoke";
                evidence = via;
            }
        }
        out.set(vpc, { vpc, role: topology ?? t, topology, tag: t, evidence });
    }
    cache.set(g, out);
    return out;
}

/** The role the policies use for `vpc`. */
export function roleOf(g: StackGraph, vpc: PolicyResource): VpcRole | undefined {
    return vpcRoles(g).get(vpc)?.role;
}

/** VPCs whose role is `role`, in stack order. */
export function vpcsWithRole(g: StackGraph, role: VpcRole): PolicyResource[] {
    return g.vpcs().filter((v) => roleOf(g, v) === role);
}

/** Interface endpoints to AWS services in a regional endpoint VPC (role `endpoints`). */
export function regionalEndpoints(g: StackGraph): HubEndpoint[] {
    return awsInterfaceEndpoints(g).filter((e) => roleOf(g, e.vpc) === "endpoints");
}

/** Interface endpoints to AWS services (`com.amazonaws.<region>.<service>`, a known input) in a hub VPC. */
export function hubEndpoints(g: StackGraph): HubEndpoint[] {
    return awsInterfaceEndpoints(g).filter((e) => roleOf(g, e.vpc) === "hub");
}
