/**
 * What the AWS mocks (mocks.ts) answer for a resource registration: the id and computed outputs AWS
 * would give each resource type — ids, ARNs, DNS names, hosted zone ids — every value derived from a
 * hash of the resource's type and name, so the same config always gives the same plan, byte for byte.
 */
import { createHash } from "crypto";
import { zoneNames } from "../components/aws/regions";

export type State = Record<string, unknown>;

/** The account facts a resource's outputs name: its id, and the AZ ID of a zone name in it. */
export interface MockAccount {
    readonly accountId: string;
    zoneIdOf(region: string, name: string): string | undefined;
}

/**
 * Canonical hosted zone ids AWS uses for alias targets, per region.
 * Interface endpoints (vpce.amazonaws.com DNS names) and Network Load Balancers.
 * https://docs.aws.amazon.com/general/latest/gr/elb.html
 */
const NLB_ZONE_IDS: Record<string, string> = {
    "us-east-1": "Z26RNL4JYFTOTI",
    "us-east-2": "ZLMOA37VPKANP",
    "us-west-1": "Z24FKFUX50B4VW",
    "us-west-2": "Z18D5FSROUN65G",
    "ca-central-1": "Z2EPGBW3API2WT",
    "eu-west-1": "Z2IFOLAFXWLO4F",
    "eu-west-2": "ZD4D7Y8KGAS4G",
    "eu-west-3": "Z1CMS0P5QUZ6D5",
    "eu-central-1": "Z3F0SRJ5LGBH90",
    "eu-north-1": "Z1UDT6IFJ4EJM",
};

/**
 * AZ of every subnet registered so far, by id: a Network Firewall reports its endpoints per AZ of the
 * subnets it maps (`firewallStatuses[].syncStates[]`), and its inputs name only the subnet ids. Ids are
 * hashes of the subnet's name, so a later run that registers the same subnet overwrites the same entry.
 */
const SUBNET_AZS = new Map<string, string>();

/** Hex digest slice of a seed: the basis of every generated identifier. */
export function hex(seed: string, n: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, n);
}

/** The id and computed outputs AWS gives a new resource of `type` named `name` in `region`. */
export function computed(
    account: MockAccount,
    type: string,
    name: string,
    region: string,
    inputs: State,
    seed: string,
): { id: string; state: State } {
    const acct = account.accountId;
    const h17 = hex(seed, 17);
    const ec2Arn = (kind: string, id: string) => `arn:aws:ec2:${region}:${acct}:${kind}/${id}`;
    // Pulumi auto-names resources with a `name` property: logical name plus a random suffix.
    const autoName = (max = 255) => (inputs.name as string | undefined) ?? `${name}-${hex(seed, 7)}`.slice(0, max);

    switch (type) {
        case "aws:ec2/vpc:Vpc": {
            const id = `vpc-${h17}`;
            return {
                id,
                state: {
                    arn: ec2Arn("vpc", id),
                    ownerId: acct,
                    defaultSecurityGroupId: `sg-${hex(`${seed}|dsg`, 17)}`,
                    defaultRouteTableId: `rtb-${hex(`${seed}|drt`, 17)}`,
                    mainRouteTableId: `rtb-${hex(`${seed}|drt`, 17)}`,
                    defaultNetworkAclId: `acl-${hex(`${seed}|acl`, 17)}`,
                    instanceTenancy: "default",
                    enableDnsSupport: inputs.enableDnsSupport ?? true,
                    enableDnsHostnames: inputs.enableDnsHostnames ?? false,
                },
            };
        }
        case "aws:ec2/subnet:Subnet": {
            const id = `subnet-${h17}`;
            const az = String(inputs.availabilityZone ?? "");
            SUBNET_AZS.set(id, az);
            return {
                id,
                state: { arn: ec2Arn("subnet", id), ownerId: acct, availabilityZoneId: account.zoneIdOf(region, az) },
            };
        }
        case "aws:ec2/routeTable:RouteTable": {
            const id = `rtb-${h17}`;
            return { id, state: { arn: ec2Arn("route-table", id), ownerId: acct } };
        }
        case "aws:ec2/routeTableAssociation:RouteTableAssociation":
            return { id: `rtbassoc-${h17}`, state: {} };
        case "aws:ec2/route:Route":
            return {
                id: `r-${String(inputs.routeTableId ?? "rtb")}${hex(seed, 10)}`,
                state: { origin: "CreateRoute", state: "active" },
            };
        case "aws:ec2/securityGroup:SecurityGroup":
        case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
            const id = `sg-${h17}`;
            return {
                id,
                state: {
                    arn: ec2Arn("security-group", id),
                    ownerId: acct,
                    name: type.endsWith("DefaultSecurityGroup") ? "default" : autoName(255),
                },
            };
        }
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
        case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
            const id = `sgr-${h17}`;
            return { id, state: { arn: ec2Arn("security-group-rule", id), securityGroupRuleId: id } };
        }
        case "aws:ec2/vpcEndpoint:VpcEndpoint":
            return vpcEndpoint(acct, region, inputs, seed);
        case "aws:ec2/flowLog:FlowLog": {
            const id = `fl-${h17}`;
            return { id, state: { arn: ec2Arn("vpc-flow-log", id) } };
        }
        case "aws:cloudwatch/logGroup:LogGroup": {
            const n = autoName(512);
            return { id: n, state: { name: n, arn: `arn:aws:logs:${region}:${acct}:log-group:${n}` } };
        }
        case "aws:iam/role:Role": {
            const n = autoName(64);
            return { id: n, state: { name: n, arn: `arn:aws:iam::${acct}:role/${n}`, uniqueId: `AROA${hex(seed, 17).toUpperCase()}` } };
        }
        case "aws:iam/rolePolicy:RolePolicy": {
            const n = autoName(128);
            return { id: `${String(inputs.role ?? "")}:${n}`, state: { name: n } };
        }
        case "aws:iam/instanceProfile:InstanceProfile": {
            const n = autoName(128);
            return {
                id: n,
                state: { name: n, arn: `arn:aws:iam::${acct}:instance-profile/${n}`, uniqueId: `AIPA${hex(seed, 17).toUpperCase()}` },
            };
        }
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
            return { id: `${String(inputs.role ?? "")}-${hex(seed, 20)}`, state: {} };
        case "aws:route53/zone:Zone": {
            const zoneId = `Z${hex(seed, 20).toUpperCase()}`;
            return {
                id: zoneId,
                state: {
                    zoneId,
                    arn: `arn:aws:route53:::hostedzone/${zoneId}`,
                    nameServers: ["ns-0.awsdns-00.com."],
                    primaryNameServer: "ns-0.awsdns-00.com.",
                },
            };
        }
        case "aws:route53/record:Record": {
            const zoneId = String(inputs.zoneId ?? "");
            const n = String(inputs.name ?? "");
            return { id: `${zoneId}_${n}_${String(inputs.type ?? "")}`, state: { fqdn: n } };
        }
        case "aws:route53/zoneAssociation:ZoneAssociation": {
            const owner = String(inputs.vpcRegion ?? region);
            return {
                id: `${String(inputs.zoneId ?? "")}:${String(inputs.vpcId ?? "")}:${owner}`,
                state: { vpcRegion: owner, owningAccount: acct },
            };
        }
        // Route 53 Profiles (regional): ids as AWS shapes them (rp-…, rpassoc-…, rpr-…), status COMPLETE.
        // https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html
        case "aws:route53/profilesProfile:ProfilesProfile": {
            const id = `rp-${h17}`;
            return {
                id,
                state: {
                    arn: `arn:aws:route53profiles:${region}:${acct}:profile/${id}`,
                    ownerId: acct,
                    region,
                    shareStatus: "NOT_SHARED",
                    status: "COMPLETE",
                    statusMessage: "",
                },
            };
        }
        case "aws:route53/profilesAssociation:ProfilesAssociation": {
            const id = `rpassoc-${h17}`;
            return {
                id,
                state: {
                    arn: `arn:aws:route53profiles:${region}:${acct}:profile-association/${id}`,
                    ownerId: acct,
                    region,
                    status: "COMPLETE",
                    statusMessage: "",
                },
            };
        }
        case "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation": {
            const arn = String(inputs.resourceArn ?? "");
            return {
                id: `rpr-${h17}`,
                state: {
                    ownerId: acct,
                    region,
                    resourceType: arn.includes(":hostedzone/") ? "PRIVATE_HOSTED_ZONE" : "",
                    status: "COMPLETE",
                    statusMessage: "",
                },
            };
        }
        case "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": {
            const id = `pcx-${h17}`;
            return {
                id,
                state: {
                    acceptStatus: "pending-acceptance",
                    peerOwnerId: inputs.peerOwnerId ?? acct,
                    peerRegion: inputs.peerRegion ?? region,
                    arn: ec2Arn("vpc-peering-connection", id),
                },
            };
        }
        case "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter":
            return { id: String(inputs.vpcPeeringConnectionId ?? `pcx-${h17}`), state: { acceptStatus: "active", peerOwnerId: acct } };
        case "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions":
            return { id: String(inputs.vpcPeeringConnectionId ?? `pcx-${h17}`), state: {} };
        case "aws:ec2transitgateway/transitGateway:TransitGateway": {
            const id = `tgw-${h17}`;
            return {
                id,
                state: {
                    arn: ec2Arn("transit-gateway", id),
                    ownerId: acct,
                    associationDefaultRouteTableId: "",
                    propagationDefaultRouteTableId: "",
                },
            };
        }
        case "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
        case "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": {
            const id = `tgw-attach-${h17}`;
            return { id, state: { arn: ec2Arn("transit-gateway-attachment", id), vpcOwnerId: acct, state: "available" } };
        }
        // Accepting another account's VPC attachment: the same attachment, seen from the TGW owner's account.
        case "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter":
            return {
                id: String(inputs.transitGatewayAttachmentId ?? `tgw-attach-${h17}`),
                state: {
                    transitGatewayAttachmentId: inputs.transitGatewayAttachmentId ?? "",
                    applianceModeSupport: "disable",
                    dnsSupport: "enable",
                },
            };
        // AWS RAM: a share's ARN carries its owner's (the provider's) account; an accepter reports the
        // receiving account (its provider's) and the sender, the account in the share's ARN.
        // https://docs.aws.amazon.com/ram/latest/APIReference/API_ResourceShare.html
        case "aws:ram/resourceShare:ResourceShare": {
            const arn = `arn:aws:ram:${region}:${acct}:resource-share/${hex(seed, 8)}-${hex(`${seed}|2`, 4)}-${hex(`${seed}|3`, 4)}-${hex(`${seed}|4`, 4)}-${hex(`${seed}|5`, 12)}`;
            return { id: arn, state: { arn } };
        }
        case "aws:ram/resourceAssociation:ResourceAssociation":
        case "aws:ram/principalAssociation:PrincipalAssociation": {
            const other = type.endsWith("PrincipalAssociation") ? inputs.principal : inputs.resourceArn;
            return { id: `${String(inputs.resourceShareArn ?? "")},${String(other ?? "")}`, state: {} };
        }
        case "aws:ram/resourceShareAccepter:ResourceShareAccepter": {
            const shareArn = String(inputs.shareArn ?? "");
            return {
                id: shareArn,
                state: {
                    invitationArn: `arn:aws:ram:${region}:${acct}:resource-share-invitation/${hex(seed, 8)}`,
                    receiverAccountId: acct,
                    senderAccountId: shareArn.split(":")[4] ?? "",
                    shareId: shareArn.split("/").pop() ?? "",
                    status: "ACCEPTED",
                    resources: [],
                },
            };
        }
        case "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter":
            return { id: String(inputs.transitGatewayAttachmentId ?? `tgw-attach-${h17}`), state: { peerAccountId: acct } };
        case "aws:ec2transitgateway/routeTable:RouteTable": {
            const id = `tgw-rtb-${h17}`;
            return {
                id,
                state: {
                    arn: ec2Arn("transit-gateway-route-table", id),
                    defaultAssociationRouteTable: false,
                    defaultPropagationRouteTable: false,
                },
            };
        }
        case "aws:ec2transitgateway/route:Route":
            return { id: `${String(inputs.transitGatewayRouteTableId ?? "")}_${String(inputs.destinationCidrBlock ?? "")}`, state: {} };
        case "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation":
        case "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation":
            return {
                id: `${String(inputs.transitGatewayRouteTableId ?? "")}_${String(inputs.transitGatewayAttachmentId ?? "")}`,
                state: { resourceType: "vpc" },
            };
        case "aws:lb/loadBalancer:LoadBalancer": {
            const n = autoName(32);
            // ARNs name the kind: net/ for a Network Load Balancer, gwy/ for a Gateway Load Balancer.
            const kind = inputs.loadBalancerType === "gateway" ? "gwy" : "net";
            const arn = `arn:aws:elasticloadbalancing:${region}:${acct}:loadbalancer/${kind}/${n}/${hex(seed, 16)}`;
            return {
                id: arn,
                state: {
                    name: n,
                    arn,
                    arnSuffix: `${kind}/${n}/${hex(seed, 16)}`,
                    dnsName: `${n}-${hex(seed, 16)}.elb.${region}.amazonaws.com`,
                    zoneId: NLB_ZONE_IDS[region] ?? "ZNLBMOCK",
                },
            };
        }
        case "aws:lb/targetGroup:TargetGroup": {
            const n = autoName(32);
            const arn = `arn:aws:elasticloadbalancing:${region}:${acct}:targetgroup/${n}/${hex(seed, 16)}`;
            return { id: arn, state: { name: n, arn, arnSuffix: `targetgroup/${n}/${hex(seed, 16)}` } };
        }
        case "aws:lb/listener:Listener": {
            // A listener's ARN names its load balancer's kind as the load balancer's does: listener/gwy/
            // for a Gateway Load Balancer's ("arn:aws:elasticloadbalancing:...:listener/gwy/my-load-balancer/...",
            // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/getting-started-cli.html),
            // listener/net/ for a Network Load Balancer's. The kind is read from the given load balancer ARN.
            const lbArn = String(inputs.loadBalancerArn ?? "");
            const kind = lbArn.includes(":loadbalancer/gwy/") ? "gwy" : "net";
            const arn = `arn:aws:elasticloadbalancing:${region}:${acct}:listener/${kind}/${name}/${hex(seed, 16)}/${hex(`${seed}|l`, 16)}`;
            return { id: arn, state: { arn } };
        }
        case "aws:ec2/vpcEndpointService:VpcEndpointService": {
            const id = `vpce-svc-${h17}`;
            return {
                id,
                state: {
                    arn: ec2Arn("vpc-endpoint-service", id),
                    serviceName: `com.amazonaws.vpce.${region}.${id}`,
                    // A service backed by a Gateway Load Balancer is of type GatewayLoadBalancer.
                    serviceType:
                        Array.isArray(inputs.gatewayLoadBalancerArns) && inputs.gatewayLoadBalancerArns.length > 0
                            ? "GatewayLoadBalancer"
                            : "Interface",
                    state: "Available",
                    managesVpcEndpoints: false,
                    baseEndpointDnsNames: [`${id}.${region}.vpce.amazonaws.com`],
                    privateDnsNameConfigurations: inputs.privateDnsName
                        ? [
                              {
                                  name: `_${hex(seed, 12)}`,
                                  type: "TXT",
                                  value: `vpce:${hex(`${seed}|v`, 20)}`,
                                  state: "pendingVerification",
                              },
                          ]
                        : [],
                },
            };
        }
        case "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple":
            return { id: `vpce-svc-perm-${h17}`, state: {} };
        case "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter":
            return {
                id: `${String(inputs.vpcEndpointServiceId ?? "")}_${String(inputs.vpcEndpointId ?? "")}`,
                state: { vpcEndpointState: "available" },
            };
        case "aws:ec2/launchTemplate:LaunchTemplate": {
            const id = `lt-${h17}`;
            return { id, state: { arn: ec2Arn("launch-template", id), latestVersion: 1, defaultVersion: 1, name: autoName(128) } };
        }
        case "aws:autoscaling/group:Group": {
            const n = autoName(255);
            return {
                id: n,
                state: {
                    name: n,
                    arn: `arn:aws:autoscaling:${region}:${acct}:autoScalingGroup:${hex(seed, 8)}-${hex(`${seed}|2`, 4)}:autoScalingGroupName/${n}`,
                },
            };
        }
        case "aws:lb/targetGroupAttachment:TargetGroupAttachment":
            return { id: `${String(inputs.targetGroupArn ?? "")}-${hex(seed, 20)}`, state: {} };
        // Network Firewall: one endpoint per mapped subnet, reported per AZ in the firewall's sync states
        // (DescribeFirewall FirewallStatus.SyncStates, keyed by AZ name, each with the endpoint's attachment).
        // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_FirewallStatus.html
        case "aws:networkfirewall/firewall:Firewall": {
            const arn = `arn:aws:network-firewall:${region}:${acct}:firewall/${autoName(128)}`;
            const mappings = (inputs.subnetMappings as { subnetId?: string }[] | undefined) ?? [];
            const syncStates = mappings.map((m) => {
                const subnetId = String(m.subnetId ?? "");
                return {
                    availabilityZone: SUBNET_AZS.get(subnetId) ?? "",
                    attachments: [{ endpointId: `vpce-${hex(`${seed}|${subnetId}`, 17)}`, subnetId, status: "READY" }],
                };
            });
            return {
                id: arn,
                state: {
                    arn,
                    updateToken: hex(`${seed}|token`, 36),
                    firewallStatuses: [{ syncStates, transitGatewayAttachmentSyncStates: [] }],
                    transitGatewayOwnerAccountId: "",
                },
            };
        }
        case "aws:networkfirewall/firewallPolicy:FirewallPolicy": {
            const arn = `arn:aws:network-firewall:${region}:${acct}:firewall-policy/${autoName(128)}`;
            return { id: arn, state: { arn, updateToken: hex(`${seed}|token`, 36) } };
        }
        case "aws:networkfirewall/ruleGroup:RuleGroup": {
            const arn = `arn:aws:network-firewall:${region}:${acct}:stateful-rulegroup/${autoName(128)}`;
            return { id: arn, state: { arn, updateToken: hex(`${seed}|token`, 36) } };
        }
        case "aws:networkfirewall/loggingConfiguration:LoggingConfiguration":
            return { id: String(inputs.firewallArn ?? `logging-${h17}`), state: {} };
        case "awsx:ec2:Vpc": {
            // Remote component: offline it is one opaque resource. Only the outputs the program
            // reads are mocked; the plan marks it "not verifiable offline".
            const vpcId = `vpc-${h17}`;
            return { id: "", state: { vpcId } };
        }
        default: {
            return { id: `${type.split(":").pop()?.toLowerCase() ?? "res"}-${h17}`, state: {} };
        }
    }
}

function vpcEndpoint(accountId: string, region: string, inputs: State, seed: string): { id: string; state: State } {
    const id = `vpce-${hex(seed, 17)}`;
    const service = String(inputs.serviceName ?? "");
    const type = String(inputs.vpcEndpointType ?? "Gateway");
    const state: State = {
        arn: `arn:aws:ec2:${region}:${accountId}:vpc-endpoint/${id}`,
        ownerId: accountId,
        state: "available",
        requesterManaged: false,
    };
    if (type === "GatewayLoadBalancer") {
        // A GWLB endpoint has one interface in its one subnet and no DNS name: it is only a route target.
        // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html
        const subnets = (inputs.subnetIds as string[] | undefined) ?? [];
        state.dnsEntries = [];
        state.networkInterfaceIds = subnets.map((_, i) => `eni-${hex(`${seed}|eni|${i}`, 17)}`);
        state.serviceRegion = region;
        return { id, state };
    }
    if (type === "Gateway") {
        state.prefixListId = `pl-${hex(`${seed}|pl`, 8)}`;
        state.cidrBlocks = service.endsWith(".s3") ? ["52.95.148.0/23"] : ["3.5.0.0/16"];
        state.dnsEntries = [];
        state.networkInterfaceIds = [];
        return { id, state };
    }
    // Regional DNS name first, then one per AZ, as DescribeVpcEndpoints lists them. AWS-service
    // names: vpce-<id>-<suffix>.<svc>.<region>.vpce.amazonaws.com; S3's begin with "*.".
    // Endpoint-service consumers: vpce-<id>-<suffix>.vpce-svc-<id>.<region>.vpce.amazonaws.com.
    const suffix = hex(`${seed}|dns`, 8);
    const svcPart = service.startsWith("com.amazonaws.vpce.")
        ? (service.split(".").pop() ?? "")
        : service.replace(`com.amazonaws.${region}.`, "");
    const wildcard = svcPart === "s3" ? "*." : "";
    const subnets = (inputs.subnetIds as string[] | undefined) ?? [];
    const zoneId = `Z${hex(`vpce|${region}`, 13).toUpperCase()}`;
    state.dnsEntries = [
        { dnsName: `${wildcard}${id}-${suffix}.${svcPart}.${region}.vpce.amazonaws.com`, hostedZoneId: zoneId },
        ...subnets.map((_, i) => ({
            dnsName: `${wildcard}${id}-${suffix}-${zoneNames(region)[i] ?? `${region}${i}`}.${svcPart}.${region}.vpce.amazonaws.com`,
            hostedZoneId: zoneId,
        })),
    ];
    state.networkInterfaceIds = subnets.map((_, i) => `eni-${hex(`${seed}|eni|${i}`, 17)}`);
    if (inputs.serviceRegion === undefined) {
        state.serviceRegion = service.startsWith("com.amazonaws.vpce.") ? service.split(".")[3] : region;
    }
    return { id, state };
}
