/**
 * Dated AWS price table for the regions this project plans for, used by the offline cost estimate.
 * (Being filled in from AWS pricing pages; every number carries its source and the date it was read.)
 *
 * How the numbers were obtained (2026-11-22, from stored copies of public material; no live AWS page or
 * Price List file was fetched from this machine):
 *
 * - The regional tables on aws.amazon.com/<service>/pricing/ render from JavaScript placeholders, so the
 *   stored copies of those pages carry the billing rules and worked examples but not the per-region
 *   rates. Where an official page states a number (PrivateLink data tiers, the Transit Gateway and NAT
 *   worked examples, Route 53 zones) it is cited directly.
 * - Most regional rates come from the AWS Price List bulk files
 *   (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<OfferCode>/current/<region>/index.json).
 *   Those files were not fetched here either: the value was read from a public repository document or
 *   test fixture that transcribes the named file and usage type, found by code search. Such sources say
 *   "[Price List; via public-repo transcription]" and `read` is the publication/fetch date that
 *   transcription gives for the file (or 2026-11-22 when it gives none; said so in a comment).
 * - Third-party pages (FinOps blogs, calculators) are cited by URL where they state the rate for the region.
 * - Anything not found for a region is marked `// estimated: <why>` and its `source` starts with
 *   "estimated from …" (see `isEstimated`). Re-verify those before quoting a figure.
 *
 * Regions asked for but not priced (no data found cheaply): us-west-2, eu-west-3, eu-north-1. They are
 * left out on purpose so the cost report lists them as unpriced instead of silently guessing.
 */
export interface Price {
    /** USD. */
    readonly usd: number;
    /** Where the number comes from (URL) and when it was read (ISO date). */
    readonly source: string;
    readonly read: string;
}

export interface RegionPrices {
    /** Interface endpoint, per endpoint per AZ per hour. */
    readonly interfaceEndpointAzHour: Price;
    /** Interface endpoint data processed, per GB (first tier). */
    readonly interfaceEndpointGb: Price;
    /** Transit gateway attachment (VPC or peering), per attachment per hour. */
    readonly tgwAttachmentHour: Price;
    /** Transit gateway data processed, per GB. */
    readonly tgwGb: Price;
    /** Network Load Balancer, per hour. */
    readonly nlbHour: Price;
    /** Network Load Balancer capacity unit (NLCU), per hour. */
    readonly nlcuHour: Price;
    /** NAT gateway, per hour. */
    readonly natGatewayHour: Price;
    /** NAT gateway data processed, per GB. */
    readonly natGatewayGb: Price;
    /** Data transfer out of this region to another AWS region, per GB. */
    readonly interRegionGb: Price;
    /** EC2 on-demand price per hour, by instance type (Linux). */
    readonly ec2Hour: Readonly<Record<string, Price>>;
    /** CloudWatch Logs ingestion (vended logs such as VPC flow logs, first tier), per GB. */
    readonly flowLogIngestGb: Price;
}

export interface GlobalPrices {
    /** Route 53 hosted zone per month (first 25 zones). */
    readonly hostedZoneMonth: Price;
    /** Hours per month used for monthly estimates. */
    readonly hoursPerMonth: number;
}

/** Earliest to latest `read` date in this table. */
export const PRICES_READ = "2021-08-30 to 2026-11-22 (most rates 2026-09-01 to 2026-11-22; see each Price)";

/** True when a price was not found for its region and was carried over or derived (see its source). */
export function isEstimated(p: Price): boolean {
    return p.source.startsWith("estimated");
}

const price = (usd: number, source: string, read: string): Price => ({ usd, source, read });

/** Date the sources below were read; used as `read` where the stored source carries no date. */
const READ_UNDATED = "2026-11-22";
const PRICE_LIST = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws";
const VIA = "[Price List; via public-repo transcription]";
const priceList = (offer: string, region: string, detail: string) =>
    `${PRICE_LIST}/${offer}/current/${region}/index.json (${detail}) ${VIA}`;

// Sources used by more than one region.
const PRIVATELINK_PAGE = "https://aws.amazon.com/privatelink/pricing/";
const TGW_PAGE = "https://aws.amazon.com/transit-gateway/pricing/";
/** States "$0.05 per attachment per hour, $0.02 per GB processed. Same in US and EU" (article dated 2026-05-08). */
const TGW_EU = "https://cloud-horizons.com/blog/transit-gateway-the-tax-on-multi-vpc/";
const TGW_PEERING_BLOG =
    "https://aws.amazon.com/blogs/networking-and-content-delivery/aws-transit-gateway-now-supports-intra-region-peering/";
/** Says inter-region transfer is charged at the source region's rate, "for most regions $0.02/GB" (undated). */
const INTER_REGION_GENERIC = "https://awscostguide.notion.site/Regions-AZ-and-data-transfer-costs-47d9c039e623473dbe989bd9babbfe2a";
/** Third-party table: Europe (Ireland, Frankfurt, London) NAT ~$0.048–$0.052 per hour and per GB (undated). */
const NAT_EU_RANGE = "https://cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026/";

/**
 * PrivateLink interface-endpoint data processing tiers. They apply to the total processed by all interface
 * endpoints of an account in one region per month (not per endpoint); the table uses the first tier.
 * Official page text (stored copy, undated): First 1 PB $0.01, Next 4 PB $0.006, over 5 PB $0.004.
 */
export const PRIVATELINK_GB_TIERS: readonly { readonly upToGb: number; readonly usd: number }[] = [
    { upToGb: 1_000_000, usd: 0.01 },
    { upToGb: 5_000_000, usd: 0.006 },
    { upToGb: Number.POSITIVE_INFINITY, usd: 0.004 },
];

/**
 * Transit Gateway peering attachments, as billed (checked 2026-11-22):
 *
 * - Hourly: yes. "There is a Transit Gateway attachment-hour charge for peering attachments, and it is the
 *   same for both intra-region and inter-region peering attachments" (AWS Networking blog, TGW_PEERING_BLOG,
 *   updated 2024-09-09). So `tgwAttachmentHour` applies to a peering attachment like a VPC attachment.
 * - Data processing: no, not for data arriving over the peering. "Transit Gateway data processing charges
 *   apply to the sender attachment such as VPC, AWS Site-to-Site VPN, and AWS Direct Connect. There are no
 *   data processing charges for data sent from a peering attachment to a Transit Gateway" (same blog; the
 *   TGW pricing page says the same and adds that data over a peering attachment incurs the standard
 *   inter-Region data transfer charges of the EC2 on-demand pricing page).
 *
 * How to cost a hub-and-spoke over TGW peering: each byte pays `tgwGb` once, in the region of the VPC that
 * sent it (the TGW it enters from its VPC attachment), plus `interRegionGb` of the sending region once when
 * it crosses regions; the receiving TGW adds nothing. Do not charge `tgwGb` on both TGWs for the same byte.
 * (offline/cost.ts charges spoke->hub traffic at the spoke's TGW and hub->spoke at the hub's, which matches.)
 *
 * Open point: whether one peering is billed one attachment-hour or one per side (each TGW shows the
 * attachment) is not stated in the AWS sources found; one third-party page (awsnegotiations.com) says
 * "$0.05/hour per side, both regions charged". `billedSidesConservative` is that reading.
 */
export const TGW_PEERING = {
    attachmentHourBilled: true,
    billedSidesConservative: 2,
    /** Data processing for bytes arriving at a TGW over a peering attachment. */
    processingOfDataFromPeering: price(
        0,
        `${TGW_PEERING_BLOG} ("no data processing charges for data sent from a peering attachment to a Transit Gateway")`,
        "2024-09-09",
    ),
} as const;

/** Route 53 hosted zone per month beyond the first 25 zones (same sources as GLOBAL_PRICES.hostedZoneMonth). */
export const HOSTED_ZONE_MONTH_AFTER_25: Price = price(
    0.1,
    `https://aws.amazon.com/route53/pricing/ ($0.10 per zone-month after 25; as stated by https://ns1.com/resources/aws-dns and the Price List 'HostedZone' usage type ${VIA})`,
    READ_UNDATED,
);

/**
 * Route 53 Profiles, billed per AWS account and Region: one hourly charge covers the first 100
 * Profile-VPC associations of the Region, each association above 100 is billed per hour on top. The
 * official page renders its tables from placeholders in the stored copies; the figures below are its
 * text as transcribed, verbatim-checked, by a public repository's pricing harvest (read 2026-09-20):
 * "$0.75 per AWS account for up to 100 Profile-VPC associations" (per hour) and "$0.0014 per
 * Profile-VPC association per hour per AWS Region" beyond them. The page lists no per-Region rate for
 * Profiles, so one rate serves every Region. Associations in `dns.mode: associations` cost nothing.
 */
export const ROUTE53_PROFILES = {
    /** Per account and Region, per hour, up to `includedAssociations` VPC associations. */
    regionHour: price(
        0.75,
        'https://aws.amazon.com/route53/pricing/ (Route 53 Profiles: "$0.75 per AWS account for up to 100 Profile-VPC associations", per hour per Region; ' +
            "as transcribed in github.com/api-evangelist/amazon-route53-resolver plans/amazon-route53-resolver-plans-pricing.yml)",
        "2026-09-20",
    ),
    includedAssociations: 100,
    /** Per Profile-VPC association above the included ones, per hour. */
    additionalAssociationHour: price(
        0.0014,
        'https://aws.amazon.com/route53/pricing/ (Route 53 Profiles: "$0.0014 per Profile-VPC association per hour per AWS Region" above 100; ' +
            "as transcribed in github.com/api-evangelist/amazon-route53-resolver plans/amazon-route53-resolver-plans-pricing.yml)",
        "2026-09-20",
    ),
} as const;

/** Hourly Route 53 Profiles charge of one account in one Region with `associations` Profile-VPC associations (0: none). */
export function route53ProfilesHourlyUsd(associations: number): number {
    if (associations <= 0) {
        return 0;
    }
    const extra = Math.max(associations - ROUTE53_PROFILES.includedAssociations, 0);
    return ROUTE53_PROFILES.regionHour.usd + extra * ROUTE53_PROFILES.additionalAssociationHour.usd;
}

/** Monthly Route 53 hosted-zone charge for `zones` zones in one account: 25 at the first rate, the rest at the second. */
export function hostedZonesMonthlyUsd(zones: number): number {
    const first = Math.min(Math.max(zones, 0), 25);
    const rest = Math.max(zones - 25, 0);
    return first * GLOBAL_PRICES.hostedZoneMonth.usd + rest * HOSTED_ZONE_MONTH_AFTER_25.usd;
}

// ---------------------------------------------------------------------------------------------------------
// us-east-1 (N. Virginia)
// ---------------------------------------------------------------------------------------------------------
const US_EAST_1: RegionPrices = {
    // Third-party table of PrivateLink rates ("$0.01/hour per Interface Endpoint per AZ"); page "Updated May 2026",
    // day unknown, first of the month used.
    interfaceEndpointAzHour: price(
        0.01,
        "https://awsnegotiations.com/privatelink-cost-analysis.html ($0.01 per endpoint per AZ-hour)",
        "2026-05-01",
    ),
    // Official tier table; the stored page carries no date, read 2026-11-22.
    interfaceEndpointGb: price(0.01, `${PRIVATELINK_PAGE} (first 1 PB per region per month $0.01/GB)`, READ_UNDATED),
    // Official worked example ($0.05 per VPC attachment-hour, $0.02/GB) is set in US East (Ohio), as transcribed
    // from the page on 2026-09-20 (https://raw.githubusercontent.com/api-evangelist/amazon-transit-gateway/refs/heads/main/plans/amazon-transit-gateway-plans-pricing.yml);
    // N. Virginia by name is covered only by the third-party "same in US and EU" statement (TGW_EU).
    tgwAttachmentHour: price(
        0.05,
        `${TGW_PAGE} (worked example, US East (Ohio): $0.05 per VPC attachment-hour) and ${TGW_EU} ("same in US and EU")`,
        "2026-09-20",
    ),
    tgwGb: price(
        0.02,
        `${TGW_PAGE} (worked example, US East (Ohio): $0.02 per GB processed) and ${TGW_EU} ("same in US and EU")`,
        "2026-09-20",
    ),
    // Undated third-party pages stating the us-east-1 rates.
    nlbHour: price(0.0225, "https://clustercost.com/blog/network-load-balancer-pricing-2025 (NLB $0.0225/hour, us-east-1)", READ_UNDATED),
    nlcuHour: price(0.006, "https://awsnegotiations.com/blog/elastic-load-balancer-cost/ (NLB LCU $0.006/hour, US East)", READ_UNDATED),
    natGatewayHour: price(
        0.045,
        "https://basavytix.com/blog/aws-nat-gateway-pricing ($0.045/hour, us-east-1; the VPC pricing page's US East (Ohio) example shows the same)",
        READ_UNDATED,
    ),
    natGatewayGb: price(0.045, "https://basavytix.com/blog/aws-nat-gateway-pricing ($0.045/GB processed, us-east-1)", READ_UNDATED),
    // us-east-1 -> eu-west-1 and -> us-west-2 $0.02/GB. Note: us-east-1 <-> us-east-2 is $0.01/GB (same page).
    interRegionGb: price(
        0.02,
        "https://www.redresscompliance.com/aws-inter-region-transfer-costs-multiregion.html (us-east-1 to eu-west-1 $0.02/GB, charged by the source region)",
        READ_UNDATED,
    ),
    ec2Hour: {
        "t3.micro": price(0.0104, "https://cloud-bench.com/blog/aws-t3-micro-vs-t3-small (on-demand us-east-1 $0.0104/hr)", READ_UNDATED),
        "t3.small": price(0.0208, "https://cloud-bench.com/blog/aws-t3-micro-vs-t3-small (on-demand us-east-1 $0.0208/hr)", READ_UNDATED),
        // "$0.0416 per On Demand Linux t3.medium Instance Hour" in several transcribed us-east-1 billing lines (undated).
        "t3.medium": price(
            0.0416,
            priceList("AmazonEC2", "us-east-1", "BoxUsage:t3.medium, $0.0416 per On Demand Linux t3.medium Instance Hour"),
            READ_UNDATED,
        ),
        // aws pricing get-products output "$0.1008 per On Demand Linux m7i.large Instance Hour" (undated).
        "m7i.large": price(
            0.1008,
            priceList("AmazonEC2", "us-east-1", "BoxUsage:m7i.large, $0.1008 per On Demand Linux m7i.large Instance Hour"),
            READ_UNDATED,
        ),
    },
    // Vended logs delivered to CloudWatch Logs, first 10 TB/month; later tiers $0.25, $0.10, $0.05 (same source).
    flowLogIngestGb: price(
        0.5,
        "https://glama.fly.dev/mcp/servers/@aws-samples/sample-cfm-tips-mcp/blob/7063778fd7aebe2b95ef56a7ca5a4535dd4b74ff/services/cloudwatch_service_vended_log.py (aws-samples pricing table: first 10 TB $0.50/GB)",
        READ_UNDATED,
    ),
};

// ---------------------------------------------------------------------------------------------------------
// eu-west-2 (London)
// ---------------------------------------------------------------------------------------------------------
const EU_WEST_2: RegionPrices = {
    // Transcription lists "$0.011 per endpoint-hour; $0.01 per GB (first 1 PB)"; it gives no fetch date for this
    // file (written after 2026-09-28), so read 2026-11-22.
    interfaceEndpointAzHour: price(0.011, priceList("AmazonVPC", "eu-west-2", "EUW2-VpcEndpoint-Hours $0.011"), READ_UNDATED),
    interfaceEndpointGb: price(0.01, priceList("AmazonVPC", "eu-west-2", "EUW2-VpcEndpoint-Bytes $0.01, first 1 PB"), READ_UNDATED),
    // Third-party, stated for the US and EU as a group rather than for London by name.
    tgwAttachmentHour: price(0.05, `${TGW_EU} ($0.05 per attachment-hour, "same in US and EU")`, "2026-05-08"),
    tgwGb: price(0.02, `${TGW_EU} ($0.02 per GB processed, "same in US and EU")`, "2026-05-08"),
    // Row "Load Balancer-Network, EUW2-LoadBalancerUsage, 0.02646" of the AWSELB file published 2026-09-11.
    nlbHour: price(
        0.02646,
        priceList("AWSELB", "eu-west-2", "Load Balancer-Network, EUW2-LoadBalancerUsage $0.02646, published 2026-09-11"),
        "2026-09-11",
    ),
    // estimated: no London NLCU rate found. Nearest documented NLCU is us-east-1's $0.006; London's ALB LCU is
    // $0.0084 against us-east-1's $0.008, so the London NLCU may be ~5% above this.
    nlcuHour: price(
        0.006,
        "estimated from the us-east-1 NLCU rate (https://awsnegotiations.com/blog/elastic-load-balancer-cost/); no eu-west-2 NLCU source found",
        READ_UNDATED,
    ),
    natGatewayHour: price(0.05, priceList("AmazonEC2", "eu-west-2", "EUW2-NatGateway-Hours $0.05, published 2026-09-25"), "2026-09-25"),
    natGatewayGb: price(0.05, priceList("AmazonEC2", "eu-west-2", "EUW2-NatGateway-Bytes $0.05, published 2026-09-25"), "2026-09-25"),
    // estimated: only a generic "most regions $0.02/GB" statement was found, nothing naming London.
    interRegionGb: price(
        0.02,
        `estimated from ${INTER_REGION_GENERIC} ("for most regions $0.02/GB"); no eu-west-2 source found`,
        READ_UNDATED,
    ),
    ec2Hour: {
        "t3.micro": price(
            0.0118,
            priceList("AmazonEC2", "eu-west-2", "EUW2 t3.micro Linux on-demand, SKU 6BZBC9RT9Y98ZRJV, fetched 2026-09-18"),
            "2026-09-18",
        ),
        // estimated: t3 sizes are priced linearly (us-east-1 0.0104/0.0208/0.0416; London micro 0.0118, medium 0.0472).
        "t3.small": price(
            0.0236,
            "estimated from eu-west-2 t3.medium / 2 (linear t3 pricing); no eu-west-2 t3.small source found",
            READ_UNDATED,
        ),
        "t3.medium": price(
            0.0472,
            priceList("AmazonEC2", "eu-west-2", "EUW2-BoxUsage:t3.medium $0.0472, published 2026-09-25"),
            "2026-09-25",
        ),
        // estimated: us-east-1 m7i.large 0.1008 scaled by the London/us-east-1 t3.micro ratio (0.0118/0.0104).
        "m7i.large": price(
            0.1144,
            "estimated from us-east-1 m7i.large x (eu-west-2 / us-east-1 t3.micro); no eu-west-2 m7i.large source found",
            READ_UNDATED,
        ),
    },
    // Vended-log ingestion equals London's standard ingestion ($0.5985) in the same transcription.
    flowLogIngestGb: price(
        0.5985,
        priceList("AmazonCloudWatch", "eu-west-2", "EUW2-VendedLog-Bytes $0.5985, first 10 TB, published 2026-09-22"),
        "2026-09-22",
    ),
};

// ---------------------------------------------------------------------------------------------------------
// eu-west-1 (Ireland)
// ---------------------------------------------------------------------------------------------------------
const EU_WEST_1: RegionPrices = {
    // estimated: no Ireland endpoint-hour source found; nearest documented is London's $0.011 (Frankfurt $0.012).
    interfaceEndpointAzHour: price(
        0.011,
        "estimated from eu-west-2 (EUW2-VpcEndpoint-Hours $0.011); no eu-west-1 source found",
        READ_UNDATED,
    ),
    // estimated: the official tier table is not labelled by region; London and Frankfurt price lists both show $0.01.
    interfaceEndpointGb: price(
        0.01,
        `estimated from ${PRIVATELINK_PAGE} tier table and the eu-west-2/eu-central-1 price lists ($0.01); no eu-west-1 source found`,
        READ_UNDATED,
    ),
    tgwAttachmentHour: price(0.05, `${TGW_EU} ($0.05 per attachment-hour, "same in US and EU")`, "2026-05-08"),
    tgwGb: price(0.02, `${TGW_EU} ($0.02 per GB processed, "same in US and EU")`, "2026-05-08"),
    // estimated: an Ireland Cost Explorer extract (July 2026, in a public repo) bills EU-LoadBalancerUsage $15.00 for
    // 595 h of an ALB = $0.0252/h; NLB and ALB hourly rates are equal in the London price list.
    nlbHour: price(
        0.0252,
        "estimated from an eu-west-1 ALB bill line (EU-LoadBalancerUsage $15.00 / 595 h, Cost Explorer July 2026, public-repo transcription); NLB = ALB hourly in eu-west-2",
        "2026-07-31",
    ),
    // estimated: nearest documented NLCU rate (us-east-1).
    nlcuHour: price(
        0.006,
        "estimated from the us-east-1 NLCU rate (https://awsnegotiations.com/blog/elastic-load-balancer-cost/); no eu-west-1 NLCU source found",
        READ_UNDATED,
    ),
    // estimated: nearest documented rate is London's $0.05; a third-party range for Ireland/Frankfurt/London is
    // $0.048-$0.052, so this may be slightly high.
    natGatewayHour: price(
        0.05,
        `estimated from eu-west-2 (EUW2-NatGateway-Hours $0.05) and ${NAT_EU_RANGE} (EU range $0.048-$0.052); no eu-west-1 source found`,
        READ_UNDATED,
    ),
    natGatewayGb: price(
        0.05,
        `estimated from eu-west-2 (EUW2-NatGateway-Bytes $0.05) and ${NAT_EU_RANGE} (EU range $0.048-$0.052); no eu-west-1 source found`,
        READ_UNDATED,
    ),
    // estimated: generic statement only.
    interRegionGb: price(
        0.02,
        `estimated from ${INTER_REGION_GENERIC} ("for most regions $0.02/GB"); no eu-west-1 source found`,
        READ_UNDATED,
    ),
    ec2Hour: {
        // Pricing API product fixture: SKU DXH6X4VVFUT4EUU5, "EU-BoxUsage:t3.micro", "$0.0114 per On Demand Linux
        // t3.micro Instance Hour", effective 2026-09-01.
        "t3.micro": price(
            0.0114,
            priceList("AmazonEC2", "eu-west-1", "EU-BoxUsage:t3.micro $0.0114, SKU DXH6X4VVFUT4EUU5, effective 2026-09-01"),
            "2026-09-01",
        ),
        // estimated: linear t3 pricing from the Ireland t3.micro rate.
        "t3.small": price(
            0.0228,
            "estimated from eu-west-1 t3.micro x 2 (linear t3 pricing); no eu-west-1 t3.small source found",
            READ_UNDATED,
        ),
        "t3.medium": price(
            0.0456,
            "estimated from eu-west-1 t3.micro x 4 (linear t3 pricing); no eu-west-1 t3.medium source found",
            READ_UNDATED,
        ),
        // estimated: us-east-1 m7i.large scaled by the Ireland/us-east-1 t3.micro ratio (0.0114/0.0104).
        "m7i.large": price(
            0.1105,
            "estimated from us-east-1 m7i.large x (eu-west-1 / us-east-1 t3.micro); no eu-west-1 m7i.large source found",
            READ_UNDATED,
        ),
    },
    // estimated: nearest documented vended-log rate is London's.
    flowLogIngestGb: price(
        0.5985,
        "estimated from eu-west-2 (EUW2-VendedLog-Bytes $0.5985); no eu-west-1 vended-log source found",
        READ_UNDATED,
    ),
};

// ---------------------------------------------------------------------------------------------------------
// eu-central-1 (Frankfurt)
// ---------------------------------------------------------------------------------------------------------
const EU_CENTRAL_1: RegionPrices = {
    // Two transcriptions agree: "PrivateLink endpoint in two AZs 730 h x 2 x $0.012" (catalogs checked 2026-09-16) and
    // "EUC1-VpcEndpoint-Hours at $0.012/h" (pulled 2026-09-22).
    interfaceEndpointAzHour: price(
        0.012,
        priceList("AmazonVPC", "eu-central-1", "EUC1-VpcEndpoint-Hours $0.012, pulled 2026-09-22"),
        "2026-09-22",
    ),
    interfaceEndpointGb: price(
        0.01,
        priceList(
            "AmazonVPC",
            "eu-central-1",
            "VpcEndpoint, EUC1-VpcEndpoint-Bytes, endpointType PrivateLink, first tier $0.01, pulled 2026-09-22",
        ),
        "2026-09-22",
    ),
    tgwAttachmentHour: price(0.05, `${TGW_EU} ($0.05 per attachment-hour, "same in US and EU")`, "2026-05-08"),
    tgwGb: price(0.02, `${TGW_EU} ($0.02 per GB processed, "same in US and EU")`, "2026-05-08"),
    nlbHour: price(
        0.027,
        priceList("AWSELB", "eu-central-1", "internal network load balancer $0.027/h, catalogs checked 2026-09-16"),
        "2026-09-16",
    ),
    // estimated: nearest documented NLCU rate (us-east-1).
    nlcuHour: price(
        0.006,
        "estimated from the us-east-1 NLCU rate (https://awsnegotiations.com/blog/elastic-load-balancer-cost/); no eu-central-1 NLCU source found",
        READ_UNDATED,
    ),
    // Two transcriptions agree ($0.052/h and $0.052/GB; one cites https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/natgateway.json).
    natGatewayHour: price(0.052, priceList("AmazonEC2", "eu-central-1", "NAT gateway $0.052/h, catalogs checked 2026-09-16"), "2026-09-16"),
    natGatewayGb: price(
        0.052,
        priceList("AmazonEC2", "eu-central-1", "NAT gateway data processing $0.052/GB, catalogs checked 2026-09-16"),
        "2026-09-16",
    ),
    // estimated: generic statement only.
    interRegionGb: price(
        0.02,
        `estimated from ${INTER_REGION_GENERIC} ("for most regions $0.02/GB"); no eu-central-1 source found`,
        READ_UNDATED,
    ),
    ec2Hour: {
        // estimated: a 2021-08-30 blog table (region not stated) lists t3.micro/small/medium at 0.012/0.024/0.048 and
        // t2.micro at 0.0134, which is the Frankfurt t2 rate card; no current eu-central-1 t3 source was found.
        "t3.micro": price(
            0.012,
            "estimated from http://matthiaskraaz.blogspot.com/2021/08/aws-ec2-price-of-maxed-out-burstable.html (2021 table, region not stated; matches Frankfurt's t2 rates)",
            "2021-08-30",
        ),
        "t3.small": price(
            0.024,
            "estimated from http://matthiaskraaz.blogspot.com/2021/08/aws-ec2-price-of-maxed-out-burstable.html (2021 table, region not stated; matches Frankfurt's t2 rates)",
            "2021-08-30",
        ),
        "t3.medium": price(
            0.048,
            "estimated from http://matthiaskraaz.blogspot.com/2021/08/aws-ec2-price-of-maxed-out-burstable.html (2021 table, region not stated; matches Frankfurt's t2 rates)",
            "2021-08-30",
        ),
        // estimated: us-east-1 m7i.large scaled by the (estimated) Frankfurt/us-east-1 t3.micro ratio (0.012/0.0104).
        "m7i.large": price(
            0.1163,
            "estimated from us-east-1 m7i.large x (eu-central-1 / us-east-1 t3.micro); no eu-central-1 m7i.large source found",
            READ_UNDATED,
        ),
    },
    // estimated: Frankfurt standard log ingestion is $0.63/GB (AmazonCloudWatch eu-central-1 price list, via
    // public-repo transcription); the first vended-log tier equals standard ingestion in us-east-1 and London.
    flowLogIngestGb: price(
        0.63,
        `estimated from ${PRICE_LIST}/AmazonCloudWatch/current/eu-central-1/index.json (standard ingestion $0.63/GB ${VIA}); vended tier 1 = standard ingestion in us-east-1 and eu-west-2`,
        READ_UNDATED,
    ),
};

export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {
    "us-east-1": US_EAST_1,
    "eu-west-2": EU_WEST_2,
    "eu-west-1": EU_WEST_1,
    "eu-central-1": EU_CENTRAL_1,
};

export const GLOBAL_PRICES: GlobalPrices = {
    // $0.50 per hosted zone-month for the first 25 zones, $0.10 after (HOSTED_ZONE_MONTH_AFTER_25). The official page
    // is not in the stored corpus; the figure is stated by ns1.com (undated) and by a transcription of the Price List
    // 'HostedZone' usage type. Read 2026-11-22.
    hostedZoneMonth: price(
        0.5,
        `https://aws.amazon.com/route53/pricing/ ($0.50 per zone-month, first 25 zones; as stated by https://ns1.com/resources/aws-dns and the Price List 'HostedZone' usage type ${VIA})`,
        READ_UNDATED,
    ),
    hoursPerMonth: 730,
};

// ---------------------------------------------------------------------------------------------------------
// Centralised inspection (landing-zone:inspection)
// ---------------------------------------------------------------------------------------------------------

/** What the inspection components cost, per region. */
export interface InspectionPrices {
    /** Gateway Load Balancer, per load balancer per hour. */
    readonly gwlbHour: Price;
    /** Gateway Load Balancer capacity unit (GLCU), per hour. */
    readonly glcuHour: Price;
    /** GB of processed traffic one GLCU covers in an hour (the processed-bytes dimension of a GLCU). */
    readonly gbPerGlcuHour: number;
    /** Gateway Load Balancer endpoint, per endpoint (one AZ) per hour. */
    readonly gwlbEndpointHour: Price;
    /** Gateway Load Balancer endpoint data processed, per GB. */
    readonly gwlbEndpointGb: Price;
    /** AWS Network Firewall endpoint, per endpoint (one per mapped AZ) per hour. */
    readonly firewallEndpointHour: Price;
    /** AWS Network Firewall traffic processed, per GB. */
    readonly firewallGb: Price;
    /** EC2 on-demand per hour of the appliance instance types the inspection config defaults to or the examples use. */
    readonly applianceHour: Readonly<Record<string, Price>>;
}

/** States GWLB "$0.0125 / hour" and "$0.004 per GLCU-hour" beside NLB's us-east-1 rates (page "Published May 2026"). */
const GWLB_TABLE = "https://awsnegotiations.com/elastic-load-balancer-cost.html";
const ELB_PAGE = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const NFW_PAGE = "https://aws.amazon.com/network-firewall/pricing/";
/** "Priced at over $250 per month per interface" (undated): consistent with $0.395/h x 730 h = $288. */
const NFW_ORDER = "https://attrava.com/posts/security-and-iam/aws-network-firewall/";

/**
 * us-east-1 inspection rates. The GWLB hour and GLCU rates are stated by a third-party table; the GWLB
 * endpoint and Network Firewall rates were NOT found in any stored source (the official pages render their
 * tables from placeholders): they are the figures AWS's pricing pages are generally quoted with, marked
 * `estimated (unverified)` so `isEstimated` flags them. Re-verify before quoting.
 */
const INSPECTION_US_EAST_1: InspectionPrices = {
    gwlbHour: price(0.0125, `${GWLB_TABLE} (Gateway LB $0.0125/hour, us-east-1 rates)`, "2026-05-01"),
    glcuHour: price(0.004, `${GWLB_TABLE} ($0.004 per GLCU-hour, us-east-1 rates)`, "2026-05-01"),
    // estimated: a GLCU covers 1 GB processed per hour (also 600 new flows/s or 60,000 active flows); the ELB
    // page's GLCU definition, not read from a stored copy here.
    gbPerGlcuHour: 1,
    gwlbEndpointHour: price(
        0.01,
        "estimated (unverified): https://aws.amazon.com/privatelink/pricing/ (Gateway Load Balancer Endpoint, $0.01 per endpoint-hour); the stored copy cuts off before the GWLB endpoint table",
        READ_UNDATED,
    ),
    gwlbEndpointGb: price(
        0.0035,
        "estimated (unverified): https://aws.amazon.com/privatelink/pricing/ (Gateway Load Balancer Endpoint, $0.0035 per GB processed); the stored copy cuts off before the GWLB endpoint table",
        READ_UNDATED,
    ),
    firewallEndpointHour: price(
        0.395,
        `estimated (unverified): ${NFW_PAGE} ($0.395 per firewall endpoint-hour, us-east-1; no stored copy with the rate; ${NFW_ORDER} "over $250 per month per interface" agrees in order)`,
        READ_UNDATED,
    ),
    firewallGb: price(
        0.065,
        `estimated (unverified): ${NFW_PAGE} ($0.065 per GB processed, us-east-1; no stored copy with the rate)`,
        READ_UNDATED,
    ),
    applianceHour: {
        // estimated: the inspection default instance type; no stored source for its rate.
        "c5n.large": price(
            0.108,
            "estimated (unverified): https://aws.amazon.com/ec2/pricing/on-demand/ (c5n.large Linux, us-east-1 $0.108/h)",
            READ_UNDATED,
        ),
        "c6in.large": price(
            0.1134,
            "estimated (unverified): https://aws.amazon.com/ec2/pricing/on-demand/ (c6in.large Linux, us-east-1 $0.1134/h)",
            READ_UNDATED,
        ),
    },
};

/**
 * Another region's inspection rates, carried over from us-east-1 (no regional source found for any of
 * them): every price is re-labelled `estimated from us-east-1 …`, and EC2 appliance rates are scaled by the
 * region's t3.micro ratio to us-east-1, as the table does for m7i.large.
 */
function inspectionFromUsEast1(region: string, regionPrices: RegionPrices): InspectionPrices {
    const t3MicroRatio = regionPrices.ec2Hour["t3.micro"].usd / US_EAST_1.ec2Hour["t3.micro"].usd;
    const carry = (p: Price): Price =>
        price(
            p.usd,
            `estimated from us-east-1 (${p.source.replace(/^estimated \(unverified\): /, "")}); no ${region} source found`,
            p.read,
        );
    const u = INSPECTION_US_EAST_1;
    return {
        gwlbHour: carry(u.gwlbHour),
        glcuHour: carry(u.glcuHour),
        gbPerGlcuHour: u.gbPerGlcuHour,
        gwlbEndpointHour: carry(u.gwlbEndpointHour),
        gwlbEndpointGb: carry(u.gwlbEndpointGb),
        firewallEndpointHour: carry(u.firewallEndpointHour),
        firewallGb: carry(u.firewallGb),
        applianceHour: Object.fromEntries(
            Object.entries(u.applianceHour).map(([type, p]) => [
                type,
                price(
                    Math.round(p.usd * t3MicroRatio * 10000) / 10000,
                    `estimated from us-east-1 ${type} x (${region} / us-east-1 t3.micro); no ${region} ${type} source found`,
                    p.read,
                ),
            ]),
        ),
    };
}

/** Inspection prices by region; a region missing here is reported unpriced by the cost estimate. */
export const INSPECTION_PRICES: Readonly<Record<string, InspectionPrices>> = {
    "us-east-1": INSPECTION_US_EAST_1,
    "eu-west-2": inspectionFromUsEast1("eu-west-2", EU_WEST_2),
    "eu-west-1": inspectionFromUsEast1("eu-west-1", EU_WEST_1),
    "eu-central-1": inspectionFromUsEast1("eu-central-1", EU_CENTRAL_1),
};

/** ELB pricing page, for the GLCU definition (cited by the cost estimate's notes). */
export const GLCU_DEFINITION = `${ELB_PAGE} (a GLCU: 1 GB processed per hour, 600 new flows/s or 60,000 active flows; billed on the highest)`;
