/**
 * Reads the deployed landing zone through the AWS APIs into the neutral network model
 * (offline/network-model/types.ts), with paginated, batched describe calls: per region one call per kind
 * (VPCs, subnets, route tables, peerings, TGW VPC attachments, TGWs, TGW peering attachments, TGW route tables,
 * security groups, endpoints, endpoint service configurations, load balancers, their tags), filtered by
 * the stack's VPC ids.
 *
 * Where AWS has no batched call the reader makes one per object and says so: TGW route table
 * propagations and static routes (GetTransitGatewayRouteTablePropagations, SearchTransitGatewayRoutes:
 * per TGW route table), endpoint service permissions (per service), listeners / target groups / target
 * health (per load balancer and target group), Route 53 (ListHostedZonesByVPC per VPC,
 * ListResourceRecordSets per zone). Endpoint connection states are read from the consumer endpoints'
 * own `State` (DescribeVpcEndpoints), which is the same state AWS reports on the service side.
 */
import * as ec2 from "@aws-sdk/client-ec2";
import * as elb from "@aws-sdk/client-elastic-load-balancing-v2";
import * as r53 from "@aws-sdk/client-route-53";
import * as M from "../offline/network-model/types";
import { VerifyClients } from "./clients";

/** Which VPCs belong to the stack, per region. */
export interface LiveScope {
    /** region -> VPC ids of the stack in it. */
    readonly vpcIds: ReadonlyMap<string, readonly string[]>;
}

type Tagged = { readonly Tags?: readonly { Key?: string; Value?: string }[] };

function tag(o: Tagged | undefined, key: string): string | undefined {
    return o?.Tags?.find((t) => t.Key === key)?.Value;
}

/** Collects every page of a paginated describe call. */
async function pages<O, T>(
    fetch: (token?: string) => Promise<O>,
    items: (o: O) => readonly T[] | undefined,
    next: (o: O) => string | undefined,
): Promise<T[]> {
    const out: T[] = [];
    let token: string | undefined;
    do {
        const o = await fetch(token);
        out.push(...(items(o) ?? []));
        token = next(o);
    } while (token);
    return out;
}

const trimDot = (s: string | undefined) => (s ?? "").replace(/\.$/, "").toLowerCase();

/** Reads the live network of `scope` into a model. */
export async function readLive(clients: VerifyClients, scope: LiveScope): Promise<M.NetworkModel> {
    const m = {
        vpcs: [] as M.NetVpc[],
        subnets: [] as M.NetSubnet[],
        routeTables: [] as M.NetRouteTable[],
        peerings: [] as M.NetPeering[],
        tgws: [] as M.NetTgw[],
        tgwAttachments: [] as M.NetTgwAttachment[],
        tgwRouteTables: [] as M.NetTgwRouteTable[],
        securityGroups: [] as M.NetSecurityGroup[],
        zones: [] as M.NetZone[],
        endpoints: [] as M.NetEndpoint[],
        endpointServices: [] as M.NetEndpointService[],
        loadBalancers: [] as M.NetLoadBalancer[],
    };
    // AWS id -> model key, filled as objects are read (references are resolved after every region is read).
    const keyById = new Map<string, string>();
    const named = (kind: string, id: string, o: Tagged | undefined) => {
        const name = tag(o, "Name") ?? id;
        const key = M.keyOf(kind, name);
        keyById.set(id, key);
        return { key, name, id };
    };
    const regions = [...scope.vpcIds.keys()].sort();
    const ref = (id: string | undefined) => (id ? (keyById.get(id) ?? `id:${id}`) : undefined);
    const late: (() => void)[] = [];
    // Endpoint service name -> model key: consumer endpoints name their service by its service name.
    const serviceKeyByName = new Map<string, string>();
    const ec2Send = <O>(region: string, c: { constructor: { name: string } }) => clients.send<O>("ec2", region, c);

    await Promise.all(
        regions.map(async (region) => {
            const vpcIds = [...(scope.vpcIds.get(region) ?? [])];
            if (vpcIds.length === 0) {
                return;
            }
            const byVpc = [{ Name: "vpc-id", Values: vpcIds }];
            const [vpcs, subnets, rtbs, pcxs, atts, sgs, eps] = await Promise.all([
                pages(
                    (t) => ec2Send<ec2.DescribeVpcsCommandOutput>(region, new ec2.DescribeVpcsCommand({ VpcIds: vpcIds, NextToken: t })),
                    (o) => o.Vpcs,
                    (o) => o.NextToken,
                ),
                pages(
                    (t) =>
                        ec2Send<ec2.DescribeSubnetsCommandOutput>(region, new ec2.DescribeSubnetsCommand({ Filters: byVpc, NextToken: t })),
                    (o) => o.Subnets,
                    (o) => o.NextToken,
                ),
                pages(
                    (t) =>
                        ec2Send<ec2.DescribeRouteTablesCommandOutput>(
                            region,
                            new ec2.DescribeRouteTablesCommand({ Filters: byVpc, NextToken: t }),
                        ),
                    (o) => o.RouteTables,
                    (o) => o.NextToken,
                ),
                pages(
                    (t) =>
                        ec2Send<ec2.DescribeVpcPeeringConnectionsCommandOutput>(
                            region,
                            new ec2.DescribeVpcPeeringConnectionsCommand({ NextToken: t }),
                        ),
                    (o) => o.VpcPeeringConnections,
                    (o) => o.NextToken,
                ),
                pages(
                    (t) =>
                        ec2Send<ec2.DescribeTransitGatewayVpcAttachmentsCommandOutput>(
                            region,
                            new ec2.DescribeTransitGatewayVpcAttachmentsCommand({
                                Filters: [{ Name: "vpc-id", Values: vpcIds }],
                                NextToken: t,
                            }),
                        ),
                    (o) => o.TransitGatewayVpcAttachments,
                    (o) => o.NextToken,
                ),
                pages(
                    (t) =>
                        ec2Send<ec2.DescribeSecurityGroupsCommandOutput>(
                            region,
                            new ec2.DescribeSecurityGroupsCommand({ Filters: byVpc, NextToken: t }),
                        ),
                    (o) => o.SecurityGroups,
                    (o) => o.NextToken,
                ),
                pages(
                    (t) =>
                        ec2Send<ec2.DescribeVpcEndpointsCommandOutput>(
                            region,
                            new ec2.DescribeVpcEndpointsCommand({ Filters: byVpc, NextToken: t }),
                        ),
                    (o) => o.VpcEndpoints,
                    (o) => o.NextToken,
                ),
            ]);

            for (const v of vpcs) {
                m.vpcs.push({
                    ...named("vpc", v.VpcId ?? "", v),
                    region,
                    cidr: v.CidrBlock ?? "",
                    ...(tag(v, "landing-zone:role") ? { role: tag(v, "landing-zone:role") } : {}),
                });
            }
            const rtbOfSubnet = new Map<string, string>();
            for (const rt of rtbs) {
                const o = named("rtb", rt.RouteTableId ?? "", rt);
                for (const a of rt.Associations ?? []) {
                    if (a.SubnetId && a.AssociationState?.State !== "disassociated") {
                        rtbOfSubnet.set(a.SubnetId, o.key);
                    }
                }
                late.push(() =>
                    m.routeTables.push({
                        ...o,
                        region,
                        vpc: ref(rt.VpcId) ?? "",
                        routes: (rt.Routes ?? [])
                            .filter((r) => r.DestinationCidrBlock && r.GatewayId !== "local")
                            .map((r): M.NetRoute => {
                                const target: M.NetRoute["target"] = r.VpcPeeringConnectionId
                                    ? { kind: "pcx", ref: ref(r.VpcPeeringConnectionId), id: r.VpcPeeringConnectionId }
                                    : r.TransitGatewayId
                                      ? { kind: "tgw", ref: ref(r.TransitGatewayId), id: r.TransitGatewayId }
                                      : r.GatewayId
                                        ? { kind: "gateway", id: r.GatewayId }
                                        : { kind: "other" };
                                return {
                                    destination: r.DestinationCidrBlock ?? "",
                                    target,
                                    state: r.State === "blackhole" ? "blackhole" : "active",
                                };
                            }),
                    }),
                );
            }
            for (const s of subnets) {
                const o = named("subnet", s.SubnetId ?? "", s);
                late.push(() =>
                    m.subnets.push({
                        ...o,
                        region,
                        vpc: ref(s.VpcId) ?? "",
                        cidr: s.CidrBlock ?? "",
                        ...(tag(s, "landing-zone:tier") ? { tier: tag(s, "landing-zone:tier") } : {}),
                        ...(rtbOfSubnet.has(s.SubnetId ?? "") ? { routeTable: rtbOfSubnet.get(s.SubnetId ?? "") } : {}),
                    }),
                );
            }
            const ours = new Set(vpcIds);
            for (const p of pcxs) {
                const req = p.RequesterVpcInfo?.VpcId;
                const acc = p.AccepterVpcInfo?.VpcId;
                // Inter-region peerings appear in both regions: keep the requester region's copy.
                const isRequesterSide = p.RequesterVpcInfo?.Region ? p.RequesterVpcInfo.Region === region : ours.has(req ?? "");
                if (!(ours.has(req ?? "") || ours.has(acc ?? "")) || !isRequesterSide) {
                    continue;
                }
                const o = named("pcx", p.VpcPeeringConnectionId ?? "", p);
                late.push(() =>
                    m.peerings.push({ ...o, region, requesterVpc: ref(req), accepterVpc: ref(acc), status: p.Status?.Code ?? "unknown" }),
                );
            }
            for (const sg of sgs) {
                const o = named("sg", sg.GroupId ?? "", sg);
                late.push(() =>
                    m.securityGroups.push({
                        ...o,
                        region,
                        vpc: ref(sg.VpcId),
                        rules: [
                            ...(sg.IpPermissions ?? []).map((p) => ["ingress", p] as const),
                            ...(sg.IpPermissionsEgress ?? []).map((p) => ["egress", p] as const),
                        ].flatMap(([direction, p]) => {
                            const base = {
                                direction,
                                protocol: p.IpProtocol ?? "-1",
                                fromPort: p.IpProtocol === "-1" ? -1 : (p.FromPort ?? -1),
                                toPort: p.IpProtocol === "-1" ? -1 : (p.ToPort ?? -1),
                            };
                            return [
                                ...(p.IpRanges ?? []).map((r): M.NetSgRule => ({ ...base, cidr: r.CidrIp })),
                                ...(p.UserIdGroupPairs ?? []).map((r): M.NetSgRule => ({ ...base, group: ref(r.GroupId) })),
                                ...(p.PrefixListIds ?? []).map((): M.NetSgRule => ({ ...base, prefixList: true })),
                            ];
                        }),
                    }),
                );
            }
            // TGW side: VPC attachments name the TGWs; then the TGWs, their peering attachments and route tables.
            const tgwIds = [...new Set(atts.map((a) => a.TransitGatewayId).filter((x): x is string => !!x))];
            for (const a of atts) {
                const o = named("tgw-attach", a.TransitGatewayAttachmentId ?? "", a);
                late.push(() =>
                    m.tgwAttachments.push({
                        ...o,
                        region,
                        kind: "vpc",
                        tgw: ref(a.TransitGatewayId),
                        vpc: ref(a.VpcId),
                        state: a.State ?? "unknown",
                    }),
                );
            }
            if (tgwIds.length > 0) {
                const byTgw = [{ Name: "transit-gateway-id", Values: tgwIds }];
                const [tgws, peerAtts, tables] = await Promise.all([
                    pages(
                        (t) =>
                            ec2Send<ec2.DescribeTransitGatewaysCommandOutput>(
                                region,
                                new ec2.DescribeTransitGatewaysCommand({ TransitGatewayIds: tgwIds, NextToken: t }),
                            ),
                        (o) => o.TransitGateways,
                        (o) => o.NextToken,
                    ),
                    pages(
                        (t) =>
                            ec2Send<ec2.DescribeTransitGatewayPeeringAttachmentsCommandOutput>(
                                region,
                                new ec2.DescribeTransitGatewayPeeringAttachmentsCommand({ NextToken: t }),
                            ),
                        (o) => o.TransitGatewayPeeringAttachments,
                        (o) => o.NextToken,
                    ),
                    pages(
                        (t) =>
                            ec2Send<ec2.DescribeTransitGatewayRouteTablesCommandOutput>(
                                region,
                                new ec2.DescribeTransitGatewayRouteTablesCommand({ Filters: byTgw, NextToken: t }),
                            ),
                        (o) => o.TransitGatewayRouteTables,
                        (o) => o.NextToken,
                    ),
                ]);
                for (const t of tgws) {
                    m.tgws.push({ ...named("tgw", t.TransitGatewayId ?? "", t), region });
                }
                const mine = new Set(tgwIds);
                for (const p of peerAtts) {
                    const req = p.RequesterTgwInfo?.TransitGatewayId;
                    const acc = p.AccepterTgwInfo?.TransitGatewayId;
                    // Both regions list a peering attachment; the requester's region keeps it.
                    if (!mine.has(req ?? "")) {
                        if (mine.has(acc ?? "")) {
                            named("tgw-attach", p.TransitGatewayAttachmentId ?? "", p);
                        }
                        continue;
                    }
                    const o = named("tgw-attach", p.TransitGatewayAttachmentId ?? "", p);
                    late.push(() =>
                        m.tgwAttachments.push({
                            ...o,
                            region,
                            kind: "peering",
                            tgw: ref(req),
                            peerTgw: ref(acc),
                            state: p.State ?? "unknown",
                        }),
                    );
                }
                await Promise.all(
                    tables.map(async (t) => {
                        const id = t.TransitGatewayRouteTableId ?? "";
                        const o = named("tgw-rtb", id, t);
                        // No batched call exists for propagations, associations or routes of TGW route tables.
                        const [assocs, props, routes] = await Promise.all([
                            pages(
                                (tok) =>
                                    ec2Send<ec2.GetTransitGatewayRouteTableAssociationsCommandOutput>(
                                        region,
                                        new ec2.GetTransitGatewayRouteTableAssociationsCommand({
                                            TransitGatewayRouteTableId: id,
                                            NextToken: tok,
                                        }),
                                    ),
                                (x) => x.Associations,
                                (x) => x.NextToken,
                            ),
                            pages(
                                (tok) =>
                                    ec2Send<ec2.GetTransitGatewayRouteTablePropagationsCommandOutput>(
                                        region,
                                        new ec2.GetTransitGatewayRouteTablePropagationsCommand({
                                            TransitGatewayRouteTableId: id,
                                            NextToken: tok,
                                        }),
                                    ),
                                (x) => x.TransitGatewayRouteTablePropagations,
                                (x) => x.NextToken,
                            ),
                            // Not paginated; without MaxResults AWS returns up to 1000 routes (and moto 5.2 answers
                            // HTTP 500 when MaxResults is given: it slices a dict).
                            ec2Send<ec2.SearchTransitGatewayRoutesCommandOutput>(
                                region,
                                new ec2.SearchTransitGatewayRoutesCommand({
                                    TransitGatewayRouteTableId: id,
                                    Filters: [{ Name: "type", Values: ["static"] }],
                                }),
                            ).then((x) => x.Routes ?? []),
                        ]);
                        late.push(() =>
                            m.tgwRouteTables.push({
                                ...o,
                                region,
                                tgw: ref(t.TransitGatewayId),
                                ...(tag(t, "landing-zone:tgw-role") ? { role: tag(t, "landing-zone:tgw-role") } : {}),
                                routes: routes
                                    .filter((r) => r.Type === "static" && r.State !== "deleted")
                                    .map((r): M.NetTgwRoute => {
                                        const att = r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId;
                                        return {
                                            destination: r.DestinationCidrBlock ?? "",
                                            ...(att ? { attachment: ref(att) } : {}),
                                            blackhole: r.State === "blackhole" || !att,
                                        };
                                    }),
                                associations: assocs
                                    .filter((a) => a.State !== "disassociated")
                                    .map((a) => ({ attachment: ref(a.TransitGatewayAttachmentId) ?? "" })),
                                propagations: props
                                    .filter((p) => p.State !== "disabled")
                                    .map((p) => ({ attachment: ref(p.TransitGatewayAttachmentId) ?? "" })),
                            }),
                        );
                    }),
                );
            }

            for (const e of eps) {
                const o = named("vpce", e.VpcEndpointId ?? "", e);
                late.push(() =>
                    m.endpoints.push({
                        ...o,
                        region,
                        vpc: ref(e.VpcId),
                        type: e.VpcEndpointType ?? "Gateway",
                        service: serviceKeyByName.get(e.ServiceName ?? "") ?? e.ServiceName ?? "",
                        ...(tag(e, "landing-zone:service") ? { serviceTag: tag(e, "landing-zone:service") } : {}),
                        subnets: (e.SubnetIds ?? []).map((x) => ref(x) ?? x),
                        securityGroups: (e.Groups ?? []).map((g) => ref(g.GroupId) ?? ""),
                        state: (e.State ?? "unknown").replace(/^pendingacceptance$/i, "pendingAcceptance"),
                        dnsNames: (e.DnsEntries ?? []).map((d) => trimDot(d.DnsName)),
                    }),
                );
            }

            // Endpoint services and their load balancers (services are regional; list the account's).
            const [svcs, lbs] = await Promise.all([
                pages(
                    (t) =>
                        ec2Send<ec2.DescribeVpcEndpointServiceConfigurationsCommandOutput>(
                            region,
                            new ec2.DescribeVpcEndpointServiceConfigurationsCommand({ NextToken: t }),
                        ),
                    (o) => o.ServiceConfigurations,
                    (o) => o.NextToken,
                ),
                pages(
                    (t) =>
                        clients.send<elb.DescribeLoadBalancersCommandOutput>(
                            "elasticloadbalancing",
                            region,
                            new elb.DescribeLoadBalancersCommand({ Marker: t }),
                        ),
                    (o) => o.LoadBalancers,
                    (o) => o.NextMarker,
                ),
            ]);
            const ourLbs = lbs.filter((l) => ours.has(l.VpcId ?? ""));
            const lbTags = new Map<string, Tagged>();
            for (let i = 0; i < ourLbs.length; i += 20) {
                const out = await clients.send<elb.DescribeTagsCommandOutput>(
                    "elasticloadbalancing",
                    region,
                    new elb.DescribeTagsCommand({ ResourceArns: ourLbs.slice(i, i + 20).map((l) => l.LoadBalancerArn ?? "") }),
                );
                for (const d of out.TagDescriptions ?? []) {
                    lbTags.set(d.ResourceArn ?? "", { Tags: d.Tags });
                }
            }
            await Promise.all(
                ourLbs.map(async (l) => {
                    const arn = l.LoadBalancerArn ?? "";
                    const o = named("nlb", arn, lbTags.get(arn) ?? { Tags: [{ Key: "Name", Value: l.LoadBalancerName }] });
                    const [listeners, tgs] = await Promise.all([
                        clients
                            .send<elb.DescribeListenersCommandOutput>(
                                "elasticloadbalancing",
                                region,
                                new elb.DescribeListenersCommand({ LoadBalancerArn: arn }),
                            )
                            .then((x) => x.Listeners ?? []),
                        clients
                            .send<elb.DescribeTargetGroupsCommandOutput>(
                                "elasticloadbalancing",
                                region,
                                new elb.DescribeTargetGroupsCommand({ LoadBalancerArn: arn }),
                            )
                            .then((x) => x.TargetGroups ?? []),
                    ]);
                    const targets = (
                        await Promise.all(
                            tgs.map((tg) =>
                                clients
                                    .send<elb.DescribeTargetHealthCommandOutput>(
                                        "elasticloadbalancing",
                                        region,
                                        new elb.DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }),
                                    )
                                    .then((x) => x.TargetHealthDescriptions ?? []),
                            ),
                        )
                    ).flat();
                    late.push(() =>
                        m.loadBalancers.push({
                            ...o,
                            region,
                            securityGroups: (l.SecurityGroups ?? []).map((g) => ref(g) ?? g),
                            listenerPorts: listeners.map((x) => x.Port ?? 0),
                            targets: targets.map((t) => ({
                                id: t.Target?.Id ?? "",
                                ...(t.Target?.Port ? { port: t.Target.Port } : {}),
                                health: t.TargetHealth?.State ?? "unknown",
                            })),
                        }),
                    );
                }),
            );
            const lbArns = new Set(ourLbs.map((l) => l.LoadBalancerArn));
            await Promise.all(
                svcs
                    .filter((s) => (s.NetworkLoadBalancerArns ?? []).some((a) => lbArns.has(a)))
                    .map(async (s) => {
                        const o = named("vpce-svc", s.ServiceId ?? "", s);
                        serviceKeyByName.set(s.ServiceName ?? "", o.key);
                        const perms = await pages(
                            (t) =>
                                ec2Send<ec2.DescribeVpcEndpointServicePermissionsCommandOutput>(
                                    region,
                                    new ec2.DescribeVpcEndpointServicePermissionsCommand({ ServiceId: s.ServiceId, NextToken: t }),
                                ),
                            (x) => x.AllowedPrincipals,
                            (x) => x.NextToken,
                        );
                        late.push(() =>
                            m.endpointServices.push({
                                ...o,
                                region,
                                acceptanceRequired: s.AcceptanceRequired !== false,
                                loadBalancers: (s.NetworkLoadBalancerArns ?? []).map((a) => ref(a) ?? a),
                                principals: perms.map((p) => ({ arn: p.Principal ?? "" })),
                            }),
                        );
                    }),
            );
        }),
    );

    // Route 53: the zones associated with each VPC of the stack, then each zone's records.
    const zoneVpcs = new Map<string, { name: string; vpcs: string[] }>();
    for (const region of regions) {
        for (const vpcId of scope.vpcIds.get(region) ?? []) {
            const zs = await pages(
                (t) =>
                    clients.send<r53.ListHostedZonesByVPCCommandOutput>(
                        "route53",
                        "us-east-1",
                        new r53.ListHostedZonesByVPCCommand({ VPCId: vpcId, VPCRegion: region as r53.VPCRegion, NextToken: t }),
                    ),
                (o) => o.HostedZoneSummaries,
                (o) => o.NextToken,
            );
            for (const z of zs) {
                const id = (z.HostedZoneId ?? "").replace(/^\/hostedzone\//, "");
                const entry = zoneVpcs.get(id) ?? { name: trimDot(z.Name), vpcs: [] };
                entry.vpcs.push(vpcId);
                zoneVpcs.set(id, entry);
            }
        }
    }
    await Promise.all(
        [...zoneVpcs].map(async ([id, z]) => {
            const sets = await pages(
                (t) =>
                    clients.send<r53.ListResourceRecordSetsCommandOutput>(
                        "route53",
                        "us-east-1",
                        new r53.ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordName: t }),
                    ),
                (o) => o.ResourceRecordSets,
                (o) => (o.IsTruncated ? o.NextRecordName : undefined),
            );
            late.push(() => {
                const epByDns = new Map<string, string>();
                for (const e of m.endpoints) {
                    for (const d of e.dnsNames) {
                        epByDns.set(d.replace(/^\*\./, ""), e.key);
                    }
                }
                m.zones.push({
                    key: `zone:${z.name}`,
                    name: z.name,
                    id,
                    region: "global",
                    zoneName: z.name,
                    vpcs: z.vpcs.map((v) => ({ vpc: ref(v) ?? v })),
                    records: sets
                        .filter((r) => r.Type !== "SOA" && r.Type !== "NS")
                        .map((r): M.NetRecord => {
                            const alias = trimDot(r.AliasTarget?.DNSName).replace(/^\*\./, "");
                            const ep = alias ? epByDns.get(alias) : undefined;
                            return {
                                name: trimDot(r.Name).replace(/^\\052/, "*"),
                                type: r.Type ?? "",
                                ...(ep ? { aliasEndpoint: ep } : {}),
                                ...(alias ? { aliasDnsName: alias } : {}),
                            };
                        }),
                });
            });
        }),
    );
    // In order: every id is known by now, and the zones (queued last) resolve alias records against the
    // endpoints' DNS names.
    for (const f of late) {
        f();
    }
    const sortBy = <T extends { readonly key: string }>(l: T[]) => l.sort((a, b) => a.key.localeCompare(b.key));
    for (const l of Object.values(m)) {
        sortBy(l as { key: string }[]);
    }
    return { source: "live", ...m };
}
