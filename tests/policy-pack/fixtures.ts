/**
 * Compliant landing-zone stacks, shaped like the program's graph (.tmp/dev.json): a hub in eu-west-2
 * with centralised endpoints, private hosted zones and alias records; spokes in eu-west-1 and
 * eu-west-2; an NLB endpoint service with a same-region consumer; connectivity over VPC peering
 * ({@link peeringStack}) or transit gateways ({@link tgwStack}). Tests change one thing per case.
 */
import { StackFixture } from "./helpers";

export const HUB_REGION = "eu-west-2";
export const REMOTE_REGION = "eu-west-1";
export const HUB_CIDR = "10.0.0.0/16";
export const SUPERNETS: Readonly<Record<string, string>> = { "eu-west-1": "10.16.0.0/12", "eu-west-2": "10.32.0.0/12" };

export const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    rtAssoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    route: "aws:ec2/route:Route",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    endpointPolicy: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
    endpointService: "aws:ec2/vpcEndpointService:VpcEndpointService",
    principal: "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple",
    connectionAccepter: "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter",
    peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    peeringAccepter: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
    nlb: "aws:lb/loadBalancer:LoadBalancer",
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    zoneAssoc: "aws:route53/zoneAssociation:ZoneAssociation",
    tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
    tgwAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwPeering: "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
    tgwPeeringAccepter: "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter",
    tgwRouteTable: "aws:ec2transitgateway/routeTable:RouteTable",
    tgwAssoc: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    tgwPropagation: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    tgwRoute: "aws:ec2transitgateway/route:Route",
    provider: "pulumi:providers:aws",
} as const;

/** A data-perimeter style endpoint policy: everything, for principals of one account only. */
export const ACCOUNT_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "AllowRequestsByAccountIdentities",
            Effect: "Allow",
            Principal: "*",
            Action: "*",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
        },
    ],
});

/** AWS's default full-access endpoint policy. */
export const FULL_ACCESS_POLICY = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });

/** AZ names -> AZ IDs, per region, as one account might see them. */
const AZ_IDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    "eu-west-1": { a: "euw1-az1", b: "euw1-az2", c: "euw1-az3" },
    "eu-west-2": { a: "euw2-az2", b: "euw2-az3", c: "euw2-az1" },
};

/**
 * A VPC block as the program's NetworkVpc builds it: VPC, one endpoint-tier subnet and route table per
 * AZ, flow log, adopted default security group, S3 gateway endpoint with a policy.
 */
export function addVpc(
    f: StackFixture,
    name: string,
    role: "hub" | "spoke",
    region: string,
    cidr: string,
    azs: readonly string[] = ["a", "b"],
): void {
    f.add(
        T.vpc,
        name,
        { cidrBlock: cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: name, "landing-zone:role": role } },
        region,
    );
    const [o1, o2, o3] = cidr.split("/")[0].split(".").map(Number);
    azs.forEach((az, i) => {
        f.add(
            T.subnet,
            `${name}-endpoint-${az}`,
            {
                vpcId: f.ref(name),
                cidrBlock: `${o1}.${o2}.${o3 + i}.0/24`,
                availabilityZone: `${region}${az}`,
                mapPublicIpOnLaunch: false,
                tags: { Name: `${name}-endpoint-${az}` },
            },
            region,
        );
        f.add(T.routeTable, `${name}-rt-${az}`, { vpcId: f.ref(name), tags: { Name: `${name}-rt-${az}` } }, region);
        f.add(
            T.rtAssoc,
            `${name}-rt-${az}`.replace("-rt-", "-rta-"),
            { subnetId: f.ref(`${name}-endpoint-${az}`), routeTableId: f.ref(`${name}-rt-${az}`) },
            region,
        );
    });
    f.add(T.logGroup, `${name}-flow-logs-group`, { name: `/landing-zone/test/vpc-flow-logs/${name}`, retentionInDays: 365 }, region);
    f.add(
        T.flowLog,
        `${name}-flow-logs`,
        {
            vpcId: f.ref(name),
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: f.ref(`${name}-flow-logs-group`, "arn"),
            tags: { Name: `${name}-flow-logs` },
        },
        region,
    );
    f.add(T.defaultSg, `${name}-default`, { vpcId: f.ref(name), tags: { Name: `${name}-default (no rules)` } }, region);
    f.add(
        T.endpoint,
        `${name}-gw-s3`,
        {
            vpcId: f.ref(name),
            serviceName: `com.amazonaws.${region}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds: azs.map((az) => f.ref(`${name}-rt-${az}`)),
            policy: ACCOUNT_POLICY,
        },
        region,
    );
}

/** AZ ID of a fixture AZ letter. */
export function azId(region: string, az: string): string {
    return AZ_IDS[region][az];
}

/** Route table names of a VPC built by {@link addVpc}. */
export function routeTables(vpc: string, azs: readonly string[] = ["a", "b"]): string[] {
    return azs.map((az) => `${vpc}-rt-${az}`);
}

/** Hub services: zone-name prefix ("" = no zone) and records. */
export const HUB_SERVICES: readonly { service: string; prefix: string; wildcard?: boolean; policy: boolean }[] = [
    { service: "ssm", prefix: "ssm", policy: true },
    { service: "ssmmessages", prefix: "ssmmessages", policy: false },
    { service: "ec2", prefix: "ec2", policy: true },
    { service: "ecr.api", prefix: "api.ecr", policy: true },
    { service: "ecr.dkr", prefix: "dkr.ecr", wildcard: true, policy: true },
    { service: "dynamodb", prefix: "", policy: true },
];

/** Fixture name of a hub endpoint / zone / record for a service. */
export const slug = (service: string) => service.replace(/\./g, "-");

/** The hub: VPC, endpoint security group with HTTPS rules, centralised endpoints, zones, records. */
export function addHub(f: StackFixture, spokeRegions: readonly string[]): void {
    addVpc(f, "hub", "hub", HUB_REGION, HUB_CIDR);
    f.add(
        T.sg,
        "hub-endpoints",
        { vpcId: f.ref("hub"), description: "Centralised interface endpoints", tags: { Name: "hub-endpoints" } },
        HUB_REGION,
    );
    const sources = [{ label: "hub", cidr: HUB_CIDR }, ...spokeRegions.map((r) => ({ label: r, cidr: SUPERNETS[r] }))];
    for (const s of sources) {
        f.add(
            T.ingressRule,
            `hub-endpoints-https-${s.label}`,
            {
                securityGroupId: f.ref("hub-endpoints"),
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: s.cidr,
                description: `HTTPS from ${s.label}`,
            },
            HUB_REGION,
        );
    }
    for (const s of HUB_SERVICES) {
        const ep = `hub-${slug(s.service)}`;
        f.add(
            T.endpoint,
            ep,
            {
                vpcId: f.ref("hub"),
                serviceName: `com.amazonaws.${HUB_REGION}.${s.service}`,
                vpcEndpointType: "Interface",
                subnetIds: [f.ref("hub-endpoint-a"), f.ref("hub-endpoint-b")],
                securityGroupIds: [f.ref("hub-endpoints")],
                privateDnsEnabled: false,
                ...(s.policy ? { policy: ACCOUNT_POLICY } : {}),
                tags: { Name: ep, "landing-zone:service": s.service },
            },
            HUB_REGION,
        );
        if (!s.prefix) {
            continue;
        }
        const zoneName = `${s.prefix}.${HUB_REGION}.amazonaws.com`;
        f.add(
            T.zone,
            `zone-${slug(s.service)}`,
            { name: zoneName, comment: `Resolves ${zoneName}`, vpcs: [{ vpcId: f.ref("hub"), vpcRegion: HUB_REGION }] },
            HUB_REGION,
        );
        const alias = [{ name: f.ref(ep, "dnsName"), zoneId: f.ref(ep, "hostedZoneId"), evaluateTargetHealth: true }];
        f.add(
            T.record,
            `record-${slug(s.service)}`,
            { zoneId: f.ref(`zone-${slug(s.service)}`, "zoneId"), name: zoneName, type: "A", aliases: alias },
            HUB_REGION,
        );
        if (s.wildcard) {
            f.add(
                T.record,
                `record-${slug(s.service)}-wildcard`,
                { zoneId: f.ref(`zone-${slug(s.service)}`, "zoneId"), name: `*.${zoneName}`, type: "A", aliases: alias },
                HUB_REGION,
            );
        }
    }
}

/** A spoke: VPC block plus an association with every hub zone. */
export function addSpoke(f: StackFixture, name: string, region: string, cidr: string): void {
    addVpc(f, name, "spoke", region, cidr);
    for (const s of HUB_SERVICES.filter((x) => x.prefix)) {
        f.add(
            T.zoneAssoc,
            `${name}-zone-${slug(s.service)}`,
            { zoneId: f.ref(`zone-${slug(s.service)}`, "zoneId"), vpcId: f.ref(name), vpcRegion: region },
            region,
        );
    }
}

/** Peering between a spoke and the hub, with routes both ways in every route table of both VPCs. */
export function addPeering(f: StackFixture, spoke: string, spokeRegion: string, spokeCidr: string): void {
    const pcx = `peering-${spoke}`;
    f.add(
        T.peering,
        pcx,
        {
            vpcId: f.ref(spoke),
            peerVpcId: f.ref("hub"),
            ...(spokeRegion !== HUB_REGION ? { peerRegion: HUB_REGION } : {}),
            autoAccept: false,
            tags: { Name: pcx },
        },
        spokeRegion,
    );
    f.add(T.peeringAccepter, `${pcx}-accepter`, { vpcPeeringConnectionId: f.ref(pcx), autoAccept: true, tags: { Name: pcx } }, HUB_REGION);
    for (const rt of routeTables(spoke)) {
        f.add(
            T.route,
            `${pcx}-to-hub-${rt}`,
            { routeTableId: f.ref(rt), destinationCidrBlock: HUB_CIDR, vpcPeeringConnectionId: f.ref(pcx) },
            spokeRegion,
        );
    }
    for (const rt of routeTables("hub")) {
        f.add(
            T.route,
            `${pcx}-to-spoke-${rt}`,
            { routeTableId: f.ref(rt), destinationCidrBlock: spokeCidr, vpcPeeringConnectionId: f.ref(pcx) },
            HUB_REGION,
        );
    }
}

/** NLB endpoint service in the hub, consumed by the same-region spoke `local`. */
export function addEndpointService(f: StackFixture, consumer: string): void {
    f.add(T.sg, "svc-nlb", { vpcId: f.ref("hub"), description: "NLB", tags: { Name: "svc-nlb" } }, HUB_REGION);
    f.add(
        T.nlb,
        "svc",
        {
            internal: true,
            loadBalancerType: "network",
            subnets: [f.ref("hub-endpoint-a"), f.ref("hub-endpoint-b")],
            securityGroups: [f.ref("svc-nlb")],
            enableCrossZoneLoadBalancing: true,
            tags: { Name: "svc" },
        },
        HUB_REGION,
    );
    f.add(
        T.endpointService,
        "svc-service",
        { acceptanceRequired: true, networkLoadBalancerArns: [f.ref("svc", "arn")], tags: { Name: "svc" } },
        HUB_REGION,
    );
    f.add(
        T.principal,
        "svc-principal-0",
        { vpcEndpointServiceId: f.ref("svc-service"), principalArn: "arn:aws:iam::111122223333:root" },
        HUB_REGION,
    );
    f.add(
        T.sg,
        `svc-${consumer}-sg`,
        { vpcId: f.ref(consumer), description: "consumer", tags: { Name: `svc-${consumer}-sg` } },
        HUB_REGION,
    );
    f.add(
        T.endpoint,
        `svc-${consumer}`,
        {
            vpcId: f.ref(consumer),
            serviceName: f.ref("svc-service", "serviceName"),
            vpcEndpointType: "Interface",
            subnetIds: [f.ref(`${consumer}-endpoint-a`), f.ref(`${consumer}-endpoint-b`)],
            securityGroupIds: [f.ref(`svc-${consumer}-sg`)],
            privateDnsEnabled: false,
            tags: { Name: `svc-${consumer}` },
        },
        HUB_REGION,
    );
    f.add(
        T.connectionAccepter,
        `svc-${consumer}-accept`,
        { vpcEndpointServiceId: f.ref("svc-service"), vpcEndpointId: f.ref(`svc-${consumer}`) },
        HUB_REGION,
    );
}

/** Spokes of the fixtures: two in eu-west-1, one (`local`) in the hub region. */
export const SPOKES: readonly { name: string; region: string; cidr: string }[] = [
    { name: "payments", region: REMOTE_REGION, cidr: "10.16.0.0/20" },
    { name: "analytics", region: REMOTE_REGION, cidr: "10.16.16.0/20" },
    { name: "local", region: HUB_REGION, cidr: "10.32.0.0/20" },
];

/** Hub, three spokes, peering to each, endpoint service with a same-region consumer. Compliant. */
export function peeringStack(): StackFixture {
    const f = new StackFixture();
    addHub(f, [REMOTE_REGION, HUB_REGION]);
    for (const s of SPOKES) {
        addSpoke(f, s.name, s.region, s.cidr);
        addPeering(f, s.name, s.region, s.cidr);
    }
    addEndpointService(f, "local");
    return f;
}

/**
 * Hub, `payments` (eu-west-1) and `local` (eu-west-2) over one TGW per region, explicit route tables,
 * TGW peering with static routes on both sides, VPC routes via the TGWs both ways. Compliant.
 */
export function tgwStack(): StackFixture {
    const f = new StackFixture();
    addHub(f, [REMOTE_REGION, HUB_REGION]);
    const spokes = SPOKES.filter((s) => s.name !== "analytics");
    for (const s of spokes) {
        addSpoke(f, s.name, s.region, s.cidr);
    }
    for (const r of [HUB_REGION, REMOTE_REGION]) {
        f.add(
            T.tgw,
            `tgw-${r}`,
            {
                defaultRouteTableAssociation: "disable",
                defaultRouteTablePropagation: "disable",
                autoAcceptSharedAttachments: "disable",
                tags: { Name: `tgw-${r}` },
            },
            r,
        );
        for (const role of r === HUB_REGION ? ["hub", "spokes", "peering"] : ["spokes", "peering"]) {
            f.add(T.tgwRouteTable, `tgw-${r}-${role}`, { transitGatewayId: f.ref(`tgw-${r}`), tags: { Name: `tgw-${r}-${role}` } }, r);
        }
    }
    const attach = (vpc: string, region: string) =>
        f.add(
            T.tgwAttachment,
            `attach-${vpc}`,
            {
                transitGatewayId: f.ref(`tgw-${region}`),
                vpcId: f.ref(vpc),
                subnetIds: [f.ref(`${vpc}-endpoint-a`), f.ref(`${vpc}-endpoint-b`)],
                tags: { Name: `attach-${vpc}` },
            },
            region,
        );
    const associate = (name: string, attachment: string, attr: string, table: string, region: string) =>
        f.add(T.tgwAssoc, name, { transitGatewayAttachmentId: f.ref(attachment, attr), transitGatewayRouteTableId: f.ref(table) }, region);
    const propagate = (name: string, attachment: string, table: string, region: string) =>
        f.add(T.tgwPropagation, name, { transitGatewayAttachmentId: f.ref(attachment), transitGatewayRouteTableId: f.ref(table) }, region);

    attach("hub", HUB_REGION);
    associate("assoc-hub", "attach-hub", "id", `tgw-${HUB_REGION}-hub`, HUB_REGION);
    propagate("prop-hub-to-spokes", "attach-hub", `tgw-${HUB_REGION}-spokes`, HUB_REGION);
    propagate("prop-hub-to-peering", "attach-hub", `tgw-${HUB_REGION}-peering`, HUB_REGION);
    for (const s of spokes) {
        attach(s.name, s.region);
        associate(`assoc-${s.name}`, `attach-${s.name}`, "id", `tgw-${s.region}-spokes`, s.region);
        propagate(
            `prop-${s.name}`,
            `attach-${s.name}`,
            s.region === HUB_REGION ? `tgw-${HUB_REGION}-hub` : `tgw-${s.region}-peering`,
            s.region,
        );
    }
    f.add(
        T.tgwPeering,
        "tgw-peering",
        {
            transitGatewayId: f.ref(`tgw-${HUB_REGION}`),
            peerTransitGatewayId: f.ref(`tgw-${REMOTE_REGION}`),
            peerRegion: REMOTE_REGION,
            tags: { Name: "tgw-peering" },
        },
        HUB_REGION,
    );
    f.add(
        T.tgwPeeringAccepter,
        "tgw-peering-accepter",
        { transitGatewayAttachmentId: f.ref("tgw-peering"), tags: { Name: "tgw-peering" } },
        REMOTE_REGION,
    );
    associate("assoc-peering-hub-side", "tgw-peering", "id", `tgw-${HUB_REGION}-peering`, HUB_REGION);
    associate(
        "assoc-peering-remote-side",
        "tgw-peering-accepter",
        "transitGatewayAttachmentId",
        `tgw-${REMOTE_REGION}-peering`,
        REMOTE_REGION,
    );
    f.add(
        T.tgwRoute,
        "tgw-route-hub-to-remote",
        {
            transitGatewayRouteTableId: f.ref(`tgw-${HUB_REGION}-hub`),
            destinationCidrBlock: SUPERNETS[REMOTE_REGION],
            transitGatewayAttachmentId: f.ref("tgw-peering"),
        },
        HUB_REGION,
    );
    f.add(
        T.tgwRoute,
        "tgw-route-remote-to-hub",
        {
            transitGatewayRouteTableId: f.ref(`tgw-${REMOTE_REGION}-spokes`),
            destinationCidrBlock: HUB_CIDR,
            transitGatewayAttachmentId: f.ref("tgw-peering-accepter", "transitGatewayAttachmentId"),
        },
        REMOTE_REGION,
    );
    for (const region of [REMOTE_REGION, HUB_REGION]) {
        for (const rt of routeTables("hub")) {
            f.add(
                T.route,
                `hub-to-${region}-${rt}`,
                { routeTableId: f.ref(rt), destinationCidrBlock: SUPERNETS[region], transitGatewayId: f.ref(`tgw-${HUB_REGION}`) },
                HUB_REGION,
            );
        }
    }
    for (const s of spokes) {
        for (const rt of routeTables(s.name)) {
            f.add(
                T.route,
                `${s.name}-to-hub-${rt}`,
                { routeTableId: f.ref(rt), destinationCidrBlock: HUB_CIDR, transitGatewayId: f.ref(`tgw-${s.region}`) },
                s.region,
            );
        }
    }
    addEndpointService(f, "local");
    return f;
}

/** Drops the `landing-zone:role` tag of a fixture VPC (what a VPC added by hand in a fork looks like). */
export function untag(f: StackFixture, vpc: string): StackFixture {
    return f.patch(vpc, { tags: { Name: vpc } });
}

/** A spoke VPC in `region` without the role tag, associated with every hub zone, not yet connected. */
export const HAND_ADDED = { name: "sandbox", region: REMOTE_REGION, cidr: "10.16.32.0/20" } as const;

/**
 * A spoke added by hand in a fork: no `landing-zone:role` tag, associated with every hub zone, and
 * connected to the hub by peering (routes both ways) or attached to the remote region's transit gateway
 * of {@link tgwStack} (associated with its spokes table, routes to the hub).
 */
export function addHandAddedSpoke(f: StackFixture, via: "peering" | "tgw"): StackFixture {
    const { name, region, cidr } = HAND_ADDED;
    addSpoke(f, name, region, cidr);
    untag(f, name);
    if (via === "peering") {
        addPeering(f, name, region, cidr);
        return f;
    }
    f.add(
        T.tgwAttachment,
        `attach-${name}`,
        {
            transitGatewayId: f.ref(`tgw-${region}`),
            vpcId: f.ref(name),
            subnetIds: [f.ref(`${name}-endpoint-a`), f.ref(`${name}-endpoint-b`)],
            tags: { Name: `attach-${name}` },
        },
        region,
    );
    f.add(
        T.tgwAssoc,
        `assoc-${name}`,
        { transitGatewayAttachmentId: f.ref(`attach-${name}`), transitGatewayRouteTableId: f.ref(`tgw-${region}-spokes`) },
        region,
    );
    f.add(
        T.tgwPropagation,
        `prop-${name}`,
        { transitGatewayAttachmentId: f.ref(`attach-${name}`), transitGatewayRouteTableId: f.ref(`tgw-${region}-peering`) },
        region,
    );
    for (const rt of routeTables(name)) {
        f.add(
            T.route,
            `${name}-to-hub-${rt}`,
            { routeTableId: f.ref(rt), destinationCidrBlock: HUB_CIDR, transitGatewayId: f.ref(`tgw-${region}`) },
            region,
        );
    }
    return f;
}
