import * as pulumi from "@pulumi/pulumi";

/**
 * Where a child lived in an earlier version of this code: its parent then (when it has moved into a
 * sub-component since) and its name then (when it was named by list position). The child declares an
 * alias to that URN, so `pulumi up` on a deployed stack renames it in the state instead of creating a
 * new resource and deleting the old one — for an allowed principal or a target registration that
 * delete would remove the very AWS object the new resource had just (re)created.
 * https://www.pulumi.com/docs/iac/concepts/options/aliases/
 */
export interface FormerLocation {
    /** The parent the child had; @default its current parent */
    readonly parent?: pulumi.Resource;
    /** The name the child had; @default its current name */
    readonly name?: string;
}

/**
 * Options for a child of a single-region component: its parent, the regional provider (never the
 * ambient default), and an alias to its former URN when it has one.
 */
export function childOptions(
    parent: pulumi.Resource,
    provider: pulumi.ProviderResource,
    former?: FormerLocation,
    extra?: pulumi.CustomResourceOptions,
): pulumi.CustomResourceOptions {
    // The former parent is given by its URN, not as the Resource: the SDK resolves every alias through
    // `pulumi.output(alias)`, which walks the whole value for unknowns — through a Resource that is its
    // parent chain and every component's fields, i.e. the entire program graph, once per alias (most of
    // the offline plan's program time before this). The URN names the same parent.
    const alias: pulumi.Alias | undefined =
        former && (former.parent || former.name !== undefined)
            ? {
                  ...(former.parent ? { parent: former.parent.urn } : {}),
                  ...(former.name !== undefined ? { name: former.name } : {}),
              }
            : undefined;
    return { ...extra, parent, provider, ...(alias ? { aliases: [...(extra?.aliases ?? []), alias] } : {}) };
}
