/**
 * A compliant centralised-inspection stack for the inspection policies: {@link tgwStack} plus an
 * inspection VPC in the hub region, shaped like the resources the inspection components register
 * (@pulumi/aws v7): per AZ a TGW-attachment subnet routing to the same AZ's endpoint, an endpoint
 * subnet routing back to the TGW and an appliance subnet; the attachment with appliance mode on; the
 * hub region's spokes and hub TGW route tables sending inspected ranges to the inspection attachment,
 * which is associated with a post-inspection table holding the propagations.
 *
 * Engines: `gwlb` (Gateway Load Balancer in the appliance subnets, GENEVE target group, listener, an
 * Auto Scaling fleet from a launch template, a GWLB endpoint service and one GWLB endpoint per AZ) or
 * `network-firewall` (a VPC-attached firewall mapping the endpoint subnets, its policy and logging).
 * Tests change one thing per case.
 */
import { HUB_REGION, SUPERNETS, T, tgwStack } from "./fixtures";
import { StackFixture } from "./helpers";

export const TI = {
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    targetGroupAttachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    asg: "aws:autoscaling/group:Group",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    instance: "aws:ec2/instance:Instance",
    firewall: "aws:networkfirewall/firewall:Firewall",
    firewallPolicy: "aws:networkfirewall/firewallPolicy:FirewallPolicy",
    firewallLogging: "aws:networkfirewall/loggingConfiguration:LoggingConfiguration",
} as const;

export const INSPECTION_CIDR = "10.1.0.0/16";
export const INSPECTION_AZS: readonly string[] = ["a", "b"];
/** The account the fixture's provider and principals use. */
export const NETWORK_ACCOUNT = "123456789012";

/** CIDR of an inspection subnet: tier offset (0 tgw, 16 endpoint, 32 appliance) plus the AZ's index. */
export function inspectionSubnetCidr(tier: "tgw" | "endpoint" | "appliance", az: string): string {
    const base = { tgw: 0, endpoint: 16, appliance: 32 }[tier];
    return `10.1.${base + INSPECTION_AZS.indexOf(az)}.0/24`;
}

/** Name of the endpoint a TGW subnet's route in `az` points at (GWLB endpoint or the firewall). */
export function endpointOf(engine: "gwlb" | "network-firewall", az: string): string {
    return engine === "gwlb" ? `inspection-gwlbe-${az}` : "inspection-firewall";
}

export function inspectionStack(engine: "gwlb" | "network-firewall" = "gwlb"): StackFixture {
    const f = tgwStack();
    const r = HUB_REGION;
    const tgw = `tgw-${r}`;
    f.add(T.vpc, "inspection", { cidrBlock: INSPECTION_CIDR, enableDnsSupport: true, tags: { Name: "inspection" } }, r);
    for (const az of INSPECTION_AZS) {
        for (const tier of ["tgw", "endpoint", "appliance"] as const) {
            f.add(
                T.subnet,
                `inspection-${tier}-${az}`,
                {
                    vpcId: f.ref("inspection"),
                    cidrBlock: inspectionSubnetCidr(tier, az),
                    availabilityZone: `${r}${az}`,
                    mapPublicIpOnLaunch: false,
                },
                r,
            );
            if (tier === "appliance") {
                continue;
            }
            f.add(T.routeTable, `inspection-${tier}-rt-${az}`, { vpcId: f.ref("inspection") }, r);
            f.add(
                T.rtAssoc,
                `inspection-${tier}-rta-${az}`,
                { subnetId: f.ref(`inspection-${tier}-${az}`), routeTableId: f.ref(`inspection-${tier}-rt-${az}`) },
                r,
            );
        }
        // TGW subnet -> the endpoint of the same AZ; endpoint subnet -> back to the TGW.
        f.add(
            T.route,
            `inspection-tgw-rt-${az}-0.0.0.0/0`,
            {
                routeTableId: f.ref(`inspection-tgw-rt-${az}`),
                destinationCidrBlock: "0.0.0.0/0",
                vpcEndpointId: engine === "gwlb" ? f.ref(endpointOf(engine, az)) : f.ref("inspection-firewall", "firewallStatuses"),
            },
            r,
        );
        f.add(
            T.route,
            `inspection-endpoint-rt-${az}-10.0.0.0/8`,
            { routeTableId: f.ref(`inspection-endpoint-rt-${az}`), destinationCidrBlock: "10.0.0.0/8", transitGatewayId: f.ref(tgw) },
            r,
        );
    }
    if (engine === "gwlb") {
        addGwlb(f);
    } else {
        addFirewall(f);
    }

    f.add(
        T.tgwAttachment,
        "attach-inspection",
        {
            transitGatewayId: f.ref(tgw),
            vpcId: f.ref("inspection"),
            subnetIds: INSPECTION_AZS.map((az) => f.ref(`inspection-tgw-${az}`)),
            applianceModeSupport: "enable",
            tags: { Name: "attach-inspection" },
        },
        r,
    );
    // Post-inspection table: where traffic goes once inspected (propagations of the hub and the local
    // spoke, the remote region over the peering). The pre-inspection tables lose their propagations.
    f.add(T.tgwRouteTable, `${tgw}-post-inspection`, { transitGatewayId: f.ref(tgw) }, r);
    f.add(
        T.tgwAssoc,
        "assoc-inspection",
        { transitGatewayAttachmentId: f.ref("attach-inspection"), transitGatewayRouteTableId: f.ref(`${tgw}-post-inspection`) },
        r,
    );
    f.remove("prop-hub-to-spokes").remove("prop-local");
    for (const [name, attachment] of [
        ["prop-hub-to-post-inspection", "attach-hub"],
        ["prop-local-to-post-inspection", "attach-local"],
    ]) {
        f.add(
            T.tgwPropagation,
            name,
            { transitGatewayAttachmentId: f.ref(attachment), transitGatewayRouteTableId: f.ref(`${tgw}-post-inspection`) },
            r,
        );
    }
    f.add(
        T.tgwRoute,
        "tgw-route-post-inspection-to-remote",
        {
            transitGatewayRouteTableId: f.ref(`${tgw}-post-inspection`),
            destinationCidrBlock: SUPERNETS["eu-west-1"],
            transitGatewayAttachmentId: f.ref("tgw-peering"),
        },
        r,
    );
    // Pre-inspection: spokes send everything private to inspection; the hub sends the region's spokes.
    f.add(
        T.tgwRoute,
        "tgw-route-spokes-to-inspection",
        {
            transitGatewayRouteTableId: f.ref(`${tgw}-spokes`),
            destinationCidrBlock: "10.0.0.0/8",
            transitGatewayAttachmentId: f.ref("attach-inspection"),
        },
        r,
    );
    f.add(
        T.tgwRoute,
        "tgw-route-hub-to-inspection",
        {
            transitGatewayRouteTableId: f.ref(`${tgw}-hub`),
            destinationCidrBlock: SUPERNETS[HUB_REGION],
            transitGatewayAttachmentId: f.ref("attach-inspection"),
        },
        r,
    );
    return f;
}

function addGwlb(f: StackFixture): void {
    const r = HUB_REGION;
    f.add(
        T.nlb,
        "inspection-gwlb",
        {
            loadBalancerType: "gateway",
            subnets: INSPECTION_AZS.map((az) => f.ref(`inspection-appliance-${az}`)),
            enableCrossZoneLoadBalancing: false,
        },
        r,
    );
    f.add(
        TI.targetGroup,
        "inspection-tg",
        {
            protocol: "GENEVE",
            port: 6081,
            vpcId: f.ref("inspection"),
            targetType: "instance",
            healthCheck: { enabled: true, protocol: "TCP", port: "80" },
        },
        r,
    );
    f.add(
        TI.listener,
        "inspection-listener",
        {
            loadBalancerArn: f.ref("inspection-gwlb", "arn"),
            defaultActions: [{ type: "forward", targetGroupArn: f.ref("inspection-tg", "arn") }],
        },
        r,
    );
    f.add(T.sg, "inspection-appliances", { vpcId: f.ref("inspection"), description: "Appliances behind the GWLB" }, r);
    for (const az of INSPECTION_AZS) {
        for (const [proto, port] of [
            ["udp", 6081],
            ["tcp", 80],
        ] as const) {
            f.add(
                T.ingressRule,
                `inspection-appliances-${proto}-${port}-${az}`,
                {
                    securityGroupId: f.ref("inspection-appliances"),
                    ipProtocol: proto,
                    fromPort: port,
                    toPort: port,
                    cidrIpv4: inspectionSubnetCidr("appliance", az),
                },
                r,
            );
        }
    }
    f.add(
        TI.launchTemplate,
        "inspection-appliance-lt",
        { imageId: "ami-0123456789abcdef0", instanceType: "c6in.large", vpcSecurityGroupIds: [f.ref("inspection-appliances")] },
        r,
    );
    f.add(
        TI.asg,
        "inspection-appliance-fleet",
        {
            launchTemplate: { id: f.ref("inspection-appliance-lt"), version: "$Latest" },
            targetGroupArns: [f.ref("inspection-tg", "arn")],
            vpcZoneIdentifiers: INSPECTION_AZS.map((az) => f.ref(`inspection-appliance-${az}`)),
            minSize: 2,
            maxSize: 4,
        },
        r,
    );
    f.add(
        T.endpointService,
        "inspection-service",
        {
            acceptanceRequired: true,
            gatewayLoadBalancerArns: [f.ref("inspection-gwlb", "arn")],
            allowedPrincipals: [`arn:aws:iam::${NETWORK_ACCOUNT}:root`],
        },
        r,
    );
    for (const az of INSPECTION_AZS) {
        f.add(
            T.endpoint,
            `inspection-gwlbe-${az}`,
            {
                vpcId: f.ref("inspection"),
                serviceName: f.ref("inspection-service", "serviceName"),
                vpcEndpointType: "GatewayLoadBalancer",
                subnetIds: [f.ref(`inspection-endpoint-${az}`)],
            },
            r,
        );
    }
}

function addFirewall(f: StackFixture): void {
    const r = HUB_REGION;
    f.add(
        TI.firewallPolicy,
        "inspection-firewall-policy",
        {
            name: "inspection",
            firewallPolicy: {
                statelessDefaultActions: ["aws:forward_to_sfe"],
                statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
                statefulEngineOptions: { ruleOrder: "STRICT_ORDER" },
                statefulDefaultActions: ["aws:drop_established"],
            },
        },
        r,
    );
    f.add(
        TI.firewall,
        "inspection-firewall",
        {
            name: "inspection",
            vpcId: f.ref("inspection"),
            firewallPolicyArn: f.ref("inspection-firewall-policy", "arn"),
            subnetMappings: INSPECTION_AZS.map((az) => ({ subnetId: f.ref(`inspection-endpoint-${az}`) })),
        },
        r,
    );
    f.add(T.logGroup, "inspection-firewall-logs", { name: "/landing-zone/test/network-firewall", retentionInDays: 365 }, r);
    f.add(
        TI.firewallLogging,
        "inspection-firewall-logging",
        {
            firewallArn: f.ref("inspection-firewall", "arn"),
            loggingConfiguration: {
                logDestinationConfigs: ["FLOW", "ALERT"].map((logType) => ({
                    logType,
                    logDestinationType: "CloudWatchLogs",
                    logDestination: { logGroup: f.ref("inspection-firewall-logs", "name") },
                })),
            },
        },
        r,
    );
}
