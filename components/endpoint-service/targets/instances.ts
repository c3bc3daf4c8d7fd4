import * as aws from "@pulumi/aws";
import { EndpointServiceTargets } from "../../config/schema";
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
        return [{ key: "targets-0", destination: { cidrIpv4: ctx.host.cidr } }];
    }

    register(ctx: TargetContext): void {
        this.targets.instanceIds.forEach((id, i) =>
            new aws.lb.TargetGroupAttachment(`${ctx.name}-target-${i}`, { targetGroupArn: ctx.targetGroup.arn, targetId: id, port: ctx.port }, ctx.child()),
        );
    }
}
