/**
 * Pure decisions of the endpoint service (no Pulumi import): which client networks the NLB admits,
 * which regions the service supports, and the names of list members.
 */

/** A client network the NLB's security group admits on the service port. */
export interface ClientSource {
    /** Name part of the ingress rule (`<service>-nlb-from-<key>`): `cidrRuleKey(cidr, port)`. */
    readonly key: string;
    /** Who it is, for the rule's description. */
    readonly label: string;
    readonly cidr: string;
    /** Key of the same rule in earlier versions, when it differs (an alias keeps the rule). */
    readonly formerKey?: string;
}

/**
 * The NLB's client networks: the host VPC, each consumer spoke, then `allowedSourceCidrs` — each
 * CIDR once (two rules with the same source and port are refused by AWS as a duplicate).
 * (PrivateLink keeps the client's address as the source the NLB's group evaluates.)
 *
 * Every rule is named by its CIDR and port (`cidrRuleKey`), whatever admits it: the rule's AWS
 * identity is (group, protocol, port, CIDR), so a name derived from who admits it would move the same
 * rule to another resource when a CIDR moves between the consumers and `allowedSourceCidrs` — Pulumi
 * creates the new one while the old one still exists (deletes run last: pulumi/pulumi#9979) and
 * AuthorizeSecurityGroupIngress refuses it with InvalidPermission.Duplicate, on every re-run. Only the
 * description says who admits it, and the provider changes it in place (ModifySecurityGroupRules:
 * offline/changes/replace-table.ts). `formerKey` is the name earlier versions gave the rule
 * (`host`, the consumer's name, `external-<i>`), aliased so deployed rules are adopted, not replaced.
 */
export function planClientSources(
    hostCidr: string,
    consumers: readonly { readonly name: string; readonly cidr: string }[],
    external: readonly string[],
    port: number,
): ClientSource[] {
    const own = [
        { former: "host", label: "host", cidr: hostCidr },
        ...consumers.map((x) => ({ former: x.name, label: x.name, cidr: x.cidr })),
    ];
    const known = new Set(own.map((s) => s.cidr));
    const extra = namedMembers(external, String)
        .filter((m) => !known.has(m.value))
        .map((m) => ({ former: `external-${m.formerKey}`, label: `allowedSourceCidrs ${m.value}`, cidr: m.value }));
    return [...own, ...extra].map((s) => {
        const key = cidrRuleKey(s.cidr, port);
        return { key, label: s.label, cidr: s.cidr, ...(s.former !== key ? { formerKey: s.former } : {}) };
    });
}

/**
 * `supportedRegions` of the service: its own region first, then each cross-region consumer's, sorted.
 * Always at least the own region: AWS reports it among the supported regions anyway, and the
 * provider's argument is Optional + Computed (the resource's `supportedRegions` output is always set:
 * node_modules/@pulumi/aws/ec2/vpcEndpointService.d.ts), so omitting it once the last cross-region
 * consumer is gone would keep the regions AWS last reported and leave the service open to them.
 */
export function planSupportedRegions(ownRegion: string, consumerRegions: readonly string[]): string[] {
    const remote = [...new Set(consumerRegions.filter((r) => r !== ownRegion))].sort();
    return [ownRegion, ...remote];
}

// ---------------------------------------------------------------------------------------------
// Names of list members
// ---------------------------------------------------------------------------------------------
//
// A list member's resource is named after the AWS object it owns, never after its position: removing
// B from [A, B, C] must not rename C. (With index names C's resource became B's, `principalArn`
// forces a replacement, Pulumi creates the replacement first and deletes the old one last, and the
// delete removes by ARN: C ended up revoked while config and state said it was allowed.)
// https://github.com/pulumi/pulumi/issues/9979

/** A list member's resource: its name, and the index name earlier versions gave it. */
export interface NamedMember<T> {
    readonly value: T;
    /** Name part derived from the value. */
    readonly key: string;
    /** Name part of earlier versions (`<i>`: the member's index in the current list). */
    readonly formerKey: string;
}

const MAX_SLUG = 48;

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable fingerprint (no crypto needed for names). */
export function shortHash(value: string): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < value.length; i++) {
        h ^= value.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, "0");
}

/**
 * A readable, stable name part for a value: lower-case letters, digits and dashes. When that loses
 * information (upper case, other punctuation) or is long, a short hash of the exact value is
 * appended, so two different values never share a name.
 */
export function slug(value: string, lossless = /^[a-z0-9-]*$/.test(value)): string {
    const s = value
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
    if (lossless && s.length <= MAX_SLUG && s.length > 0) {
        return s;
    }
    return `${s.slice(0, MAX_SLUG - 9).replace(/-+$/, "")}-${shortHash(value)}`.replace(/^-/, "");
}

/** Instance ids are names already; IPv4 addresses and CIDRs map to dashes losslessly (`10.0.0.0/16` -> `10-0-0-0-16`). */
function addressKey(address: string): string {
    return slug(address, /^[0-9./]+$/.test(address) || /^[a-z0-9-]*$/.test(address));
}

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(root|role\/(.+)|user\/(.+))$/;

/** `<account>-root`, `<account>-role-<name>`, `<account>-user-<name>`, `any` for `*`. */
export function principalKey(arn: string): string {
    if (arn === "*") {
        return "any";
    }
    const m = PRINCIPAL_ARN.exec(arn);
    if (!m) {
        return slug(arn, false);
    }
    const [, account, kind, role, user] = m;
    if (kind === "root") {
        return `${account}-root`;
    }
    const [what, name] = role !== undefined ? ["role", role] : ["user", user];
    return `${account}-${what}-${slug(name)}`;
}

/** Target registration key: the target (instance id or IP) and the port — the target group's key. */
export function targetKey(target: string, port: number): string {
    return `${addressKey(target)}-${port}`;
}

/** Security-group rule key from a CIDR source or destination and the port. */
export function cidrRuleKey(cidr: string, port: number): string {
    return `${addressKey(cidr)}-${port}`;
}

/** Members of a list by value: first occurrence wins (a duplicate would own the same AWS object). */
export function namedMembers<T>(values: readonly T[], key: (v: T) => string, id: (v: T) => string = String): NamedMember<T>[] {
    const seen = new Set<string>();
    const out: NamedMember<T>[] = [];
    values.forEach((value, i) => {
        const k = id(value);
        if (!seen.has(k)) {
            seen.add(k);
            out.push({ value, key: key(value), formerKey: String(i) });
        }
    });
    return out;
}
