/**
 * The offline plan's data model: what the capture records for every registration and what the JSON
 * report carries. This is a public contract (ARCHITECTURE.md, "Offline plan contract"): add fields,
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
}

export interface PolicyViolation {
    readonly policy: string;
    readonly policyPack: string;
    readonly enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
    /** URN of the offending resource; "" for stack-level violations without one. */
    readonly urn: string;
    readonly message: string;
}
