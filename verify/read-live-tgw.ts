/**
 * The TGW side of one region: the VPC attachments name the TGWs; then the TGWs, their peering attachments
 * and route tables, and per TGW route table its associations, propagations and static routes (no batched
 * call exists for those).
 */
import * as ec2 from "@aws-sdk/client-ec2";
import * as M from "../offline/network-model/types";
import { LiveReadContext, pages, tag } from "./read-live-context";

/** TGW VPC attachments; returns the ids of the TGWs they attach to. */
export function addTgwVpcAttachments(c: LiveReadContext, region: string, atts: readonly ec2.TransitGatewayVpcAttachment[]): string[] {
    const { m, named, ref, late } = c;
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
                // Inspection's checks (offline/network-model/inspection.ts) read these two.
                ...(a.Options?.ApplianceModeSupport ? { applianceMode: a.Options.ApplianceModeSupport === "enable" } : {}),
                ...(a.SubnetIds ? { subnets: a.SubnetIds.map((x) => ref(x) ?? x) } : {}),
            }),
        );
    }
    return tgwIds;
}

/** The TGWs `tgwIds`, their peering attachments and route tables. */
export async function readTgws(c: LiveReadContext, region: string, tgwIds: string[]): Promise<void> {
    const { m, named, ref, late, ec2Send } = c;
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
