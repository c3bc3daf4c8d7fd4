/**
 * Runs the real Pulumi program (index.ts) in-process under the AWS-aware mocks and captures every
 * registration the way the engine would see it: type, name, URN, parent, provider (and so region),
 * inputs, outputs, dependencies and property dependencies.
 *
 * The capture wraps the mock monitor's `registerResource`, the one place every resource passes through.
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { isGlobalResourceType } from "../components/aws/regions";
import { capturedOptions, OptionsRequestLike } from "./changes/options";
import { AwsMocks } from "./mocks";
import { outputInternals, passPromisesThrough, runtimeSettings } from "./sdk-internals";
import { CapturedResource, JsonObject, JsonValue } from "./types";

/** Pulumi's unknown-value sentinel, as the SDK writes it on the wire (public: `pulumi.runtime.unknownValue`). */
export const UNKNOWN: string = pulumi.runtime.unknownValue;
const SIG_KEY = pulumi.runtime.specialSigKey;
const SIG_SECRET = pulumi.runtime.specialSecretSig;
const SIG_RESOURCE = pulumi.runtime.specialResourceSig;

export interface ProgramRunOptions {
    readonly project: string;
    readonly stack: string;
    /** Flat stack config, `landing-zone:hub` -> JSON text (as Pulumi passes it to programs). */
    readonly config: Readonly<Record<string, string>>;
    /** Preview of a fresh stack: unknown ids and computed outputs. @default false */
    readonly preview?: boolean;
    /** Account id the mocks report. */
    readonly accountId?: string;
    /** Program module; @default the repository's index.ts */
    readonly programPath?: string;
}

export interface ProgramRunResult {
    readonly resources: CapturedResource[];
    /** Stack outputs, fully resolved (unknowns as the UNKNOWN sentinel in preview). */
    readonly outputs: JsonObject;
}

interface PendingCapture {
    req: RegisterRequest;
    urn: string;
    id: string;
    outputs: JsonObject;
}

/** The subset of the protobuf RegisterResourceRequest we read. */
interface RegisterRequest extends OptionsRequestLike {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProtect(): boolean | undefined;
    getProvider(): string;
    getProvidersMap(): { get(key: string): string | undefined };
    getRemote(): boolean;
    getDependenciesList(): string[];
    getIgnorechangesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/** Replaces Pulumi's wire encodings (secrets, resource references) with plain JSON. */
export function plain(v: unknown): JsonValue {
    if (v === null || v === undefined) {
        return null;
    }
    if (Array.isArray(v)) {
        return v.map(plain);
    }
    if (typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[SIG_KEY] === SIG_SECRET) {
            return plain(o.value);
        }
        if (o[SIG_KEY] === SIG_RESOURCE) {
            return { urn: String(o.urn ?? ""), ...(o.id !== undefined ? { id: plain(o.id) } : {}) };
        }
        const out: JsonObject = {};
        for (const k of Object.keys(o).sort()) {
            if (o[k] !== undefined) {
                out[k] = plain(o[k]);
            }
        }
        return out;
    }
    if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") {
        return v;
    }
    return String(v);
}

/** Resolves a value that may contain Outputs/Promises into plain JSON (unknowns -> UNKNOWN). */
async function resolveDeep(v: unknown): Promise<JsonValue> {
    if (pulumi.Output.isInstance(v)) {
        const out = v as pulumi.Output<unknown>;
        // An unknown output never resolves its promise in preview: ask whether it is known first.
        const internal = outputInternals(out);
        if (!(await internal.isKnown)) {
            return UNKNOWN;
        }
        return resolveDeep(await internal.promise());
    }
    if (v instanceof Promise) {
        return resolveDeep(await v);
    }
    if (Array.isArray(v)) {
        return Promise.all(v.map(resolveDeep));
    }
    if (v !== null && typeof v === "object") {
        if (pulumi.Resource.isInstance(v)) {
            return { urn: (await resolveDeep((v as pulumi.Resource).urn)) as string };
        }
        const out: JsonObject = {};
        for (const k of Object.keys(v).sort()) {
            out[k] = await resolveDeep((v as Record<string, unknown>)[k]);
        }
        return out;
    }
    return plain(v);
}

/**
 * Runs the program once under fresh mocks. Config errors thrown by the program propagate unchanged
 * (the caller maps ConfigValidationError to exit code 2).
 */
export async function runProgram(opts: ProgramRunOptions): Promise<ProgramRunResult> {
    // The Pulumi SDK formats `new Error().stack` for every promise it creates (debuggablePromise), and
    // under ts-node each format goes through source-map-support: measured at ~70% of a 2,200-resource
    // run. V8's own formatting is enough here (transpile-only keeps line numbers close to the source).
    // Those stacks only feed leak reports and source positions, so the plan runs without them (measured:
    // 17.2 s -> 4.5 s for 2,300 resources). LANDING_ZONE_FULL_STACKS=1 keeps them, to debug a crash.
    const errorCtor = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
    const prepare = errorCtor.prepareStackTrace;
    const limit = Error.stackTraceLimit;
    // The same wrapper also tags each promise for the SDK's leak report, which a mock run never prints:
    // pass promises through unchanged (measured: a further ~10% of a 4,500-resource run).
    let restorePromises = (): void => undefined;
    if (process.env.LANDING_ZONE_FULL_STACKS !== "1") {
        errorCtor.prepareStackTrace = undefined;
        Error.stackTraceLimit = 0;
        restorePromises = passPromisesThrough();
    }
    try {
        return await runProgramInner(opts);
    } finally {
        errorCtor.prepareStackTrace = prepare;
        Error.stackTraceLimit = limit;
        restorePromises();
    }
}

async function runProgramInner(opts: ProgramRunOptions): Promise<ProgramRunResult> {
    // The stack's organisation is what getOrganization finds on AWS when the config is right.
    const organizationId = opts.config["landing-zone:organizationId"];
    const mocks = new AwsMocks({
        accountId: opts.accountId,
        preview: opts.preview,
        ...(organizationId ? { organizationId } : {}),
    });
    await pulumi.runtime.setMocks(mocks, opts.project, opts.stack, opts.preview ?? false);
    pulumi.runtime.setAllConfig({ ...opts.config });

    // Wrap the mock monitor: every registration passes through registerResource.
    const settings = runtimeSettings<RegisterRequest, RegisterResponse>();
    const monitor = settings.getMonitor();
    const captured: PendingCapture[] = [];
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) =>
        original(req, (err, resp) => {
            if (!err && resp) {
                captured.push({
                    req,
                    urn: resp.getUrn(),
                    id: resp.getId(),
                    outputs: (plain(resp.getObject()?.toJavaScript() ?? {}) as JsonObject) ?? {},
                });
            }
            cb(err, resp);
        });

    // index.ts from the sources, index.js from the copy `npm start` runs: whichever sits beside offline/.
    const programPath = opts.programPath ?? require.resolve(path.resolve(__dirname, "..", "index"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(programPath) as (() => Promise<unknown>) | { default?: () => Promise<unknown> };
    const main = typeof program === "function" ? program : program.default;
    if (typeof main !== "function") {
        throw new Error(`${programPath} does not export the program function`);
    }
    const exported = await main();
    const outputs = (await resolveDeep(exported)) as JsonObject;
    await settings.waitForRPCs();

    // URN -> region and account of each explicit provider.
    const providerRegion = new Map<string, string>();
    const providerAccount = new Map<string, string>();
    for (const c of captured) {
        if (c.req.getType().startsWith("pulumi:providers:")) {
            const inputs = plain(c.req.getObject()?.toJavaScript() ?? {}) as JsonObject;
            providerRegion.set(c.urn, String(inputs.region ?? ""));
            providerAccount.set(c.urn, mocks.accountOfProvider(`${c.urn}::${c.id}`));
        }
    }

    const resources: CapturedResource[] = captured.map((c) => {
        const type = c.req.getType();
        // Remote components (awsx) receive their provider through the providers map.
        const providerRef = c.req.getProvider() || (c.req.getRemote() ? (c.req.getProvidersMap().get("aws") ?? "") : "");
        const providerUrn = providerRef ? providerRef.split("::").slice(0, -1).join("::") : "";
        let region = "";
        // Components own no AWS object and have no account, as they have no region.
        const account = type.startsWith("pulumi:providers:")
            ? (providerAccount.get(c.urn) ?? "")
            : (providerAccount.get(providerUrn) ?? "");
        if (type.startsWith("pulumi:providers:")) {
            region = providerRegion.get(c.urn) ?? "";
        } else if (isGlobalResourceType(type)) {
            region = "global";
        } else if (providerUrn) {
            region = providerRegion.get(providerUrn) ?? "";
        }
        const entries: [string, string[]][] = [];
        c.req.getPropertydependenciesMap().forEach((v, k) => entries.push([k, [...new Set(v.getUrnsList())].sort()]));
        const propertyDependencies = Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        return {
            urn: c.urn,
            type,
            name: c.req.getName(),
            // Components have no physical id (the engine gives them none).
            id: c.req.getCustom() ? c.id : "",
            parent: c.req.getParent(),
            provider: providerUrn,
            region,
            account,
            custom: c.req.getCustom(),
            protect: c.req.getProtect() ?? false,
            ignoreChanges: [...c.req.getIgnorechangesList()].sort(),
            inputs: plain(c.req.getObject()?.toJavaScript() ?? {}) as JsonObject,
            outputs: c.req.getCustom() ? c.outputs : {},
            dependencies: [...new Set(c.req.getDependenciesList())].sort(),
            propertyDependencies,
            // Options the change-safety check reads (offline/changes/), each only when set.
            ...capturedOptions(c.req, c.urn),
        };
    });
    resources.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    return { resources, outputs };
}
