import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ACCOUNT_ID_RE, assumedRoles, pinnedAccounts } from "../lib/accounts";
import { configOf, forTypes, schema } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { str } from "../lib/values";

export interface AllowedAccountsConfig {
    /**
     * AWS account ids the stack may create resources in and peer with. Empty: no list is enforced, only
     * that each provider's assumed role lies in the account it is pinned to. @default []
     */
    readonly allowedAccounts: string[];
}

export const ALLOWED_ACCOUNTS_DEFAULTS: AllowedAccountsConfig = { allowedAccounts: [] };

const PACK_CONFIG_HINT = "the --policy-pack-config file; npm start reads policy-pack/config/<stack>.json";

/**
 * `allowed-accounts`: resources are created only in declared accounts. Checked on the providers (the
 * engine analyzes provider resources too, so an account outside the list is reported once, on its
 * provider, before anything of that account is created) and on the inputs that name another account
 * (`peerOwnerId` of a peering request).
 *
 * - With `allowedAccounts` set: every AWS provider is pinned (`allowedAccountIds`) to allowed accounts
 *   only (an unpinned provider acts in whatever account its credentials are — not provably allowed), the
 *   role it ends up in is a role of an allowed account, and a peering's `peerOwnerId` is allowed.
 * - Always: a provider that is pinned and assumes roles ends in a role of its pinned account (else every
 *   call fails `allowedAccountIds` at `pulumi up`, after the plan looked fine).
 *
 * Only the LAST role of `assumeRoles` counts: @pulumi/aws 7 assumes the roles in order, each with the
 * credentials of the one before (role chaining), and the provider acts as the last one; the earlier
 * hops (a CI or security account's role) create nothing and may lie in any account ("Provider role
 * chaining", @pulumi/aws 7 migration guide; pulumi/pulumi-aws#4459).
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: high.
 * - Controls: AWS Organizations data perimeter (trusted accounts); pairs with `allowed-regions`.
 * - Config: `allowedAccounts` (default empty: consistency only).
 * - Preview: pins, role ARNs and `peerOwnerId` are literal inputs; a computed one defers to `pulumi up`.
 */
export const allowedAccounts: ResourceValidationPolicy = {
    name: "allowed-accounts",
    description: "AWS resources are created in, and peer with, declared accounts only.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "aws-guidance:data-perimeter"],
    configSchema: schema({
        allowedAccounts: {
            type: "array",
            items: { type: "string", pattern: "^\\d{12}$" },
            default: ALLOWED_ACCOUNTS_DEFAULTS.allowedAccounts,
            description: "AWS account ids resources may be created in (empty: not enforced).",
        },
    }),
    remediationSteps:
        "Pin the provider to a declared account (landing-zone:accounts) or add the account to allowed-accounts.allowedAccounts in the pack config.",
    validateResource: forTypes([T.provider, T.peering], ({ props, args, report }) => {
        const cfg = configOf(args, ALLOWED_ACCOUNTS_DEFAULTS);
        const enforced = cfg.allowedAccounts.length > 0;
        const allowed = (a: string) => cfg.allowedAccounts.includes(a);
        const fix = (a: string) => `to allow ${a}, add it to allowed-accounts.allowedAccounts in the pack config (${PACK_CONFIG_HINT})`;
        if (args.type === T.peering) {
            if (!enforced || !("peerOwnerId" in props)) {
                return;
            }
            const owner = str(props["peerOwnerId"]);
            if (isUnknown(owner)) {
                deferToPreview(args.props, ["peerOwnerId"]);
            }
            if (typeof owner === "string" && !allowed(owner)) {
                report(`peerOwnerId names account ${owner}, which is not an allowed account: ${fix(owner)}.`);
            }
            return;
        }
        const pins = pinnedAccounts(props);
        if (pins === "unknown") {
            deferToPreview(args.props, ["allowedAccountIds"]);
        }
        const chain = assumedRoles(props);
        if (chain === "unknown") {
            deferToPreview(args.props, ["assumeRoles"]);
        }
        // The role the provider acts as: the end of the chain (see above).
        const roles = chain.length > 0 ? [chain[chain.length - 1]] : [];
        if (enforced) {
            if (pins === undefined || pins.length === 0) {
                report(
                    `Provider ${args.name} is not pinned to an account (allowedAccountIds), so it acts in whatever account its credentials are; allowed accounts are ${cfg.allowedAccounts.join(", ")}: declare the account in landing-zone:accounts (or set landing-zone:accountId).`,
                );
            } else {
                for (const a of pins.filter((x) => !allowed(x))) {
                    report(`Provider ${args.name} is pinned to account ${a}, which is not an allowed account: ${fix(a)}.`);
                }
            }
            for (const r of roles.filter((x) => x.account !== "" && !allowed(x.account))) {
                report(
                    `Provider ${args.name} assumes ${r.roleArn}, a role of account ${r.account}, which is not an allowed account: ${fix(r.account)}.`,
                );
            }
        }
        if (pins !== undefined && pins.length > 0) {
            for (const r of roles) {
                if (!ACCOUNT_ID_RE.test(r.account) || !pins.includes(r.account)) {
                    report(
                        `Provider ${args.name} is pinned to ${pins.join(", ")} but assumes ${r.roleArn}${r.account ? `, a role of account ${r.account}` : ", not an IAM role ARN"}: every call would fail allowedAccountIds; assume a role of the pinned account.`,
                    );
                }
            }
        }
    }),
};
