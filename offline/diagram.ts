/**
 * A Mermaid diagram of the captured graph: regions, VPCs, the hub's endpoints and zones, peering or
 * transit gateways, and the endpoint service with its consumers. Generated from resources, so it can
 * not drift from what the program builds.
 */
import { CapturedResource, JsonObject } from "./types";

const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, "_");

function tagOf(r: CapturedResource, key: string): string | undefined {
    const v = (r.inputs.tags as JsonObject | undefined)?.[key];
    return typeof v === "string" ? v : undefined;
}

function depOf(r: CapturedResource, prop: string, byUrn: ReadonlyMap<string, CapturedResource>, type?: string): CapturedResource | undefined {
    for (const u of r.propertyDependencies[prop] ?? []) {
        const d = byUrn.get(u);
        if (d && (!type || d.type === type)) {
            return d;
        }
    }
    return undefined;
}

export function renderMermaid(resources: readonly CapturedResource[]): string {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const all = (type: string) => resources.filter((r) => r.type === type).sort((a, b) => a.name.localeCompare(b.name));
    const vpcs = all("aws:ec2/vpc:Vpc");
    const tgws = all("aws:ec2transitgateway/transitGateway:TransitGateway");
    const services = all("aws:ec2/vpcEndpointService:VpcEndpointService");
    const endpoints = all("aws:ec2/vpcEndpoint:VpcEndpoint");
    const zones = all("aws:route53/zone:Zone");
    const hub = vpcs.find((v) => tagOf(v, "landing-zone:role") === "hub");
    const regions = [...new Set([...vpcs, ...tgws].map((r) => r.region))].sort((a, b) => (hub && a === hub.region ? -1 : hub && b === hub.region ? 1 : a.localeCompare(b)));

    const lines = ["flowchart LR"];
    for (const region of regions) {
        lines.push(`  subgraph ${id(`r_${region}`)}["${region}"]`);
        for (const v of vpcs.filter((x) => x.region === region)) {
            lines.push(`    ${id(v.name)}["${v.name} ${String(v.inputs.cidrBlock)}"]`);
            const ifaces = endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface" && depOf(e, "vpcId", byUrn)?.urn === v.urn && !(e.propertyDependencies.serviceName ?? []).some((u) => byUrn.get(u)?.type === "aws:ec2/vpcEndpointService:VpcEndpointService"));
            if (ifaces.length > 0) {
                const names = ifaces.map((e) => tagOf(e, "landing-zone:service") ?? e.name);
                lines.push(`    ${id(`${v.name}_endpoints`)}(["${ifaces.length} interface endpoints: ${names.join(", ")}"])`);
                lines.push(`    ${id(v.name)} --- ${id(`${v.name}_endpoints`)}`);
            }
        }
        for (const t of tgws.filter((x) => x.region === region)) {
            lines.push(`    ${id(t.name)}{{"TGW ${region} (ASN ${String(t.inputs.amazonSideAsn)})"}}`);
        }
        for (const s of services.filter((x) => x.region === region)) {
            lines.push(`    ${id(s.name)}[/"endpoint service ${s.name} (NLB)"/]`);
        }
        lines.push("  end");
    }
    if (zones.length > 0 && hub) {
        lines.push(`  zones[("${zones.length} private hosted zones (global)")]`);
        lines.push(`  ${id(`${hub.name}_endpoints`)} -. alias .- zones`);
    }
    // Peering connections.
    for (const p of all("aws:ec2/vpcPeeringConnection:VpcPeeringConnection")) {
        const a = depOf(p, "vpcId", byUrn);
        const b = depOf(p, "peerVpcId", byUrn);
        if (a && b) {
            lines.push(`  ${id(a.name)} <-- "VPC peering" --> ${id(b.name)}`);
        }
    }
    // TGW attachments and TGW peerings.
    for (const att of all("aws:ec2transitgateway/vpcAttachment:VpcAttachment")) {
        const v = depOf(att, "vpcId", byUrn);
        const t = depOf(att, "transitGatewayId", byUrn);
        if (v && t) {
            lines.push(`  ${id(v.name)} --- ${id(t.name)}`);
        }
    }
    for (const p of all("aws:ec2transitgateway/peeringAttachment:PeeringAttachment")) {
        const a = depOf(p, "transitGatewayId", byUrn);
        const b = depOf(p, "peerTransitGatewayId", byUrn);
        if (a && b) {
            lines.push(`  ${id(a.name)} <== "TGW peering" ==> ${id(b.name)}`);
        }
    }
    // Zone associations (one edge per spoke VPC, not per zone).
    if (zones.length > 0) {
        const associated = new Set<string>();
        for (const a of all("aws:route53/zoneAssociation:ZoneAssociation")) {
            const v = depOf(a, "vpcId", byUrn);
            if (v) {
                associated.add(v.name);
            }
        }
        for (const v of [...associated].sort()) {
            lines.push(`  zones -. associated .- ${id(v)}`);
        }
    }
    // Endpoint service: host and consumers.
    for (const s of services) {
        const nlb = depOf(s, "networkLoadBalancerArns", byUrn);
        const hostVpc = nlb ? resources.find((r) => r.type === "aws:ec2/vpc:Vpc" && (depOf(nlb, "subnets", byUrn)?.propertyDependencies.vpcId ?? []).includes(r.urn)) : undefined;
        if (hostVpc) {
            lines.push(`  ${id(hostVpc.name)} --- ${id(s.name)}`);
        }
        for (const e of endpoints.filter((x) => (x.propertyDependencies.serviceName ?? []).includes(s.urn))) {
            const v = depOf(e, "vpcId", byUrn);
            if (v) {
                lines.push(`  ${id(v.name)} -. "PrivateLink${e.inputs.serviceRegion ? " (cross-region)" : ""}" .-> ${id(s.name)}`);
            }
        }
    }
    return `${lines.join("\n")}\n`;
}
