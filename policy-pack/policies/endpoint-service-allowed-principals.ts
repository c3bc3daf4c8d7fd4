import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf, forTypes, schema } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown, Value } from "../lib/unknown";

export interface EndpointServicePrincipalsConfig {
    /**
     * Who may be allowed: 12-digit account ids (any principal of that account) or ARN patterns with `*`
     * wildcards (`arn:aws:iam::111122223333:role/app-*`). Empty = no restriction beyond the rules below.
     * @default []
     */
    readonly allowedPrincipals: string[];
}

export const ENDPOINT_SERVICE_PRINCIPALS_DEFAULTS: EndpointServicePrincipalsConfig = { allowedPrincipals: [] };

/**
 * The only principal forms an endpoint service accepts: account root, role or user, without a path
 * (AWS PrivateLink guide, "Manage permissions"; docs/architecture.md, "AWS facts the design respects").
 */
const PRINCIPAL_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):(?:root|role\/[A-Za-z0-9+=,.@_-]+|user\/[A-Za-z0-9+=,.@_-]+)$/;

function globToRegExp(glob: string): RegExp {
    return new RegExp(
        `^${glob
            .split("*")
            .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
    );
}

/** True if `arn` is allowed by one allowlist entry (account id or ARN pattern). */
export function principalAllowed(arn: string, allowlist: readonly string[]): boolean {
    if (allowlist.length === 0) {
        return true;
    }
    const account = PRINCIPAL_ARN.exec(arn)?.[1];
    return allowlist.some((entry) => (/^\d{12}$/.test(entry) ? entry === account : globToRegExp(entry).test(arn)));
}

/**
 * `endpoint-service-allowed-principals`: an endpoint service never allows `*` (with auto-accept that
 * makes the NLB reachable from any AWS account), allows only account-root/role/user ARNs without a path
 * (the forms PrivateLink accepts), and, when the pack config lists `allowedPrincipals`, only those.
 * Checks `allowedPrincipals` on `aws.ec2.VpcEndpointService` and each
 * `aws.ec2.VpcEndpointServiceAllowedPrinciple`.
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: critical.
 * - Controls: none direct; complements Checkov CKV_AWS_123 (acceptance).
 * - Config: `allowedPrincipals` (default `[]`: no allowlist, wildcard and format rules still apply).
 * - Preview: principals are usually literals from config; a computed ARN (a role created in the same
 *   stack) defers the check to `pulumi up` once every known principal has been checked.
 */
export const endpointServiceAllowedPrincipals: ResourceValidationPolicy = {
    name: "endpoint-service-allowed-principals",
    description: "Endpoint services allow no '*' principal and only account/role/user ARNs within the configured allowlist.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["security", "aws-guidance:privatelink"],
    configSchema: schema({
        allowedPrincipals: {
            type: "array",
            items: { type: "string" },
            default: ENDPOINT_SERVICE_PRINCIPALS_DEFAULTS.allowedPrincipals,
            description: "12-digit account ids or principal ARN patterns ('*' wildcard). Empty: no allowlist.",
        },
    }),
    remediationSteps: "Name consumer accounts as arn:aws:iam::<account>:root (or a role/user ARN without path) listed in the pack config.",
    validateResource: forTypes([T.vpcEndpointService, T.vpcEndpointServiceAllowedPrincipal], ({ props, args, report }) => {
        const { allowedPrincipals } = configOf(args, ENDPOINT_SERVICE_PRINCIPALS_DEFAULTS);
        const key = args.type === T.vpcEndpointService ? "allowedPrincipals" : "principalArn";
        const raw = props[key];
        if (isUnknown(raw)) {
            deferToPreview(args.props, [key]);
        }
        const values: Value[] = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
        let unknownAt: (string | number)[] | undefined;
        values.forEach((v, i) => {
            if (isUnknown(v)) {
                unknownAt = unknownAt ?? (Array.isArray(raw) ? [key, i] : [key]);
                return;
            }
            if (typeof v !== "string") {
                return;
            }
            if (v.includes("*")) {
                report(`Principal ${v} is a wildcard: any AWS account could connect; list account root, role or user ARNs instead.`);
            } else if (!PRINCIPAL_ARN.test(v)) {
                report(
                    `Principal ${v} is not an account root, role or user ARN without a path; use arn:aws:iam::<account>:root, :role/<name> or :user/<name>.`,
                );
            } else if (!principalAllowed(v, allowedPrincipals)) {
                report(
                    `Principal ${v} is not in the allowed principals of the policy config; remove it, or add it to endpoint-service-allowed-principals.allowedPrincipals in the pack config.`,
                );
            }
        });
        if (unknownAt) {
            deferToPreview(args.props, unknownAt);
        }
    }),
};
