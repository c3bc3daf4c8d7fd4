/**
 * The offline CrossGuard harness: runs a real policy pack over its analyzer gRPC protocol, the way the
 * Pulumi engine does, against a captured resource graph. This module is its public surface; the engine is
 * cut along its own seams:
 *
 * - `policy/config.ts` — the policy pack config: parsing, schema defaults, reconciliation, the per-stack
 *   config file; `policy/schema-validation.ts` — `configSchema` validation (ajv) in the CLI's words.
 * - `policy/pack-process.ts` — the pack process: manifest, launch environment, port, shutdown.
 * - `policy/session.ts` — the analyzer calls, built as the engine builds them.
 * - `policy/transport.ts` — the gRPC client (@grpc/grpc-js).
 * - `policy/run.ts` — one run: orchestration and results.
 *
 * Private SDK internals it relies on (the proto stubs, the run-policy-pack script) live in
 * `sdk-internals.ts`.
 *
 * @module
 */
export {
    AnalyzerPolicyMetadata,
    EnforcementLevel,
    JsonSchema,
    parsePolicyConfig,
    PolicyConfigEntry,
    PolicyConfigError,
    readPolicyConfigFile,
    reconcilePolicyConfig,
} from "./policy/config";
export { PolicyPackError } from "./policy/pack-process";
export { PolicyRemediation } from "./policy/session";
export { PolicyRunOptions, PolicyRunResult, PolicySummary, runPolicyPack } from "./policy/run";
