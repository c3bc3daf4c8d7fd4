/**
 * Pure decisions of the endpoint service (no Pulumi import): which client networks the NLB admits,
 * which regions the service supports, and the names of list members.
 */

/** A client network the NLB's security group admits on the service port. */
export interface ClientSource {
    /** Name part of the ingress rule (`<service>-nlb-from-<key>`). */
    readonly key: string;
    /** Who it is, for the rule's description. */
    readonly label: string;
    readonly cidr: string;
    /** Key of the same rule in earlier versions, when it differs (an alias keeps the rule). */
    readonly formerKey?: string;
}

/**
 * The NLB's client networks: the host VPC, each consumer spoke, then `allowedSourceCidrs`.
 * (PrivateLink keeps the client's address as the source the NLB's group evaluates.)
 */
export function planClientSources(hostCidr: string, consumers: readonly { readonly name: string; readonly cidr: string }[], external: readonly string[]): ClientSource[] {
    return [{ key: "host", label: "host", cidr: hostCidr }]
        .concat(consumers.map((x) => ({ key: x.name, label: x.name, cidr: x.cidr })))
        .concat(external.map((cidr, i) => ({ key: `external-${i}`, label: `external-${i}`, cidr })));
}

/**
 * `supportedRegions` of the service: its own region first, then each cross-region consumer's,
 * sorted; empty when every consumer shares its region.
 */
export function planSupportedRegions(ownRegion: string, consumerRegions: readonly string[]): string[] {
    const remote = [...new Set(consumerRegions.filter((r) => r !== ownRegion))].sort();
    return remote.length > 0 ? [ownRegion, ...remote] : [];
}
