/**
 * `npm run bench`: offline plan wall time and peak memory for growing numbers of spokes, each case in
 * a fresh process running the real CLI (program, reachability, cost and both policy-pack runs).
 *
 *   npm run bench                 # transit gateway 1/10/50/100 spokes, peering 1/10/50
 *   npm run bench -- --quick      # transit gateway 1/10, peering 1/10
 */
import { spawn } from "child_process";
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

/** Resident-set figures of a process from /proc (Linux), in KiB: now and its own high-water mark. */
function procMemory(pid: number): { rss: number; hwm: number } | undefined {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
        return { rss: kib("VmRSS"), hwm: kib("VmHWM") };
    } catch {
        return undefined;
    }
}

/** Every live process whose parent chain leads to `root` (the plan and the policy packs it spawns). */
function descendants(root: number): number[] {
    const parent = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        try {
            // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces.
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
        } catch {
            // exited meanwhile
        }
    }
    const out = [root];
    for (let i = 0; i < out.length; i++) {
        for (const [pid, ppid] of parent) {
            if (ppid === out[i]) {
                out.push(pid);
            }
        }
    }
    return out;
}

/**
 * Runs one case. Peak memory is for the whole process tree: every 50 ms each live process's own peak
 * (VmHWM) is read, and the figure reported is the sum of those peaks: an upper bound of the tree's
 * peak, since the processes' peaks need not coincide (the plan process alone is also kept).
 */
async function runCase(c: Case, dir: string): Promise<{ seconds: number; peakMiB: number; planPeakMiB: number; resources: number; ok: boolean }> {
    const file = path.join(dir, `Pulumi.bench-${c.mode}-${c.spokes}.yaml`);
    fs.writeFileSync(file, stringify(benchStack(c)));
    const json = path.join(dir, `plan-${c.mode}-${c.spokes}.json`);
    const policyConfig = path.join(dir, "policy.json");
    fs.writeFileSync(policyConfig, JSON.stringify({ "allowed-regions": { allowedRegions: ["eu-west-1", "eu-west-2", "eu-central-1"] } }));
    // The same node flags as `npm start` (package.json).
    const args = ["--max-old-space-size=768", "--max-semi-space-size=64", path.join(ROOT, "offline/start.js"), "--config", file, "--json", json, "--policy-config", policyConfig, "--quiet"];
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-4000)));
    const peaks = new Map<number, number>();
    const canSample = fs.existsSync("/proc/self/status") && child.pid !== undefined;
    const sample = (): void => {
        for (const pid of descendants(child.pid as number)) {
            const m = procMemory(pid);
            if (m) {
                peaks.set(pid, Math.max(peaks.get(pid) ?? 0, m.hwm));
            }
        }
    };
    const timer = canSample ? setInterval(sample, 50) : undefined;
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    if (timer) {
        clearInterval(timer);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const sumKiB = [...peaks.values()].reduce((a, b) => a + b, 0);
    let resources = 0;
    if (fs.existsSync(json)) {
        resources = (JSON.parse(fs.readFileSync(json, "utf8")) as { summary: { resourceCount: number } }).summary.resourceCount;
    }
    if (status !== 0) {
        process.stderr.write(`case ${c.mode} ${c.spokes} exited ${status}:\n${stderr}\n`);
    }
    return {
        seconds,
        peakMiB: canSample ? sumKiB / 1024 : NaN,
        planPeakMiB: canSample ? (peaks.get(child.pid as number) ?? NaN) / 1024 : NaN,
        resources,
        ok: status === 0,
    };
}

async function main(): Promise<void> {
    const quick = process.argv.includes("--quick");
    const cases: Case[] = [
        ...(quick ? [1, 10] : [1, 10, 50, 100]).map((n) => ({ mode: "transit-gateway" as const, spokes: n })),
        ...(quick ? [1, 10] : [1, 10, 50]).map((n) => ({ mode: "peering" as const, spokes: n })),
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-"));
    process.stdout.write(`offline plan benchmark (${os.cpus().length} cores, node ${process.version}); each case a fresh process running the CLI\n\n`);
    const rows: string[] = [
        "| mode | spokes | resources | wall time (s) | × smallest | peak RSS, all processes (MiB) | × smallest | of which the plan process (MiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ];
    const base = new Map<string, { seconds: number; peakMiB: number }>();
    let failed = 0;
    for (const c of cases) {
        const r = await runCase(c, dir);
        failed += r.ok ? 0 : 1;
        const b = base.get(c.mode) ?? r;
        base.set(c.mode, b);
        rows.push(
            `| ${c.mode} | ${c.spokes} | ${r.resources} | ${r.seconds.toFixed(1)} | ${(r.seconds / b.seconds).toFixed(2)} | ${r.peakMiB.toFixed(0)} | ${(r.peakMiB / b.peakMiB).toFixed(2)} | ${r.planPeakMiB.toFixed(0)} |`,
        );
        process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
    process.stdout.write(`\n${rows.join("\n")}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(failed > 0 ? 1 : 0);
}

if (require.main === module) {
    main().catch((e: unknown) => {
        process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
        process.exit(2);
    });
}
