import type { StackValidationPolicy } from "@pulumi/policy";
import { accountOf, accountOfProvider } from "../lib/accounts";
import { endpointTargetKind } from "../lib/aws";
import { parsePolicyDocument } from "../lib/iam";
import { roleOf } from "../lib/roles";
import { onStack } from "../lib/policy";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { isRecord } from "../lib/values";

const VPC_ENDPOINT_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy";

/** Values of a condition key under StringEquals in a statement, if any. */
function conditionValues(condition: unknown, key: string): string[] | undefined {
    if (!condition || typeof condition !== "object") {
        return undefined;
    }
    const eq = (condition as Record<string, unknown>)["StringEquals"];
    if (!eq || typeof eq !== "object" || !(key in eq)) {
        return undefined;
    }
    const v = (eq as Record<string, unknown>)[key];
    return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

/**
 * `endpoint-policy-declared-accounts`: in a multi-account stack, an endpoint policy that scopes by
 * account (`aws:PrincipalAccount`) admits only the stack's accounts (the accounts its providers are
 * pinned to), and:
 *
 * - a centralised endpoint (in a hub or regional endpoint VPC, which the network account owns, or any
 *   VPC whose role the pack cannot tell) admits every one of them: the workload accounts' principals call through it too, and a policy written for
 *   the network account alone makes every call from a spoke account fail with AccessDenied although DNS
 *   and routing are fine;
 * - an endpoint in a spoke VPC (lib/roles.ts; a workload account's own) may admit a subset, which must include
 *   its own account: scoping a spoke's endpoint to the account that owns the spoke is the usual least
 *   privilege, and only its own account's principals reach it.
 *
 * Scoping by the organisation (`aws:PrincipalOrgID`) passes.
 *
 * - Kind: stack policy. Level: mandatory (security). Severity: high.
 * - Controls: AWS data perimeter (identity perimeter on VPC endpoints).
 * - Scope: stacks whose providers are all pinned to known accounts, at least two of them (single-account
 *   stacks are `endpoint-policy-restricted`'s). Endpoints to non-AWS services are skipped.
 * - Preview: the documents are known (account ids come from config); a computed one is skipped here
 *   (endpoint-policy-restricted defers it).
 */
export const endpointPolicyDeclaredAccounts: StackValidationPolicy = {
    name: "endpoint-policy-declared-accounts",
    description:
        "In a multi-account stack, account-scoped endpoint policies admit only the stack's accounts: all of them on centralised endpoints, their own account on a workload account's endpoint.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "aws-guidance:data-perimeter"],
    remediationSteps: "Scope the policy to the organisation (organizationId) or list every declared account in aws:PrincipalAccount.",
    validateStack: onStack((g, report) => {
        const declared = new Set<string>();
        let unpinned = false;
        for (const r of g.resources) {
            if (r.type === T.provider) {
                const a = accountOfProvider(r);
                if (a) {
                    declared.add(a);
                } else {
                    unpinned = true;
                }
            } else if (r.provider && r.type.startsWith("aws:")) {
                const a = accountOf(r);
                if (a) {
                    declared.add(a);
                } else {
                    unpinned = true;
                }
            }
        }
        if (unpinned || declared.size < 2) {
            return;
        }
        const all = [...declared].sort();
        for (const e of g.ofType(T.vpcEndpoint, VPC_ENDPOINT_POLICY)) {
            const props = g.props(e);
            // The endpoint itself (a VpcEndpointPolicy names it by vpcEndpointId) and the VPC it is in.
            const endpoint = e.type === VPC_ENDPOINT_POLICY ? g.dep(e, "vpcEndpointId", [T.vpcEndpoint]) : e;
            const vpc = endpoint ? g.vpcOf(endpoint) : undefined;
            const role = vpc ? roleOf(g, vpc) : undefined;
            const own = endpoint ? accountOf(endpoint) : accountOf(e);
            // Centralised unless shown to be a spoke's own: an endpoint whose VPC or role cannot be told
            // (hub, regional endpoint VPC, or unknown) keeps the strict rule.
            const centralised = role !== "spoke" || own === undefined;
            if (e.type === T.vpcEndpoint && endpointTargetKind(props) !== "aws") {
                continue;
            }
            const doc = props["policy"];
            if (doc === undefined || isUnknown(doc) || (isRecord(doc) && Object.values(doc).some(isUnknown))) {
                continue;
            }
            const parsed = parsePolicyDocument(doc);
            if ("error" in parsed) {
                continue;
            }
            for (const [i, s] of parsed.statements.entries()) {
                const admitted = conditionValues(s.Condition, "aws:PrincipalAccount");
                if (admitted === undefined) {
                    continue;
                }
                const foreign = admitted.filter((a) => !declared.has(a));
                const missing = centralised ? all.filter((a) => !admitted.includes(a)) : [];
                if (!centralised && own !== undefined && !admitted.includes(own)) {
                    report(
                        `Endpoint policy of ${e.name} (statement ${s.Sid ?? i}) admits ${admitted.join(", ")} but not ${own}, the account the endpoint is in (its spoke VPC ${vpc?.name ?? "?"}): that account's own principals would get AccessDenied through it; add ${own} to aws:PrincipalAccount.`,
                        e.urn,
                    );
                }
                if (foreign.length > 0) {
                    report(
                        `Endpoint policy of ${e.name} (statement ${s.Sid ?? i}) admits account(s) ${foreign.join(", ")}, which the stack does not declare.`,
                        e.urn,
                    );
                }
                if (missing.length > 0) {
                    report(
                        `Endpoint policy of ${e.name} (statement ${s.Sid ?? i}), a centralised endpoint every account calls through, admits ${admitted.join(", ")} but not the stack's account(s) ${missing.join(", ")}: their principals would get AccessDenied through it; list every declared account or scope to the organisation.`,
                        e.urn,
                    );
                }
            }
        }
    }),
};
