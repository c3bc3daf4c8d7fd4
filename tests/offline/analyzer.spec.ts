/**
 * Tests for the offline CrossGuard harness (`offline/analyzer.ts`, `offline/policy/`) against the fixture
 * pack in `policy-pack/test-fixtures/minimal-pack` and small JavaScript packs written here. Every
 * `describe` that launches a pack does so once, in `before`.
 * The TypeScript fixture is launched once as-is (type-checked by run-policy-pack, the slow path); the other
 * launches use a transpiled copy in a temporary directory whose `node_modules` links to the policy pack's.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import {
    AnalyzerPolicyMetadata,
    parsePolicyConfig,
    PolicyConfigError,
    PolicyPackError,
    PolicyRunOptions,
    PolicyRunResult,
    reconcilePolicyConfig,
    runPolicyPack,
} from "../../offline/analyzer";
import { validateJsonSchema } from "../../offline/policy/schema-validation";
import { CapturedResource, JsonObject, PolicyViolation } from "../../offline/types";

const FIXTURE = path.resolve(__dirname, "../../policy-pack/test-fixtures/minimal-pack");
const POLICY_NODE_MODULES = path.resolve(__dirname, "../../policy-pack/node_modules");

// ------------------------------------------------------------------------------------------------------
// The captured graph: a hub and a spoke, each a component with a VPC and subnets, plus strays.
// ------------------------------------------------------------------------------------------------------

const P = "urn:pulumi:dev::landing-zone::";
const STACK = `${P}pulumi:pulumi:Stack::landing-zone-dev`;
const PROVIDER = `${P}pulumi:providers:aws::aws-eu-west-2`;
const HUB = `${P}landing-zone:network:Hub::hub`;
const HUB_VPC = `${P}landing-zone:network:Hub$aws:ec2/vpc:Vpc::hub-vpc`;
const HUB_SUBNET_A = `${P}landing-zone:network:Hub$aws:ec2/subnet:Subnet::hub-subnet-a`;
const HUB_SUBNET_B = `${P}landing-zone:network:Hub$aws:ec2/subnet:Subnet::hub-subnet-b`;
const SPOKE = `${P}landing-zone:network:Spoke::spoke-a`;
const SPOKE_VPC = `${P}landing-zone:network:Spoke$aws:ec2/vpc:Vpc::spoke-a-vpc`;
const SPOKE_SUBNET = `${P}landing-zone:network:Spoke$aws:ec2/subnet:Subnet::spoke-a-subnet-a`;
const STRAY_SUBNET = `${P}aws:ec2/subnet:Subnet::stray-subnet`;
const LATE_VPC = `${P}aws:ec2/vpc:Vpc::late-vpc`;

const ACCOUNT = "123456789012";
/** Pulumi's unknown-value sentinel (`pulumi.runtime.unknownValue`), as a preview sends an unknown string. */
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const HUB_VPC_ID = "vpc-0a1b2c3d4e5f60001";

function component(urn: string, type: string, parent: string, outputs: JsonObject = {}): CapturedResource {
    return {
        urn,
        type,
        name: urn.split("::").pop() as string,
        id: "",
        parent,
        provider: "",
        region: "",
        custom: false,
        protect: false,
        ignoreChanges: [],
        inputs: {},
        outputs,
        dependencies: [],
        propertyDependencies: {},
    };
}

function custom(
    urn: string,
    type: string,
    id: string,
    parent: string,
    inputs: JsonObject,
    extraOutputs: JsonObject,
    propertyDependencies: Record<string, string[]> = {},
    dependencies: string[] = Object.values(propertyDependencies).flat(),
): CapturedResource {
    return {
        urn,
        type,
        name: urn.split("::").pop() as string,
        id,
        parent,
        provider: PROVIDER,
        region: "eu-west-2",
        custom: true,
        protect: false,
        ignoreChanges: [],
        inputs,
        outputs: { ...inputs, ...extraOutputs },
        dependencies,
        propertyDependencies,
    };
}

function vpc(urn: string, id: string, parent: string, cidrBlock: string, enableDnsSupport: boolean | string): CapturedResource {
    return custom(
        urn,
        "aws:ec2/vpc:Vpc",
        id,
        parent,
        { cidrBlock, enableDnsSupport, enableDnsHostnames: true },
        {
            arn: `arn:aws:ec2:eu-west-2:${ACCOUNT}:vpc/${id}`,
            ownerId: ACCOUNT,
            mainRouteTableId: `rtb-${id.slice(4)}`,
        },
    );
}

function subnet(
    urn: string,
    id: string,
    parent: string,
    vpcId: string,
    cidrBlock: string,
    vpcUrn?: string,
    dependsOnVpc = true,
): CapturedResource {
    const deps: Record<string, string[]> = vpcUrn ? { vpcId: [vpcUrn] } : {};
    return custom(
        urn,
        "aws:ec2/subnet:Subnet",
        id,
        parent,
        { vpcId, cidrBlock, availabilityZone: "eu-west-2a" },
        { arn: `arn:aws:ec2:eu-west-2:${ACCOUNT}:subnet/${id}` },
        deps,
        dependsOnVpc && vpcUrn ? [vpcUrn] : [],
    );
}

function graph(lateVpcDnsSupport: boolean | string = true): CapturedResource[] {
    return [
        component(STACK, "pulumi:pulumi:Stack", ""),
        {
            ...custom(PROVIDER, "pulumi:providers:aws", "prov-0001-aaaa-bbbb", STACK, { region: "eu-west-2" }, { version: "7.0.0" }),
            provider: "",
        },
        component(HUB, "landing-zone:network:Hub", STACK, { vpcId: HUB_VPC_ID }),
        vpc(HUB_VPC, HUB_VPC_ID, HUB, "10.0.0.0/16", true),
        subnet(HUB_SUBNET_A, "subnet-0a1b2c3d4e5f60001", HUB, HUB_VPC_ID, "10.0.0.0/24", HUB_VPC),
        subnet(HUB_SUBNET_B, "subnet-0a1b2c3d4e5f60002", HUB, HUB_VPC_ID, "10.0.1.0/24", HUB_VPC, false),
        component(SPOKE, "landing-zone:network:Spoke", STACK),
        vpc(SPOKE_VPC, "vpc-0a1b2c3d4e5f60002", SPOKE, "10.1.0.0/20", false),
        subnet(SPOKE_SUBNET, "subnet-0a1b2c3d4e5f60003", SPOKE, HUB_VPC_ID, "10.1.0.0/24", HUB_VPC),
        subnet(STRAY_SUBNET, "subnet-0a1b2c3d4e5f60004", STACK, "vpc-0123456789abcdef0", "10.9.0.0/24"),
        vpc(LATE_VPC, "vpc-0a1b2c3d4e5f60003", STACK, "10.2.0.0/24", lateVpcDnsSupport),
    ];
}

/**
 * The same graph as a preview of a fresh stack shows it: the late VPC's `enableDnsSupport` is unknown,
 * every custom resource's id and output-only values are unknown, and so is every input that came from
 * another resource through a property dependency (the subnets' `vpcId`).
 */
function previewGraph(): CapturedResource[] {
    return graph(UNKNOWN_VALUE).map((r): CapturedResource => {
        if (!r.custom) {
            return r;
        }
        const inputs: JsonObject = { ...r.inputs };
        for (const key of Object.keys(r.propertyDependencies)) {
            inputs[key] = UNKNOWN_VALUE;
        }
        const outputs: JsonObject = { ...inputs };
        for (const key of Object.keys(r.outputs)) {
            if (!(key in r.inputs)) {
                outputs[key] = UNKNOWN_VALUE;
            }
        }
        return { ...r, id: "", inputs, outputs };
    });
}

function options(packDir: string, overrides: Partial<PolicyRunOptions> = {}): PolicyRunOptions {
    return {
        packDir,
        project: "landing-zone",
        stack: "dev",
        dryRun: false,
        stackConfig: { "aws:region": "eu-west-2", "landing-zone:hub": '{"region":"eu-west-2"}' },
        resources: graph(),
        ...overrides,
    };
}

// ------------------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------------------

const tempDirs: string[] = [];

/** A pack in a fresh temporary directory whose node_modules is a link to the policy pack's. */
function tempPack(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-policy-pack-"));
    tempDirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    fs.symlinkSync(POLICY_NODE_MODULES, path.join(dir, "node_modules"), "dir");
    return dir;
}

/** The fixture pack transpiled to JavaScript (package.json main -> index.js): the fast-starting form. */
function compiledFixture(): string {
    const source = fs.readFileSync(path.join(FIXTURE, "index.ts"), "utf8");
    const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    }).outputText;
    const pkg = JSON.parse(fs.readFileSync(path.join(FIXTURE, "package.json"), "utf8")) as Record<string, unknown>;
    return tempPack({
        "index.js": js,
        "package.json": JSON.stringify({ ...pkg, main: "index.js" }, null, 4),
        "PulumiPolicy.yaml": fs.readFileSync(path.join(FIXTURE, "PulumiPolicy.yaml"), "utf8"),
    });
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code !== "ESRCH";
    }
}

/** Pids of live child processes of this process whose command line mentions `text` (Linux /proc; empty elsewhere). */
function processesMentioning(text: string): number[] {
    if (!fs.existsSync("/proc")) {
        return [];
    }
    const pids: number[] = [];
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid) {
            continue;
        }
        try {
            // Only this test process's own children: other test runs on the machine launch the same packs.
            // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces.
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            if (ppid === process.pid && fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(text)) {
                pids.push(Number(entry));
            }
        } catch {
            // The process went away while we looked.
        }
    }
    return pids;
}

function find(result: PolicyRunResult, policy: string, urn?: string): PolicyViolation[] {
    return result.violations.filter((v) => v.policy === policy && (urn === undefined || v.urn === urn));
}

function summary(result: PolicyRunResult): string[] {
    return result.violations.map((v) => `${v.policy} ${v.enforcementLevel} ${v.urn.split("::").pop() ?? ""}`);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (e) {
        return e as Error;
    }
    assert.fail("expected the promise to reject");
}

after(() => {
    for (const dir of tempDirs) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

// ------------------------------------------------------------------------------------------------------
// Launching the real pack
// ------------------------------------------------------------------------------------------------------

describe("runPolicyPack: the TypeScript fixture pack, update, default config", () => {
    let result: PolicyRunResult;

    before(async () => {
        result = await runPolicyPack(options(FIXTURE));
    });

    it("starts the pack at once and analyzes the graph when it arrives, with the same verdicts", async () => {
        let handOver!: (g: ReturnType<typeof graph>) => void;
        const later = new Promise<ReturnType<typeof graph>>((resolve) => (handOver = resolve));
        const run = runPolicyPack(options(FIXTURE, { resources: later }));
        // The pack is up (a process running the fixture) before the graph exists.
        const deadline = Date.now() + 30_000;
        while (processesMentioning(FIXTURE).length === 0 && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 50));
        }
        assert.ok(processesMentioning(FIXTURE).length > 0, "the pack should start before the graph is handed over");
        handOver(graph());
        const deferredResult = await run;
        assert.deepEqual(deferredResult.violations, result.violations);
        assert.deepEqual(processesMentioning(FIXTURE), []);
    });

    it("reports the pack and its policies, sorted, at their declared levels", () => {
        assert.equal(result.packName, "minimal-pack");
        assert.equal(result.packVersion, "0.0.1");
        assert.deepEqual(
            result.policies.map((p) => `${p.name}=${p.enforcementLevel}`),
            ["subnet-in-parent-vpc=mandatory", "vpc-dns-support=mandatory", "vpc-size=advisory"],
        );
    });

    it("returns every violation, sorted by policy, URN and message", () => {
        assert.deepEqual(summary(result), [
            "subnet-in-parent-vpc mandatory stray-subnet",
            "subnet-in-parent-vpc mandatory hub-subnet-b",
            "subnet-in-parent-vpc mandatory spoke-a-subnet-a",
            "vpc-dns-support mandatory spoke-a-vpc",
            "vpc-size advisory late-vpc",
            "vpc-size advisory spoke-a-vpc",
        ]);
        assert.ok(result.violations.every((v) => v.policyPack === "minimal-pack"));
    });

    it("analyzes each resource's inputs with its provider resource", () => {
        const [v] = find(result, "vpc-dns-support", SPOKE_VPC);
        assert.equal(v.enforcementLevel, "mandatory");
        assert.equal(
            v.message,
            "VPCs must set enableDnsSupport to true.\nenableDnsSupport is false (provider aws-eu-west-2, region eu-west-2)",
        );
    });

    it("gives the stack policy parents, dependencies and property dependencies", () => {
        const messages = find(result, "subnet-in-parent-vpc").map((v) => v.message.split("\n")[1]);
        assert.deepEqual(messages, [
            "subnet stray-subnet takes vpcId from 0 VPCs, expected 1",
            "subnet hub-subnet-b does not depend on VPC hub-vpc",
            "subnet spoke-a-subnet-a (parent spoke-a) takes vpcId from VPC hub-vpc (parent hub)",
        ]);
        assert.equal(find(result, "subnet-in-parent-vpc", HUB_SUBNET_A).length, 0);
    });

    it("applies configSchema defaults and sends outputs to AnalyzeStack", () => {
        const [spoke] = find(result, "vpc-size", SPOKE_VPC);
        assert.equal(spoke.enforcementLevel, "advisory");
        assert.ok(
            spoke.message.endsWith(
                "VPC spoke-a-vpc (arn:aws:ec2:eu-west-2:123456789012:vpc/vpc-0a1b2c3d4e5f60002) is /20; the limit is /16",
            ),
            spoke.message,
        );
    });

    it("says the engine would have stopped, but ran everything", () => {
        assert.equal(result.engineWouldStopEarly, true);
        assert.equal(result.stoppedEarly, false);
    });

    it("skips Remediate when no policy runs at level remediate (one call per resource)", () => {
        assert.equal(result.callsPerResource, 1);
        assert.deepEqual(result.remediations, []);
    });

    it("leaves no pack process behind", () => {
        assert.ok(result.packPid > 0);
        assert.equal(isAlive(result.packPid), false);
        assert.deepEqual(processesMentioning(FIXTURE), []);
    });
});

describe("runPolicyPack: the compiled fixture pack", () => {
    let packDir: string;

    before(() => {
        packDir = compiledFixture();
    });

    describe("policy config in a preview", () => {
        let result: PolicyRunResult;

        before(async () => {
            result = await runPolicyPack(
                options(packDir, {
                    dryRun: true,
                    stopAtFirstMandatory: true,
                    policyConfig: { all: "mandatory", "subnet-in-parent-vpc": "disabled", "vpc-size": { maxPrefixLength: 20 } },
                }),
            );
        });

        it("sets every policy's level: 'all' first, then per policy", () => {
            assert.deepEqual(
                result.policies.map((p) => `${p.name}=${p.enforcementLevel}`),
                ["subnet-in-parent-vpc=disabled", "vpc-dns-support=mandatory", "vpc-size=mandatory"],
            );
        });

        it("silences a disabled policy and lets a property change the verdict", () => {
            assert.deepEqual(summary(result), ["vpc-dns-support mandatory spoke-a-vpc", "vpc-size mandatory late-vpc"]);
            assert.match(find(result, "vpc-size")[0].message, /is \/24; the limit is \/20$/);
        });

        it("does not stop a preview at a mandatory violation (AnalyzeStack still runs)", () => {
            assert.equal(result.stoppedEarly, false);
            assert.equal(result.engineWouldStopEarly, false);
        });
    });

    describe("stopAtFirstMandatory in an update", () => {
        let result: PolicyRunResult;

        before(async () => {
            result = await runPolicyPack(options(packDir, { stopAtFirstMandatory: true }));
        });

        it("stops at the first mandatory Analyze violation and skips AnalyzeStack", () => {
            assert.equal(result.stoppedEarly, true);
            assert.equal(result.engineWouldStopEarly, true);
            assert.deepEqual(summary(result), ["vpc-dns-support mandatory spoke-a-vpc"]);
        });
    });

    describe("preview of a fresh stack (unknown ids and outputs)", () => {
        let result: PolicyRunResult;

        before(async () => {
            result = await runPolicyPack(options(packDir, { dryRun: true, resources: previewGraph() }));
        });

        it('turns a mandatory policy that reads an unknown into an advisory "can\'t run"', () => {
            const [v] = find(result, "vpc-dns-support", LATE_VPC);
            assert.equal(v.enforcementLevel, "advisory");
            assert.equal(
                v.message,
                "can't run policy 'vpc-dns-support' from policy pack 'minimal-pack@v0.0.1' during preview: " +
                    "string value at .enableDnsSupport can't be known during preview",
            );
        });

        it("still fires mandatory rules that read known inputs and property dependencies", () => {
            assert.equal(find(result, "vpc-dns-support", SPOKE_VPC)[0].enforcementLevel, "mandatory");
            assert.deepEqual(
                find(result, "subnet-in-parent-vpc").map((v) => `${v.enforcementLevel} ${v.urn}`),
                [`mandatory ${STRAY_SUBNET}`, `mandatory ${HUB_SUBNET_B}`, `mandatory ${SPOKE_SUBNET}`],
            );
        });

        it("makes outputs the resource did not have as inputs unknown to AnalyzeStack", () => {
            assert.deepEqual(find(result, "vpc-size"), [
                {
                    policy: "vpc-size",
                    policyPack: "minimal-pack",
                    enforcementLevel: "advisory",
                    urn: "",
                    message:
                        "can't run policy 'vpc-size' from policy pack 'minimal-pack@v0.0.1' during preview: " +
                        "string value at .arn can't be known during preview",
                },
            ]);
            assert.equal(result.engineWouldStopEarly, false);
        });
    });

    describe("invalid policy config", () => {
        let error: Error;

        before(async () => {
            error = await rejection(
                runPolicyPack(
                    options(packDir, {
                        policyConfig: { "vpc-size": { maxPrefixLength: "twenty" }, "vpc-sise": "advisory" },
                    }),
                ),
            );
        });

        it("throws a PolicyConfigError naming the policy and the property", () => {
            assert.ok(error instanceof PolicyConfigError, String(error));
            assert.ok(
                (error as PolicyConfigError).problems.includes(
                    "validating policy config: minimal-pack 0.0.1  vpc-size: maxPrefixLength: Invalid type. Expected: integer, given: string",
                ),
                error.message,
            );
        });

        it("names a policy the pack does not have", () => {
            assert.ok(
                error.message.includes(
                    'policy config names "vpc-sise", which is not a policy of minimal-pack 0.0.1 ' +
                        "(it has: subnet-in-parent-vpc, vpc-dns-support, vpc-size)",
                ),
                error.message,
            );
        });

        it("leaves no pack process behind", () => {
            assert.deepEqual(processesMentioning(packDir), []);
        });
    });
});

/**
 * A pack with a remediation: `vpc-dns-support-fixed` (level remediate) turns DNS support on; the
 * resource policy `vpc-dns-support` and the stack policy `vpc-dns-support-in-state` check it afterwards.
 */
const REMEDIATING_PACK = `
const { PolicyPack } = require("@pulumi/policy");
const VPC = "aws:ec2/vpc:Vpc";
new PolicyPack("remediating-pack", {
    policies: [
        {
            name: "vpc-dns-support-fixed",
            description: "Turns DNS support on.",
            enforcementLevel: "remediate",
            remediateResource: (args) =>
                args.type === VPC && args.props.enableDnsSupport !== true ? { ...args.props, enableDnsSupport: true } : undefined,
        },
        {
            name: "vpc-dns-support",
            description: "VPCs must set enableDnsSupport to true.",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                if (args.type === VPC && args.props.enableDnsSupport !== true) {
                    reportViolation("enableDnsSupport is " + JSON.stringify(args.props.enableDnsSupport));
                }
            },
        },
        {
            name: "vpc-dns-support-in-state",
            description: "VPCs in the stack have DNS support.",
            enforcementLevel: "mandatory",
            validateStack: (args, reportViolation) => {
                for (const r of args.resources) {
                    if (r.type === VPC && r.props.enableDnsSupport !== true) {
                        reportViolation(r.name + " has no DNS support", r.urn);
                    }
                }
            },
        },
    ],
});
`;

describe("runPolicyPack: a policy at level remediate", () => {
    let packDir: string;
    let remediated: PolicyRunResult;
    let downgraded: PolicyRunResult;

    before(async () => {
        packDir = tempPack({
            "PulumiPolicy.yaml": "runtime: nodejs\n",
            "package.json": JSON.stringify({ name: "remediating-pack", version: "0.0.1", main: "index.js" }),
            "index.js": REMEDIATING_PACK,
        });
        [remediated, downgraded] = await Promise.all([
            runPolicyPack(options(packDir)),
            runPolicyPack(options(packDir, { policyConfig: { "vpc-dns-support-fixed": "advisory" } })),
        ]);
    });

    it("calls Remediate before Analyze and records the remediation with the new inputs", () => {
        assert.equal(remediated.callsPerResource, 2);
        assert.deepEqual(
            remediated.remediations.map(
                (r) => `${r.policy} ${r.urn.split("::").pop() ?? ""} ${JSON.stringify(r.properties.enableDnsSupport)}`,
            ),
            ["vpc-dns-support-fixed spoke-a-vpc true"],
        );
        assert.equal(remediated.remediations[0].properties.cidrBlock, "10.1.0.0/20");
    });

    it("analyzes the remediated inputs, and AnalyzeStack sees them in the resource's state", () => {
        assert.deepEqual(remediated.violations, []);
    });

    it("skips Remediate once the remediating policy is configured at another level, and the check fails", () => {
        assert.equal(downgraded.callsPerResource, 1);
        assert.deepEqual(downgraded.remediations, []);
        assert.deepEqual(summary(downgraded), ["vpc-dns-support mandatory spoke-a-vpc", "vpc-dns-support-in-state mandatory spoke-a-vpc"]);
    });
});

describe("runPolicyPack: a graph that never arrives", () => {
    it("fails on a bad policy config without leaving the capture's rejection unhandled", async () => {
        const unhandled: unknown[] = [];
        const onUnhandled = (reason: unknown): void => {
            unhandled.push(reason);
        };
        process.on("unhandledRejection", onUnhandled);
        try {
            let fail!: (e: Error) => void;
            const capture = new Promise<ReturnType<typeof graph>>((_, reject) => (fail = reject));
            const error = await rejection(
                runPolicyPack(options(FIXTURE, { resources: capture, policyConfig: { "no-such-policy": "mandatory" } })),
            );
            assert.ok(error instanceof PolicyConfigError, String(error));
            fail(new Error("the capture failed later"));
            await new Promise((r) => setTimeout(r, 50));
            assert.deepEqual(unhandled, []);
        } finally {
            process.removeListener("unhandledRejection", onUnhandled);
        }
    });

    it("stops the pack and rejects with the capture's own error when the graph never comes", async () => {
        const captureError = new Error("program run failed: spokes[3].cidr overlaps");
        const error = await rejection(runPolicyPack(options(FIXTURE, { resources: Promise.reject(captureError) })));
        assert.strictEqual(error, captureError);
        assert.deepEqual(processesMentioning(FIXTURE), []);
    });
});

describe("runPolicyPack: failures", () => {
    it("rejects a malformed policy config before launching anything", async () => {
        const error = await rejection(
            runPolicyPack(
                options(FIXTURE, {
                    policyConfig: { a: "strict", b: 5, c: { enforcementLevel: 3 } },
                }),
            ),
        );
        assert.ok(error instanceof PolicyConfigError);
        assert.deepEqual(error.problems, [
            'parsing enforcement level for "a": "strict" is not a valid enforcement level',
            'parsing "b": 5 is not a valid value; must be a string or object',
            'parsing enforcement level for "c": 3 is not a valid enforcement level; must be a string',
        ]);
    });

    it("surfaces a pack that crashes while loading, with its stderr", async () => {
        const dir = tempPack({
            "PulumiPolicy.yaml": "runtime: nodejs\n",
            "package.json": JSON.stringify({ name: "crashing-pack", version: "0.0.1", main: "index.js" }),
            "index.js": "throw new Error('boom: fixture pack failed to load');\n",
        });
        const error = await rejection(runPolicyPack(options(dir)));
        assert.ok(error instanceof PolicyPackError, String(error));
        assert.match(error.message, /before printing its port/);
        assert.match(error.message, /boom: fixture pack failed to load/);
        assert.deepEqual(processesMentioning(dir), []);
    });

    it("surfaces a TypeScript error in the pack, with its stderr", async () => {
        const dir = tempPack({
            "PulumiPolicy.yaml": "runtime: nodejs\n",
            "package.json": JSON.stringify({ name: "ts-error-pack", version: "0.0.1", main: "index.ts" }),
            "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: true, types: [] } }),
            "index.ts": 'const port: number = "not a number";\nexport { port };\n',
        });
        const error = await rejection(runPolicyPack(options(dir)));
        assert.ok(error instanceof PolicyPackError, String(error));
        assert.match(error.message, /TS2322/);
        assert.deepEqual(processesMentioning(dir), []);
    });

    it("says so when the pack's dependencies are not installed", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-policy-pack-"));
        tempDirs.push(dir);
        fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        const error = await rejection(runPolicyPack(options(dir)));
        assert.match(error.message, /dependencies are not installed/);
    });
});

// ------------------------------------------------------------------------------------------------------
// Pure parts (no launch)
// ------------------------------------------------------------------------------------------------------

describe("reconcilePolicyConfig", () => {
    const policies: AnalyzerPolicyMetadata[] = [
        {
            name: "a",
            description: "",
            enforcementLevel: "advisory",
            configSchema: {
                properties: { limit: { type: "integer", minimum: 1, maximum: 10, default: 5 }, mode: { type: "string", enum: ["x", "y"] } },
                required: ["mode"],
            },
        },
        { name: "b", description: "", enforcementLevel: "mandatory", configSchema: { properties: {}, required: [] } },
    ];

    it("applies defaults, then 'all', then per-policy config", () => {
        const result = reconcilePolicyConfig("p 1", policies, new Map(), parsePolicyConfig({ all: "disabled", a: { mode: "x" } }));
        assert.deepEqual(result.get("a"), { enforcementLevel: "disabled", properties: { limit: 5, mode: "x" } });
        assert.deepEqual(result.get("b"), { enforcementLevel: "disabled", properties: undefined });
    });

    it("reports every schema violation in the CLI's words", () => {
        const error = (() => {
            try {
                reconcilePolicyConfig("p 1", policies, new Map(), parsePolicyConfig({ a: { limit: 11, mode: "z" } }));
            } catch (e) {
                return e as PolicyConfigError;
            }
            return assert.fail("expected a PolicyConfigError");
        })();
        assert.deepEqual(error.problems, [
            "validating policy config: p 1  a: limit: Must be less than or equal to 10",
            'validating policy config: p 1  a: mode: mode must be one of the following: "x", "y"',
        ]);
        assert.throws(
            () => reconcilePolicyConfig("p 1", policies, new Map(), new Map()),
            /validating policy config: p 1 {2}a: mode is required/,
        );
    });

    it("names the offending field of a nested value: array items, patterns, additional properties", () => {
        const errors = validateJsonSchema(
            {
                type: "object",
                properties: { tags: { type: "array", items: { type: "string", pattern: "^[a-z]+$" }, uniqueItems: true } },
                additionalProperties: false,
            },
            { tags: ["ok", "Bad", "ok"], extra: 1 },
        );
        assert.deepEqual([...errors].sort(), [
            "(root): Additional property extra is not allowed",
            "tags.1: Does not match pattern '^[a-z]+$'",
            "tags: array items[0,2] must be unique",
        ]);
    });

    it("reports a failed combinator once, not each branch's reasons", () => {
        const errors = validateJsonSchema(
            {
                type: "object",
                properties: { limit: { anyOf: [{ type: "string" }, { type: "integer", minimum: 3 }] }, cidr: { format: "ipv4" } },
            },
            { limit: 1, cidr: "10.0.0" },
        );
        assert.deepEqual([...errors].sort(), ["cidr: Does not match format 'ipv4'", "limit: Must validate at least one schema (anyOf)"]);
    });

    it("accepts a valid value and returns no problems", () => {
        assert.deepEqual(
            validateJsonSchema({ type: "object", properties: { n: { type: "integer", maximum: 3 } }, required: ["n"] }, { n: 3 }),
            [],
        );
    });

    it("tells the pack author, not the user, when a configSchema is not a valid schema", () => {
        const broken: AnalyzerPolicyMetadata[] = [
            {
                name: "c",
                description: "",
                enforcementLevel: "advisory",
                configSchema: { properties: { n: { type: "integr" } }, required: [] },
            },
        ];
        assert.throws(
            () => reconcilePolicyConfig("p 1", broken, new Map(), new Map()),
            /validating policy config: p 1 {2}c: the policy's configSchema is not a valid JSON Schema .*fix the pack/,
        );
    });
});
