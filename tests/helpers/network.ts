/**
 * Network queries over a captured plan, all by relationship (property dependencies), never by name:
 * "the subnets of this VPC" are the subnets whose `vpcId` came from that VPC.
 */
import { COMPONENT_TYPES, T as AWS } from "../../components/aws/types";
import { validateConfig } from "../../components/config/schema";
import { planRegionalEndpoints } from "../../components/planning/regional-endpoints";
import { tagOf } from "../../offline/graph";
import { CapturedResource } from "../../offline/types";
import { ConfigObject, Plan } from "./plan";

/**
 * Type tokens the network specs query: the project's table (components/aws/types.ts) under the names
 * these specs have always used, plus the component tokens they need.
 */
export const T = {
    ...AWS,
    hub: COMPONENT_TYPES.hub,
    vpcComponent: COMPONENT_TYPES.vpc,
    landingZone: COMPONENT_TYPES.landingZone,
} as const;

/** What the config says about one VPC (hub or spoke), found by its CIDR. */
export interface VpcExpectation {
    readonly role: "hub" | "spoke" | "endpoints";
    readonly name: string;
    readonly region: string;
    readonly cidr: string;
    readonly azCount: number;
    readonly gatewayEndpoints: readonly string[];
}

/** Expectations for every VPC the config describes, with schema defaults filled in. */
export function expectedVpcs(config: ConfigObject): VpcExpectation[] {
    const hub = config.hub as { region?: string; cidr: string; azCount?: number; gatewayEndpoints?: string[] };
    const spokes = (config.spokes ?? []) as {
        name: string;
        region?: string;
        cidr: string;
        azCount?: number;
        gatewayEndpoints?: string[];
    }[];
    return [
        {
            role: "hub" as const,
            name: "hub",
            region: hub.region ?? "eu-west-2",
            cidr: hub.cidr,
            azCount: hub.azCount ?? 3,
            gatewayEndpoints: hub.gatewayEndpoints ?? ["s3", "dynamodb"],
        },
        ...spokes.map((s) => ({
            role: "spoke" as const,
            name: s.name,
            region: s.region ?? "eu-west-1",
            cidr: s.cidr,
            azCount: s.azCount ?? 2,
            gatewayEndpoints: s.gatewayEndpoints ?? ["s3", "dynamodb"],
        })),
        // The regional endpoint VPC of each spoke Region other than the hub's (planning/regional-endpoints.ts).
        ...regionalSets(config).map((e) => ({
            role: "endpoints" as const,
            name: e.vpc,
            region: e.region,
            cidr: e.cidr,
            azCount: e.azCount,
            gatewayEndpoints: [] as string[],
        })),
    ];
}

/** The regional endpoint sets a (valid) config plans; none when it does not validate. */
function regionalSets(config: ConfigObject) {
    const r = validateConfig(config);
    return r.ok ? planRegionalEndpoints(r.config) : [];
}

/** The config entry of a captured VPC (by CIDR); throws when the config has none. */
export function expectationFor(config: ConfigObject, vpc: CapturedResource): VpcExpectation {
    const e = expectedVpcs(config).find((x) => x.cidr === vpc.inputs.cidrBlock);
    if (!e) {
        throw new Error(`VPC ${vpc.urn} has CIDR ${String(vpc.inputs.cidrBlock)}, which no hub or spoke in the config has`);
    }
    return e;
}

export function vpcs(plan: Plan): CapturedResource[] {
    return plan.byType(T.vpc);
}

/** The hub VPC: the VPC with the hub's CIDR. */
export function hubVpc(plan: Plan): CapturedResource {
    const hub = plan.config.hub as { cidr: string };
    const found = vpcs(plan).filter((v) => v.inputs.cidrBlock === hub.cidr);
    if (found.length !== 1) {
        throw new Error(`expected one VPC with the hub CIDR ${hub.cidr}, found ${found.length}`);
    }
    return found[0];
}

export function subnetsOf(plan: Plan, vpc: CapturedResource): CapturedResource[] {
    return plan.dependents(T.subnet, "vpcId", vpc.urn);
}

export function routeTablesOf(plan: Plan, vpc: CapturedResource): CapturedResource[] {
    return plan.dependents(T.routeTable, "vpcId", vpc.urn);
}

export function endpointsOf(plan: Plan, vpc: CapturedResource, kind: "Interface" | "Gateway"): CapturedResource[] {
    return plan.dependents(T.vpcEndpoint, "vpcId", vpc.urn).filter((e) => e.inputs.vpcEndpointType === kind);
}

/** Subnets of one tier (by the `landing-zone:tier` tag), in AZ order (by availability zone). */
export function tierSubnets(plan: Plan, vpc: CapturedResource, tier: string): CapturedResource[] {
    return subnetsOf(plan, vpc)
        .filter((s) => tagOf(s, "landing-zone:tier") === tier)
        .sort((a, b) => String(a.inputs.availabilityZone).localeCompare(String(b.inputs.availabilityZone)));
}

/** The hub component (exactly one). */
export function hubComponent(plan: Plan): CapturedResource {
    const hubs = plan.byType(T.hub);
    if (hubs.length !== 1) {
        throw new Error(`expected one Hub component, found ${hubs.length}`);
    }
    return hubs[0];
}

/** The one resource a property of `r` came from, of the given type; throws otherwise. */
export function sourceOf(plan: Plan, r: CapturedResource, prop: string, type: string): CapturedResource {
    const found = plan.graph.deps(r, prop, type);
    if (found.length !== 1) {
        throw new Error(`${r.urn}: expected ${prop} to come from one ${type}, got ${JSON.stringify(r.propertyDependencies[prop] ?? [])}`);
    }
    return found[0];
}

/** Glob match as IAM does for ARNs (`*` any run of characters, `?` one character). */
export function iamGlobMatch(pattern: string, value: string): boolean {
    const re = new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
    );
    return re.test(value);
}
