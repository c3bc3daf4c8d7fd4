/**
 * Stack configuration: the typed, validated shape of the `landing-zone:*` keys in Pulumi.<stack>.yaml.
 *
 * Pure (no Pulumi import) so it is tested without mocks and used by the offline plan before the
 * program runs. Each unit (the hub, every spoke, every supernet, …) is parsed on its own with zod, so
 * one broken spoke does not hide the problems of another; cross-field rules (overlaps, supernets,
 * quotas) then run on every unit that parsed. All problems are returned together, each naming its key
 * and the fix.
 */
import { z } from "zod";
import { DEFAULT_INTERFACE_SERVICES, GATEWAY_SERVICES, INTERFACE_SERVICES } from "../aws/endpoint-services";
import { REGION_NAMES, regionInfo } from "../aws/regions";
import { Cidr, contains, formatCidr, isPrivate, overlaps, parseCidr, subdivide } from "../planning/cidr";
import { MAX_VPC_PREFIX, MIN_VPC_PREFIX, usableAddresses } from "../planning/subnets";

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

/**
 * AWS quotas that shape the design (defaults are AWS's default values; raise them here after AWS
 * raises them for the account).
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html
 */
export const QUOTA_DEFAULTS = {
    /** Active VPC peering connections per VPC: default 50, adjustable to 125. */
    peeringsPerVpc: 50,
    /** Routes per route table: default 50, adjustable to 1,000. */
    routesPerRouteTable: 50,
    /** Inbound rules per security group: default 60. */
    inboundRulesPerSecurityGroup: 60,
    /** Interface endpoints per VPC: default 50. */
    interfaceEndpointsPerVpc: 50,
    /** Peering attachments per transit gateway: default 50. */
    peeringAttachmentsPerTransitGateway: 50,
    /** VPCs associated with one private hosted zone: default 300. */
    vpcsPerHostedZone: 300,
} as const;

/** Hard ceilings AWS will not raise, checked against configured quotas. */
const QUOTA_CEILINGS: Partial<Record<keyof typeof QUOTA_DEFAULTS, number>> = {
    peeringsPerVpc: 125,
    routesPerRouteTable: 1000,
};

// CloudWatch Logs accepts only these retention values (PutRetentionPolicy).
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const NAME_RE = /^[a-z][a-z0-9-]{0,22}[a-z0-9]$/;
const ACCOUNT_RE = /^\d{12}$/;
const ORG_RE = /^o-[a-z0-9]{10,32}$/;
// IAM names: letters, digits and +=,.@_- ; roles up to 64, users up to 64.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
const PRINCIPAL_RE = /^arn:aws:iam::(\d{12}):(root|role\/[\w+=,.@-]{1,64}|user\/[\w+=,.@-]{1,64})$/;
const PATHED_PRINCIPAL_RE = /^arn:aws:iam::\d{12}:(role|user)\/.+\/.+$/;
const FULL_SERVICE_NAME_RE = /^com\.amazonaws\.([a-z]{2}-[a-z]+-\d)\.([a-z0-9.-]+)$/;

// ---------------------------------------------------------------------------------------------
// Typed config
// ---------------------------------------------------------------------------------------------

export type ConnectivityMode = "peering" | "transit-gateway";
export type FlowLogTrafficType = "ALL" | "ACCEPT" | "REJECT";
export type SpokeBuilder = "aws" | "awsx";

export interface HubConfig {
    /** Region of the hub VPC. @default "eu-west-2" */
    readonly region: string;
    /** VPC CIDR, /16 to /22. */
    readonly cidr: string;
    /** AZs to spread subnets and endpoints over. @default 3 */
    readonly azCount: number;
    /** Interface endpoint services (short names, e.g. `ssm`, `ecr.api`). @default DEFAULT_INTERFACE_SERVICES */
    readonly interfaceEndpoints: readonly string[];
    /** Gateway endpoints on the hub's route tables. @default ["s3", "dynamodb"] */
    readonly gatewayEndpoints: readonly string[];
}

export interface SpokeConfig {
    /** Unique name, lower-case, used in every child resource name. */
    readonly name: string;
    /** @default "eu-west-1" */
    readonly region: string;
    /** VPC CIDR, /16 to /22, inside the region's supernet. */
    readonly cidr: string;
    /** @default 2 */
    readonly azCount: number;
    /** Gateway endpoints on the spoke's route tables. @default ["s3", "dynamodb"] */
    readonly gatewayEndpoints: readonly string[];
    /** Build the VPC with plain @pulumi/aws resources or `awsx.ec2.Vpc`. @default "aws" */
    readonly builder: SpokeBuilder;
}

export interface SegmentConfig {
    /** Segment name. */
    readonly name: string;
    /** Spokes that may reach each other (through the transit gateways). */
    readonly spokes: readonly string[];
}

export interface ConnectivityConfig {
    /** @default "peering" */
    readonly mode: ConnectivityMode;
    /** Spoke-to-spoke segments (transit-gateway mode only). @default [] */
    readonly segments: readonly SegmentConfig[];
    /** Amazon-side ASN per region for transit gateways. @default 64512 + region table index */
    readonly asns: Readonly<Record<string, number>>;
}

export interface FlowLogConfig {
    /** CloudWatch Logs retention. @default 365 */
    readonly retentionDays: number;
    /** @default "ALL" */
    readonly trafficType: FlowLogTrafficType;
}

export type QuotaConfig = { readonly [K in keyof typeof QUOTA_DEFAULTS]: number };

export type EndpointServiceTargets =
    | { readonly kind: "fleet"; readonly instanceType: string; readonly desiredCapacity: number; readonly amiParameter: string }
    | { readonly kind: "instances"; readonly instanceIds: readonly string[] }
    | { readonly kind: "ips"; readonly ipAddresses: readonly string[] };

export interface EndpointServiceConfig {
    /** Name of the service (child resource names). */
    readonly name: string;
    /** `hub` or a spoke name: the VPC that hosts the NLB. @default "hub" */
    readonly vpc: string;
    /** TCP port of the listener and targets. @default 443 */
    readonly port: number;
    /** Connection requests must be accepted. @default true */
    readonly acceptanceRequired: boolean;
    /** IAM principals allowed to create endpoints (account root, role, user ARNs). */
    readonly allowedPrincipals: readonly string[];
    /** Allow the `*` principal (anyone). Never together with acceptanceRequired=false. @default false */
    readonly allowAnyPrincipal: boolean;
    readonly targets: EndpointServiceTargets;
    /** Spokes that get a consumer endpoint. @default [] */
    readonly consumers: readonly string[];
    /** Private DNS name (phase 2: needs a public TXT record to verify). */
    readonly privateDnsName?: string;
    /** Turn on private DNS on the consumer endpoints once the name is verified. @default false */
    readonly privateDnsVerified: boolean;
    /**
     * Client CIDRs of consumers outside this stack. The NLB's security group evaluates PrivateLink
     * traffic with the client's own address as source, so each consumer network must be listed.
     * @default []
     */
    readonly allowedSourceCidrs: readonly string[];
}

/** Traffic assumptions for the offline cost estimate (per month). Not used by the program itself. */
export interface TrafficConfig {
    /** GB each spoke sends to the hub's interface endpoints. @default 50 */
    readonly endpointGbPerSpoke: number;
    /** GB each spoke exchanges with the hub besides endpoint traffic. @default 100 */
    readonly hubGbPerSpoke: number;
    /** GB each consumer exchanges with the endpoint service. @default 20 */
    readonly serviceGbPerConsumer: number;
    /** GB of flow logs each VPC produces. @default 5 */
    readonly flowLogGbPerVpc: number;
}

export const TRAFFIC_DEFAULTS: TrafficConfig = { endpointGbPerSpoke: 50, hubGbPerSpoke: 100, serviceGbPerConsumer: 20, flowLogGbPerVpc: 5 };

export interface LandingZoneConfig {
    /** AWS account to deploy to; pins the providers (`allowedAccountIds`). */
    readonly accountId?: string;
    /** AWS Organizations id; scopes endpoint policies to the organisation instead of the account. */
    readonly organizationId?: string;
    /** Protect the stateful core (VPCs, hosted zones, transit gateways) from deletion. @default false */
    readonly protect: boolean;
    /** Tags applied to every resource through each regional provider's `defaultTags`. */
    readonly tags: Readonly<Record<string, string>>;
    readonly flowLogs: FlowLogConfig;
    readonly hub: HubConfig;
    /** One aggregate per region that has spokes: spoke CIDRs must lie inside it. */
    readonly supernets: Readonly<Record<string, string>>;
    readonly spokes: readonly SpokeConfig[];
    readonly connectivity: ConnectivityConfig;
    readonly endpointService?: EndpointServiceConfig;
    readonly quotas: QuotaConfig;
    /** Cost-estimate assumptions (offline plan only). */
    readonly traffic: TrafficConfig;
}

// ---------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------

/** One configuration problem: the full config key (e.g. `landing-zone:spokes[1].cidr`), what is wrong, how to fix it. */
export interface ConfigProblem {
    readonly key: string;
    readonly message: string;
}

/** Thrown (once) with every problem found. */
export class ConfigValidationError extends Error {
    constructor(readonly problems: readonly ConfigProblem[], source = "stack configuration") {
        super(
            `invalid ${source} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p.key}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigValidationError";
    }
}

// ---------------------------------------------------------------------------------------------
// zod schemas for each unit
// ---------------------------------------------------------------------------------------------

const cidrString = z.string().superRefine((s, ctx) => {
    const r = parseCidr(s);
    if (!r.ok) {
        ctx.addIssue({ code: "custom", message: `${r.reason}. Fix: write a canonical IPv4 CIDR such as 10.16.0.0/20` });
    } else if (!isPrivate(r.cidr)) {
        ctx.addIssue({
            code: "custom",
            message: `${s} is not private address space. Fix: use RFC 1918 (10/8, 172.16/12, 192.168/16) or 100.64/10`,
        });
    }
});

const vpcCidrString = cidrString.superRefine((s, ctx) => {
    const r = parseCidr(s);
    if (r.ok && (r.cidr.prefix < MIN_VPC_PREFIX || r.cidr.prefix > MAX_VPC_PREFIX)) {
        ctx.addIssue({
            code: "custom",
            message:
                `${s} is a /${r.cidr.prefix}; a VPC here must be /${MIN_VPC_PREFIX} (the largest AWS allows) to ` +
                `/${MAX_VPC_PREFIX} (the smallest that fits three subnet tiers). Fix: pick a block of that size`,
        });
    }
});

const regionString = z.string().refine((r) => regionInfo(r) !== undefined, {
    error: (iss) =>
        `unknown region ${JSON.stringify(iss.input)}. Fix: use one of ${REGION_NAMES.join(", ")} ` +
        `(or add the region and its AZ IDs to components/aws/regions.ts)`,
});

const nameString = z.string().regex(NAME_RE, {
    error: (iss) =>
        `${JSON.stringify(iss.input)} is not a valid name. Fix: 2-24 characters, lower-case letters, digits and ` +
        `hyphens, starting with a letter`,
});

const azCount = z
    .number({ error: "must be a whole number of AZs, e.g. 2" })
    .int({ error: "must be a whole number of AZs, e.g. 2" })
    .min(1, { error: "must be at least 1 (2 or more for high availability)" });

const gatewayList = z
    .array(z.enum(GATEWAY_SERVICES, { error: `Fix: gateway endpoints exist only for ${GATEWAY_SERVICES.join(" and ")}` }))
    .default([...GATEWAY_SERVICES]);

const hubSchema = z
    .object({
        region: regionString.default(DEFAULTS.hubRegion),
        cidr: vpcCidrString,
        azCount: azCount.default(DEFAULTS.hubAzCount),
        interfaceEndpoints: z.array(z.string()).default([...DEFAULT_INTERFACE_SERVICES]),
        gatewayEndpoints: gatewayList,
    })
    .strict();

const spokeSchema = z
    .object({
        name: nameString,
        region: regionString.default(DEFAULTS.spokeRegion),
        cidr: vpcCidrString,
        azCount: azCount.default(DEFAULTS.spokeAzCount),
        gatewayEndpoints: gatewayList,
        builder: z.enum(["aws", "awsx"]).default("aws"),
    })
    .strict();

const connectivitySchema = z
    .object({
        mode: z
            .enum(["peering", "transit-gateway"], {
                error: (iss) => `unknown connectivity mode ${JSON.stringify(iss.input)}. Fix: use "peering" or "transit-gateway"`,
            })
            .default(DEFAULTS.connectivityMode),
        segments: z
            .array(z.object({ name: nameString, spokes: z.array(z.string()).min(2, { error: "a segment joins two or more spokes" }) }).strict())
            .default([]),
        asns: z
            .record(
                z.string(),
                z
                    .number()
                    .int()
                    // Private 16-bit and 32-bit ASN ranges allowed for a TGW Amazon-side ASN.
                    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
                    .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), {
                        error: "Fix: use a private ASN, 64512-65534 or 4200000000-4294967294",
                    }),
            )
            .default({}),
    })
    .strict()
    .default({ mode: DEFAULTS.connectivityMode, segments: [], asns: {} });

const flowLogSchema = z
    .object({
        retentionDays: z
            .number()
            .refine((n) => RETENTION_DAYS.includes(n), {
                error: `CloudWatch Logs accepts only ${RETENTION_DAYS.join(", ")} days. Fix: pick one (365 or more keeps a year of flow logs)`,
            })
            .default(DEFAULTS.flowLogRetentionDays),
        trafficType: z.enum(["ALL", "ACCEPT", "REJECT"]).default(DEFAULTS.flowLogTrafficType),
    })
    .strict()
    .default({ retentionDays: DEFAULTS.flowLogRetentionDays, trafficType: DEFAULTS.flowLogTrafficType });

// AWS tag limits: key 1-128, value 0-256, no `aws:` prefix.
// https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
const tagsSchema = z
    .record(
        z
            .string()
            .min(1)
            .max(128)
            .refine((k) => !k.toLowerCase().startsWith("aws:"), { error: "tag keys starting with aws: are reserved by AWS. Fix: rename the key" }),
        z.string().max(256, { error: "tag values are at most 256 characters" }),
    )
    .default({});

const quotaSchema = z
    .object(
        Object.fromEntries(
            Object.entries(QUOTA_DEFAULTS).map(([k, v]) => [k, z.number().int().positive().default(v)]),
        ) as { [K in keyof typeof QUOTA_DEFAULTS]: z.ZodDefault<z.ZodNumber> },
    )
    .strict()
    .default({ ...QUOTA_DEFAULTS });

const trafficSchema = z
    .object({
        endpointGbPerSpoke: z.number().nonnegative().default(TRAFFIC_DEFAULTS.endpointGbPerSpoke),
        hubGbPerSpoke: z.number().nonnegative().default(TRAFFIC_DEFAULTS.hubGbPerSpoke),
        serviceGbPerConsumer: z.number().nonnegative().default(TRAFFIC_DEFAULTS.serviceGbPerConsumer),
        flowLogGbPerVpc: z.number().nonnegative().default(TRAFFIC_DEFAULTS.flowLogGbPerVpc),
    })
    .strict()
    .default({ ...TRAFFIC_DEFAULTS });

const targetsSchema = z.union([
    z
        .object({
            fleet: z
                .object({
                    instanceType: z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, { error: "Fix: an EC2 instance type such as t3.micro" }).default("t3.micro"),
                    desiredCapacity: z.number().int().min(1).max(20).default(2),
                    // Public SSM parameter for the latest Amazon Linux 2023 AMI.
                    // https://docs.aws.amazon.com/linux/al2023/ug/ec2.html#launch-from-ssm
                    amiParameter: z.string().startsWith("/").default("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"),
                })
                .strict(),
        })
        .strict()
        .transform((t) => ({ kind: "fleet" as const, ...t.fleet })),
    z
        .object({ instanceIds: z.array(z.string().regex(/^i-[0-9a-f]{8,17}$/, { error: "Fix: EC2 instance ids look like i-0123456789abcdef0" })).min(1) })
        .strict()
        .transform((t) => ({ kind: "instances" as const, instanceIds: t.instanceIds })),
    z
        .object({ ipAddresses: z.array(z.ipv4({ error: "Fix: target IPs are IPv4 addresses inside the service VPC" })).min(1) })
        .strict()
        .transform((t) => ({ kind: "ips" as const, ipAddresses: t.ipAddresses })),
]);

const endpointServiceSchema = z
    .object({
        // Pulumi auto-names the NLB and target group `svc-<name>-<7 random>`; AWS allows 32 characters.
        name: nameString.max(20, { error: "is longer than 20 characters: the NLB and target group names (svc-<name>-<random>) must fit AWS's 32. Fix: shorten it" }),
        vpc: z.string().default("hub"),
        port: z.number().int().min(1).max(65535).default(443),
        acceptanceRequired: z.boolean().default(true),
        allowedPrincipals: z.array(z.string()).default([]),
        allowAnyPrincipal: z.boolean().default(false),
        targets: targetsSchema.default({ kind: "fleet", instanceType: "t3.micro", desiredCapacity: 2, amiParameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" }),
        consumers: z.array(z.string()).default([]),
        privateDnsName: z
            .string()
            .regex(/^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})+$/, { error: "Fix: a DNS name you own, e.g. api.example.com" })
            .optional(),
        privateDnsVerified: z.boolean().default(false),
        allowedSourceCidrs: z.array(cidrString).default([]),
    })
    .strict();

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** Raw config: top-level key (without namespace) -> value as parsed from YAML/JSON. */
export type RawConfig = Readonly<Record<string, unknown>>;

/** Keys this project reads; anything else under the namespace is a typo. */
export const CONFIG_KEYS = [
    "accountId",
    "organizationId",
    "protect",
    "tags",
    "flowLogs",
    "hub",
    "supernets",
    "spokes",
    "connectivity",
    "endpointService",
    "quotas",
    "traffic",
] as const;

type Result = { ok: true; config: LandingZoneConfig } | { ok: false; problems: ConfigProblem[] };

function keyOf(base: string, path: readonly PropertyKey[]): string {
    let k = `${NAMESPACE}:${base}`;
    for (const p of path) {
        k += typeof p === "number" ? `[${p}]` : `.${String(p)}`;
    }
    return k;
}

/** Parses one unit with zod, recording its problems under `base`. Returns undefined when it failed. */
function parseUnit<T>(schema: z.ZodType<T>, value: unknown, base: string, problems: ConfigProblem[]): T | undefined {
    const r = schema.safeParse(value);
    if (r.success) {
        return r.data;
    }
    for (const issue of r.error.issues) {
        let message = issue.message;
        if (issue.code === "invalid_key") {
            // A record key failed (e.g. a tag key): the refinement's own message is nested.
            message = issue.issues.map((i) => i.message).join("; ");
        } else if (issue.code === "unrecognized_keys") {
            message = `unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}. Fix: remove or correct them (see README, Configuration reference)`;
        } else if (issue.code === "invalid_type" && value === undefined && issue.path.length === 0) {
            message = `is required. Fix: set ${keyOf(base, [])} in Pulumi.<stack>.yaml`;
        } else if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
            message = `is required (${issue.message.replace(/^Invalid input: /, "")})`;
        }
        problems.push({ key: keyOf(base, issue.path), message: withFix(message, issue) });
    }
    return undefined;
}

/** Every problem says how to fix it: zod's built-in messages get a fix derived from the issue. */
function withFix(message: string, issue: z.core.$ZodIssue): string {
    if (/\bFix\b/.test(message)) {
        return message;
    }
    const text = message.replace(/^Invalid input: /, "").replace(/^Invalid input$/, "invalid value");
    switch (issue.code) {
        case "invalid_type":
            return `${text}. Fix: give a ${issue.expected} here (see README, Configuration reference)`;
        case "too_small":
            return `${text}. Fix: use at least ${String(issue.minimum)}${issue.origin === "array" ? " entries" : ""}`;
        case "too_big":
            return `${text}. Fix: use at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : ""}`;
        case "invalid_value":
            return `${text}. Fix: use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
        default:
            return `${text}. Fix: see README, Configuration reference`;
    }
}

/**
 * Validates raw config. Returns the typed config, or every problem found. Never throws.
 */
export function validateConfig(raw: RawConfig): Result {
    const problems: ConfigProblem[] = [];
    const push = (key: string, message: string) => problems.push({ key: `${NAMESPACE}:${key}`, message });

    for (const k of Object.keys(raw)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(k)) {
            push(k, `unknown key. Fix: remove it, or use one of ${CONFIG_KEYS.join(", ")}`);
        }
    }

    const accountId = parseUnit(z.string().regex(ACCOUNT_RE, { error: "Fix: a 12-digit AWS account id, quoted in YAML" }).optional(), raw.accountId, "accountId", problems);
    const organizationId = parseUnit(z.string().regex(ORG_RE, { error: "Fix: an AWS Organizations id such as o-a1b2c3d4e5" }).optional(), raw.organizationId, "organizationId", problems);
    const protect = parseUnit(z.boolean().default(DEFAULTS.protect), raw.protect, "protect", problems);
    const tags = parseUnit(tagsSchema, raw.tags, "tags", problems);
    const flowLogs = parseUnit(flowLogSchema, raw.flowLogs, "flowLogs", problems);
    const quotas = parseUnit(quotaSchema, raw.quotas, "quotas", problems);
    const traffic = parseUnit(trafficSchema, raw.traffic, "traffic", problems);
    const hub = parseUnit(hubSchema, raw.hub, "hub", problems);
    const connectivity = parseUnit(connectivitySchema, raw.connectivity, "connectivity", problems);

    // Supernets: each entry on its own.
    const supernets: Record<string, string> = {};
    const rawSupernets = raw.supernets ?? {};
    if (typeof rawSupernets !== "object" || rawSupernets === null || Array.isArray(rawSupernets)) {
        push("supernets", "must be a map of region to CIDR. Fix: write it as a map, e.g. { eu-west-1: 10.16.0.0/12 }");
    } else {
        for (const [region, value] of Object.entries(rawSupernets)) {
            const okRegion = parseUnit(regionString, region, `supernets.${region}`, problems);
            const okCidr = parseUnit(cidrString, value, `supernets.${region}`, problems);
            if (okRegion !== undefined && okCidr !== undefined) {
                supernets[region] = okCidr;
            }
        }
    }

    // Spokes: each spoke on its own; `indexed` keeps each valid spoke's position for error keys.
    const indexed: { s: SpokeConfig; i: number }[] = [];
    const rawSpokes = raw.spokes ?? [];
    if (!Array.isArray(rawSpokes)) {
        push("spokes", "must be a list of spokes. Fix: write a YAML list, e.g. [{ name: payments, region: eu-west-1, cidr: 10.16.0.0/20 }]");
    } else {
        rawSpokes.forEach((s, i) => {
            const spoke = parseUnit(spokeSchema, s, `spokes[${i}]`, problems);
            if (spoke) {
                indexed.push({ s: spoke, i });
            }
        });
    }

    const endpointService =
        raw.endpointService === undefined ? undefined : parseUnit(endpointServiceSchema, raw.endpointService, "endpointService", problems);

    // ---- cross-field rules -----------------------------------------------------------------

    if (hub) {
        checkHub(hub, quotas ?? QUOTA_DEFAULTS, push);
    }

    // AZ counts against the region's zones.
    const checkAz = (key: string, region: string, count: number) => {
        const info = regionInfo(region);
        if (info && count > info.zoneIds.length) {
            push(key, `${region} has ${info.zoneIds.length} AZs, ${count} requested. Fix: set it to ${info.zoneIds.length} or fewer`);
        }
    };
    if (hub) {
        checkAz("hub.azCount", hub.region, hub.azCount);
    }
    for (const { s, i } of indexed) {
        checkAz(`spokes[${i}].azCount`, s.region, s.azCount);
    }

    // Duplicate spoke names, and a spoke named like the hub.
    const seen = new Map<string, number>();
    for (const { s, i } of indexed) {
        const first = seen.get(s.name);
        if (first !== undefined) {
            push(`spokes[${i}].name`, `duplicate spoke name "${s.name}" (also spokes[${first}]). Fix: give every spoke a unique name`);
        } else if (s.name === "hub") {
            push(`spokes[${i}].name`, `"hub" is reserved for the hub VPC. Fix: choose another name`);
        } else {
            seen.set(s.name, i);
        }
    }

    // Supernets must not overlap each other.
    const superList = Object.entries(supernets).map(([region, c]) => ({ region, c: parsed(c) }));
    for (let a = 0; a < superList.length; a++) {
        for (let b = a + 1; b < superList.length; b++) {
            if (overlaps(superList[a].c, superList[b].c)) {
                push(
                    `supernets.${superList[b].region}`,
                    `${formatCidr(superList[b].c)} overlaps the ${superList[a].region} supernet ${formatCidr(superList[a].c)}. ` +
                        `Fix: give each region a disjoint aggregate so routes and rules can use one entry per region`,
                );
            }
        }
    }

    // Every spoke inside its region's supernet; report the next free block to make the fix easy.
    const missingReported = new Set<string>();
    const supernetsIsMap = typeof rawSupernets === "object" && rawSupernets !== null && !Array.isArray(rawSupernets);
    for (const { s, i } of indexed) {
        const sup = supernets[s.region];
        const sc = parsed(s.cidr);
        if (sup === undefined) {
            if (supernetsIsMap && !Object.prototype.hasOwnProperty.call(rawSupernets as object, s.region) && !missingReported.has(s.region)) {
                missingReported.add(s.region);
                push(
                    `supernets.${s.region}`,
                    `spoke "${s.name}" is in ${s.region}, which has no supernet. Fix: add ${NAMESPACE}:supernets.${s.region}, ` +
                        `a block that holds all ${s.region} spokes (e.g. a /12)`,
                );
            }
        } else if (!contains(parsed(sup), sc)) {
            const hint = nextFree(parsed(sup), sc.prefix, indexed.map((x) => parsed(x.s.cidr)).concat(hub ? [parsed(hub.cidr)] : []));
            push(
                `spokes[${i}].cidr`,
                `${s.cidr} is outside the ${s.region} supernet ${sup}. Fix: use a block inside it` + (hint ? ` (next free /${sc.prefix}: ${hint})` : ""),
            );
        }
    }

    // The hub must not overlap another region's supernet (its own region's supernet may hold it).
    if (hub) {
        const hc = parsed(hub.cidr);
        for (const { region, c } of superList) {
            if (region !== hub.region && overlaps(hc, c)) {
                push("hub.cidr", `${hub.cidr} overlaps the ${region} supernet ${formatCidr(c)}. Fix: move the hub out of other regions' aggregates`);
            }
        }
    }

    // No two connected VPCs may overlap: peering and TGW routing both require it.
    // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
    const vpcs = (hub ? [{ key: "hub.cidr", label: "the hub", c: parsed(hub.cidr) }] : []).concat(
        indexed.map(({ s, i }) => ({ key: `spokes[${i}].cidr`, label: `spoke "${s.name}"`, c: parsed(s.cidr) })),
    );
    for (let a = 0; a < vpcs.length; a++) {
        for (let b = a + 1; b < vpcs.length; b++) {
            if (overlaps(vpcs[a].c, vpcs[b].c)) {
                push(vpcs[b].key, `${formatCidr(vpcs[b].c)} overlaps ${vpcs[a].label} (${formatCidr(vpcs[a].c)}). Fix: connected VPCs need disjoint CIDRs`);
            }
        }
    }

    if (connectivity && hub) {
        checkConnectivity(connectivity, hub, indexed, quotas ?? QUOTA_DEFAULTS, supernets, push);
    }

    if (hub) {
        const q = quotas ?? QUOTA_DEFAULTS;
        // Every spoke is associated with every hub zone.
        if (1 + indexed.length > q.vpcsPerHostedZone) {
            push("spokes", `${indexed.length} spokes + the hub exceed ${q.vpcsPerHostedZone} VPCs per private hosted zone (quotas.vpcsPerHostedZone). Fix: raise the quota with AWS and in config, or split the landing zone`);
        }
        // Endpoint security group: one rule for the hub plus one per spoke region (aggregate).
        const rules = 1 + new Set(indexed.map(({ s }) => s.region)).size;
        if (rules > q.inboundRulesPerSecurityGroup) {
            push("spokes", `the endpoint security group needs ${rules} inbound rules, over quotas.inboundRulesPerSecurityGroup (${q.inboundRulesPerSecurityGroup}). Fix: use fewer spoke regions or raise the quota`);
        }
    }

    for (const [k, ceiling] of Object.entries(QUOTA_CEILINGS)) {
        const v = quotas?.[k as keyof QuotaConfig];
        if (v !== undefined && ceiling !== undefined && v > ceiling) {
            push(`quotas.${k}`, `${v} is above the AWS maximum of ${ceiling}. Fix: set ${ceiling} or less`);
        }
    }

    if (endpointService && hub) {
        checkEndpointService(endpointService, hub, indexed, push);
    }

    if (problems.length > 0 || !hub || !connectivity || !flowLogs || !quotas || !traffic || tags === undefined || protect === undefined) {
        return { ok: false, problems };
    }
    return {
        ok: true,
        config: {
            ...(accountId !== undefined ? { accountId } : {}),
            ...(organizationId !== undefined ? { organizationId } : {}),
            protect,
            tags,
            flowLogs,
            hub: { ...hub, interfaceEndpoints: hub.interfaceEndpoints.map(shortServiceName) },
            supernets,
            spokes: indexed.map((x) => x.s),
            connectivity,
            ...(endpointService ? { endpointService } : {}),
            quotas,
            traffic,
        },
    };
}

/** Validates and returns the config, or throws one ConfigValidationError listing every problem. */
export function parseConfig(raw: RawConfig, source?: string): LandingZoneConfig {
    const r = validateConfig(raw);
    if (!r.ok) {
        throw new ConfigValidationError(r.problems, source);
    }
    return r.config;
}

function parsed(text: string): Cidr {
    const r = parseCidr(text);
    if (!r.ok) {
        throw new Error(`internal: ${r.reason}`);
    }
    return r.cidr;
}

/** First block of the given prefix inside `within` that overlaps none of `used`. */
function nextFree(within: Cidr, prefix: number, used: readonly Cidr[]): string | undefined {
    if (prefix < within.prefix) {
        return undefined;
    }
    const count = Math.min(2 ** (prefix - within.prefix), 1 << 16);
    for (let i = 0; i < count; i++) {
        const c = subdivide(within, prefix, i);
        if (!used.some((u) => overlaps(u, c))) {
            return formatCidr(c);
        }
    }
    return undefined;
}

/** `com.amazonaws.eu-west-2.ssm` -> `ssm`; short names unchanged. */
function shortServiceName(name: string): string {
    const m = FULL_SERVICE_NAME_RE.exec(name);
    return m ? m[2] : name;
}

function checkHub(hub: z.infer<typeof hubSchema>, quotas: QuotaConfig, push: (k: string, m: string) => void): void {
    const seen = new Set<string>();
    hub.interfaceEndpoints.forEach((name, i) => {
        const key = `hub.interfaceEndpoints[${i}]`;
        const full = FULL_SERVICE_NAME_RE.exec(name);
        if (name.startsWith("com.amazonaws.") && !full) {
            push(key, `"${name}" is not an AWS service endpoint name. Fix: use com.amazonaws.<region>.<service> or the short name (e.g. ssm)`);
            return;
        }
        if (full && full[1] !== hub.region) {
            push(key, `"${name}" is in ${full[1]}, but the hub is in ${hub.region}: a hub endpoint serves its own region's API. Fix: use com.amazonaws.${hub.region}.${full[2]} or the short name ${full[2]}`);
            return;
        }
        const short = shortServiceName(name);
        if (!Object.prototype.hasOwnProperty.call(INTERFACE_SERVICES, short)) {
            push(key, `unknown interface endpoint service "${name}". Fix: use one of ${Object.keys(INTERFACE_SERVICES).sort().join(", ")} (or add it to components/aws/endpoint-services.ts with its private DNS name)`);
            return;
        }
        if (seen.has(short)) {
            push(key, `"${short}" is listed twice. Fix: list each service once`);
        }
        seen.add(short);
    });
    if (seen.has("s3") && hub.gatewayEndpoints.includes("s3")) {
        // A private hosted zone for s3.<region>.amazonaws.com overrides the gateway endpoint for every VPC
        // of that region associated with it: both would cost money for one path.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html
        push("hub.interfaceEndpoints", `"s3" as an interface endpoint overrides the hub's S3 gateway endpoint in ${hub.region}. Fix: drop "s3" from interfaceEndpoints (spokes in other regions cannot use it through the zone anyway without paying per GB) or drop it from gatewayEndpoints`);
    }
    if (hub.interfaceEndpoints.length > quotas.interfaceEndpointsPerVpc) {
        push("hub.interfaceEndpoints", `${hub.interfaceEndpoints.length} interface endpoints exceed quotas.interfaceEndpointsPerVpc (${quotas.interfaceEndpointsPerVpc}). Fix: trim the list or raise the quota with AWS first`);
    }
    const hc = parseCidr(hub.cidr);
    if (hc.ok && hc.cidr.prefix >= MIN_VPC_PREFIX && hc.cidr.prefix <= MAX_VPC_PREFIX) {
        // Each interface endpoint takes one address in each endpoint subnet; keep room for an NLB.
        const usable = usableAddresses(hc.cidr.prefix, "endpoint");
        if (hub.interfaceEndpoints.length + 4 > usable) {
            push("hub.cidr", `${hub.cidr} gives endpoint subnets of ${usable} usable addresses, too few for ${hub.interfaceEndpoints.length} endpoints. Fix: use a larger hub CIDR`);
        }
    }
    const gw = new Set<string>();
    hub.gatewayEndpoints.forEach((g, i) => {
        if (gw.has(g)) {
            push(`hub.gatewayEndpoints[${i}]`, `"${g}" is listed twice. Fix: list it once`);
        }
        gw.add(g);
    });
}

type Indexed = readonly { s: SpokeConfig; i: number }[];

function checkConnectivity(
    c: ConnectivityConfig,
    hub: HubConfig,
    spokes: Indexed,
    q: QuotaConfig,
    supernets: Readonly<Record<string, string>>,
    push: (k: string, m: string) => void,
): void {
    const names = new Set(spokes.map(({ s }) => s.name));
    if (c.mode === "peering") {
        if (c.segments.length > 0) {
            push("connectivity.segments", `segments need transit gateways: VPC peering is not transitive, spokes never reach each other through the hub. Fix: set connectivity.mode to "transit-gateway" or remove segments`);
        }
        if (spokes.length > q.peeringsPerVpc) {
            push("spokes", `${spokes.length} spokes need ${spokes.length} peering connections on the hub VPC, over quotas.peeringsPerVpc (${q.peeringsPerVpc}; AWS allows up to 125 on request). Fix: raise the quota, or use connectivity.mode "transit-gateway"`);
        }
        // Every hub route table gets one route per spoke (a peering route cannot be aggregated).
        // One route per spoke, plus the local route every table has.
        if (spokes.length + 1 > q.routesPerRouteTable) {
            push("spokes", `each hub route table needs ${spokes.length + 1} routes (one per spoke plus the local route), over quotas.routesPerRouteTable (${q.routesPerRouteTable}). Fix: raise the quota (up to 1,000), or use "transit-gateway" (one route per region)`);
        }
    } else {
        const regions = new Set(spokes.map(({ s }) => s.region));
        regions.delete(hub.region);
        if (regions.size > q.peeringAttachmentsPerTransitGateway) {
            push("spokes", `${regions.size} spoke regions need ${regions.size} TGW peering attachments on the hub's transit gateway, over quotas.peeringAttachmentsPerTransitGateway (${q.peeringAttachmentsPerTransitGateway}). Fix: raise the quota or use fewer regions`);
        }
        // Routes in spoke and hub route tables: one per region aggregate.
        const perTable = Object.keys(supernets).length + 2;
        if (perTable > q.routesPerRouteTable) {
            push("supernets", `each route table needs about ${perTable} routes (one per region aggregate), over quotas.routesPerRouteTable. Fix: raise the quota`);
        }
        const inSegment = new Map<string, string>();
        c.segments.forEach((seg, si) => {
            seg.spokes.forEach((name, j) => {
                if (!names.has(name)) {
                    push(`connectivity.segments[${si}].spokes[${j}]`, `unknown spoke "${name}". Fix: use a name from ${NAMESPACE}:spokes (${[...names].join(", ") || "none defined"})`);
                } else if (inSegment.has(name)) {
                    push(`connectivity.segments[${si}].spokes[${j}]`, `spoke "${name}" is already in segment "${inSegment.get(name)}": a VPC attachment associates with one TGW route table. Fix: put each spoke in at most one segment`);
                } else {
                    inSegment.set(name, seg.name);
                }
            });
        });
        const segNames = new Set<string>();
        c.segments.forEach((seg, si) => {
            if (segNames.has(seg.name)) {
                push(`connectivity.segments[${si}].name`, `duplicate segment name "${seg.name}". Fix: name segments uniquely`);
            }
            segNames.add(seg.name);
        });
    }
    for (const region of Object.keys(c.asns)) {
        if (!regionInfo(region)) {
            push(`connectivity.asns.${region}`, `unknown region "${region}". Fix: use one of ${REGION_NAMES.join(", ")}`);
        }
    }
    const asnOwners = new Map<number, string>();
    for (const [region, asn] of Object.entries(c.asns)) {
        const other = asnOwners.get(asn);
        if (other) {
            push(`connectivity.asns.${region}`, `ASN ${asn} is also used for ${other}. Fix: give each region's transit gateway its own ASN`);
        }
        asnOwners.set(asn, region);
    }
}

function checkEndpointService(es: z.infer<typeof endpointServiceSchema>, hub: HubConfig, spokes: Indexed, push: (k: string, m: string) => void): void {
    const names = new Map(spokes.map(({ s }) => [s.name, s]));
    if (es.vpc !== "hub" && !names.has(es.vpc)) {
        push("endpointService.vpc", `unknown VPC "${es.vpc}". Fix: use "hub" or a spoke name (${[...names.keys()].join(", ") || "none defined"})`);
    }
    const seen = new Set<string>();
    es.allowedPrincipals.forEach((p, i) => {
        const key = `endpointService.allowedPrincipals[${i}]`;
        if (p === "*") {
            if (!es.allowAnyPrincipal) {
                push(key, `"*" lets any AWS account connect. Fix: list account/role/user ARNs, or set endpointService.allowAnyPrincipal: true if the service is meant to be public`);
            } else if (!es.acceptanceRequired) {
                push(key, `"*" with acceptanceRequired: false auto-accepts anyone: the NLB is effectively public. Fix: set endpointService.acceptanceRequired: true`);
            }
        } else if (PATHED_PRINCIPAL_RE.test(p)) {
            // https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions
            push(key, `"${p}" has an IAM path; endpoint services do not support principals with a path. Fix: use the ARN without the path (arn:aws:iam::<account>:role/<name>) or the account root`);
        } else if (!PRINCIPAL_RE.test(p)) {
            push(key, `"${p}" is not an allowed principal ARN. Fix: use arn:aws:iam::<12-digit account>:root, :role/<name> or :user/<name>`);
        }
        if (seen.has(p)) {
            push(key, `"${p}" is listed twice. Fix: list it once`);
        }
        seen.add(p);
    });
    es.consumers.forEach((c, i) => {
        if (!names.has(c)) {
            push(`endpointService.consumers[${i}]`, `unknown spoke "${c}". Fix: use a spoke name (${[...names.keys()].join(", ") || "none defined"})`);
        } else if (c === es.vpc) {
            push(`endpointService.consumers[${i}]`, `"${c}" hosts the service itself. Fix: remove it from consumers`);
        }
    });
    if (es.privateDnsVerified && !es.privateDnsName) {
        push("endpointService.privateDnsVerified", `is true but no privateDnsName is set. Fix: set endpointService.privateDnsName, or set privateDnsVerified: false`);
    }
    const host = es.vpc === "hub" ? undefined : names.get(es.vpc);
    if (host && host.region !== hub.region) {
        // The fleet is operated through SSM, and the hub serves SSM only for its own region.
        push("endpointService.vpc", `spoke "${es.vpc}" is in ${host.region}; the endpoint service runs in the hub region (${hub.region}), where the hub's SSM endpoints serve its fleet. Fix: use "hub" or a spoke in ${hub.region}; consumers in other regions connect cross-region`);
    }
    const hostAz = es.vpc === "hub" ? hub.azCount : names.get(es.vpc)?.azCount;
    if (hostAz !== undefined && hostAz < 2) {
        push("endpointService.vpc", `the NLB needs subnets in at least two AZs but the ${es.vpc} VPC has azCount ${hostAz}. Fix: raise its azCount to 2 or more`);
    }
}
