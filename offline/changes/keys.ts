/**
 * AWS uniqueness keys: the AWS object a resource owns, which no two resources may own at once.
 *
 * Pulumi creates new resources and replacements before it deletes the old ones (pulumi/pulumi#9979;
 * the `deleteBeforeReplace` option docs: "By default, to minimize downtime, Pulumi creates new instances
 * of resources before deleting old ones"), so when a key moves from one resource to another — a rename,
 * a changed input that forces replacement — both own it for a moment, and AWS either refuses the create
 * or accepts it idempotently and then loses the object when the old resource is deleted.
 *
 * Pure: no Pulumi import. The caller supplies `ref`, which turns an input holding another resource's id
 * (a route's `routeTableId`) into a token naming that resource, stable across the two plans.
 */
import { CapturedResource, JsonValue } from "../types";

/** What AWS does when the key is created twice (or, for a setting, when two resources own it). */
export type KeyOutcome = "fails" | "silently-breaks" | "never-converges";

/** Pass to a RefFn to get the token of the resource itself (for keys a resource owns about itself). */
export const SELF = ".self";

/** Resolves input `prop` of the resource to a token (a resource reference, or the literal value). */
export type RefFn = (prop: string, value?: JsonValue) => string;

export interface KeyKind {
    readonly kind: string;
    readonly types: readonly string[];
    readonly outcome: KeyOutcome;
    /** What AWS does on the second create, with its source. */
    readonly aws: string;
    /**
     * The bridged provider already deletes first when this resource is replaced under the same key
     * (explicitly named resources: pulumi-terraform#465, pulumi/pulumi#3118).
     */
    readonly selfReplaceDeletesFirst?: boolean;
    /** Every key the resource owns, each as its parts (empty when it owns none). */
    keys(r: CapturedResource, ref: RefFn): string[][];
}

function str(v: JsonValue | undefined): string | undefined {
    return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

const T = {
    route: "aws:ec2/route:Route",
    tgwRoute: "aws:ec2transitgateway/route:Route",
    rtAssoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    tgwAssoc: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    tgwProp: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    principal: "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple",
    target: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    zoneAssoc: "aws:route53/zoneAssociation:ZoneAssociation",
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    subnet: "aws:ec2/subnet:Subnet",
    peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    tgwVpcAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    endpointPrivateDns: "aws:vpc/endpointPrivateDns:EndpointPrivateDns",
} as const;

/** Types whose explicit `name` is unique in a scope (region, or the account for IAM). */
const NAMED: Readonly<Record<string, string>> = {
    "aws:lb/loadBalancer:LoadBalancer": "region",
    "aws:lb/targetGroup:TargetGroup": "region",
    "aws:cloudwatch/logGroup:LogGroup": "region",
    "aws:ec2/launchTemplate:LaunchTemplate": "region",
    "aws:autoscaling/group:Group": "region",
    "aws:iam/role:Role": "account",
    "aws:iam/instanceProfile:InstanceProfile": "account",
};

export const KEY_KINDS: readonly KeyKind[] = [
    {
        kind: "route",
        types: [T.route],
        outcome: "fails",
        aws: "CreateRoute fails with RouteAlreadyExists (EC2 API error codes), and every re-run fails the same way",
        keys: (r, ref) => {
            const dest =
                str(r.inputs.destinationCidrBlock) ??
                str(r.inputs.destinationIpv6CidrBlock) ??
                (r.inputs.destinationPrefixListId ? ref("destinationPrefixListId") : undefined);
            return dest ? [[ref("routeTableId"), dest]] : [];
        },
    },
    {
        kind: "tgw-route",
        types: [T.tgwRoute],
        outcome: "fails",
        aws: "CreateTransitGatewayRoute fails: the route table already has a static route for that destination (RouteAlreadyExists)",
        keys: (r, ref) =>
            str(r.inputs.destinationCidrBlock) ? [[ref("transitGatewayRouteTableId"), str(r.inputs.destinationCidrBlock) as string]] : [],
    },
    {
        kind: "route-table-association",
        types: [T.rtAssoc],
        outcome: "fails",
        aws: "AssociateRouteTable fails with Resource.AlreadyAssociated: a subnet has exactly one route table association",
        keys: (r, ref) => (r.inputs.subnetId ? [[ref("subnetId")]] : r.inputs.gatewayId ? [[ref("gatewayId")]] : []),
    },
    {
        kind: "tgw-association",
        types: [T.tgwAssoc],
        outcome: "fails",
        aws: "AssociateTransitGatewayRouteTable fails with Resource.AlreadyAssociated: an attachment is associated with exactly one TGW route table",
        keys: (r, ref) => (r.inputs.transitGatewayAttachmentId ? [[ref("transitGatewayAttachmentId")]] : []),
    },
    {
        kind: "tgw-propagation",
        types: [T.tgwProp],
        outcome: "fails",
        aws: "EnableTransitGatewayRouteTablePropagation fails: the attachment already propagates to that table (TransitGatewayRouteTablePropagation.Duplicate)",
        keys: (_r, ref) => [[ref("transitGatewayAttachmentId"), ref("transitGatewayRouteTableId")]],
    },
    {
        kind: "allowed-principal",
        types: [T.principal],
        outcome: "silently-breaks",
        aws: "ModifyVpcEndpointServicePermissions accepts the principal again without error, and deleting the old resource later removes it by ARN: the principal is revoked while config and state say it is allowed",
        keys: (r, ref) => (str(r.inputs.principalArn) ? [[ref("vpcEndpointServiceId"), str(r.inputs.principalArn) as string]] : []),
    },
    {
        kind: "target-attachment",
        types: [T.target],
        outcome: "silently-breaks",
        aws: "RegisterTargets is idempotent, and deleting the old attachment later deregisters the target: it stops receiving traffic while state says it is registered",
        keys: (r, ref) => [[ref("targetGroupArn"), ref("targetId"), str(r.inputs.port) ?? ""]],
    },
    {
        kind: "sg-rule",
        types: [T.ingress, T.egress],
        outcome: "fails",
        aws: "AuthorizeSecurityGroupIngress/Egress fails with InvalidPermission.Duplicate: a group holds one rule per (protocol, ports, source)",
        keys: (r, ref) => {
            const source =
                str(r.inputs.cidrIpv4) ??
                str(r.inputs.cidrIpv6) ??
                (r.inputs.prefixListId ? ref("prefixListId") : r.inputs.referencedSecurityGroupId ? ref("referencedSecurityGroupId") : "");
            const direction = r.type === T.ingress ? "ingress" : "egress";
            return [
                [
                    direction,
                    ref("securityGroupId"),
                    str(r.inputs.ipProtocol) ?? "",
                    str(r.inputs.fromPort) ?? "",
                    str(r.inputs.toPort) ?? "",
                    source,
                ],
            ];
        },
    },
    {
        kind: "zone-association",
        types: [T.zoneAssoc],
        outcome: "fails",
        aws: "AssociateVPCWithHostedZone fails: the VPC is already associated with the zone (and deleting the old association later would disassociate it)",
        keys: (_r, ref) => [[ref("zoneId"), ref("vpcId")]],
    },
    {
        kind: "private-zone",
        types: [T.zone],
        outcome: "fails",
        aws: "CreateHostedZone fails with ConflictingDomainExists: a VPC cannot be associated with two private zones of the same name",
        keys: (r, ref) => {
            const vpcs = Array.isArray(r.inputs.vpcs) ? r.inputs.vpcs : [];
            const name = str(r.inputs.name);
            if (!name) {
                return [];
            }
            return vpcs.map((v) => [
                name.replace(/\.$/, ""),
                ref("vpcs", v !== null && typeof v === "object" && !Array.isArray(v) ? (v.vpcId ?? null) : null),
            ]);
        },
    },
    {
        kind: "dns-record",
        types: [T.record],
        outcome: "fails",
        aws: "ChangeResourceRecordSets CREATE fails (InvalidChangeBatch: the record set already exists), and deleting the old record later removes the name",
        keys: (r, ref) =>
            str(r.inputs.name)
                ? [
                      [
                          ref("zoneId"),
                          (str(r.inputs.name) as string).replace(/\.$/, ""),
                          str(r.inputs.type) ?? "",
                          str(r.inputs.setIdentifier) ?? "",
                      ],
                  ]
                : [],
    },
    {
        kind: "subnet-cidr",
        types: [T.subnet],
        outcome: "fails",
        aws: "CreateSubnet fails with InvalidSubnet.Conflict: the CIDR overlaps a subnet of the VPC",
        keys: (r, ref) => (str(r.inputs.cidrBlock) ? [[ref("vpcId"), str(r.inputs.cidrBlock) as string]] : []),
    },
    {
        kind: "vpc-peering",
        types: [T.peering],
        outcome: "fails",
        aws: "the new peering cannot become active: two VPCs can have only one peering connection at a time (VPC peering limitations)",
        keys: (_r, ref) => [[ref("vpcId"), ref("peerVpcId")].sort()],
    },
    {
        kind: "tgw-vpc-attachment",
        types: [T.tgwVpcAttachment],
        outcome: "fails",
        aws: "CreateTransitGatewayVpcAttachment fails with DuplicateTransitGatewayAttachment: a transit gateway has one attachment per VPC",
        keys: (_r, ref) => [[ref("transitGatewayId"), ref("vpcId")]],
    },
    {
        // Not an AWS object but a setting two resources can both claim: the endpoint's own
        // privateDnsEnabled input (unless ignored) and a separate EndpointPrivateDns.
        kind: "endpoint-private-dns-setting",
        types: [T.endpoint, T.endpointPrivateDns],
        outcome: "never-converges",
        aws: 'two resources set the endpoint\'s private DNS: every update flips it back and shows a diff (@pulumi/aws vpc/endpointPrivateDns: "the privateDnsEnabled argument should be omitted on the parent aws.ec2.VpcEndpoint resource … persistent differences")',
        keys: (r, ref) => {
            if (r.type === T.endpointPrivateDns) {
                return [[ref("vpcEndpointId")]];
            }
            const owns =
                r.inputs.privateDnsEnabled !== undefined &&
                r.inputs.privateDnsEnabled !== null &&
                !r.ignoreChanges.some((p) => p === "privateDnsEnabled");
            return owns ? [[ref(SELF)]] : [];
        },
    },
    {
        kind: "name",
        types: Object.keys(NAMED),
        outcome: "fails",
        aws: "the create fails: the name is already taken (DuplicateLoadBalancerName, EntityAlreadyExists, ResourceAlreadyExistsException, …)",
        selfReplaceDeletesFirst: true,
        keys: (r) => {
            const name = str(r.inputs.name);
            if (!name) {
                return [];
            }
            return [[r.type, NAMED[r.type] === "account" ? "account" : r.region, name]];
        },
    },
];

const BY_TYPE = new Map<string, KeyKind[]>();
for (const k of KEY_KINDS) {
    for (const t of k.types) {
        BY_TYPE.set(t, [...(BY_TYPE.get(t) ?? []), k]);
    }
}

/** The key kinds that apply to a type (most types own no key). */
export function keyKindsOf(type: string): readonly KeyKind[] {
    return BY_TYPE.get(type) ?? [];
}

export interface OwnedKey {
    readonly kind: KeyKind;
    /** Machine identity of the key: kind plus parts. */
    readonly id: string;
    readonly parts: readonly string[];
}

/** Every key a resource owns. */
export function keysOf(r: CapturedResource, ref: RefFn): OwnedKey[] {
    const out: OwnedKey[] = [];
    for (const kind of keyKindsOf(r.type)) {
        for (const parts of kind.keys(r, ref)) {
            out.push({ kind, parts, id: `${kind.kind}(${parts.join(" | ")})` });
        }
    }
    return out;
}
