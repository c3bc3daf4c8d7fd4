/**
 * PrivateLink in one region: the consumer endpoints, the account's endpoint services in front of the
 * stack's load balancers (with their permissions), and the load balancers' tags, listeners, target groups
 * and target health (per load balancer and target group: no batched call exists).
 */
import * as ec2 from "@aws-sdk/client-ec2";
import * as elb from "@aws-sdk/client-elastic-load-balancing-v2";
import { LiveReadContext, pages, tag, Tagged, trimDot } from "./read-live-context";

/** VPC endpoints. */
export function addEndpoints(c: LiveReadContext, region: string, eps: readonly ec2.VpcEndpoint[]): void {
    const { m, named, ref, late, serviceKeyByName } = c;
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
                ...(e.VpcEndpointType === "Interface" && e.PrivateDnsEnabled !== undefined ? { privateDns: e.PrivateDnsEnabled } : {}),
                ...(e.VpcEndpointType === "Gateway" ? { routeTables: (e.RouteTableIds ?? []).map((x) => ref(x) ?? x) } : {}),
            }),
        );
    }
}

/** Endpoint services and the load balancers of the stack's VPCs (`ours`). */
export async function readEndpointServices(c: LiveReadContext, region: string, ours: ReadonlySet<string>): Promise<void> {
    const { clients, m, named, ref, late, serviceKeyByName, ec2Send } = c;
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
}
