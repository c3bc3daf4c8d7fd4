/**
 * Pulumi type tokens the pack inspects (@pulumi/aws v7). The pack matches tokens as strings instead of
 * importing @pulumi/aws: it stays small, starts fast and cannot drift with the program's SDK version.
 *
 * @module
 */
export const T = {
    provider: "pulumi:providers:aws",
    vpc: "aws:ec2/vpc:Vpc",
    vpcCidrAssociation: "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    route: "aws:ec2/route:Route",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    flowLog: "aws:ec2/flowLog:FlowLog",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    vpcEndpointService: "aws:ec2/vpcEndpointService:VpcEndpointService",
    vpcEndpointServiceAllowedPrincipal: "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple",
    peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    peeringAccepter: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    loadBalancerLegacy: "aws:alb/loadBalancer:LoadBalancer",
    transitGateway: "aws:ec2transitgateway/transitGateway:TransitGateway",
    tgwVpcAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwPeeringAttachment: "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
    tgwVpcAttachmentAccepter: "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
    ramResourceShare: "aws:ram/resourceShare:ResourceShare",
    ramResourceAssociation: "aws:ram/resourceAssociation:ResourceAssociation",
    ramPrincipalAssociation: "aws:ram/principalAssociation:PrincipalAssociation",
    tgwPeeringAttachmentAccepter: "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter",
    tgwRouteTable: "aws:ec2transitgateway/routeTable:RouteTable",
    tgwRouteTableAssociation: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    tgwRouteTablePropagation: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    tgwRoute: "aws:ec2transitgateway/route:Route",
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    zoneAssociation: "aws:route53/zoneAssociation:ZoneAssociation",
    // Route 53 Profiles: regional (a Profile serves VPCs of its own Region), despite the module.
    profilesProfile: "aws:route53/profilesProfile:ProfilesProfile",
    profilesAssociation: "aws:route53/profilesAssociation:ProfilesAssociation",
    profilesResourceAssociation: "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation",
} as const;

/** Route tables a `routeTableId` can point at. */
export const ROUTE_TABLE_TYPES: readonly string[] = [T.routeTable, T.defaultRouteTable];

/** NLB/ALB/GWLB resource tokens (`aws.alb.LoadBalancer` is an alias of `aws.lb.LoadBalancer`). */
export const LOAD_BALANCER_TYPES: readonly string[] = [T.loadBalancer, T.loadBalancerLegacy];

/** Transit gateway attachments that must be associated with an explicit TGW route table. */
export const TGW_ATTACHMENT_TYPES: readonly string[] = [T.tgwVpcAttachment, T.tgwPeeringAttachment];
