/**
 * The VPC side of one region: the batched describe calls (VPCs, subnets, route tables, peerings, TGW VPC
 * attachments, security groups, endpoints), filtered by the stack's VPC ids, and the model objects of
 * VPCs, route tables, subnets, peerings and security groups.
 */
import * as ec2 from "@aws-sdk/client-ec2";
import * as M from "../offline/network-model/types";
import { LiveReadContext, pages, tag } from "./read-live-context";

/** Describes the VPC-side objects of `vpcIds` in `region`, one paginated call per kind. */
export function fetchVpcSide(
    c: LiveReadContext,
    region: string,
    vpcIds: string[],
): Promise<
    [
        ec2.Vpc[],
        ec2.Subnet[],
        ec2.RouteTable[],
        ec2.VpcPeeringConnection[],
        ec2.TransitGatewayVpcAttachment[],
        ec2.SecurityGroup[],
        ec2.VpcEndpoint[],
    ]
> {
    const { ec2Send } = c;
    const byVpc = [{ Name: "vpc-id", Values: vpcIds }];
    return Promise.all([
        pages(
            (t) => ec2Send<ec2.DescribeVpcsCommandOutput>(region, new ec2.DescribeVpcsCommand({ VpcIds: vpcIds, NextToken: t })),
            (o) => o.Vpcs,
            (o) => o.NextToken,
        ),
        pages(
            (t) => ec2Send<ec2.DescribeSubnetsCommandOutput>(region, new ec2.DescribeSubnetsCommand({ Filters: byVpc, NextToken: t })),
            (o) => o.Subnets,
            (o) => o.NextToken,
        ),
        pages(
            (t) =>
                ec2Send<ec2.DescribeRouteTablesCommandOutput>(region, new ec2.DescribeRouteTablesCommand({ Filters: byVpc, NextToken: t })),
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
}

/** VPCs. */
export function addVpcs(c: LiveReadContext, region: string, vpcs: readonly ec2.Vpc[]): void {
    const { m, named } = c;
    for (const v of vpcs) {
        m.vpcs.push({
            ...named("vpc", v.VpcId ?? "", v),
            region,
            cidr: v.CidrBlock ?? "",
            ...(tag(v, "landing-zone:role") ? { role: tag(v, "landing-zone:role") } : {}),
        });
    }
}

/** Route tables and subnets (with the route table each subnet is associated with). */
export function addRouteTablesAndSubnets(
    c: LiveReadContext,
    region: string,
    rtbs: readonly ec2.RouteTable[],
    subnets: readonly ec2.Subnet[],
): void {
    const { m, named, ref, late } = c;
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
                              : r.GatewayId?.startsWith("vpce-")
                                ? // A route to a GWLB (or Network Firewall) endpoint: DescribeRouteTables reports the endpoint id
                                  // as GatewayId (terraform-provider-aws, internal/service/ec2 route read: "VPC Endpoint ID is
                                  // returned in Gateway ID field"). Gateway-endpoint routes have no CIDR and are filtered above.
                                  { kind: "endpoint", ...(ref(r.GatewayId) ? { ref: ref(r.GatewayId) } : {}), id: r.GatewayId }
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
                ...(s.AvailabilityZone ? { az: s.AvailabilityZone } : {}),
            }),
        );
    }
}

/** Peering connections of the stack's VPCs (`ours`). */
export function addPeerings(
    c: LiveReadContext,
    region: string,
    ours: ReadonlySet<string>,
    pcxs: readonly ec2.VpcPeeringConnection[],
): void {
    const { m, named, ref, late } = c;
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
}

/** Security groups and their rules. */
export function addSecurityGroups(c: LiveReadContext, region: string, sgs: readonly ec2.SecurityGroup[]): void {
    const { m, named, ref, late } = c;
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
}
