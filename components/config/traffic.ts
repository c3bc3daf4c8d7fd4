/**
 * `landing-zone:traffic`: the traffic assumptions of the offline plan's cost estimate (offline/cost.ts).
 *
 * Not the program's configuration: LandingZoneConfig does not carry them and `pulumi up` ignores the key
 * (validateConfig accepts it as known, so a stack file that sets it stays valid for the program). The
 * offline plan validates them here, with the same key-named problems, before anything is planned.
 */
import { z } from "zod";
import { DeepReadonly, field } from "./field";
import { ConfigProblem, parseUnit } from "./problems";

/** The key under the namespace. */
export const TRAFFIC_KEY = "traffic";

const gb = (doc: string, value: number) => field(z.number().nonnegative().default(value), { doc, type: "GB/month" });

export const trafficSchema = field(
    z
        .object({
            endpointGbPerSpoke: gb("GB each spoke sends to the hub's interface endpoints", 50),
            hubGbPerSpoke: gb("GB each spoke exchanges with the hub besides endpoint traffic", 100),
            serviceGbPerConsumer: gb("GB each consumer exchanges with the endpoint service", 20),
            flowLogGbPerVpc: gb("GB of flow logs each VPC produces", 5),
        })
        .strict(),
    {
        doc: "assumptions of the offline plan's cost estimate only (`npm start`); the program ignores this key",
        type: "object",
        default: "see below",
    },
);

/** Traffic assumptions for the offline cost estimate (per month). */
export type TrafficAssumptions = DeepReadonly<z.output<typeof trafficSchema>>;
/** The former name of TrafficAssumptions. */
export type TrafficConfig = TrafficAssumptions;

/** Defaults of every assumption, from the schema. */
export const TRAFFIC_DEFAULTS: TrafficAssumptions = trafficSchema.parse({});

export type TrafficResult = { ok: true; traffic: TrafficAssumptions } | { ok: false; problems: ConfigProblem[] };

/**
 * Validates `landing-zone:traffic` of a raw config (top-level key -> value, as validateConfig takes it):
 * the assumptions with their defaults filled in, or every problem under its full key. Never throws.
 */
export function validateTraffic(raw: Readonly<Record<string, unknown>>): TrafficResult {
    const problems: ConfigProblem[] = [];
    const traffic = parseUnit(trafficSchema.default({ ...TRAFFIC_DEFAULTS }), raw[TRAFFIC_KEY], TRAFFIC_KEY, problems);
    return traffic === undefined ? { ok: false, problems } : { ok: true, traffic };
}
