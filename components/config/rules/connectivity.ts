/**
 * Rules of `connectivity` against the spokes: segments only with transit gateways and only of known
 * spokes (each in one segment), ASNs per known region and unique, and the peering / TGW peering quotas
 * each mode runs into (routes and TGW route tables: routing-quotas.ts, from the routing plan).
 */
import { REGION_NAMES, regionInfo } from "../../aws/regions";
import { NAMESPACE } from "../constants";
import { ConnectivityConfig, HubConfig, QuotaConfig } from "../units";
import { IndexedSpokes, Push } from "./common";

export function checkConnectivity(c: ConnectivityConfig, hub: HubConfig, spokes: IndexedSpokes, q: QuotaConfig, push: Push): void {
    const names = new Set(spokes.map(({ s }) => s.name));
    if (c.mode === "peering") {
        if (c.segments.length > 0) {
            push(
                "connectivity.segments",
                `segments need transit gateways: VPC peering is not transitive, spokes never reach each other through the hub. Fix: set connectivity.mode to "transit-gateway" or remove segments`,
            );
        }
        if (spokes.length > q.peeringsPerVpc) {
            push(
                "spokes",
                `${spokes.length} spokes need ${spokes.length} peering connections on the hub VPC, over quotas.peeringsPerVpc (${q.peeringsPerVpc}; AWS allows up to 125 on request). Fix: raise the quota, or use connectivity.mode "transit-gateway"`,
            );
        }
    } else {
        const regions = new Set(spokes.map(({ s }) => s.region));
        regions.delete(hub.region);
        if (regions.size > q.peeringAttachmentsPerTransitGateway) {
            push(
                "spokes",
                `${regions.size} spoke regions need ${regions.size} TGW peering attachments on the hub's transit gateway, over quotas.peeringAttachmentsPerTransitGateway (${q.peeringAttachmentsPerTransitGateway}). Fix: raise the quota or use fewer regions`,
            );
        }
        const inSegment = new Map<string, string>();
        c.segments.forEach((seg, si) => {
            seg.spokes.forEach((name, j) => {
                if (!names.has(name)) {
                    push(
                        `connectivity.segments[${si}].spokes[${j}]`,
                        `unknown spoke "${name}". Fix: use a name from ${NAMESPACE}:spokes (${[...names].join(", ") || "none defined"})`,
                    );
                } else if (inSegment.has(name)) {
                    push(
                        `connectivity.segments[${si}].spokes[${j}]`,
                        `spoke "${name}" is already in segment "${inSegment.get(name)}": a VPC attachment associates with one TGW route table. Fix: put each spoke in at most one segment`,
                    );
                } else {
                    inSegment.set(name, seg.name);
                }
            });
        });
        const segNames = new Set<string>();
        c.segments.forEach((seg, si) => {
            if (segNames.has(seg.name)) {
                push(`connectivity.segments[${si}].name`, `duplicate segment name "${seg.name}". Fix: name segments uniquely`);
            }
            segNames.add(seg.name);
        });
    }
    for (const region of Object.keys(c.asns)) {
        if (!regionInfo(region)) {
            push(`connectivity.asns.${region}`, `unknown region "${region}". Fix: use one of ${REGION_NAMES.join(", ")}`);
        }
    }
    const asnOwners = new Map<number, string>();
    for (const [region, asn] of Object.entries(c.asns)) {
        const other = asnOwners.get(asn);
        if (other) {
            push(
                `connectivity.asns.${region}`,
                `ASN ${asn} is also used for ${other}. Fix: give each region's transit gateway its own ASN`,
            );
        }
        asnOwners.set(asn, region);
    }
}
