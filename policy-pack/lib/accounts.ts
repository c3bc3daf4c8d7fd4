/**
 * Accounts of a multi-account stack as the pack sees them: a provider is in the account it is pinned to
 * (`allowedAccountIds`, which the program sets on every provider of a declared account); an assumed
 * role names its account in its ARN. Provider inputs arrive JSON-encoded (the Node SDK serializes
 * non-string provider inputs), so they are parsed with `jsonish`.
 *
 * A provider without a pin is in "the credentials' account", unknown before `pulumi up`: policies about
 * accounts have nothing to compare then, and single-account stacks (which pin nothing unless
 * `accountId` is set) stay outside their scope.
 *
 * @module
 */
import type { PolicyProviderResource, PolicyResource } from "@pulumi/policy";
import { providerProps } from "./aws";
import { isUnknown, Props, snapshotProps } from "./unknown";
import { isRecord, jsonish } from "./values";

export const ACCOUNT_ID_RE = /^\d{12}$/;
const ROLE_ARN_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;

/** The accounts a provider's props pin it to; undefined when it is not pinned, "unknown" when computed. */
export function pinnedAccounts(props: Props | undefined): string[] | undefined | "unknown" {
    if (!props || !("allowedAccountIds" in props)) {
        return undefined;
    }
    const raw = props["allowedAccountIds"];
    if (isUnknown(raw)) {
        return "unknown";
    }
    const v = jsonish(raw);
    if (!Array.isArray(v)) {
        return undefined;
    }
    if (v.some((x) => isUnknown(x))) {
        return "unknown";
    }
    return v.filter((x): x is string => typeof x === "string");
}

/** The one account a provider is pinned to, when it is pinned to exactly one known account. */
export function accountOfProvider(provider: PolicyProviderResource | PolicyResource | undefined): string | undefined {
    if (!provider) {
        return undefined;
    }
    const pins = pinnedAccounts(snapshotProps(provider.props));
    return Array.isArray(pins) && pins.length === 1 ? pins[0] : undefined;
}

/** The account of a resource: its provider's pin. */
export function accountOf(r: PolicyResource): string | undefined {
    return accountOfProvider(r.provider);
}

/** Role ARNs a provider assumes (`assumeRoles[].roleArn`), with the account each names ("" when not an IAM role ARN). */
export function assumedRoles(props: Props | undefined): { readonly roleArn: string; readonly account: string }[] | "unknown" {
    if (!props || !("assumeRoles" in props)) {
        return [];
    }
    const raw = props["assumeRoles"];
    if (isUnknown(raw)) {
        return "unknown";
    }
    const v = jsonish(raw);
    if (!Array.isArray(v)) {
        return [];
    }
    const out: { roleArn: string; account: string }[] = [];
    for (const r of v) {
        if (!isRecord(r)) {
            continue;
        }
        const arn = r["roleArn"];
        if (isUnknown(arn)) {
            return "unknown";
        }
        if (typeof arn === "string") {
            out.push({ roleArn: arn, account: ROLE_ARN_ACCOUNT.exec(arn)?.[1] ?? "" });
        }
    }
    return out;
}

/** Props of a provider (PolicyProviderResource or an AnalyzeStack resource of the provider type). */
export function providerPropsOf(p: PolicyProviderResource | undefined): Props | undefined {
    return providerProps(p);
}
