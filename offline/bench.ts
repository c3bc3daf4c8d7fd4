/**
 * `npm run bench`: offline plan wall time and peak memory, as ratios to the machine's import floor.
 *
 * The floor is the wall time of `node -e "require('@pulumi/pulumi'); require('@pulumi/aws')"`: what any
 * Pulumi program pays before it does anything. Every case runs in a fresh process running the real CLI
 * (program, reachability, cost and both policy-pack runs) with the node flags of `npm start`; each round
 * runs the floor and every case once, interleaved, and the tables report medians over the rounds, so
 * that load from other processes on the machine hits the floor and the cases alike.
 *
 *   npm run bench                         # 3 rounds: dev stack, transit gateway 1/10/50/100 spokes, peering 1/10/50
 *   npm run bench -- --quick              # 3 rounds: dev stack, transit gateway 1/10, peering 1/10
 *   npm run bench -- --rounds 5           # more rounds
 *   npm run bench -- --variant K=V        # also run every case with environment variable K=V, side by side
 *   npm run bench -- --cases "dev stack,transit-gateway 100"   # only these cases
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

/** What one run of one case measured. */
interface Sample {
    readonly seconds: number;
    /** Sum of every process's own peak RSS (the plan and the packs it spawned), MiB. NaN without /proc. */
    readonly peakMiB: number;
    /** The plan process alone, MiB. */
    readonly planPeakMiB: number;
    readonly resources: number;
    readonly ok: boolean;
}

/**
 * Runs `node <args>` and samples its process tree. Peak memory is for the whole tree: every 50 ms each
 * live process's own peak (VmHWM) is read, and the figure reported is the sum of those peaks: an upper
 * bound of the tree's peak, since the processes' peaks need not coincide.
 */
async function measure(args: readonly string[], env: NodeJS.ProcessEnv, json?: string): Promise<Sample> {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [...args], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
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
    if (json && fs.existsSync(json)) {
        resources = (JSON.parse(fs.readFileSync(json, "utf8")) as { summary: { resourceCount: number } }).summary.resourceCount;
        fs.rmSync(json);
    }
    if (status !== 0) {
        process.stderr.write(`node ${args.join(" ")} exited ${status}:\n${stderr}\n`);
    }
    return {
        seconds,
        peakMiB: canSample ? sumKiB / 1024 : NaN,
        planPeakMiB: canSample ? (peaks.get(child.pid as number) ?? NaN) / 1024 : NaN,
        resources,
        ok: status === 0,
    };
}

/** The node flags of `npm start` (package.json), so that every case runs as the user runs it. */
const START_FLAGS = ["--max-old-space-size=768", "--max-semi-space-size=64"];

type BenchCase = { readonly label: string; readonly stack: "dev" } | ({ readonly label: string } & Case);

function caseArgs(c: BenchCase, dir: string, json: string): string[] {
    const start = path.join(ROOT, "offline/start.js");
    if (!("mode" in c)) {
        // What `npm start` runs (without npm's own start-up): the committed dev stack, its own policy config.
        return [...START_FLAGS, start, "--stack", c.stack, "--json", json, "--quiet"];
    }
    const file = path.join(dir, `Pulumi.bench-${c.mode}-${c.spokes}.yaml`);
    fs.writeFileSync(file, stringify(benchStack(c)));
    const policyConfig = path.join(dir, "policy.json");
    fs.writeFileSync(policyConfig, JSON.stringify({ "allowed-regions": { allowedRegions: ["eu-west-1", "eu-west-2", "eu-central-1"] } }));
    return [...START_FLAGS, start, "--config", file, "--json", json, "--policy-config", policyConfig, "--quiet"];
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The performance budget (issue 10): ratios to the import floor, memory of the whole process tree. */
const BUDGET = { devOverFloor: 3, tgw100OverFloor: 15, tgw100PeakMiB: 1.2 * 1024, tgw100OverTgw10: 4 };

function parseOptions(argv: readonly string[]): { quick: boolean; rounds: number; variants: string[]; only: string[] | undefined } {
    let rounds = 3;
    const variants: string[] = [];
    let only: string[] | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--cases") {
            only = (argv[++i] ?? "").split(",").map((c) => c.trim());
        }
        if (argv[i] === "--rounds") {
            rounds = Number(argv[++i]);
            if (!Number.isInteger(rounds) || rounds < 1) {
                throw new Error(`--rounds: expected a positive integer, got ${JSON.stringify(argv[i])}`);
            }
        } else if (argv[i] === "--variant") {
            const v = argv[++i] ?? "";
            if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
                throw new Error(`--variant: expected NAME=VALUE, got ${JSON.stringify(v)}`);
            }
            variants.push(v);
        }
    }
    return { quick: argv.includes("--quick"), rounds, variants, only };
}

async function main(): Promise<void> {
    const { quick, rounds, variants, only } = parseOptions(process.argv.slice(2));
    const all: BenchCase[] = [
        { label: "dev stack", stack: "dev" },
        ...[1, 10, 50, 100].map((n) => ({ label: `transit-gateway ${n}`, mode: "transit-gateway" as const, spokes: n })),
        ...[1, 10, 50].map((n) => ({ label: `peering ${n}`, mode: "peering" as const, spokes: n })),
    ];
    const unknown = (only ?? []).filter((label) => !all.some((c) => c.label === label));
    if (unknown.length > 0) {
        throw new Error(
            `--cases: no case ${unknown.map((u) => JSON.stringify(u)).join(", ")}; the cases are: ${all.map((c) => c.label).join(", ")}`,
        );
    }
    const quickSet = ["dev stack", "transit-gateway 1", "transit-gateway 10", "peering 1", "peering 10"];
    const cases = all.filter((c) => (only ? only.includes(c.label) : !quick || quickSet.includes(c.label)));
    const envs: { label: string; env: NodeJS.ProcessEnv }[] = [
        { label: "as is", env: { ...process.env } },
        ...variants.map((v) => ({ label: v, env: { ...process.env, [v.slice(0, v.indexOf("="))]: v.slice(v.indexOf("=") + 1) } })),
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-"));
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    process.stdout.write(
        `offline plan benchmark: ${os.cpus().length} × ${cpu}, node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}; ${rounds} round(s), medians\n\n`,
    );
    const floors: number[] = [];
    const samples = new Map<string, Sample[]>();
    const key = (e: number, c: number): string => `${e}|${c}`;
    let failed = 0;
    for (let round = 1; round <= rounds; round++) {
        const floor = await measure(["-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"], { ...process.env });
        floors.push(floor.seconds);
        const line: string[] = [`round ${round}: floor ${floor.seconds.toFixed(2)} s`];
        for (let c = 0; c < cases.length; c++) {
            for (let e = 0; e < envs.length; e++) {
                const json = path.join(dir, `plan-${c}-${e}.json`);
                const s = await measure(caseArgs(cases[c], dir, json), envs[e].env, json);
                failed += s.ok ? 0 : 1;
                samples.set(key(e, c), [...(samples.get(key(e, c)) ?? []), s]);
                line.push(`${cases[c].label}${envs.length > 1 ? ` (${envs[e].label})` : ""} ${s.seconds.toFixed(1)} s`);
            }
        }
        process.stdout.write(`${line.join(", ")}\n`);
    }
    const floor = median(floors);
    const out: string[] = [
        "",
        `import floor (node -e "require('@pulumi/pulumi'); require('@pulumi/aws')"): median ${floor.toFixed(2)} s (${floors.map((f) => f.toFixed(2)).join(", ")})`,
    ];
    const medianOf = (e: number, c: number, f: (s: Sample) => number): number => median((samples.get(key(e, c)) ?? []).map(f));
    for (let e = 0; e < envs.length; e++) {
        out.push(
            "",
            ...(envs.length > 1 ? [`${envs[e].label}:`, ""] : []),
            "| case | resources | wall time (s) | × floor | peak RSS, all processes (MiB) | of which the plan process (MiB) |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        );
        cases.forEach((c, i) => {
            const t = medianOf(e, i, (s) => s.seconds);
            out.push(
                `| ${c.label} | ${medianOf(e, i, (s) => s.resources)} | ${t.toFixed(1)} | ${(t / floor).toFixed(1)} | ${medianOf(e, i, (s) => s.peakMiB).toFixed(0)} | ${medianOf(e, i, (s) => s.planPeakMiB).toFixed(0)} |`,
            );
        });
        const at = (label: string, f: (s: Sample) => number): number => {
            const i = cases.findIndex((c) => c.label === label);
            return i >= 0 ? medianOf(e, i, f) : NaN;
        };
        const dev = at("dev stack", (s) => s.seconds);
        const t10 = at("transit-gateway 10", (s) => s.seconds);
        const t100 = at("transit-gateway 100", (s) => s.seconds);
        const m100 = at("transit-gateway 100", (s) => s.peakMiB);
        const verdict = (value: number, limit: number): string =>
            Number.isNaN(value) ? "not measured" : value <= limit ? "met" : "MISSED";
        out.push(
            "",
            `budget: dev ${(dev / floor).toFixed(2)} × floor (≤ ${BUDGET.devOverFloor}: ${verdict(dev / floor, BUDGET.devOverFloor)}); ` +
                `100 TGW spokes ${(t100 / floor).toFixed(2)} × floor (≤ ${BUDGET.tgw100OverFloor}: ${verdict(t100 / floor, BUDGET.tgw100OverFloor)}), ` +
                `${m100.toFixed(0)} MiB (≤ ${BUDGET.tgw100PeakMiB.toFixed(0)}: ${verdict(m100, BUDGET.tgw100PeakMiB)}); ` +
                `time(100)/time(10) ${(t100 / t10).toFixed(2)} (≤ ${BUDGET.tgw100OverTgw10}: ${verdict(t100 / t10, BUDGET.tgw100OverTgw10)})`,
        );
    }
    process.stdout.write(`${out.join("\n")}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(failed > 0 ? 1 : 0);
}

if (require.main === module) {
    main().catch((e: unknown) => {
        process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exit(2);
    });
}
