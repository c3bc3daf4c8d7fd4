import * as aws from "@pulumi/aws";
import { EndpointServiceTargets } from "../../config/schema";
import { NlbEgress, TargetContext, TargetStrategy } from "./strategy";

type FleetConfig = Extract<EndpointServiceTargets, { kind: "fleet" }>;

/** Amazon Linux 2023 user data: a placeholder HTTP service on the service port, needing no internet. */
export function placeholderUserData(port: number): string {
    const script = [
        "#!/bin/bash",
        "# Placeholder service: replace with your application. Python ships with Amazon Linux 2023.",
        "mkdir -p /srv/www && echo ok > /srv/www/health",
        `cat > /etc/systemd/system/placeholder.service <<'UNIT'`,
        "[Unit]",
        "Description=landing-zone endpoint service placeholder",
        "[Service]",
        `ExecStart=/usr/bin/python3 -m http.server ${port} --directory /srv/www`,
        "Restart=always",
        "[Install]",
        "WantedBy=multi-user.target",
        "UNIT",
        "systemctl daemon-reload && systemctl enable --now placeholder.service",
    ].join("\n");
    return Buffer.from(script).toString("base64");
}

/**
 * A private fleet: an Auto Scaling group in the host's workload subnets, registered in the target
 * group by the group itself, managed through SSM (the hub's endpoints) with no internet path.
 */
export class FleetTargets implements TargetStrategy {
    readonly kind = "fleet";
    readonly targetType = "instance";

    constructor(private readonly fleet: FleetConfig) {}

    /** The fleet carries the targets' group: the NLB reaches it by group reference. */
    nlbEgress(ctx: TargetContext): readonly NlbEgress[] {
        return [{ key: "targets", destination: { referencedSecurityGroupId: ctx.targetSecurityGroup.id } }];
    }

    register(ctx: TargetContext): void {
        const t = this.fleet;
        const { name } = ctx;
        const role = new aws.iam.Role(
            `${name}-fleet`,
            {
                description: `Instance role of the ${ctx.serviceName} fleet: SSM management only`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
            },
            ctx.child(),
        );
        new aws.iam.RolePolicyAttachment(
            `${name}-fleet-ssm`,
            { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" },
            ctx.child(),
        );
        const profile = new aws.iam.InstanceProfile(`${name}-fleet`, { role: role.name }, ctx.child());
        const template = new aws.ec2.LaunchTemplate(
            `${name}-fleet`,
            {
                description: `${ctx.serviceName} fleet`,
                // EC2 resolves the public SSM parameter at launch: always the current Amazon Linux 2023.
                // https://docs.aws.amazon.com/autoscaling/ec2/userguide/using-systems-manager-parameters.html
                imageId: `resolve:ssm:${t.amiParameter}`,
                instanceType: t.instanceType,
                iamInstanceProfile: { arn: profile.arn },
                networkInterfaces: [
                    { associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [ctx.targetSecurityGroup.id] },
                ],
                metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3", volumeSize: 8, deleteOnTermination: "true" } },
                ],
                userData: placeholderUserData(ctx.port),
                tagSpecifications: [{ resourceType: "instance", tags: { Name: `${name}-fleet` } }],
            },
            ctx.child(),
        );
        new aws.autoscaling.Group(
            `${name}-fleet`,
            {
                vpcZoneIdentifiers: ctx.host.subnetIds("workload"),
                minSize: t.desiredCapacity,
                maxSize: t.desiredCapacity * 2,
                desiredCapacity: t.desiredCapacity,
                launchTemplate: { id: template.id, version: template.latestVersion.apply((v) => String(v)) },
                targetGroupArns: [ctx.targetGroup.arn],
                healthCheckType: "ELB",
                healthCheckGracePeriod: 120,
                // Provider `defaultTags` do not reach Auto Scaling groups (their tags have their own
                // shape), so the group carries the stack's tags explicitly.
                // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_group#tag
                tags: [
                    { key: "Name", value: `${name}-fleet`, propagateAtLaunch: true },
                    ...Object.entries(ctx.tags)
                        .filter(([k]) => k !== "Name")
                        .map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
                ],
            },
            ctx.child(),
        );
    }
}
