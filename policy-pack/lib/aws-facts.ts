/**
 * The AWS facts the pack relies on, in one table with one set of key names.
 *
 * The program has the authoritative tables (components/aws/endpoint-services.ts: zone names, records
 * and endpoint-policy support per service; components/config: quota defaults). The pack is installed
 * and run on its own (`--policy-pack ./policy-pack`), so it cannot import them: this is a copy, and
 * tests/policy-pack/aws-facts.spec.ts fails when it drifts from the program's tables. Policies take
 * their config defaults from here; a user overrides them in the pack config, never by editing this file.
 *
 * Key names follow the program: quotas use the names of the stack config's `quotas` block.
 *
 * @module
 */

/** Per-service DNS and policy facts (short service names as in `com.amazonaws.<region>.<service>`). */
export interface ServiceFacts {
    /**
     * Zone-name prefix where it differs from the service name: the hub's private hosted zone is
     * `<prefix>.<region>.amazonaws.com`, AWS's published `PrivateDnsNames` without a leading `*.`
     * (e.g. ECR API is `api.ecr.<region>.amazonaws.com`, not `ecr.api.…`).
     */
    readonly zonePrefixes: Readonly<Record<string, string>>;
    /** Services whose clients call sub-domains of the zone name, so the zone needs a `*` record too. */
    readonly wildcardServices: readonly string[];
    /** Services AWS publishes no private DNS name for (or says not to override): no zone at all. */
    readonly servicesWithoutZone: readonly string[];
    /** Services whose endpoints take no endpoint policy (AWS then applies full access). */
    readonly servicesWithoutPolicySupport: readonly string[];
    /**
     * Services an interface endpoint may reach in another Region (`serviceRegion`); `iam` and `route53`
     * have Region-less names (`com.amazonaws.iam`). PrivateLink guide, "Cross-region enabled AWS
     * services": https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html
     */
    readonly crossRegionServices: readonly string[];
}

/**
 * AWS default quotas that shape the design (Amazon VPC, Transit Gateway and Route 53 quotas pages):
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html,
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html
 */
export interface QuotaFacts {
    /** Interface endpoints per VPC. */
    readonly interfaceEndpointsPerVpc: number;
    /** Active VPC peering connections per VPC (default 50, adjustable to 125). */
    readonly peeringsPerVpc: number;
    /** Peering attachments per transit gateway. */
    readonly peeringAttachmentsPerTransitGateway: number;
    /** VPCs associated with one private hosted zone. */
    readonly vpcsPerHostedZone: number;
    /** VPCs associated with one Route 53 Profile (AssociateProfile API reference: 1000, adjustable). */
    readonly vpcsPerProfile: number;
    /** Inbound rules per security group (IPv4 and IPv6 count separately). */
    readonly inboundRulesPerSecurityGroup: number;
    /** Routes per VPC route table (non-propagated). */
    readonly routesPerRouteTable: number;
    /** Route tables per transit gateway. */
    readonly routeTablesPerTransitGateway: number;
}

/** The pack's copy of the AWS facts. */
export const AWS_FACTS: { readonly services: ServiceFacts; readonly quotas: QuotaFacts } = {
    services: {
        zonePrefixes: { "ecr.api": "api.ecr", "ecr.dkr": "dkr.ecr", "ecs-agent": "ecs-a", "ecs-telemetry": "ecs-t" },
        wildcardServices: ["ecr.dkr", "execute-api", "s3"],
        servicesWithoutZone: ["dynamodb"],
        servicesWithoutPolicySupport: ["ssmmessages", "ec2messages", "ecs-agent", "ecs-telemetry"],
        crossRegionServices: [
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
        ],
    },
    quotas: {
        interfaceEndpointsPerVpc: 50,
        peeringsPerVpc: 50,
        peeringAttachmentsPerTransitGateway: 50,
        vpcsPerHostedZone: 300,
        vpcsPerProfile: 1000,
        inboundRulesPerSecurityGroup: 60,
        routesPerRouteTable: 50,
        routeTablesPerTransitGateway: 20,
    },
};
