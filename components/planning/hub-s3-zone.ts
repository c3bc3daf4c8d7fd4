/**
 * The hub's S3 interface endpoint beside its S3 gateway: which VPCs its zone (`s3.<hub-region>.amazonaws.com`)
 * is associated with, and which VPC it is created with. Pure: no Pulumi.
 *
 * An S3 interface endpoint is reachable from another Region over peering or a transit gateway, which a
 * gateway endpoint never is ("AWS PrivateLink for Amazon S3", Amazon S3 User Guide:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html). Spokes of
 * other Regions need it for the hub Region's buckets and for ECR image layers (components/aws/service-dependencies.ts).
 * But a private hosted zone named `s3.<region>.amazonaws.com` answers every S3 name of that Region in each
 * VPC it is associated with, so a VPC of the hub's Region that has its own S3 gateway endpoint would send
 * its S3 traffic to the interface endpoint (billed per GB) instead of the free gateway. Such a VPC (the hub
 * itself, a hub-Region spoke with an S3 gateway) never gets the zone.
 */

/** A VPC as far as the S3 zone cares: its Region and gateway endpoints. */
export interface S3ZoneVpc {
    readonly region: string;
    readonly gatewayEndpoints: readonly string[];
}

/**
 * Whether a VPC is associated with the hub zone of `service`: always, except the S3 zone for a VPC of the
 * zone's own Region that keeps an S3 gateway endpoint (the zone would override that free path).
 */
export function receivesHubZone(service: string, hubRegion: string, vpc: S3ZoneVpc): boolean {
    return !(service === "s3" && vpc.region === hubRegion && vpc.gatewayEndpoints.includes("s3"));
}

/** A regional endpoint set, as far as the anchor choice cares. */
export interface AnchorCandidate {
    readonly region: string;
    /** The set's endpoint VPC name (`endpoints-<region>`). */
    readonly vpc: string;
}

/**
 * The VPC the hub's S3 zone is created with when the hub keeps its S3 gateway (a private hosted zone needs
 * one VPC at creation, of the zone's own account: Route 53 Developer Guide, "Creating a private hosted
 * zone"). Not the hub (that would override its gateway path) and not a spoke (a spoke may be another
 * account's, and a spoke's own association is its ZoneAssociation, which must stay its own resource): the
 * endpoint VPC of the first regional endpoint set by Region name. It runs nothing, is the network
 * account's, and resolving the hub Region's S3 names there changes no client's path. Later changes of the
 * choice are ignored by the zone (`ignoreChanges: ["vpcs"]`), so adding a Region never touches the zone.
 *
 * @returns undefined when the hub does not keep an S3 gateway with an S3 interface endpoint (the zone is
 * then created with the hub, as every other hub zone), or when no set exists (config validation refuses
 * that: rules/hub.ts, checkHubS3Zone).
 */
export function hubS3ZoneAnchor(
    hub: { readonly interfaceEndpoints: readonly string[]; readonly gatewayEndpoints: readonly string[] },
    sets: readonly AnchorCandidate[],
): AnchorCandidate | undefined {
    if (!hub.interfaceEndpoints.includes("s3") || !hub.gatewayEndpoints.includes("s3")) {
        return undefined;
    }
    return [...sets].sort((a, b) => a.region.localeCompare(b.region))[0];
}
