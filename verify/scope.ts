/**
 * Which live VPCs are the stack's: from the stack outputs (`pulumi stack output --json`: `hub.vpcId`,
 * `spokes.<name>.vpcId`, each with its `region`), or else by tags — the plan's VPC `Name` tags and CIDRs,
 * plus `landing-zone:project` and `landing-zone:stack`, which the providers' default tags put on every
 * resource (components/providers.ts): without them two stacks of one project that both declare VPC `hub`
 * 10.0.0.0/16 in one account could not be told apart. Every other object is found through these VPC ids.
 */
import * as ec2 from "@aws-sdk/client-ec2";
import { T } from "../components/aws/types";
import { CapturedResource } from "../offline/types";
import { VerifyClients } from "./clients";
import { LiveScope } from "./read-live";

/** A problem finding the stack (usage error: exit 2). */
export class ScopeError extends Error {}

type Outputs = {
    hub?: { vpcId?: unknown; region?: unknown };
    spokes?: Record<string, { vpcId?: unknown; region?: unknown }>;
    /** Each spoke Region's endpoint VPC (components/network/regional-endpoints.ts). */
    regionalEndpoints?: Record<string, { vpcId?: unknown; region?: unknown }>;
};

/** The scope named by stack outputs. */
export function scopeFromOutputs(outputs: unknown, file: string): LiveScope {
    const o = (outputs ?? {}) as Outputs;
    const entries: { vpcId: unknown; region: unknown; where: string }[] = [];
    if (o.hub) {
        entries.push({ vpcId: o.hub.vpcId, region: o.hub.region, where: "hub" });
    }
    for (const [name, s] of Object.entries(o.spokes ?? {})) {
        entries.push({ vpcId: s?.vpcId, region: s?.region, where: `spokes.${name}` });
    }
    for (const [region, e] of Object.entries(o.regionalEndpoints ?? {})) {
        entries.push({ vpcId: e?.vpcId, region: e?.region, where: `regionalEndpoints.${region}` });
    }
    if (entries.length === 0) {
        throw new ScopeError(`${file}: no "hub" or "spokes" outputs; pass the output of \`pulumi stack output --json\` for this stack`);
    }
    const vpcIds = new Map<string, string[]>();
    for (const e of entries) {
        if (typeof e.vpcId !== "string" || typeof e.region !== "string") {
            throw new ScopeError(
                `${file}: ${e.where}.vpcId and ${e.where}.region must be strings (as \`pulumi stack output --json\` prints them)`,
            );
        }
        vpcIds.set(e.region, [...(vpcIds.get(e.region) ?? []), e.vpcId]);
    }
    return { vpcIds };
}

/** Keys of the owner tags (components/providers.ts STACK_TAG_KEYS; not imported: verify loads no component). */
const OWNER_TAGS = ["landing-zone:project", "landing-zone:stack"] as const;

/**
 * The owner tags the plan's providers put on every resource (`landing-zone:project`, `landing-zone:stack`),
 * as DescribeVpcs filters; none for a plan made before the providers carried them.
 */
export function ownerTagFilters(resources: readonly CapturedResource[]): { Name: string; Values: string[] }[] {
    const found = new Map<string, string>();
    for (const p of resources.filter((r) => r.type === T.provider)) {
        // The mocks capture a provider's inputs as strings (JSON for objects), as the engine passes them.
        const raw = p.inputs.defaultTags;
        const parsed: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
        const tags = parsed && typeof parsed === "object" ? ((parsed as { tags?: Record<string, unknown> }).tags ?? {}) : {};
        for (const key of OWNER_TAGS) {
            const v = tags[key];
            if (typeof v === "string" && !found.has(key)) {
                found.set(key, v);
            }
        }
    }
    return OWNER_TAGS.filter((k) => found.has(k)).map((k) => ({ Name: `tag:${k}`, Values: [found.get(k) ?? ""] }));
}

/** The scope found by tags: one DescribeVpcs per region. Ambiguity is an error naming `--outputs`. */
export async function scopeFromTags(clients: VerifyClients, resources: readonly CapturedResource[]): Promise<LiveScope> {
    const planVpcs = resources.filter((r) => r.type === T.vpc);
    const regions = [...new Set(planVpcs.map((v) => v.region))].sort();
    const owner = ownerTagFilters(resources);
    const vpcIds = new Map<string, string[]>();
    const problems: string[] = [];
    await Promise.all(
        regions.map(async (region) => {
            const mine = planVpcs.filter((v) => v.region === region);
            const names = mine.map((v) => String((v.inputs.tags as Record<string, unknown> | undefined)?.Name ?? v.name));
            const out = await clients.send<ec2.DescribeVpcsCommandOutput>(
                "ec2",
                region,
                new ec2.DescribeVpcsCommand({
                    Filters: [
                        { Name: "tag:Name", Values: names },
                        { Name: "cidr-block-association.cidr-block", Values: mine.map((v) => String(v.inputs.cidrBlock)) },
                        ...owner,
                    ],
                }),
            );
            const found = out.Vpcs ?? [];
            if (found.length === 0 && owner.length > 0) {
                // None carries the owner tags: was the stack deployed before the providers added them? Say
                // so rather than report every object of the region missing.
                const untagged = await clients.send<ec2.DescribeVpcsCommandOutput>(
                    "ec2",
                    region,
                    new ec2.DescribeVpcsCommand({
                        Filters: [
                            { Name: "tag:Name", Values: names },
                            { Name: "cidr-block-association.cidr-block", Values: mine.map((v) => String(v.inputs.cidrBlock)) },
                        ],
                    }),
                );
                if ((untagged.Vpcs ?? []).length > 0) {
                    problems.push(
                        `${region}: VPCs named ${names.join(", ")} with the plan's CIDRs exist (${(untagged.Vpcs ?? []).map((v) => v.VpcId).join(", ")}), but none is tagged ${owner.map((f) => `${f.Name.slice(4)}=${f.Values[0]}`).join(", ")}: deployed before the providers tagged the owner? \`pulumi up\` adds the tags in place`,
                    );
                }
            }
            for (const name of names) {
                const hits = found.filter((v) => v.Tags?.some((t) => t.Key === "Name" && t.Value === name));
                if (hits.length > 1) {
                    problems.push(
                        `${region}: ${hits.length} VPCs are tagged Name=${name} with the plan's CIDR (${hits.map((h) => h.VpcId).join(", ")})`,
                    );
                }
            }
            vpcIds.set(
                region,
                found.map((v) => v.VpcId ?? ""),
            );
        }),
    );
    if (problems.length > 0) {
        throw new ScopeError(
            `cannot tell which VPCs belong to the stack by tags:\n${problems.map((p) => `  - ${p}`).join("\n")}\npass --outputs FILE (from \`pulumi stack output --json\`)${owner.length === OWNER_TAGS.length ? "" : ", or run `pulumi up` with this version first: its providers tag every resource with landing-zone:project and landing-zone:stack"}`,
        );
    }
    return { vpcIds };
}

/** The config key that declares an object, from the names the program gives it. */
export function configKeyFor(spokeNames: readonly string[]): (names: readonly string[]) => string {
    return (names) => {
        const all = names.map((n) => n.replace(/^[a-z-]+:/, ""));
        if (all.some((n) => /^(peering-|tgw-)/.test(n))) {
            return "landing-zone:connectivity";
        }
        if (all.some((n) => n.startsWith("svc-"))) {
            return "landing-zone:endpointService";
        }
        for (const n of all) {
            const i = spokeNames.findIndex((s) => n === `spoke-${s}` || n.startsWith(`spoke-${s}-`));
            if (i >= 0) {
                return `landing-zone:spokes[${i}]`;
            }
        }
        if (all.some((n) => n.endsWith(".amazonaws.com"))) {
            return "landing-zone:hub.interfaceEndpoints";
        }
        return "landing-zone:hub";
    };
}
