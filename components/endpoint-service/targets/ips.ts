import * as aws from "@pulumi/aws";
import { EndpointServiceTargets } from "../../config/schema";
import { cidr, contains } from "../../planning/cidr";
import { cidrRuleKey, namedMembers, targetKey } from "../plan";
import { NlbEgress, TargetContext, TargetStrategy } from "./strategy";

type IpConfig = Extract<EndpointServiceTargets, { kind: "ips" }>;

/** Existing targets by IPv4 address: in the host VPC, or reached from it through peering or a TGW. */
export class IpTargets implements TargetStrategy {
    readonly kind = "ips";
    readonly targetType = "ip";

    constructor(private readonly targets: IpConfig) {}

    /** One /32 per address: the NLB reaches nothing else. */
    nlbEgress(ctx: TargetContext): readonly NlbEgress[] {
        return namedMembers(this.targets.ipAddresses, (ip) => cidrRuleKey(`${ip}/32`, ctx.port)).map((m) => ({
            key: m.key,
            formerKey: `targets-${m.formerKey}`,
            destination: { cidrIpv4: `${m.value}/32` },
        }));
    }

    register(ctx: TargetContext): void {
        // An IP outside the load balancer's VPC (reached through peering or a TGW) registers in "all" AZs.
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html
        const hostCidr = cidr(ctx.host.cidr);
        // One registration per address, named by (IP, port): removing one never renames another.
        for (const m of namedMembers(this.targets.ipAddresses, (ip) => targetKey(ip, ctx.port))) {
            new aws.lb.TargetGroupAttachment(
                `${ctx.name}-target-${m.key}`,
                {
                    targetGroupArn: ctx.targetGroup.arn,
                    targetId: m.value,
                    port: ctx.port,
                    ...(contains(hostCidr, cidr(`${m.value}/32`)) ? {} : { availabilityZone: "all" }),
                },
                ctx.child(`${ctx.name}-target-${m.formerKey}`),
            );
        }
    }
}
