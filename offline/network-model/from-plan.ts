/**
 * The network model of an offline plan: built from the captured resource graph, following property
 * dependencies (which input came from which resource), never ids — as offline/reachability.ts does.
 *
 * States the plan implies: a peering (or TGW peering attachment) with an accepter is `active`
 * (`available`), without one `pending-acceptance` (`pendingAcceptance`); a consumer endpoint of a service
 * that requires acceptance is `available` once a connection accepter exists, else `pendingAcceptance`.
 */
import { T } from "../../components/aws/types";
import { ResourceGraph, tagOf } from "../graph";
import { CapturedResource, JsonValue } from "../types";
import { inferRoles } from "./analyze";
import * as M from "./types";

type R = CapturedResource;

/** Network Firewall (@pulumi/aws v7); components/aws/types.ts has no entry for it. */
const FIREWALL = "aws:networkfirewall/firewall:Firewall";

const PREFIX: Readonly<Record<string, string>> = {
    [T.vpc]: "vpc",
    [T.subnet]: "subnet",
    [T.routeTable]: "rtb",
    [T.peering]: "pcx",
    [T.transitGateway]: "tgw",
    [T.tgwVpcAttachment]: "tgw-attach",
    [T.tgwPeeringAttachment]: "tgw-attach",
    [T.tgwRouteTable]: "tgw-rtb",
    [T.securityGroup]: "sg",
    [T.defaultSecurityGroup]: "sg",
    [T.vpcEndpoint]: "vpce",
    [T.vpcEndpointService]: "vpce-svc",
    [T.loadBalancer]: "nlb",
    [T.loadBalancerLegacy]: "nlb",
    [FIREWALL]: "firewall",
};

/** The model key of a plan resource (`<kind>:<Name tag or logical name>`; zones by DNS name). */
export function planKey(r: R): string {
    if (r.type === T.zone) {
        return `zone:${String(r.inputs.name ?? r.name).replace(/\.$/, "")}`;
    }
    return M.keyOf(PREFIX[r.type] ?? r.type, tagOf(r, "Name") ?? r.name);
}

const s = (v: JsonValue | undefined): string => (typeof v === "string" ? v : "");
const n = (v: JsonValue | undefined): number => (typeof v === "number" ? v : Number(v ?? -1));

/** Builds the model of a plan's resources. */
export function fromPlan(resources: readonly CapturedResource[]): M.NetworkModel {
    const g = new ResourceGraph(resources);
    const key = (r: R | undefined) => (r ? planKey(r) : undefined);
    const origin = (r: R): M.Origin => ({
        key: planKey(r),
        name: tagOf(r, "Name") ?? r.name,
        id: r.id,
        region: r.region,
        urn: r.urn,
        label: r.name,
    });
    // An accepter stands for the attachment it accepts (a peering's, or another account's VPC attachment).
    const attachment = (r: R | undefined): R | undefined =>
        r && r.type === T.tgwPeeringAttachmentAccepter
            ? g.dep(r, "transitGatewayAttachmentId", T.tgwPeeringAttachment)
            : r && r.type === T.tgwVpcAttachmentAccepter
              ? g.dep(r, "transitGatewayAttachmentId", T.tgwVpcAttachment)
              : r;
    const attachmentDep = (r: R) =>
        attachment(
            g.dep(
                r,
                "transitGatewayAttachmentId",
                T.tgwVpcAttachment,
                T.tgwPeeringAttachment,
                T.tgwPeeringAttachmentAccepter,
                T.tgwVpcAttachmentAccepter,
            ),
        );

    const multiAccount =
        new Set(
            g
                .ofType(T.vpc)
                .map((v) => v.account)
                .filter((a) => a !== ""),
        ).size > 1;
    const vpcs = g.ofType(T.vpc).map((v): M.NetVpc => ({
        ...origin(v),
        cidr: s(v.inputs.cidrBlock),
        ...(multiAccount && v.account ? { account: v.account } : {}),
        ...(tagOf(v, "landing-zone:role") ? { role: tagOf(v, "landing-zone:role") } : {}),
    }));

    const subnets = g.ofType(T.subnet).map((sn): M.NetSubnet => {
        const assoc = g.referrers(T.routeTableAssociation, "subnetId", sn)[0];
        const rt = assoc ? g.dep(assoc, "routeTableId", T.routeTable) : undefined;
        return {
            ...origin(sn),
            vpc: key(g.dep(sn, "vpcId", T.vpc)) ?? "",
            cidr: s(sn.inputs.cidrBlock),
            ...(tagOf(sn, "landing-zone:tier") ? { tier: tagOf(sn, "landing-zone:tier") } : {}),
            ...(rt ? { routeTable: planKey(rt), associationUrn: assoc.urn } : {}),
            ...(s(sn.inputs.availabilityZone) || s(sn.inputs.availabilityZoneId)
                ? { az: s(sn.inputs.availabilityZone) || s(sn.inputs.availabilityZoneId) }
                : {}),
        };
    });

    const routeTables = g.ofType(T.routeTable).map((rt): M.NetRouteTable => ({
        ...origin(rt),
        vpc: key(g.dep(rt, "vpcId", T.vpc)) ?? "",
        routes: g
            .referrers(T.route, "routeTableId", rt)
            .filter((r) => s(r.inputs.destinationCidrBlock) !== "")
            .map((r): M.NetRoute => {
                const pcx = g.dep(r, "vpcPeeringConnectionId", T.peering);
                const tgw = g.dep(r, "transitGatewayId", T.transitGateway);
                // A GWLB endpoint route names the endpoint; a Network Firewall endpoint's id is picked from
                // the firewall's outputs, so the route depends on the firewall.
                const endpoint = g.dep(r, "vpcEndpointId", T.vpcEndpoint, FIREWALL);
                const endpointId = s(r.inputs.vpcEndpointId);
                const target: M.NetRoute["target"] = pcx
                    ? { kind: "pcx", ref: planKey(pcx) }
                    : tgw
                      ? { kind: "tgw", ref: planKey(tgw) }
                      : endpoint
                        ? { kind: "endpoint", ref: planKey(endpoint), ...(endpointId ? { id: endpointId } : {}) }
                        : endpointId
                          ? { kind: "endpoint", id: endpointId } // an endpoint outside the captured graph (or gone)
                          : { kind: "other" };
                return { destination: s(r.inputs.destinationCidrBlock), target, state: "active", urn: r.urn, label: r.name };
            }),
    }));

    const peerings = g.ofType(T.peering).map((p): M.NetPeering => {
        const acc = g.referrers(T.peeringAccepter, "vpcPeeringConnectionId", p)[0];
        return {
            ...origin(p),
            requesterVpc: key(g.dep(p, "vpcId", T.vpc)),
            accepterVpc: key(g.dep(p, "peerVpcId", T.vpc)),
            status: acc ? "active" : "pending-acceptance",
            ...(acc ? { accepterUrn: acc.urn } : {}),
        };
    });

    const tgws = g.ofType(T.transitGateway).map((t): M.NetTgw => origin(t));

    const tgwAttachments: M.NetTgwAttachment[] = [
        ...g.ofType(T.tgwVpcAttachment).map((a): M.NetTgwAttachment => ({
            ...origin(a),
            kind: "vpc",
            tgw: key(g.dep(a, "transitGatewayId", T.transitGateway)),
            vpc: key(g.dep(a, "vpcId", T.vpc)),
            // Another account's attachment to a shared TGW waits for the TGW owner's acceptance.
            state:
                attachedFromAnotherAccount(g, a) && !g.referrers(T.tgwVpcAttachmentAccepter, "transitGatewayAttachmentId", a)[0]
                    ? "pendingAcceptance"
                    : "available",
            // A literal input, known in a preview too; absent means the AWS default, disabled.
            applianceMode: a.inputs.applianceModeSupport === "enable",
            ...(g.deps(a, "subnetIds", T.subnet).length > 0 ? { subnets: g.deps(a, "subnetIds", T.subnet).map(planKey) } : {}),
        })),
        ...g.ofType(T.tgwPeeringAttachment).map((a): M.NetTgwAttachment => {
            const acc = g.referrers(T.tgwPeeringAttachmentAccepter, "transitGatewayAttachmentId", a)[0];
            return {
                ...origin(a),
                kind: "peering",
                tgw: key(g.dep(a, "transitGatewayId", T.transitGateway)),
                peerTgw: key(g.dep(a, "peerTransitGatewayId", T.transitGateway)),
                state: acc ? "available" : "pendingAcceptance",
                ...(acc ? { accepterUrn: acc.urn } : {}),
            };
        }),
    ];

    const tgwRouteTables = g.ofType(T.tgwRouteTable).map((t): M.NetTgwRouteTable => ({
        ...origin(t),
        tgw: key(g.dep(t, "transitGatewayId", T.transitGateway)),
        ...(tagOf(t, "landing-zone:tgw-role") ? { role: tagOf(t, "landing-zone:tgw-role") } : {}),
        routes: g.referrers(T.tgwRoute, "transitGatewayRouteTableId", t).map((r): M.NetTgwRoute => {
            const att = r.inputs.blackhole === true ? undefined : attachmentDep(r);
            return {
                destination: s(r.inputs.destinationCidrBlock),
                ...(att ? { attachment: planKey(att) } : {}),
                blackhole: !att,
                ...(r.inputs.blackhole === true ? { declaredBlackhole: true } : {}),
                urn: r.urn,
                label: r.name,
            };
        }),
        associations: g.referrers(T.tgwRouteTableAssociation, "transitGatewayRouteTableId", t).flatMap((a) => {
            const att = attachmentDep(a);
            return att ? [{ attachment: planKey(att), urn: a.urn }] : [];
        }),
        propagations: g.referrers(T.tgwRouteTablePropagation, "transitGatewayRouteTableId", t).flatMap((p) => {
            const att = attachmentDep(p);
            return att ? [{ attachment: planKey(att), urn: p.urn, label: p.name }] : [];
        }),
    }));

    const securityGroups = [...g.ofType(T.securityGroup), ...g.ofType(T.defaultSecurityGroup)].map((sg): M.NetSecurityGroup => ({
        ...origin(sg),
        vpc: key(g.dep(sg, "vpcId", T.vpc)),
        rules: [...g.referrers(T.ingressRule, "securityGroupId", sg), ...g.referrers(T.egressRule, "securityGroupId", sg)].map(
            (rule): M.NetSgRule => {
                const ref = g.dep(rule, "referencedSecurityGroupId", T.securityGroup, T.defaultSecurityGroup);
                const proto = s(rule.inputs.ipProtocol) || "-1";
                return {
                    direction: rule.type === T.ingressRule ? "ingress" : "egress",
                    protocol: proto,
                    fromPort: proto === "-1" ? -1 : n(rule.inputs.fromPort),
                    toPort: proto === "-1" ? -1 : n(rule.inputs.toPort),
                    ...(s(rule.inputs.cidrIpv4) ? { cidr: s(rule.inputs.cidrIpv4) } : {}),
                    ...(ref ? { group: planKey(ref) } : {}),
                    ...(s(rule.inputs.prefixListId) ? { prefixList: true } : {}),
                    id: rule.id,
                    urn: rule.urn,
                };
            },
        ),
    }));

    const svcAccepted = (ep: R) => g.referrers(T.vpcEndpointConnectionAccepter, "vpcEndpointId", ep)[0];
    const endpoints = g.ofType(T.vpcEndpoint).map((ep): M.NetEndpoint => {
        const svc = g.dep(ep, "serviceName", T.vpcEndpointService);
        const acc = svcAccepted(ep);
        // `autoAccept`: the endpoint accepts itself, which AWS allows when endpoint and service are in the
        // same account (@pulumi/aws VpcEndpoint `autoAccept`).
        const pending = svc !== undefined && svc.inputs.acceptanceRequired !== false && !acc && ep.inputs.autoAccept !== true;
        const dns = Array.isArray(ep.outputs.dnsEntries) ? ep.outputs.dnsEntries : [];
        return {
            ...origin(ep),
            vpc: key(g.dep(ep, "vpcId", T.vpc)),
            type: s(ep.inputs.vpcEndpointType) || "Gateway",
            service: svc ? planKey(svc) : s(ep.inputs.serviceName),
            ...(tagOf(ep, "landing-zone:service") ? { serviceTag: tagOf(ep, "landing-zone:service") } : {}),
            subnets: g.deps(ep, "subnetIds", T.subnet).map(planKey),
            securityGroups: g.deps(ep, "securityGroupIds", T.securityGroup).map(planKey),
            state: pending ? "pendingAcceptance" : "available",
            dnsNames: dns.map((d) => (d && typeof d === "object" && !Array.isArray(d) ? s(d.dnsName) : "")).filter((x) => x !== ""),
            ...(acc ? { accepterUrn: acc.urn } : {}),
            ...(s(ep.inputs.vpcEndpointType) === "Interface" ? { privateDns: ep.inputs.privateDnsEnabled === true } : {}),
            ...(!s(ep.inputs.vpcEndpointType) || s(ep.inputs.vpcEndpointType) === "Gateway"
                ? { routeTables: g.deps(ep, "routeTableIds", T.routeTable).map(planKey) }
                : {}),
        };
    });

    const zones = g.ofType(T.zone).map((z): M.NetZone => {
        const firstVpcs = g.deps(z, "vpcs", T.vpc).map((v) => ({ vpc: planKey(v), urn: z.urn }));
        return {
            ...origin(z),
            name: s(z.inputs.name),
            zoneName: s(z.inputs.name).replace(/\.$/, ""),
            vpcs: [
                ...firstVpcs,
                ...g.referrers(T.zoneAssociation, "zoneId", z).flatMap((a) => {
                    const v = g.dep(a, "vpcId", T.vpc);
                    return v ? [{ vpc: planKey(v), urn: a.urn }] : [];
                }),
                // Route 53 Profiles: the zone is a resource of a Profile; each VPC associated with that
                // Profile in the Profile's Region resolves it (a Profile serves only its own Region's VPCs).
                ...g.referrers(T.profilesResourceAssociation, "resourceArn", z).flatMap((ra) => {
                    const profile = g.dep(ra, "profileId", T.profilesProfile);
                    return profile
                        ? g.referrers(T.profilesAssociation, "profileId", profile).flatMap((pa) => {
                              const v = g.dep(pa, "resourceId", T.vpc);
                              return v && v.region === profile.region
                                  ? [{ vpc: planKey(v), urn: pa.urn, profile: `profile:${s(profile.inputs.name) || profile.name}` }]
                                  : [];
                          })
                        : [];
                }),
            ],
            records: g.referrers(T.record, "zoneId", z).map((rec): M.NetRecord => {
                const ep = g.dep(rec, "aliases", T.vpcEndpoint);
                const alias = Array.isArray(rec.inputs.aliases) ? rec.inputs.aliases[0] : undefined;
                const aliasName = alias && typeof alias === "object" && !Array.isArray(alias) ? s(alias.name) : "";
                return {
                    name: s(rec.inputs.name).replace(/\.$/, ""),
                    type: s(rec.inputs.type),
                    ...(ep ? { aliasEndpoint: planKey(ep) } : {}),
                    ...(aliasName ? { aliasDnsName: aliasName } : {}),
                    urn: rec.urn,
                };
            }),
        };
    });

    const endpointServices = g.ofType(T.vpcEndpointService).map((svc): M.NetEndpointService => ({
        ...origin(svc),
        acceptanceRequired: svc.inputs.acceptanceRequired !== false,
        loadBalancers: g.deps(svc, "networkLoadBalancerArns", T.loadBalancer, T.loadBalancerLegacy).map(planKey),
        principals: g
            .referrers(T.vpcEndpointServiceAllowedPrincipal, "vpcEndpointServiceId", svc)
            .map((p) => ({ arn: s(p.inputs.principalArn), urn: p.urn })),
    }));

    const loadBalancers = [...g.ofType(T.loadBalancer), ...g.ofType(T.loadBalancerLegacy)].map((lb): M.NetLoadBalancer => ({
        ...origin(lb),
        securityGroups: g.deps(lb, "securityGroups", T.securityGroup).map(planKey),
        listenerPorts: g.referrers(T.listener, "loadBalancerArn", lb).map((l) => n(l.inputs.port)),
    }));

    const firewalls = g.ofType(FIREWALL).map((fw): M.NetFirewall => {
        const statuses = Array.isArray(fw.outputs.firewallStatuses) ? fw.outputs.firewallStatuses : [];
        const endpoints = statuses.flatMap((st) => {
            const states = st && typeof st === "object" && !Array.isArray(st) && Array.isArray(st.syncStates) ? st.syncStates : [];
            return states.flatMap((ss) => {
                if (!ss || typeof ss !== "object" || Array.isArray(ss) || !s(ss.availabilityZone)) {
                    return [];
                }
                const att = Array.isArray(ss.attachments) ? ss.attachments[0] : undefined;
                const id = att && typeof att === "object" && !Array.isArray(att) ? s(att.endpointId) : "";
                return [{ az: s(ss.availabilityZone), ...(id ? { id } : {}) }];
            });
        });
        return {
            ...origin(fw),
            vpc: key(g.dep(fw, "vpcId", T.vpc)),
            subnets: g.deps(fw, "subnetMappings", T.subnet).map(planKey),
            endpoints,
        };
    });

    return {
        source: "plan",
        vpcs,
        subnets,
        routeTables,
        peerings,
        tgws,
        tgwAttachments,
        tgwRouteTables,
        securityGroups,
        zones,
        endpoints,
        endpointServices,
        loadBalancers,
        ...(firewalls.length > 0 ? { firewalls } : {}),
    };
}

/**
 * The role of each plan VPC as the analyzer infers it (topology first, the `landing-zone:role` tag as a
 * hint: `inferRoles`), for the plan's other sections (cost, diagram), so that a hand-added untagged spoke
 * is counted wherever reachability judges it.
 */
export function planRoles(resources: readonly CapturedResource[]): (vpc: CapturedResource) => M.VpcRole | undefined {
    const roles = inferRoles(fromPlan(resources));
    return (vpc) => roles.get(planKey(vpc));
}

/** True when a VPC attachment is made in another account than its transit gateway's (a RAM-shared TGW). */
function attachedFromAnotherAccount(g: ResourceGraph, a: R): boolean {
    const tgw = g.dep(a, "transitGatewayId", T.transitGateway);
    return tgw !== undefined && a.account !== undefined && tgw.account !== undefined && a.account !== tgw.account;
}
