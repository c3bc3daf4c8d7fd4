/**
 * Rules of the accounts unit against the rest of the config: names that must refer to a declared
 * account, ids that must be unique, roles that must belong to their account, and what a multi-account
 * stack cannot do yet. (Both connectivity modes work across accounts: peering with an accepter in the
 * network account, transit gateways shared through AWS RAM — components/connectivity/ram-share.ts.)
 */
import { defaultRoleArn, MAX_OUTSTANDING_AUTHORIZATIONS_PER_ZONE, ROLE_ARN_RE } from "../accounts";
import type { AccountsConfig } from "../accounts";
import { ConnectivityConfig, EndpointServiceConfig } from "../units";
import { IndexedSpokes, Push } from "./common";

export interface AccountsFacts {
    /** `accounts` as parsed; undefined when absent (single-account) or when it failed to parse. */
    readonly accounts?: AccountsConfig;
    /** True when `accounts` was given (even if it failed to parse): references are then not "without accounts". */
    readonly accountsGiven: boolean;
    readonly networkAccount?: string;
    readonly accountId?: string;
    readonly organizationId?: string;
    readonly spokes: IndexedSpokes;
    readonly connectivity?: ConnectivityConfig;
    readonly endpointService?: EndpointServiceConfig;
    /** Hub region: spokes elsewhere get a regional endpoint set unless their region's entry disables it. */
    readonly hubRegion?: string;
    /** `regionalEndpoints` as parsed (absent: every spoke region other than the hub's gets a set). */
    readonly regionalEndpoints?: Readonly<Record<string, { readonly enabled: boolean }>>;
    /** `dns.mode` when given. */
    readonly dnsMode?: string;
}

const declared = (accounts: AccountsConfig) => Object.keys(accounts).sort().join(", ") || "none";

/** Every rule of the accounts unit; problems go to `push`. */
export function checkAccounts(f: AccountsFacts, push: Push): void {
    if (!f.accountsGiven) {
        if (f.networkAccount !== undefined) {
            push(
                "networkAccount",
                "names an account, but the stack declares no accounts. Fix: declare it under landing-zone:accounts, or remove networkAccount (a single-account stack)",
            );
        }
        for (const { s, i } of f.spokes) {
            if (s.account !== undefined) {
                push(
                    `spokes[${i}].account`,
                    `spoke "${s.name}" names account "${s.account}", but the stack declares no accounts. Fix: declare it under landing-zone:accounts (with networkAccount), or remove the spoke's account`,
                );
            }
        }
        return;
    }
    const accounts = f.accounts;
    if (accounts === undefined) {
        return; // the unit's own problems are already reported; references cannot be checked
    }
    if (Object.keys(accounts).length === 0) {
        push("accounts", "is empty. Fix: declare the network account (and the workload accounts), or remove landing-zone:accounts");
        return;
    }

    // Ids: one name per account, or two names would get two providers (and two flow-log roles) for one account.
    const byId = new Map<string, string>();
    for (const [name, a] of Object.entries(accounts)) {
        const first = byId.get(a.id);
        if (first !== undefined) {
            push(
                `accounts.${name}.id`,
                `${a.id} is already declared as account "${first}". Fix: declare each AWS account once and refer to it by that name`,
            );
        } else {
            byId.set(a.id, name);
        }
        if (a.roleArn !== undefined) {
            const m = ROLE_ARN_RE.exec(a.roleArn);
            if (m && m[2] !== a.id) {
                push(
                    `accounts.${name}.roleArn`,
                    `${a.roleArn} is a role of account ${m[2]}, but account "${name}" is ${a.id}: the provider would act in ${m[2]} and allowedAccountIds would refuse it. Fix: use a role of ${a.id}, or correct the id`,
                );
            }
        }
        if (a.assumeRole && a.roleArn === undefined && f.organizationId === undefined) {
            // The default role is made by AWS Organizations when it creates an account: an account that
            // is not in an organisation (or was invited into one) has no such role.
            push(
                `accounts.${name}.roleArn`,
                `is not set, so the default role ${defaultRoleArn(a.id)} is assumed, but the stack has no organizationId: that role exists only in accounts AWS Organizations created. Fix: set roleArn to a role of ${a.id} that trusts the deploying identity, set organizationId, or set assumeRole: false for the credentials' own account`,
            );
        } else if (a.assumeRole && a.roleArn === undefined && a.defaultRoleTrustsDeployer !== true) {
            // The role Organizations creates trusts the management account only ("Accessing member
            // accounts in your organization"); a landing zone deploys from the network account or CI, so
            // AssumeRole would fail when pulumi up configures this account's providers, after the other
            // accounts' resources were created (a partial first update).
            // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html
            push(
                `accounts.${name}.roleArn`,
                `is not set, so the default role ${defaultRoleArn(a.id)} is assumed, which AWS Organizations makes trust only the organisation's management account: from any other account (the network account, CI) AssumeRole fails at pulumi up. Fix: set roleArn to a role of ${a.id} that trusts the deploying identity (README, "The role in each account"), or set defaultRoleTrustsDeployer: true if you deploy from the management account or added the deploying identity to that role's trust policy`,
            );
        }
        if (!a.assumeRole) {
            for (const k of ["roleArn", "externalId", "sessionName"] as const) {
                if (a[k] !== undefined) {
                    push(
                        `accounts.${name}.${k}`,
                        `is set, but assumeRole is false: no role is assumed. Fix: remove ${k}, or set assumeRole to true`,
                    );
                }
            }
        }
    }

    const network = f.networkAccount;
    if (network === undefined) {
        push(
            "networkAccount",
            `is required with landing-zone:accounts: it names the account that owns the hub, its endpoints and zones, the transit gateways and the endpoint service. Fix: set it to one of ${declared(accounts)}`,
        );
    } else if (!(network in accounts)) {
        push(
            "networkAccount",
            `"${network}" is not a declared account. Fix: use one of ${declared(accounts)}, or declare it under landing-zone:accounts`,
        );
    }
    const networkId = network !== undefined ? accounts[network]?.id : undefined;

    // accountId pins the account of a single-account stack; with accounts it can only mean the network account.
    if (f.accountId !== undefined && networkId !== undefined && f.accountId !== networkId) {
        push(
            "accountId",
            `is ${f.accountId}, but the network account "${network}" is ${networkId}: the hub's providers cannot be pinned to both. Fix: set accountId to ${networkId}, or remove it (each account is pinned by its id)`,
        );
    }

    const spokeAccount = new Map<string, string>();
    for (const { s, i } of f.spokes) {
        const account = s.account ?? network;
        if (s.account !== undefined && !(s.account in accounts)) {
            push(
                `spokes[${i}].account`,
                `"${s.account}" is not a declared account. Fix: use one of ${declared(accounts)}, or declare it under landing-zone:accounts`,
            );
            continue;
        }
        if (account !== undefined) {
            spokeAccount.set(s.name, account);
        }
    }

    const foreign = f.spokes.filter(({ s }) => network !== undefined && spokeAccount.has(s.name) && spokeAccount.get(s.name) !== network);
    // Not built yet across accounts: the regional sets' zone associations (they would need the network
    // account's authorization and the spoke account's association, as the hub zones have) and Route 53
    // Profiles (a Profile would have to be shared with each workload account through AWS RAM).
    const regionsDone = new Set<string>();
    for (const { s } of foreign) {
        const region = s.region;
        if (
            f.hubRegion === undefined ||
            region === f.hubRegion ||
            regionsDone.has(region) ||
            f.regionalEndpoints?.[region]?.enabled === false
        ) {
            continue;
        }
        regionsDone.add(region);
        push(
            `regionalEndpoints.${region}`,
            `spoke "${s.name}" of account "${spokeAccount.get(s.name)}" would get ${region}'s regional endpoint set, but regional sets across accounts are not built yet (their zone associations need the network account's authorization). Fix: set regionalEndpoints.${region}.enabled: false (its spokes then use the hub's endpoints), or keep ${region}'s spokes in the network account`,
        );
    }
    if (foreign.length > MAX_OUTSTANDING_AUTHORIZATIONS_PER_ZONE) {
        push(
            "spokes",
            `${foreign.length} spokes are in other accounts than the network account: each hub zone would need ${foreign.length} outstanding VPC association authorizations, above Route 53's ${MAX_OUTSTANDING_AUTHORIZATIONS_PER_ZONE} per zone (TooManyVPCAssociationAuthorizations). Fix: keep at most ${MAX_OUTSTANDING_AUTHORIZATIONS_PER_ZONE} workload-account spokes per stack (split the stack), or raise the quota with AWS first`,
        );
    }
    if (f.dnsMode === "profiles" && foreign.length > 0) {
        push(
            "dns.mode",
            `"profiles" with spokes in other accounts (${foreign.map(({ s }) => s.name).join(", ")}) is not built yet: each Profile would have to be shared with their accounts through AWS RAM. Fix: use dns.mode associations (cross-account authorizations are built), or keep those spokes in the network account`,
        );
    }

    const es = f.endpointService;
    if (es && network !== undefined) {
        const host = es.vpc === "hub" ? network : spokeAccount.get(es.vpc);
        if (host !== undefined && host !== network) {
            push(
                "endpointService.vpc",
                `"${es.vpc}" is in account "${host}", but the endpoint service lives in the network account "${network}". Fix: host it in the hub or in a spoke of the network account`,
            );
        }
        es.consumers.forEach((c, j) => {
            const acct = spokeAccount.get(c);
            const id = acct !== undefined ? accounts[acct]?.id : undefined;
            if (acct === undefined || acct === network || id === undefined || es.allowAnyPrincipal) {
                return;
            }
            // The service owner's principals are admitted by the program; another account's are not.
            const allowed = es.allowedPrincipals.some((p) => p.startsWith(`arn:aws:iam::${id}:`));
            if (!allowed) {
                push(
                    `endpointService.consumers[${j}]`,
                    `consumer "${c}" is in account "${acct}" (${id}), which allowedPrincipals does not admit: its endpoint would be refused. Fix: add arn:aws:iam::${id}:root (or a role of ${id}) to endpointService.allowedPrincipals`,
                );
            }
        });
    }
}
