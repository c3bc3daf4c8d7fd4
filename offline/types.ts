/**
 * The offline plan's data model: what the capture records for every registration and what the JSON
 * report carries. This is a public contract (docs/architecture.md, "Offline plan contract"): add fields,
 * never rename or drop them.
 */

/** A JSON value as it appears in inputs/outputs. Unknown (preview-time) values are the string
 * `UNKNOWN_VALUE` in the report and real unknowns when fed to the policy pack. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface CapturedResource {
    /** Full Pulumi URN. */
    readonly urn: string;
    /** Type token, e.g. `aws:ec2/vpc:Vpc`, `landing-zone:network:Hub`, `pulumi:providers:aws`. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** Physical id from the mocks (`vpc-…`); empty for component resources. */
    readonly id: string;
    /** Parent URN, or "" for top-level resources. */
    readonly parent: string;
    /** URN of the explicit provider resource, or "" (components; the providers themselves). */
    readonly provider: string;
    /** AWS region the resource lives in; "global" for IAM and Route 53; "" for components. */
    readonly region: string;
    /**
     * 12-digit id of the AWS account the resource lives in: its provider's (the account the provider is
     * pinned to with `allowedAccountIds`, else the account the plan runs as); "" for components. Added
     * with multi-account stacks (`landing-zone:accounts`); always set by the capture;
     * optional only because older plans (`--since`) and hand-made fixtures lack it.
     */
    readonly account?: string;
    /** True for custom (cloud) resources, false for ComponentResources. */
    readonly custom: boolean;
    /** Resource options that matter to policies and reviewers. */
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly inputs: JsonObject;
    readonly outputs: JsonObject;
    /** URNs this resource depends on (explicit dependsOn plus property dependencies). */
    readonly dependencies: readonly string[];
    /** Input property name -> URNs the value came from. */
    readonly propertyDependencies: { readonly [property: string]: readonly string[] };
    /** `deleteBeforeReplace` resource option; present only when true (older plans lack it). */
    readonly deleteBeforeReplace?: boolean;
    /** URNs this resource was known by before (`aliases` option, resolved); present only when set. */
    readonly aliases?: readonly string[];
    /** `replaceOnChanges` resource option; present only when set. */
    readonly replaceOnChanges?: readonly string[];
    /** `retainOnDelete` resource option; present only when true. */
    readonly retainOnDelete?: boolean;
}

export interface PolicyViolation {
    readonly policy: string;
    readonly policyPack: string;
    readonly enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
    /** URN of the offending resource; "" for stack-level violations without one. */
    readonly urn: string;
    readonly message: string;
}

/**
 * The `changes` section of the plan document (`npm start -- --since PLAN.json`): what a `pulumi up`
 * from the earlier plan's state to this one would do, and which of those steps AWS would refuse or that
 * would silently break. Written by offline/changes/; fields are only ever added.
 */
export interface ChangeReport {
    /** The earlier plan this one is compared with. */
    readonly since: { readonly file: string; readonly project: string; readonly stack: string; readonly resourceCount: number };
    /** True when no finding has severity "error" (the CLI then keeps its exit code). */
    readonly safe: boolean;
    /** Custom resources per action (components are not counted: they own no AWS object). */
    readonly summary: {
        readonly create: number;
        readonly delete: number;
        readonly replace: number;
        readonly update: number;
        readonly same: number;
    };
    /** Every custom resource that is created, deleted, replaced or updated (unchanged ones are left out). */
    readonly resources: readonly ResourceChange[];
    /** Problems, errors first. */
    readonly findings: readonly ChangeFinding[];
}

export type ChangeAction = "create" | "delete" | "replace" | "update";

export interface ResourceChange {
    /** URN in the new plan (for a deletion: in the old plan). */
    readonly urn: string;
    /** URN in the old plan when it differs (the resource declares it in `aliases`). */
    readonly oldUrn?: string;
    readonly type: string;
    readonly action: ChangeAction;
    /** Inputs whose value changes (update and replace). */
    readonly changedInputs?: readonly string[];
    /** Why it is replaced: an input that forces replacement, or a replaced resource it takes a value from. */
    readonly replaceReasons?: readonly string[];
    /** A replacement that deletes the old resource first (`deleteBeforeReplace`). */
    readonly deleteBeforeReplace?: boolean;
}

export type ChangeFindingKind =
    /** A resource acquires a uniqueness key that another (or its own old copy) still holds: Pulumi creates first, deletes last. */
    | "key-collision"
    /** Two resources of the new plan own the same key: fails even on a fresh stack. */
    | "duplicate-key"
    /** A protected resource would be replaced or deleted: the engine refuses. */
    | "protected"
    /** A stateful resource (VPC, subnet, route table, zone, TGW, attachment, endpoint, endpoint service, NLB) is replaced. */
    | "stateful-replacement"
    /** Two new resources alias the same old one. */
    | "alias-conflict"
    /** A type the replacement table does not know: replace-vs-update is a guess. */
    | "unknown-type"
    /** An Optional + Computed input is omitted: the provider sends nothing and AWS keeps the old value. */
    | "omitted-computed-input"
    /** A resource whose provider delete is a no-op is deleted: the AWS setting it made stays. */
    | "no-op-delete"
    /** A service stops supporting a region before its consumer endpoint there is deleted (updates run before deletes). */
    | "region-removed-before-consumer"
    /** Resources whose account changes without a replacement: pulumi up leaves them in the old account. */
    | "account-change-not-applied";

export interface ChangeFinding {
    readonly severity: "error" | "warning";
    readonly kind: ChangeFindingKind;
    /** One sentence: what happens on AWS. */
    readonly message: string;
    /** What to change so that the step succeeds. */
    readonly fix: string;
    /** The resource of the new plan that is created, replaced or updated (acquires the key). */
    readonly newUrn?: string;
    /** The resource of the old plan that still holds the key, or that is replaced/deleted. */
    readonly oldUrn?: string;
    /** The uniqueness key both own, e.g. `route(route table …, 10.0.0.0/16)`. */
    readonly key?: { readonly kind: string; readonly text: string };
    /** For replacements: the resources replaced or re-pointed with it. */
    readonly blastRadius?: readonly { readonly urn: string; readonly action: ChangeAction }[];
}
