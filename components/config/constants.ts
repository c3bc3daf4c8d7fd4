/**
 * Constants of the stack configuration: the namespace, the defaults and the AWS quotas the validation
 * checks against. Exported so schemas, docs and tests name the same values.
 */

/** Config namespace: the project name. */
export const NAMESPACE = "landing-zone";

/** Defaults, exported so docs and tests name the same values. */
export const DEFAULTS = {
    hubRegion: "eu-west-2",
    hubAzCount: 3,
    spokeRegion: "eu-west-1",
    spokeAzCount: 2,
    flowLogRetentionDays: 365,
    flowLogTrafficType: "ALL",
    connectivityMode: "peering",
    protect: false,
} as const;

/** One AWS quota that shapes the design. */
export interface QuotaDescriptor {
    /** AWS's default value for a new account. */
    readonly default: number;
    /** Hard ceiling AWS will not raise, when it documents one. */
    readonly max?: number;
    /** What is counted against it (one line, for the configuration reference). */
    readonly doc: string;
    /** The AWS quotas page that states the default. */
    readonly source: string;
}

const VPC_QUOTAS = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";
const TGW_QUOTAS = "https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html";
const R53_QUOTAS = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html";
// AssociateProfile: "a Profile can be associated with 1000 of VPCs (and you can request a higher quota)".
const R53_PROFILE_QUOTA = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html";

/**
 * AWS quotas that shape the design, one row each: the default (AWS's default value; raise it in
 * `landing-zone:quotas` after AWS raises it for the account), the hard ceiling and the source.
 */
export const QUOTAS = {
    peeringsPerVpc: {
        default: 50,
        max: 125,
        doc: "active VPC peering connections per VPC (the hub peers with every spoke in peering mode)",
        source: VPC_QUOTAS,
    },
    routesPerRouteTable: {
        default: 50,
        max: 1000,
        doc: "routes per VPC route table (non-propagated, the local route included)",
        source: VPC_QUOTAS,
    },
    inboundRulesPerSecurityGroup: {
        default: 60,
        doc: "inbound rules per security group (the hub endpoints' group and the endpoint service NLB's group)",
        source: VPC_QUOTAS,
    },
    interfaceEndpointsPerVpc: { default: 50, doc: "interface endpoints per VPC (the hub's interfaceEndpoints)", source: VPC_QUOTAS },
    peeringAttachmentsPerTransitGateway: {
        default: 50,
        doc: "peering attachments per transit gateway (the hub region's TGW peers with every other spoke region's)",
        source: TGW_QUOTAS,
    },
    routeTablesPerTransitGateway: {
        default: 20,
        doc: "route tables per transit gateway (`spokes`, `hub`, `peering`, and one per segment with a member in the region)",
        source: TGW_QUOTAS,
    },
    vpcsPerHostedZone: {
        default: 300,
        doc: "VPCs associated with one private hosted zone (the hub and every spoke; `dns.mode: associations`)",
        source: R53_QUOTAS,
    },
    vpcsPerProfile: {
        default: 1000,
        doc: "VPCs associated with one Route 53 Profile (the spokes of its region; `dns.mode: profiles`)",
        source: R53_PROFILE_QUOTA,
    },
} as const satisfies Record<string, QuotaDescriptor>;

export type QuotaName = keyof typeof QUOTAS;

/**
 * AWS quotas that shape the design (defaults are AWS's default values; raise them in config after AWS
 * raises them for the account). Derived from QUOTAS.
 */
export const QUOTA_DEFAULTS: { readonly [K in QuotaName]: (typeof QUOTAS)[K]["default"] } = Object.fromEntries(
    Object.entries(QUOTAS).map(([k, q]) => [k, q.default]),
) as { readonly [K in QuotaName]: (typeof QUOTAS)[K]["default"] };

/** Hard ceilings AWS will not raise, checked against configured quotas. */
export const QUOTA_CEILINGS: Partial<Record<QuotaName, number>> = Object.fromEntries(
    Object.entries(QUOTAS).flatMap(([k, q]) => ("max" in q ? [[k, q.max]] : [])),
);

// CloudWatch Logs accepts only these retention values (PutRetentionPolicy).
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const NAME_RE = /^[a-z][a-z0-9-]{0,22}[a-z0-9]$/;
export const ACCOUNT_RE = /^\d{12}$/;
export const ORG_RE = /^o-[a-z0-9]{10,32}$/;
// IAM names: letters, digits and +=,.@_- ; roles up to 64, users up to 64.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
export const PRINCIPAL_RE = /^arn:aws:iam::(\d{12}):(root|role\/[\w+=,.@-]{1,64}|user\/[\w+=,.@-]{1,64})$/;
export const PATHED_PRINCIPAL_RE = /^arn:aws:iam::\d{12}:(role|user)\/.+\/.+$/;
export const FULL_SERVICE_NAME_RE = /^com\.amazonaws\.([a-z]{2}-[a-z]+-\d)\.([a-z0-9.-]+)$/;

/** `com.amazonaws.eu-west-2.ssm` -> `ssm`; short names unchanged. */
export function shortServiceName(name: string): string {
    const m = FULL_SERVICE_NAME_RE.exec(name);
    return m ? m[2] : name;
}
