/**
 * The offline plan CLI (offline/cli.ts, `npm start`): exit codes, the JSON document contract
 * (docs/architecture.md, "Offline plan contract"), determinism, and config errors reported once, without
 * a stack trace and before anything is registered.
 *
 * Most runs call `main()` in-process with stdout/stderr captured; two run the real entry point as a
 * child process, which is what CI sees.
 */
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REGION_NAMES, isGlobalResourceType } from "../../components/aws/regions";
import { rawConfigFrom } from "../../components/config/load";
import { validateConfig } from "../../components/config/schema";
import { main } from "../../offline/cli";
import * as programModule from "../../offline/program";
import { readStackFile } from "../../offline/stack-config";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures", "stacks");
const INVALID = path.join(FIXTURES, "Pulumi.invalid.yaml");
const MINIMAL = path.join(FIXTURES, "Pulumi.minimal.yaml");
const MALFORMED = path.join(FIXTURES, "Pulumi.malformed.yaml");

/** Every key Pulumi.invalid.yaml gets wrong (see the comments in the fixture). */
const INVALID_KEYS = [
    "landing-zone:accountId",
    "landing-zone:hubb",
    "landing-zone:hub.cidr",
    "landing-zone:spokes[0].cidr",
    "landing-zone:spokes[1].name",
    "landing-zone:spokes[1].azCount",
    "landing-zone:connectivity.mode",
    "landing-zone:flowLogs.retentionDays",
];

interface CliResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

type Write = typeof process.stdout.write;

/** Runs main() in-process, capturing what it writes to stdout and stderr. */
async function runCli(args: readonly string[]): Promise<CliResult> {
    const out: string[] = [];
    const err: string[] = [];
    const capture = (sink: string[]): Write =>
        ((chunk: unknown, ...rest: unknown[]) => {
            sink.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
            const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
            cb?.();
            return true;
        }) as Write;
    const stdoutWrite = process.stdout.write;
    const stderrWrite = process.stderr.write;
    process.stdout.write = capture(out);
    process.stderr.write = capture(err);
    let code: number;
    try {
        code = await main(args);
    } finally {
        process.stdout.write = stdoutWrite;
        process.stderr.write = stderrWrite;
    }
    return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Runs the CLI as `npm start` does (offline/start.js: the transpiled copy), as a child process. */
function runCliProcess(args: readonly string[]): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["offline/start.js", ...args], {
            cwd: ROOT,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
}

interface JsonResource {
    urn: string;
    type: string;
    name: string;
    id: string;
    parent: string;
    region: string;
    custom: boolean;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
}

describe("offline/cli (npm start)", () => {
    let tmp: string;
    /** The child-process run starts first and runs alongside the in-process ones (it has its own CPU). */
    let invalidProcess: Promise<CliResult>;
    /** `--diagram` under a regular file, through the real entry point: it used to exit 3 with a stack trace. */
    let badOutputProcess: Promise<CliResult>;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lz-cli-"));
        invalidProcess = runCliProcess(["--config", INVALID]);
        invalidProcess.catch(() => undefined);
        fs.writeFileSync(path.join(tmp, "a-file"), "");
        // After the first, not beside it: two starts that both find .offline-build stale race to replace it
        // (transpile-tree.js removes the old copy, then renames its own; the removals collide with ENOTEMPTY).
        badOutputProcess = invalidProcess.then(() => runCliProcess(["--stack", "dev", "--diagram", path.join(tmp, "a-file", "dev.mmd")]));
        badOutputProcess.catch(() => undefined);
    });
    after(() => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    describe("dev stack", () => {
        let first: CliResult;
        let second: CliResult;
        let doc: { project: string; stack: string; config: unknown; resources: JsonResource[]; outputs: Record<string, unknown> };
        let bytes: Buffer;

        before(async () => {
            first = await runCli(["--stack", "dev", "--no-policy", "--json", path.join(tmp, "dev.json")]);
            // The second run writes its JSON to stdout: same bytes expected, report on stderr.
            second = await runCli(["--stack", "dev", "--no-policy", "--json", "-"]);
            bytes = fs.readFileSync(path.join(tmp, "dev.json"));
            doc = JSON.parse(bytes.toString("utf8"));
        });

        it("exits 0 and says what it planned", () => {
            assert.strictEqual(first.code, 0, first.stderr);
            assert.match(first.stdout, /OK: \d+ resources planned for stack dev/);
            assert.strictEqual(first.stderr, "");
        });

        it("writes byte-identical JSON on two runs (file, then stdout with --json -)", () => {
            assert.strictEqual(second.code, 0, second.stderr);
            assert.ok(bytes.length > 1000);
            assert.ok(Buffer.from(second.stdout, "utf8").equals(bytes), "two runs of the same stack wrote different JSON");
        });

        it("with --json -, keeps stdout pure JSON and sends the report to stderr", () => {
            assert.doesNotThrow(() => JSON.parse(second.stdout));
            assert.match(second.stderr, /OK: \d+ resources planned/);
        });

        it("names the project and stack and carries the validated config", () => {
            assert.strictEqual(doc.project, "landing-zone");
            assert.strictEqual(doc.stack, "dev");
            const validated = validateConfig(rawConfigFrom(readStackFile(path.join(ROOT, "Pulumi.dev.yaml")).config));
            assert.ok(validated.ok);
            assert.deepStrictEqual(doc.config, JSON.parse(JSON.stringify(validated.config)));
        });

        it("lists every resource with the contract's fields", () => {
            assert.ok(doc.resources.length > 20);
            for (const r of doc.resources) {
                for (const k of ["urn", "type", "name", "id", "parent", "region"] as const) {
                    assert.strictEqual(typeof r[k], "string", `${r.urn}: ${k}`);
                }
                assert.strictEqual(typeof r.custom, "boolean", `${r.urn}: custom`);
                assert.ok(r.inputs && typeof r.inputs === "object" && !Array.isArray(r.inputs), `${r.urn}: inputs`);
                assert.ok(r.outputs && typeof r.outputs === "object" && !Array.isArray(r.outputs), `${r.urn}: outputs`);
                assert.ok(Array.isArray(r.dependencies) && r.dependencies.every((d) => typeof d === "string"), `${r.urn}: dependencies`);
                assert.ok(r.propertyDependencies && typeof r.propertyDependencies === "object", `${r.urn}: propertyDependencies`);
                for (const urns of Object.values(r.propertyDependencies)) {
                    assert.ok(Array.isArray(urns));
                }
                assert.match(r.urn, /^urn:pulumi:dev::landing-zone::/);
            }
            const urns = new Set(doc.resources.map((r) => r.urn));
            assert.strictEqual(urns.size, doc.resources.length, "URNs must be unique");
            for (const r of doc.resources) {
                assert.ok(r.parent === "" || urns.has(r.parent), `${r.urn}: parent ${r.parent} is not in the document`);
                for (const d of [...r.dependencies, ...Object.values(r.propertyDependencies).flat()]) {
                    assert.ok(urns.has(d), `${r.urn} depends on ${d}, which is not in the document`);
                }
            }
        });

        it('reports IAM and Route 53 resources as "global" and every other custom resource in a real region', () => {
            const custom = doc.resources.filter((r) => r.custom);
            assert.ok(
                custom.some((r) => r.type.startsWith("aws:iam/")),
                "precondition: the dev stack has IAM resources",
            );
            assert.ok(
                custom.some((r) => r.type.startsWith("aws:route53/")),
                "precondition: the dev stack has Route 53 resources",
            );
            for (const r of custom) {
                if (r.type.startsWith("aws:iam/") || r.type.startsWith("aws:route53/")) {
                    assert.strictEqual(r.region, "global", r.urn);
                } else {
                    assert.ok(REGION_NAMES.includes(r.region), `${r.urn}: region ${JSON.stringify(r.region)}`);
                }
                assert.strictEqual(isGlobalResourceType(r.type), r.region === "global", r.urn);
            }
        });

        it("gives components no region and custom resources an id", () => {
            for (const r of doc.resources) {
                if (r.custom) {
                    assert.ok(r.id.length > 0, `${r.urn} has no id`);
                } else {
                    assert.strictEqual(r.region, "", r.urn);
                }
            }
        });

        // BUG: offline/types.ts documents CapturedResource.id as "empty for component resources", but
        // the capture records the id the mocks invent for components too (e.g. "hub-27bffe5f3784dec2d"
        // for landing-zone:network:Hub); a real engine gives components no id. offline/program.ts,
        // runProgram(), the `id: c.id` field of each captured resource.
        // Fix: `id: c.req.getCustom() ? c.id : ""`.
        it("gives component resources an empty id, as offline/types.ts documents (fixed)", () => {
            for (const r of doc.resources.filter((x) => !x.custom)) {
                assert.strictEqual(r.id, "", r.urn);
            }
        });

        it("exports the stack outputs", () => {
            const hub = doc.outputs.hub as { vpcId: string; region: string };
            const vpc = doc.resources.find((r) => r.type === "aws:ec2/vpc:Vpc" && r.inputs.cidrBlock === "10.0.0.0/16");
            assert.ok(vpc);
            assert.strictEqual(hub.vpcId, vpc.id);
            assert.strictEqual(hub.region, "eu-west-2");
        });
    });

    describe("--config with another stack file", () => {
        it("plans the file's stack, named after the file", async () => {
            const json = path.join(tmp, "minimal.json");
            const r = await runCli(["--config", MINIMAL, "--no-policy", "--quiet", "--json", json]);
            assert.strictEqual(r.code, 0, r.stderr);
            const doc = JSON.parse(fs.readFileSync(json, "utf8"));
            assert.strictEqual(doc.stack, "minimal");
            const hub = doc.resources.find((x: JsonResource) => x.type === "aws:ec2/vpc:Vpc" && x.inputs.cidrBlock === "10.0.0.0/20");
            assert.ok(hub, "the hub VPC of the fixture is missing");
            assert.ok(doc.resources.every((x: JsonResource) => x.urn.startsWith("urn:pulumi:minimal::landing-zone::")));
        });
    });

    describe("a broken intended caller cell", () => {
        it("exits 1 naming it: docker pull from the hub Region's ECR with no S3 interface endpoint there for the layers", async () => {
            // The minimal fixture without s3: the spoke's clients pull from eu-west-2's ECR, which the
            // stack planned (its dkr.ecr zone), and the layers have no S3 path to eu-west-2.
            const file = path.join(tmp, "Pulumi.nos3.yaml");
            fs.writeFileSync(
                file,
                fs
                    .readFileSync(MINIMAL, "utf8")
                    .replace(/^ {4}interfaceEndpoints: .*\n/m, "    interfaceEndpoints: [ssm, ecr.api, ecr.dkr]\n"),
            );
            const json = path.join(tmp, "nos3.json");
            const r = await runCli(["--config", file, "--no-policy", "--quiet", "--json", json]);
            assert.strictEqual(r.code, 1, r.stdout + r.stderr);
            assert.match(r.stdout, /FAIL: .*broken intended caller cell/);
            const doc = JSON.parse(fs.readFileSync(json, "utf8"));
            assert.ok(doc.reachability.callers.brokenIntended > 0);
            const cell = doc.reachability.callers.cells.find(
                (c: { spoke: string; service: string; region: string }) =>
                    c.spoke === "spoke-solo" && c.service === "ecr.dkr" && c.region === "eu-west-2",
            );
            assert.strictEqual(cell.intended, true);
            assert.match(cell.brokenAt, /layers: no S3 path to eu-west-2/);
        });
    });

    describe("invalid configuration", () => {
        let result: CliResult;
        let calls = 0;
        const json = () => path.join(tmp, "invalid.json");

        before(async () => {
            const original = programModule.runProgram;
            (programModule as { runProgram: typeof original }).runProgram = (async (...args: Parameters<typeof original>) => {
                calls++;
                return original(...args);
            }) as typeof original;
            try {
                result = await runCli(["--config", INVALID, "--json", json()]);
            } finally {
                (programModule as { runProgram: typeof original }).runProgram = original;
            }
        });

        it("exits 2", () => {
            assert.strictEqual(result.code, 2);
        });

        it("names every bad key on stderr, each with a fix", () => {
            for (const key of INVALID_KEYS) {
                const line = result.stderr.split("\n").find((l) => l.startsWith(`  - ${key}: `));
                assert.ok(line, `stderr does not name ${key}:\n${result.stderr}`);
                assert.match(line, /Fix/, line);
            }
            assert.match(result.stderr, new RegExp(`\\(${INVALID_KEYS.length} problem`));
        });

        it("prints no stack trace", () => {
            assert.ok(!result.stderr.includes("    at "), result.stderr);
            assert.ok(!/Error:/.test(result.stderr), result.stderr);
        });

        it("plans nothing: the program never runs, no JSON is written, nothing on stdout", () => {
            assert.strictEqual(calls, 0, "runProgram was called for an invalid config");
            assert.ok(!fs.existsSync(json()), "a JSON plan was written for an invalid config");
            assert.strictEqual(result.stdout, "");
        });
    });

    describe("usage errors", () => {
        it("exits 2 on an unknown flag, with usage on stderr", async () => {
            const r = await runCli(["--bogus"]);
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, /bogus/);
            assert.match(r.stderr, /usage:/);
            assert.strictEqual(r.stdout, "");
        });

        it("exits 2 on a positional argument", async () => {
            const r = await runCli(["dev"]);
            assert.strictEqual(r.code, 2);
        });

        it("exits 2 when the stack file does not exist", async () => {
            const r = await runCli(["--stack", "no-such-stack", "--no-policy"]);
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, /Pulumi\.no-such-stack\.yaml does not exist/);
            assert.ok(!r.stderr.includes("    at "));
        });

        it("exits 2 when --config points nowhere", async () => {
            const r = await runCli(["--config", path.join(tmp, "missing", "Pulumi.x.yaml"), "--no-policy"]);
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, /does not exist/);
        });

        it("exits 2 on a stack file that is not YAML", async () => {
            const r = await runCli(["--config", MALFORMED, "--no-policy"]);
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, /not valid YAML/);
            assert.ok(!r.stderr.includes("    at "));
        });

        it("exits 2 when given both --stack and --config", async () => {
            const r = await runCli(["--stack", "dev", "--config", MINIMAL]);
            assert.strictEqual(r.code, 2);
            assert.match(r.stderr, /either --stack or --config/);
        });

        it("prints usage and exits 0 with --help", async () => {
            const r = await runCli(["--help"]);
            assert.strictEqual(r.code, 0);
            assert.match(r.stdout, /usage: npm start/);
        });
    });

    describe("output paths that cannot be written", () => {
        let calls = 0;
        let original: typeof programModule.runProgram;
        /** A regular file: a path "under" it can never be created, whoever runs the test (root included). */
        const blocker = () => path.join(tmp, "not-a-directory");
        before(() => {
            fs.writeFileSync(blocker(), "a file\n");
            original = programModule.runProgram;
            (programModule as { runProgram: typeof original }).runProgram = (async (...args: Parameters<typeof original>) => {
                calls++;
                return original(...args);
            }) as typeof original;
        });
        beforeEach(() => {
            calls = 0;
        });
        after(() => {
            (programModule as { runProgram: typeof original }).runProgram = original;
        });

        /** Exit 2, one line on stderr naming the option and the path, nothing planned, nothing written. */
        function assertRejectedBeforeWork(r: CliResult, option: string, file: string, problem: RegExp): void {
            assert.strictEqual(r.code, 2, r.stderr);
            const lines = r.stderr.split("\n").filter(Boolean);
            assert.strictEqual(lines.length, 1, `expected one line, got:\n${r.stderr}`);
            assert.ok(lines[0].startsWith(`error: ${option} ${file}: `), lines[0]);
            assert.match(lines[0], problem);
            assert.match(lines[0], /Fix: /);
            assert.strictEqual(r.stdout, "");
            assert.strictEqual(calls, 0, "the program ran before the output path was checked");
        }

        it("rejects --json under a path component that is a file, before any work, with exit 2 and one line", async () => {
            const json = path.join(blocker(), "plan.json");
            const r = await runCli(["--stack", "dev", "--no-policy", "--json", json]);
            assertRejectedBeforeWork(r, "--json", json, /is a file, not a directory/);
        });

        it("rejects --diagram naming an existing directory", async () => {
            const r = await runCli(["--stack", "dev", "--no-policy", "--json", path.join(tmp, "ok.json"), "--diagram", tmp]);
            assertRejectedBeforeWork(r, "--diagram", tmp, /it is a directory/);
            assert.ok(!fs.existsSync(path.join(tmp, "ok.json")), "the valid --json path was written anyway");
        });

        it("rejects --json and --diagram naming the same file", async () => {
            const same = path.join(tmp, "same.out");
            const r = await runCli(["--stack", "dev", "--no-policy", "--json", same, "--diagram", same]);
            assertRejectedBeforeWork(r, "--diagram", same, /same file as --json/);
        });

        it("checks the output path before the stack config (a bad path with a bad config reports the path)", async () => {
            const json = path.join(blocker(), "x", "plan.json");
            const r = await runCli(["--config", INVALID, "--json", json]);
            assertRejectedBeforeWork(r, "--json", json, /not-a-directory is a file/);
        });

        it("accepts a path whose directories do not exist yet, and creates them", async () => {
            const json = path.join(tmp, "new", "dir", "minimal.json");
            const r = await runCli(["--config", MINIMAL, "--no-policy", "--quiet", "--json", json]);
            assert.strictEqual(r.code, 0, r.stderr);
            assert.ok(fs.statSync(json).size > 1000);
        });
    });

    describe("as a process (what CI runs)", () => {
        let invalid: CliResult;
        before(async () => {
            invalid = await invalidProcess;
        });

        it("exits 2 on invalid config, naming every key, without a stack trace", () => {
            assert.strictEqual(invalid.code, 2, invalid.stderr);
            for (const key of INVALID_KEYS) {
                assert.ok(invalid.stderr.includes(`  - ${key}: `), `stderr does not name ${key}`);
            }
            assert.ok(!invalid.stderr.includes("    at "), invalid.stderr);
            assert.ok(!/resources planned/.test(invalid.stdout + invalid.stderr));
        });

        it("exits 2 with one line, no stack trace, on a --diagram path that cannot be written", async () => {
            const r = await badOutputProcess;
            assert.strictEqual(r.code, 2, r.stderr);
            assert.deepStrictEqual(r.stderr.split("\n").filter(Boolean).length, 1, r.stderr);
            assert.match(
                r.stderr,
                /^error: --diagram .*a-file[\\/]dev\.mmd: cannot write there: .*a-file is a file, not a directory\. Fix: /,
            );
            assert.strictEqual(r.stdout, "");
        });
    });
});
