/**
 * Resource options the change-safety check needs, read from a RegisterResourceRequest at capture time
 * (offline/program.ts): `deleteBeforeReplace`, `aliases` (resolved to URNs), `replaceOnChanges`,
 * `retainOnDelete`. Each is recorded only when set, so plans of resources without them keep their bytes.
 */

/** The subset of the protobuf Alias.Spec read here (`@pulumi/pulumi/proto/alias_pb`). */
export interface AliasSpecLike {
    getName(): string;
    getType(): string;
    getStack(): string;
    getProject(): string;
    getParenturn(): string;
    getNoparent(): boolean;
}

/** The subset of the protobuf Alias read here: either a URN or a spec. */
export interface AliasLike {
    getUrn(): string;
    getSpec(): AliasSpecLike | undefined;
}

/** The subset of the RegisterResourceRequest read here. */
export interface OptionsRequestLike {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDeletebeforereplace(): boolean;
    getReplaceonchangesList(): string[];
    getRetainondelete?(): boolean;
    getAliasesList(): AliasLike[];
    getAliasurnsList(): string[];
}

export interface CapturedOptions {
    deleteBeforeReplace?: boolean;
    aliases?: string[];
    replaceOnChanges?: string[];
    retainOnDelete?: boolean;
}

/**
 * The URN of a resource of `type` named `name` under `parent`, built the way the mock monitor builds
 * URNs (`@pulumi/pulumi/runtime/mocks.js`, `newUrn`: only the parent's own type is prefixed), so that
 * alias URNs match the URNs of an earlier offline plan.
 */
export function mockUrn(stack: string, project: string, parent: string, type: string, name: string): string {
    const qualified = parent ? `${(parent.split("::")[2] ?? "").split("$").pop()}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Stack and project of a URN (`urn:pulumi:<stack>::<project>::…`). */
export function urnStackProject(urn: string): { stack: string; project: string } {
    const parts = urn.split("::");
    return { stack: (parts[0] ?? "").replace(/^urn:pulumi:/, ""), project: parts[1] ?? "" };
}

/**
 * Resolves one alias to the URN the resource had. A spec's empty fields default to the resource's own
 * (Pulumi's `Alias` docs: "name/type/parent/stack/project … defaults to the resource's own"); the SDK
 * always fills in the parent (runtime/resource.js, `mapAliasesForRequest`).
 */
export function resolveAlias(alias: AliasLike, self: { type: string; name: string; parent: string; urn: string }): string | undefined {
    if (alias.getUrn()) {
        return alias.getUrn();
    }
    const spec = alias.getSpec();
    if (!spec) {
        return undefined;
    }
    const own = urnStackProject(self.urn);
    const parent = spec.getNoparent() ? "" : spec.getParenturn() || self.parent;
    return mockUrn(
        spec.getStack() || own.stack,
        spec.getProject() || own.project,
        parent,
        spec.getType() || self.type,
        spec.getName() || self.name,
    );
}

/** The options of one registration, each only when set. */
export function capturedOptions(req: OptionsRequestLike, urn: string): CapturedOptions {
    const out: CapturedOptions = {};
    if (req.getDeletebeforereplace()) {
        out.deleteBeforeReplace = true;
    }
    const self = { type: req.getType(), name: req.getName(), parent: req.getParent(), urn };
    const aliases = [...req.getAliasesList().map((a) => resolveAlias(a, self)), ...req.getAliasurnsList()].filter(
        (u): u is string => typeof u === "string" && u !== "" && u !== urn,
    );
    if (aliases.length > 0) {
        out.aliases = [...new Set(aliases)].sort();
    }
    const roc = req.getReplaceonchangesList();
    if (roc.length > 0) {
        out.replaceOnChanges = [...roc].sort();
    }
    if (req.getRetainondelete?.()) {
        out.retainOnDelete = true;
    }
    return out;
}
