import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Tag keys the providers add to every resource: which Pulumi project and stack own it. */
export const STACK_TAG_KEYS = { project: "landing-zone:project", stack: "landing-zone:stack" } as const;

/** How the providers reach one account of a multi-account stack (components/config/accounts.ts, `accountAccess`). */
export interface ProviderAccount {
    /** Account name in `landing-zone:accounts`. */
    readonly name: string;
    /** 12-digit account id: the account's providers refuse any other (`allowedAccountIds`). */
    readonly id: string;
    /** Role assumed in the account. @default none: the deploying credentials are this account's */
    readonly role?: { readonly roleArn: string; readonly externalId?: string; readonly sessionName?: string };
}

export interface RegionalProvidersArgs {
    /** Tags every resource gets through the provider's `defaultTags` (the `landing-zone:tags` config). */
    readonly tags: Readonly<Record<string, string>>;
    /**
     * Pulumi project and stack that own the resources, added to `defaultTags` as `landing-zone:project`
     * and `landing-zone:stack`: two stacks of one project can declare the same VPC (`hub`, 10.0.0.0/16)
     * in one account, and only these tags tell `npm run verify` (and a person in the console) whose it is.
     */
    readonly project: string;
    readonly stack: string;
    /** When set, the providers refuse to touch any other account (`allowedAccountIds`). Single-account stacks only. */
    readonly accountId?: string;
    /**
     * Multi-account stacks: the network account (owner of the hub, its zones, the TGWs and the endpoint
     * service) and every other declared account. @default undefined: one account, the credentials'
     */
    readonly accounts?: { readonly network: ProviderAccount; readonly others: readonly ProviderAccount[] };
    /** Parent of the provider resources. */
    readonly parent?: pulumi.Resource;
}

/**
 * One explicit `aws.Provider` per (account, region) in use, created on first request.
 *
 * Nothing in this project uses the ambient default provider: its region would come from the caller's
 * environment, it is invisible to the offline plan, and stack transforms do not run under mocks. Every
 * child resource is handed the provider of its account and region. IAM and Route 53 are global services
 * but per account: their resources use a regional provider of their account and are reported with
 * region "global".
 *
 * Names: the network account's providers are `aws-<region>` (the names single-account stacks always
 * had, so adding `accounts` to a deployed stack renames no provider and replaces nothing through a
 * provider's URN); another account's are `aws-<account>-<region>`.
 */
export class RegionalProviders {
    private readonly providers = new Map<string, aws.Provider>();
    private readonly byName = new Map<string, ProviderAccount>();
    private readonly inUse = new Map<string, { readonly account: string; readonly region: string }>();
    /** Account name of the network account; undefined in a single-account stack. */
    readonly networkAccount?: string;

    constructor(private readonly args: RegionalProvidersArgs) {
        if (args.accounts) {
            this.networkAccount = args.accounts.network.name;
            for (const a of [args.accounts.network, ...args.accounts.others]) {
                this.byName.set(a.name, a);
            }
        }
    }

    /**
     * The provider for `region` in `account` (a declared account name), created once.
     * @param account @default the network account (the only account of a single-account stack)
     */
    get(region: string, account?: string): aws.Provider {
        const acct = this.account(account);
        const name = acct === undefined || acct.name === this.networkAccount ? `aws-${region}` : `aws-${acct.name}-${region}`;
        let p = this.providers.get(name);
        if (!p) {
            const pinned = acct?.id ?? this.args.accountId;
            p = new aws.Provider(
                name,
                {
                    region: region as aws.Region,
                    // Last, so a `landing-zone:tags` entry cannot hide the owner. A defaultTags change is a
                    // provider update plus an in-place tag update of each resource (pulumi-aws PR #2585,
                    // "Fix defaultTags to trigger downstream updates": `~ pulumi:providers:aws [diff:
                    // ~defaultTags]`, resources `updated`), never a replacement.
                    defaultTags: {
                        tags: { ...this.args.tags, [STACK_TAG_KEYS.project]: this.args.project, [STACK_TAG_KEYS.stack]: this.args.stack },
                    },
                    ...(pinned ? { allowedAccountIds: [pinned] } : {}),
                    // A list in @pulumi/aws 7 (role chaining); one role here: the deploying identity
                    // assumes the account's role directly.
                    // https://www.pulumi.com/registry/packages/aws/api-docs/provider/#assumeroles
                    ...(acct?.role ? { assumeRoles: [{ ...acct.role }] } : {}),
                },
                { parent: this.args.parent },
            );
            this.providers.set(name, p);
            this.inUse.set(name, { account: acct?.name ?? "", region });
        }
        return p;
    }

    /** The declared account `name` (default: the network account); undefined in a single-account stack. */
    account(name?: string): ProviderAccount | undefined {
        if (this.networkAccount === undefined) {
            if (name !== undefined) {
                throw new Error(`account "${name}" requested, but the stack declares no accounts (landing-zone:accounts)`);
            }
            return undefined;
        }
        const a = this.byName.get(name ?? this.networkAccount);
        if (!a) {
            // Validation refuses undeclared names before anything registers; a direct caller can still get here.
            throw new Error(`account "${name}" is not declared in landing-zone:accounts`);
        }
        return a;
    }

    /** Regions that have a provider so far, sorted (each once, whatever the accounts). */
    regions(): string[] {
        return [...new Set([...this.inUse.values()].map((u) => u.region))].sort();
    }

    /** (account, region) pairs that have a provider so far; account "" in a single-account stack. */
    pairs(): { readonly account: string; readonly region: string }[] {
        return [...this.inUse.values()].sort((x, y) => (x.account + "|" + x.region).localeCompare(y.account + "|" + y.region));
    }
}

/**
 * The AWS provider a single-region component was handed in its options, pulumi-eks style
 * (`new Hub(name, args, { parent, provider })`), so that the component hands it on to every child
 * explicitly. A `providers` map with an `aws` entry is accepted too.
 *
 * Without one the children would silently fall back to the ambient default provider, whose region
 * comes from the deployer's environment: the error is attributed to the component instead.
 */
export function providerFromOptions(
    component: pulumi.ComponentResource,
    opts: pulumi.ComponentResourceOptions | undefined,
): pulumi.ProviderResource {
    const listed = opts?.providers;
    const provider =
        opts?.provider ?? (listed && !Array.isArray(listed) ? (listed as Record<string, pulumi.ProviderResource>).aws : undefined);
    if (!provider) {
        throw new pulumi.ResourceError(
            "no AWS provider in the component's options. Fix: pass the regional provider as `{ parent, provider }` (see RegionalProviders.get)",
            component,
        );
    }
    return provider;
}
