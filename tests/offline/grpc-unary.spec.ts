import * as assert from "assert";
import * as http2 from "http2";
import { createRequire } from "module";
import * as net from "net";
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import { GrpcCallError, GrpcStatus, UnaryChannel, UnaryMethodDefinition } from "../../offline/grpc-unary";

// The same gRPC server implementation the policy pack serves with.
const grpc = createRequire(path.resolve(__dirname, "../../policy-pack/node_modules/@pulumi/pulumi/package.json"))("@grpc/grpc-js") as typeof grpcTypes;

/** A method whose messages are UTF-8 strings, so the tests need no generated stubs. (Not empty ones: the
 * grpc-js server takes a falsy decoded request for a missing one; protobuf messages are objects.) */
function method(name: string): UnaryMethodDefinition<string, string> & grpcTypes.MethodDefinition<string, string> {
    return {
        path: `/test.Echo/${name}`,
        requestStream: false,
        responseStream: false,
        requestSerialize: (s: string) => Buffer.from(s, "utf8"),
        requestDeserialize: (b: Buffer) => b.toString("utf8"),
        responseSerialize: (s: string) => Buffer.from(s, "utf8"),
        responseDeserialize: (b: Buffer) => b.toString("utf8"),
    };
}

const ECHO = method("Echo");
const FAIL = method("Fail");
const SLOW = method("Slow");
const MISSING = method("Missing");

async function rejection(p: Promise<unknown>): Promise<GrpcCallError> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof GrpcCallError, String(e));
        return e;
    }
    assert.fail("expected a rejection");
}

describe("offline/grpc-unary against a @grpc/grpc-js server", () => {
    let server: grpcTypes.Server;
    let address: string;
    let channel: UnaryChannel;

    before(async () => {
        server = new grpc.Server({ "grpc.max_receive_message_length": 64 * 1024 * 1024 });
        server.addService(
            { Echo: ECHO, Fail: FAIL, Slow: SLOW },
            {
                Echo: (call: grpcTypes.ServerUnaryCall<string, string>, cb: grpcTypes.sendUnaryData<string>) => cb(null, `echo:${call.request.length}:${call.request.slice(0, 16)}`),
                Fail: (_call: grpcTypes.ServerUnaryCall<string, string>, cb: grpcTypes.sendUnaryData<string>) =>
                    cb({ code: grpc.status.FAILED_PRECONDITION, details: "policy 'x' threw: 100% broken\nsecond line" }, null),
                Slow: (_call: grpcTypes.ServerUnaryCall<string, string>, cb: grpcTypes.sendUnaryData<string>) => setTimeout(() => cb(null, "late"), 2_000),
            },
        );
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
        );
        address = `127.0.0.1:${port}`;
        channel = await UnaryChannel.connect(address, 5_000);
    });

    after(() => {
        channel.close();
        server.forceShutdown();
    });

    it("sends a request and decodes the response, many calls multiplexed on one connection", async () => {
        const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => channel.call(ECHO, `request ${i}`, 5_000)));
        answers.forEach((a, i) => assert.strictEqual(a, `echo:${`request ${i}`.length}:request ${i}`));
    });

    it("accepts a request already serialized, and a message larger than the HTTP/2 windows", async () => {
        const big = "x".repeat(3 * 1024 * 1024);
        assert.strictEqual(await channel.call(ECHO, Buffer.from(big), 10_000), `echo:${big.length}:${"x".repeat(16)}`);
    });

    it("rejects with the server's status code and its (percent-decoded) message", async () => {
        const e = await rejection(channel.call(FAIL, "x", 5_000));
        assert.strictEqual(e.code, grpc.status.FAILED_PRECONDITION, e.message);
        assert.strictEqual(e.details, "policy 'x' threw: 100% broken\nsecond line");
    });

    it("reports UNIMPLEMENTED for a method the server lacks (a trailers-only response)", async () => {
        const e = await rejection(channel.call(MISSING, "x", 5_000));
        assert.strictEqual(e.code, GrpcStatus.UNIMPLEMENTED);
    });

    it("gives up at the deadline with DEADLINE_EXCEEDED, and the connection stays usable", async () => {
        const t0 = Date.now();
        const e = await rejection(channel.call(SLOW, "x", 200));
        assert.strictEqual(e.code, GrpcStatus.DEADLINE_EXCEEDED);
        assert.ok(Date.now() - t0 < 1_500, `took ${Date.now() - t0} ms`);
        assert.match(await channel.call(ECHO, "after", 5_000), /^echo:5:after$/);
    });

    it("keeps the connection usable after large requests the server answers without reading", async () => {
        // Node's default cap on a connection's memory (10 MB, counting unread request bytes) would break
        // the connection here for good (NGHTTP2_ENHANCE_YOUR_CALM on every later call).
        const big = Buffer.alloc(8 * 1024 * 1024, 0x61);
        for (let i = 0; i < 3; i++) {
            assert.strictEqual((await rejection(channel.call(MISSING, big, 10_000))).code, GrpcStatus.UNIMPLEMENTED);
        }
        assert.strictEqual(await channel.call(ECHO, "still here", 5_000), "echo:10:still here");
    });

    it("treats a deadline that is not finite as none (Node would fire such a timer at once)", async () => {
        assert.strictEqual(await channel.call(ECHO, "no deadline", Number.POSITIVE_INFINITY), "echo:11:no deadline");
    });

    it("fails to connect to a closed port with UNAVAILABLE", async () => {
        const closed = net.createServer();
        await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
        const port = (closed.address() as net.AddressInfo).port;
        await new Promise<void>((resolve) => closed.close(() => resolve()));
        const e = await rejection(UnaryChannel.connect(`127.0.0.1:${port}`, 2_000));
        assert.strictEqual(e.code, GrpcStatus.UNAVAILABLE);
    });

    it("rejects calls in flight with UNAVAILABLE when the server goes away, and later calls at once", async () => {
        // A bare HTTP/2 server that accepts the stream and then drops the connection.
        const h2 = http2.createServer();
        h2.on("stream", (stream) => stream.session?.destroy());
        await new Promise<void>((resolve) => h2.listen(0, "127.0.0.1", resolve));
        const dropping = await UnaryChannel.connect(`127.0.0.1:${(h2.address() as net.AddressInfo).port}`, 2_000);
        try {
            const e = await rejection(dropping.call(ECHO, "hello", 5_000));
            assert.strictEqual(e.code, GrpcStatus.UNAVAILABLE, e.message);
            const again = await rejection(dropping.call(ECHO, "hello", 5_000));
            assert.strictEqual(again.code, GrpcStatus.UNAVAILABLE, again.message);
        } finally {
            // Even when an assertion fails: an open server would keep mocha from exiting.
            dropping.close();
            await new Promise<void>((resolve) => h2.close(() => resolve()));
        }
    });
});
