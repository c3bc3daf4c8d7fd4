/**
 * Helpers to call the pack's policies directly, the way @pulumi/policy's server does
 * (node_modules/@pulumi/policy/server.js, `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`):
 *
 * - props (and the provider's props) are wrapped in the library's own `unknownCheckingProxy`;
 * - preview-time unknowns are the engine's sentinel string, which the proxy refuses to hand out;
 * - an `UnknownValueError` thrown by a policy is what the server turns into an advisory
 *   "can't run during preview": {@link Outcome.deferred} records it; any other error is a crash and
 *   fails the test.
 *
 * {@link StackFixture} builds a stack of PolicyResources from specs whose references to other resources
 * ({@link StackFixture.ref}) become property dependencies, and whose VALUES are either fake ids (an
 * update) or unknown (a preview of a new stack: every id, ARN and DNS name computed by AWS is unknown).
 */
import * as assert from "assert";
import * as path from "path";
import { createRequire } from "module";
import type {
    PolicyProviderResource,
    PolicyResource,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "../../policy-pack/node_modules/@pulumi/policy";

/** The pack's directory: @pulumi/policy is installed there, not at the repository root. */
export const PACK_DIR = path.resolve(__dirname, "../../policy-pack");

interface ProxyModule {
    unknownCheckingProxy<T>(o: T): T;
    UnknownValueError: new (...args: unknown[]) => Error;
    unknownStringValue: string;
    unknownBooleanValue: string;
    unknownNumberValue: string;
    unknownArrayValue: string;
    unknownAssetValue: string;
    unknownArchiveValue: string;
    unknownObjectValue: string;
}

/** @pulumi/policy's proxy module (internal, but a plain file without dependencies). */
export const policyProxy: ProxyModule = createRequire(path.join(PACK_DIR, "package.json"))("@pulumi/policy/proxy");

/** What the engine sends for a value unknown during preview. */
export const UNKNOWN: string = policyProxy.unknownStringValue;

export interface Violation {
    readonly message: string;
    readonly urn?: string;
}

/** Result of one policy call. */
export interface Outcome {
    readonly violations: Violation[];
    /** Set when the policy gave up on an unknown value (the server's "can't run during preview"). */
    readonly deferred?: string;
}

const notApplicable = (reason?: string): never => {
    throw new Error(`notApplicable: ${reason ?? ""}`);
};

/** A provider resource as @pulumi/policy passes it (inputs JSON-encoded, as the Node SDK sends them). */
export function provider(region: string | undefined, defaultTags?: Record<string, string>): PolicyProviderResource {
    const props: Record<string, unknown> = {};
    if (region !== undefined) {
        props.region = region;
    }
    if (defaultTags) {
        props.defaultTags = JSON.stringify({ tags: defaultTags });
    }
    return {
        type: "pulumi:providers:aws",
        urn: `urn:pulumi:test::lz::pulumi:providers:aws::aws-${region ?? "default"}`,
        name: `aws-${region ?? "default"}`,
        props: policyProxy.unknownCheckingProxy(props),
    };
}

function run(fn: () => void | Promise<void>, violations: Violation[]): Outcome {
    try {
        const r = fn();
        if (r instanceof Promise) {
            throw new Error("policies in this pack are synchronous");
        }
    } catch (e) {
        if (e instanceof policyProxy.UnknownValueError) {
            return { violations, deferred: e.message };
        }
        throw e;
    }
    return { violations };
}

export interface AnalyzeOptions {
    readonly name?: string;
    readonly provider?: PolicyProviderResource | null;
    readonly config?: Record<string, unknown>;
}

/** Calls a resource policy's `validateResource` as `Analyze` would. Default provider: eu-west-2 with the required tags. */
export function analyze(
    policy: ResourceValidationPolicy,
    type: string,
    props: Record<string, unknown>,
    opts: AnalyzeOptions = {},
): Outcome {
    const violations: Violation[] = [];
    const name = opts.name ?? "subject";
    const prov =
        opts.provider === null ? undefined : (opts.provider ?? provider("eu-west-2", { owner: "platform-team", environment: "test" }));
    const proxied = policyProxy.unknownCheckingProxy(props);
    const args: ResourceValidationArgs = {
        type,
        props: proxied,
        urn: `urn:pulumi:test::lz::${type}::${name}`,
        name,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        ...(prov ? { provider: prov } : {}),
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => (opts.config ?? {}) as T,
        notApplicable,
    };
    const validate = policy.validateResource as ResourceValidation;
    return run(() => validate(args, (message, urn) => violations.push({ message, urn })), violations);
}

/** Calls a stack policy's `validateStack` as `AnalyzeStack` would. */
export function analyzeStack(policy: StackValidationPolicy, resources: PolicyResource[], config: Record<string, unknown> = {}): Outcome {
    const violations: Violation[] = [];
    const args: StackValidationArgs = { resources, stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable };
    return run(() => policy.validateStack(args, (message, urn) => violations.push({ message, urn })), violations);
}

/** Asserts no violation and no deferral. */
export function assertClean(o: Outcome): void {
    assert.deepStrictEqual(
        o.violations.map((v) => v.message),
        [],
    );
    assert.strictEqual(o.deferred, undefined, `unexpectedly deferred: ${o.deferred}`);
}

/** Asserts exactly one violation whose message matches `pattern` (and, if given, names `urnSuffix`). */
export function assertOne(o: Outcome, pattern: RegExp, urnSuffix?: string): Violation {
    assert.strictEqual(o.violations.length, 1, `expected one violation, got: ${JSON.stringify(o.violations.map((v) => v.message))}`);
    const [v] = o.violations;
    assert.match(v.message, pattern);
    if (urnSuffix !== undefined) {
        assert.ok(v.urn?.endsWith(`::${urnSuffix}`), `violation URN ${v.urn} does not name ${urnSuffix}`);
    }
    return v;
}

/** Asserts at least one violation matches `pattern`. */
export function assertSome(o: Outcome, pattern: RegExp): void {
    assert.ok(
        o.violations.some((v) => pattern.test(v.message)),
        `no violation matches ${pattern}: ${JSON.stringify(o.violations.map((v) => v.message))}`,
    );
}

/** Pins a policy's name and enforcement level. */
export function assertIdentity(policy: { name: string; enforcementLevel?: string }, name: string, level: "mandatory" | "advisory"): void {
    assert.strictEqual(policy.name, name);
    assert.strictEqual(policy.enforcementLevel, level);
}

// ---------------------------------------------------------------------------------------------------
// Stack fixtures
// ---------------------------------------------------------------------------------------------------

/** A reference to another resource's output (id, arn, …): a property dependency, and a value. */
export class Ref {
    constructor(
        readonly target: string,
        readonly attr: string,
    ) {}
}

interface Spec {
    readonly type: string;
    readonly name: string;
    props: Record<string, unknown>;
    readonly region?: string;
}

/** Builds PolicyResources; `build({ preview: true })` makes every {@link Ref} value unknown. */
export class StackFixture {
    private readonly specs = new Map<string, Spec>();
    private readonly defaultTags: Record<string, string>;

    constructor(defaultTags: Record<string, string> = { owner: "platform-team", environment: "test" }) {
        this.defaultTags = defaultTags;
    }

    /** Adds a resource. `region` picks its provider (omit for none). Returns its name. */
    add(type: string, name: string, props: Record<string, unknown>, region?: string): string {
        assert.ok(!this.specs.has(name), `duplicate fixture resource ${name}`);
        this.specs.set(name, { type, name, props, region });
        return name;
    }

    /** A reference to `name`'s output `attr` (default `id`). */
    ref(name: string, attr = "id"): Ref {
        return new Ref(name, attr);
    }

    has(name: string): boolean {
        return this.specs.has(name);
    }

    remove(name: string): this {
        assert.ok(this.specs.delete(name), `no fixture resource ${name}`);
        return this;
    }

    /** Merges props into a resource (a key set to `undefined` is deleted). */
    patch(name: string, props: Record<string, unknown>): this {
        const s = this.specs.get(name);
        assert.ok(s, `no fixture resource ${name}`);
        const next = { ...s.props, ...props };
        for (const [k, v] of Object.entries(props)) {
            if (v === undefined) {
                delete next[k];
            }
        }
        s.props = next;
        return this;
    }

    /** URN of a fixture resource. */
    urn(name: string): string {
        const s = this.specs.get(name);
        assert.ok(s, `no fixture resource ${name}`);
        return `urn:pulumi:test::lz::${s.type}::${name}`;
    }

    /** The stack as AnalyzeStack would present it. */
    build(opts: { preview?: boolean } = {}): PolicyResource[] {
        const preview = opts.preview ?? false;
        const providers = new Map<string, PolicyResource>();
        const out: PolicyResource[] = [];
        const byName = new Map<string, PolicyResource>();
        const pending: [PolicyResource, Map<string, Set<string>>][] = [];

        const providerFor = (region: string): PolicyResource => {
            let p = providers.get(region);
            if (!p) {
                const pr = provider(region, this.defaultTags);
                p = {
                    type: pr.type,
                    urn: pr.urn,
                    name: pr.name,
                    props: pr.props,
                    opts: {
                        protect: false,
                        ignoreChanges: [],
                        aliases: [],
                        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                        additionalSecretOutputs: [],
                    },
                    dependencies: [],
                    propertyDependencies: {},
                    isType: () => false,
                    asType: () => undefined,
                };
                providers.set(region, p);
                out.push(p);
            }
            return p;
        };

        const resolve = (v: unknown, deps: Set<string>): unknown => {
            if (v instanceof Ref) {
                assert.ok(this.specs.has(v.target), `dangling reference to ${v.target}`);
                deps.add(v.target);
                return preview ? UNKNOWN : `${v.target}-${v.attr}`;
            }
            if (Array.isArray(v)) {
                return v.map((x) => resolve(x, deps));
            }
            if (v !== null && typeof v === "object") {
                return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, deps)]));
            }
            return v;
        };

        for (const s of this.specs.values()) {
            const propDeps = new Map<string, Set<string>>();
            const props: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(s.props)) {
                const deps = new Set<string>();
                props[k] = resolve(v, deps);
                propDeps.set(k, deps);
            }
            const p = s.region ? providerFor(s.region) : undefined;
            const r: PolicyResource = {
                type: s.type,
                urn: `urn:pulumi:test::lz::${s.type}::${s.name}`,
                name: s.name,
                props: policyProxy.unknownCheckingProxy(props),
                opts: {
                    protect: false,
                    ignoreChanges: [],
                    aliases: [],
                    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                    additionalSecretOutputs: [],
                },
                dependencies: [],
                propertyDependencies: {},
                ...(p ? { provider: { type: p.type, urn: p.urn, name: p.name, props: p.props } } : {}),
                isType: () => false,
                asType: () => undefined,
            };
            byName.set(s.name, r);
            out.push(r);
            pending.push([r, propDeps]);
        }
        for (const [r, propDeps] of pending) {
            const all = new Set<PolicyResource>();
            for (const [k, names] of propDeps) {
                const list = [...names].map((n) => byName.get(n) as PolicyResource);
                r.propertyDependencies[k] = list;
                list.forEach((d) => all.add(d));
            }
            r.dependencies = [...all];
        }
        return out;
    }
}

/** Runs a stack policy on the fixture both as an update (known ids) and as a preview (unknown ids), and returns both. */
export function bothModes(
    policy: StackValidationPolicy,
    f: StackFixture,
    config: Record<string, unknown> = {},
): { update: Outcome; preview: Outcome } {
    return { update: analyzeStack(policy, f.build(), config), preview: analyzeStack(policy, f.build({ preview: true }), config) };
}
