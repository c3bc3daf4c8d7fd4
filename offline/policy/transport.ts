/**
 * The gRPC client the pack driver calls the pack's analyzer server with: @grpc/grpc-js, the library
 * @pulumi/pulumi itself speaks gRPC with, over one insecure loopback channel, unary calls only.
 *
 * Requests and responses are encoded by the pack's own generated stubs (`requestSerialize`,
 * `responseDeserialize` of `AnalyzerService`); a request may also be given already serialized, so the
 * same bytes serve `Remediate` and `Analyze`.
 *
 * @module
 */
import * as grpc from "@grpc/grpc-js";

/** What the generated `*_grpc_pb` service definitions give for each method. */
export interface UnaryMethodDefinition<Req, Res> {
    readonly path: string;
    readonly requestSerialize: (request: Req) => Buffer;
    readonly responseDeserialize: (bytes: Buffer) => Res;
}

/** gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const GrpcStatus = grpc.status;

/** A call that ended with a status other than OK. */
export class GrpcCallError extends Error {
    public constructor(
        public readonly code: number,
        public readonly details: string,
    ) {
        super(`${grpc.status[code] ?? `status ${code}`}: ${details}`);
        this.name = "GrpcCallError";
    }
}

/**
 * The largest message either side accepts: 400 MiB, the limit Pulumi's Node.js SDK raises its own gRPC
 * channels to (`runtime/settings.js`, `maxRPCMessageSize`) and that @pulumi/policy's server accepts
 * (`server.js`, `grpc.max_receive_message_length`). grpc-js's default receive limit is 4 MiB.
 */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/** Serializer for a request handed over already encoded. */
const asIs = (bytes: Buffer): Buffer => bytes;

/** One channel to a gRPC server; calls are multiplexed on it. */
export class AnalyzerChannel {
    private constructor(private readonly client: grpc.Client) {}

    /** Connects to `host:port`; rejects with a {@link GrpcCallError} if not ready within `timeoutMs`. */
    public static async connect(address: string, timeoutMs: number): Promise<AnalyzerChannel> {
        const client = new grpc.Client(address, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
            "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
        });
        await new Promise<void>((resolve, reject) =>
            client.waitForReady(Date.now() + timeoutMs, (err) => {
                if (err) {
                    client.close();
                    reject(
                        new GrpcCallError(
                            grpc.status.UNAVAILABLE,
                            `could not connect to ${address} within ${timeoutMs} ms: ${err.message}`,
                        ),
                    );
                } else {
                    resolve();
                }
            }),
        );
        return new AnalyzerChannel(client);
    }

    /**
     * One unary call with a deadline `deadlineMs` from now. Rejects with a {@link GrpcCallError} for a
     * non-OK status, a broken connection or the deadline.
     */
    public call<Req, Res>(method: UnaryMethodDefinition<Req, Res>, request: Req | Buffer, deadlineMs: number): Promise<Res> {
        return new Promise<Res>((resolve, reject) => {
            const callback = (err: grpc.ServiceError | null, value?: Res): void => {
                if (err) {
                    reject(new GrpcCallError(err.code, err.details || err.message));
                } else {
                    resolve(value as Res);
                }
            };
            const options: grpc.CallOptions = { deadline: Date.now() + deadlineMs };
            if (Buffer.isBuffer(request)) {
                this.client.makeUnaryRequest(method.path, asIs, method.responseDeserialize, request, options, callback);
            } else {
                this.client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, options, callback);
            }
        });
    }

    public close(): void {
        this.client.close();
    }
}
