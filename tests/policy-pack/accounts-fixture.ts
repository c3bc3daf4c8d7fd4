/**
 * A multi-account stack for the account policies, as AnalyzeStack presents it: providers per
 * (account, region) pinned with `allowedAccountIds` (JSON-encoded, as the Node SDK sends provider
 * inputs), resources linked by property dependencies; `build({ preview: true })` makes every reference
 * unknown, as in a preview of a new stack.
 */
import type { PolicyResource } from "../../policy-pack/node_modules/@pulumi/policy";
import { policyProxy, UNKNOWN } from "./helpers";

export const NETWORK = "111111111111";
export const WORKLOAD = "222222222222";

const opts = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

/** `{ ref: name }` in props: a reference to that resource's id. */
export interface Ref {
    readonly ref: string;
}

interface Spec {
    readonly type: string;
    readonly name: string;
    props: Record<string, unknown>;
    account: string | undefined;
    dependsOn: string[];
}

export class AccountsFixture {
    private readonly specs = new Map<string, Spec>();

    /** Adds a resource made with the provider of `account` (undefined: an unpinned provider). */
    add(type: string, name: string, props: Record<string, unknown>, account: string | undefined, dependsOn: string[] = []): this {
        this.specs.set(name, { type, name, props, account, dependsOn });
        return this;
    }

    patch(name: string, f: (s: Spec) => void): this {
        const s = this.specs.get(name);
        if (!s) {
            throw new Error(`no fixture resource ${name}`);
        }
        f(s);
        return this;
    }

    remove(name: string): this {
        this.specs.delete(name);
        return this;
    }

    build(o: { preview?: boolean } = {}): PolicyResource[] {
        const providers = new Map<string, PolicyResource>();
        const out: PolicyResource[] = [];
        const provider = (account: string | undefined): PolicyResource => {
            const key = account ?? "";
            let p = providers.get(key);
            if (!p) {
                const props: Record<string, unknown> = { region: "eu-west-2" };
                if (account) {
                    props.allowedAccountIds = JSON.stringify([account]);
                }
                const name = account ? `aws-${account}-eu-west-2` : "aws-eu-west-2";
                p = {
                    type: "pulumi:providers:aws",
                    urn: `urn:pulumi:test::lz::pulumi:providers:aws::${name}`,
                    name,
                    props: policyProxy.unknownCheckingProxy(props),
                    opts,
                    dependencies: [],
                    propertyDependencies: {},
                    isType: () => false,
                    asType: () => undefined,
                };
                providers.set(key, p);
                out.push(p);
            }
            return p;
        };
        const made = new Map<string, PolicyResource>();
        const pending: [PolicyResource, Record<string, string[]>, string[]][] = [];
        for (const s of this.specs.values()) {
            const props: Record<string, unknown> = {};
            const deps: Record<string, string[]> = {};
            for (const [k, v] of Object.entries(s.props)) {
                if (v && typeof v === "object" && "ref" in v) {
                    const target = (v as Ref).ref;
                    props[k] = o.preview ? UNKNOWN : `${target}-id`;
                    deps[k] = [target];
                } else {
                    props[k] = v;
                }
            }
            const p = provider(s.account);
            const r: PolicyResource = {
                type: s.type,
                urn: `urn:pulumi:test::lz::${s.type}::${s.name}`,
                name: s.name,
                props: policyProxy.unknownCheckingProxy(props),
                opts,
                dependencies: [],
                propertyDependencies: {},
                provider: { type: p.type, urn: p.urn, name: p.name, props: p.props },
                isType: () => false,
                asType: () => undefined,
            };
            made.set(s.name, r);
            out.push(r);
            pending.push([r, deps, s.dependsOn]);
        }
        for (const [r, deps, dependsOn] of pending) {
            const pd: Record<string, PolicyResource[]> = {};
            const all = new Set<PolicyResource>();
            for (const [k, names] of Object.entries(deps)) {
                pd[k] = names.map((n) => made.get(n)).filter((x): x is PolicyResource => x !== undefined);
                pd[k].forEach((x) => all.add(x));
            }
            dependsOn.forEach((n) => {
                const x = made.get(n);
                if (x) {
                    all.add(x);
                }
            });
            Object.assign(r, { propertyDependencies: pd, dependencies: [...all] });
        }
        return out;
    }
}
