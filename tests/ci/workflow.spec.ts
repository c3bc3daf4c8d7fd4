/**
 * The CI template for forks (.github/workflows/landing-zone.yml).
 *
 * Generic correctness (the workflow schema: keys, job shapes, `on`, permissions, matrix syntax) is
 * left to a maintained validator, @action-validator/core (SchemaStore's GitHub workflow schema). What
 * stays here is what no generic validator can know: the template against *this* repository — every
 * committed stack in the matrices with its hub region, scripts that exist, the policy pack on every
 * cloud operation, no credentials in the offline job, `up` gated by an environment and by main.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { rawConfigFrom } from "../../components/config/load";
import { validateConfig } from "../../components/config/schema";
import { readStackFile } from "../../offline/stack-config";

const ROOT = path.resolve(__dirname, "..", "..");
const WORKFLOW_FILE = path.join(ROOT, ".github", "workflows", "landing-zone.yml");
const SOURCE = fs.readFileSync(WORKFLOW_FILE, "utf8");

interface Step {
    readonly name?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Readonly<Record<string, unknown>>;
}
interface Job {
    readonly if?: string;
    readonly needs?: string | readonly string[];
    readonly environment?: string | { readonly name?: string };
    readonly permissions?: Readonly<Record<string, string>>;
    readonly env?: Readonly<Record<string, string>>;
    readonly strategy?: { readonly matrix?: { readonly include?: readonly { stack: string; region: string }[] } };
    readonly steps: readonly Step[];
}
interface Workflow {
    readonly permissions?: Readonly<Record<string, string>>;
    readonly jobs: Readonly<Record<string, Job>>;
}

const WORKFLOW = parse(SOURCE) as Workflow;
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const STACKS = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();

function job(name: string): Job {
    const j = WORKFLOW.jobs[name];
    assert.ok(j, `the workflow has no job "${name}"`);
    return j;
}
const runText = (j: Job): string => j.steps.map((s) => s.run ?? "").join("\n");
const usesOf = (j: Job): string[] => j.steps.map((s) => (s.uses ?? "").split("@")[0]);
const needsOf = (j: Job): readonly string[] => (j.needs === undefined ? [] : typeof j.needs === "string" ? [j.needs] : j.needs);

function hubRegion(stack: string): string {
    const result = validateConfig(rawConfigFrom(readStackFile(path.join(ROOT, `Pulumi.${stack}.yaml`)).config));
    assert.ok(result.ok, `Pulumi.${stack}.yaml does not validate`);
    return result.config.hub.region;
}

/** `npm run X`, `npm start`, `npm test` invocations in shell text (comments ignored). */
function npmScripts(text: string): string[] {
    const out: string[] = [];
    for (const line of text.split("\n").map((l) => l.replace(/#.*$/, ""))) {
        for (const m of line.matchAll(/(?:^|[;&|(]\s*|^\s*)npm\s+(?:--?[\w-]+\s+)*(run(?:-script)?\s+([\w:-]+)|start|test|t)\b/g)) {
            out.push(m[2] ?? (m[1] === "t" ? "test" : m[1]));
        }
    }
    return out;
}

describe("CI template (.github/workflows/landing-zone.yml)", () => {
    describe("schema (@action-validator/core)", () => {
        it("validates against the GitHub workflow schema", () => {
            const state = validateWorkflow(SOURCE);
            assert.deepStrictEqual(state.errors, [], JSON.stringify(state.errors, null, 2));
        });

        it("the validator rejects a job without runs-on and an unknown job key (it really runs)", () => {
            const broken = SOURCE.replace(/^ {4}runs-on: ubuntu-latest$/m, "    runz-on: ubuntu-latest");
            assert.notStrictEqual(broken, SOURCE);
            const state = validateWorkflow(broken);
            assert.ok(state.errors.length > 0);
            assert.match(JSON.stringify(state.errors), /runz-on/);
        });
    });

    describe("against this repository", () => {
        it("found committed stacks, each with a valid config", () => {
            assert.ok(STACKS.length >= 2, `expected the committed stacks, found ${STACKS.join(", ")}`);
            for (const s of STACKS) hubRegion(s);
        });

        it("the preview matrix lists every committed stack once, with its hub region", () => {
            const include = job("preview").strategy?.matrix?.include ?? [];
            assert.deepStrictEqual(include.map((e) => e.stack).sort(), STACKS, "preview matrix stacks != Pulumi.*.yaml");
            for (const e of include) assert.strictEqual(e.region, hubRegion(e.stack), `preview matrix region of ${e.stack}`);
        });

        it("the up matrix is a subset of the preview matrix, with the same regions", () => {
            const preview = new Map((job("preview").strategy?.matrix?.include ?? []).map((e) => [e.stack, e.region]));
            const up = job("up").strategy?.matrix?.include ?? [];
            assert.ok(up.length > 0, "the up matrix is empty");
            for (const e of up) assert.strictEqual(preview.get(e.stack), e.region, `up matrix entry ${e.stack}`);
        });

        it("every npm script the workflow runs exists in package.json", () => {
            const used = Object.values(WORKFLOW.jobs).flatMap((j) => npmScripts(runText(j)));
            assert.ok(used.includes("start") && used.includes("test") && used.includes("typecheck"), `scripts used: ${used.join(", ")}`);
            for (const s of used) assert.ok(PACKAGE.scripts[s], `the workflow runs npm script "${s}", which package.json lacks`);
        });

        it("the script parser finds run/start/test invocations and ignores comments", () => {
            assert.deepStrictEqual(npmScripts("npm run typecheck && npm --silent start -- --x\n# npm run nope\nnpm t"), [
                "typecheck",
                "start",
                "test",
            ]);
        });

        it("the offline job plans every committed stack with the README's command and fails on any failed plan", () => {
            const text = runText(job("offline"));
            assert.match(text, /for file in Pulumi\.\*\.yaml/);
            assert.match(text, /npm start --silent -- --stack "\$stack"/);
            assert.match(text, /exit "\$failed"/);
            assert.match(text, /npm run typecheck/);
            assert.match(text, /npm test/);
        });

        it("the offline job holds no cloud credentials: no OIDC, no AWS action, no secrets", () => {
            const offline = job("offline");
            assert.strictEqual(offline.permissions?.["id-token"], undefined);
            assert.strictEqual(WORKFLOW.permissions?.["id-token"], undefined, "workflow-level id-token would reach the offline job");
            assert.ok(!usesOf(offline).some((u) => u.startsWith("aws-actions/")));
            assert.doesNotMatch(JSON.stringify(offline), /secrets\./);
        });

        for (const name of ["preview", "up"]) {
            it(`${name}: OIDC credentials before any pulumi command, and the policy pack on the operation`, () => {
                const j = job(name);
                assert.strictEqual(j.permissions?.["id-token"], "write");
                const creds = j.steps.findIndex((s) => (s.uses ?? "").startsWith("aws-actions/configure-aws-credentials@"));
                const firstPulumi = j.steps.findIndex((s) => /\bpulumi\s/.test(s.run ?? ""));
                assert.ok(creds >= 0 && firstPulumi > creds, "credentials must come before pulumi");
                const verb = name === "up" ? "up" : "preview";
                const op = new RegExp(`pulumi ${verb} --stack "\\$STACK"[^\\n]*--policy-pack \\./policy-pack`);
                assert.match(runText(j), op);
                // A stack's pack config is passed when it exists (the same rule as `npm start`).
                assert.match(runText(j), /if \[ -f "policy-pack\/config\/\$\{STACK\}\.json" \]/);
                assert.match(runText(j), /--policy-pack-config "policy-pack\/config\/\$\{STACK\}\.json"/);
            });
        }

        it("every committed policy-pack config belongs to a committed stack", () => {
            const dir = path.join(ROOT, "policy-pack", "config");
            const configs = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
            for (const f of configs) assert.ok(STACKS.includes(f.replace(/\.json$/, "")), `policy-pack/config/${f} has no Pulumi.*.yaml`);
        });

        it("up runs after preview, only for pushes to main, behind an environment, with --yes", () => {
            const up = job("up");
            assert.ok(needsOf(up).includes("preview"));
            assert.match(up.if ?? "", /github\.event_name == 'push'/);
            assert.match(up.if ?? "", /github\.ref == 'refs\/heads\/main'/);
            assert.ok(up.environment, "up must name an environment (its reviewers approve each deployment)");
            assert.match(runText(up), /pulumi up [^\n]*--yes/);
            assert.ok(needsOf(job("preview")).includes("offline"));
        });

        it("the node version the workflow installs satisfies package.json engines", () => {
            const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines?: { node?: string } })
                .engines?.node;
            const floor = Number(/>=\s*(\d+)/.exec(engines ?? "")?.[1]);
            const nodeVersion = Number(/NODE_VERSION:\s*"(\d+)"/.exec(SOURCE)?.[1]);
            assert.ok(nodeVersion >= floor, `NODE_VERSION ${nodeVersion} < engines ${engines}`);
        });
    });
});
