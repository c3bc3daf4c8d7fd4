import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { providerFromOptions } from "../providers";

/**
 * Arguments of the flow-log role. IAM is global: any regional provider serves, handed in the component
 * options (`{ parent, provider }`) like every other component's.
 */
export interface FlowLogRoleArgs {
    /** Account that owns the flow logs: the trust policy only lets this account's flow logs assume the role. */
    readonly accountId: pulumi.Input<string>;
    /** Log group name prefix the role may write to, e.g. `/landing-zone/dev/`. */
    readonly logGroupPrefix: string;
}

/**
 * The IAM role VPC Flow Logs assume to publish to CloudWatch Logs. IAM is global, so one role serves
 * every VPC in every region of the stack.
 *
 * Permissions and the confused-deputy conditions follow
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export class FlowLogRole extends pulumi.ComponentResource {
    /**
     * ARN handed to every `aws.ec2.FlowLog`. It resolves only once the publish policy exists, so every
     * flow log built from it depends on the `RolePolicy` as well as the role.
     */
    readonly roleArn: pulumi.Output<string>;
    readonly role: aws.iam.Role;
    /** The inline policy that lets the role write to the log groups. */
    readonly publishPolicy: aws.iam.RolePolicy;

    constructor(name: string, args: FlowLogRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:network:FlowLogRole", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = { parent: this, provider };

        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                description: "Lets VPC Flow Logs publish to the landing zone's CloudWatch log groups.",
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                            Action: "sts:AssumeRole",
                            Condition: {
                                StringEquals: { "aws:SourceAccount": args.accountId },
                                ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:aws:ec2:*:${args.accountId}:vpc-flow-log/*` },
                            },
                        },
                    ],
                }),
            },
            child,
        );

        this.publishPolicy = new aws.iam.RolePolicy(
            `${name}-publish`,
            {
                role: this.role.name,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            // Describe* take no resource-level restriction worth having; the AWS example grants them on "*".
                            Effect: "Allow",
                            Action: ["logs:DescribeLogGroups", "logs:DescribeLogStreams"],
                            Resource: "*",
                        },
                        {
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: [
                                pulumi.interpolate`arn:aws:logs:*:${args.accountId}:log-group:${args.logGroupPrefix}*`,
                                pulumi.interpolate`arn:aws:logs:*:${args.accountId}:log-group:${args.logGroupPrefix}*:*`,
                            ],
                        },
                    ],
                }),
            },
            child,
        );

        // A flow log created from the bare role ARN can be created before the policy is attached: the
        // role then cannot write, the log group stays empty, and the flow log reports "Access error"
        // in its deliverLogsErrorMessage. Carrying the policy in the ARN's dependencies orders every
        // flow log after it, wherever the ARN is handed.
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_FlowLog.html
        this.roleArn = pulumi.all([this.role.arn, this.publishPolicy.id]).apply(([arn]) => arn);
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
