/**
 * A Mermaid diagram of the captured graph: regions, VPCs, the hub's endpoints and zones, peering or
 * transit gateways, and the endpoint service with its consumers. Generated from resources, so it can
 * not drift from what the program builds.
 *
 * With centralised inspection, the inspection VPC (network-model/roles.ts) is drawn with its engine (GWLB
 * endpoints behind a Gateway Load Balancer, or a Network Firewall) and its TGW attachment as the inspected
 * link: traffic between spokes and the hub crosses it (spoke -> TGW -> inspection -> TGW -> hub).
 *
 * Each regional endpoint set (components/network/regional-endpoints.ts: a VPC tagged `endpoints` in a
 * spoke Region) is drawn with its own zones, named for its Region, and their associations, apart from
 * the hub's: which spoke resolves which Region's endpoints is what the diagram must not blur.
 */
import { T } from "../components/aws/types";
import { propertyDependsOn, ResourceGraph, tagOf } from "./graph";
import { planRoles } from "./network-model/from-plan";
import { CapturedResource } from "./types";

const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, "_");

const FIREWALL = "aws:networkfirewall/firewall:Firewall";

const isGwlbService = (s: CapturedResource) =>
    Array.isArray(s.inputs.gatewayLoadBalancerArns) && s.inputs.gatewayLoadBalancerArns.length > 0;

export function renderMermaid(resources: readonly CapturedResource[]): string {
    const g = new ResourceGraph(resources);
    const all = (type: string) => [...g.ofType(type)].sort((a, b) => a.name.localeCompare(b.name));
    const vpcs = all(T.vpc);
    const tgws = all(T.transitGateway);
    const services = all(T.vpcEndpointService);
    const endpoints = all(T.vpcEndpoint);
    // A zone belongs to the regional set whose VPC it was created with; the rest are the hub's.
    const regionalOwner = (z: CapturedResource) => {
        const v = g.dep(z, "vpcs", T.vpc);
        return v && tagOf(v, "landing-zone:role") === "endpoints" ? v : undefined;
    };
    const allZones = all(T.zone);
    const zones = allZones.filter((z) => !regionalOwner(z));
    const roleOf = planRoles(resources); // topology first, the role tag as a hint (as reachability)
    const hub = vpcs.find((v) => roleOf(v) === "hub");
    const inspection = new Set(vpcs.filter((v) => roleOf(v) === "inspection").map((v) => v.urn));
    const firewalls = all(FIREWALL);
    const regions = [...new Set([...vpcs, ...tgws].map((r) => r.region))].sort((a, b) =>
        hub && a === hub.region ? -1 : hub && b === hub.region ? 1 : a.localeCompare(b),
    );

    // Multi-account plans name each VPC's and TGW's account (single-account diagrams are unchanged).
    const multiAccount = new Set([...vpcs, ...tgws].map((r) => r.account).filter((a) => a !== "")).size > 1;
    const inAccount = (r: CapturedResource) => (multiAccount ? ` · account ${r.account}` : "");

    const lines = ["flowchart LR"];
    for (const region of regions) {
        lines.push(`  subgraph ${id(`r_${region}`)}["${region}"]`);
        for (const v of vpcs.filter((x) => x.region === region)) {
            lines.push(`    ${id(v.name)}["${v.name} ${String(v.inputs.cidrBlock)}${inAccount(v)}"]`);
            if (inspection.has(v.urn)) {
                const gwlbe = endpoints.filter(
                    (e) => e.inputs.vpcEndpointType === "GatewayLoadBalancer" && g.dep(e, "vpcId")?.urn === v.urn,
                );
                const fw = firewalls.filter((f) => g.dep(f, "vpcId")?.urn === v.urn);
                const engine = [
                    ...(gwlbe.length > 0 ? [`${gwlbe.length} GWLB endpoints -> Gateway Load Balancer -> appliances`] : []),
                    ...fw.map(
                        (f) =>
                            `Network Firewall ${f.name} (${Array.isArray(f.inputs.subnetMappings) ? f.inputs.subnetMappings.length : 0} AZ endpoints)`,
                    ),
                ];
                lines.push(`    ${id(`${v.name}_inspection`)}[["inspection: ${engine.join("; ") || "no endpoint"}"]]`);
                lines.push(`    ${id(v.name)} --- ${id(`${v.name}_inspection`)}`);
            }
            const ifaces = endpoints.filter(
                (e) =>
                    e.inputs.vpcEndpointType === "Interface" &&
                    g.dep(e, "vpcId")?.urn === v.urn &&
                    !g.dep(e, "serviceName", T.vpcEndpointService),
            );
            if (ifaces.length > 0) {
                const names = ifaces.map((e) => tagOf(e, "landing-zone:service") ?? e.name);
                lines.push(`    ${id(`${v.name}_endpoints`)}(["${ifaces.length} interface endpoints: ${names.join(", ")}"])`);
                lines.push(`    ${id(v.name)} --- ${id(`${v.name}_endpoints`)}`);
            }
        }
        for (const t of tgws.filter((x) => x.region === region)) {
            lines.push(`    ${id(t.name)}{{"TGW ${region} (ASN ${String(t.inputs.amazonSideAsn)})${inAccount(t)}"}}`);
        }
        for (const s of services.filter((x) => x.region === region)) {
            const kind = isGwlbService(s) ? "GWLB" : "NLB";
            lines.push(`    ${id(s.name)}[/"endpoint service ${s.name} (${kind})"/]`);
        }
        lines.push("  end");
    }
    if (zones.length > 0 && hub) {
        lines.push(`  zones[("${zones.length} private hosted zones (global)")]`);
        lines.push(`  ${id(`${hub.name}_endpoints`)} -. alias .- zones`);
    }
    const regionalSets = vpcs.filter((v) => allZones.some((z) => regionalOwner(z) === v));
    for (const v of regionalSets) {
        const own = allZones.filter((z) => regionalOwner(z) === v);
        lines.push(`  ${id(`${v.name}_zones`)}[("${own.length} zones for ${v.region} clients")]`);
        lines.push(`  ${id(`${v.name}_endpoints`)} -. alias .- ${id(`${v.name}_zones`)}`);
    }
    // Peering connections.
    for (const p of all(T.peering)) {
        const a = g.dep(p, "vpcId");
        const b = g.dep(p, "peerVpcId");
        if (a && b) {
            lines.push(`  ${id(a.name)} <-- "VPC peering" --> ${id(b.name)}`);
        }
    }
    // TGW attachments and TGW peerings.
    for (const att of all(T.tgwVpcAttachment)) {
        const v = g.dep(att, "vpcId");
        const t = g.dep(att, "transitGatewayId");
        if (v && t && inspection.has(v.urn)) {
            // The inspected link: every inspected flow enters and leaves the inspection VPC here.
            const mode = att.inputs.applianceModeSupport === "enable" ? "appliance mode" : "appliance mode OFF";
            lines.push(`  ${id(t.name)} <== "inspected: spoke <-> hub / spoke, ${mode}" ==> ${id(v.name)}`);
        } else if (v && t && att.account !== t.account) {
            // Another account's attachment to a TGW shared through AWS RAM, accepted by the TGW's owner.
            const accepted = all(T.tgwVpcAttachmentAccepter).some((a) => g.dep(a, "transitGatewayAttachmentId")?.urn === att.urn);
            lines.push(`  ${id(v.name)} -- "RAM-shared TGW, ${accepted ? "accepted" : "NOT accepted"}" --- ${id(t.name)}`);
        } else if (v && t) {
            lines.push(`  ${id(v.name)} --- ${id(t.name)}`);
        }
    }
    for (const p of all(T.tgwPeeringAttachment)) {
        const a = g.dep(p, "transitGatewayId");
        const b = g.dep(p, "peerTransitGatewayId");
        if (a && b) {
            lines.push(`  ${id(a.name)} <== "TGW peering" ==> ${id(b.name)}`);
        }
    }
    // Zone associations (one edge per spoke VPC and zone group, not per zone).
    if (allZones.length > 0) {
        const associated = new Set<string>();
        for (const a of all(T.zoneAssociation)) {
            const v = g.dep(a, "vpcId");
            const z = g.dep(a, "zoneId", T.zone);
            const owner = z ? regionalOwner(z) : undefined;
            if (v) {
                associated.add(`${owner ? id(`${owner.name}_zones`) : "zones"} -. associated .- ${id(v.name)}`);
            }
        }
        // dns.mode profiles: a spoke gets its Region's Profile, which holds zones of one or more groups.
        for (const pa of all(T.profilesAssociation)) {
            const v = g.dep(pa, "resourceId", T.vpc);
            const profile = g.dep(pa, "profileId", T.profilesProfile);
            if (!v || !profile) {
                continue;
            }
            for (const ra of g.referrers(T.profilesResourceAssociation, "profileId", profile)) {
                const z = g.dep(ra, "resourceArn", T.zone);
                const owner = z ? regionalOwner(z) : undefined;
                if (z) {
                    associated.add(`${owner ? id(`${owner.name}_zones`) : "zones"} -. "Profile ${profile.region}" .- ${id(v.name)}`);
                }
            }
        }
        for (const edge of [...associated].sort()) {
            lines.push(`  ${edge}`);
        }
    }
    // Endpoint service: host and consumers.
    for (const s of services) {
        const nlb = g.dep(s, "networkLoadBalancerArns") ?? g.dep(s, "gatewayLoadBalancerArns");
        const nlbSubnet = nlb ? g.dep(nlb, "subnets") : undefined;
        const hostVpc = nlbSubnet ? g.dep(nlbSubnet, "vpcId", T.vpc) : undefined;
        if (hostVpc) {
            lines.push(`  ${id(hostVpc.name)} --- ${id(s.name)}`);
        }
        for (const e of endpoints.filter((x) => propertyDependsOn(x, "serviceName", s.urn))) {
            const v = g.dep(e, "vpcId");
            if (v) {
                if (e.inputs.vpcEndpointType === "GatewayLoadBalancer") {
                    // One edge per VPC, not per AZ's endpoint.
                    const edge = `  ${id(v.name)} -. "GWLB endpoints" .-> ${id(s.name)}`;
                    if (!lines.includes(edge)) {
                        lines.push(edge);
                    }
                    continue;
                }
                lines.push(`  ${id(v.name)} -. "PrivateLink${e.inputs.serviceRegion ? " (cross-region)" : ""}" .-> ${id(s.name)}`);
            }
        }
    }
    return `${lines.join("\n")}\n`;
}
