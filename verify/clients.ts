/**
 * SDK v3 clients for verify, one per service and region, every call counted: verify's cost is
 * O(kinds × regions) describe calls and a test holds it to that.
 *
 * Credentials come from the SDK's standard chain (environment, shared config/SSO profile, container or
 * instance role). With `--endpoint-url` (an AWS-compatible API such as moto) and no credentials in the
 * environment, dummy credentials are used: such servers do not check signatures.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { Route53Client } from "@aws-sdk/client-route-53";
import { STSClient } from "@aws-sdk/client-sts";

/** One SDK command verify sent: `<service>:<Command>` (the IAM action is `<prefix>:<Command minus "Command">`). */
export interface CallRecord {
    readonly service: "ec2" | "elasticloadbalancing" | "route53" | "sts";
    readonly action: string;
    readonly region: string;
    readonly ms: number;
}

interface Sendable {
    send(command: unknown): Promise<unknown>;
    destroy(): void;
}

export interface VerifyClientsOptions {
    /** AWS-compatible endpoint (`--endpoint-url`); the real AWS endpoints when absent. */
    readonly endpoint?: string;
}

/** A rejected SDK call, naming the action and region (the SDK's own error is `cause`). */
export class AwsCallError extends Error {
    constructor(
        readonly action: string,
        readonly region: string,
        readonly cause: unknown,
    ) {
        const err = cause as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        super(
            `${action} in ${region} failed: ${err.name ?? "Error"}: ${(err.message ?? String(cause)).split("\n")[0]}${err.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : ""}`,
        );
        this.name = "AwsCallError";
    }
}

export class VerifyClients {
    readonly calls: CallRecord[] = [];
    private readonly cache = new Map<string, Sendable>();

    constructor(private readonly opts: VerifyClientsOptions = {}) {}

    private common(region: string) {
        const dummy = this.opts.endpoint && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE;
        return {
            region,
            maxAttempts: 3,
            ...(this.opts.endpoint ? { endpoint: this.opts.endpoint } : {}),
            ...(dummy ? { credentials: { accessKeyId: "verify", secretAccessKey: "verify" } } : {}),
        };
    }

    private client(service: CallRecord["service"], region: string): Sendable {
        const k = `${service}|${region}`;
        let c = this.cache.get(k);
        if (!c) {
            const cfg = this.common(region);
            c =
                service === "ec2"
                    ? new EC2Client(cfg)
                    : service === "elasticloadbalancing"
                      ? new ElasticLoadBalancingV2Client(cfg)
                      : service === "route53"
                        ? new Route53Client(cfg)
                        : new STSClient(cfg);
            this.cache.set(k, c);
        }
        return c;
    }

    /** Sends `command` to `service` in `region` and records the call. */
    async send<O>(service: CallRecord["service"], region: string, command: { constructor: { name: string } }): Promise<O> {
        const started = Date.now();
        try {
            return (await this.client(service, region).send(command)) as O;
        } catch (e) {
            throw new AwsCallError(`${service}:${command.constructor.name.replace(/Command$/, "")}`, region, e);
        } finally {
            this.calls.push({ service, action: command.constructor.name.replace(/Command$/, ""), region, ms: Date.now() - started });
        }
    }

    destroy(): void {
        for (const c of this.cache.values()) {
            c.destroy();
        }
    }
}
