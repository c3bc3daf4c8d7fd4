/**
 * Which live VPCs are the stack's: from the stack outputs (`pulumi stack output --json`: `hub.vpcId`,
 * `spokes.<name>.vpcId`, each with its `region`), or else by tags — the plan's VPC `Name` tags and CIDRs,
 * plus `landing-zone:stack` when the providers' default tags carry it. Every other object is found through
 * these VPC ids.
 */
import * as ec2 from "@aws-sdk/client-ec2";
import { T } from "../components/aws/types";
import { CapturedResource } from "../offline/types";
import { VerifyClients } from "./clients";
import { LiveScope } from "./read-live";

/** A problem finding the stack (usage error: exit 2). */
export class ScopeError extends Error {}

type Outputs = { hub?: { vpcId?: unknown; region?: unknown }; spokes?: Record<string, { vpcId?: unknown; region?: unknown }> };

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

/** The stack tag the providers put on every resource, when the plan's providers declare one. */
function stackTag(resources: readonly CapturedResource[]): string | undefined {
    for (const p of resources.filter((r) => r.type === T.provider)) {
        const text = typeof p.inputs.defaultTags === "string" ? p.inputs.defaultTags : undefined;
        const tags = text ? ((JSON.parse(text) as { tags?: Record<string, string> }).tags ?? {}) : {};
        if (tags["landing-zone:stack"]) {
            return tags["landing-zone:stack"];
        }
    }
    return undefined;
}

/** The scope found by tags: one DescribeVpcs per region. Ambiguity is an error naming `--outputs`. */
export async function scopeFromTags(clients: VerifyClients, resources: readonly CapturedResource[]): Promise<LiveScope> {
    const planVpcs = resources.filter((r) => r.type === T.vpc);
    const regions = [...new Set(planVpcs.map((v) => v.region))].sort();
    const stack = stackTag(resources);
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
                        ...(stack ? [{ Name: "tag:landing-zone:stack", Values: [stack] }] : []),
                    ],
                }),
            );
            const found = out.Vpcs ?? [];
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
            `cannot tell which VPCs belong to the stack by tags:\n${problems.map((p) => `  - ${p}`).join("\n")}\npass --outputs FILE (from \`pulumi stack output --json\`)${stack ? "" : ", or add a landing-zone:stack tag to the providers' defaultTags"}`,
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
