/**
 * SDK v3 clients pointed at an AWS-compatible endpoint (moto) with dummy credentials: what the applier
 * and the live tests use. verify/ builds its own clients from the standard credential chain.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { Route53Client } from "@aws-sdk/client-route-53";

/** moto's default account: the offline mocks use the same one, so ARNs of unapplied IAM roles match. */
export const MOTO_ACCOUNT = "123456789012";

const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

/** Clients per region, created once. */
export class TestClients {
    private readonly ec2s = new Map<string, EC2Client>();
    private readonly elbs = new Map<string, ElasticLoadBalancingV2Client>();
    private r53?: Route53Client;

    constructor(readonly endpoint: string) {}

    ec2(region: string): EC2Client {
        let c = this.ec2s.get(region);
        if (!c) {
            c = new EC2Client({ region, endpoint: this.endpoint, credentials, maxAttempts: 1 });
            this.ec2s.set(region, c);
        }
        return c;
    }

    elb(region: string): ElasticLoadBalancingV2Client {
        let c = this.elbs.get(region);
        if (!c) {
            c = new ElasticLoadBalancingV2Client({ region, endpoint: this.endpoint, credentials, maxAttempts: 1 });
            this.elbs.set(region, c);
        }
        return c;
    }

    route53(): Route53Client {
        this.r53 ??= new Route53Client({ region: "us-east-1", endpoint: this.endpoint, credentials, maxAttempts: 1 });
        return this.r53;
    }

    destroy(): void {
        for (const c of [...this.ec2s.values(), ...this.elbs.values(), ...(this.r53 ? [this.r53] : [])]) {
            c.destroy();
        }
    }
}
