/**
 * The client half of gRPC unary calls, over Node's own HTTP/2.
 *
 * The offline plan makes two calls per resource per pack pass (about 17,000 at 100 spokes). Through
 * @grpc/grpc-js each call walks its interceptor, resolver, load-balancer and channelz layers; measured at
 * 4,312 resources (`npm run bench`'s largest case, one pass), this transport takes about 40% less client
 * CPU and the Analyze phase about 25% less time. The server side stays the pack's own gRPC server, and
 * requests and responses are encoded by the generated stubs' own `requestSerialize`/`responseDeserialize`.
 *
 * What a unary call is on the wire (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md):
 * a POST to `/<package>.<Service>/<Method>` with `content-type: application/grpc` and `te: trailers`; the
 * body is one length-prefixed message (a compressed-flag byte, then the length as a 4-byte big-endian
 * integer, then the bytes); the response is HTTP 200 with one length-prefixed message and trailers that
 * carry `grpc-status` and the percent-encoded `grpc-message`, or "trailers-only" (status in the headers)
 * when there is no message. `grpc-timeout` carries the deadline. Status codes:
 * https://grpc.github.io/grpc/core/md_doc_statuscodes.html. No compression is offered, so none is used.
 *
 * @module
 */
import * as http2 from "http2";

/** The gRPC status codes this client produces or callers test for. */
export const GrpcStatus = {
    OK: 0,
    CANCELLED: 1,
    UNKNOWN: 2,
    INVALID_ARGUMENT: 3,
    DEADLINE_EXCEEDED: 4,
    NOT_FOUND: 5,
    ALREADY_EXISTS: 6,
    PERMISSION_DENIED: 7,
    RESOURCE_EXHAUSTED: 8,
    FAILED_PRECONDITION: 9,
    ABORTED: 10,
    OUT_OF_RANGE: 11,
    UNIMPLEMENTED: 12,
    INTERNAL: 13,
    UNAVAILABLE: 14,
    DATA_LOSS: 15,
    UNAUTHENTICATED: 16,
} as const;

/** A response without `grpc-status`: the status its HTTP status maps to (doc/http-grpc-status-mapping.md). */
function statusOfHttp(httpStatus: number): number {
    switch (httpStatus) {
        case 400:
            return GrpcStatus.INTERNAL;
        case 401:
            return GrpcStatus.UNAUTHENTICATED;
        case 403:
            return GrpcStatus.PERMISSION_DENIED;
        case 404:
            return GrpcStatus.UNIMPLEMENTED;
        case 429:
        case 502:
        case 503:
        case 504:
            return GrpcStatus.UNAVAILABLE;
        default:
            return GrpcStatus.UNKNOWN;
    }
}

/** Node's timers fire at once for delays above 2^31-1 ms; a non-finite deadline means none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the generated `*_grpc_pb` service definitions give for each method. */
export interface UnaryMethodDefinition<Req, Res> {
    readonly path: string;
    readonly requestSerialize: (request: Req) => Buffer;
    readonly responseDeserialize: (bytes: Buffer) => Res;
}

/** A call that ended with a status other than OK. */
export class GrpcCallError extends Error {
    public constructor(
        public readonly code: number,
        public readonly details: string,
    ) {
        super(`${codeName(code)}: ${details}`);
        this.name = "GrpcCallError";
    }
}

function codeName(code: number): string {
    const entry = Object.entries(GrpcStatus).find(([, v]) => v === code);
    return entry ? entry[0] : `status ${code}`;
}

/** `grpc-message` is percent-encoded (PROTOCOL-HTTP2.md, "Status-Message"). */
function decodeMessage(raw: unknown): string {
    const text = Array.isArray(raw) ? String(raw[0]) : raw === undefined ? "" : String(raw);
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

/** One HTTP/2 connection to a gRPC server; calls are multiplexed on it. */
export class UnaryChannel {
    private failure: Error | undefined;

    private constructor(private readonly session: http2.ClientHttp2Session) {
        session.on("error", (e: Error) => {
            this.failure = this.failure ?? e;
        });
        session.on("close", () => {
            this.failure = this.failure ?? new Error("the connection closed");
        });
    }

    /** Connects to `host:port`; rejects if the connection is not up within `timeoutMs`. */
    public static connect(address: string, timeoutMs: number): Promise<UnaryChannel> {
        return new Promise((resolve, reject) => {
            // Like @grpc/grpc-js: no per-connection memory cap. Node's default (10 MB, counting request bytes
            // the server has not read yet) otherwise breaks the connection for good under large requests.
            const session = http2.connect(`http://${address}`, { maxSessionMemory: Number.MAX_SAFE_INTEGER });
            const timer = Number.isFinite(timeoutMs)
                ? setTimeout(() => {
                      session.destroy();
                      reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, `could not connect to ${address} within ${timeoutMs} ms`));
                  }, Math.min(Math.max(timeoutMs, 0), MAX_TIMER_MS))
                : undefined;
            session.once("connect", () => {
                clearTimeout(timer);
                session.removeListener("error", onError);
                resolve(new UnaryChannel(session));
            });
            const onError = (e: Error): void => {
                clearTimeout(timer);
                reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, `could not connect to ${address}: ${e.message}`));
            };
            session.once("error", onError);
        });
    }

    /**
     * One unary call. `request` may be given already serialized (the same bytes serve several calls).
     * `deadlineMs` that is not finite means no deadline. Rejects with a {@link GrpcCallError} for a
     * non-OK status, a broken connection or the deadline.
     */
    public call<Req, Res>(method: UnaryMethodDefinition<Req, Res>, request: Req | Buffer, deadlineMs: number): Promise<Res> {
        if (this.failure) {
            return Promise.reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, this.failure.message));
        }
        let body: Buffer;
        try {
            body = Buffer.isBuffer(request) ? request : method.requestSerialize(request);
        } catch (e) {
            return Promise.reject(new GrpcCallError(GrpcStatus.INTERNAL, `${method.path}: serializing the request: ${(e as Error).message}`));
        }
        const hasDeadline = Number.isFinite(deadlineMs);
        return new Promise<Res>((resolve, reject) => {
            let stream: http2.ClientHttp2Stream;
            try {
                stream = this.session.request({
                    ":method": "POST",
                    ":path": method.path,
                    "content-type": "application/grpc",
                    te: "trailers",
                    // TimeoutValue is at most 8 digits (PROTOCOL-HTTP2.md).
                    ...(hasDeadline ? { "grpc-timeout": `${Math.max(1, Math.min(99_999_999, Math.ceil(deadlineMs)))}m` } : {}),
                });
            } catch (e) {
                reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, (e as Error).message));
                return;
            }
            let settled = false;
            const finish = (error: GrpcCallError | undefined, value?: Res): void => {
                if (settled) {
                    return;
                }
                settled = true;
                clearTimeout(timer);
                if (error) {
                    if (!stream.closed) {
                        stream.close(http2.constants.NGHTTP2_CANCEL);
                    }
                    reject(error);
                } else {
                    resolve(value as Res);
                }
            };
            const timer = hasDeadline
                ? setTimeout(
                      () => finish(new GrpcCallError(GrpcStatus.DEADLINE_EXCEEDED, `${method.path} did not answer within ${deadlineMs} ms`)),
                      Math.min(Math.max(deadlineMs, 0), MAX_TIMER_MS),
                  )
                : undefined;
            const prefix = Buffer.allocUnsafe(5);
            prefix[0] = 0;
            prefix.writeUInt32BE(body.length, 1);
            stream.write(prefix);
            stream.end(body);

            const chunks: Buffer[] = [];
            let httpStatus = 0;
            let status: number | undefined;
            let details = "";
            const takeStatus = (headers: http2.IncomingHttpHeaders): void => {
                const raw = headers["grpc-status"];
                if (raw !== undefined) {
                    const code = Number(Array.isArray(raw) ? raw[0] : raw);
                    status = Number.isInteger(code) && code >= 0 ? code : GrpcStatus.UNKNOWN;
                    details = decodeMessage(headers["grpc-message"]);
                }
            };
            stream.on("response", (headers) => {
                httpStatus = Number(headers[":status"]);
                takeStatus(headers); // trailers-only response
            });
            stream.on("trailers", takeStatus);
            stream.on("data", (chunk: Buffer) => chunks.push(chunk));
            stream.on("error", (e: Error) => {
                // A status already received (e.g. an early error reply, then a reset) is the answer.
                if (status === undefined) {
                    finish(new GrpcCallError(GrpcStatus.UNAVAILABLE, `${method.path}: ${e.message}`));
                }
            });
            stream.on("close", () => {
                if (status === undefined) {
                    if (httpStatus && httpStatus !== 200) {
                        finish(new GrpcCallError(statusOfHttp(httpStatus), `${method.path}: HTTP status ${httpStatus}`));
                    } else if (stream.rstCode === http2.constants.NGHTTP2_CANCEL && !this.session.destroyed && !this.failure) {
                        finish(new GrpcCallError(GrpcStatus.CANCELLED, `${method.path}: the server cancelled the call`));
                    } else {
                        finish(new GrpcCallError(GrpcStatus.UNAVAILABLE, `${method.path}: the stream closed without a status (code ${stream.rstCode ?? "none"})`));
                    }
                    return;
                }
                if (status !== GrpcStatus.OK) {
                    finish(new GrpcCallError(status, details));
                    return;
                }
                const data = Buffer.concat(chunks);
                if (data.length < 5 || data[0] !== 0 || data.length !== 5 + data.readUInt32BE(1)) {
                    finish(new GrpcCallError(GrpcStatus.INTERNAL, `${method.path}: expected one uncompressed length-prefixed message, got ${data.length} bytes`));
                    return;
                }
                let value: Res;
                try {
                    value = method.responseDeserialize(data.subarray(5));
                } catch (e) {
                    finish(new GrpcCallError(GrpcStatus.INTERNAL, `${method.path}: ${(e as Error).message}`));
                    return;
                }
                finish(undefined, value);
            });
        });
    }

    public close(): void {
        this.session.close();
    }
}
