/**
 * Which input changes force a replacement, for every resource type this project registers.
 *
 * @pulumi/aws is bridged from the Terraform AWS provider: an input forces replacement exactly when the
 * Terraform attribute is `ForceNew: true` (SDKv2 resources) or has a `RequiresReplace()` plan modifier
 * (Plugin Framework resources); Pulumi's registry docs print "Changes to this property will trigger
 * replacement" for the same inputs. Sources below are files of hashicorp/terraform-provider-aws
 * (`internal/service/<svc>/<file>.go`, read 2026-12); the bridged provider at @pulumi/aws 7.x tracks
 * provider v6.x. Attributes that are not inputs of this project are left out; `tags` never replaces.
 *
 * An input missing from a type's list is updated in place. A type missing from the table is reported
 * ("unknown-type") and any change to it is treated as a replacement: the safe guess.
 *
 * `tests/offline/changes/replace-table.spec.ts` fails when the program registers a type that is not
 * here, so the table grows with the program.
 */

/** When an input forces replacement. */
export type ReplaceWhen =
    /** Any change. */
    | "always"
    /** Only when an element is removed from the list (adding is an in-place update). */
    | "element-removed"
    /** Only when the list goes from empty to non-empty or back. */
    | "emptiness-changes";

export interface ReplaceRule {
    readonly input: string;
    readonly when: ReplaceWhen;
}

export interface TypeEntry {
    /** Inputs that force replacement. */
    readonly replaceOn: readonly ReplaceRule[];
    /** Where this comes from. */
    readonly source: string;
}

const TF = "hashicorp/terraform-provider-aws internal/service/";

function always(...inputs: string[]): ReplaceRule[] {
    return inputs.map((input) => ({ input, when: "always" as const }));
}

export const REPLACE_TABLE: Readonly<Record<string, TypeEntry>> = {
    // A provider's config changes in place: @pulumi/aws 7's DiffConfig names no replace key (region's
    // ForcesProviderReplace was removed, pulumi/pulumi-aws#5656; the engine defers to DiffConfig for
    // explicit providers, pulumi/pulumi#18509). A changed region still replaces the regional resources
    // through their own force-new region argument (diff.ts); a changed account moves nothing (diff.ts:
    // account-change-not-applied).
    "pulumi:providers:aws": {
        replaceOn: [],
        source: "pulumi/pulumi-aws#5656 (region no longer ForcesProviderReplace; v7 removes the cascading replace), pulumi/pulumi#18509 (DiffConfig decides for explicit providers)",
    },

    "aws:ec2/vpc:Vpc": {
        replaceOn: always("cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"),
        source: `${TF}ec2/vpc_.go (cidr_block, ipv4_ipam_pool_id, ipv4_netmask_length: ForceNew)`,
    },
    "aws:ec2/subnet:Subnet": {
        replaceOn: always("vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "ipv6Native", "outpostArn"),
        source: `${TF}ec2/vpc_subnet.go (vpc_id, cidr_block, availability_zone, availability_zone_id, ipv6_native, outpost_arn: ForceNew)`,
    },
    "aws:ec2/routeTable:RouteTable": { replaceOn: always("vpcId"), source: `${TF}ec2/vpc_route_table.go (vpc_id: ForceNew)` },
    // route_table_id is updated in place (ReplaceRouteTableAssociation); the subnet is the association's identity.
    "aws:ec2/routeTableAssociation:RouteTableAssociation": {
        replaceOn: always("subnetId", "gatewayId"),
        source: `${TF}ec2/vpc_route_table_association.go (subnet_id, gateway_id: ForceNew; route_table_id: Update via ReplaceRouteTableAssociation)`,
    },
    // The target (gateway, TGW, peering connection…) is updated in place with ReplaceRoute.
    "aws:ec2/route:Route": {
        replaceOn: always("routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"),
        source: `${TF}ec2/vpc_route.go (route_table_id and the destination_*: ForceNew; targets: Update via ReplaceRoute)`,
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        replaceOn: always("vpcId", "name", "namePrefix", "description"),
        source: `${TF}ec2/vpc_security_group.go (vpc_id, name, name_prefix, description: ForceNew)`,
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        replaceOn: always("vpcId"),
        source: `${TF}ec2/vpc_default_security_group.go (vpc_id: ForceNew)`,
    },
    // Plugin Framework resources: only the group is RequiresReplace; protocol, ports, source and
    // description are changed in place with ModifySecurityGroupRules.
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        replaceOn: always("securityGroupId"),
        source: `${TF}ec2/vpc_security_group_rule.go (security_group_id: RequiresReplace; the rest: ModifySecurityGroupRules)`,
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        replaceOn: always("securityGroupId"),
        source: `${TF}ec2/vpc_security_group_rule.go (security_group_id: RequiresReplace; the rest: ModifySecurityGroupRules)`,
    },
    "aws:ec2/flowLog:FlowLog": {
        replaceOn: always(
            "vpcId",
            "subnetId",
            "eniId",
            "transitGatewayId",
            "transitGatewayAttachmentId",
            "logDestination",
            "logDestinationType",
            "logGroupName",
            "iamRoleArn",
            "trafficType",
            "maxAggregationInterval",
            "logFormat",
            "destinationOptions",
            "deliverCrossAccountRole",
        ),
        source: `${TF}ec2/vpc_flow_log.go (every argument but tags: ForceNew)`,
    },
    // Subnets, security groups, policy and private DNS are modified in place (ModifyVpcEndpoint).
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        replaceOn: always("vpcId", "serviceName", "vpcEndpointType", "serviceRegion", "resourceConfigurationArn", "serviceNetworkArn"),
        source: `${TF}ec2/vpc_endpoint.go (vpc_id, service_name, vpc_endpoint_type, service_region, resource_configuration_arn, service_network_arn: ForceNew)`,
    },
    // Every argument is modified in place (ModifyVpcEndpointServiceConfiguration).
    "aws:ec2/vpcEndpointService:VpcEndpointService": { replaceOn: [], source: `${TF}ec2/vpc_endpoint_service.go (no ForceNew argument)` },
    "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple": {
        replaceOn: always("vpcEndpointServiceId", "principalArn"),
        source: `${TF}ec2/vpc_endpoint_service_allowed_principal.go (vpc_endpoint_service_id, principal_arn: ForceNew)`,
    },
    "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter": {
        replaceOn: always("vpcEndpointId", "vpcEndpointServiceId"),
        source: `${TF}ec2/vpc_endpoint_connection_accepter.go (vpc_endpoint_id, vpc_endpoint_service_id: ForceNew)`,
    },
    "aws:vpc/endpointPrivateDns:EndpointPrivateDns": {
        replaceOn: always("vpcEndpointId"),
        source: `${TF}ec2/vpc_endpoint_private_dns.go (vpc_endpoint_id: RequiresReplace)`,
    },
    "aws:vpc/endpointServicePrivateDnsVerification:EndpointServicePrivateDnsVerification": {
        replaceOn: always("serviceId", "waitForVerification"),
        source: `${TF}ec2/vpc_endpoint_service_private_dns_verification.go (service_id, wait_for_verification: RequiresReplace)`,
    },
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": {
        replaceOn: always("vpcId", "peerVpcId", "peerOwnerId", "peerRegion"),
        source: `${TF}ec2/vpc_peering_connection.go (vpc_id, peer_vpc_id, peer_owner_id, peer_region: ForceNew)`,
    },
    "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": {
        replaceOn: always("vpcPeeringConnectionId"),
        source: `${TF}ec2/vpc_peering_connection_accepter.go (vpc_peering_connection_id: ForceNew)`,
    },
    "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions": {
        replaceOn: always("vpcPeeringConnectionId"),
        source: `${TF}ec2/vpc_peering_connection_options.go (vpc_peering_connection_id: ForceNew)`,
    },
    "aws:ec2transitgateway/transitGateway:TransitGateway": {
        replaceOn: always("amazonSideAsn"),
        source: `${TF}ec2/transitgateway_.go (amazon_side_asn: ForceNew; the other options: ModifyTransitGateway)`,
    },
    // Subnets and the default-table flags are modified in place (ModifyTransitGatewayVpcAttachment).
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": {
        replaceOn: always("transitGatewayId", "vpcId"),
        source: `${TF}ec2/transitgateway_vpc_attachment.go (transit_gateway_id, vpc_id: ForceNew)`,
    },
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": {
        replaceOn: always("transitGatewayId", "peerTransitGatewayId", "peerRegion", "peerAccountId", "options"),
        source: `${TF}ec2/transitgateway_peering_attachment.go (transit_gateway_id, peer_transit_gateway_id, peer_region, peer_account_id, options: ForceNew)`,
    },
    "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter": {
        replaceOn: always("transitGatewayAttachmentId"),
        source: `${TF}ec2/transitgateway_peering_attachment_accepter.go (transit_gateway_attachment_id: ForceNew)`,
    },
    "aws:ec2transitgateway/routeTable:RouteTable": {
        replaceOn: always("transitGatewayId"),
        source: `${TF}ec2/transitgateway_route_table.go (transit_gateway_id: ForceNew)`,
    },
    // No Update function: both ids are ForceNew, so a changed table id is a replacement.
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": {
        replaceOn: always("transitGatewayAttachmentId", "transitGatewayRouteTableId", "replaceExistingAssociation"),
        source: `${TF}ec2/transitgateway_route_table_association.go (transit_gateway_attachment_id, transit_gateway_route_table_id, replace_existing_association: ForceNew; no Update)`,
    },
    "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": {
        replaceOn: always("transitGatewayAttachmentId", "transitGatewayRouteTableId"),
        source: `${TF}ec2/transitgateway_route_table_propagation.go (both ids: ForceNew; no Update)`,
    },
    "aws:ec2transitgateway/route:Route": {
        replaceOn: always("destinationCidrBlock", "transitGatewayRouteTableId", "transitGatewayAttachmentId", "blackhole"),
        source: `${TF}ec2/transitgateway_route.go (every argument: ForceNew; no Update)`,
    },
    "aws:route53/zone:Zone": {
        replaceOn: always("name", "delegationSetId"),
        source: `${TF}route53/zone.go (name, delegation_set_id: ForceNew; vpc: Update)`,
    },
    "aws:route53/record:Record": {
        replaceOn: always("zoneId", "name"),
        source: `${TF}route53/record.go (zone_id, name: ForceNew; type, alias, records: UPSERT)`,
    },
    "aws:route53/zoneAssociation:ZoneAssociation": {
        replaceOn: always("zoneId", "vpcId", "vpcRegion"),
        source: `${TF}route53/zone_association.go (zone_id, vpc_id, vpc_region: ForceNew)`,
    },
    // Route 53 Profiles are plugin-framework resources: RequiresReplace plan modifiers instead of ForceNew.
    "aws:route53/profilesProfile:ProfilesProfile": {
        replaceOn: always("name"),
        source: `${TF}route53profiles/profile.go (name: RequiresReplace; no update but tags)`,
    },
    "aws:route53/profilesAssociation:ProfilesAssociation": {
        replaceOn: always("name", "profileId", "resourceId"),
        source: `${TF}route53profiles/association.go (name, profile_id, resource_id: RequiresReplace; WithNoUpdate)`,
    },
    "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation": {
        replaceOn: always("name", "profileId", "resourceArn"),
        source: `${TF}route53profiles/resource_association.go (name, profile_id, resource_arn: RequiresReplace; WithNoUpdate)`,
    },
    // Subnets of an NLB can be added in place but not removed; security groups can be changed but an
    // NLB created without any can never get one (and one with them can never drop them all).
    "aws:lb/loadBalancer:LoadBalancer": {
        replaceOn: [
            ...always("name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"),
            { input: "subnets", when: "element-removed" },
            { input: "subnetMappings", when: "element-removed" },
            { input: "securityGroups", when: "emptiness-changes" },
        ],
        source: `${TF}elbv2/load_balancer.go (name, name_prefix, internal, load_balancer_type, customer_owned_ipv4_pool: ForceNew; CustomizeDiff: NLB subnets removed, security groups added to or removed from none -> ForceNew)`,
    },
    "aws:lb/targetGroup:TargetGroup": {
        replaceOn: always("name", "namePrefix", "port", "protocol", "protocolVersion", "vpcId", "targetType", "ipAddressType"),
        source: `${TF}elbv2/target_group.go (name, name_prefix, port, protocol, protocol_version, vpc_id, target_type, ip_address_type: ForceNew)`,
    },
    "aws:lb/listener:Listener": { replaceOn: always("loadBalancerArn"), source: `${TF}elbv2/listener.go (load_balancer_arn: ForceNew)` },
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": {
        replaceOn: always("targetGroupArn", "targetId", "port", "availabilityZone"),
        source: `${TF}elbv2/target_group_attachment.go (every argument: ForceNew; no Update)`,
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        replaceOn: always("name", "namePrefix"),
        source: `${TF}ec2/ec2_launch_template.go (name, name_prefix: ForceNew; the rest makes a new version)`,
    },
    "aws:autoscaling/group:Group": {
        replaceOn: always("name", "namePrefix"),
        source: `${TF}autoscaling/group.go (name, name_prefix: ForceNew)`,
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        replaceOn: always("name", "namePrefix", "logGroupClass"),
        source: `${TF}logs/group.go (name, name_prefix, log_group_class: ForceNew)`,
    },
    "aws:iam/role:Role": {
        replaceOn: always("name", "namePrefix", "path"),
        source: `${TF}iam/role.go (name, name_prefix, path: ForceNew)`,
    },
    "aws:iam/rolePolicy:RolePolicy": {
        replaceOn: always("role", "name", "namePrefix"),
        source: `${TF}iam/role_policy.go (role, name, name_prefix: ForceNew)`,
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        replaceOn: always("role", "policyArn"),
        source: `${TF}iam/role_policy_attachment.go (role, policy_arn: ForceNew)`,
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        replaceOn: always("name", "namePrefix", "path"),
        source: `${TF}iam/instance_profile.go (name, name_prefix, path: ForceNew; role: Update)`,
    },
};

/** Stateful resources: replacing one destroys what runs in or through it (ENIs, routes, DNS, flows). */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/routeTable:RouteTable",
    "aws:route53/zone:Zone",
    "aws:ec2transitgateway/transitGateway:TransitGateway",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/vpcEndpointService:VpcEndpointService",
    "aws:lb/loadBalancer:LoadBalancer",
]);

function asList(v: unknown): unknown[] {
    return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/**
 * True when changing `input` from `before` to `after` forces replacement under `rule`. Values are
 * compared as normalised JSON text (the caller maps ids of the same logical resource to one token).
 */
export function ruleForcesReplacement(rule: ReplaceRule, before: unknown, after: unknown): boolean {
    switch (rule.when) {
        case "always":
            return true;
        case "element-removed": {
            const kept = new Set(asList(after).map((x) => JSON.stringify(x)));
            return asList(before).some((x) => !kept.has(JSON.stringify(x)));
        }
        case "emptiness-changes":
            return (asList(before).length === 0) !== (asList(after).length === 0);
    }
}
