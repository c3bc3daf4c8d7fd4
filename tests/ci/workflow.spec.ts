/**
 * The CI template for forks (.github/workflows/landing-zone.yml), checked against the repository it
 * ships in: what it runs must exist here, the policy pack must gate every cloud operation, the
 * offline job must hold no cloud credentials, and `pulumi up` must be gated by an environment and
 * run only for pushes to main.
 *
 * `checkWorkflow` is a pure function of the parsed workflow and a view of the repository, so every
 * rule is also run against mutated copies (a fake package.json, a workflow with a step removed...)
 * to show that it can fail.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { rawConfigFrom } from "../../components/config/load";
import { validateConfig } from "../../components/config/schema";
import { readStackFile } from "../../offline/stack-config";

const ROOT = path.resolve(__dirname, "..", "..");
const WORKFLOW_FILE = path.join(ROOT, ".github", "workflows", "landing-zone.yml");
const POLICY_PACK = "./policy-pack";

// ---------------------------------------------------------------------------------------------
// The checker
// ---------------------------------------------------------------------------------------------

/** What the checker needs to know about the repository. */
interface RepoView {
    /** `scripts` of the root package.json. */
    readonly scripts: Readonly<Record<string, string>>;
    /** `engines.node` of the root package.json, e.g. ">=20". */
    readonly nodeEngine?: string;
    /** Whether a path relative to the repository root exists. */
    exists(rel: string): boolean;
    /** Stacks with a committed Pulumi.<stack>.yaml. */
    readonly stacks: readonly string[];
    /** The stack's hub region (landing-zone:hub.region after validation and defaults). */
    hubRegion(stack: string): string | undefined;
}

type Dict = Record<string, unknown>;

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    with?: Dict;
    env?: Dict;
    if?: string;
    "continue-on-error"?: unknown;
}

interface Job {
    if?: string;
    needs?: string | string[];
    environment?: string | { name?: string };
    permissions?: string | Dict;
    concurrency?: string | { group?: string; "cancel-in-progress"?: unknown };
    env?: Dict;
    strategy?: { matrix?: Dict };
    steps?: Step[];
}

interface Workflow {
    on?: unknown;
    permissions?: string | Dict;
    env?: Dict;
    jobs?: Record<string, Job>;
}

interface MatrixEntry {
    readonly stack: string;
    readonly region?: string;
}

const MATRIX_STACK = "${{matrix.stack}}";

/** `${{ matrix.stack }}` -> `${{matrix.stack}}`: expressions without spaces, so they stay one token. */
function normaliseExpressions(text: string): string {
    return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, inner: string) => `\${{${inner.replace(/\s+/g, "")}}}`);
}

/** A run script as logical lines: backslash continuations joined, expressions normalised. */
function logicalLines(run: string): string[] {
    return normaliseExpressions(run).replace(/\\\r?\n/g, " ").split(/\r?\n/);
}

/** Shell words of a command line (quotes removed, parentheses dropped as in `a=(--x y)`; no expansion). */
function words(line: string): string[] {
    const out: string[] = [];
    const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s()]+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
        out.push(m[1] ?? m[2] ?? m[3]);
    }
    return out;
}

/** The simple commands of a logical line (split at |, ||, &&, ;). */
function commands(line: string): string[][] {
    return line
        .split(/\s*(?:\|\||&&|\||;)\s*/)
        .map((c) => words(c.replace(/^\s*(?:if|then|else|!|\{|\()\s+/, "")))
        .filter((w) => w.length > 0);
}

/** Every simple command of a run script that starts with `program` (e.g. "npm", "pulumi"). */
function invocations(run: string, program: string): string[][] {
    const out: string[][] = [];
    for (const line of logicalLines(run)) {
        if (/^\s*#/.test(line)) {
            continue;
        }
        for (const cmd of commands(line.replace(/\s#.*$/, ""))) {
            const at = cmd.indexOf(program);
            // `program` first, or after `time`/env assignments
            if (at >= 0 && cmd.slice(0, at).every((w) => w === "time" || /^[A-Z_][A-Z0-9_]*=/.test(w))) {
                out.push(cmd.slice(at));
            }
        }
    }
    return out;
}

const NPM_TEST_ALIASES = new Set(["test", "t", "tst"]);
const NPM_LIFECYCLE = new Set(["start", "stop", "restart"]);
const NPM_FLAGS_WITH_VALUE = new Set(["--prefix", "-C", "--workspace", "-w", "--loglevel", "--userconfig"]);

/** package.json scripts an `npm ...` command needs (root package only; `--prefix` elsewhere is skipped). */
function npmScriptsOf(cmd: readonly string[]): string[] {
    const rest = cmd.slice(1);
    const positional: string[] = [];
    for (let i = 0; i < rest.length; i++) {
        const w = rest[i];
        if (w === "--") {
            break;
        }
        if (NPM_FLAGS_WITH_VALUE.has(w)) {
            if (w === "--prefix" || w === "-C" || w === "--workspace" || w === "-w") {
                return []; // another package.json
            }
            i++;
            continue;
        }
        if (w.startsWith("-")) {
            if (/^--(prefix|workspace)=/.test(w)) {
                return [];
            }
            continue;
        }
        positional.push(w);
    }
    const [sub, script] = positional;
    if (sub === "run" || sub === "run-script" || sub === "rum" || sub === "urn") {
        return script ? [script] : [];
    }
    if (sub && NPM_TEST_ALIASES.has(sub)) {
        return ["test"];
    }
    if (sub && NPM_LIFECYCLE.has(sub)) {
        return [sub];
    }
    return [];
}

/** Value of `--flag v` / `--flag=v` in a command (all occurrences). */
function flagValues(cmd: readonly string[], ...flags: string[]): string[] {
    const out: string[] = [];
    cmd.forEach((w, i) => {
        for (const f of flags) {
            if (w === f && i + 1 < cmd.length) {
                out.push(cmd[i + 1]);
            } else if (w.startsWith(`${f}=`)) {
                out.push(w.slice(f.length + 1));
            }
        }
    });
    return out;
}

function asList(v: unknown): string[] {
    if (v === undefined || v === null) {
        return [];
    }
    return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** Stacks of a job's matrix: `matrix.stack: [...]` and/or `matrix.include[].stack`. */
function matrixOf(job: Job): MatrixEntry[] | undefined {
    const matrix = job.strategy?.matrix;
    if (!matrix) {
        return undefined;
    }
    const entries: MatrixEntry[] = [];
    const region = typeof matrix.region === "string" ? matrix.region : undefined;
    for (const s of asList(matrix.stack)) {
        entries.push({ stack: s, region });
    }
    for (const inc of (Array.isArray(matrix.include) ? matrix.include : []) as Dict[]) {
        if (typeof inc.stack === "string") {
            entries.push({ stack: inc.stack, region: typeof inc.region === "string" ? inc.region : region });
        }
    }
    return entries.length > 0 ? entries : undefined;
}

/** Env variables (job and step) bound to the matrix stack, e.g. STACK. */
function stackVariables(job: Job, step: Step): Set<string> {
    const out = new Set<string>();
    for (const env of [job.env, step.env]) {
        for (const [k, v] of Object.entries(env ?? {})) {
            if (typeof v === "string" && normaliseExpressions(v) === MATRIX_STACK) {
                out.add(k);
            }
        }
    }
    return out;
}

/** Substitutes the matrix stack into a word; undefined when another variable is left. */
function expandStack(word: string, vars: ReadonlySet<string>, stack: string): string | undefined {
    let out = word.split(MATRIX_STACK).join(stack);
    for (const v of vars) {
        out = out.replace(new RegExp(`\\$\\{${v}\\}|\\$${v}(?![A-Za-z0-9_])`, "g"), stack);
    }
    return /\$/.test(out) ? undefined : out;
}

const usesAction = (step: Step, action: string) => (step.uses ?? "").split("@")[0].toLowerCase() === action;
const isAwsCredentials = (step: Step) => usesAction(step, "aws-actions/configure-aws-credentials");
const pulumiActionCommand = (step: Step) => (usesAction(step, "pulumi/actions") && typeof step.with?.command === "string" ? step.with.command : undefined);

function permissionsOf(wf: Workflow, job: Job): string | Dict | undefined {
    return job.permissions ?? wf.permissions;
}

function grantsIdToken(perms: string | Dict | undefined): boolean {
    if (perms === "write-all") {
        return true;
    }
    return typeof perms === "object" && perms !== null && perms["id-token"] === "write";
}

function pushBranches(on: unknown): string[] {
    if (on === "push" || (Array.isArray(on) && on.includes("push"))) {
        return ["*"];
    }
    if (on && typeof on === "object" && "push" in on) {
        const push = (on as Dict).push as Dict | null;
        return push && push.branches !== undefined ? asList(push.branches) : ["*"];
    }
    return [];
}

function hasTrigger(on: unknown, event: string): boolean {
    return on === event || (Array.isArray(on) && on.includes(event)) || (!!on && typeof on === "object" && event in on);
}

const PULUMI_GLOBAL_FLAGS_WITH_VALUE = new Set(["-C", "--cwd", "--color", "--tracing", "--profiling"]);

/** Pulumi operations a job runs: { verb, cmd, step } for CLI commands and pulumi/actions steps. */
interface PulumiOp {
    readonly verb: string;
    readonly cmd?: readonly string[];
    readonly step: Step;
    readonly stepIndex: number;
}

function pulumiOps(job: Job): PulumiOp[] {
    const ops: PulumiOp[] = [];
    (job.steps ?? []).forEach((step, stepIndex) => {
        for (const cmd of invocations(step.run ?? "", "pulumi")) {
            const verb = cmd.slice(1).find((w, i, rest) => !w.startsWith("-") && !PULUMI_GLOBAL_FLAGS_WITH_VALUE.has(rest[i - 1] ?? ""));
            if (verb) {
                ops.push({ verb: verb === "update" ? "up" : verb, cmd, step, stepIndex });
            }
        }
        const command = pulumiActionCommand(step);
        if (command) {
            ops.push({ verb: command === "update" ? "up" : command, step, stepIndex });
        }
    });
    return ops;
}

const MUTATING = new Set(["up", "destroy", "refresh", "import", "cancel"]);

/**
 * Every rule, over every job. Returns one line per problem ("<job>: <what>"), [] when the workflow
 * is consistent with the repository.
 */
function checkWorkflow(wf: Workflow, repo: RepoView): string[] {
    const problems: string[] = [];
    const jobs = wf.jobs ?? {};
    const report = (job: string, msg: string) => problems.push(`${job}: ${msg}`);

    for (const j of ["offline", "preview", "up"]) {
        if (!jobs[j]) {
            report(j, "job missing");
        }
    }

    for (const [name, job] of Object.entries(jobs)) {
        const matrix = matrixOf(job);
        const steps = job.steps ?? [];

        // 1. npm scripts exist.
        for (const step of steps) {
            for (const cmd of invocations(step.run ?? "", "npm")) {
                for (const script of npmScriptsOf(cmd)) {
                    if (!(script in repo.scripts)) {
                        report(name, `\`${cmd.join(" ")}\` needs package.json script "${script}", which does not exist`);
                    }
                }
            }
        }

        // 2. Stacks exist: matrix stacks, and --stack values (literal, matrix-bound or from the glob).
        for (const entry of matrix ?? []) {
            if (!repo.stacks.includes(entry.stack)) {
                report(name, `matrix stack "${entry.stack}" has no Pulumi.${entry.stack}.yaml`);
            }
            const hub = repo.hubRegion(entry.stack);
            if (entry.region !== undefined && hub !== undefined && entry.region !== hub) {
                report(name, `matrix region of stack "${entry.stack}" is ${entry.region}, its hub region is ${hub}`);
            }
        }
        steps.forEach((step) => {
            const vars = stackVariables(job, step);
            const globbed = /Pulumi\.\*\.ya?ml/.test(step.run ?? "");
            // npm: the script's own arguments (after `--`; npm's -s is --silent); pulumi: --stack / -s.
            const stackArgs = [
                ...invocations(step.run ?? "", "npm").flatMap((c) => (c.includes("--") ? flagValues(c.slice(c.indexOf("--")), "--stack") : [])),
                ...invocations(step.run ?? "", "pulumi").flatMap((c) => flagValues(c, "--stack", "-s")),
            ];
            const actionStack = pulumiActionCommand(step) ? step.with?.["stack-name"] : undefined;
            if (typeof actionStack === "string") {
                stackArgs.push(normaliseExpressions(actionStack));
            }
            for (const arg of stackArgs) {
                const literal = /^[A-Za-z0-9._-]+$/.test(arg);
                const stacks = literal ? [arg] : matrix ? matrix.map((e) => expandStack(arg, vars, e.stack)) : [undefined];
                if (!literal && stacks.some((s) => s === undefined) && !globbed) {
                    report(name, `--stack ${arg}: cannot tell which stack this is (use a literal, the matrix stack or a loop over Pulumi.*.yaml)`);
                    continue;
                }
                for (const s of stacks) {
                    if (s !== undefined && !repo.stacks.includes(s)) {
                        report(name, `--stack ${s}: no Pulumi.${s}.yaml`);
                    }
                }
            }
        });

        // 3. Pulumi operations: the pack on every preview/up, config paths that exist, the stack's config passed.
        const ops = pulumiOps(job);
        const gated = ops.filter((o) => o.verb === "preview" || o.verb === "up");
        for (const op of gated) {
            if (op.cmd) {
                if (!flagValues(op.cmd, "--policy-pack").includes(POLICY_PACK)) {
                    report(name, `\`pulumi ${op.verb}\` without --policy-pack ${POLICY_PACK}`);
                }
                if (op.verb === "up" && !op.cmd.some((w) => w === "--yes" || w === "-y" || w === "--yes=true")) {
                    report(name, "`pulumi up` without --yes never finishes on CI");
                }
            } else {
                const packs = asList(op.step.with?.policyPacks).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
                if (!packs.includes(POLICY_PACK) && !packs.includes("policy-pack")) {
                    report(name, `pulumi/actions \`${op.verb}\` without policyPacks: ${POLICY_PACK}`);
                }
            }
        }
        const gatedSteps = [...new Set(gated.map((o) => o.step))];
        const reachableConfigs = new Set<string>();
        for (const step of gatedSteps) {
            const vars = stackVariables(job, step);
            const lines = logicalLines(step.run ?? "");
            const tokens = lines.flatMap((l) => words(l));
            const guarded = new Set(tokens.flatMap((w, i) => (w === "-f" && i + 1 < tokens.length ? [tokens[i + 1]] : [])));
            const configArgs = [...tokens.flatMap((w, i) => (w === "--policy-pack-config" && i + 1 < tokens.length ? [tokens[i + 1]] : [])), ...tokens.filter((w) => w.startsWith("--policy-pack-config=")).map((w) => w.slice("--policy-pack-config=".length))];
            configArgs.push(...asList(step.with?.policyPackConfigs).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean).map(normaliseExpressions));
            for (const arg of configArgs) {
                const stacks = matrix?.map((e) => e.stack) ?? [];
                const expanded = /\$/.test(arg) ? stacks.map((s) => ({ s, p: expandStack(arg, vars, s) })) : [{ s: "", p: arg }];
                for (const { s, p } of expanded) {
                    if (p === undefined) {
                        report(name, `--policy-pack-config ${arg}: cannot resolve it for stack ${s}`);
                    } else if (repo.exists(p)) {
                        reachableConfigs.add(path.posix.normalize(p));
                    } else if (!guarded.has(arg)) {
                        report(name, `--policy-pack-config ${p}${s ? ` (stack ${s})` : ""} does not exist`);
                    }
                }
            }
        }
        if (gated.length > 0) {
            for (const entry of matrix ?? []) {
                const cfg = `policy-pack/config/${entry.stack}.json`;
                if (repo.exists(cfg) && !reachableConfigs.has(cfg)) {
                    report(name, `${cfg} exists but \`pulumi ${gated[0].verb}\` of stack ${entry.stack} never passes it (--policy-pack-config)`);
                }
            }
        }

        // 4. Jobs that talk to AWS: OIDC permission, credentials before pulumi, installed pack.
        const awsStep = steps.findIndex(isAwsCredentials);
        if (awsStep >= 0 && !grantsIdToken(permissionsOf(wf, job))) {
            report(name, "configure-aws-credentials without `permissions: id-token: write` (no OIDC token)");
        }
        if (gated.length > 0) {
            if (awsStep < 0 || awsStep > gated[0].stepIndex) {
                report(name, "runs pulumi without an earlier aws-actions/configure-aws-credentials step");
            }
            const npmCi = steps.findIndex((s) => invocations(s.run ?? "", "npm").some((c) => c[1] === "ci" || c[1] === "install"));
            if (npmCi < 0 || npmCi > gated[0].stepIndex) {
                report(name, "runs pulumi without an earlier `npm ci` (program and policy pack dependencies)");
            } else {
                const packInstalled =
                    /npm ci --prefix policy-pack/.test(repo.scripts.postinstall ?? "") ||
                    steps.some((s) => invocations(s.run ?? "", "npm").some((c) => c[1] === "ci" && flagValues(c, "--prefix").includes("policy-pack")));
                if (!packInstalled) {
                    report(name, "nothing installs policy-pack/ dependencies (root postinstall or npm ci --prefix policy-pack)");
                }
            }
        }

        // 5. Mutating operations: production environment, pushes to main only, one at a time per stack.
        const mutating = ops.filter((o) => MUTATING.has(o.verb));
        if (mutating.length > 0) {
            const verbs = [...new Set(mutating.map((o) => o.verb))].join("/");
            const envName = typeof job.environment === "string" ? job.environment : job.environment?.name;
            if (!envName) {
                report(name, `runs pulumi ${verbs} without an \`environment\` (no approval gate)`);
            }
            const cond = (job.if ?? "").replace(/\$\{\{|\}\}/g, "").replace(/"/g, "'").replace(/\s+/g, " ");
            if (!/github\.event_name == 'push'/.test(cond) || !/github\.ref == 'refs\/heads\/main'/.test(cond) || /\|\||!=|contains\(|startsWith\(/.test(cond)) {
                report(name, `runs pulumi ${verbs} without \`if: github.event_name == 'push' && github.ref == 'refs/heads/main'\` (got ${JSON.stringify(job.if ?? "")})`);
            }
            if (!pushBranches(wf.on).includes("main")) {
                report(name, "the workflow does not run on push to main, so this job never runs");
            }
            if (!asList(job.needs).includes("preview")) {
                report(name, "does not need the preview job");
            }
            const conc = typeof job.concurrency === "string" ? { group: job.concurrency } : job.concurrency;
            if (!conc?.group || !normaliseExpressions(conc.group).includes(MATRIX_STACK)) {
                report(name, "no concurrency group per stack (two updates of one stack could overlap)");
            } else if (conc["cancel-in-progress"] === true || conc["cancel-in-progress"] === "true") {
                report(name, "cancel-in-progress would kill a running update and leave the state locked");
            }
            const previewStacks = new Set((matrixOf(jobs.preview ?? {}) ?? []).map((e) => e.stack));
            for (const entry of matrix ?? []) {
                if (!previewStacks.has(entry.stack)) {
                    report(name, `stack ${entry.stack} is deployed but never previewed`);
                }
            }
        }
    }

    // 6. The offline job: install, typecheck, tests, plans; no cloud credentials; failures not swallowed.
    const offline = jobs.offline;
    if (offline) {
        const runs = (offline.steps ?? []).map((s) => s.run ?? "").join("\n");
        const npmCmds = invocations(runs, "npm");
        const ran = new Set(npmCmds.flatMap(npmScriptsOf));
        if (!npmCmds.some((c) => c[1] === "ci")) {
            problems.push("offline: never runs `npm ci`");
        }
        for (const script of ["typecheck", "test", "start"]) {
            if (!ran.has(script)) {
                problems.push(`offline: never runs npm ${script === "typecheck" ? "run typecheck" : script}`);
            }
        }
        const planned = new Set<string>();
        for (const c of npmCmds.filter((c) => npmScriptsOf(c).includes("start"))) {
            if (flagValues(c, "--json").length === 0 || flagValues(c, "--diagram").length === 0) {
                problems.push(`offline: \`${c.join(" ")}\` writes no --json plan or no --diagram`);
            }
            for (const s of flagValues(c, "--stack")) {
                planned.add(s);
            }
        }
        const everyStack = /Pulumi\.\*\.ya?ml/.test(runs) || repo.stacks.every((s) => planned.has(s) || (matrixOf(offline) ?? []).some((e) => e.stack === s));
        if (!everyStack) {
            problems.push("offline: does not plan every committed stack (loop over Pulumi.*.yaml or list them)");
        }
        if (!(offline.steps ?? []).some((s) => usesAction(s, "actions/upload-artifact") && /always\(\)/.test(s.if ?? ""))) {
            problems.push("offline: no actions/upload-artifact step with `if: always()` for the plans");
        }
        const perms = permissionsOf(wf, offline);
        if (perms === undefined) {
            problems.push("offline: no explicit permissions (the default token may be broad)");
        } else if (grantsIdToken(perms)) {
            problems.push("offline: has `id-token: write` (it must run without cloud credentials)");
        }
        if ((offline.steps ?? []).some(isAwsCredentials)) {
            problems.push("offline: has an aws-actions/configure-aws-credentials step");
        }
        const text = JSON.stringify({ job: offline, workflowEnv: wf.env ?? {} });
        if (/secrets\./.test(text)) {
            problems.push("offline: reads secrets (it must run without any)");
        }
        if (/AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE)/.test(text)) {
            problems.push("offline: references AWS credential variables");
        }
        for (const step of offline.steps ?? []) {
            if (step["continue-on-error"] === true || step["continue-on-error"] === "true") {
                problems.push(`offline: step ${JSON.stringify(step.name ?? step.uses ?? step.run)} has continue-on-error`);
            }
            if (/\|\|\s*(true|:)\s*$/m.test(step.run ?? "")) {
                problems.push(`offline: step ${JSON.stringify(step.name ?? step.run)} swallows a failure with || true`);
            }
        }
        const nodeFloor = /(\d+)/.exec(repo.nodeEngine ?? "")?.[1];
        for (const step of offline.steps ?? []) {
            if (usesAction(step, "actions/setup-node")) {
                let v = String(step.with?.["node-version"] ?? "");
                const envRef = /^\$\{\{\s*env\.(\w+)\s*\}\}$/.exec(v);
                if (envRef) {
                    v = String(offline.env?.[envRef[1]] ?? wf.env?.[envRef[1]] ?? "");
                }
                const major = /(\d+)/.exec(v)?.[1];
                if (!major || (nodeFloor && Number(major) < Number(nodeFloor))) {
                    problems.push(`offline: node-version ${JSON.stringify(v)} is below package.json engines ${repo.nodeEngine}`);
                }
            }
        }
    }

    // 7. Triggers and coverage: PRs run the workflow; every committed stack is previewed.
    if (!hasTrigger(wf.on, "pull_request")) {
        problems.push("workflow: does not run on pull_request");
    }
    const preview = jobs.preview;
    if (preview) {
        if (!asList(preview.needs).includes("offline")) {
            problems.push("preview: does not need the offline job");
        }
        if (!pulumiOps(preview).some((o) => o.verb === "preview")) {
            problems.push("preview: never runs pulumi preview");
        }
        const stacks = new Set((matrixOf(preview) ?? []).map((e) => e.stack));
        for (const s of repo.stacks) {
            if (!stacks.has(s)) {
                problems.push(`preview: committed stack ${s} (Pulumi.${s}.yaml) is missing from the matrix`);
            }
        }
    }
    if (jobs.up && !pulumiOps(jobs.up).some((o) => o.verb === "up")) {
        problems.push("up: never runs pulumi up");
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// The repository as it is
// ---------------------------------------------------------------------------------------------

function realRepo(): RepoView {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string>; engines?: { node?: string } };
    const stacks = fs
        .readdirSync(ROOT)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
    const regions = new Map<string, string | undefined>();
    return {
        scripts: pkg.scripts ?? {},
        nodeEngine: pkg.engines?.node,
        exists: (rel) => fs.existsSync(path.join(ROOT, rel)),
        stacks,
        hubRegion(stack) {
            if (!regions.has(stack)) {
                if (!stacks.includes(stack)) {
                    return undefined;
                }
                const v = validateConfig(rawConfigFrom(readStackFile(path.join(ROOT, `Pulumi.${stack}.yaml`)).config));
                regions.set(stack, v.ok ? v.config.hub.region : undefined);
            }
            return regions.get(stack);
        },
    };
}

const WORKFLOW_TEXT = fs.readFileSync(WORKFLOW_FILE, "utf8");
const WORKFLOW = parse(WORKFLOW_TEXT) as Workflow;
const REPO = realRepo();

/** A mutable deep copy of the committed workflow. */
function copy(): { jobs: Record<string, Job & { steps: Step[] } & Dict> } & Dict {
    return structuredClone(WORKFLOW) as { jobs: Record<string, Job & { steps: Step[] } & Dict> } & Dict;
}

function stepRunning(job: Job, re: RegExp): Step & Dict {
    const step = (job.steps ?? []).find((s) => re.test(s.run ?? ""));
    assert.ok(step, `no step of the job runs ${re}`);
    return step as Step & Dict;
}

function expectProblem(problems: readonly string[], re: RegExp): void {
    assert.ok(
        problems.some((p) => re.test(p)),
        `expected a problem matching ${re}; got:\n  ${problems.join("\n  ") || "(none)"}`,
    );
}

describe("CI template (.github/workflows/landing-zone.yml)", () => {
    it("is consistent with this repository: scripts, stacks, policy configs, gates", () => {
        assert.deepStrictEqual(checkWorkflow(WORKFLOW, REPO), []);
        // The check saw stacks, each with a valid config (so its hub region is known).
        assert.ok(REPO.stacks.length > 0, "no Pulumi.<stack>.yaml found");
        for (const s of REPO.stacks) {
            assert.ok(REPO.hubRegion(s), `Pulumi.${s}.yaml does not validate`);
        }
    });

    it("parses npm command lines: run/start/test and aliases, flags, --prefix elsewhere", () => {
        const scripts = (line: string) => invocations(line, "npm").flatMap(npmScriptsOf);
        assert.deepStrictEqual(scripts("npm run typecheck"), ["typecheck"]);
        assert.deepStrictEqual(scripts("npm --silent run-script bench -- --x"), ["bench"]);
        assert.deepStrictEqual(scripts('npm start --silent -- --stack "$s" --json x.json'), ["start"]);
        assert.deepStrictEqual(scripts("npm t && npm test"), ["test", "test"]);
        assert.deepStrictEqual(scripts("npm ci --no-audit; npm ci --prefix policy-pack; npm --prefix policy-pack run build"), []);
        assert.deepStrictEqual(scripts("  # npm run commented-out\necho npm run not-a-command"), []);
        const verbs = (run: string) => pulumiOps({ steps: [{ run }] }).map((o) => o.verb);
        assert.deepStrictEqual(verbs('pulumi --cwd infra preview -s dev\npulumi -C . update --yes\necho "pulumi up"'), ["preview", "up"]);
    });

    it("reports an `npm run` script that package.json lacks", () => {
        const { typecheck: _dropped, ...scripts } = REPO.scripts;
        const problems = checkWorkflow(WORKFLOW, { ...REPO, scripts });
        expectProblem(problems, /^offline: `npm run typecheck` needs package.json script "typecheck"/);

        const wf = copy();
        stepRunning(wf.jobs.offline, /npm run typecheck/).run = "npm run type-check";
        expectProblem(checkWorkflow(wf, REPO), /"type-check", which does not exist/);
    });

    it("reports npm start / npm test when package.json lacks them", () => {
        const { start: _s, test: _t, ...scripts } = REPO.scripts;
        const problems = checkWorkflow(WORKFLOW, { ...REPO, scripts });
        expectProblem(problems, /needs package.json script "start"/);
        expectProblem(problems, /`npm test` needs package.json script "test"/);
    });

    it("reports stacks without a Pulumi.<stack>.yaml: matrix entries and literal --stack", () => {
        const wf = copy();
        (wf.jobs.preview.strategy!.matrix!.include as Dict[]).push({ stack: "prod", region: "eu-west-2" });
        const step = stepRunning(wf.jobs.offline, /npm start/);
        step.run = `${step.run}\nnpm start -s -- --stack staging --json out/s.json --diagram out/s.mmd`;
        const problems = checkWorkflow(wf, REPO);
        expectProblem(problems, /^preview: matrix stack "prod" has no Pulumi\.prod\.yaml/);
        expectProblem(problems, /^preview: --stack prod: no Pulumi\.prod\.yaml/);
        expectProblem(problems, /^offline: --stack staging: no Pulumi\.staging\.yaml/);

        // A stack the repository gains but the preview matrix lacks, and a region that is not the hub's.
        const more = checkWorkflow(WORKFLOW, { ...REPO, stacks: [...REPO.stacks, "prod"] });
        expectProblem(more, /^preview: committed stack prod \(Pulumi\.prod\.yaml\) is missing from the matrix/);
        const wrongRegion = copy();
        (wrongRegion.jobs.up.strategy!.matrix!.include as Dict[])[1].region = "eu-west-1";
        expectProblem(checkWorkflow(wrongRegion, REPO), /^up: matrix region of stack "tgw" is eu-west-1, its hub region is eu-west-2/);
    });

    it("reports a --policy-pack-config path that does not exist, unless the script checks it with -f", () => {
        // A literal path for a stack without a config.
        const wf = copy();
        const up = stepRunning(wf.jobs.up, /pulumi up/);
        up.run = 'pulumi up --stack dev --yes --policy-pack ./policy-pack --policy-pack-config policy-pack/config/dev.json\n' + up.run;
        expectProblem(checkWorkflow(wf, REPO), /^up: --policy-pack-config policy-pack\/config\/dev\.json does not exist/);

        // The per-stack template without its [ -f ... ] guard: dev has no config.
        const unguarded = copy();
        const preview = stepRunning(unguarded.jobs.preview, /pulumi preview/);
        preview.run = preview.run!.replace(/if \[ -f [^\]]*\]; then/, "if true; then");
        expectProblem(checkWorkflow(unguarded, REPO), /^preview: --policy-pack-config policy-pack\/config\/dev\.json \(stack dev\) does not exist/);
    });

    it("reports a stack's policy pack config that is never passed", () => {
        const wf = copy();
        const preview = stepRunning(wf.jobs.preview, /pulumi preview/);
        preview.run = preview.run!.replace(/--policy-pack-config/g, "--no-config");
        expectProblem(checkWorkflow(wf, REPO), /^preview: policy-pack\/config\/tgw\.json exists but `pulumi preview` of stack tgw never passes it/);
    });

    it("reports pulumi preview / up without --policy-pack ./policy-pack (and up without --yes)", () => {
        const wf = copy();
        const preview = stepRunning(wf.jobs.preview, /pulumi preview/);
        preview.run = preview.run!.replace("--policy-pack ./policy-pack", "");
        const up = stepRunning(wf.jobs.up, /pulumi up/);
        up.run = up.run!.replace("--policy-pack ./policy-pack", "--policy-pack ./other-pack").replace("--yes", "");
        const problems = checkWorkflow(wf, REPO);
        expectProblem(problems, /^preview: `pulumi preview` without --policy-pack \.\/policy-pack/);
        expectProblem(problems, /^up: `pulumi up` without --policy-pack \.\/policy-pack/);
        expectProblem(problems, /^up: `pulumi up` without --yes/);

        // The same rule for the pulumi/actions command mode.
        const action = copy();
        action.jobs.preview.steps.push({ uses: "pulumi/actions@v7", with: { command: "preview", "stack-name": "${{ matrix.stack }}" } });
        expectProblem(checkWorkflow(action, REPO), /^preview: pulumi\/actions `preview` without policyPacks/);
    });

    it("reports cloud credentials in the offline job", () => {
        const withToken = copy();
        withToken.jobs.offline.permissions = { contents: "read", "id-token": "write" };
        expectProblem(checkWorkflow(withToken, REPO), /^offline: has `id-token: write`/);

        const workflowWide = copy();
        workflowWide.permissions = "write-all";
        expectProblem(checkWorkflow(workflowWide, REPO), /^offline: has `id-token: write`/);

        const noPerms = copy();
        delete noPerms.permissions;
        expectProblem(checkWorkflow(noPerms, REPO), /^offline: no explicit permissions/);

        const withAws = copy();
        withAws.jobs.offline.steps.splice(1, 0, { uses: "aws-actions/configure-aws-credentials@v6", with: { "role-to-assume": "${{ vars.AWS_ROLE_ARN }}", "aws-region": "eu-west-2" } });
        const problems = checkWorkflow(withAws, REPO);
        expectProblem(problems, /^offline: has an aws-actions\/configure-aws-credentials step/);
        expectProblem(problems, /^offline: configure-aws-credentials without `permissions: id-token: write`/);

        const withSecret = copy();
        withSecret.env = { ...(withSecret.env as Dict), AWS_SECRET_ACCESS_KEY: "${{ secrets.AWS_SECRET_ACCESS_KEY }}" };
        expectProblem(checkWorkflow(withSecret, REPO), /^offline: reads secrets/);
    });

    it("reports an up job that is not gated by an environment or runs outside pushes to main", () => {
        const noEnv = copy();
        delete noEnv.jobs.up.environment;
        expectProblem(checkWorkflow(noEnv, REPO), /^up: runs pulumi up without an `environment`/);

        for (const cond of [undefined, "github.ref == 'refs/heads/main'", "github.event_name == 'push' || github.event_name == 'pull_request'", "github.event_name == 'push' && github.ref != 'refs/heads/main'"]) {
            const wf = copy();
            if (cond === undefined) {
                delete wf.jobs.up.if;
            } else {
                (wf.jobs.up as Dict).if = cond;
            }
            expectProblem(checkWorkflow(wf, REPO), /^up: runs pulumi up without `if: github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'`/);
        }

        const noPushTrigger = copy();
        noPushTrigger.on = { pull_request: null };
        expectProblem(checkWorkflow(noPushTrigger, REPO), /^up: the workflow does not run on push to main/);

        const cancelling = copy();
        (cancelling.jobs.up as Dict).concurrency = { group: "deploy", "cancel-in-progress": true };
        expectProblem(checkWorkflow(cancelling, REPO), /^up: no concurrency group per stack/);

        // The rule follows the command, not the job's name: a pulumi up hidden in preview is caught.
        const sneaky = copy();
        const preview = stepRunning(sneaky.jobs.preview, /pulumi preview/);
        preview.run = `${preview.run}\npulumi up --stack "$STACK" --yes --policy-pack ./policy-pack`;
        expectProblem(checkWorkflow(sneaky, REPO), /^preview: runs pulumi up without an `environment`/);
    });

    it("reports a cloud job without OIDC permission, credentials or dependencies before pulumi", () => {
        const noToken = copy();
        noToken.jobs.preview.permissions = { contents: "read" };
        expectProblem(checkWorkflow(noToken, REPO), /^preview: configure-aws-credentials without `permissions: id-token: write`/);

        const noCredentials = copy();
        noCredentials.jobs.up.steps = noCredentials.jobs.up.steps.filter((s) => !/configure-aws-credentials/.test(s.uses ?? ""));
        expectProblem(checkWorkflow(noCredentials, REPO), /^up: runs pulumi without an earlier aws-actions\/configure-aws-credentials step/);

        const noInstall = copy();
        noInstall.jobs.preview.steps = noInstall.jobs.preview.steps.filter((s) => !/npm ci/.test(s.run ?? ""));
        expectProblem(checkWorkflow(noInstall, REPO), /^preview: runs pulumi without an earlier `npm ci`/);
        const { postinstall: _p, ...scripts } = REPO.scripts;
        expectProblem(checkWorkflow(WORKFLOW, { ...REPO, scripts }), /^up: nothing installs policy-pack\/ dependencies/);

        const notNeeded = copy();
        delete (notNeeded.jobs.up as Dict).needs;
        expectProblem(checkWorkflow(notNeeded, REPO), /^up: does not need the preview job/);
    });

    it("reports an offline job that swallows failures or skips a stage", () => {
        const wf = copy();
        const plan = stepRunning(wf.jobs.offline, /npm start/);
        plan["continue-on-error"] = true;
        const tests = stepRunning(wf.jobs.offline, /^npm test$/);
        tests.run = "npm test || true";
        const problems = checkWorkflow(wf, REPO);
        expectProblem(problems, /^offline: step "Offline plan of every committed stack" has continue-on-error/);
        expectProblem(problems, /^offline: step "npm test" swallows a failure/);

        const noTypecheck = copy();
        noTypecheck.jobs.offline.steps = noTypecheck.jobs.offline.steps.filter((s) => !/typecheck/.test(s.run ?? ""));
        expectProblem(checkWorkflow(noTypecheck, REPO), /^offline: never runs npm run typecheck/);

        const oldNode = copy();
        oldNode.env = { ...(oldNode.env as Dict), NODE_VERSION: "18" };
        expectProblem(checkWorkflow(oldNode, REPO), /^offline: node-version "18" is below package\.json engines >=20/);
    });
});
