/**
 * Route 53: the private hosted zones associated with each VPC of the stack (ListHostedZonesByVPC per VPC),
 * then each zone's records (ListResourceRecordSets per zone), alias records resolved to the endpoints.
 */
import * as r53 from "@aws-sdk/client-route-53";
import * as M from "../offline/network-model/types";
import { LiveReadContext, pages, trimDot } from "./read-live-context";
import type { LiveScope } from "./read-live";

/** The zones of the stack's VPCs and their records (queued last: they resolve against the endpoints). */
export async function readZones(c: LiveReadContext, regions: readonly string[], scope: LiveScope): Promise<void> {
    const { clients, m, ref, late } = c;
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
}
