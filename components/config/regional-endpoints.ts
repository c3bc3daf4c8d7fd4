/**
 * `landing-zone:regionalEndpoints`: the endpoint set of each spoke Region other than the hub's — the
 * schema of the unit (each field with its doc and default); its cross-field rules (Regions, CIDRs,
 * opt-outs, service dependencies) are in rules/regional-endpoints.ts, and which spoke gets which zone is
 * the pure plan of components/planning/regional-endpoints.ts.
 *
 * Why the unit exists: the clients that need the agent services are region-bound (SSM Agent, the
 * CloudWatch agent, SDK credential chains, container runtimes pulling from their Region's ECR call the
 * endpoints of the Region they run in; components/aws/service-dependencies.ts), so the hub's
 * `ssm.<hub-region>…` endpoints do not serve them. Every Region with spokes other than the hub's gets a
 * set by default: one regional endpoint VPC, connected to that Region's spokes like a spoke, with its
 * own zones (`ssm.<region>.amazonaws.com`, …) associated with that Region's spokes only.
 *
 * ```yaml
 * landing-zone:regionalEndpoints:
 *   eu-west-1:
 *     services: [ssm, ssmmessages, logs, monitoring, sts]   # default: the agent set
 *     optOut: { analytics: [ssmmessages] }                  # this spoke gets no ssmmessages zone
 *   eu-central-1: { enabled: false }                        # no set: its spokes use the hub only
 * ```
 */
import { z } from "zod";
import { REGIONAL_DEFAULT_SERVICES } from "../aws/service-dependencies";
import { DeepReadonly, field } from "./field";
import { azCount, regionString, vpcCidrString } from "./primitives";

/** Defaults of the unit, exported so the planner, docs and tests name the same values. */
export const REGIONAL_ENDPOINT_DEFAULTS = {
    /** Two AZs: endpoint ENIs in two zones survive the loss of one (clients of the lost zone fail over by DNS). */
    azCount: 2,
    /** The default CIDR is the last block of this size in the Region's supernet (a /22 fits 27 addresses per endpoint subnet). */
    cidrPrefix: 22,
    services: REGIONAL_DEFAULT_SERVICES,
} as const;

export const regionalEndpointSetSchema = z
    .object({
        enabled: field(z.boolean().default(true), {
            doc: "build the Region's endpoint set; `false` leaves its spokes with the hub's endpoints only (region-bound clients then have no endpoint: the reachability report says so)",
        }),
        cidr: field(vpcCidrString.optional(), {
            doc: "CIDR of the Region's endpoint VPC: private, disjoint from the hub, every spoke, other Regions' supernets and other endpoint VPCs; inside the Region's supernet (the default) the hub's and the spokes' aggregates already cover it",
            type: "CIDR /16–/22",
            default: `the last /${REGIONAL_ENDPOINT_DEFAULTS.cidrPrefix} of \`supernets.<region>\``,
        }),
        azCount: field(azCount.default(REGIONAL_ENDPOINT_DEFAULTS.azCount), {
            doc: "AZs of the endpoint VPC (each endpoint gets an ENI per AZ); ≤ the Region's AZs",
        }),
        services: field(z.array(z.string()).default([...REGIONAL_ENDPOINT_DEFAULTS.services]), {
            doc:
                "interface endpoints of the set, short names (see `components/aws/endpoint-services.ts`), each once; each needs its " +
                "dependencies in the same set (`ecr.dkr` needs `ecr.api`, and S3: the spokes' own `s3` gateway endpoints or `s3` here; " +
                "see the dependency table)",
            type: "list of service names",
            default: REGIONAL_ENDPOINT_DEFAULTS.services.map((s) => `\`${s}\``).join(", "),
        }),
        optOut: field(z.record(z.string(), z.array(z.string())).default({}), {
            doc: "spoke name -> services of the set whose zones that spoke does not get (a spoke of this Region only; a service it opts out of must not be a dependency of one it keeps)",
            type: "map of spoke name to service list",
        }),
    })
    .strict();

/** Region -> its set; a Region with spokes that is not listed gets every default. */
export const regionalEndpointsSchema = z.record(regionString, regionalEndpointSetSchema);

export type RegionalEndpointSetConfig = DeepReadonly<z.output<typeof regionalEndpointSetSchema>>;
export type RegionalEndpointsConfig = DeepReadonly<z.output<typeof regionalEndpointsSchema>>;
