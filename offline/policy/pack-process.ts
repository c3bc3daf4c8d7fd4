/**
 * The policy pack process: its manifest, its launch the way the CLI launches it, its port, its shutdown.
 *
 * Launch (`sdk/go/common/resource/plugin/analyzer_plugin.go`, `NewPolicyAnalyzer`/`constructEnv`): the
 * `pulumi-analyzer-policy` shim runs `node <@pulumi/pulumi/cmd/run-policy-pack> <engine address> .` with the
 * pack directory as working directory, the parent environment plus `PULUMI_CONFIG` (stack config as JSON,
 * omitted when empty) and both `PULUMI_NODEJS_{ORGANIZATION,PROJECT,STACK,DRY_RUN}` and
 * `PULUMI_{ORGANIZATION,PROJECT,STACK,DRY_RUN}` (each omitted when empty). Runtime options from
 * `PulumiPolicy.yaml` are appended as `-<key>=<value>`. The pack prints its port as the first stdout line;
 * the CLI stops it with SIGINT.
 *
 * @module
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { parse as parseYaml } from "yaml";

/** The pack failed to start, crashed, or an analyzer call failed. The message includes the pack's stderr. */
export class PolicyPackError extends Error {
    /** Everything the pack wrote to stderr. */
    public readonly stderr: string;

    public constructor(message: string, stderr: string) {
        // Drop terminal colour codes (source-map-support colours stack frames) from the message only.
        // eslint-disable-next-line no-control-regex
        const tail = stderr.replace(/\x1b\[[0-9;]*m/g, "").trim();
        super(tail ? `${message}\n--- policy pack stderr ---\n${tail.slice(-16_000)}` : message);
        this.name = "PolicyPackError";
        this.stderr = stderr;
    }
}

/** What `PulumiPolicy.yaml` contributes to a launch. */
export interface PolicyManifest {
    /** `version`, if set: it overrides the pack's own (as in the CLI). "" when not set. */
    readonly version: string;
    /** Runtime options as `-key=value` arguments. */
    readonly args: readonly string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `PulumiPolicy.yaml` like `workspace.LoadPolicyPack`: the runtime must be nodejs; its options
 * become `-key=value` arguments; its `version`, if set, overrides the pack's. */
export function loadManifest(packDir: string): PolicyManifest {
    const file = path.join(packDir, "PulumiPolicy.yaml");
    let doc: unknown;
    try {
        doc = parseYaml(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`failed to load Pulumi policy project located at "${packDir}": ${(e as Error).message}`, { cause: e });
    }
    if (!isPlainObject(doc)) {
        throw new Error(`failed to load Pulumi policy project located at "${packDir}": ${file} is not a mapping`);
    }
    const runtime = doc["runtime"];
    const runtimeName = isPlainObject(runtime) ? runtime["name"] : runtime;
    if (runtimeName !== "nodejs") {
        throw new Error(
            `policy pack at "${packDir}" has runtime ${JSON.stringify(runtimeName)}; the offline harness runs nodejs packs only`,
        );
    }
    const args: string[] = [];
    const options = isPlainObject(runtime) && isPlainObject(runtime["options"]) ? runtime["options"] : {};
    for (const [key, value] of Object.entries(options)) {
        const text = String(value ?? "");
        if (text !== "") {
            args.push(`-${key}=${text}`);
        }
    }
    const version = doc["version"];
    return { version: typeof version === "string" || typeof version === "number" ? String(version) : "", args };
}

/** Who the pack runs for: the values `constructEnv` puts in its environment. */
export interface PackStack {
    readonly project: string;
    readonly stack: string;
    /** @default "" (left unset) */
    readonly organization?: string;
    readonly dryRun: boolean;
    /** Fully qualified key -> string value (`PULUMI_CONFIG`). */
    readonly stackConfig: Readonly<Record<string, string>>;
}

/** The environment the CLI gives a nodejs policy pack (`constructEnv`): empty values are left unset. */
export function packEnvironment(opts: PackStack): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    const set = (key: string, value: string): void => {
        if (value !== "") {
            env[key] = value;
        } else {
            delete env[key];
        }
    };
    set("PULUMI_CONFIG", Object.keys(opts.stackConfig).length > 0 ? JSON.stringify(opts.stackConfig) : "");
    for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
        set(`${prefix}ORGANIZATION`, opts.organization ?? "");
        set(`${prefix}PROJECT`, opts.project);
        set(`${prefix}STACK`, opts.stack);
        set(`${prefix}DRY_RUN`, String(opts.dryRun));
    }
    return env;
}

/** A loopback listener standing in for the engine: the pack gets a real address but never calls it. */
export async function listenAsEngine(): Promise<net.Server> {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
    });
    return server;
}

/** A started pack: the child process, what it printed, and its exit. */
export class PackProcess {
    public stdout = "";
    public stderr = "";
    public exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    public readonly closed: Promise<void>;
    private readonly child: ChildProcess;

    /**
     * Spawns `node [extra node flags] <runScript> <engineAddress> <packDir> <manifest args>` in `packDir`.
     * `LANDING_ZONE_PACK_NODE_ARGS` adds node flags for the pack process (e.g. `--cpu-prof`), to profile it.
     */
    public constructor(runScript: string, engineAddress: string, packDir: string, manifest: PolicyManifest, env: NodeJS.ProcessEnv) {
        const nodeArgs = (process.env.LANDING_ZONE_PACK_NODE_ARGS ?? "").split(" ").filter(Boolean);
        const child = spawn(process.execPath, [...nodeArgs, runScript, engineAddress, packDir, ...manifest.args], {
            cwd: packDir,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        this.child = child;
        child.stdout?.setEncoding("utf8");
        child.stderr?.setEncoding("utf8");
        child.stdout?.on("data", (chunk: string) => {
            if (this.stdout.length < 1_000_000) {
                this.stdout += chunk;
            }
        });
        child.stderr?.on("data", (chunk: string) => {
            if (this.stderr.length < 1_000_000) {
                this.stderr += chunk;
            }
        });
        this.closed = new Promise((resolve) => {
            child.on("exit", (code, signal) => {
                this.exit = { code, signal };
            });
            child.on("close", (code: number | null, signal: NodeJS.Signals | null) => {
                this.exit = this.exit ?? { code, signal };
                resolve();
            });
            child.on("error", (err) => {
                this.stderr += `\n[spawn error] ${err.message}`;
                this.exit = this.exit ?? { code: null, signal: null };
                resolve();
            });
        });
    }

    /** The process id (-1 if the spawn failed). */
    public get pid(): number {
        return this.child.pid ?? -1;
    }

    public describeExit(): string {
        if (!this.exit) {
            return "is still running";
        }
        return this.exit.signal ? `was killed by ${this.exit.signal}` : `exited with code ${String(this.exit.code)}`;
    }

    /** Resolves with the port the pack printed as its first stdout line. */
    public async port(timeoutMs: number): Promise<number> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const newline = this.stdout.indexOf("\n");
            if (newline >= 0) {
                const line = this.stdout.slice(0, newline).trim();
                if (!/^\d+$/.test(line)) {
                    throw new Error(`policy pack printed ${JSON.stringify(line)} instead of its port as the first line of stdout`);
                }
                return Number(line);
            }
            if (this.exit) {
                await this.closed;
                throw new Error(`policy pack ${this.describeExit()} before printing its port`);
            }
            if (Date.now() > deadline) {
                throw new Error(`policy pack did not print its port within ${timeoutMs} ms`);
            }
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
    }

    /** SIGKILL at once (used when this process exits with the pack still running). */
    public kill(): void {
        this.child.kill("SIGKILL");
    }

    /** SIGINT (what the CLI sends), then SIGKILL after a grace period; resolves once the process is gone. */
    public async stop(graceMs = 3000): Promise<void> {
        if (!this.exit) {
            this.child.kill("SIGINT");
            const timer = setTimeout(() => {
                if (!this.exit) {
                    this.child.kill("SIGKILL");
                }
            }, graceMs);
            await this.closed;
            clearTimeout(timer);
        } else {
            await this.closed;
        }
    }
}
