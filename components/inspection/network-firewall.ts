import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { InspectionConfig } from "../config/schema";
import { NetworkVpc } from "../network/vpc";
import type { InspectionEndpointPlan } from "../planning/inspection";
import { providerFromOptions } from "../providers";
import { firewallPassRules, STATEFUL_RULE_GROUP_CAPACITY } from "./plan";

type NetworkFirewallConfig = Extract<InspectionConfig, { engine: "network-firewall" }>["networkFirewall"];

/** Log types the firewall sends to CloudWatch Logs, each to its own group. */
export type FirewallLogType = "FLOW" | "ALERT";

/** Arguments of the Network Firewall engine. The hub region's provider comes in the options. */
export interface NetworkFirewallInspectionArgs {
    /** `inspection.networkFirewall`: default actions, pass rules, logs. */
    readonly config: NetworkFirewallConfig;
    /** The inspection VPC: the firewall maps one endpoint subnet per AZ slot. */
    readonly network: NetworkVpc;
    /** The AZ slots that get a firewall endpoint (one subnet mapping each). */
    readonly endpoints: readonly InspectionEndpointPlan[];
    /** The hub CIDR: destination of the hub-endpoint pass rules. */
    readonly hubCidr: string;
    /** The spoke supernets: sources of the hub-endpoint pass rules. */
    readonly spokeSupernets: readonly string[];
    /**
     * AWS name of the firewall, its policy and rule group (unique per account and region; names cannot
     * change without replacing them): `<project>-<stack>-inspection`.
     */
    readonly awsName: string;
    /**
     * CloudWatch log group name of one log type (unique per account and region), under
     * `/aws/vendedlogs/`: the firewall delivers its logs as a vended log, which adds the group to the
     * account's CloudWatch Logs resource policy; that policy is limited to 5120 characters, and groups
     * under `/aws/vendedlogs/` are admitted without growing it.
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html
     * https://docs.aws.amazon.com/step-functions/latest/dg/bp-cwl.html (the same limit and prefix)
     */
    readonly logGroupName: (type: FirewallLogType) => string;
}

/**
 * Inspection by AWS Network Firewall, attached to the inspection VPC: a stateful rule group with the pass
 * rules of the config, a firewall policy in strict rule order with the configured default (drop)
 * actions, the firewall mapping one endpoint subnet per AZ, and its FLOW and ALERT logs to CloudWatch.
 *
 * VPC-attached, not the native transit gateway attachment (`transitGatewayId` +
 * `availabilityZoneMappings`, which @pulumi/aws 7 supports): both engines then share one inspection VPC,
 * one attachment (with appliance mode, which this program sets and the pack checks) and one TGW routing
 * plan, so switching engines replaces only the engine; and a native attachment must be accepted
 * separately unless the transit gateway auto-accepts attachments, which ours refuse
 * (AcceptNetworkFirewallTransitGatewayAttachment: "You must accept a transit gateway attachment to
 * complete the creation of a transit gateway-attached firewall, unless auto-accept is enabled on the
 * transit gateway", https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_AcceptNetworkFirewallTransitGatewayAttachment.html),
 * while its attachment id exists only as an output of the firewall for every TGW association and route.
 *
 * The endpoint of each AZ is read from the firewall's `firewallStatuses[0].syncStates`, the AZ's entry
 * (`availabilityZone`, `attachments[0].endpointId`): AWS creates one endpoint per mapped subnet.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-high-level-steps.html
 */
export class NetworkFirewallInspection extends pulumi.ComponentResource {
    readonly firewall: aws.networkfirewall.Firewall;
    readonly policy: aws.networkfirewall.FirewallPolicy;
    readonly logGroups: Readonly<Partial<Record<FirewallLogType, aws.cloudwatch.LogGroup>>>;
    /** The firewall endpoint id of each AZ slot. */
    readonly endpointIds: ReadonlyMap<number, pulumi.Output<string>>;

    constructor(name: string, args: NetworkFirewallInspectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:inspection:NetworkFirewall", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = (extra?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions => ({ ...extra, parent: this, provider });
        const { config, network } = args;

        const rules = firewallPassRules(config, args.hubCidr, args.spokeSupernets);
        const group =
            rules.length === 0
                ? undefined
                : new aws.networkfirewall.RuleGroup(
                      `${name}-pass`,
                      {
                          name: `${args.awsName}-pass`,
                          type: "STATEFUL",
                          capacity: STATEFUL_RULE_GROUP_CAPACITY,
                          description: "Flows the inspection firewall passes; everything else meets the policy's default drop",
                          ruleGroup: {
                              rulesSource: {
                                  statefulRules: rules.map((r) => ({
                                      action: "PASS",
                                      header: {
                                          protocol: r.protocol,
                                          source: r.source,
                                          sourcePort: "ANY",
                                          direction: "FORWARD",
                                          destination: r.destination,
                                          destinationPort: r.destinationPort,
                                      },
                                      ruleOptions: [
                                          { keyword: "sid", settings: [String(r.sid)] },
                                          { keyword: "msg", settings: [JSON.stringify(r.message)] },
                                      ],
                                  })),
                              },
                              // A rule group's order must match its policy's.
                              statefulRuleOptions: { ruleOrder: "STRICT_ORDER" },
                          },
                          tags: { Name: `${name}-pass` },
                      },
                      child(),
                  );

        // Stateless defaults forward every packet to the stateful engine (aws:pass would skip it:
        // Security Hub NetworkFirewall.4/.5); strict order makes the default actions apply to what no
        // rule passed (they are ignored in the default action order).
        // https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
        this.policy = new aws.networkfirewall.FirewallPolicy(
            `${name}-policy`,
            {
                name: args.awsName,
                description: "Centralised inspection: stateful, strict order, default drop",
                firewallPolicy: {
                    statelessDefaultActions: ["aws:forward_to_sfe"],
                    statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
                    statefulEngineOptions: { ruleOrder: "STRICT_ORDER" },
                    statefulDefaultActions: [...config.statefulDefaultActions],
                    ...(group ? { statefulRuleGroupReferences: [{ resourceArn: group.arn, priority: 100 }] } : {}),
                },
                tags: { Name: `${name}-policy` },
            },
            child(),
        );

        const endpointSubnets = new Map(network.tiers.endpoint.map((s) => [s.azIndex, s.subnetId]));
        const subnetOf = (e: InspectionEndpointPlan) => {
            const id = endpointSubnets.get(e.azIndex);
            if (id === undefined) {
                throw new pulumi.ResourceError(`inspection: no endpoint subnet in AZ slot ${e.azIndex} for ${e.key}`, this);
            }
            return id;
        };
        this.firewall = new aws.networkfirewall.Firewall(
            `${name}-firewall`,
            {
                name: args.awsName,
                description: "Centralised inspection of spoke traffic",
                vpcId: network.vpcId,
                firewallPolicyArn: this.policy.arn,
                // One mapping per AZ slot; adding an AZ adds a mapping in place (AssociateSubnets).
                subnetMappings: args.endpoints.map((e) => ({ subnetId: subnetOf(e) })),
                deleteProtection: false,
                tags: { Name: `${name}-firewall` },
            },
            // The firewall's name is unique per account and Region and its vpcId forces a replacement
            // (ForceNew in terraform-provider-aws internal/service/networkfirewall/firewall.go), so when
            // the inspection VPC is replaced (a new inspection.cidr) a replacement created first — Pulumi's
            // default — is refused: the name is taken. Delete first: the old VPC's traffic stops with its
            // VPC anyway. The policy and rule group stay: only their names and the rule group's type and
            // capacity force theirs, and those are fixed per stack (a delete-first policy or rule group
            // would be refused while in use). https://www.pulumi.com/docs/iac/concepts/options/deletebeforereplace/
            child({ deleteBeforeReplace: true }),
        );

        const types: FirewallLogType[] = config.logging.flowLogs ? ["FLOW", "ALERT"] : ["ALERT"];
        const logGroups: Partial<Record<FirewallLogType, aws.cloudwatch.LogGroup>> = {};
        for (const t of types) {
            logGroups[t] = new aws.cloudwatch.LogGroup(
                `${name}-${t.toLowerCase()}-logs`,
                { name: args.logGroupName(t), retentionInDays: config.logging.retentionDays },
                child(),
            );
        }
        this.logGroups = logGroups;
        new aws.networkfirewall.LoggingConfiguration(
            `${name}-logging`,
            {
                firewallArn: this.firewall.arn,
                loggingConfiguration: {
                    logDestinationConfigs: types.map((t) => ({
                        logType: t,
                        logDestinationType: "CloudWatchLogs",
                        logDestination: { logGroup: (logGroups[t] as aws.cloudwatch.LogGroup).name },
                    })),
                },
            },
            child(),
        );

        const azNames = network.azNames;
        const endpointIds = new Map<number, pulumi.Output<string>>();
        for (const e of args.endpoints) {
            endpointIds.set(
                e.azIndex,
                pulumi.all([this.firewall.firewallStatuses, azNames]).apply(([statuses, names]) => {
                    const az = names[e.azIndex];
                    const id = (statuses ?? [])
                        .flatMap((s) => s.syncStates ?? [])
                        .find((s) => s.availabilityZone === az)
                        ?.attachments?.find((a) => a.endpointId)?.endpointId;
                    if (id === undefined) {
                        throw new pulumi.ResourceError(
                            `inspection: the firewall reports no endpoint in ${az} (AZ slot ${e.azIndex}); its sync states list ${
                                (statuses ?? [])
                                    .flatMap((s) => s.syncStates ?? [])
                                    .map((s) => s.availabilityZone)
                                    .join(", ") || "none"
                            }`,
                            this,
                        );
                    }
                    return id;
                }),
            );
        }
        this.endpointIds = endpointIds;
        this.registerOutputs({ firewallArn: this.firewall.arn });
    }
}
