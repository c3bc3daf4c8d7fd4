/**
 * What a client of an AWS service needs besides that service's own endpoint, and which clients are
 * region-bound (call the endpoints of the Region they run in, whatever the landing zone centralises).
 *
 * Pure data with a source per fact, and small pure functions over it: the config rules
 * (components/config/rules/regional-endpoints.ts) refuse a configuration that leaves a dependency unmet,
 * the reachability model reads the same table to name the missing piece of a broken path, and the
 * README's dependency table is generated from it (`npm run docs`, drift-tested).
 *
 * The facts, each with its page:
 * - ECR image pulls: `ecr.api` (GetAuthorizationToken, manifests' API), `ecr.dkr` (the Docker Registry
 *   API), then the layers are downloaded from Amazon S3 **in the registry's Region**
 *   (`prod-<region>-starport-layer-bucket`). Without an S3 path in that Region the pull fails after the
 *   manifest. (Amazon ECR interface VPC endpoints: "Create the Amazon S3 gateway endpoint".)
 * - An S3 (or DynamoDB) gateway endpoint serves buckets of its own Region only, and only to traffic that
 *   originates in its VPC: it cannot be used through VPC peering, a transit gateway, a VPN or Direct
 *   Connect. A client elsewhere needs an S3 **interface** endpoint and a zone that resolves to it.
 *   (AWS PrivateLink guide, "Gateway endpoints", considerations; AWS PrivateLink for Amazon S3, "Types
 *   of VPC endpoints for Amazon S3".)
 * - Session Manager: SSM Agent calls `ssm`, `ssmmessages` (session channels; Run Command too from agent
 *   3.3.40.0) and, on older agents, `ec2messages` — all in the instance's own Region.
 *   (Systems Manager, "Reference: ec2messages, ssmmessages, and other API operations"; "Improve the
 *   security of EC2 instances by using VPC endpoints for Systems Manager".)
 * - CloudWatch agent: `logs` (PutLogEvents) and `monitoring` (PutMetricData) of the instance's Region
 *   unless its config names another. (CloudWatch Logs / CloudWatch "interface VPC endpoints".)
 * - AWS SDKs and the CLI resolve `sts.<region>.amazonaws.com` for the Region they are configured with
 *   (the regional STS endpoint; the SDKs' default is regional), `kms.<region>` likewise.
 *   (IAM, "AWS STS interface VPC endpoints"; AWS SDKs and Tools reference, "STS Regionalized endpoints".)
 * - ECS: the container agent needs `ecs`, `ecs-agent` and `ecs-telemetry` together.
 *   (Amazon ECS interface VPC endpoints.)
 *
 * No Pulumi import.
 */

/** Where a dependency must be met, relative to the call that needs it. */
export type DependencyRegion =
    /** In the Region of the endpoint the client calls (an ECR registry's Region for its layers). */
    "same-as-call";

/** One thing a service's client needs besides the service's own endpoint. */
export interface ServiceDependency {
    /** The service needed: an interface service short name, or `s3` (gateway or interface). */
    readonly service: string;
    readonly region: DependencyRegion;
    /** For what, in a few words (shown in refusals and the README). */
    readonly why: string;
    /** Where the fact comes from. */
    readonly source: string;
}

const ECR_VPCE = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html";
const SSM_MESSAGES = "https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-setting-up-messageAPIs.html";
const SSM_VPCE = "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html";
const ECS_VPCE = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html";
const CW_LOGS_VPCE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-and-interface-VPC.html";
const CW_VPCE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-interface-VPC.html";
const STS_VPCE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts_vpce.html";
const SDK_STS_REGIONAL = "https://docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html";
const KMS_VPCE = "https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html";

/** The S3 gateway endpoint's limits: same Region, same VPC (not through peering or a transit gateway). */
export const S3_GATEWAY_SCOPE = Object.freeze({
    sameRegionOnly: true,
    usableThroughPeeringOrTransitGateway: false,
    source: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    interfaceSource: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html",
});

/**
 * Service -> what its clients need besides its own endpoint. A service absent from the table needs
 * nothing else. Tested entry by entry (tests/aws/service-dependencies.spec.ts).
 */
export const SERVICE_DEPENDENCIES: Readonly<Record<string, readonly ServiceDependency[]>> = Object.freeze({
    "ecr.dkr": [
        {
            service: "ecr.api",
            region: "same-as-call",
            why: "docker login / GetAuthorizationToken and the image metadata go to the ECR API",
            source: ECR_VPCE,
        },
        {
            service: "s3",
            region: "same-as-call",
            why: "image layers are downloaded from S3 in the registry's Region (prod-<region>-starport-layer-bucket)",
            source: ECR_VPCE,
        },
    ],
    ssmmessages: [{ service: "ssm", region: "same-as-call", why: "Session Manager opens its sessions through SSM", source: SSM_MESSAGES }],
    ec2messages: [{ service: "ssm", region: "same-as-call", why: "SSM Agent registers and reports to SSM", source: SSM_MESSAGES }],
    ecs: [
        { service: "ecs-agent", region: "same-as-call", why: "the container agent polls ecs-a", source: ECS_VPCE },
        { service: "ecs-telemetry", region: "same-as-call", why: "the container agent reports to ecs-t", source: ECS_VPCE },
    ],
});

/** A client that calls the endpoints of the Region it runs in, and the services it calls there. */
export interface RegionBoundClient {
    readonly client: string;
    /** Services it calls in its own Region (all needed unless listed in `optional`). */
    readonly calls: readonly string[];
    /** Services only some versions call (`ec2messages`: SSM Agent before 3.3.40.0). */
    readonly optional?: readonly string[];
    readonly source: string;
}

/**
 * Region-bound clients: what the default regional endpoint set serves. A workload that explicitly
 * calls another Region's API (an SDK client built with `region: "eu-west-2"`) is a cross-region caller
 * and uses the hub's endpoints instead.
 */
export const REGION_BOUND_CLIENTS: readonly RegionBoundClient[] = Object.freeze([
    {
        client: "SSM Agent (Session Manager, Run Command)",
        calls: ["ssm", "ssmmessages", "ec2messages"],
        optional: ["ec2messages"],
        source: SSM_VPCE,
    },
    { client: "CloudWatch agent (logs)", calls: ["logs"], source: CW_LOGS_VPCE },
    { client: "CloudWatch agent (metrics)", calls: ["monitoring"], source: CW_VPCE },
    { client: "AWS SDKs and CLI (credentials: regional STS)", calls: ["sts"], source: SDK_STS_REGIONAL },
    { client: "AWS SDKs and CLI (KMS)", calls: ["kms"], source: KMS_VPCE },
    { client: "container runtimes pulling from the Region's ECR (ECS, EKS, docker)", calls: ["ecr.api", "ecr.dkr"], source: ECR_VPCE },
]);

/** The STS endpoint page, for the STS row of the README. */
export const STS_SOURCE = STS_VPCE;

/**
 * The default service list of a regional endpoint set: what the region-bound clients above call.
 * No `s3` interface: the spokes' own S3 gateway endpoints serve their Region's buckets (ECR layers
 * included) for free; add `s3` to a Region's list only for spokes without the gateway.
 */
export const REGIONAL_DEFAULT_SERVICES: readonly string[] = Object.freeze([
    "ssm",
    "ssmmessages",
    "ec2messages",
    "logs",
    "monitoring",
    "sts",
    "kms",
    "ecr.api",
    "ecr.dkr",
]);

/** Dependencies of `service` (empty when it needs nothing else). */
export function dependenciesOf(service: string): readonly ServiceDependency[] {
    return Object.prototype.hasOwnProperty.call(SERVICE_DEPENDENCIES, service) ? SERVICE_DEPENDENCIES[service] : [];
}

/** What a VPC can use in one Region: the interface endpoints whose zones it resolves, and gateway endpoints of its own. */
export interface RegionalView {
    /** Interface services of that Region the VPC resolves to an endpoint it can route to. */
    readonly interfaceServices: ReadonlySet<string>;
    /** True when this is the VPC's own Region and it has an S3 gateway endpoint. */
    readonly s3Gateway: boolean;
}

/** An unmet dependency: `service` in `region` needs `missing` there and the VPC has no path to it. */
export interface UnmetDependency {
    readonly service: string;
    readonly region: string;
    readonly missing: string;
    readonly why: string;
    readonly source: string;
}

/**
 * The dependencies of the services a VPC calls in `region` that the VPC cannot meet there. S3 is met by
 * an S3 interface endpoint of that Region (through its zone) or, in the VPC's own Region only, by its
 * S3 gateway endpoint; everything else by an interface endpoint of that Region.
 */
export function unmetDependencies(region: string, view: RegionalView): UnmetDependency[] {
    const out: UnmetDependency[] = [];
    for (const service of [...view.interfaceServices].sort()) {
        for (const d of dependenciesOf(service)) {
            const met = d.service === "s3" ? view.interfaceServices.has("s3") || view.s3Gateway : view.interfaceServices.has(d.service);
            if (!met) {
                out.push({ service, region, missing: d.service, why: d.why, source: d.source });
            }
        }
    }
    return out;
}

/** Name of the README section generated from this table (`<!-- BEGIN GENERATED: service-dependencies -->`). */
export const DEPENDENCY_TABLE_SECTION = "service-dependencies";

/**
 * The README's dependency table (Markdown), generated from SERVICE_DEPENDENCIES, S3_GATEWAY_SCOPE and
 * REGION_BOUND_CLIENTS: `npm run docs` writes it between the section's markers and
 * tests/aws/service-dependencies.spec.ts fails when the README drifts.
 */
export function renderDependencyTable(): string {
    const link = (url: string) => `[source](${url})`;
    const lines = [
        "<!-- Generated from components/aws/service-dependencies.ts by `npm run docs`: edit the table, not this text. -->",
        "",
        "| a client of | also needs | where | why | source |",
        "| --- | --- | --- | --- | --- |",
    ];
    for (const [service, deps] of Object.entries(SERVICE_DEPENDENCIES).sort(([a], [b]) => a.localeCompare(b))) {
        for (const d of deps) {
            const where = d.region === "same-as-call" ? "the Region of the endpoint it calls" : d.region;
            lines.push(`| \`${service}\` | \`${d.service}\` | ${where} | ${d.why} | ${link(d.source)} |`);
        }
    }
    lines.push(
        `| S3 through a gateway endpoint | the client in the gateway's own VPC and Region | — | a gateway endpoint is a route to the Region's S3 prefix list: it serves buckets of its own Region, to traffic from its own VPC only (not through peering or a transit gateway); elsewhere S3 needs an interface endpoint and a zone | ${link(S3_GATEWAY_SCOPE.source)}, ${link(S3_GATEWAY_SCOPE.interfaceSource)} |`,
    );
    lines.push("", "| region-bound client | calls, in the Region it runs in | source |", "| --- | --- | --- |");
    for (const c of REGION_BOUND_CLIENTS) {
        const calls = c.calls.map((s) => `\`${s}\`${c.optional?.includes(s) ? " (older agents)" : ""}`).join(", ");
        lines.push(`| ${c.client} | ${calls} | ${link(c.source)} |`);
    }
    return `${lines.join("\n")}\n`;
}
