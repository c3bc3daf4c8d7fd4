import * as aws from "@pulumi/aws";
import { EndpointServiceTargets } from "../../config/schema";
import { cidr, contains } from "../../planning/cidr";
import { NlbEgress, TargetContext, TargetStrategy } from "./strategy";

type IpConfig = Extract<EndpointServiceTargets, { kind: "ips" }>;

/** Existing targets by IPv4 address: in the host VPC, or reached from it through peering or a TGW. */
export class IpTargets implements TargetStrategy {
    readonly kind = "ips";
    readonly targetType = "ip";

    constructor(private readonly targets: IpConfig) {}

    /** One /32 per address: the NLB reaches nothing else. */
    nlbEgress(): readonly NlbEgress[] {
        return this.targets.ipAddresses.map((ip, i) => ({ key: `targets-${i}`, destination: { cidrIpv4: `${ip}/32` } }));
    }

    register(ctx: TargetContext): void {
        // An IP outside the load balancer's VPC (reached through peering or a TGW) registers in "all" AZs.
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html
        const hostCidr = cidr(ctx.host.cidr);
        this.targets.ipAddresses.forEach((ip, i) =>
            new aws.lb.TargetGroupAttachment(
                `${ctx.name}-target-${i}`,
                { targetGroupArn: ctx.targetGroup.arn, targetId: ip, port: ctx.port, ...(contains(hostCidr, cidr(`${ip}/32`)) ? {} : { availabilityZone: "all" }) },
                ctx.child(),
            ),
        );
    }
}
