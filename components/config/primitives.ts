/**
 * Value schemas shared by several config fields: CIDRs, regions, names, AZ counts, gateway lists.
 * Each failure message names the fix.
 */
import { z } from "zod";
import { GATEWAY_SERVICES } from "../aws/endpoint-services";
import { REGION_NAMES, regionInfo } from "../aws/regions";
import { isPrivate, parseCidr } from "../planning/cidr";
import { MAX_VPC_PREFIX, MIN_VPC_PREFIX } from "../planning/subnets";
import { NAME_RE } from "./constants";

/**
 * A zod error callback for a value that fails a format: says which value is wrong, what it should be,
 * and the fix (`"web-1" is not an EC2 instance id. Fix: …`).
 */
export function invalid(what: string, fix: string): (issue: { readonly input?: unknown }) => string {
    return (issue) => `${JSON.stringify(issue.input)} is not ${what}. Fix: ${fix}`;
}

export const cidrString = z.string().superRefine((s, ctx) => {
    const r = parseCidr(s);
    if (!r.ok) {
        ctx.addIssue({ code: "custom", message: `${r.reason}. Fix: write a canonical IPv4 CIDR such as 10.16.0.0/20` });
    } else if (!isPrivate(r.cidr)) {
        ctx.addIssue({
            code: "custom",
            message: `${s} is not private address space. Fix: use RFC 1918 (10/8, 172.16/12, 192.168/16) or 100.64/10`,
        });
    }
});

export const vpcCidrString = cidrString.superRefine((s, ctx) => {
    const r = parseCidr(s);
    if (r.ok && (r.cidr.prefix < MIN_VPC_PREFIX || r.cidr.prefix > MAX_VPC_PREFIX)) {
        ctx.addIssue({
            code: "custom",
            message:
                `${s} is a /${r.cidr.prefix}; a VPC here must be /${MIN_VPC_PREFIX} (the largest AWS allows) to ` +
                `/${MAX_VPC_PREFIX} (the smallest that fits three subnet tiers). Fix: pick a block of that size`,
        });
    }
});

export const regionString = z.string().refine((r) => regionInfo(r) !== undefined, {
    error: (iss) =>
        `unknown region ${JSON.stringify(iss.input)}. Fix: use one of ${REGION_NAMES.join(", ")} ` +
        `(or add the region and its AZ IDs to components/aws/regions.ts)`,
});

export const nameString = z.string().regex(NAME_RE, {
    error: (iss) =>
        `${JSON.stringify(iss.input)} is not a valid name. Fix: 2-24 characters, lower-case letters, digits and ` +
        `hyphens, starting with a letter`,
});

export const azCount = z
    .number({ error: "must be a whole number of AZs, e.g. 2" })
    .int({ error: "must be a whole number of AZs, e.g. 2" })
    .min(1, { error: "must be at least 1 (2 or more for high availability)" });

export const gatewayList = z
    .array(
        z.enum(GATEWAY_SERVICES, {
            error: invalid("a gateway endpoint service", `gateway endpoints exist only for ${GATEWAY_SERVICES.join(" and ")}`),
        }),
    )
    .default([...GATEWAY_SERVICES]);

/** The keys of a targets-like unit: exactly one of them holds the targets (one kind per target group). */
export const TARGET_KIND_KEYS = ["fleet", "instanceIds", "ipAddresses"] as const;
type TargetKindKey = (typeof TARGET_KIND_KEYS)[number];

/**
 * A zod refinement: exactly one of TARGET_KIND_KEYS is set (a target group holds one kind of target).
 * `none` says what is missing, e.g. "target kind" or "appliances".
 */
export function exactlyOneTargetKind(none: string) {
    return (t: Partial<Record<TargetKindKey, unknown>>, ctx: z.RefinementCtx): void => {
        const given = TARGET_KIND_KEYS.filter((k) => t[k] !== undefined);
        if (given.length !== 1) {
            ctx.addIssue({
                code: "custom",
                message:
                    given.length === 0
                        ? `names no ${none}. Fix: give exactly one of ${TARGET_KIND_KEYS.join(", ")}`
                        : `gives ${given.join(" and ")}: one target group holds one kind of target. Fix: keep exactly one of ${TARGET_KIND_KEYS.join(", ")}`,
            });
        }
    };
}

/** The parsed targets-like unit as a tagged union on `kind` (after exactlyOneTargetKind). */
export function toTargetKind<F extends object>(t: {
    readonly fleet?: F;
    readonly instanceIds?: string[];
    readonly ipAddresses?: string[];
}): ({ kind: "fleet" } & F) | { kind: "instances"; instanceIds: string[] } | { kind: "ips"; ipAddresses: string[] } {
    return t.fleet
        ? { kind: "fleet" as const, ...t.fleet }
        : t.instanceIds
          ? { kind: "instances" as const, instanceIds: t.instanceIds }
          : { kind: "ips" as const, ipAddresses: t.ipAddresses ?? [] };
}
