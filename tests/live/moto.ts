/**
 * moto lifecycle for mocha: `python3 -m moto.server` on a free loopback port, started once per suite,
 * waited for until it answers, and stopped in `after` (also when a test fails or the process exits).
 *
 * The server is `tests/live/moto_server.py`: moto's own server with two documented response fixes.
 *
 * moto is an in-memory implementation of the AWS APIs (EC2, Route 53, ELBv2, STS, …) that enforces much
 * of their behaviour (`RouteAlreadyExists`, `Resource.AlreadyAssociated`, …): the live verifier is tested
 * against it instead of against the project's own mocks. Traffic never leaves 127.0.0.1.
 * Install on another machine: `pip install "moto[server]"` (moto 5.2).
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as http from "http";
import * as net from "net";
import * as path from "path";

/** moto's server with the harness's response fixes (see moto_server.py). */
const SERVER_SCRIPT = path.join(__dirname, "moto_server.py");

/** A running moto server. */
export interface MotoServer {
    /** `http://127.0.0.1:<port>`: pass as the SDK clients' `endpoint`. */
    readonly endpoint: string;
    readonly port: number;
    /** Stops the server (idempotent). */
    stop(): Promise<void>;
    /** Drops every resource (moto's `/moto-api/reset`): one server serves several tests. */
    reset(): Promise<void>;
}

/** Why moto cannot run here, or undefined when `python3 -m moto.server` is available. */
export function motoMissing(python = process.env.PYTHON ?? "python3"): string | undefined {
    const r = spawnSync(python, ["-c", "import moto, flask, flask_cors; print(moto.__version__)"], { encoding: "utf8", timeout: 20_000 });
    if (r.error) {
        return `${python} not found (${r.error.message}): install Python 3 and then pip install "moto[server]"`;
    }
    if (r.status !== 0) {
        return `moto with its server extras is not installed for ${python}: pip install "moto[server]" (stderr: ${r.stderr.trim().split("\n").pop()})`;
    }
    return undefined;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

function request(port: number, method: string, path: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method, path, timeout: 2000 }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.on("timeout", () => req.destroy(new Error("timeout")));
        req.end();
    });
}

/**
 * Starts moto on a free port and resolves once it answers HTTP. Rejects with a clear message when
 * python3/moto is missing or the server does not come up within `timeoutMs`.
 */
export async function startMoto(timeoutMs = 20_000): Promise<MotoServer> {
    const missing = motoMissing();
    if (missing) {
        throw new Error(`moto is required for tests/live: ${missing}`);
    }
    const port = await freePort();
    const child: ChildProcess = spawn(process.env.PYTHON ?? "python3", [SERVER_SCRIPT, "-H", "127.0.0.1", "-p", String(port)], {
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: "true" },
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-4000);
    });
    let exited = false;
    child.once("exit", () => {
        exited = true;
    });
    const kill = () => {
        if (!exited) {
            child.kill("SIGTERM");
        }
    };
    process.once("exit", kill);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (exited) {
            throw new Error(`moto server exited before answering: ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
        }
        try {
            await request(port, "GET", "/moto-api/");
            break;
        } catch {
            if (Date.now() > deadline) {
                kill();
                throw new Error(`moto server did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
            }
            await new Promise((r) => setTimeout(r, 150));
        }
    }
    return {
        endpoint: `http://127.0.0.1:${port}`,
        port,
        reset: async () => {
            const status = await request(port, "POST", "/moto-api/reset");
            if (status !== 200) {
                throw new Error(`moto reset answered HTTP ${status}`);
            }
        },
        stop: () =>
            new Promise<void>((resolve) => {
                process.removeListener("exit", kill);
                if (exited) {
                    resolve();
                    return;
                }
                child.once("exit", () => resolve());
                child.kill("SIGTERM");
                setTimeout(() => {
                    if (!exited) {
                        child.kill("SIGKILL");
                    }
                }, 3000).unref();
            }),
    };
}
