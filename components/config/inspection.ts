/**
 * `landing-zone:inspection`: centralised inspection of spoke traffic in an inspection VPC of the hub
 * region, behind the hub region's transit gateway — the schema of the unit (each field with its doc and
 * default); its cross-field rules against the rest of the config are in rules/inspection.ts.
 *
 * What the config decides: the inspection VPC (CIDR, AZs), which flows pass through it, and the engine
 * that inspects them — a Gateway Load Balancer in front of appliances (vendor AMIs, or existing targets)
 * or AWS Network Firewall. How those flows are routed through it is the pure plan of
 * components/planning/inspection.ts.
 */
import { z } from "zod";
import { RETENTION_DAYS } from "./constants";
import { DeepReadonly, field } from "./field";
import { azCount, cidrString, exactlyOneTargetKind, invalid, TARGET_KIND_KEYS, toTargetKind, vpcCidrString } from "./primitives";

/** Defaults of the unit, exported so docs and tests name the same values. */
export const INSPECTION_DEFAULTS = {
    /** Two AZs: the least that survives the loss of one (a flow fails over to the other AZ's endpoint). */
    azCount: 2,
    applianceInstanceType: "c5n.large",
    applianceCount: 2,
    flowLogRetentionDays: 365,
} as const;

/** The engines, as `inspection.engine` names them. */
export const INSPECTION_ENGINES = ["gwlb", "network-firewall"] as const;

// ---------------------------------------------------------------------------------------------
// flows
// ---------------------------------------------------------------------------------------------

const flag = (doc: string) => field(z.boolean().default(true), { doc });

export const inspectedFlowsSchema = z
    .object({
        spokeToHub: flag("traffic between a spoke and the hub VPC (its interface endpoints, the endpoint service)"),
        spokeToSpoke: flag(
            "traffic between spokes of one segment (`connectivity.segments`); a segment may then have members in the hub region and at most one member per other region",
        ),
        interRegion: flag(
            "also the flows above that cross a TGW peering (a spoke outside the hub region); `false` inspects only what stays in the hub region",
        ),
    })
    .strict();

// ---------------------------------------------------------------------------------------------
// engine: gwlb
// ---------------------------------------------------------------------------------------------

/** The appliance kinds, as the keys under `gwlb.appliances`. */
export const APPLIANCE_KINDS = TARGET_KIND_KEYS;

/**
 * Like the endpoint service's targets: one strict object with one optional key per kind, so zod reports
 * a bad value under its own key; "exactly one kind" is a refinement.
 */
export const appliancesSchema = z
    .object({
        fleet: field(
            z
                .object({
                    amiId: field(
                        z.string().regex(/^ami-[0-9a-f]{8,17}$/, {
                            error: invalid("an AMI id", "the appliance vendor's AMI id for the hub region, e.g. ami-0123456789abcdef0"),
                        }),
                        {
                            doc: "AMI of the appliance (vendor appliances ship as Marketplace AMIs; an AMI id is regional)",
                            type: "`ami-…`",
                        },
                    ),
                    instanceType: field(
                        z
                            .string()
                            .regex(/^[a-z0-9-]+\.[a-z0-9]+$/, {
                                error: invalid("an EC2 instance type", "an EC2 instance type such as c5n.large"),
                            })
                            .default(INSPECTION_DEFAULTS.applianceInstanceType),
                        { doc: "EC2 instance type of the appliances (use the vendor's sizing)", type: "instance type" },
                    ),
                    desiredCapacity: field(z.number().int().min(1).max(20).default(INSPECTION_DEFAULTS.applianceCount), {
                        doc: "appliances in the Auto Scaling group (1–20, at least `azCount`: one per AZ), spread over the appliance subnets",
                    }),
                })
                .strict()
                .optional(),
            { doc: "an Auto Scaling group of appliances built here, in the appliance subnets", type: "object" },
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
            { doc: "existing appliances registered by instance id (they must run in the inspection VPC)", type: "list of `i-…`" },
        ),
        ipAddresses: field(
            z
                .array(z.ipv4({ error: invalid("an IPv4 address", "appliance IPs are private IPv4 addresses, e.g. 10.1.0.10") }))
                .min(1)
                .optional(),
            { doc: "existing appliances registered by IPv4 address", type: "list of IPv4" },
        ),
    })
    .strict()
    .superRefine(exactlyOneTargetKind("appliances"))
    .transform(toTargetKind);

// Health checks of a GENEVE target group: HTTP, HTTPS or TCP (GENEVE itself cannot be health-checked),
// port 1-65535 (default 80), interval 5-300 s, timeout 2-120 s, thresholds 2-10.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/health-checks.html
export const healthCheckSchema = z
    .object({
        protocol: field(z.enum(["TCP", "HTTP", "HTTPS"]).default("TCP"), {
            doc: "protocol of the health check (the GENEVE port 6081 itself cannot be health-checked)",
        }),
        port: field(z.number().int().min(1).max(65535).default(80), {
            doc: "port the appliances answer health checks on",
            type: "int 1–65535",
        }),
        path: field(
            z
                .string()
                .startsWith("/", { error: invalid("an HTTP path", "a path starting with /, e.g. /health") })
                .optional(),
            { doc: "HTTP(S) path of the health check; only with protocol HTTP or HTTPS", type: "path" },
        ),
        intervalSeconds: field(z.number().int().min(5).max(300).default(10), { doc: "seconds between checks of one appliance (5–300)" }),
        timeoutSeconds: field(z.number().int().min(2).max(120).default(5), {
            doc: "seconds without an answer that fail a check (2–120, below the interval)",
        }),
        healthyThreshold: field(z.number().int().min(2).max(10).default(3), {
            doc: "consecutive successes that put an appliance in service (2–10)",
        }),
        unhealthyThreshold: field(z.number().int().min(2).max(10).default(3), {
            doc: "consecutive failures that take an appliance out of service (2–10)",
        }),
    })
    .strict()
    .superRefine((h, ctx) => {
        if (h.path !== undefined && h.protocol === "TCP") {
            ctx.addIssue({
                code: "custom",
                path: ["path"],
                message: `a TCP health check has no path. Fix: set protocol to HTTP or HTTPS, or remove path`,
            });
        }
        if (h.timeoutSeconds >= h.intervalSeconds) {
            ctx.addIssue({
                code: "custom",
                path: ["timeoutSeconds"],
                message: `${h.timeoutSeconds} s is not below the interval (${h.intervalSeconds} s): a check would still wait when the next one starts. Fix: lower timeoutSeconds or raise intervalSeconds`,
            });
        }
    });

export const gwlbSchema = z
    .object({
        appliances: field(appliancesSchema, {
            doc: "what the Gateway Load Balancer sends traffic to: exactly one of the three kinds below",
            type: "object",
        }),
        healthCheck: field(healthCheckSchema.prefault({}), {
            doc: "health check of the GENEVE (UDP 6081) target group",
            type: "object",
            default: "TCP 80 every 10 s",
        }),
    })
    .strict();

// ---------------------------------------------------------------------------------------------
// engine: network-firewall
// ---------------------------------------------------------------------------------------------

// Stateful default actions (strict rule order only): at most one drop and one alert action.
// https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
export const STATEFUL_DEFAULT_ACTIONS = ["aws:drop_strict", "aws:drop_established", "aws:alert_strict", "aws:alert_established"] as const;

export const allowRuleSchema = z
    .object({
        protocol: field(z.enum(["TCP", "UDP", "ICMP", "IP"]), { doc: "protocol of the flow" }),
        source: field(cidrString, { doc: "client network of the flow", type: "CIDR" }),
        destination: field(cidrString, { doc: "server network of the flow", type: "CIDR" }),
        port: field(z.number().int().min(1).max(65535).optional(), {
            doc: "destination port (TCP and UDP only; unset: any port)",
            type: "int 1–65535",
        }),
    })
    .strict()
    .superRefine((r, ctx) => {
        if (r.port !== undefined && (r.protocol === "ICMP" || r.protocol === "IP")) {
            ctx.addIssue({
                code: "custom",
                path: ["port"],
                message: `${r.protocol} has no ports. Fix: remove port, or use protocol TCP or UDP`,
            });
        }
    });

export const networkFirewallSchema = z
    .object({
        statefulDefaultActions: field(
            // Default aws:drop_strict: aws:drop_established drops only packets of established connections,
            // so the connection-setup packets of a flow no rule passes (a TCP SYN, and every packet of a
            // flow that never becomes "established" in Suricata's sense, e.g. one-way UDP) still reach
            // their destination: not default-deny. Our pass rules match on headers only, so they pass the
            // handshakes they are meant to under drop_strict too. (Application-layer rules — http, tls
            // keywords — need drop_established or explicit flow rules: an owner who adds them chooses it.)
            // https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
            // (Strict evaluation order: default actions)
            z.array(z.enum(STATEFUL_DEFAULT_ACTIONS)).default(["aws:drop_strict", "aws:alert_strict"]),
            {
                doc:
                    "what happens to a packet no rule passes (strict rule order): one drop action (required: the firewall is default-deny) and at most one alert action. " +
                    "`aws:drop_strict` (the default) drops every unmatched packet, connection setup included; `aws:drop_established` lets connection-setup packets of unmatched flows through (needed only by application-layer rules) and drops the rest",
                type: STATEFUL_DEFAULT_ACTIONS.map((a) => `\`${a}\``).join("/") + " list",
            },
        ),
        allowHubEndpoints: field(z.boolean().default(true), {
            doc: "pass TCP 443 from the inspected spokes to the hub CIDR: the centralised interface endpoints (and their replies, as part of the flow)",
        }),
        allow: field(z.array(allowRuleSchema).default([]), {
            doc: "further flows to pass, each stateful: the replies of an allowed flow pass with it, nothing else comes back",
        }),
        logging: field(
            z
                .object({
                    flowLogs: field(z.boolean().default(true), { doc: "flow logs besides the alert logs (alert logs are always on)" }),
                    retentionDays: field(
                        z
                            .number()
                            .refine((n) => RETENTION_DAYS.includes(n), {
                                error: `CloudWatch Logs accepts only ${RETENTION_DAYS.join(", ")} days. Fix: pick one`,
                            })
                            .default(INSPECTION_DEFAULTS.flowLogRetentionDays),
                        { doc: "CloudWatch Logs retention of the firewall's log groups", type: "one of CloudWatch's values" },
                    ),
                })
                .strict()
                .prefault({}),
            { doc: "the firewall's CloudWatch log groups", type: "object", default: "alert and flow logs, 365 days" },
        ),
    })
    .strict()
    .superRefine((n, ctx) => {
        const drops = n.statefulDefaultActions.filter((a) => a.startsWith("aws:drop_"));
        const alerts = n.statefulDefaultActions.filter((a) => a.startsWith("aws:alert_"));
        if (drops.length !== 1) {
            ctx.addIssue({
                code: "custom",
                path: ["statefulDefaultActions"],
                message:
                    drops.length === 0
                        ? "has no drop action: traffic no rule matches would pass, and the firewall would inspect nothing it stops. Fix: add aws:drop_strict (or aws:drop_established)"
                        : `has ${drops.join(" and ")}: a policy takes one drop action. Fix: keep one`,
            });
        }
        if (alerts.length > 1) {
            ctx.addIssue({
                code: "custom",
                path: ["statefulDefaultActions"],
                message: `has ${alerts.join(" and ")}: a policy takes at most one alert action. Fix: keep one`,
            });
        }
    });

// ---------------------------------------------------------------------------------------------
// the unit
// ---------------------------------------------------------------------------------------------

const NETWORK_FIREWALL_DEFAULTS = networkFirewallSchema.parse({});

export const inspectionSchema = z
    .object({
        cidr: field(vpcCidrString, {
            doc: "inspection VPC CIDR (hub region): private space, disjoint from the hub, every spoke and every supernet",
            type: "CIDR /16–/22",
        }),
        azCount: field(azCount.default(INSPECTION_DEFAULTS.azCount), {
            doc: "AZs of the inspection VPC, each with a TGW subnet, an endpoint subnet and an appliance subnet; ≤ the hub region's AZs",
        }),
        flows: field(inspectedFlowsSchema.prefault({}), { doc: "which flows pass through inspection", type: "object", default: "all" }),
        engine: field(
            z.enum(INSPECTION_ENGINES, {
                error: (iss) => `unknown inspection engine ${JSON.stringify(iss.input)}. Fix: use "gwlb" or "network-firewall"`,
            }),
            { doc: "a Gateway Load Balancer in front of appliances (`gwlb`), or AWS Network Firewall (`network-firewall`)" },
        ),
        gwlb: field(gwlbSchema.optional(), { doc: "engine `gwlb` only: the appliances and their health check", type: "object" }),
        networkFirewall: field(networkFirewallSchema.optional(), {
            doc: "engine `network-firewall` only: the firewall policy and logs",
            type: "object",
            default: "default-deny, hub endpoints allowed, logs on",
        }),
    })
    .strict()
    .superRefine((u, ctx) => {
        if (u.engine === "gwlb" && u.gwlb === undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["gwlb"],
                message: `is required with engine "gwlb": the load balancer needs appliances. Fix: set inspection.gwlb.appliances (e.g. fleet: { amiId: ami-… })`,
            });
        }
        // A Gateway Load Balancer node sends traffic only to targets in its own AZ unless cross-zone load
        // balancing is on, and it is off by default: an AZ without an appliance drops the flows that appliance
        // mode hashes to it. https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/edit-load-balancer-attributes.html
        // (Cross-zone load balancing)
        const fleet = u.gwlb?.appliances.kind === "fleet" ? u.gwlb.appliances : undefined;
        if (u.engine === "gwlb" && fleet && fleet.desiredCapacity < u.azCount) {
            ctx.addIssue({
                code: "custom",
                path: ["gwlb", "appliances", "fleet", "desiredCapacity"],
                message:
                    `${fleet.desiredCapacity} appliance(s) for ${u.azCount} AZs: the load balancer sends each AZ's flows only to appliances in that AZ ` +
                    `(cross-zone load balancing is off by default), so an AZ would have none and drop them. Fix: set desiredCapacity to ${u.azCount} or more, or lower inspection.azCount`,
            });
        }
        if (u.engine !== "gwlb" && u.gwlb !== undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["gwlb"],
                message: `is set but the engine is "${u.engine}". Fix: remove inspection.gwlb, or set inspection.engine: gwlb`,
            });
        }
        if (u.engine !== "network-firewall" && u.networkFirewall !== undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["networkFirewall"],
                message: `is set but the engine is "${u.engine}". Fix: remove inspection.networkFirewall, or set inspection.engine: network-firewall`,
            });
        }
    })
    .transform((u) => {
        const common = { cidr: u.cidr, azCount: u.azCount, flows: u.flows };
        return u.engine === "gwlb" && u.gwlb
            ? { ...common, engine: "gwlb" as const, gwlb: u.gwlb }
            : { ...common, engine: "network-firewall" as const, networkFirewall: u.networkFirewall ?? NETWORK_FIREWALL_DEFAULTS };
    });

/** The validated `landing-zone:inspection`: the engine's own settings under its key. */
export type InspectionConfig = DeepReadonly<z.output<typeof inspectionSchema>>;
export type InspectedFlows = InspectionConfig["flows"];
export type InspectionEngine = InspectionConfig["engine"];
