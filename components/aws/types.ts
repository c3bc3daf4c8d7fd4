/**
 * The project's one table of resource type tokens: the `type` a registration carries in the offline
 * capture (`CapturedResource.type`), the engine's URNs and the policy pack's resource filters.
 *
 * The offline plan (reachability, cost, diagram, report) and the test helpers look resources up by these
 * strings instead of importing @pulumi/aws classes: the analysis then needs no SDK, and a token spelled
 * wrong is caught once, here, by `tests/aws/types.spec.ts` (every token equals its @pulumi/aws class's
 * `__pulumiType`; every class the components construct has an entry).
 *
 * Keys follow the policy pack's copy (`policy-pack/lib/types.ts`, which stays self-contained so the pack
 * can be published on its own): a key present in both names the same token, which the same spec checks.
 *
 * Pure data: no Pulumi import.
 */

/**
 * Type tokens of the @pulumi/aws (v7) resources the program registers or the plan inspects, plus the AWS
 * provider resource. Token format: `aws:<module>/<camelCaseClass>:<Class>`.
 */
export const T = {
    provider: "pulumi:providers:aws",

    // ---- VPC core -------------------------------------------------------------------------------
    vpc: "aws:ec2/vpc:Vpc",
    vpcCidrAssociation: "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    route: "aws:ec2/route:Route",
    flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",

    // ---- security groups ------------------------------------------------------------------------
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    /** Legacy inline-style rule resource; the program uses the `aws:vpc/…Rule` resources below. */
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",

    // ---- VPC endpoints and endpoint services (PrivateLink) --------------------------------------
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    vpcEndpointPolicy: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
    vpcEndpointPrivateDns: "aws:vpc/endpointPrivateDns:EndpointPrivateDns",
    vpcEndpointService: "aws:ec2/vpcEndpointService:VpcEndpointService",
    /** The provider spells it "Principle". */
    vpcEndpointServiceAllowedPrincipal: "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple",
    vpcEndpointConnectionAccepter: "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter",
    endpointServicePrivateDnsVerification: "aws:vpc/endpointServicePrivateDnsVerification:EndpointServicePrivateDnsVerification",

    // ---- load balancers and the service fleet ---------------------------------------------------
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    /** `aws.alb.LoadBalancer` is an alias of `aws.lb.LoadBalancer` with its own token. */
    loadBalancerLegacy: "aws:alb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    targetGroupAttachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    autoscalingGroup: "aws:autoscaling/group:Group",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",

    // ---- AWS Network Firewall (centralised inspection, engine network-firewall) -------------------
    networkFirewall: "aws:networkfirewall/firewall:Firewall",
    networkFirewallPolicy: "aws:networkfirewall/firewallPolicy:FirewallPolicy",
    networkFirewallRuleGroup: "aws:networkfirewall/ruleGroup:RuleGroup",
    networkFirewallLogging: "aws:networkfirewall/loggingConfiguration:LoggingConfiguration",

    // ---- IAM (global) ---------------------------------------------------------------------------
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    instanceProfile: "aws:iam/instanceProfile:InstanceProfile",

    // ---- VPC peering ----------------------------------------------------------------------------
    peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    peeringAccepter: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
    peeringOptions: "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions",

    // ---- Transit Gateway ------------------------------------------------------------------------
    transitGateway: "aws:ec2transitgateway/transitGateway:TransitGateway",
    tgwVpcAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwPeeringAttachment: "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
    tgwPeeringAttachmentAccepter: "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter",
    tgwRouteTable: "aws:ec2transitgateway/routeTable:RouteTable",
    tgwRouteTableAssociation: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    tgwRouteTablePropagation: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    tgwRoute: "aws:ec2transitgateway/route:Route",
    /** The TGW owner's acceptance of another account's VPC attachment (a RAM-shared TGW). */
    tgwVpcAttachmentAccepter: "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",

    // ---- AWS RAM (regional) ---------------------------------------------------------------------
    ramResourceShare: "aws:ram/resourceShare:ResourceShare",
    ramResourceAssociation: "aws:ram/resourceAssociation:ResourceAssociation",
    ramPrincipalAssociation: "aws:ram/principalAssociation:PrincipalAssociation",
    ramResourceShareAccepter: "aws:ram/resourceShareAccepter:ResourceShareAccepter",

    // ---- Route 53 (global) ----------------------------------------------------------------------
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    zoneAssociation: "aws:route53/zoneAssociation:ZoneAssociation",
    /** By the zone's account, before a VPC of another account associates with the zone. */
    vpcAssociationAuthorization: "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
    // Route 53 Profiles: regional (a Profile serves VPCs of its own Region), despite the module.
    profilesProfile: "aws:route53/profilesProfile:ProfilesProfile",
    profilesAssociation: "aws:route53/profilesAssociation:ProfilesAssociation",
    profilesResourceAssociation: "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation",
} as const;

/** A type token from {@link T}. */
export type AwsTypeToken = (typeof T)[keyof typeof T];

/**
 * Type tokens of the project's ComponentResources (`landing-zone:<module>:<Type>`). The components pass
 * the same strings to `super(...)`; a new component adds its token here (`tests/aws/types.spec.ts` fails
 * until the table and the components' `super` calls list the same tokens).
 */
export const COMPONENT_TYPES = {
    landingZone: "landing-zone:index:LandingZone",
    hub: "landing-zone:network:Hub",
    regionalEndpoints: "landing-zone:network:RegionalEndpoints",
    spoke: "landing-zone:network:Spoke",
    vpc: "landing-zone:network:Vpc",
    flowLogRole: "landing-zone:network:FlowLogRole",
    dnsProfiles: "landing-zone:network:DnsProfiles",
    hubPeering: "landing-zone:connectivity:HubPeering",
    transitGateways: "landing-zone:connectivity:TransitGateways",
    transitGatewayShares: "landing-zone:connectivity:TransitGatewayShares",
    vpcRoutes: "landing-zone:connectivity:VpcRoutes",
    endpointService: "landing-zone:endpoint-service:EndpointService",
    endpointServiceLoadBalancer: "landing-zone:endpoint-service:LoadBalancer",
    endpointServiceTargets: "landing-zone:endpoint-service:Targets",
    endpointServiceService: "landing-zone:endpoint-service:Service",
    endpointServiceConsumer: "landing-zone:endpoint-service:Consumer",
    inspection: "landing-zone:inspection:Inspection",
    inspectionGatewayLoadBalancer: "landing-zone:inspection:GatewayLoadBalancer",
    inspectionNetworkFirewall: "landing-zone:inspection:NetworkFirewall",
    inspectionRoutes: "landing-zone:inspection:InspectionRoutes",
} as const;

/** A type token from {@link COMPONENT_TYPES}. */
export type ComponentTypeToken = (typeof COMPONENT_TYPES)[keyof typeof COMPONENT_TYPES];
