/**
 * An analyzer session: the calls the engine makes to one policy pack, built the way the engine builds them.
 *
 * - `Handshake` (UNIMPLEMENTED is fine; @pulumi/policy 1.21 does not implement it), `ConfigureStack`
 *   (UNIMPLEMENTED is fine), then (`pkg/engine/plugins.go`, `installAndLoadPolicyPlugins`)
 *   `GetAnalyzerInfo` and `Configure` with every policy.
 * - Per resource (`pkg/resource/deploy/step_generator.go`, `generateSteps`): every registered resource,
 *   providers and components included, gets `Remediate` and then `Analyze` with its inputs (after any
 *   remediation), its options and its provider resource (the provider's inputs). Properties are marshalled
 *   with KeepUnknowns/KeepSecrets/SkipInternalKeys: keys starting with `__` are dropped.
 *   `Remediate` is skipped when no policy runs at level "remediate": @pulumi/policy's handler
 *   (`server.js`, `makeRemediateRpcFun`) then runs nothing and answers with no remediation, so the
 *   verdicts are the same with half the calls.
 * - Stack (`step_generator.go`, `AnalyzeResources`): one `AnalyzeStack` with every resource's outputs,
 *   options (without parent), parent, dependencies, property dependencies and provider. Diagnostics at
 *   level "remediate" are reported as "mandatory". `Analyze` diagnostics always carry the analyzed
 *   resource's URN.
 *
 * @module
 */
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerProto } from "../sdk-internals";
import { CapturedResource, JsonObject, JsonValue, PolicyViolation } from "../types";
import { AnalyzerPolicyMetadata, ENFORCEMENT_LEVELS, EnforcementLevel, JsonSchema, PolicyConfigEntry, PolicyConfigError } from "./config";
import { AnalyzerChannel, GrpcCallError, GrpcStatus, UnaryMethodDefinition } from "./transport";

/** A remediation a policy applied to a resource's inputs before `Analyze`. */
export interface PolicyRemediation {
    readonly policy: string;
    readonly urn: string;
    /** The resource's inputs after the remediation. */
    readonly properties: JsonObject;
}

/** What `GetAnalyzerInfo` says about the pack. */
export interface PackInfo {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    /** Sorted by name, like the CLI. */
    readonly policies: readonly AnalyzerPolicyMetadata[];
    readonly initialConfig: ReadonlyMap<string, PolicyConfigEntry>;
}

/** The outcome of (`Remediate` then) `Analyze` for one resource. */
export interface ResourceVerdict {
    readonly violations: readonly PolicyViolation[];
    readonly remediations: readonly PolicyRemediation[];
    /** The inputs after remediation, when a remediation changed them. */
    readonly remediatedInputs: JsonObject | undefined;
    readonly mandatory: boolean;
}

/** Who the session runs for (`ConfigureStack`). */
export interface SessionStack {
    readonly project: string;
    readonly stack: string;
    /** @default "" */
    readonly organization?: string;
    readonly dryRun: boolean;
    readonly stackConfig: Readonly<Record<string, string>>;
    /** @default none */
    readonly stackTags?: Readonly<Record<string, string>>;
}

type AnalyzerMethods = typeof analyzerGrpcTypes.AnalyzerService;

function levelFromProto(pb: typeof analyzerPbTypes, level: number): EnforcementLevel {
    switch (level) {
        case pb.EnforcementLevel.ADVISORY:
            return "advisory";
        case pb.EnforcementLevel.MANDATORY:
            return "mandatory";
        case pb.EnforcementLevel.DISABLED:
            return "disabled";
        case pb.EnforcementLevel.REMEDIATE:
            return "remediate";
        default:
            throw new Error(`invalid enforcement level ${level}`);
    }
}

function levelToProto(pb: typeof analyzerPbTypes, level: EnforcementLevel): analyzerPbTypes.EnforcementLevel {
    switch (level) {
        case "advisory":
            return pb.EnforcementLevel.ADVISORY;
        case "mandatory":
            return pb.EnforcementLevel.MANDATORY;
        case "disabled":
            return pb.EnforcementLevel.DISABLED;
        case "remediate":
            return pb.EnforcementLevel.REMEDIATE;
    }
}

/** Drops keys starting with `__` at every level (the engine's SkipInternalKeys). */
function withoutInternalKeys(value: JsonValue): JsonValue {
    if (Array.isArray(value)) {
        return value.map(withoutInternalKeys);
    }
    if (value !== null && typeof value === "object") {
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(value)) {
            if (!k.startsWith("__")) {
                out[k] = withoutInternalKeys(v);
            }
        }
        return out;
    }
    return value;
}

function urnName(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? parts.slice(3).join("::") : urn;
}

function urnType(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? (parts[2].split("$").pop() as string) : "";
}

/** An analyzer client bound to one pack process. */
export class AnalyzerSession {
    private byUrn: ReadonlyMap<string, CapturedResource> = new Map();
    /** Whether `Remediate` is called: set by {@link configure} (or {@link useLevels} without config). */
    private remediate = true;

    public constructor(
        private readonly proto: AnalyzerProto,
        private readonly channel: AnalyzerChannel,
        private readonly rpcTimeoutMs: number,
    ) {}

    /** The graph the analyze calls are about (provider resources are looked up in it). */
    public useResources(resources: readonly CapturedResource[]): void {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    }

    /** The levels in force for a pack that takes no `Configure`: its declared ones. */
    public useLevels(levels: readonly EnforcementLevel[]): void {
        this.remediate = levels.includes("remediate");
    }

    /** Whether this session calls `Remediate` before each `Analyze`. */
    public get callsRemediate(): boolean {
        return this.remediate;
    }

    private method<K extends keyof AnalyzerMethods>(name: K): AnalyzerMethods[K] {
        return this.proto.rpc.AnalyzerService[name];
    }

    /** One unary call with a deadline; rejects with an Error carrying the gRPC status `code`. */
    private async call<Req, Res>(name: string, method: UnaryMethodDefinition<Req, Res>, request: Req | Buffer): Promise<Res> {
        try {
            return await this.channel.call(method, request, this.rpcTimeoutMs);
        } catch (e) {
            const err = e instanceof GrpcCallError ? e : new GrpcCallError(GrpcStatus.UNKNOWN, String(e));
            const wrapped = new Error(`${name} failed: ${err.details || err.message}`) as Error & { code?: number };
            wrapped.code = err.code;
            throw wrapped;
        }
    }

    /** Like {@link call}, but UNIMPLEMENTED resolves to undefined (the engine tolerates it for these calls). */
    private async optionalCall<Req, Res>(
        name: string,
        method: UnaryMethodDefinition<Req, Res>,
        request: Req | Buffer,
    ): Promise<Res | undefined> {
        try {
            return await this.call(name, method, request);
        } catch (e) {
            if ((e as { code?: number }).code === GrpcStatus.UNIMPLEMENTED) {
                return undefined;
            }
            throw e;
        }
    }

    /** `Handshake` then `ConfigureStack`; @pulumi/policy 1.21 does not implement Handshake. */
    public async handshakeAndConfigureStack(opts: SessionStack, packDir: string, engineAddress: string): Promise<void> {
        const { pb } = this.proto;
        const handshake = new pb.AnalyzerHandshakeRequest()
            .setEngineAddress(engineAddress)
            .setRootDirectory(packDir)
            .setProgramDirectory(packDir);
        await this.optionalCall("Handshake", this.method("handshake"), handshake);
        const request = new pb.AnalyzerStackConfigureRequest()
            .setStack(opts.stack)
            .setProject(opts.project)
            .setOrganization(opts.organization ?? "")
            .setDryRun(opts.dryRun);
        for (const [k, v] of Object.entries(opts.stackConfig)) {
            request.getConfigMap().set(k, v);
        }
        for (const [k, v] of Object.entries(opts.stackTags ?? {})) {
            request.getTagsMap().set(k, v);
        }
        await this.optionalCall("ConfigureStack", this.method("configureStack"), request);
    }

    /** `GetAnalyzerInfo`, converted like the CLI's `analyzer.GetAnalyzerInfo`. */
    public async analyzerInfo(manifestVersion: string): Promise<PackInfo> {
        const { pb, empty } = this.proto;
        const info = await this.call("GetAnalyzerInfo", this.method("getAnalyzerInfo"), new empty.Empty());
        const supportsConfig = info.getSupportsconfig();
        const policies = info.getPoliciesList().map((p): AnalyzerPolicyMetadata => {
            const schema = p.getConfigschema();
            const properties = (schema?.getProperties()?.toJavaScript() ?? {}) as Record<string, JsonSchema>;
            return {
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: levelFromProto(pb, p.getEnforcementlevel()),
                configSchema: supportsConfig
                    ? {
                          properties: { ...properties, enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] } },
                          required: schema?.getRequiredList() ?? [],
                      }
                    : undefined,
            };
        });
        policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const initialConfig = new Map<string, PolicyConfigEntry>();
        info.getInitialconfigMap().forEach((value, key) => {
            // Like the CLI: an initial config entry that sets no level reads as ADVISORY (the proto default).
            initialConfig.set(key, {
                enforcementLevel: levelFromProto(pb, value.getEnforcementlevel()),
                properties: value.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
            });
        });
        return {
            name: info.getName(),
            // The version in PulumiPolicy.yaml, if set, wins over the pack's (as in the CLI).
            version: manifestVersion || info.getVersion(),
            supportsConfig,
            policies,
            initialConfig,
        };
    }

    /** `Configure` with every policy's enforcement level and properties. */
    public async configure(config: ReadonlyMap<string, PolicyConfigEntry>): Promise<void> {
        const { pb, struct } = this.proto;
        const request = new pb.ConfigureAnalyzerRequest();
        for (const [name, entry] of config) {
            if (entry.enforcementLevel === "") {
                throw new PolicyConfigError([`invalid enforcement level "" for "${name}"`]);
            }
            const policyConfig = new pb.PolicyConfig()
                .setEnforcementlevel(levelToProto(pb, entry.enforcementLevel))
                .setProperties(struct.Struct.fromJavaScript((entry.properties ?? {}) as Record<string, structPbTypes.JavaScriptValue>));
            request.getPolicyconfigMap().set(name, policyConfig);
        }
        await this.call("Configure", this.method("configure"), request);
        this.remediate = [...config.values()].some((e) => e.enforcementLevel === "remediate");
    }

    /** `Remediate` (when a policy remediates) then `Analyze` one resource, as `stepGenerator.generateSteps` does. */
    public async analyzeResource(r: CapturedResource): Promise<ResourceVerdict> {
        const violations: PolicyViolation[] = [];
        const remediations: PolicyRemediation[] = [];
        let inputs = r.inputs;
        let remediatedInputs: JsonObject | undefined;
        // Serialized once: the same bytes serve Remediate and, unless a remediation changed the inputs, Analyze.
        const request = Buffer.from(this.analyzeRequest(r, inputs).serializeBinary());
        const remediated = this.remediate ? await this.optionalCall(`Remediate(${r.urn})`, this.method("remediate"), request) : undefined;
        for (const rem of remediated?.getRemediationsList() ?? []) {
            const properties = rem.getProperties();
            if (rem.getDiagnostic()) {
                // A remediation that could not run (it read a value unknown in a preview): an advisory
                // that never blocks, since the resource's inputs stay as they were.
                violations.push({
                    policy: rem.getPolicyname(),
                    policyPack: rem.getPolicypackname(),
                    enforcementLevel: "advisory",
                    urn: r.urn,
                    message: rem.getDiagnostic(),
                });
            } else if (properties) {
                inputs = properties.toJavaScript() as JsonObject;
                remediatedInputs = inputs;
                remediations.push({ policy: rem.getPolicyname(), urn: r.urn, properties: inputs });
            }
        }
        const analyzed = await this.call(
            `Analyze(${r.urn})`,
            this.method("analyze"),
            remediatedInputs ? this.analyzeRequest(r, inputs) : request,
        );
        let mandatory = false;
        for (const d of analyzed.getDiagnosticsList()) {
            const level = this.level(d);
            mandatory = mandatory || level === "mandatory";
            // Like the engine: an Analyze diagnostic is always attributed to the analyzed resource.
            violations.push({
                policy: d.getPolicyname(),
                policyPack: d.getPolicypackname(),
                enforcementLevel: level,
                urn: r.urn,
                message: d.getMessage(),
            });
        }
        return { violations, remediations, remediatedInputs, mandatory };
    }

    /** One `AnalyzeStack` with every resource, as `stepGenerator.AnalyzeResources` does. */
    public async analyzeStack(
        resources: readonly CapturedResource[],
        remediatedInputs: ReadonlyMap<string, JsonObject>,
    ): Promise<PolicyViolation[]> {
        const { pb } = this.proto;
        const request = new pb.AnalyzeStackRequest().setResourcesList(
            resources.map((r) => {
                // The engine sends the state's outputs. A provider's outputs include its inputs; captured mock
                // outputs may not, so inputs fill in underneath. A remediation changes the inputs a provider
                // would have echoed, so it wins. Components: outputs only (their registered outputs).
                const props: JsonObject = r.custom ? { ...r.inputs, ...r.outputs, ...(remediatedInputs.get(r.urn) ?? {}) } : r.outputs;
                const resource = new pb.AnalyzerResource()
                    .setUrn(r.urn)
                    .setType(r.type)
                    .setName(r.name)
                    .setProperties(this.struct(props))
                    .setOptions(this.options(r, false))
                    .setParent(r.parent)
                    .setDependenciesList([...r.dependencies]);
                const provider = this.provider(r);
                if (provider) {
                    resource.setProvider(provider);
                }
                for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
                    if (urns.length > 0) {
                        resource.getPropertydependenciesMap().set(prop, new pb.AnalyzerPropertyDependencies().setUrnsList([...urns]));
                    }
                }
                return resource;
            }),
        );
        const analyzed = await this.optionalCall("AnalyzeStack", this.method("analyzeStack"), request);
        return (analyzed?.getDiagnosticsList() ?? []).map((d) => ({
            policy: d.getPolicyname(),
            policyPack: d.getPolicypackname(),
            enforcementLevel: this.level(d),
            urn: d.getUrn(),
            message: d.getMessage(),
        }));
    }

    private analyzeRequest(r: CapturedResource, inputs: JsonObject): analyzerPbTypes.AnalyzeRequest {
        const request = new this.proto.pb.AnalyzeRequest()
            .setUrn(r.urn)
            .setType(r.type)
            .setName(r.name)
            .setProperties(this.struct(inputs))
            .setOptions(this.options(r, true));
        const provider = this.provider(r);
        if (provider) {
            request.setProvider(provider);
        }
        return request;
    }

    private struct(props: JsonObject): structPbTypes.Struct {
        return this.proto.struct.Struct.fromJavaScript(withoutInternalKeys(props) as Record<string, structPbTypes.JavaScriptValue>);
    }

    /** The provider resource with its inputs, like `stepGenerator.getProviderResource`. */
    private provider(r: CapturedResource): analyzerPbTypes.AnalyzerProviderResource | undefined {
        if (!r.provider) {
            return undefined;
        }
        // A provider reference may be `<urn>::<id>`; accept either form.
        const p = this.byUrn.get(r.provider) ?? this.byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::")));
        const urn = p?.urn ?? r.provider;
        return new this.proto.pb.AnalyzerProviderResource()
            .setUrn(urn)
            .setType(p?.type ?? urnType(urn))
            .setName(p?.name ?? urnName(urn))
            .setProperties(this.struct(p?.inputs ?? {}));
    }

    /** Resource options; `Analyze` carries the parent in them, `AnalyzeStack` in the resource itself. */
    private options(r: CapturedResource, withParent: boolean): analyzerPbTypes.AnalyzerResourceOptions {
        const { pb } = this.proto;
        const options = new pb.AnalyzerResourceOptions()
            .setProtect(r.protect)
            .setIgnorechangesList([...r.ignoreChanges])
            .setAdditionalsecretoutputsList([])
            .setAliasesList([])
            .setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts().setCreate(0).setUpdate(0).setDelete(0));
        if (withParent && r.parent) {
            options.setParent(r.parent);
        }
        return options;
    }

    /** The engine reports "remediate" diagnostics as "mandatory". */
    private level(d: analyzerPbTypes.AnalyzeDiagnostic): EnforcementLevel {
        const level = levelFromProto(this.proto.pb, d.getEnforcementlevel());
        return level === "remediate" ? "mandatory" : level;
    }
}
