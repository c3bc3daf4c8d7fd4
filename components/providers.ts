import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Tag keys the providers add to every resource: which Pulumi project and stack own it. */
export const STACK_TAG_KEYS = { project: "landing-zone:project", stack: "landing-zone:stack" } as const;

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
    /** When set, the providers refuse to touch any other account (`allowedAccountIds`). */
    readonly accountId?: string;
    /** Parent of the provider resources. */
    readonly parent?: pulumi.Resource;
}

/**
 * One explicit `aws.Provider` per region in use, created on first request.
 *
 * Nothing in this project uses the ambient default provider: its region would come from the caller's
 * environment, it is invisible to the offline plan, and stack transforms do not run under mocks. Every
 * child resource is handed the provider of its region. IAM and Route 53 are global services; their
 * resources use the hub region's provider and are reported with region "global".
 */
export class RegionalProviders {
    private readonly providers = new Map<string, aws.Provider>();

    constructor(private readonly args: RegionalProvidersArgs) {}

    /** The provider for `region`, created once. */
    get(region: string): aws.Provider {
        let p = this.providers.get(region);
        if (!p) {
            p = new aws.Provider(
                `aws-${region}`,
                {
                    region: region as aws.Region,
                    // Last, so a `landing-zone:tags` entry cannot hide the owner. A defaultTags change is a
                    // provider update plus an in-place tag update of each resource (pulumi-aws PR #2585,
                    // "Fix defaultTags to trigger downstream updates": `~ pulumi:providers:aws [diff:
                    // ~defaultTags]`, resources `updated`), never a replacement.
                    defaultTags: {
                        tags: { ...this.args.tags, [STACK_TAG_KEYS.project]: this.args.project, [STACK_TAG_KEYS.stack]: this.args.stack },
                    },
                    ...(this.args.accountId ? { allowedAccountIds: [this.args.accountId] } : {}),
                },
                { parent: this.args.parent },
            );
            this.providers.set(region, p);
        }
        return p;
    }

    /** Regions that have a provider so far, sorted. */
    regions(): string[] {
        return [...this.providers.keys()].sort();
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
