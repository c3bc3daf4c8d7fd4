/**
 * Applies an offline plan (`npm start -- --json FILE`) to moto through the AWS SDK, the way the Pulumi
 * AWS provider would on `pulumi up` of a fresh stack: every custom resource in dependency order, each
 * with the provider's calls (create, then tag/modify; accepters accept; associations associate; target
 * attachments register), with the plan's mock ids, ARNs and DNS names replaced by moto's in every input.
 *
 * A rejected call is recorded, never swallowed: the live spec asserts that only documented moto gaps
 * fail. Resource types moto or this project's SDK clients cannot serve are skipped explicitly and listed
 * (`skipped`), with the reason.
 */
import * as ec2 from "@aws-sdk/client-ec2";
import * as elb from "@aws-sdk/client-elastic-load-balancing-v2";
import * as r53 from "@aws-sdk/client-route-53";
import { T } from "../../components/aws/types";
import { CapturedResource, JsonObject, JsonValue } from "../../offline/types";
import { TestClients } from "./aws-clients";

type R = CapturedResource;

/** One SDK call the applier made. */
export interface AppliedCall {
    readonly urn: string;
    readonly call: string;
    readonly region: string;
    /** AWS error code and message when the call was rejected. */
    readonly error?: string;
}

export interface ApplyResult {
    readonly calls: readonly AppliedCall[];
    /** Calls AWS (moto) rejected. */
    readonly failures: readonly AppliedCall[];
    /** Resources not applied, with why (a documented gap, never silent). */
    readonly skipped: readonly { readonly urn: string; readonly type: string; readonly reason: string }[];
    /** Plan value (id, ARN, DNS name) -> the live value moto returned. */
    readonly liveValues: ReadonlyMap<string, string>;
    /** Plan URN -> live id. */
    readonly liveIds: ReadonlyMap<string, string>;
    /** URNs held back by `defer` (and their dependents), not yet applied. */
    readonly held: readonly string[];
    /** Applies the held resources. */
    resume(): Promise<ApplyResult>;
}

/**
 * Types not applied, and why. IAM and CloudWatch Logs: the project ships no SDK client for them (verify
 * reads neither). Auto Scaling: no client either; its launches are emulated (see `emulateFleet`).
 */
export const SKIPPED_TYPES: Readonly<Record<string, string>> = {
    [T.role]: "IAM is not part of the network verify reads (no @aws-sdk/client-iam in the project)",
    [T.rolePolicy]: "IAM is not part of the network verify reads (no @aws-sdk/client-iam in the project)",
    [T.rolePolicyAttachment]: "IAM is not part of the network verify reads (no @aws-sdk/client-iam in the project)",
    [T.instanceProfile]: "IAM is not part of the network verify reads (no @aws-sdk/client-iam in the project)",
    [T.logGroup]: "CloudWatch Logs is not part of the network verify reads (no @aws-sdk/client-cloudwatch-logs in the project)",
    [T.endpointServicePrivateDnsVerification]: "private DNS name verification needs a public DNS TXT record: not applicable to moto",
};

/** Error text of an SDK exception: `Code: message`. */
export function awsError(e: unknown): string {
    const err = e as { name?: string; Code?: string; message?: string };
    return `${err.Code ?? err.name ?? "Error"}: ${err.message ?? String(e)}`;
}

/** Dependency order: capture order, with every resource after the resources it depends on. */
function ordered(resources: readonly R[]): R[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const done = new Set<string>();
    const out: R[] = [];
    const visit = (r: R, stack: Set<string>) => {
        if (done.has(r.urn) || stack.has(r.urn)) {
            return;
        }
        stack.add(r.urn);
        for (const u of [...r.dependencies, ...Object.values(r.propertyDependencies).flat()]) {
            const d = byUrn.get(u);
            if (d) {
                visit(d, stack);
            }
        }
        stack.delete(r.urn);
        done.add(r.urn);
        out.push(r);
    };
    for (const r of resources) {
        visit(r, new Set());
    }
    return out;
}

const str = (v: JsonValue | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: JsonValue | undefined): number | undefined =>
    typeof v === "number" ? v : typeof v === "string" && v !== "" && !isNaN(Number(v)) ? Number(v) : undefined;
const strs = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const obj = (v: JsonValue | undefined): JsonObject => (v && typeof v === "object" && !Array.isArray(v) ? v : {});

function ec2Tags(resourceType: ec2.ResourceType, tags: Record<string, string>): ec2.TagSpecification[] {
    const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    return list.length > 0 ? [{ ResourceType: resourceType, Tags: list }] : [];
}

/** Applies `resources` (a plan's `resources`) to the AWS-compatible API behind `clients`. */
export interface ApplyOptions {
    /** URNs not applied (nor anything depending on them) until `resume()`. */
    readonly defer?: readonly string[];
    /** Only these URNs are applied (a day-2 step); the others exist already. @default every resource */
    readonly only?: ReadonlySet<string>;
    /** Plan value -> live value of resources applied earlier (an earlier `ApplyResult.liveValues`). */
    readonly seed?: ReadonlyMap<string, string>;
}

export async function applyPlan(resources: readonly R[], clients: TestClients, options: ApplyOptions = {}): Promise<ApplyResult> {
    const calls: AppliedCall[] = [];
    const skipped: { urn: string; type: string; reason: string }[] = [];
    const live = new Map<string, string>(options.seed ?? []);
    const liveIds = new Map<string, string>();
    const byUrn = new Map(resources.map((r) => [r.urn, r]));

    const sub = <V extends JsonValue>(v: V): V => {
        if (typeof v === "string") {
            return (live.get(v) ?? v) as V;
        }
        if (Array.isArray(v)) {
            return v.map((x) => sub(x)) as V;
        }
        if (v && typeof v === "object") {
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sub(x)])) as V;
        }
        return v;
    };
    const mapValue = (planValue: JsonValue | undefined, liveValue: string | undefined) => {
        if (typeof planValue === "string" && planValue !== "" && liveValue) {
            live.set(planValue, liveValue);
        }
    };
    /** Tags as the provider sends them: its defaultTags, then the resource's own. */
    const tagsOf = (r: R): Record<string, string> => {
        const p = byUrn.get(r.provider);
        let defaults: Record<string, string> = {};
        const text = p ? str(p.inputs.defaultTags) : undefined;
        if (text) {
            defaults = (JSON.parse(text) as { tags?: Record<string, string> }).tags ?? {};
        }
        const own = obj(r.inputs.tags) as Record<string, string>;
        return { ...defaults, ...own };
    };

    async function call<O>(r: R, name: string, region: string, fn: () => Promise<O>): Promise<O | undefined> {
        try {
            const out = await fn();
            calls.push({ urn: r.urn, call: name, region });
            return out;
        } catch (e) {
            calls.push({ urn: r.urn, call: name, region, error: awsError(e) });
            return undefined;
        }
    }

    async function applyOne(r: R): Promise<void> {
        if (!r.custom || r.type === T.provider || (options.only && !options.only.has(r.urn))) {
            return;
        }
        if (SKIPPED_TYPES[r.type]) {
            skipped.push({ urn: r.urn, type: r.type, reason: SKIPPED_TYPES[r.type] });
            return;
        }
        const region = r.region === "global" ? "us-east-1" : r.region;
        const e = clients.ec2(region);
        const inp = sub(r.inputs);
        const tags = tagsOf(r);
        const setId = (id: string | undefined) => {
            if (id) {
                mapValue(r.id, id);
                liveIds.set(r.urn, id);
            }
        };
        switch (r.type) {
            case T.vpc: {
                const out = await call(r, "CreateVpc", region, () =>
                    e.send(new ec2.CreateVpcCommand({ CidrBlock: str(inp.cidrBlock), TagSpecifications: ec2Tags("vpc", tags) })),
                );
                const id = out?.Vpc?.VpcId;
                setId(id);
                if (!id) {
                    break;
                }
                for (const attr of ["enableDnsSupport", "enableDnsHostnames"] as const) {
                    if (typeof inp[attr] === "boolean") {
                        const Value = inp[attr] as boolean;
                        await call(r, "ModifyVpcAttribute", region, () =>
                            e.send(
                                new ec2.ModifyVpcAttributeCommand({
                                    VpcId: id,
                                    ...(attr === "enableDnsSupport" ? { EnableDnsSupport: { Value } } : { EnableDnsHostnames: { Value } }),
                                }),
                            ),
                        );
                    }
                }
                const sgs = await call(r, "DescribeSecurityGroups", region, () =>
                    e.send(
                        new ec2.DescribeSecurityGroupsCommand({
                            Filters: [
                                { Name: "vpc-id", Values: [id] },
                                { Name: "group-name", Values: ["default"] },
                            ],
                        }),
                    ),
                );
                mapValue(r.outputs.defaultSecurityGroupId, sgs?.SecurityGroups?.[0]?.GroupId);
                break;
            }
            case T.subnet: {
                const out = await call(r, "CreateSubnet", region, () =>
                    e.send(
                        new ec2.CreateSubnetCommand({
                            VpcId: str(inp.vpcId),
                            CidrBlock: str(inp.cidrBlock),
                            ...(str(inp.availabilityZoneId)
                                ? { AvailabilityZoneId: str(inp.availabilityZoneId) }
                                : { AvailabilityZone: str(inp.availabilityZone) }),
                            TagSpecifications: ec2Tags("subnet", tags),
                        }),
                    ),
                );
                setId(out?.Subnet?.SubnetId);
                break;
            }
            case T.routeTable: {
                const out = await call(r, "CreateRouteTable", region, () =>
                    e.send(new ec2.CreateRouteTableCommand({ VpcId: str(inp.vpcId), TagSpecifications: ec2Tags("route-table", tags) })),
                );
                setId(out?.RouteTable?.RouteTableId);
                break;
            }
            case T.routeTableAssociation: {
                const out = await call(r, "AssociateRouteTable", region, () =>
                    e.send(new ec2.AssociateRouteTableCommand({ RouteTableId: str(inp.routeTableId), SubnetId: str(inp.subnetId) })),
                );
                setId(out?.AssociationId);
                break;
            }
            case T.route: {
                await call(r, "CreateRoute", region, () =>
                    e.send(
                        new ec2.CreateRouteCommand({
                            RouteTableId: str(inp.routeTableId),
                            DestinationCidrBlock: str(inp.destinationCidrBlock),
                            VpcPeeringConnectionId: str(inp.vpcPeeringConnectionId),
                            TransitGatewayId: str(inp.transitGatewayId),
                            GatewayId: str(inp.gatewayId),
                            VpcEndpointId: str(inp.vpcEndpointId),
                            NatGatewayId: str(inp.natGatewayId),
                        }),
                    ),
                );
                break;
            }
            case T.defaultSecurityGroup: {
                // The provider adopts the VPC's default group and removes every rule it has (none are declared).
                const out = await call(r, "DescribeSecurityGroups", region, () =>
                    e.send(
                        new ec2.DescribeSecurityGroupsCommand({
                            Filters: [
                                { Name: "vpc-id", Values: [str(inp.vpcId) ?? ""] },
                                { Name: "group-name", Values: ["default"] },
                            ],
                        }),
                    ),
                );
                const sg = out?.SecurityGroups?.[0];
                setId(sg?.GroupId);
                if (!sg?.GroupId) {
                    break;
                }
                if ((sg.IpPermissions ?? []).length > 0) {
                    await call(r, "RevokeSecurityGroupIngress", region, () =>
                        e.send(new ec2.RevokeSecurityGroupIngressCommand({ GroupId: sg.GroupId, IpPermissions: sg.IpPermissions })),
                    );
                }
                if ((sg.IpPermissionsEgress ?? []).length > 0) {
                    await call(r, "RevokeSecurityGroupEgress", region, () =>
                        e.send(new ec2.RevokeSecurityGroupEgressCommand({ GroupId: sg.GroupId, IpPermissions: sg.IpPermissionsEgress })),
                    );
                }
                await call(r, "CreateTags", region, () =>
                    e.send(
                        new ec2.CreateTagsCommand({
                            Resources: [sg.GroupId as string],
                            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
                        }),
                    ),
                );
                break;
            }
            case T.securityGroup: {
                const out = await call(r, "CreateSecurityGroup", region, () =>
                    e.send(
                        new ec2.CreateSecurityGroupCommand({
                            GroupName: str(r.outputs.name) ?? r.name,
                            Description: str(inp.description) ?? "Managed by Pulumi",
                            VpcId: str(inp.vpcId),
                            TagSpecifications: ec2Tags("security-group", tags),
                        }),
                    ),
                );
                const id = out?.GroupId;
                setId(id);
                if (id) {
                    // The provider removes AWS's default allow-all egress rule from every group it creates.
                    await call(r, "RevokeSecurityGroupEgress", region, () =>
                        e.send(
                            new ec2.RevokeSecurityGroupEgressCommand({
                                GroupId: id,
                                IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
                            }),
                        ),
                    );
                }
                break;
            }
            case T.ingressRule:
            case T.egressRule: {
                const proto = str(inp.ipProtocol) ?? "-1";
                const perm: ec2.IpPermission = {
                    IpProtocol: proto,
                    ...(proto === "-1" ? {} : { FromPort: num(inp.fromPort), ToPort: num(inp.toPort) }),
                    ...(str(inp.cidrIpv4) ? { IpRanges: [{ CidrIp: str(inp.cidrIpv4), Description: str(inp.description) }] } : {}),
                    ...(str(inp.referencedSecurityGroupId)
                        ? { UserIdGroupPairs: [{ GroupId: str(inp.referencedSecurityGroupId), Description: str(inp.description) }] }
                        : {}),
                    ...(str(inp.prefixListId)
                        ? { PrefixListIds: [{ PrefixListId: str(inp.prefixListId), Description: str(inp.description) }] }
                        : {}),
                };
                const spec = {
                    GroupId: str(inp.securityGroupId),
                    IpPermissions: [perm],
                    TagSpecifications: ec2Tags("security-group-rule", tags),
                };
                const out =
                    r.type === T.ingressRule
                        ? await call(r, "AuthorizeSecurityGroupIngress", region, () =>
                              e.send(new ec2.AuthorizeSecurityGroupIngressCommand(spec)),
                          )
                        : await call(r, "AuthorizeSecurityGroupEgress", region, () =>
                              e.send(new ec2.AuthorizeSecurityGroupEgressCommand(spec)),
                          );
                setId(out?.SecurityGroupRules?.[0]?.SecurityGroupRuleId);
                break;
            }
            case T.flowLog: {
                const out = await call(r, "CreateFlowLogs", region, () =>
                    e.send(
                        new ec2.CreateFlowLogsCommand({
                            ResourceIds: [str(inp.vpcId) ?? ""],
                            ResourceType: "VPC",
                            TrafficType: str(inp.trafficType) as ec2.TrafficType,
                            LogDestinationType: str(inp.logDestinationType) as ec2.LogDestinationType,
                            LogDestination: str(inp.logDestination),
                            DeliverLogsPermissionArn: str(inp.iamRoleArn),
                            MaxAggregationInterval: num(inp.maxAggregationInterval),
                            TagSpecifications: ec2Tags("vpc-flow-log", tags),
                        }),
                    ),
                );
                const unsuccessful = out?.Unsuccessful?.[0];
                if (unsuccessful) {
                    calls[calls.length - 1] = {
                        ...calls[calls.length - 1],
                        error: `${unsuccessful.Error?.Code}: ${unsuccessful.Error?.Message}`,
                    };
                }
                setId(out?.FlowLogIds?.[0]);
                break;
            }
            case T.vpcEndpoint: {
                const type = str(inp.vpcEndpointType) ?? "Gateway";
                const out = await call(r, "CreateVpcEndpoint", region, () =>
                    e.send(
                        new ec2.CreateVpcEndpointCommand({
                            VpcId: str(inp.vpcId),
                            ServiceName: str(inp.serviceName),
                            VpcEndpointType: type as ec2.VpcEndpointType,
                            ...(type === "Interface"
                                ? {
                                      SubnetIds: strs(inp.subnetIds),
                                      SecurityGroupIds: strs(inp.securityGroupIds),
                                      PrivateDnsEnabled: inp.privateDnsEnabled === true,
                                  }
                                : { RouteTableIds: strs(inp.routeTableIds) }),
                            ...(str(inp.policy) ? { PolicyDocument: str(inp.policy) } : {}),
                            ...(str(inp.serviceRegion) ? { ServiceRegion: str(inp.serviceRegion) } : {}),
                            TagSpecifications: ec2Tags("vpc-endpoint", tags),
                        }),
                    ),
                );
                const ep = out?.VpcEndpoint;
                setId(ep?.VpcEndpointId);
                const planDns = Array.isArray(r.outputs.dnsEntries) ? r.outputs.dnsEntries : [];
                planDns.forEach((d, i) => {
                    const planName = str(obj(d).dnsName);
                    const liveName = ep?.DnsEntries?.[i]?.DnsName;
                    mapValue(planName, liveName);
                    // S3's names begin with "*.", which the hub's alias records strip (an alias target cannot have it).
                    if (planName?.startsWith("*.")) {
                        mapValue(planName.slice(2), liveName?.replace(/^\*\./, ""));
                    }
                    mapValue(obj(d).hostedZoneId, ep?.DnsEntries?.[i]?.HostedZoneId);
                });
                break;
            }
            case T.vpcEndpointPolicy: {
                await call(r, "ModifyVpcEndpoint", region, () =>
                    e.send(new ec2.ModifyVpcEndpointCommand({ VpcEndpointId: str(inp.vpcEndpointId), PolicyDocument: str(inp.policy) })),
                );
                break;
            }
            case T.vpcEndpointPrivateDns: {
                await call(r, "ModifyVpcEndpoint", region, () =>
                    e.send(
                        new ec2.ModifyVpcEndpointCommand({
                            VpcEndpointId: str(inp.vpcEndpointId),
                            PrivateDnsEnabled: inp.privateDnsEnabled === true,
                        }),
                    ),
                );
                break;
            }
            case T.vpcEndpointService: {
                const out = await call(r, "CreateVpcEndpointServiceConfiguration", region, () =>
                    e.send(
                        new ec2.CreateVpcEndpointServiceConfigurationCommand({
                            NetworkLoadBalancerArns: strs(inp.networkLoadBalancerArns),
                            AcceptanceRequired: inp.acceptanceRequired === true,
                            ...(strs(inp.supportedRegions).length > 0 ? { SupportedRegions: strs(inp.supportedRegions) } : {}),
                            TagSpecifications: ec2Tags("vpc-endpoint-service", tags),
                        }),
                    ),
                );
                const cfg = out?.ServiceConfiguration;
                setId(cfg?.ServiceId);
                mapValue(r.outputs.serviceName, cfg?.ServiceName);
                break;
            }
            case T.vpcEndpointServiceAllowedPrincipal: {
                await call(r, "ModifyVpcEndpointServicePermissions", region, () =>
                    e.send(
                        new ec2.ModifyVpcEndpointServicePermissionsCommand({
                            ServiceId: str(inp.vpcEndpointServiceId),
                            AddAllowedPrincipals: [str(inp.principalArn) ?? ""],
                        }),
                    ),
                );
                break;
            }
            case T.vpcEndpointConnectionAccepter: {
                const out = await call(r, "AcceptVpcEndpointConnections", region, () =>
                    e.send(
                        new ec2.AcceptVpcEndpointConnectionsCommand({
                            ServiceId: str(inp.vpcEndpointServiceId),
                            VpcEndpointIds: [str(inp.vpcEndpointId) ?? ""],
                        }),
                    ),
                );
                const bad = out?.Unsuccessful?.[0];
                if (bad) {
                    calls[calls.length - 1] = { ...calls[calls.length - 1], error: `${bad.Error?.Code}: ${bad.Error?.Message}` };
                }
                break;
            }
            case T.loadBalancer:
            case T.loadBalancerLegacy: {
                const lb = clients.elb(region);
                const out = await call(r, "CreateLoadBalancer", region, () =>
                    lb.send(
                        new elb.CreateLoadBalancerCommand({
                            Name: str(r.outputs.name) ?? r.name,
                            Type: (str(inp.loadBalancerType) ?? "application") as elb.LoadBalancerTypeEnum,
                            Scheme: inp.internal === true ? "internal" : "internet-facing",
                            Subnets: strs(inp.subnets),
                            SecurityGroups: strs(inp.securityGroups),
                            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
                        }),
                    ),
                );
                const created = out?.LoadBalancers?.[0];
                setId(created?.LoadBalancerArn);
                mapValue(r.outputs.arn, created?.LoadBalancerArn);
                mapValue(r.outputs.dnsName, created?.DNSName);
                mapValue(r.outputs.zoneId, created?.CanonicalHostedZoneId);
                if (!created?.LoadBalancerArn) {
                    break;
                }
                if (typeof inp.enableCrossZoneLoadBalancing === "boolean") {
                    await call(r, "ModifyLoadBalancerAttributes", region, () =>
                        lb.send(
                            new elb.ModifyLoadBalancerAttributesCommand({
                                LoadBalancerArn: created.LoadBalancerArn,
                                Attributes: [{ Key: "load_balancing.cross_zone.enabled", Value: String(inp.enableCrossZoneLoadBalancing) }],
                            }),
                        ),
                    );
                }
                if (str(inp.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic)) {
                    await call(r, "SetSecurityGroups", region, () =>
                        lb.send(
                            new elb.SetSecurityGroupsCommand({
                                LoadBalancerArn: created.LoadBalancerArn,
                                SecurityGroups: strs(inp.securityGroups),
                                EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: str(
                                    inp.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic,
                                ) as elb.EnforceSecurityGroupInboundRulesOnPrivateLinkTrafficEnum,
                            }),
                        ),
                    );
                }
                break;
            }
            case T.targetGroup: {
                const hc = obj(inp.healthCheck);
                const out = await call(r, "CreateTargetGroup", region, () =>
                    clients.elb(region).send(
                        new elb.CreateTargetGroupCommand({
                            Name: str(r.outputs.name) ?? r.name,
                            Protocol: str(inp.protocol) as elb.ProtocolEnum,
                            Port: num(inp.port),
                            VpcId: str(inp.vpcId),
                            TargetType: (str(inp.targetType) ?? "instance") as elb.TargetTypeEnum,
                            HealthCheckEnabled: hc.enabled !== false,
                            ...(str(hc.protocol) ? { HealthCheckProtocol: str(hc.protocol) as elb.ProtocolEnum } : {}),
                            ...(str(hc.port) ? { HealthCheckPort: str(hc.port) } : {}),
                            ...(num(hc.interval) ? { HealthCheckIntervalSeconds: num(hc.interval) } : {}),
                            ...(num(hc.healthyThreshold) ? { HealthyThresholdCount: num(hc.healthyThreshold) } : {}),
                            ...(num(hc.unhealthyThreshold) ? { UnhealthyThresholdCount: num(hc.unhealthyThreshold) } : {}),
                            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
                        }),
                    ),
                );
                const tg = out?.TargetGroups?.[0];
                setId(tg?.TargetGroupArn);
                mapValue(r.outputs.arn, tg?.TargetGroupArn);
                break;
            }
            case T.listener: {
                const actions = (Array.isArray(inp.defaultActions) ? inp.defaultActions : []).map((a) => ({
                    Type: str(obj(a).type) as elb.ActionTypeEnum,
                    TargetGroupArn: str(obj(a).targetGroupArn),
                }));
                const out = await call(r, "CreateListener", region, () =>
                    clients.elb(region).send(
                        new elb.CreateListenerCommand({
                            LoadBalancerArn: str(inp.loadBalancerArn),
                            Port: num(inp.port),
                            Protocol: str(inp.protocol) as elb.ProtocolEnum,
                            DefaultActions: actions,
                        }),
                    ),
                );
                setId(out?.Listeners?.[0]?.ListenerArn);
                break;
            }
            case T.targetGroupAttachment: {
                await call(r, "RegisterTargets", region, () =>
                    clients.elb(region).send(
                        new elb.RegisterTargetsCommand({
                            TargetGroupArn: str(inp.targetGroupArn),
                            Targets: [
                                {
                                    Id: str(inp.targetId),
                                    Port: num(inp.port),
                                    ...(str(inp.availabilityZone) ? { AvailabilityZone: str(inp.availabilityZone) } : {}),
                                },
                            ],
                        }),
                    ),
                );
                break;
            }
            case T.launchTemplate: {
                const nics = (Array.isArray(inp.networkInterfaces) ? inp.networkInterfaces : []).map((n) => ({
                    AssociatePublicIpAddress: obj(n).associatePublicIpAddress === "true",
                    DeleteOnTermination: true,
                    DeviceIndex: 0,
                    Groups: strs(obj(n).securityGroups),
                }));
                const out = await call(r, "CreateLaunchTemplate", region, () =>
                    e.send(
                        new ec2.CreateLaunchTemplateCommand({
                            LaunchTemplateName: str(r.outputs.name) ?? r.name,
                            LaunchTemplateData: {
                                ImageId: str(inp.imageId),
                                InstanceType: str(inp.instanceType) as ec2._InstanceType,
                                NetworkInterfaces: nics,
                            },
                        }),
                    ),
                );
                setId(out?.LaunchTemplate?.LaunchTemplateId);
                break;
            }
            case T.autoscalingGroup: {
                await emulateFleet(r, inp, region);
                break;
            }
            case T.peering: {
                const out = await call(r, "CreateVpcPeeringConnection", region, () =>
                    e.send(
                        new ec2.CreateVpcPeeringConnectionCommand({
                            VpcId: str(inp.vpcId),
                            PeerVpcId: str(inp.peerVpcId),
                            ...(str(inp.peerRegion) ? { PeerRegion: str(inp.peerRegion) } : {}),
                            ...(str(inp.peerOwnerId) ? { PeerOwnerId: str(inp.peerOwnerId) } : {}),
                            TagSpecifications: ec2Tags("vpc-peering-connection", tags),
                        }),
                    ),
                );
                setId(out?.VpcPeeringConnection?.VpcPeeringConnectionId);
                break;
            }
            case T.peeringAccepter: {
                const id = str(inp.vpcPeeringConnectionId) ?? "";
                await call(r, "AcceptVpcPeeringConnection", region, () =>
                    e.send(new ec2.AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })),
                );
                liveIds.set(r.urn, id);
                break;
            }
            case T.peeringOptions: {
                const opts = (o: JsonValue | undefined) =>
                    o === undefined ? undefined : { AllowDnsResolutionFromRemoteVpc: obj(o).allowRemoteVpcDnsResolution === true };
                await call(r, "ModifyVpcPeeringConnectionOptions", region, () =>
                    e.send(
                        new ec2.ModifyVpcPeeringConnectionOptionsCommand({
                            VpcPeeringConnectionId: str(inp.vpcPeeringConnectionId),
                            ...(inp.accepter !== undefined ? { AccepterPeeringConnectionOptions: opts(inp.accepter) } : {}),
                            ...(inp.requester !== undefined ? { RequesterPeeringConnectionOptions: opts(inp.requester) } : {}),
                        }),
                    ),
                );
                break;
            }
            case T.transitGateway: {
                const enable = (v: JsonValue | undefined) =>
                    v === undefined ? undefined : v === "enable" || v === true ? "enable" : "disable";
                const out = await call(r, "CreateTransitGateway", region, () =>
                    e.send(
                        new ec2.CreateTransitGatewayCommand({
                            Description: str(inp.description),
                            Options: {
                                AmazonSideAsn: num(inp.amazonSideAsn),
                                AutoAcceptSharedAttachments: enable(
                                    inp.autoAcceptSharedAttachments,
                                ) as ec2.AutoAcceptSharedAttachmentsValue,
                                DefaultRouteTableAssociation: enable(
                                    inp.defaultRouteTableAssociation,
                                ) as ec2.DefaultRouteTableAssociationValue,
                                DefaultRouteTablePropagation: enable(
                                    inp.defaultRouteTablePropagation,
                                ) as ec2.DefaultRouteTablePropagationValue,
                                DnsSupport: enable(inp.dnsSupport) as ec2.DnsSupportValue,
                                VpnEcmpSupport: enable(inp.vpnEcmpSupport) as ec2.VpnEcmpSupportValue,
                            },
                            TagSpecifications: ec2Tags("transit-gateway", tags),
                        }),
                    ),
                );
                setId(out?.TransitGateway?.TransitGatewayId);
                break;
            }
            case T.tgwVpcAttachment: {
                const out = await call(r, "CreateTransitGatewayVpcAttachment", region, () =>
                    e.send(
                        new ec2.CreateTransitGatewayVpcAttachmentCommand({
                            TransitGatewayId: str(inp.transitGatewayId),
                            VpcId: str(inp.vpcId),
                            SubnetIds: strs(inp.subnetIds),
                            TagSpecifications: ec2Tags("transit-gateway-attachment", tags),
                        }),
                    ),
                );
                const attId = out?.TransitGatewayVpcAttachment?.TransitGatewayAttachmentId;
                setId(attId);
                if (attId && Object.keys(tags).length > 0 && (out?.TransitGatewayVpcAttachment?.Tags ?? []).length === 0) {
                    // moto 5.2 reads this call's tags from the "transit-gateway-route-table" specification and
                    // drops them; AWS applies the "transit-gateway-attachment" one. Tag it as AWS would have.
                    await call(r, "CreateTags", region, () =>
                        e.send(
                            new ec2.CreateTagsCommand({
                                Resources: [attId],
                                Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
                            }),
                        ),
                    );
                }
                if (attId) {
                    await releaseDefaultTable(r, inp, attId, region);
                }
                break;
            }
            case T.tgwPeeringAttachment: {
                const out = await call(r, "CreateTransitGatewayPeeringAttachment", region, () =>
                    e.send(
                        new ec2.CreateTransitGatewayPeeringAttachmentCommand({
                            TransitGatewayId: str(inp.transitGatewayId),
                            PeerTransitGatewayId: str(inp.peerTransitGatewayId),
                            // The provider defaults the peer account to the caller's.
                            PeerAccountId: str(inp.peerAccountId) ?? "123456789012",
                            PeerRegion: str(inp.peerRegion),
                            TagSpecifications: ec2Tags("transit-gateway-attachment", tags),
                        }),
                    ),
                );
                setId(out?.TransitGatewayPeeringAttachment?.TransitGatewayAttachmentId);
                break;
            }
            case T.tgwPeeringAttachmentAccepter: {
                const id = str(inp.transitGatewayAttachmentId) ?? "";
                await call(r, "AcceptTransitGatewayPeeringAttachment", region, () =>
                    e.send(new ec2.AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id })),
                );
                liveIds.set(r.urn, id);
                break;
            }
            case T.tgwRouteTable: {
                const out = await call(r, "CreateTransitGatewayRouteTable", region, () =>
                    e.send(
                        new ec2.CreateTransitGatewayRouteTableCommand({
                            TransitGatewayId: str(inp.transitGatewayId),
                            TagSpecifications: ec2Tags("transit-gateway-route-table", tags),
                        }),
                    ),
                );
                setId(out?.TransitGatewayRouteTable?.TransitGatewayRouteTableId);
                break;
            }
            case T.tgwRouteTableAssociation: {
                await call(r, "AssociateTransitGatewayRouteTable", region, () =>
                    e.send(
                        new ec2.AssociateTransitGatewayRouteTableCommand({
                            TransitGatewayRouteTableId: str(inp.transitGatewayRouteTableId),
                            TransitGatewayAttachmentId: str(inp.transitGatewayAttachmentId),
                        }),
                    ),
                );
                break;
            }
            case T.tgwRouteTablePropagation: {
                await call(r, "EnableTransitGatewayRouteTablePropagation", region, () =>
                    e.send(
                        new ec2.EnableTransitGatewayRouteTablePropagationCommand({
                            TransitGatewayRouteTableId: str(inp.transitGatewayRouteTableId),
                            TransitGatewayAttachmentId: str(inp.transitGatewayAttachmentId),
                        }),
                    ),
                );
                break;
            }
            case T.tgwRoute: {
                await call(r, "CreateTransitGatewayRoute", region, () =>
                    e.send(
                        new ec2.CreateTransitGatewayRouteCommand({
                            TransitGatewayRouteTableId: str(inp.transitGatewayRouteTableId),
                            DestinationCidrBlock: str(inp.destinationCidrBlock),
                            ...(inp.blackhole === true
                                ? { Blackhole: true }
                                : { TransitGatewayAttachmentId: str(inp.transitGatewayAttachmentId) }),
                        }),
                    ),
                );
                break;
            }
            case T.zone: {
                const vpcs = Array.isArray(inp.vpcs) ? inp.vpcs.map(obj) : [];
                const first = vpcs[0];
                const out = await call(r, "CreateHostedZone", "global", () =>
                    clients.route53().send(
                        new r53.CreateHostedZoneCommand({
                            Name: str(inp.name),
                            CallerReference: `${r.urn}-${Date.now()}`,
                            HostedZoneConfig: { Comment: str(inp.comment), PrivateZone: first !== undefined },
                            ...(first ? { VPC: { VPCId: str(first.vpcId), VPCRegion: str(first.vpcRegion) as r53.VPCRegion } } : {}),
                        }),
                    ),
                );
                const id = out?.HostedZone?.Id?.replace(/^\/hostedzone\//, "");
                setId(id);
                if (!id) {
                    break;
                }
                for (const v of vpcs.slice(1)) {
                    await call(r, "AssociateVPCWithHostedZone", "global", () =>
                        clients.route53().send(
                            new r53.AssociateVPCWithHostedZoneCommand({
                                HostedZoneId: id,
                                VPC: { VPCId: str(v.vpcId), VPCRegion: str(v.vpcRegion) as r53.VPCRegion },
                            }),
                        ),
                    );
                }
                if (Object.keys(tags).length > 0) {
                    await call(r, "ChangeTagsForResource", "global", () =>
                        clients.route53().send(
                            new r53.ChangeTagsForResourceCommand({
                                ResourceType: "hostedzone",
                                ResourceId: id,
                                AddTags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
                            }),
                        ),
                    );
                }
                break;
            }
            case T.record: {
                const alias = Array.isArray(inp.aliases) ? obj(inp.aliases[0]) : undefined;
                const set: r53.ResourceRecordSet = {
                    Name: str(inp.name),
                    Type: str(inp.type) as r53.RRType,
                    ...(alias
                        ? {
                              AliasTarget: {
                                  DNSName: str(alias.name),
                                  HostedZoneId: str(alias.zoneId),
                                  EvaluateTargetHealth: alias.evaluateTargetHealth === true,
                              },
                          }
                        : { TTL: num(inp.ttl), ResourceRecords: strs(inp.records).map((Value) => ({ Value })) }),
                };
                await call(r, "ChangeResourceRecordSets", "global", () =>
                    clients.route53().send(
                        new r53.ChangeResourceRecordSetsCommand({
                            HostedZoneId: str(inp.zoneId),
                            ChangeBatch: { Changes: [{ Action: "UPSERT", ResourceRecordSet: set }] },
                        }),
                    ),
                );
                break;
            }
            case T.zoneAssociation: {
                await call(r, "AssociateVPCWithHostedZone", "global", () =>
                    clients.route53().send(
                        new r53.AssociateVPCWithHostedZoneCommand({
                            HostedZoneId: str(inp.zoneId),
                            VPC: { VPCId: str(inp.vpcId), VPCRegion: str(inp.vpcRegion) as r53.VPCRegion },
                        }),
                    ),
                );
                break;
            }
            default:
                skipped.push({
                    urn: r.urn,
                    type: r.type,
                    reason: "resource type the applier does not know (add it to tests/live/apply-plan.ts)",
                });
        }
    }

    // Deferred resources, and everything that depends on them, wait for `resume()`: a stack whose
    // accepter never ran (a peering left pending-acceptance) is then completed the way `pulumi up` would.
    const held = new Set<string>();
    const waiting: R[] = [];
    for (const r of ordered(resources)) {
        const deps = [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
        if ((options.defer ?? []).includes(r.urn) || deps.some((u) => held.has(u))) {
            held.add(r.urn);
            waiting.push(r);
            continue;
        }
        await applyOne(r);
    }
    const result = (): ApplyResult => ({
        calls: [...calls],
        failures: calls.filter((c) => c.error),
        skipped: [...skipped],
        liveValues: live,
        liveIds,
        held: [...held],
        resume,
    });
    async function resume(): Promise<ApplyResult> {
        for (const r of waiting.splice(0)) {
            await applyOne(r);
        }
        held.clear();
        return result();
    }

    /**
     * The provider, for an attachment with `transitGatewayDefaultRouteTableAssociation: false`, disassociates
     * it from the TGW's default association table when the TGW reports one (and likewise disables propagation
     * to the default propagation table). On AWS a TGW created with default association disabled has none;
     * moto 5.2 always creates one and associates every attachment with it.
     */
    async function releaseDefaultTable(r: R, inp: JsonObject, attachmentId: string, region: string): Promise<void> {
        const e = clients.ec2(region);
        const tgw = await call(r, "DescribeTransitGateways", region, () =>
            e.send(new ec2.DescribeTransitGatewaysCommand({ TransitGatewayIds: [str(inp.transitGatewayId) ?? ""] })),
        );
        const opts = tgw?.TransitGateways?.[0]?.Options;
        if (inp.transitGatewayDefaultRouteTableAssociation === false && opts?.AssociationDefaultRouteTableId) {
            await call(r, "DisassociateTransitGatewayRouteTable", region, () =>
                e.send(
                    new ec2.DisassociateTransitGatewayRouteTableCommand({
                        TransitGatewayRouteTableId: opts.AssociationDefaultRouteTableId,
                        TransitGatewayAttachmentId: attachmentId,
                    }),
                ),
            );
        }
    }

    /**
     * Auto Scaling has no SDK client in the project: what the group would do is emulated — launch
     * `desiredCapacity` instances from its launch template across its subnets and register them with its
     * target groups — so that the NLB has targets whose health verify reads.
     */
    async function emulateFleet(r: R, inp: JsonObject, region: string): Promise<void> {
        skipped.push({
            urn: r.urn,
            type: r.type,
            reason: "Auto Scaling (no @aws-sdk/client-auto-scaling in the project): its launches are emulated with RunInstances + RegisterTargets",
        });
        const subnets = strs(inp.vpcZoneIdentifiers);
        const lt = str(obj(inp.launchTemplate).id);
        const count = num(inp.desiredCapacity) ?? num(inp.minSize) ?? 1;
        const ids: string[] = [];
        for (let i = 0; i < count && subnets.length > 0; i++) {
            const out = await call(r, "RunInstances", region, () =>
                clients.ec2(region).send(
                    new ec2.RunInstancesCommand({
                        MinCount: 1,
                        MaxCount: 1,
                        SubnetId: subnets[i % subnets.length],
                        LaunchTemplate: { LaunchTemplateId: lt },
                    }),
                ),
            );
            const id = out?.Instances?.[0]?.InstanceId;
            if (id) {
                ids.push(id);
            }
        }
        for (const tg of strs(inp.targetGroupArns)) {
            if (ids.length > 0) {
                await call(r, "RegisterTargets", region, () =>
                    clients.elb(region).send(new elb.RegisterTargetsCommand({ TargetGroupArn: tg, Targets: ids.map((Id) => ({ Id })) })),
                );
            }
        }
    }

    return result();
}

/** A plan's stack outputs with the plan's ids replaced by the live ones (what `pulumi stack output --json` would print). */
export function liveOutputs(outputs: JsonValue, liveValues: ReadonlyMap<string, string>): JsonValue {
    if (typeof outputs === "string") {
        return liveValues.get(outputs) ?? outputs;
    }
    if (Array.isArray(outputs)) {
        return outputs.map((x) => liveOutputs(x, liveValues));
    }
    if (outputs && typeof outputs === "object") {
        return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, liveOutputs(v, liveValues)]));
    }
    return outputs;
}
