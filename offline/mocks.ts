/**
 * AWS-aware Pulumi mocks: answer resource registrations and invokes the way AWS would, so the real
 * program runs offline with realistic ids, ARNs, DNS names and AZs.
 *
 * Deterministic: every generated value is derived from a hash of the resource's type and name, so the
 * same config always gives the same plan, byte for byte. In preview mode, resources get no id and no
 * computed outputs (they are unknown, as in a real `pulumi preview` of a new stack).
 */
import { createHash } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { regionInfo, zoneNames } from "../components/aws/regions";

type MockResourceArgs = pulumi.runtime.MockResourceArgs;
type MockCallArgs = pulumi.runtime.MockCallArgs;
type MockResourceResult = pulumi.runtime.MockResourceResult;
type State = Record<string, unknown>;

/** Account the mocks pretend to be (AWS's documentation example account) unless config pins one. */
export const MOCK_ACCOUNT_ID = "123456789012";

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

/** Hex digest slice of a seed: the basis of every generated identifier. */
function hex(seed: string, n: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, n);
}

/**
 * A zone's state as `DescribeAvailabilityZones` reports it, or `absent`: the account does not list the
 * zone at all. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html
 */
export type MockZoneState = "available" | "information" | "impaired" | "unavailable" | "constrained" | "absent";

/** Region -> zone name -> state; zones not named are `available`. */
export type MockZoneStates = Readonly<Record<string, Readonly<Record<string, MockZoneState>>>>;

/**
 * Environment variable holding MockZoneStates as JSON, e.g. `{"eu-west-1":{"eu-west-1b":"impaired"}}`:
 * rehearse a plan during a zone impairment (`npm start`), or let a test run the whole program so.
 */
export const MOCK_ZONE_STATES_ENV = "LANDING_ZONE_MOCK_ZONE_STATES";

/**
 * Region -> zone name -> AZ ID, for an account whose names map to other physical zones than the i-th
 * name to the i-th ID of components/aws/regions.ts (names are mapped per account in the oldest regions).
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 */
export type MockZoneIds = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Environment variable holding MockZoneIds as JSON, e.g. `{"eu-west-1":{"eu-west-1a":"euw1-az3","eu-west-1c":"euw1-az1"}}`. */
export const MOCK_ZONE_IDS_ENV = "LANDING_ZONE_MOCK_ZONE_IDS";

export interface AwsMocksOptions {
    /** Account id to report (config `accountId`), default MOCK_ACCOUNT_ID. */
    readonly accountId?: string;
    /** Preview of a fresh stack: no ids and no computed outputs. */
    readonly preview?: boolean;
    /** Zones that are not `available`. @default the JSON in LANDING_ZONE_MOCK_ZONE_STATES, else every zone available */
    readonly zoneStates?: MockZoneStates;
    /** This account's name-to-ID mapping where it differs. @default the JSON in LANDING_ZONE_MOCK_ZONE_IDS, else the i-th name is the i-th ID */
    readonly zoneIds?: MockZoneIds;
}

export class AwsMocks implements pulumi.runtime.Mocks {
    readonly accountId: string;
    private readonly preview: boolean;
    private readonly zoneStates: MockZoneStates;
    private readonly zoneIdMap: MockZoneIds;
    /** Provider id -> region. */
    private readonly providerRegions = new Map<string, string>();

    constructor(opts: AwsMocksOptions = {}) {
        this.accountId = opts.accountId ?? MOCK_ACCOUNT_ID;
        this.preview = opts.preview ?? false;
        const fromEnv = process.env[MOCK_ZONE_STATES_ENV];
        this.zoneStates = opts.zoneStates ?? (fromEnv ? (JSON.parse(fromEnv) as MockZoneStates) : {});
        const idsFromEnv = process.env[MOCK_ZONE_IDS_ENV];
        this.zoneIdMap = opts.zoneIds ?? (idsFromEnv ? (JSON.parse(idsFromEnv) as MockZoneIds) : {});
    }

    /** AZ ID of a zone name in this account. */
    private zoneIdOf(region: string, name: string): string | undefined {
        const i = zoneNames(region).indexOf(name);
        return this.zoneIdMap[region]?.[name] ?? (i >= 0 ? regionInfo(region)?.zoneIds[i] : undefined);
    }

    /** Region of a provider reference (`urn::id`), or undefined. */
    regionOfProvider(ref: string | undefined): string | undefined {
        if (!ref) {
            return undefined;
        }
        const id = ref.split("::").pop() ?? "";
        return this.providerRegions.get(id);
    }

    call(args: MockCallArgs): Record<string, unknown> {
        const region = this.regionOfProvider(args.provider) ?? (args.inputs?.region as string | undefined) ?? "eu-west-2";
        switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones":
                return this.availabilityZones(region, args.inputs ?? {});
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    id: this.accountId,
                    accountId: this.accountId,
                    arn: `arn:aws:sts::${this.accountId}:assumed-role/landing-zone-deployer/offline-plan`,
                    userId: "AROAEXAMPLEOFFLINEPLAN:offline-plan",
                };
            case "aws:index/getRegion:getRegion":
                return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
            case "aws:ssm/getParameter:getParameter":
                return {
                    id: String(args.inputs.name),
                    name: String(args.inputs.name),
                    type: "String",
                    value: `ami-${hex(`${region}|${String(args.inputs.name)}`, 17)}`,
                    arn: `arn:aws:ssm:${region}::parameter${String(args.inputs.name)}`,
                    version: 1,
                };
            case "aws:ec2/getSubnet:getSubnet": {
                // Used to find awsx-built subnets by CIDR: derive a stable id from the filters.
                const seed = JSON.stringify(args.inputs.filters ?? []);
                return { id: `subnet-${hex(seed, 17)}`, availabilityZone: "", cidrBlock: "" };
            }
            case "aws:ec2/getRouteTable:getRouteTable": {
                const seed = String(args.inputs.subnetId ?? "");
                return { id: `rtb-${hex(seed, 17)}`, routeTableId: `rtb-${hex(seed, 17)}`, routes: [], associations: [] };
            }
            default:
                throw new Error(`offline mocks: no mock for invoke ${args.token}; add one to offline/mocks.ts`);
        }
    }

    /**
     * `ec2:DescribeAvailabilityZones` as the provider's `getAvailabilityZones` asks it: the `state`
     * argument and the `filters` it sends (only those this project uses; any other fails loudly),
     * `excludeNames`/`excludeZoneIds`; zones in name order, as AWS lists them.
     * https://www.pulumi.com/registry/packages/aws/api-docs/getavailabilityzones/
     */
    private availabilityZones(region: string, inputs: Record<string, unknown>): Record<string, unknown> {
        const states = this.zoneStates[region] ?? {};
        const filters = (inputs.filters ?? []) as { name: string; values: string[] }[];
        const exclude = new Set([...((inputs.excludeNames ?? []) as string[]), ...((inputs.excludeZoneIds ?? []) as string[])]);
        const zones = zoneNames(region)
            .map((name) => ({
                name,
                zoneId: this.zoneIdOf(region, name) ?? "",
                state: states[name] ?? "available",
                "opt-in-status": "opt-in-not-required",
            }))
            .filter((z) => z.state !== "absent" && !exclude.has(z.name) && !exclude.has(z.zoneId))
            .filter((z) => inputs.state === undefined || z.state === inputs.state)
            .filter((z) =>
                filters.every((f) => {
                    const values: Record<string, string> = {
                        "opt-in-status": z["opt-in-status"],
                        state: z.state,
                        "zone-name": z.name,
                        "zone-id": z.zoneId,
                    };
                    if (!(f.name in values)) {
                        throw new Error(`offline mocks: getAvailabilityZones filter "${f.name}" is not mocked; add it to offline/mocks.ts`);
                    }
                    return f.values.includes(values[f.name]);
                }),
            );
        return {
            id: region,
            names: zones.map((z) => z.name),
            zoneIds: zones.map((z) => z.zoneId),
            groupNames: zones.map(() => region),
            ...(inputs.state !== undefined ? { state: inputs.state } : {}),
        };
    }

    newResource(args: MockResourceArgs): MockResourceResult {
        const inputs = (args.inputs ?? {}) as State;
        if (args.type === "pulumi:providers:aws") {
            const region = String(inputs.region ?? "");
            const id = `provider-${region}-${hex(args.name, 8)}`;
            this.providerRegions.set(id, region);
            return { id, state: { ...inputs } };
        }
        const region = this.regionOfProvider(args.provider) ?? "eu-west-2";
        if (this.preview) {
            // Real previews of new resources know only their inputs; ids and computed outputs are unknown.
            return { id: undefined, state: { ...inputs } };
        }
        const seed = `${args.type}|${args.name}`;
        const computed = this.computed(args.type, args.name, region, inputs, seed);
        return { id: computed.id, state: { ...inputs, ...computed.state } };
    }

    private computed(type: string, name: string, region: string, inputs: State, seed: string): { id: string; state: State } {
        const acct = this.accountId;
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
                return {
                    id,
                    state: { arn: ec2Arn("subnet", id), ownerId: acct, availabilityZoneId: this.zoneIdOf(region, az) },
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
                return this.vpcEndpoint(region, inputs, seed);
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
                const arn = `arn:aws:elasticloadbalancing:${region}:${acct}:loadbalancer/net/${n}/${hex(seed, 16)}`;
                return {
                    id: arn,
                    state: {
                        name: n,
                        arn,
                        arnSuffix: `net/${n}/${hex(seed, 16)}`,
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
                const arn = `arn:aws:elasticloadbalancing:${region}:${acct}:listener/net/${name}/${hex(seed, 16)}/${hex(`${seed}|l`, 16)}`;
                return { id: arn, state: { arn } };
            }
            case "aws:ec2/vpcEndpointService:VpcEndpointService": {
                const id = `vpce-svc-${h17}`;
                return {
                    id,
                    state: {
                        arn: ec2Arn("vpc-endpoint-service", id),
                        serviceName: `com.amazonaws.vpce.${region}.${id}`,
                        serviceType: "Interface",
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

    private vpcEndpoint(region: string, inputs: State, seed: string): { id: string; state: State } {
        const id = `vpce-${hex(seed, 17)}`;
        const service = String(inputs.serviceName ?? "");
        const type = String(inputs.vpcEndpointType ?? "Gateway");
        const state: State = {
            arn: `arn:aws:ec2:${region}:${this.accountId}:vpc-endpoint/${id}`,
            ownerId: this.accountId,
            state: "available",
            requesterManaged: false,
        };
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
}
