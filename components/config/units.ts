/**
 * The zod schema of each config unit (hub, spoke, connectivity, endpoint service, …) and of the whole
 * `landing-zone:*` namespace, each field with its doc and default next to it. The config types are
 * derived from these schemas, and the README's configuration reference is generated from them.
 *
 * Cross-field rules (overlaps, supernets, quotas, references between units) are not here: they live in
 * components/config/rules/ and run on the units that parsed.
 */
import { z } from "zod";
import { DEFAULT_INTERFACE_SERVICES, GATEWAY_SERVICES } from "../aws/endpoint-services";
import { ACCOUNT_RE, DEFAULTS, ORG_RE, QUOTAS, QuotaName, RETENTION_DAYS } from "./constants";
import { checkZonePins, resolveAzCount, zonePinList } from "./availability-zones";
import { DeepReadonly, field } from "./field";
import { inspectionSchema } from "./inspection";
import { regionalEndpointsSchema } from "./regional-endpoints";
import { dnsSchema } from "./dns";
import { accountsSchema, networkAccountSchema } from "./accounts";

export type { DeepReadonly } from "./field";
import {
    azCount,
    cidrString,
    exactlyOneTargetKind,
    gatewayList,
    invalid,
    nameString,
    regionString,
    TARGET_KIND_KEYS,
    toTargetKind,
    vpcCidrString,
} from "./primitives";

const azCountField = (doc: string, fallback: number) =>
    field(azCount.optional(), { doc, default: `\`${fallback}\`, or the length of \`availabilityZones\`` });

const zonePinField = (owner: string) =>
    field(zonePinList.optional(), {
        doc:
            `pins the ${owner}'s AZ slots: slot i is exactly zone i, by this account's name (\`eu-west-1a\`) or AZ ID (\`euw1-az1\`, ` +
            "resolved through `getAvailabilityZones`); a zone the account stops listing fails the plan instead of shifting a slot. " +
            "Names are what subnets are created with, so copying a deployed stack's `availabilityZones` output pins it with no change; " +
            "IDs name the same physical zone in every account. One entry per slot (`azCount` defaults to its length), each in the VPC's region, none twice. " +
            "Unset: slot i is the i-th zone by name of every zone the account lists without opt-in",
        type: "list of AZ names or IDs",
    });

const gatewayField = (owner: string) =>
    field(gatewayList, {
        doc: `gateway endpoints (free) on the ${owner}'s route tables; each listed once`,
        type: GATEWAY_SERVICES.map((s) => `\`${s}\``).join("/") + " list",
    });

export const hubSchema = z
    .object({
        region: field(regionString.default(DEFAULTS.hubRegion), {
            doc: "region of the hub VPC, its interface endpoints and its private hosted zones",
            type: "region",
        }),
        cidr: field(vpcCidrString, {
            doc: "hub VPC CIDR: private space (RFC 1918 or 100.64/10); must not overlap a spoke or another region's supernet",
            type: "CIDR /16–/22",
        }),
        azCount: azCountField(
            "AZs to spread subnets and endpoints over; ≤ the region's AZs (2 or more when it hosts the endpoint service)",
            DEFAULTS.hubAzCount,
        ),
        availabilityZones: zonePinField("hub"),
        interfaceEndpoints: field(z.array(z.string()).default([...DEFAULT_INTERFACE_SERVICES]), {
            doc:
                "centralised interface endpoints, each with a private hosted zone shared with every spoke: short names or " +
                "`com.amazonaws.<hub-region>.<svc>`, each listed once; see `components/aws/endpoint-services.ts` for the supported list. " +
                "`s3` beside the hub's `s3` gateway endpoint serves the spokes of other Regions only (ECR layers, the hub Region's buckets): " +
                "its zone is created with a regional endpoint VPC and never associated with the hub or a hub-Region spoke that keeps an S3 " +
                "gateway, so it needs a spoke outside the hub Region with an enabled endpoint set",
            type: "list of service names",
            default: DEFAULT_INTERFACE_SERVICES.map((s) => `\`${s}\``).join(", "),
        }),
        gatewayEndpoints: gatewayField("hub"),
    })
    .strict()
    .superRefine(checkZonePins)
    .transform((h) => resolveAzCount(h, DEFAULTS.hubAzCount));

export const spokeSchema = z
    .object({
        name: field(nameString, {
            doc: "unique spoke name used in every child resource name (2–24 characters: lower-case letters, digits, hyphens; not `hub`)",
            type: "name",
        }),
        region: field(regionString.default(DEFAULTS.spokeRegion), {
            doc: "region of the spoke VPC; needs a `supernets` entry",
            type: "region",
        }),
        cidr: field(vpcCidrString, {
            doc: "spoke VPC CIDR inside its region's supernet, disjoint from the hub and every other spoke (the error names the next free block)",
            type: "CIDR /16–/22",
        }),
        azCount: azCountField("AZs of the spoke; ≤ the region's AZs", DEFAULTS.spokeAzCount),
        availabilityZones: zonePinField("spoke"),
        gatewayEndpoints: gatewayField("spoke"),
        builder: field(z.enum(["aws", "awsx"]).default("aws"), {
            doc: "build the VPC from plain @pulumi/aws resources (verified by the plan and the pack) or `awsx.ec2.Vpc` (opaque offline)",
        }),
        account: field(nameString.optional(), {
            doc: "multi-account stacks: the declared account (`accounts`) that owns the spoke's VPC, its flow log and its zone associations",
            type: "account name",
            default: "the network account",
        }),
    })
    .strict()
    .superRefine(checkZonePins)
    .transform((s) => resolveAzCount(s, DEFAULTS.spokeAzCount));

export const segmentSchema = z
    .object({
        name: field(nameString, { doc: "segment name, unique", type: "name" }),
        spokes: field(z.array(z.string()).min(2, { error: "a segment joins two or more spokes" }), {
            doc: "spoke names (two or more) that may reach each other; a spoke is in at most one segment",
            type: "list of spoke names",
        }),
    })
    .strict();

// Private 16-bit and 32-bit ASN ranges allowed for a TGW Amazon-side ASN.
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
const privateAsn = z
    .number()
    .int()
    .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), {
        error: invalid("a private ASN", "use a private ASN, 64512-65534 or 4200000000-4294967294"),
    });

export const connectivitySchema = z
    .object({
        mode: field(
            z
                .enum(["peering", "transit-gateway"], {
                    error: (iss) => `unknown connectivity mode ${JSON.stringify(iss.input)}. Fix: use "peering" or "transit-gateway"`,
                })
                .default(DEFAULTS.connectivityMode),
            { doc: "VPC peering from the hub to each spoke, or one transit gateway per region with inter-region TGW peering" },
        ),
        segments: field(z.array(segmentSchema).default([]), {
            doc: "transit-gateway mode only: groups of spokes that may reach each other (other spokes reach only the hub)",
        }),
        asns: field(z.record(z.string(), privateAsn).default({}), {
            doc: "Amazon-side ASN of the region's transit gateway: a private ASN (64512–65534 or 4200000000–4294967294), unique per region",
            type: "private ASN",
            default: "`64512 +` the region's position in `components/aws/regions.ts`",
            keyLabel: "<region>",
        }),
    })
    .strict()
    .default({ mode: DEFAULTS.connectivityMode, segments: [], asns: {} });

export const flowLogSchema = z
    .object({
        retentionDays: field(
            z
                .number()
                .refine((n) => RETENTION_DAYS.includes(n), {
                    error: `CloudWatch Logs accepts only ${RETENTION_DAYS.join(", ")} days. Fix: pick one (365 or more keeps a year of flow logs)`,
                })
                .default(DEFAULTS.flowLogRetentionDays),
            { doc: "CloudWatch Logs retention of every VPC's flow logs", type: "one of CloudWatch's values (1, 3, 5, 7, 14, 30, … 3653)" },
        ),
        trafficType: field(z.enum(["ALL", "ACCEPT", "REJECT"]).default(DEFAULTS.flowLogTrafficType), {
            doc: "which flows are logged (the pack requires `ALL` or `REJECT`)",
        }),
    })
    .strict()
    .default({ retentionDays: DEFAULTS.flowLogRetentionDays, trafficType: DEFAULTS.flowLogTrafficType });

// AWS tag limits: key 1-128, value 0-256, no `aws:` prefix.
// https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
export const tagsSchema = z
    .record(
        z
            .string()
            .min(1, { error: "tag keys are 1 to 128 characters. Fix: give the tag a key" })
            .max(128, { error: "tag keys are at most 128 characters. Fix: shorten the key" })
            .refine((k) => !k.toLowerCase().startsWith("aws:"), {
                error: "tag keys starting with aws: are reserved by AWS. Fix: rename the key",
            })
            // The landing-zone: prefix is the program's own (role, project, stack, consumer-of tags):
            // the pack, the plan and `npm run verify` find resources by them, so a stack may not set them.
            .refine((k) => !k.startsWith("landing-zone:"), {
                error: "tag keys starting with landing-zone: are set by the program itself (docs/architecture.md, Conventions). Fix: rename the key",
            }),
        z.string().max(256, { error: "tag values are at most 256 characters" }),
    )
    .default({});

export const quotaSchema = z
    .object(
        Object.fromEntries(
            Object.entries(QUOTAS).map(([k, q]) => [
                k,
                field(z.number().int().positive().default(q.default), {
                    doc: `${q.doc}${"max" in q ? ` (AWS maximum ${q.max})` : ""}; [source](${q.source})`,
                    type: "positive int",
                }),
            ]),
        ) as { [K in QuotaName]: z.ZodDefault<z.ZodNumber> },
    )
    .strict()
    .default(Object.fromEntries(Object.entries(QUOTAS).map(([k, q]) => [k, q.default])) as { [K in QuotaName]: number });

/** Public SSM parameter for the latest Amazon Linux 2023 AMI. https://docs.aws.amazon.com/linux/al2023/ug/ec2.html#launch-from-ssm */
const AL2023_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** The target kinds, as the keys under `endpointService.targets`. */
export const TARGET_KINDS = TARGET_KIND_KEYS;

/**
 * One strict object with one optional key per target kind (not a union): zod then reports a bad value
 * under its own key (`targets.fleet.desiredCapacity`), where a union only says the whole value matched
 * no branch. "Exactly one kind" is a refinement.
 */
export const targetsSchema = z
    .object({
        fleet: field(
            z
                .object({
                    instanceType: field(
                        z
                            .string()
                            .regex(/^[a-z0-9-]+\.[a-z0-9]+$/, {
                                error: invalid("an EC2 instance type", "an EC2 instance type such as t3.micro"),
                            })
                            .default("t3.micro"),
                        {
                            doc: "EC2 instance type of the fleet",
                            type: "instance type",
                        },
                    ),
                    desiredCapacity: field(z.number().int().min(1).max(20).default(2), {
                        doc: "instances in the Auto Scaling group (1–20)",
                    }),
                    amiParameter: field(
                        z
                            .string()
                            .startsWith("/", {
                                error: invalid(
                                    "an SSM parameter path",
                                    `a public or own SSM parameter holding an AMI id, e.g. ${AL2023_PARAMETER}`,
                                ),
                            })
                            .default(AL2023_PARAMETER),
                        { doc: "SSM parameter holding the AMI id (default: latest Amazon Linux 2023)", type: "SSM parameter path" },
                    ),
                })
                .strict()
                .optional(),
            {
                doc: "an Auto Scaling group built here (launch template with IMDSv2, encrypted gp3, no public IP, SSM-managed)",
                type: "object",
            },
        ),
        instanceIds: field(
            z
                .array(
                    z.string().regex(/^i-[0-9a-f]{8,17}$/, {
                        error: invalid("an EC2 instance id", "EC2 instance ids look like i-0123456789abcdef0"),
                    }),
                )
                .min(1)
                .optional(),
            {
                doc: "existing instances in the host VPC, registered by id",
                type: "list of `i-…`",
            },
        ),
        ipAddresses: field(
            z
                .array(
                    z.ipv4({ error: invalid("an IPv4 address", "target IPs are IPv4 addresses inside the service VPC, e.g. 10.0.0.10") }),
                )
                .min(1)
                .optional(),
            {
                doc: "existing targets registered by IPv4 address (outside the host VPC: registered in all AZs)",
                type: "list of IPv4",
            },
        ),
    })
    .strict()
    .superRefine(exactlyOneTargetKind("target kind"))
    .transform(toTargetKind);

export const endpointServiceSchema = z
    .object({
        // Pulumi auto-names the NLB and target group `svc-<name>-<7 random>`; AWS allows 32 characters.
        name: field(
            nameString.max(20, {
                error: "is longer than 20 characters: the NLB and target group names (svc-<name>-<random>) must fit AWS's 32. Fix: shorten it",
            }),
            {
                doc: "service name used in child resource names (≤ 20 characters: NLB names must fit 32)",
                type: "name",
            },
        ),
        vpc: field(z.string().default("hub"), {
            doc: "VPC hosting the NLB: `hub` or a spoke of the hub region with 2 or more AZs",
            type: "`hub` or spoke name",
        }),
        port: field(z.number().int().min(1).max(65535).default(443), {
            doc: "TCP port of the NLB listener and the targets",
            type: "int 1–65535",
        }),
        acceptanceRequired: field(z.boolean().default(true), {
            doc: "connection requests must be accepted (this stack's own consumers are accepted in code)",
        }),
        allowedPrincipals: field(z.array(z.string()).default([]), {
            doc: "principals allowed to create endpoints: `arn:aws:iam::<account>:root`, `:role/<name>` or `:user/<name>` (no IAM paths), each once; `*` only with `allowAnyPrincipal`",
            type: "list of ARNs",
        }),
        allowAnyPrincipal: field(z.boolean().default(false), {
            doc: "allow the `*` principal (anyone); never together with `acceptanceRequired: false`",
        }),
        targets: field(targetsSchema.prefault({ fleet: {} }), {
            doc: "what the NLB forwards to: exactly one of the three kinds below",
            type: "object",
            default: "`fleet` with its defaults",
        }),
        consumers: field(z.array(z.string()).default([]), {
            doc: "spokes that get an interface endpoint to the service (not the host itself)",
            type: "list of spoke names",
        }),
        privateDnsName: field(
            z
                .string()
                .regex(/^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})+$/, {
                    error: invalid("a DNS name", "a lower-case DNS name you own, e.g. api.example.com"),
                })
                .optional(),
            { doc: "private DNS name of the service (phase 2: publish the TXT record it asks for in public DNS)", type: "DNS name" },
        ),
        privateDnsVerified: field(z.boolean().default(false), {
            doc: "set once the TXT record is published: verify the name and turn private DNS on for the consumer endpoints; needs `privateDnsName`",
        }),
        allowedSourceCidrs: field(z.array(cidrString).default([]), {
            doc: "client networks of consumers outside this stack: the NLB's security group sees PrivateLink traffic with the client's own address",
            type: "list of CIDRs",
        }),
    })
    .strict();

export const accountIdSchema = z
    .string()
    .regex(ACCOUNT_RE, { error: invalid("an AWS account id", "a 12-digit AWS account id, quoted in YAML") });
export const organizationIdSchema = z
    .string()
    .regex(ORG_RE, { error: invalid("an AWS Organizations id", "an AWS Organizations id such as o-a1b2c3d4e5") });

/**
 * The whole `landing-zone:*` namespace the program reads. validateConfig parses each unit on its own
 * (so one broken unit does not hide the problems of another); this object is the source of the
 * LandingZoneConfig type and of the configuration reference.
 */
export const landingZoneSchema = z.object({
    accountId: field(accountIdSchema.optional(), {
        doc: "AWS account to deploy to: pins every provider (`allowedAccountIds`) and scopes endpoint policies; without it the account comes from the credentials",
        type: "string (12 digits, quoted)",
    }),
    organizationId: field(organizationIdSchema.optional(), {
        doc: "endpoint policies admit the organisation's principals instead of the account's",
        type: "`o-…`",
    }),
    accounts: field(accountsSchema.optional(), {
        doc: "multi-account stacks: the AWS accounts by name, each reached through a role; see [Multi-account](#multi-account). Unset: one account, the credentials'",
        type: "map",
        keyLabel: "<name>",
    }),
    networkAccount: field(networkAccountSchema.optional(), {
        doc: "with `accounts`: the account that owns the hub, its endpoints and zones, the transit gateways and the endpoint service",
        type: "account name",
    }),
    protect: field(z.boolean().default(DEFAULTS.protect), {
        doc: "`protect` on VPCs, hosted zones and transit gateways (the stateful core)",
    }),
    tags: field(tagsSchema, {
        doc: "`defaultTags` of every regional provider (keys ≤128 characters, values ≤256, no `aws:` or `landing-zone:` prefix; the program adds `landing-zone:project` and `landing-zone:stack`)",
        type: "map",
    }),
    flowLogs: flowLogSchema,
    hub: hubSchema,
    supernets: field(z.record(regionString, cidrString).default({}), {
        doc: "one aggregate per spoke region: spoke CIDRs must lie inside it, supernets must not overlap, the hub must not overlap another region's; routes and rules use one entry per region",
        type: "CIDR",
        default: "—",
        keyLabel: "<region>",
    }),
    spokes: field(z.array(spokeSchema).default([]), { doc: "the spoke VPCs, each connected to the hub" }),
    // Optional so that the type of a config built without it stays valid; absent = every default.
    regionalEndpoints: field(regionalEndpointsSchema.optional(), {
        doc: "the endpoint set of each spoke Region other than the hub's, for region-bound clients (SSM Agent, CloudWatch agent, SDKs, ECR pulls); every such Region gets one unless its entry says `enabled: false`; see [Endpoints per Region](#endpoints-per-region)",
        type: "map",
        default: "a set per spoke Region",
        keyLabel: "<region>",
    }),
    connectivity: connectivitySchema,
    dns: field(dnsSchema.optional(), {
        doc: "how the VPCs get the private hosted zones of the centralised endpoints (zone associations or Route 53 Profiles); see [DNS modes](#dns-modes)",
        type: "object",
        default: "`{ mode: associations }`",
    }),
    endpointService: field(endpointServiceSchema.optional(), {
        doc: "a service published over PrivateLink; see [Endpoint service](#endpoint-service)",
        type: "object",
    }),
    inspection: field(inspectionSchema.optional(), {
        doc: "centralised inspection of spoke traffic in an inspection VPC of the hub region (transit-gateway mode only)",
        type: "object",
    }),
    quotas: field(quotaSchema, {
        doc: "AWS quotas the validation checks against: raise one after AWS raises it for your account",
        type: "object",
        default: "AWS defaults",
    }),
});

/** The top-level keys of LandingZoneConfig, in the order of the reference. */
export const PROGRAM_KEYS = Object.keys(landingZoneSchema.shape) as (keyof typeof landingZoneSchema.shape)[];

export type ConnectivityMode = z.output<typeof connectivitySchema>["mode"];
export type FlowLogTrafficType = z.output<typeof flowLogSchema>["trafficType"];
export type SpokeBuilder = z.output<typeof spokeSchema>["builder"];
export type HubConfig = DeepReadonly<z.output<typeof hubSchema>>;
export type SpokeConfig = DeepReadonly<z.output<typeof spokeSchema>>;
export type SegmentConfig = DeepReadonly<z.output<typeof segmentSchema>>;
export type ConnectivityConfig = DeepReadonly<z.output<typeof connectivitySchema>>;
export type FlowLogConfig = DeepReadonly<z.output<typeof flowLogSchema>>;
export type QuotaConfig = DeepReadonly<z.output<typeof quotaSchema>>;
export type EndpointServiceTargets = DeepReadonly<z.output<typeof targetsSchema>>;
export type EndpointServiceConfig = DeepReadonly<z.output<typeof endpointServiceSchema>>;
export type { InspectedFlows, InspectionConfig, InspectionEngine } from "./inspection";
export type { RegionalEndpointSetConfig, RegionalEndpointsConfig } from "./regional-endpoints";
export type { DnsConfig, DnsMode } from "./dns";
/** The validated stack configuration the program builds from. */
export type LandingZoneConfig = DeepReadonly<z.output<typeof landingZoneSchema>>;
