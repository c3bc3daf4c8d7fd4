/**
 * Dated AWS price table for the regions this project plans for, used by the offline cost estimate.
 * (Being filled in from AWS pricing pages; every number carries its source and the date it was read.)
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

export const PRICES_READ = "unset";
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {};
export const GLOBAL_PRICES: GlobalPrices = {
    hostedZoneMonth: { usd: 0.5, source: "https://aws.amazon.com/route53/pricing/", read: "unset" },
    hoursPerMonth: 730,
};
