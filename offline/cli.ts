/**
 * `npm start -- [--stack NAME | --config PATH] [--json FILE] [--no-policy]`
 *
 * The offline plan: validates the stack config, runs the real program under AWS-aware mocks, captures
 * the resource graph, runs the real policy pack over its analyzer protocol, prints a report and writes
 * the JSON document. Needs no Pulumi CLI, no credentials, no network.
 *
 * Exit codes: 0 ok; 1 a mandatory policy violation, a broken intended path (a broken path matrix row,
 * or a broken caller cell marked intended) or (with --since) an unsafe change; 2 invalid configuration
 * or usage.
 * An output path that cannot be written (--json, --diagram) is a usage error, found before any work.
 */
import * as path from "path";
import { parseArgs } from "util";
import { PolicyConfigError, readPolicyConfigFile } from "./analyzer";
import { renderMermaid } from "./diagram";
import { checkChanges, comparablePlan, PlanLike } from "./changes/diff";
import { readPlanFile, renderChanges, SinceFileError } from "./changes/report";
import { outputPathProblem, writeOutput } from "./output-paths";
import { buildPlan } from "./plan";
import { renderText, stableJson } from "./report";
import { PROJECT_ROOT } from "./root";
import { readValidatedStack, StackFileError } from "./stack-config";

const ROOT = PROJECT_ROOT;

const USAGE = `usage: npm start -- [--stack NAME | --config PATH] [--json FILE] [--diagram FILE] [--policy-config FILE] [--since PLAN.json] [--no-policy] [--quiet]

  --stack NAME   stack to plan: reads Pulumi.NAME.yaml (default: dev)
  --config PATH  plan a stack file at any path instead
  --json FILE    also write the machine-readable plan to FILE ("-" for stdout, report then goes to stderr)
  --policy-config FILE  policy pack config, as for pulumi --policy-pack-config: {"all": "advisory", "<policy>": {...}}
                 (default: policy-pack/config/<stack>.json when it exists)
  --diagram FILE write a Mermaid diagram of the plan to FILE
  --since PLAN.json  change safety: compare with an earlier plan (--json) and fail (exit 1) on a step
                 that AWS would refuse or that would silently break; adds "changes" to the JSON
  --no-policy    skip the policy pack (faster; the plan then cannot fail on policy)
  --quiet        print only the verdict line
`;

/** Options that name a file the CLI writes ("-" is stdout). */
const OUTPUT_OPTIONS = ["json", "diagram"] as const;

export async function main(argv: readonly string[]): Promise<number> {
    let values: {
        stack?: string;
        config?: string;
        json?: string;
        "policy-config"?: string;
        diagram?: string;
        "no-policy"?: boolean;
        quiet?: boolean;
        help?: boolean;
        since?: string;
    };
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                config: { type: "string" },
                json: { type: "string" },
                "policy-config": { type: "string" },
                diagram: { type: "string" },
                since: { type: "string" },
                "no-policy": { type: "boolean" },
                quiet: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n${USAGE}`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(USAGE);
        return 0;
    }
    if (values.stack && values.config) {
        process.stderr.write(`give either --stack or --config, not both\n${USAGE}`);
        return 2;
    }
    // Output paths before any work: one that cannot be written is a usage error now, not a stack trace
    // after the whole plan has run.
    const outputs = OUTPUT_OPTIONS.flatMap((o) => {
        const file = values[o];
        return file !== undefined ? [{ option: `--${o}`, file }] : [];
    });
    const badOutput = outputPathProblem(outputs);
    if (badOutput) {
        process.stderr.write(`error: ${badOutput}\n`);
        return 2;
    }
    const file = values.config ? path.resolve(values.config) : path.join(ROOT, `Pulumi.${values.stack ?? "dev"}.yaml`);

    // Validate before anything runs: exit 2 with every problem, nothing registered.
    // The cost estimate's traffic assumptions are the plan's, not the program's: validated beside it.
    let loaded;
    try {
        loaded = readValidatedStack(file);
    } catch (e) {
        if (e instanceof StackFileError) {
            process.stderr.write(`error: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
    if (!loaded.ok) {
        const { problems } = loaded;
        process.stderr.write(
            `error: invalid configuration in ${path.relative(process.cwd(), file) || file} (${problems.length} problem(s)):\n` +
                problems.map((p) => `  - ${p.key}: ${p.message}`).join("\n") +
                "\nNothing was planned. Fix the keys above and run again.\n",
        );
        return 2;
    }
    const { stackFile } = loaded;

    // --since: read the earlier plan now, so that a bad file fails before anything runs.
    let previous: PlanLike | undefined;
    try {
        previous = values.since ? comparablePlan(readPlanFile(values.since), "landing-zone", stackFile.stack, values.since) : undefined;
    } catch (e) {
        if (e instanceof SinceFileError) {
            process.stderr.write(`error: ${e.message}\n`);
            return 2;
        }
        throw e;
    }

    // Policy pack config: --policy-config, else policy-pack/config/<stack>.json when it exists.
    let policyConfig: Record<string, unknown> | undefined;
    try {
        policyConfig = readPolicyConfigFile(path.join(ROOT, "policy-pack"), stackFile.stack, values["policy-config"]).config;
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        return 2;
    }

    let planned;
    try {
        planned = await buildPlan({
            project: "landing-zone",
            stack: stackFile.stack,
            flatConfig: stackFile.config,
            config: loaded.config,
            traffic: loaded.traffic,
            runPolicies: !values["no-policy"],
            ...(policyConfig ? { policyConfig } : {}),
        });
    } catch (e) {
        if (e instanceof PolicyConfigError) {
            process.stderr.write(`error: invalid policy pack config:\n${e.problems.map((p) => `  - ${p}`).join("\n")}\n`);
            return 2;
        }
        throw e;
    }
    const { timings, ...planDoc } = planned;
    const doc = previous ? { ...planDoc, changes: checkChanges(previous, planDoc, values.since ?? "") } : planDoc;

    const toStdoutJson = values.json === "-";
    const textOut = toStdoutJson ? process.stderr : process.stdout;
    if (!values.quiet) {
        textOut.write(renderText(doc));
        if (doc.changes) {
            textOut.write(renderChanges(doc.changes));
        }
    }
    if (values.json) {
        const json = stableJson(doc);
        if (toStdoutJson) {
            process.stdout.write(json);
        } else {
            const failed = writeOutput("--json", values.json, json);
            if (failed) {
                process.stderr.write(`error: ${failed}\n`);
                return 2;
            }
            textOut.write(`wrote ${values.json} (${json.length} bytes)\n`);
        }
    }
    if (values.diagram) {
        const mermaid = renderMermaid(doc.resources);
        const failed = writeOutput("--diagram", values.diagram, mermaid);
        if (failed) {
            process.stderr.write(`error: ${failed}\n`);
            return 2;
        }
        textOut.write(`wrote ${values.diagram} (Mermaid)\n`);
    }
    const mandatory = doc.policies.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const previewMandatory = (doc.policies.preview?.violations ?? []).filter((v) => v.enforcementLevel === "mandatory").length;
    const unsafeChanges = doc.changes ? doc.changes.findings.filter((f) => f.severity === "error").length : 0;
    // A broken caller cell the stack planned (intended: its zone, endpoint or name is the spoke's share)
    // is a broken intended path, as much as a broken row of the path matrix.
    const brokenIntended = doc.reachability.callers?.brokenIntended ?? 0;
    if (mandatory > 0 || previewMandatory > 0 || doc.reachability.broken > 0 || brokenIntended > 0 || unsafeChanges > 0) {
        const why = [
            mandatory + previewMandatory > 0 ? `${mandatory + previewMandatory} mandatory policy violation(s)` : "",
            doc.reachability.broken > 0 ? `${doc.reachability.broken} broken path(s)` : "",
            brokenIntended > 0 ? `${brokenIntended} broken intended caller cell(s)` : "",
            unsafeChanges > 0 ? `${unsafeChanges} unsafe change(s) since ${values.since}` : "",
        ].filter(Boolean);
        textOut.write(`FAIL: ${why.join(", ")}\n`);
        return 1;
    }
    textOut.write(
        `OK: ${doc.summary.resourceCount} resources planned for stack ${doc.stack} (program ${timings.programMs} ms, policy pack ${timings.policyMs} ms)\n`,
    );
    return 0;
}

/** Runs the CLI on this process's arguments and exits with its code (offline/start.js calls this). */
export function runCli(): void {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            process.stderr.write(`offline plan failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
            process.exit(3);
        },
    );
}

if (require.main === module) {
    runCli();
}
