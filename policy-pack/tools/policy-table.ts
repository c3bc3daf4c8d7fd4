/**
 * Generates the policy tables of README.md ("## Policy pack") and policy-pack/README.md from the
 * policies' own metadata, between markers:
 *
 *     <!-- BEGIN GENERATED: policy-table -->  …  <!-- END GENERATED: policy-table -->
 *     <!-- BEGIN GENERATED: policy-config -->  …  <!-- END GENERATED: policy-config -->  (pack README)
 *
 * Source of each column: `name`, kind (resource or stack: `validateResource` / `validateStack`),
 * `enforcementLevel`, `severity`, the control tags (`<framework>:<id>`, see {@link FRAMEWORKS}), and
 * `description`; the config table comes from each `configSchema` (property names and `default`s).
 * tests/policy-pack/policy-table.spec.ts fails when a README disagrees with the pack.
 *
 * Run: `npm run docs:policy-table` (rewrites both files), or with `--check` (exit 1 on drift).
 *
 * Not part of the pack's runtime: nothing in index.ts, policies/ or lib/ imports this file.
 *
 * @module
 */
import * as fs from "fs";
import * as path from "path";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { policies } from "../policies";

/** The part of a policy this generator reads. */
export interface PolicyMetadata {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel?: string;
    readonly severity?: string;
    readonly tags?: readonly string[];
    readonly configSchema?: PolicyConfigSchema;
    readonly validateResource?: unknown;
    readonly validateStack?: unknown;
}

/**
 * Control-tag prefixes and how the tables name them. A policy's tags are its category first
 * ("security" | "topology" | "hygiene"), then `<framework>:<id>` for each control it maps to.
 */
export const FRAMEWORKS: Readonly<Record<string, string>> = {
    "aws-fsbp": "Security Hub",
    "cis-aws-3.0.0": "CIS AWS 3.0.0",
    checkov: "Checkov",
    "control-tower": "Control Tower",
    "aws-guidance": "AWS guidance:",
};

/** `aws-guidance:<topic>` topics, spelled out. */
const GUIDANCE: Readonly<Record<string, string>> = {
    "centralised-endpoints": "centralised interface endpoints",
    "data-perimeter": "data perimeter",
    inspection: "centralised inspection",
    privatelink: "PrivateLink",
    quotas: "service quotas",
    ram: "AWS RAM resource sharing",
    "tag-policies": "tag policies",
    "transit-gateway": "Transit Gateway design",
    "vpc-peering": "VPC peering design",
};

export const MARKERS = {
    table: { begin: "<!-- BEGIN GENERATED: policy-table -->", end: "<!-- END GENERATED: policy-table -->" },
    config: { begin: "<!-- BEGIN GENERATED: policy-config -->", end: "<!-- END GENERATED: policy-config -->" },
} as const;

/** The controls a policy maps to, grouped by framework, e.g. "Security Hub EC2.2; CIS AWS 3.0.0 5.4". */
export function controlsOf(p: PolicyMetadata): string {
    const byFramework = new Map<string, string[]>();
    for (const t of p.tags ?? []) {
        const i = t.indexOf(":");
        if (i < 0) {
            continue;
        }
        const framework = t.slice(0, i);
        if (!(framework in FRAMEWORKS)) {
            throw new Error(`${p.name}: tag "${t}" names no known framework (${Object.keys(FRAMEWORKS).join(", ")}); add it to FRAMEWORKS`);
        }
        const id = framework === "aws-guidance" ? (GUIDANCE[t.slice(i + 1)] ?? t.slice(i + 1)) : t.slice(i + 1);
        byFramework.set(framework, [...(byFramework.get(framework) ?? []), id]);
    }
    const parts = Object.keys(FRAMEWORKS)
        .filter((f) => byFramework.has(f))
        .map((f) => `${FRAMEWORKS[f]} ${(byFramework.get(f) as string[]).join(", ")}`);
    return parts.length > 0 ? parts.join("; ") : "—";
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Resource policies first, then stack policies, each in the barrel's order. */
function ordered(list: readonly PolicyMetadata[]): PolicyMetadata[] {
    const kind = (p: PolicyMetadata) => (p.validateResource ? 0 : 1);
    return [...list].sort((a, b) => kind(a) - kind(b));
}

/** The policy table (Markdown). */
export function renderPolicyTable(list: readonly PolicyMetadata[]): string {
    const rows = ordered(list).map((p) =>
        [
            `\`${p.name}\``,
            p.validateResource ? "resource" : "stack",
            p.enforcementLevel ?? "advisory",
            p.severity ?? "—",
            controlsOf(p),
            p.description,
        ]
            .map(cell)
            .join(" | "),
    );
    return [
        "| Policy | Kind | Level | Severity | Maps to | Checks |",
        "| --- | --- | --- | --- | --- | --- |",
        ...rows.map((r) => `| ${r} |`),
    ].join("\n");
}

/** The config table (Markdown): every `configSchema` property with its default. */
export function renderConfigTable(list: readonly PolicyMetadata[]): string {
    const rows: string[] = [];
    for (const p of ordered(list)) {
        const props = Object.entries(p.configSchema?.properties ?? {});
        if (props.length === 0) {
            continue;
        }
        const described = props.map(([key, s]) => {
            const spec = (typeof s === "object" && s !== null ? s : {}) as { default?: unknown; description?: string };
            return `\`${key}\` = \`${JSON.stringify(spec.default)}\`${spec.description ? ` (${spec.description.replace(/\.$/, "")})` : ""}`;
        });
        rows.push(`| \`${p.name}\` | ${cell(described.join("; "))} |`);
    }
    return ["| Policy | Properties: `name` = `default` |", "| --- | --- |", ...rows].join("\n");
}

/** `text` with the block between `begin` and `end` replaced by `body`; throws if the markers are missing. */
export function replaceBetween(
    text: string,
    markers: { readonly begin: string; readonly end: string },
    body: string,
    file: string,
): string {
    const b = text.indexOf(markers.begin);
    const e = text.indexOf(markers.end);
    if (b < 0 || e < b) {
        throw new Error(`${file}: missing ${markers.begin} … ${markers.end}`);
    }
    return `${text.slice(0, b + markers.begin.length)}\n${body}\n${text.slice(e)}`;
}

/** The block currently between the markers (without the surrounding newlines), or undefined. */
export function between(text: string, markers: { readonly begin: string; readonly end: string }): string | undefined {
    const b = text.indexOf(markers.begin);
    const e = text.indexOf(markers.end);
    return b < 0 || e < b
        ? undefined
        : text
              .slice(b + markers.begin.length, e)
              .replace(/^\n/, "")
              .replace(/\n$/, "");
}

/** The files this generator owns blocks in, and what it writes into each. */
export function generatedFiles(
    repoRoot: string,
    list: readonly PolicyMetadata[] = policies,
): { file: string; blocks: { markers: { begin: string; end: string }; body: string }[] }[] {
    return [
        { file: path.join(repoRoot, "README.md"), blocks: [{ markers: MARKERS.table, body: renderPolicyTable(list) }] },
        {
            file: path.join(repoRoot, "policy-pack", "README.md"),
            blocks: [
                { markers: MARKERS.table, body: renderPolicyTable(list) },
                { markers: MARKERS.config, body: renderConfigTable(list) },
            ],
        },
    ];
}

function main(argv: readonly string[]): number {
    const root = path.resolve(__dirname, "..", "..");
    const check = argv.includes("--check");
    let drift = false;
    for (const { file, blocks } of generatedFiles(root)) {
        const text = fs.readFileSync(file, "utf8");
        const next = blocks.reduce((t, blk) => replaceBetween(t, blk.markers, blk.body, file), text);
        if (next !== text) {
            drift = true;
            if (check) {
                process.stderr.write(`${path.relative(root, file)}: policy tables are out of date; run npm run docs:policy-table\n`);
            } else {
                fs.writeFileSync(file, next);
                process.stdout.write(`updated ${path.relative(root, file)}\n`);
            }
        }
    }
    return check && drift ? 1 : 0;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
