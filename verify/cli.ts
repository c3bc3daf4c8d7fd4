/**
 * `npm run verify -- [--stack NAME | --config FILE | --plan PLAN.json] [--outputs OUTPUTS.json]
 *                    [--endpoint-url URL] [--region REGION] [--json FILE] [--quiet]`
 *
 * Reads the deployed landing zone through the AWS APIs (read-only; verify/iam-policy.json lists every
 * action), analyses its reachability with the plan's analyzer and compares it with the plan.
 * Exit codes: 0 every intended path open and no drift; 1 a broken path or drift; 2 usage, credential or
 * API errors (one message, never a stack trace).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { AwsCallError } from "./clients";
import { renderVerifyText, verifyJson } from "./report";
import { PlanInput, verifyStack } from "./run";
import { ScopeError } from "./scope";

const USAGE = `usage: npm run verify -- [--stack NAME | --config FILE | --plan PLAN.json] [--outputs OUTPUTS.json] [--endpoint-url URL] [--region REGION] [--json FILE] [--quiet]

  --stack NAME        stack whose plan is compared (Pulumi.NAME.yaml; default dev): planned offline first
  --config FILE       plan a stack file at any path instead
  --plan PLAN.json    use a plan written by \`npm start -- --json FILE\` (no planning: faster)
  --outputs FILE      \`pulumi stack output --json\` of the stack: finds its VPCs by id (else by tags)
  --endpoint-url URL  an AWS-compatible API (e.g. moto); dummy credentials when none are set
  --region REGION     region of the credential check (default: the hub's)
  --json FILE         also write the machine-readable report ("-" for stdout)
  --quiet             print only the verdict line
`;

class UsageError extends Error {}

function readJson(file: string, what: string): unknown {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message.split("\n")[0]}`);
    }
}

async function planFor(values: { stack?: string; config?: string; plan?: string }): Promise<PlanInput> {
    if (values.plan) {
        const doc = readJson(values.plan, "--plan") as Partial<PlanInput>;
        if (!Array.isArray(doc.resources) || typeof doc.stack !== "string") {
            throw new UsageError(
                `--plan ${values.plan}: not a plan document (no "stack" and "resources"); write one with npm start -- --stack NAME --json FILE`,
            );
        }
        return doc as PlanInput;
    }
    // Planning loads the program and the Pulumi SDK: only when no plan file is given.
    const { readValidatedStack, StackFileError } = await import("../offline/stack-config");
    const { buildPlan } = await import("../offline/plan");
    const file = values.config ? path.resolve(values.config) : path.resolve(__dirname, "..", `Pulumi.${values.stack ?? "dev"}.yaml`);
    let loaded;
    try {
        loaded = readValidatedStack(file);
    } catch (e) {
        if (e instanceof StackFileError) {
            throw new UsageError(e.message);
        }
        throw e;
    }
    if (!loaded.ok) {
        throw new UsageError(`invalid configuration in ${file}:\n${loaded.problems.map((p) => `  - ${p.key}: ${p.message}`).join("\n")}`);
    }
    const { stackFile } = loaded;
    const planned = await buildPlan({
        project: "landing-zone",
        stack: stackFile.stack,
        flatConfig: stackFile.config,
        config: loaded.config,
        traffic: loaded.traffic,
        runPolicies: false,
    });
    return { stack: planned.stack, resources: planned.resources, config: planned.config as unknown as PlanInput["config"] };
}

const CREDENTIAL_ERRORS =
    /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|AuthFailure|SignatureDoesNotMatch|AccessDenied|UnauthorizedOperation|InvalidAccessKeyId/;

/** A one-line explanation of an error for exit 2. */
function explain(e: unknown): string {
    if (e instanceof UsageError || e instanceof ScopeError) {
        return e.message;
    }
    if (e instanceof AwsCallError) {
        const cause = e.cause as { name?: string; code?: string };
        if (CREDENTIAL_ERRORS.test(`${cause.name ?? ""} ${e.message}`)) {
            return `${e.message}\ncredentials: verify uses the standard AWS credential chain (AWS_PROFILE, environment, SSO, instance role); the identity needs the read-only actions in verify/iam-policy.json`;
        }
        if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.test(`${cause.code ?? ""} ${e.message}`)) {
            return `${e.message}\ncannot reach the API endpoint: check --endpoint-url / network access`;
        }
        return e.message;
    }
    return (e as Error)?.message ?? String(e);
}

export async function main(argv: readonly string[]): Promise<number> {
    let values: {
        stack?: string;
        config?: string;
        plan?: string;
        outputs?: string;
        "endpoint-url"?: string;
        region?: string;
        json?: string;
        quiet?: boolean;
        help?: boolean;
    };
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                config: { type: "string" },
                plan: { type: "string" },
                outputs: { type: "string" },
                "endpoint-url": { type: "string" },
                region: { type: "string" },
                json: { type: "string" },
                quiet: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n${USAGE}`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(USAGE);
        return 0;
    }
    if ([values.stack, values.config, values.plan].filter((v) => v !== undefined).length > 1) {
        process.stderr.write(`error: give one of --stack, --config, --plan\n${USAGE}`);
        return 2;
    }
    const endpoint = values["endpoint-url"];
    if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
        process.stderr.write(`error: --endpoint-url ${endpoint}: not an http(s) URL\n`);
        return 2;
    }
    try {
        const outputs = values.outputs ? readJson(values.outputs, "--outputs") : undefined;
        const plan = await planFor(values);
        const result = await verifyStack({
            plan,
            ...(outputs !== undefined ? { outputs } : {}),
            ...(endpoint ? { endpoint } : {}),
            ...(values.region ? { region: values.region } : {}),
        });
        const toStdout = values.json === "-";
        const text = toStdout ? process.stderr : process.stdout;
        const report = renderVerifyText(result);
        text.write(values.quiet ? report.trimEnd().split("\n").slice(-1)[0] + "\n" : report);
        if (values.json) {
            if (toStdout) {
                process.stdout.write(verifyJson(result));
            } else {
                fs.writeFileSync(values.json, verifyJson(result));
            }
        }
        return result.ok ? 0 : 1;
    } catch (e) {
        process.stderr.write(`error: ${explain(e)}\n`);
        return 2;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e) => {
            process.stderr.write(`error: ${explain(e)}\n`);
            process.exit(2);
        },
    );
}
