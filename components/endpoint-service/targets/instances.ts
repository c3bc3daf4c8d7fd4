import * as aws from "@pulumi/aws";
import { EndpointServiceTargets } from "../../config/schema";
import { cidrRuleKey, namedMembers, targetKey } from "../plan";
import { NlbEgress, TargetContext, TargetStrategy } from "./strategy";

type InstanceConfig = Extract<EndpointServiceTargets, { kind: "instances" }>;

/**
 * Existing EC2 instances of the host VPC, registered by id. Their security groups are the owner's,
 * so the NLB reaches them by address: the host VPC's CIDR.
 */
export class InstanceTargets implements TargetStrategy {
    readonly kind = "instances";
    readonly targetType = "instance";

    constructor(private readonly targets: InstanceConfig) {}

    nlbEgress(ctx: TargetContext): readonly NlbEgress[] {
        return [{ key: cidrRuleKey(ctx.host.cidr, ctx.port), formerKey: "targets-0", destination: { cidrIpv4: ctx.host.cidr } }];
    }

    /** One registration per instance, named by (instance, port): removing one never renames another. */
    register(ctx: TargetContext): void {
        for (const m of namedMembers(this.targets.instanceIds, (id) => targetKey(id, ctx.port))) {
            new aws.lb.TargetGroupAttachment(
                `${ctx.name}-target-${m.key}`,
                { targetGroupArn: ctx.targetGroup.arn, targetId: m.value, port: ctx.port },
                ctx.child(`${ctx.name}-target-${m.formerKey}`),
            );
        }
    }
}
