/**
 * Every private @pulumi/pulumi and @pulumi/policy internal the offline engine touches, in one place.
 *
 * Nothing here is a documented API: each entry says why the engine needs it and was checked against
 * the exact versions both package.json files pin — @pulumi/pulumi 3.270.0 and @pulumi/policy 1.21.0
 * (pinned exactly so that a fork's `npm update` cannot move them under this module). When a pin moves,
 * re-check each entry below; `npm test` exercises every one of them (the program capture, the pack
 * driver and the policy integration tests fail loudly if a shape changes).
 *
 * Wire sentinels (unknown value, secret and resource signatures) are NOT here: they are public
 * `pulumi.runtime` constants (`unknownValue`, `specialSigKey`, …) and the code uses those.
 *
 * Loaded lazily: the pack driver runs without loading the program's SDK, and the proto stubs must come
 * from the pack's own @pulumi/pulumi.
 *
 * @module
 */
import { createRequire } from "module";
import type * as pulumi from "@pulumi/pulumi";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as emptyPbTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";

// ------------------------------------------------------------------------------------------------------
// Program side (the SDK the program runs on, resolved from the project root)
// ------------------------------------------------------------------------------------------------------

/** The mock monitor `pulumi.runtime.setMocks` installs (`runtime/mocks.js`, `MockMonitor`), as the capture
 * sees it: `Req`/`Res` are the subsets of RegisterResourceRequest/Response the caller reads. */
export interface MonitorLike<Req, Res> {
    registerResource(req: Req, cb: (err: unknown, resp: Res | undefined) => void): Promise<void>;
}

/**
 * `runtime/settings.js`: `getMonitor()` (typed, but returns the generated client interface, not the mock
 * monitor whose `registerResource` the capture wraps — the one place every registration passes through)
 * and `waitForRPCs()` (untyped: the only way to know every registration has been answered once the
 * program function has returned).
 */
export function runtimeSettings<Req, Res>(): { getMonitor(): MonitorLike<Req, Res>; waitForRPCs(): Promise<void> } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@pulumi/pulumi/runtime/settings") as { getMonitor(): MonitorLike<Req, Res>; waitForRPCs(): Promise<void> };
}

/**
 * `runtime/debuggable.js`, `debuggablePromise`: the SDK wraps every promise it creates to format
 * `new Error().stack` and tag it for a leak report that a mock run never prints (measured: ~70 % of a
 * 2,200-resource run under source maps, a further ~10 % without). Its callers read it through the module
 * object (`debuggable_1.debuggablePromise(...)`), so replacing the export takes effect everywhere.
 *
 * @returns a function that puts the original back.
 */
export function passPromisesThrough(): () => void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
        debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
    };
    const wrap = debuggable.debuggablePromise;
    debuggable.debuggablePromise = (p) => p;
    return () => {
        debuggable.debuggablePromise = wrap;
    };
}

/**
 * `output.js`, `OutputImpl.isKnown` and `promise()`: whether an Output is known, and its value, without
 * `apply` (which would never run for an unknown in a preview, so a stack output could not be resolved to
 * the unknown sentinel).
 */
export function outputInternals(output: pulumi.Output<unknown>): { readonly isKnown: Promise<boolean>; promise(): Promise<unknown> } {
    return output as unknown as { isKnown: Promise<boolean>; promise(): Promise<unknown> };
}

// ------------------------------------------------------------------------------------------------------
// Pack side (resolved from the pack's directory: the pack's own @pulumi/pulumi)
// ------------------------------------------------------------------------------------------------------

/** The analyzer protocol's generated stubs and the protobuf well-known types they were generated with. */
export interface AnalyzerProto {
    readonly pb: typeof analyzerPbTypes;
    readonly rpc: typeof analyzerGrpcTypes;
    readonly struct: typeof structPbTypes;
    readonly empty: typeof emptyPbTypes;
}

/**
 * `proto/analyzer_pb.js` and `proto/analyzer_grpc_pb.js`: shipped in the package but not an API. Loaded
 * from the @pulumi/pulumi the pack itself uses, so that requests are encoded with the same proto version
 * the pack's server decodes; `Struct` and `Empty` must come from the google-protobuf those stubs were
 * generated against (`instanceof` checks in the serializers).
 *
 * @throws Error when the pack's dependencies are not installed.
 */
export function loadAnalyzerProto(packDir: string): AnalyzerProto {
    const grpcStubs = require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb", { paths: [packDir] });
    const req = createRequire(grpcStubs);
    return {
        pb: req("./analyzer_pb") as typeof analyzerPbTypes,
        rpc: req("./analyzer_grpc_pb") as typeof analyzerGrpcTypes,
        struct: req("google-protobuf/google/protobuf/struct_pb") as typeof structPbTypes,
        empty: req("google-protobuf/google/protobuf/empty_pb") as typeof emptyPbTypes,
    };
}

/**
 * `cmd/run-policy-pack`: the script the CLI's `pulumi-analyzer-policy` shim runs with node
 * (`sdk/go/common/resource/plugin/analyzer_plugin.go`); it loads the pack and prints its port.
 *
 * @throws Error when the pack's dependencies are not installed.
 */
export function runPolicyPackScript(packDir: string): string {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
}
