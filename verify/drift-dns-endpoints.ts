/** Drift of the private DNS and PrivateLink side: zones, endpoints, endpoint services, targets. */
import { DriftContext, UP, index } from "./drift-finding";

/** Zones: VPC associations and records. */
export function driftZones(c: DriftContext): void {
    const { plan, live, configKeyOf, add, idOf } = c;
    const liveZones = index(live.zones);
    const planVpcKeys = new Set(plan.vpcs.map((v) => v.key));
    for (const z of plan.zones) {
        const l = liveZones.get(z.key);
        if (!l) {
            continue;
        }
        const lset = new Set(l.vpcs.map((v) => v.vpc));
        const pset = new Set(z.vpcs.map((v) => v.vpc));
        for (const v of z.vpcs) {
            if (!lset.has(v.vpc)) {
                const vpcName = v.vpc.replace(/^vpc:/, "");
                add({
                    kind: "missing",
                    item: "zone association",
                    message: `zone ${z.zoneName} (${l.id}) is not associated with ${vpcName} (${idOf(v.vpc)}): its lookups resolve to public addresses`,
                    awsId: l.id,
                    region: "global",
                    urn: v.urn ?? "",
                    configKey: configKeyOf([vpcName]),
                    fix: UP,
                });
            }
        }
        for (const v of l.vpcs) {
            if (!pset.has(v.vpc) && planVpcKeys.has(v.vpc)) {
                add({
                    kind: "extra",
                    item: "zone association",
                    message: `zone ${z.zoneName} (${l.id}) is associated with ${v.vpc} although the plan does not associate them`,
                    awsId: l.id,
                    region: "global",
                    urn: z.urn ?? "",
                    configKey: configKeyOf([v.vpc.replace(/^vpc:/, "")]),
                    fix: "disassociate it, or declare it in the stack",
                });
            }
        }
        const lrec = new Set(l.records.map((r) => `${r.name} ${r.type}`));
        for (const r of z.records) {
            if (!lrec.has(`${r.name} ${r.type}`)) {
                add({
                    kind: "missing",
                    item: "DNS record",
                    message: `zone ${z.zoneName} (${l.id}) has no ${r.type} record ${r.name}`,
                    awsId: l.id,
                    region: "global",
                    urn: r.urn ?? "",
                    configKey: configKeyOf([z.name]),
                    fix: UP,
                });
            }
        }
    }
}

/** Endpoints, services, principals, targets. */
export function driftEndpoints(c: DriftContext): void {
    const { plan, live, configKeyOf, add } = c;
    const liveEp = index(live.endpoints);
    for (const e of plan.endpoints) {
        const l = liveEp.get(e.key);
        if (!l) {
            continue;
        }
        if (l.state !== "available") {
            add({
                kind: "state",
                item: "VPC endpoint",
                message: `endpoint ${e.name} (${l.id}) is ${l.state}`,
                awsId: l.id,
                region: l.region,
                urn: e.accepterUrn ?? e.urn ?? "",
                configKey: configKeyOf([e.name]),
                fix: /pending/i.test(l.state)
                    ? `accept the connection on the service side (\`pulumi up\` re-runs the accepter, or aws ec2 accept-vpc-endpoint-connections --service-id <service> --vpc-endpoint-ids ${l.id})`
                    : UP,
            });
        }
        const lsg = new Set(l.securityGroups);
        for (const g of e.securityGroups) {
            if (!lsg.has(g)) {
                add({
                    kind: "missing",
                    item: "endpoint security group",
                    message: `endpoint ${e.name} (${l.id}) does not carry security group ${g}`,
                    awsId: l.id,
                    region: l.region,
                    urn: e.urn ?? "",
                    configKey: configKeyOf([e.name]),
                    fix: UP,
                });
            }
        }
    }
    const liveSvc = index(live.endpointServices);
    for (const s of plan.endpointServices) {
        const l = liveSvc.get(s.key);
        if (!l) {
            continue;
        }
        const lset = new Set(l.principals.map((p) => p.arn));
        const pset = new Set(s.principals.map((p) => p.arn));
        for (const p of s.principals) {
            if (!lset.has(p.arn)) {
                add({
                    kind: "missing",
                    item: "allowed principal",
                    message: `endpoint service ${s.name} (${l.id}) does not allow ${p.arn}: new endpoints from it are refused`,
                    awsId: l.id,
                    region: l.region,
                    urn: p.urn ?? "",
                    configKey: "landing-zone:endpointService.allowedPrincipals",
                    fix: UP,
                });
            }
        }
        for (const p of l.principals) {
            if (!pset.has(p.arn)) {
                add({
                    kind: "extra",
                    item: "allowed principal",
                    message: `endpoint service ${s.name} (${l.id}) allows ${p.arn}, which the stack does not declare`,
                    awsId: l.id,
                    region: l.region,
                    urn: s.urn ?? "",
                    configKey: "landing-zone:endpointService.allowedPrincipals",
                    fix: "remove the principal (aws ec2 modify-vpc-endpoint-service-permissions --remove-allowed-principals), or add it to the config",
                });
            }
        }
        if (l.acceptanceRequired !== s.acceptanceRequired) {
            add({
                kind: "changed",
                item: "endpoint service",
                message: `endpoint service ${s.name} (${l.id}) has acceptanceRequired ${l.acceptanceRequired}, plan: ${s.acceptanceRequired}`,
                awsId: l.id,
                region: l.region,
                urn: s.urn ?? "",
                configKey: "landing-zone:endpointService.acceptanceRequired",
                fix: UP,
            });
        }
    }
    const liveLb = index(live.loadBalancers);
    for (const b of plan.loadBalancers) {
        const l = liveLb.get(b.key);
        for (const t of l?.targets ?? []) {
            if (t.health !== "healthy") {
                add({
                    kind: "state",
                    item: "target",
                    message: `target ${t.id}${t.port ? `:${t.port}` : ""} behind ${b.name} is ${t.health}`,
                    awsId: t.id,
                    region: l?.region ?? "",
                    urn: b.urn ?? "",
                    configKey: "landing-zone:endpointService.targets",
                    fix: "check the target's service, its security group (the NLB's group must reach the target port) and the health check",
                });
            }
        }
    }
}
