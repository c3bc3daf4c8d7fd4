/**
 * Table of AWS services that the hub can serve through centralised interface endpoints, and the
 * endpoint policies the hub attaches to them.
 *
 * Pattern (docs/architecture.md, "AWS facts the design respects"): the hub endpoint has `privateDnsEnabled: false`; for each
 * service the hub creates a Route 53 private hosted zone named after the service's published private
 * DNS name (`PrivateDnsNames` in DescribeVpcEndpointServices) with any leading `*.` removed, holding
 * alias A records ("" = apex, "*" = wildcard) to the endpoint's regional DNS name.
 *
 * Pure data and functions: no Pulumi import. Research, evidence level per fact and open questions:
 * docs/research/endpoint-services.md.
 *
 * Scope: commercial partition only (`amazonaws.com`, `arn:aws:`). China (`amazonaws.com.cn`) and
 * GovCloud use other DNS suffixes / partitions and are not modelled here.
 *
 * How AWS reports policy support today: the PrivateLink guide no longer has a "supports endpoint
 * policies" column; it says to read `VpcEndpointPolicySupported` from DescribeVpcEndpointServices
 * ("View endpoint policy support"):
 * https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 * The older table (awsdocs/amazon-vpc-user-guide, doc_source/integrated-services-vpce-list.md,
 * archived) is used below as secondary evidence where a service's own page was not checked.
 */
export type EndpointPolicySupport = "restrictable" | "full-access-only" | "unsupported";

export interface InterfaceServiceSpec {
    /** Short name used in config and in `com.amazonaws.<region>.<service>`, e.g. `ecr.api`. */
    readonly service: string;
    /** Route 53 private hosted zone name for a region: the published private DNS name, leading `*.` removed. */
    readonly zoneName: (region: string) => string;
    /** Records to create in the zone: "" = apex alias, "*" = wildcard alias. */
    readonly records: readonly ("" | "*")[];
    /** What an endpoint policy may do for this service. */
    readonly policy: EndpointPolicySupport;
    /** Why, when it is not plain "restrictable" (e.g. STS and federation). */
    readonly note?: string;
    /** Where the facts above come from. */
    readonly source: string;
    /**
     * ADDED FIELD. `false` = do NOT create a private hosted zone for this service: AWS publishes no
     * private DNS name for it, or tells you not to override its names (DynamoDB). Clients must use the
     * endpoint-specific `vpce-…` DNS name instead; `zoneName` and `records` are then informational only.
     * Absent = create the zone as usual. (Added because an empty zone named after such a service would
     * black-hole the service's public name in every associated VPC.)
     */
    readonly hostedZone?: false;
}

/** `<prefix>.<region>.amazonaws.com`, the usual private DNS name. */
const regional =
    (prefix: string) =>
    (region: string): string =>
        `${prefix}.${region}.amazonaws.com`;

// Old PrivateLink table (archived GitHub copy of the VPC user guide), secondary evidence for policy support:
// https://github.com/awsdocs/amazon-vpc-user-guide/blob/master/doc_source/integrated-services-vpce-list.md

/**
 * Interface endpoint services the hub knows, keyed by short service name.
 *
 * Evidence per entry is in `source` and `note`; "(unverified)" marks facts that could not be checked
 * against AWS documentation or a real DescribeVpcEndpointServices / CreateVpcEndpoint output. Before
 * enabling a service in a new Region, confirm with:
 * `aws ec2 describe-vpc-endpoint-services --service-names com.amazonaws.<region>.<svc>
 *   --query 'ServiceDetails[].[PrivateDnsNames,VpcEndpointPolicySupported]'`.
 */
export const INTERFACE_SERVICES: Readonly<Record<string, InterfaceServiceSpec>> = Object.freeze({
    ssm: {
        service: "ssm",
        zoneName: regional("ssm"),
        records: [""],
        policy: "restrictable",
        note:
            "Private DNS ssm.<region>.amazonaws.com seen in a real CreateVpcEndpoint output (DnsEntries). " +
            "VpcEndpointPolicySupported=true in the AWS CLI example for describe-vpc-endpoint-services; " +
            "aws-samples/data-perimeter-policy-examples ships vpc_endpoint_policies/ssm_endpoint_policy.json.",
        // https://github.com/aws/aws-cli/blob/develop/awscli/examples/ec2/describe-vpc-endpoint-services.rst
        source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html",
    },
    ssmmessages: {
        service: "ssmmessages",
        zoneName: regional("ssmmessages"),
        records: [""],
        policy: "unsupported",
        note:
            "Policy support UNVERIFIED: no AWS page or sample found that attaches a policy to ssmmessages " +
            "(the data-perimeter samples cover ssm only; the old PrivateLink table listed Systems Manager as " +
            "not supporting policies). Classified conservatively: no policy attribute, so the default " +
            "full-access policy applies. Zone name follows the <svc>.<region>.amazonaws.com rule (unverified " +
            "against DescribeVpcEndpointServices). Session Manager and, with SSM Agent >= 3.3.40.0, Run Command " +
            "use this endpoint.",
        source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-setting-up-messageAPIs.html",
    },
    ec2messages: {
        service: "ec2messages",
        zoneName: regional("ec2messages"),
        records: [""],
        policy: "unsupported",
        note:
            "VpcEndpointPolicySupported=false and PrivateDnsName ec2messages.<region>.amazonaws.com in the AWS " +
            "CLI describe-vpc-endpoint-services example (old; no newer evidence found). REPORTED, not verified " +
            "in AWS docs: AWS is retiring the ec2messages endpoint on 2026-09-30 (AWS Health notice quoted in " +
            "ministryofjustice/modernisation-platform#13918); SSM Agent >= 3.3.40.0 uses ssmmessages instead. " +
            "Kept in the defaults for older agents; drop it once all agents are upgraded.",
        // https://github.com/aws/aws-cli/blob/develop/awscli/examples/ec2/describe-vpc-endpoint-services.rst
        // https://github.com/ministryofjustice/modernisation-platform/issues/13918
        source: "https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-setting-up-messageAPIs.html",
    },
    ec2: {
        service: "ec2",
        zoneName: regional("ec2"),
        records: [""],
        policy: "restrictable",
        note:
            "EC2 page documents custom endpoint policies (the 2018 CLI example still showed false; it changed). " +
            "An identity-only policy does not affect launching from Amazon-owned AMIs; a resource perimeter " +
            "would (see data-perimeter vpc_endpoint_policies/ec2_endpoint_policy.json).",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/interface-vpc-endpoints.html",
    },
    sts: {
        service: "sts",
        zoneName: regional("sts"),
        records: [""],
        policy: "restrictable",
        note:
            "AssumeRoleWithWebIdentity and AssumeRoleWithSAML are unauthenticated calls, so aws:PrincipalAccount / " +
            "aws:PrincipalOrgID are absent: a principal-only policy blocks OIDC (EKS IRSA, GitHub Actions) and SAML " +
            "federation. endpointPolicyDocument adds a Federated statement allowing those two actions into " +
            "roles of the org/account (modelled on data-perimeter vpc_endpoint_policies/sts_endpoint_policy.json). " +
            "Only the regional endpoint sts.<region>.amazonaws.com is served; callers using the global " +
            "sts.amazonaws.com endpoint bypass the hub.",
        // https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/sts_endpoint_policy.json
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts_vpce.html",
    },
    kms: {
        service: "kms",
        zoneName: regional("kms"),
        records: [""],
        policy: "restrictable",
        note: "Policy support per the old PrivateLink table (Yes) and the KMS page's endpoint-policy section.",
        source: "https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html",
    },
    logs: {
        service: "logs",
        zoneName: regional("logs"),
        records: [""],
        policy: "restrictable",
        note: "Policy support per the old PrivateLink table (Yes).",
        source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-and-interface-VPC.html",
    },
    monitoring: {
        service: "monitoring",
        zoneName: regional("monitoring"),
        records: [""],
        policy: "restrictable",
        note: "CloudWatch metrics API. Policy support per the old PrivateLink table (Yes).",
        source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-interface-VPC.html",
    },
    "ecr.api": {
        service: "ecr.api",
        zoneName: regional("api.ecr"),
        records: [""],
        policy: "restrictable",
        note:
            "Zone is api.ecr.<region>.amazonaws.com, NOT ecr.api.… (real CreateVpcEndpoint DnsEntries; the wrong " +
            "order is a known bug in aws-secure-environment-accelerator#809 and landing-zone-accelerator-on-aws#173). " +
            "Image layers are downloaded from S3 (prod-<region>-starport-layer-bucket) through a presigned URL " +
            "signed by an ECR-owned account, so a principal-restricted S3 endpoint policy must allow that bucket " +
            "(endpointPolicyDocument('s3', …) does).",
        // https://github.com/aws-samples/aws-secure-environment-accelerator/issues/809
        source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
    },
    "ecr.dkr": {
        service: "ecr.dkr",
        zoneName: regional("dkr.ecr"),
        records: ["", "*"],
        policy: "restrictable",
        note:
            "AWS publishes both dkr.ecr.<region>.amazonaws.com and *.dkr.ecr.<region>.amazonaws.com (real " +
            "CreateVpcEndpoint DnsEntries); registries are <account>.dkr.ecr.<region>.amazonaws.com, hence the " +
            "wildcard. Same S3 layer-bucket caveat as ecr.api.",
        source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
    },
    secretsmanager: {
        service: "secretsmanager",
        zoneName: regional("secretsmanager"),
        records: [""],
        policy: "restrictable",
        note: "Private DNS seen in a real CreateVpcEndpoint output. Policy support per the old PrivateLink table (Yes).",
        source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html",
    },
    sqs: {
        service: "sqs",
        zoneName: regional("sqs"),
        records: [""],
        policy: "restrictable",
        note:
            "SQS says clients in a VPC must use sqs.<region>.amazonaws.com (or the dual-stack sqs.<region>.api.aws). " +
            "Legacy queue URLs (queue.amazonaws.com, <region>.queue.amazonaws.com) and the api.aws name are not " +
            "covered by this zone (unverified whether they are in PrivateDnsNames).",
        source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-internetwork-traffic-privacy.html",
    },
    sns: {
        service: "sns",
        zoneName: regional("sns"),
        records: [""],
        policy: "restrictable",
        note: "Policy support per the old PrivateLink table (Yes).",
        source: "https://docs.aws.amazon.com/sns/latest/dg/sns-vpc.html",
    },
    elasticloadbalancing: {
        service: "elasticloadbalancing",
        zoneName: regional("elasticloadbalancing"),
        records: [""],
        policy: "restrictable",
        note:
            "Policy support per the old PrivateLink table (Yes, with an ELB endpoint-policy section); the older " +
            "CLI example showed false, so confirm VpcEndpointPolicySupported before attaching a policy.",
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/load-balancer-vpc-endpoints.html",
    },
    autoscaling: {
        service: "autoscaling",
        zoneName: regional("autoscaling"),
        records: [""],
        policy: "restrictable",
        note: "EC2 Auto Scaling API. Policy support per the old PrivateLink table (Yes).",
        source: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-vpc-endpoints.html",
    },
    ecs: {
        service: "ecs",
        zoneName: regional("ecs"),
        records: [""],
        policy: "restrictable",
        note:
            "The current ECS page has 'Creating a VPC endpoint policy for Amazon ECS' (older versions said " +
            "endpoint policies were not supported). ECS says: with your own PHZs instead of private DNS, create " +
            "zones only for ecs., ecs-a. and ecs-t.<region>.amazonaws.com. DiscoverPollEndpoint must go through " +
            "this endpoint, or the agent is sent to public numbered hosts (ecs-a-1.…).",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
    },
    "ecs-agent": {
        service: "ecs-agent",
        zoneName: regional("ecs-a"),
        records: [""],
        policy: "unsupported",
        note:
            "Zone is ecs-a.<region>.amazonaws.com (ECS page; real DnsEntries). No wildcard: numbered hosts " +
            "(ecs-a-1.…) are only returned when DiscoverPollEndpoint bypasses the ecs endpoint. Policy support " +
            "UNVERIFIED for this endpoint (the ECS policy section does not name it); classified conservatively: " +
            "no policy attribute.",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
    },
    "ecs-telemetry": {
        service: "ecs-telemetry",
        zoneName: regional("ecs-t"),
        records: [""],
        policy: "unsupported",
        note:
            "Zone is ecs-t.<region>.amazonaws.com (ECS page; real DnsEntries). Policy support UNVERIFIED; " +
            "classified conservatively: no policy attribute.",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
    },
    events: {
        service: "events",
        zoneName: regional("events"),
        records: [""],
        policy: "restrictable",
        note: "EventBridge. Policy support per the old PrivateLink table (Yes).",
        source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eventbridge-and-interface-VPC.html",
    },
    lambda: {
        service: "lambda",
        zoneName: regional("lambda"),
        records: [""],
        policy: "restrictable",
        note: "Policy support per the old PrivateLink table (Yes); data-perimeter ships lambda_endpoint_policy.json.",
        source: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-endpoints.html",
    },
    "execute-api": {
        service: "execute-api",
        zoneName: regional("execute-api"),
        records: ["", "*"],
        policy: "restrictable",
        note:
            "Private DNS name is *.execute-api.<region>.amazonaws.com (AWS knowledge center); the apex is also " +
            "registered (observed, third-party). Associating this zone with a VPC makes every API Gateway default " +
            "invoke URL in that Region resolve to the endpoint, and PUBLIC APIs then answer 403 from that VPC " +
            "(call them through custom domain names). Most private APIs are not IAM-authorised, so " +
            "aws:PrincipalAccount is absent: endpointPolicyDocument restricts by API owner (resource) instead of " +
            "by principal. The data-perimeter 'no endpoint policies' note for API Gateway concerns the apigateway " +
            "management endpoint, not execute-api.",
        // https://repost.aws/knowledge-center/api-gateway-vpc-connections
        source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html",
    },
    s3: {
        service: "s3",
        zoneName: regional("s3"),
        records: ["", "*"],
        policy: "restrictable",
        note:
            "Interface endpoint. Do NOT associate this zone with a VPC in the same Region that relies on an S3 " +
            "gateway endpoint: it overrides it (docs/architecture.md). The endpoint's regional DNS name begins with " +
            "'*.' (strip it). AWS's private DNS for S3 also covers s3-control.<region> and s3-accesspoint.<region> " +
            "(S3 private-DNS blog); this single zone covers buckets only: access points and S3 Control need " +
            "their own zones (not modelled). A principal-restricted policy must allow AWS-owned buckets " +
            "(ECR layers, yum repos, SSM agent): endpointPolicyDocument('s3', scope, { region }) adds them.",
        // https://aws.amazon.com/blogs/storage/introducing-private-dns-support-for-amazon-s3-with-aws-privatelink/
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html",
    },
    dynamodb: {
        service: "dynamodb",
        zoneName: regional("dynamodb"),
        records: [],
        policy: "restrictable",
        hostedZone: false,
        note:
            "Interface endpoints exist (since March 2024) but AWS PrivateLink for DynamoDB does not support private " +
            "DNS, and the DynamoDB guide says: do not create private hosted zones to override dynamodb.<region>." +
            "amazonaws.com; clients must use the endpoint URL (https://vpce-….dynamodb.<region>.vpce.amazonaws.com). " +
            "So no zone is created. In-VPC traffic should use the gateway endpoint.",
        source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/privatelink-interface-endpoints.html",
    },
} satisfies Record<string, InterfaceServiceSpec>);

/** Services that have gateway endpoints (route-table entries; free; one per VPC, never shared). */
export const GATEWAY_SERVICES = ["s3", "dynamodb"] as const;

/** A service that has a gateway endpoint. */
export type GatewayService = (typeof GATEWAY_SERVICES)[number];

/** Type guard for {@link GatewayService}. */
export function isGatewayService(service: string): service is GatewayService {
    return (GATEWAY_SERVICES as readonly string[]).includes(service);
}

/**
 * AWS services an interface endpoint may reach in ANOTHER Region (`serviceRegion` on the endpoint),
 * short names as in `com.amazonaws.<region>.<service>`; `iam` and `route53` have Region-less names
 * (`com.amazonaws.iam`, `com.amazonaws.route53`). Every other AWS service is same-Region only: an
 * endpoint to it with another `serviceRegion` is refused by CreateVpcEndpoint. Copied from the
 * PrivateLink guide, "Cross-region enabled AWS services" (checked 2026-12):
 * https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html
 * (the list per source Region: `aws ec2 describe-vpc-endpoint-services --service-region <r>`).
 * The pack's copy (policy-pack/lib/aws-facts.ts) is drift-tested against this list.
 */
export const CROSS_REGION_SERVICES: readonly string[] = Object.freeze([
    "s3",
    "iam",
    "ecr.api",
    "ecr.dkr",
    "kms",
    "kms-fips",
    "ecs",
    "lambda",
    "kinesis-firehose",
    "kinesisanalytics",
    "kinesisanalytics-fips",
    "route53",
]);

/**
 * Landing-zone default set of centralised interface endpoints: SSM (Session Manager, Run Command),
 * EC2 API, STS, KMS, CloudWatch Logs and metrics, ECR, Secrets Manager.
 * Deliberately NOT `s3`: a same-region S3 zone would override the spokes' S3 gateway endpoints.
 * `ec2messages` is reported to be retired on 2026-09-30 (see its note); it stays for older SSM agents.
 */
export const DEFAULT_INTERFACE_SERVICES: readonly string[] = Object.freeze([
    "ssm",
    "ssmmessages",
    "ec2messages",
    "ec2",
    "sts",
    "kms",
    "logs",
    "monitoring",
    "ecr.api",
    "ecr.dkr",
    "secretsmanager",
]);

/**
 * Full service name to pass to the VPC endpoint: `com.amazonaws.<region>.<service>`.
 * @param region e.g. `eu-west-2`
 * @param service short name, e.g. `ecr.api`
 */
export function interfaceServiceName(region: string, service: string): string {
    return `com.amazonaws.${region}.${service}`;
}

/**
 * The table entry for a short service name, or `undefined` if the hub does not know it.
 * Only own keys count (so `constructor` or `toString` are not "services").
 */
export function lookupInterfaceService(service: string): InterfaceServiceSpec | undefined {
    return Object.prototype.hasOwnProperty.call(INTERFACE_SERVICES, service) ? INTERFACE_SERVICES[service] : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Endpoint policies
// ---------------------------------------------------------------------------------------------------

/**
 * Who is trusted: one account, the declared accounts of a multi-account stack outside an organisation
 * (`aws:PrincipalAccount` with a list of values matches any of them: a condition key with several values
 * is an OR), or every account of an AWS Organizations organization.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 */
export type EndpointPolicyScope =
    { readonly accountId: string } | { readonly accountIds: readonly string[] } | { readonly organizationId: string };

/** Extra inputs some services need. */
export interface EndpointPolicyOptions {
    /** Region of the endpoint. Required for `s3` (AWS-owned bucket names contain the Region). */
    readonly region?: string;
}

type Principal = "*" | { readonly Federated: "*" };

/** Key order is fixed by construction (JSON.stringify keeps insertion order), so output is stable. */
interface Statement {
    readonly Sid?: string;
    readonly Effect: "Allow";
    readonly Principal: Principal;
    readonly Action: string | readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

interface PolicyDocument {
    readonly Version?: "2012-10-17";
    readonly Statement: readonly Statement[];
}

/**
 * The policy AWS attaches when none is given ("Default endpoint policy", full access). Exactly AWS's text,
 * without a Version element: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
export const FULL_ACCESS_ENDPOINT_POLICY: string = JSON.stringify({
    Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
} satisfies PolicyDocument);

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * AWS-owned S3 objects that principals outside your org (or no principal at all) fetch through an S3
 * endpoint: ECR image layers (presigned by an ECR account), Amazon Linux repos, SSM Agent, CloudWatch
 * agent, CodeDeploy agent, Image Builder, MGN/DRS agents, CloudFormation wait conditions and custom
 * resource responses, Nitro Enclaves ACM. Copied from the "AllowRequestsToAWSOwnedResources" statement of
 * https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/s3_endpoint_policy.json
 * (s3:GetObject only).
 */
function awsOwnedS3Objects(region: string): readonly string[] {
    const r = region;
    const noDashes = region.replace(/-/g, "");
    return [
        `arn:aws:s3:::packages.${r}.amazonaws.com/*`,
        `arn:aws:s3:::repo.${r}.amazonaws.com/*`,
        `arn:aws:s3:::amazonlinux.${r}.amazonaws.com/*`,
        `arn:aws:s3:::amazonlinux-2-repos-${r}/*`,
        `arn:aws:s3:::al2023-repos-${r}-de612dc2/*`,
        `arn:aws:s3:::al2023-${r}/*`,
        `arn:aws:s3:::repo.${r}.emr.amazonaws.com/*`,
        `arn:aws:s3:::prod.${r}.appinfo.src/*`,
        `arn:aws:s3:::aws-ssm-${r}/*`,
        `arn:aws:s3:::aws-windows-downloads-${r}/*`,
        `arn:aws:s3:::amazon-ssm-${r}/*`,
        `arn:aws:s3:::amazon-ssm-packages-${r}/*`,
        `arn:aws:s3:::${r}-birdwatcher-prod/*`,
        `arn:aws:s3:::aws-ssm-distributor-file-${r}/*`,
        `arn:aws:s3:::aws-ssm-document-attachments-${r}/*`,
        `arn:aws:s3:::patch-baseline-snapshot-${r}/*`,
        `arn:aws:s3:::aws-patchmanager-macos-${r}/*`,
        `arn:aws:s3:::amazoncloudwatch-agent-${r}/*`,
        `arn:aws:s3:::amazoncloudwatch-agent/*`,
        `arn:aws:s3:::aws-codedeploy-${r}/*`,
        `arn:aws:s3:::ec2imagebuilder-toe-${r}-prod/*`,
        `arn:aws:s3:::ec2imagebuilder-managed-resources-${r}-prod/components/*`,
        `arn:aws:s3:::prod-${r}-starport-layer-bucket/*`,
        `arn:aws:s3:::aws-mgn-clients-${r}/*`,
        `arn:aws:s3:::aws-mgn-clients-hashes-${r}/*`,
        `arn:aws:s3:::aws-mgn-internal-${r}/*`,
        `arn:aws:s3:::aws-mgn-internal-hashes-${r}/*`,
        `arn:aws:s3:::aws-application-migration-service-${r}/*`,
        `arn:aws:s3:::aws-application-migration-service-hashes-${r}/*`,
        `arn:aws:s3:::aws-drs-clients-${r}/*`,
        `arn:aws:s3:::aws-drs-clients-hashes-${r}/*`,
        `arn:aws:s3:::aws-drs-internal-${r}/*`,
        `arn:aws:s3:::aws-drs-internal-hashes-${r}/*`,
        `arn:aws:s3:::aws-elastic-disaster-recovery-${r}/*`,
        `arn:aws:s3:::aws-elastic-disaster-recovery-hashes-${r}/*`,
        `arn:aws:s3:::cloudformation-waitcondition-${r}/*`,
        `arn:aws:s3:::cloudformation-custom-resource-response-${noDashes}/*`,
        `arn:aws:s3:::aws-ec2-enclave-certificate-${r}-prod/*`,
    ];
}

/**
 * Endpoint policy (JSON text, stable key order) for a service's endpoint, or `undefined` when no policy
 * attribute should be set.
 *
 * - `"restrictable"`: allows requests whose principal belongs to the account (`aws:PrincipalAccount`) or
 *   organization (`aws:PrincipalOrgID`), plus AWS service principals (`aws:PrincipalIsAWSService`), as in
 *   aws-samples/data-perimeter-policy-examples `vpc_endpoint_policies/default_endpoint_policy.json`. It is
 *   an identity perimeter only: no `aws:ResourceOrgID` condition, so AWS-owned resources (public SSM
 *   parameters, Amazon AMIs, EKS add-on images in AWS-owned ECR) stay reachable. Service specifics:
 *   - `sts`: adds `{"Federated":"*"}` → `sts:AssumeRoleWithSAML` / `sts:AssumeRoleWithWebIdentity` into
 *     roles owned by the org (`aws:ResourceOrgID`) / account (`aws:ResourceAccount`); those calls are
 *     unauthenticated, so the principal keys are absent (data-perimeter `sts_endpoint_policy.json`).
 *   - `s3`: adds `s3:GetObject` on AWS-owned buckets (data-perimeter `s3_endpoint_policy.json`); needs
 *     `options.region`. Works for interface and gateway endpoints (Principal is `"*"`, as gateway
 *     endpoints require).
 *   - `execute-api`: restricts by API owner instead of principal (private APIs are usually invoked
 *     without IAM signatures): account scope → `Resource: arn:aws:execute-api:*:<account>:*`; org scope →
 *     `aws:ResourceOrgID` (UNVERIFIED that execute-api populates this key: test before use).
 * - `"full-access-only"`: {@link FULL_ACCESS_ENDPOINT_POLICY}, AWS's default full-access document.
 * - `"unsupported"`: `undefined` (do not set the policy attribute; AWS applies full access).
 *
 * A centralised hub endpoint is used by every spoke account: use `{ organizationId }` there. An
 * `{ accountId }` policy on the hub admits only the hub account's own principals.
 *
 * @throws on an unknown service, a malformed account/organization ID, or `s3` without a valid region.
 */
export function endpointPolicyDocument(
    service: string,
    scope: EndpointPolicyScope,
    options: EndpointPolicyOptions = {},
): string | undefined {
    const spec = lookupInterfaceService(service);
    if (spec === undefined) {
        throw new Error(`endpointPolicyDocument: unknown service "${service}"`);
    }
    if (spec.policy === "unsupported") {
        return undefined;
    }
    if (spec.policy === "full-access-only") {
        return FULL_ACCESS_ENDPOINT_POLICY;
    }

    const byAccount = !("organizationId" in scope);
    // One account stays a plain string (the documents of single-account stacks are unchanged).
    const trusted: string | readonly string[] =
        "accountIds" in scope
            ? scope.accountIds.length === 1
                ? scope.accountIds[0]
                : [...scope.accountIds]
            : "accountId" in scope
              ? scope.accountId
              : scope.organizationId;
    for (const t of typeof trusted === "string" ? [trusted] : trusted) {
        if (byAccount ? !ACCOUNT_ID.test(t) : !ORGANIZATION_ID.test(t)) {
            throw new Error(`endpointPolicyDocument: malformed ${byAccount ? "account ID" : "organization ID"} "${t}"`);
        }
    }
    if (typeof trusted !== "string" && trusted.length === 0) {
        throw new Error("endpointPolicyDocument: an empty account list admits nobody");
    }
    const principalKey = byAccount ? "aws:PrincipalAccount" : "aws:PrincipalOrgID";
    const resourceKey = byAccount ? "aws:ResourceAccount" : "aws:ResourceOrgID";
    const who = byAccount ? "Account" : "Org";

    const statements: Statement[] = [];

    if (service === "execute-api") {
        statements.push(
            byAccount
                ? {
                      Sid: "AllowInvokeOfAccountApis",
                      Effect: "Allow",
                      Principal: "*",
                      Action: "*",
                      Resource:
                          typeof trusted === "string"
                              ? `arn:aws:execute-api:*:${trusted}:*`
                              : trusted.map((a) => `arn:aws:execute-api:*:${a}:*`),
                  }
                : {
                      Sid: "AllowInvokeOfOrgApis",
                      Effect: "Allow",
                      Principal: "*",
                      Action: "*",
                      Resource: "*",
                      Condition: { StringEquals: { [resourceKey]: trusted } },
                  },
        );
        return JSON.stringify({ Version: "2012-10-17", Statement: statements } satisfies PolicyDocument);
    }

    statements.push(
        {
            Sid: `AllowRequestsBy${who}Identities`,
            Effect: "Allow",
            Principal: "*",
            Action: "*",
            Resource: "*",
            Condition: { StringEquals: { [principalKey]: trusted } },
        },
        {
            Sid: "AllowRequestsByAWSServicePrincipals",
            Effect: "Allow",
            Principal: "*",
            Action: "*",
            Resource: "*",
            Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } },
        },
    );

    if (service === "sts") {
        statements.push({
            Sid: `AllowFederatedAssumptionOf${who}Roles`,
            Effect: "Allow",
            Principal: { Federated: "*" },
            Action: ["sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"],
            Resource: "*",
            Condition: { StringEquals: { [resourceKey]: trusted } },
        });
    }

    if (service === "s3") {
        const region = options.region;
        if (region === undefined || !REGION.test(region)) {
            throw new Error(`endpointPolicyDocument: "s3" needs options.region (got ${JSON.stringify(region)})`);
        }
        statements.push({
            Sid: "AllowRequestsToAWSOwnedResources",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: awsOwnedS3Objects(region),
        });
    }

    return JSON.stringify({ Version: "2012-10-17", Statement: statements } satisfies PolicyDocument);
}
