/**
 * Small helpers every policy file uses: config with defaults, resource-policy plumbing, metadata.
 *
 * @module
 */
import type {
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidation,
    StackValidationArgs,
} from "@pulumi/policy";
import { StackGraph } from "./graph";
import { Props, snapshotProps } from "./unknown";

/**
 * The policy's config merged over its defaults. The engine already applies `configSchema` defaults
 * (`Configure`), but a direct call (unit tests, other harnesses) may not: defaults are applied here too.
 */
export function configOf<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    const given = args.getConfig<Partial<T>>() ?? {};
    const out = { ...defaults } as T;
    for (const [k, v] of Object.entries(given)) {
        if (v !== undefined && k !== "enforcementLevel") {
            (out as Record<string, unknown>)[k] = v;
        }
    }
    return out;
}

/** A JSON-schema `configSchema` built from property specs whose `default` documents the defaults. */
export function schema(properties: PolicyConfigSchema["properties"]): PolicyConfigSchema {
    return { properties };
}

/** What a per-resource check receives: the proxy-free props plus the raw args (for deferral). */
export interface ResourceCheck {
    readonly props: Props;
    readonly args: ResourceValidationArgs;
    readonly report: (message: string) => void;
}

/**
 * A `validateResource` that runs `check` for the listed types only (or the types a predicate accepts).
 * `args.props` is snapshotted once, so the check never trips the unknown-checking proxy unless it
 * defers on purpose.
 */
export function forTypes(types: readonly string[] | ((type: string) => boolean), check: (c: ResourceCheck) => void): ResourceValidation {
    const applies = typeof types === "function" ? types : (t: string) => types.includes(t);
    const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!applies(args.type)) {
            return;
        }
        check({ props: snapshotProps(args.props), args, report: (m) => reportViolation(m) });
    };
    if (typeof types !== "function" && types.length === 1) {
        // A single type goes where `validateResourceOfType` puts it: @pulumi/policy (server.js, "Fast
        // check to see if the policy isn't applicable") then answers every other type as not applicable
        // without deserializing the resource's properties for this policy. At 4,000 resources that is
        // most of the per-resource work of a single-type policy.
        (validate as ResourceValidation & { __pulumiType?: string }).__pulumiType = types[0];
    }
    return validate;
}

/**
 * A `validateStack` receiving a {@link StackGraph}; violations carry the offending resource's URN.
 * @pulumi/policy builds fresh resource objects for each stack policy (server.js, AnalyzeStack), so each
 * policy gets its own graph; its indexes and props copies are built lazily, only for what it reads.
 */
export function onStack(check: (g: StackGraph, report: ReportViolation, args: StackValidationArgs) => void): StackValidation {
    return (args: StackValidationArgs, reportViolation: ReportViolation) => {
        check(new StackGraph(args.resources), reportViolation, args);
    };
}

/** Policy categories, also used as the `tags` of each policy. */
export type Category = "security" | "topology" | "hygiene";
