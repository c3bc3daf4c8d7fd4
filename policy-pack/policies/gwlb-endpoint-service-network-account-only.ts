import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { providerProps } from "../lib/aws";
import { isGatewayLoadBalancer } from "../lib/inspection";
import { configOf, onStack, schema } from "../lib/policy";
import { T } from "../lib/types";
import { isUnknown, Value } from "../lib/unknown";
import { arr, bool, jsonish } from "../lib/values";

export interface GwlbEndpointServiceConfig {
    /**
     * The network account(s) that may create GWLB endpoints to the inspection service (12-digit ids).
     * Empty: the accounts the service's provider is pinned to (`allowedAccountIds`, set from the
     * program's `accountId`); when neither says, all principals must at least be of one account.
     * @default []
     */
    readonly networkAccountIds: string[];
    /**
     * What the inspection service's `acceptanceRequired` must be (the program's inspection config).
     * @default true
     */
    readonly acceptanceRequired: boolean;
}

export const GWLB_ENDPOINT_SERVICE_DEFAULTS: GwlbEndpointServiceConfig = { networkAccountIds: [], acceptanceRequired: true };

/** Account of an allowed principal: a 12-digit id or an `arn:aws…:iam::<account>:…` ARN. */
function accountOf(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) {
        return principal;
    }
    return /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):/.exec(principal)?.[1];
}

/** The provider's `allowedAccountIds` (JSON-encoded by the Node SDK), when known. */
function pinnedAccounts(r: PolicyResource): string[] {
    const v = jsonish(providerProps(r.provider)?.["allowedAccountIds"]);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * `gwlb-endpoint-service-network-account-only`: an endpoint service backed by a Gateway Load Balancer
 * (`gatewayLoadBalancerArns`) is not open to `*`, allows only principals of the network account, and
 * requires acceptance exactly as configured.
 *
 * Whoever can create an endpoint to the inspection service can send traffic into the appliances and,
 * by pointing routes at it, make them inspect (and see) traffic of another account; the appliances
 * also return traffic to whatever endpoint sent it. In this landing zone only the network account (the
 * stack's own account, which holds the inspection VPC) creates those endpoints. Principals are read
 * from the service's `allowedPrincipals` and from every VpcEndpointServiceAllowedPrinciple of it.
 *
 * - Kind: stack policy (principals are separate resources). Level: mandatory (security: an open
 *   inspection service lets any account inject traffic into the appliances). Severity: critical.
 * - Controls: none direct (AWS PrivateLink guide, "Manage permissions"); complements
 *   `endpoint-service-allowed-principals` and Checkov CKV_AWS_123.
 * - Config: `networkAccountIds` (default `[]`: the provider's `allowedAccountIds`),
 *   `acceptanceRequired` (default `true`). `endpoint-service-acceptance-required` leaves GWLB-backed
 *   services to this policy, so `acceptanceRequired: false` here needs no other policy disabled.
 * - Preview: service -> GWLB through `gatewayLoadBalancerArns`, principal -> service through
 *   `vpcEndpointServiceId`; principals and `acceptanceRequired` are known inputs (the program takes the
 *   account from config or the caller identity, both known in a preview). A computed principal is not judged.
 */
export const gwlbEndpointServiceNetworkAccountOnly: StackValidationPolicy = {
    name: "gwlb-endpoint-service-network-account-only",
    description: "GWLB endpoint services are not open to '*', allow only the network account and require acceptance as configured.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: ["security", "aws-guidance:inspection"],
    configSchema: schema({
        networkAccountIds: {
            type: "array",
            items: { type: "string", pattern: "^\\d{12}$" },
            default: GWLB_ENDPOINT_SERVICE_DEFAULTS.networkAccountIds,
            description: "Network account ids allowed to connect. Empty: the provider's allowedAccountIds",
        },
        acceptanceRequired: {
            type: "boolean",
            default: GWLB_ENDPOINT_SERVICE_DEFAULTS.acceptanceRequired,
            description: "Required value of the service's acceptanceRequired",
        },
    }),
    remediationSteps:
        "Allow only arn:aws:iam::<network account>:root on the inspection endpoint service and set acceptanceRequired as the inspection config says.",
    validateStack: onStack((g, report, args) => {
        const config = configOf(args, GWLB_ENDPOINT_SERVICE_DEFAULTS);
        for (const svc of g.ofType(T.vpcEndpointService)) {
            const p = g.props(svc);
            // Backed by a GWLB of this stack, or by GWLB ARNs given as literals (or computed).
            const gwlbs = g.deps(svc, "gatewayLoadBalancerArns").filter((lb) => isGatewayLoadBalancer(g, lb));
            const arns = arr(p["gatewayLoadBalancerArns"]);
            if (gwlbs.length === 0 && !isUnknown(arns) && (arns ?? []).length === 0) {
                continue;
            }
            const principals: { value: Value; on: PolicyResource }[] = [];
            const inline = p["allowedPrincipals"];
            (Array.isArray(inline) ? inline : []).forEach((v) => principals.push({ value: v, on: svc }));
            for (const r of g.referrers(svc, "vpcEndpointServiceId", [T.vpcEndpointServiceAllowedPrincipal])) {
                principals.push({ value: g.props(r)["principalArn"], on: r });
            }
            const network = config.networkAccountIds.length > 0 ? config.networkAccountIds : pinnedAccounts(svc);
            const seen = new Set<string>();
            for (const { value, on } of principals) {
                if (typeof value !== "string") {
                    continue; // computed in this preview
                }
                if (value.includes("*")) {
                    report(
                        `Inspection endpoint service ${svc.name} allows principal ${value}, so any account could send traffic into the appliances; allow only the network account's root ARN.`,
                        on.urn,
                    );
                    continue;
                }
                const account = accountOf(value);
                if (account === undefined) {
                    report(
                        `Inspection endpoint service ${svc.name} allows ${value}, which names no account; allow arn:aws:iam::<network account>:root.`,
                        on.urn,
                    );
                    continue;
                }
                seen.add(account);
                if (network.length > 0 && !network.includes(account)) {
                    report(
                        `Inspection endpoint service ${svc.name} allows ${value} of account ${account}, which is not the network account (${network.join(", ")}); remove it, or list the account in gwlb-endpoint-service-network-account-only.networkAccountIds.`,
                        on.urn,
                    );
                }
            }
            if (network.length === 0 && seen.size > 1) {
                report(
                    `Inspection endpoint service ${svc.name} allows principals of ${seen.size} accounts (${[...seen].join(", ")}), but only the network account may connect; keep one, and set accountId (or networkAccountIds in the pack config) so the pack can check which.`,
                    svc.urn,
                );
            }
            const acceptance = bool(p["acceptanceRequired"]);
            if (!isUnknown(acceptance) && (acceptance ?? false) !== config.acceptanceRequired) {
                report(
                    `Inspection endpoint service ${svc.name} has acceptanceRequired ${acceptance ?? false}, but the configured value is ${config.acceptanceRequired}; set it to ${config.acceptanceRequired}, or change gwlb-endpoint-service-network-account-only.acceptanceRequired.`,
                    svc.urn,
                );
            }
        }
    }),
};
