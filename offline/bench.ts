/**
 * `npm run bench`: offline plan wall time and peak memory for growing numbers of spokes, each case in
 * a fresh process running the real CLI (program, reachability, cost and both policy-pack runs).
 *
 *   npm run bench                 # transit gateway 1/10/50/100 spokes, peering 1/10/50
 *   npm run bench -- --quick      # transit gateway 1/10, peering 1/10
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { cidr, formatCidr, subdivide } from "../components/planning/cidr";

const ROOT = path.resolve(__dirname, "..");

interface Case {
    readonly mode: "transit-gateway" | "peering";
    readonly spokes: number;
}

/** A stack with `n` spokes: /22s from the eu-west-1 supernet (half of them in eu-central-1 for TGW). */
export function benchStack(c: Case): Record<string, unknown> {
    const supernets: Record<string, string> = { "eu-west-1": "10.16.0.0/12", "eu-central-1": "10.48.0.0/12" };
    const spokes = Array.from({ length: c.spokes }, (_, i) => {
        const region = c.mode === "transit-gateway" && i % 2 === 1 ? "eu-central-1" : "eu-west-1";
        return { name: `s${String(i).padStart(3, "0")}`, region, cidr: formatCidr(subdivide(cidr(supernets[region]), 22, i)) };
    });
    return {
        config: {
            "landing-zone:tags": { owner: "bench", environment: "bench" },
            "landing-zone:hub": { region: "eu-west-2", cidr: "10.0.0.0/16" },
            "landing-zone:supernets": supernets,
            "landing-zone:spokes": spokes,
            "landing-zone:connectivity": { mode: c.mode },
            // Peering needs one hub route per spoke: 50 spokes exceed the default 50 routes per table.
            "landing-zone:quotas": { routesPerRouteTable: 100 },
        },
    };
}

function runCase(c: Case, dir: string): { seconds: number; peakMiB: number; resources: number; ok: boolean } {
    const file = path.join(dir, `Pulumi.bench-${c.mode}-${c.spokes}.yaml`);
    fs.writeFileSync(file, stringify(benchStack(c)));
    const json = path.join(dir, `plan-${c.mode}-${c.spokes}.json`);
    const policyConfig = path.join(dir, "policy.json");
    fs.writeFileSync(policyConfig, JSON.stringify({ "allowed-regions": { allowedRegions: ["eu-west-1", "eu-west-2", "eu-central-1"] } }));
    // The same node flags as `npm start` (package.json).
    const args = ["--max-old-space-size=768", "--max-semi-space-size=64", "-r", "ts-node/register/transpile-only", path.join(ROOT, "offline/cli.ts"), "--config", file, "--json", json, "--policy-config", policyConfig, "--quiet"];
    // GNU time reports the peak RSS of the plan process (the policy pack runs in child processes of
    // its own, measured separately by the same tool when they are waited for).
    const haveTime = fs.existsSync("/usr/bin/time");
    const t0 = process.hrtime.bigint();
    const r = haveTime
        ? spawnSync("/usr/bin/time", ["-f", "MAXRSS=%M", process.execPath, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") } })
        : spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const m = /MAXRSS=(\d+)/.exec(r.stderr ?? "");
    const peakMiB = m ? Number(m[1]) / 1024 : NaN;
    let resources = 0;
    if (fs.existsSync(json)) {
        resources = (JSON.parse(fs.readFileSync(json, "utf8")) as { summary: { resourceCount: number } }).summary.resourceCount;
    }
    if (r.status !== 0) {
        process.stderr.write(`case ${c.mode} ${c.spokes} exited ${r.status}:\n${(r.stderr ?? "").slice(-2000)}\n`);
    }
    return { seconds, peakMiB, resources, ok: r.status === 0 };
}

function main(): void {
    const quick = process.argv.includes("--quick");
    const cases: Case[] = [
        ...(quick ? [1, 10] : [1, 10, 50, 100]).map((n) => ({ mode: "transit-gateway" as const, spokes: n })),
        ...(quick ? [1, 10] : [1, 10, 50]).map((n) => ({ mode: "peering" as const, spokes: n })),
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-"));
    process.stdout.write(`offline plan benchmark (${os.cpus().length} cores, node ${process.version}); each case a fresh process running the CLI\n\n`);
    const rows: string[] = ["| mode | spokes | resources | wall time (s) | × smallest | peak RSS (MiB) | × smallest |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"];
    const base = new Map<string, { seconds: number; peakMiB: number }>();
    let failed = 0;
    for (const c of cases) {
        const r = runCase(c, dir);
        failed += r.ok ? 0 : 1;
        const b = base.get(c.mode) ?? r;
        base.set(c.mode, b);
        rows.push(
            `| ${c.mode} | ${c.spokes} | ${r.resources} | ${r.seconds.toFixed(1)} | ${(r.seconds / b.seconds).toFixed(2)} | ${r.peakMiB.toFixed(0)} | ${(r.peakMiB / b.peakMiB).toFixed(2)} |`,
        );
        process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
    process.stdout.write(`\n${rows.join("\n")}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(failed > 0 ? 1 : 0);
}

if (require.main === module) {
    main();
}
