/**
 * `landing-zone:accounts` and `landing-zone:networkAccount`: the AWS accounts of a multi-account stack —
 * the schema of the unit (each field with its doc and default); its cross-field rules (duplicate ids,
 * a role in another account, references from spokes) are in rules/accounts.ts.
 *
 * A stack without `accounts` is a single-account stack, exactly as before: every resource lands in the
 * account of the deploying credentials (pinned by `accountId` when set). With `accounts`, the network
 * account (`networkAccount`) owns the hub, its endpoints and zones, the transit gateways and the
 * endpoint service; each spoke names the account that owns its VPC (`spokes[i].account`).
 */
import { z } from "zod";
import { ACCOUNT_RE } from "./constants";
import { DeepReadonly, field } from "./field";
import { invalid, nameString } from "./primitives";

/**
 * Role the providers assume in an account when `roleArn` is not given. AWS Organizations creates a role
 * of this name in every account it creates (CreateAccount's `RoleName` defaults to it), trusted by the
 * management account only; an invited account does not have it, so give such an account its own
 * `roleArn`. Since a landing zone deploys from the network account (or CI), not the management account,
 * the default is refused unless the account says `defaultRoleTrustsDeployer: true` (rules/accounts.ts).
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html
 */
export const DEFAULT_ACCOUNT_ROLE_NAME = "OrganizationAccountAccessRole";

/**
 * Outstanding VPC association authorizations a private hosted zone may have: beyond it Route 53 answers
 * TooManyVPCAssociationAuthorizations. The program keeps one authorization per (hub zone, VPC of another
 * account) for as long as the association exists, so this caps the workload-account VPCs per zone.
 * Route 53 Developer Guide, "Quotas" (quotas on hosted zones); API: TooManyVPCAssociationAuthorizations.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html
 */
export const MAX_OUTSTANDING_AUTHORIZATIONS_PER_ZONE = 100;

/** The role assumed in `accountId` by default. */
export function defaultRoleArn(accountId: string): string {
    return `arn:aws:iam::${accountId}:role/${DEFAULT_ACCOUNT_ROLE_NAME}`;
}

/** An IAM role ARN (aws, aws-cn, aws-us-gov partitions); group 2 is its account. Paths allowed. */
export const ROLE_ARN_RE = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

// STS AssumeRole limits: ExternalId 2-1224 characters of [\w+=,.@:/-]; RoleSessionName 2-64 of [\w+=,.@-].
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
const EXTERNAL_ID_RE = /^[\w+=,.@:/-]{2,1224}$/;
const SESSION_NAME_RE = /^[\w+=,.@-]{2,64}$/;

export const accountSchema = z
    .object({
        id: field(z.string().regex(ACCOUNT_RE, { error: invalid("an AWS account id", "a 12-digit AWS account id, quoted in YAML") }), {
            doc: "the account's 12-digit id: every provider of the account is pinned to it (`allowedAccountIds`)",
            type: "string (12 digits, quoted)",
        }),
        roleArn: field(
            z
                .string()
                .regex(ROLE_ARN_RE, {
                    error: invalid(
                        "an IAM role ARN",
                        "arn:aws:iam::<id>:role/<name>, a role in this account that the deploying identity may assume",
                    ),
                })
                .optional(),
            {
                doc: "role the providers assume in the account (`assumeRoles`); it must be a role of this account",
                type: "role ARN",
                default: `\`arn:aws:iam::<id>:role/${DEFAULT_ACCOUNT_ROLE_NAME}\``,
            },
        ),
        defaultRoleTrustsDeployer: field(z.boolean().optional(), {
            type: "bool",
            default: "`false`",
            doc: `\`true\`: the default role (\`${DEFAULT_ACCOUNT_ROLE_NAME}\`, which AWS Organizations makes trust only the management account) may be assumed by the deploying identity — you deploy from the management account, or you added the deploying identity to the role's trust policy; without it, and without \`roleArn\`, the account is refused (AssumeRole would fail at \`pulumi up\`); ignored when \`roleArn\` is set`,
        }),
        assumeRole: field(z.boolean().default(true), {
            doc: "`false`: use the deploying credentials as they are (they must be this account's, e.g. the network account run from its own CI role); no `roleArn`, `externalId` or `sessionName` then",
        }),
        externalId: field(
            z
                .string()
                .regex(EXTERNAL_ID_RE, { error: invalid("an STS external id", "2-1224 characters of letters, digits and +=,.@:/-") })
                .optional(),
            { doc: "`sts:ExternalId` the role's trust policy requires, if any", type: "string" },
        ),
        sessionName: field(
            z
                .string()
                .regex(SESSION_NAME_RE, { error: invalid("an STS session name", "2-64 characters of letters, digits and +=,.@-") })
                .optional(),
            { doc: "role session name, shown in the account's CloudTrail", type: "string", default: "chosen by the provider" },
        ),
    })
    .strict();

export const accountsSchema = z.record(nameString, accountSchema);

export const networkAccountSchema = nameString;

export type AccountConfig = DeepReadonly<z.output<typeof accountSchema>>;
/** Account name -> account. */
export type AccountsConfig = Readonly<Record<string, AccountConfig>>;

/** How the providers reach an account: its id and the role to assume (none with `assumeRole: false`). */
export interface AccountAccess {
    readonly name: string;
    readonly id: string;
    readonly role?: { readonly roleArn: string; readonly externalId?: string; readonly sessionName?: string };
}

/** The resolved access of one declared account (defaults applied). */
export function accountAccess(name: string, a: AccountConfig): AccountAccess {
    return {
        name,
        id: a.id,
        ...(a.assumeRole
            ? {
                  role: {
                      roleArn: a.roleArn ?? defaultRoleArn(a.id),
                      ...(a.externalId !== undefined ? { externalId: a.externalId } : {}),
                      ...(a.sessionName !== undefined ? { sessionName: a.sessionName } : {}),
                  },
              }
            : {}),
    };
}

/** The declared accounts of a validated config, the network account apart; undefined for a single-account stack. */
export function stackAccounts(config: {
    readonly accounts?: AccountsConfig;
    readonly networkAccount?: string;
}): { readonly network: AccountAccess; readonly others: readonly AccountAccess[] } | undefined {
    const { accounts, networkAccount } = config;
    if (accounts === undefined || networkAccount === undefined || !(networkAccount in accounts)) {
        return undefined;
    }
    return {
        network: accountAccess(networkAccount, accounts[networkAccount]),
        others: Object.entries(accounts)
            .filter(([n]) => n !== networkAccount)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([n, a]) => accountAccess(n, a)),
    };
}

/** Every declared account id, sorted (what an endpoint policy admits outside an organisation). */
export function declaredAccountIds(accounts: AccountsConfig): string[] {
    return Object.values(accounts)
        .map((a) => a.id)
        .sort();
}
