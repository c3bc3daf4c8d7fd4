import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { providerFromOptions, RegionalProviders } from "../providers";

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
 * The IAM role VPC Flow Logs assume to publish to CloudWatch Logs. IAM is global (per account), so one
 * role serves every VPC of its account in every region of the stack (FlowLogRoles makes one per account).
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

/** Where the flow-log roles of a stack are made. */
export interface FlowLogRolesArgs {
    /** Base name: the network account's role component is named exactly this (its name before accounts existed). */
    readonly name: string;
    /** Id of the network account (the only account of a single-account stack). */
    readonly networkAccountId: pulumi.Input<string>;
    /** Log group name prefix every role may write to, e.g. `/landing-zone/dev/`. */
    readonly logGroupPrefix: string;
    readonly providers: RegionalProviders;
    /**
     * Region whose provider creates the network account's (global) IAM resources, and another account's
     * when its first caller names no region of its own.
     */
    readonly region: string;
    /** Parent of every role component. */
    readonly parent: pulumi.Resource;
}

/**
 * One flow-log role per account, made on first use. IAM is global but per account, and a flow log can
 * only deliver through a role of its own account (the trust policy's `aws:SourceAccount`, and
 * CreateFlowLogs' `DeliverLogsPermissionArn` is passed by the flow log's account), so a VPC of a
 * workload account gets its account's role, never the network account's.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 *
 * The network account's role is `<name>` (what single-account stacks always had: nothing is renamed);
 * another account's is `<name>-<account>`.
 */
export class FlowLogRoles {
    private readonly roles = new Map<string, FlowLogRole>();
    /** The network account's role, made at once (every stack has a hub). */
    readonly network: FlowLogRole;

    constructor(private readonly args: FlowLogRolesArgs) {
        this.network = new FlowLogRole(
            args.name,
            { accountId: args.networkAccountId, logGroupPrefix: args.logGroupPrefix },
            { parent: args.parent, provider: args.providers.get(args.region) },
        );
    }

    /**
     * The role for VPCs of `account` (a declared name). Another account's role is made with that
     * account's provider for `region`, the Region of the first VPC that asks (IAM is global, any Region
     * serves): a provider the account already has, so an account without VPCs in the hub's Region gets
     * no provider there just for IAM.
     * @param account @default the network account
     * @param region @default the hub's Region (FlowLogRolesArgs.region)
     */
    roleFor(account?: string, region?: string): FlowLogRole {
        const acct = this.args.providers.account(account);
        if (acct === undefined || acct.name === this.args.providers.networkAccount) {
            return this.network;
        }
        let role = this.roles.get(acct.name);
        if (!role) {
            role = new FlowLogRole(
                `${this.args.name}-${acct.name}`,
                { accountId: acct.id, logGroupPrefix: this.args.logGroupPrefix },
                { parent: this.args.parent, provider: this.args.providers.get(region ?? this.args.region, acct.name) },
            );
            this.roles.set(acct.name, role);
        }
        return role;
    }
}
