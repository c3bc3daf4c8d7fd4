import type { StackValidationPolicy } from "@pulumi/policy";
import { TI } from "../lib/inspection";
import { configOf, onStack, schema } from "../lib/policy";
import { isUnknown, Value } from "../lib/unknown";
import { arr, isRecord, str } from "../lib/values";

export interface NetworkFirewallConfig {
    /**
     * Log types every firewall must send somewhere (CloudWatch Logs, S3 or Firehose).
     * @default ["FLOW", "ALERT"]
     */
    readonly requiredLogTypes: string[];
}

export const NETWORK_FIREWALL_DEFAULTS: NetworkFirewallConfig = { requiredLogTypes: ["FLOW", "ALERT"] };

/** Stateful default actions that drop what no rule matched (Network Firewall API, FirewallPolicy.StatefulDefaultActions). */
const DROP_ACTIONS: readonly string[] = ["aws:drop_strict", "aws:drop_established"];

/** Known strings of a list value; `undefined` when the list is computed. */
function strings(v: Value | undefined): string[] | undefined {
    const a = arr(v);
    if (isUnknown(a)) {
        return undefined;
    }
    return (a ?? []).filter((x): x is string => typeof x === "string");
}

/**
 * `network-firewall-default-action-and-logging`: every Network Firewall policy decides what happens to
 * traffic no rule matched, and every firewall logs flows and alerts.
 *
 * - Stateless default actions (full and fragmented packets) forward to the stateful engine
 *   (`aws:forward_to_sfe`) or drop; `aws:pass` skips stateful inspection altogether (Security Hub
 *   NetworkFirewall.4 / .5).
 * - Stateful default action: the policy uses `STRICT_ORDER` with a drop default
 *   (`aws:drop_strict` or `aws:drop_established`). Default actions are valid only with strict rule
 *   order; with the default action order unmatched traffic passes (Network Firewall API,
 *   FirewallPolicy.StatefulDefaultActions; Developer Guide, "Managing evaluation order for Suricata
 *   compatible rules").
 * - Logging: an `aws.networkfirewall.LoggingConfiguration` whose `firewallArn` depends on the
 *   firewall, with a destination for each of `requiredLogTypes` (Security Hub NetworkFirewall.2;
 *   Checkov CKV2_AWS_63). Without FLOW and ALERT logs nobody can tell what the firewall passed or dropped.
 *
 * - Kind: stack policy (the logging configuration is a separate resource). Level: advisory (hygiene):
 *   a team may legitimately end its rule groups with an explicit catch-all drop rule under the default
 *   action order, or ship logs through another pipeline; the pack cannot see either. Severity: medium.
 * - Config: `requiredLogTypes` (default `["FLOW", "ALERT"]`).
 * - Preview: firewall -> policy through `firewallPolicyArn`, logging -> firewall through
 *   `firewallArn`; actions, rule order and log types are known inputs (a computed one is not judged).
 */
export const networkFirewallDefaultActionAndLogging: StackValidationPolicy = {
    name: "network-firewall-default-action-and-logging",
    description:
        "Network Firewall policies forward or drop by default (strict order, drop default) and every firewall logs FLOW and ALERT.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: [
        "hygiene",
        "aws-fsbp:NetworkFirewall.2",
        "aws-fsbp:NetworkFirewall.4",
        "aws-fsbp:NetworkFirewall.5",
        "checkov:CKV2_AWS_63",
        "aws-guidance:inspection",
    ],
    configSchema: schema({
        requiredLogTypes: {
            type: "array",
            items: { type: "string", enum: ["FLOW", "ALERT", "TLS"] },
            default: NETWORK_FIREWALL_DEFAULTS.requiredLogTypes,
            description: "Log types each firewall must deliver",
        },
    }),
    remediationSteps:
        'Set statelessDefaultActions and statelessFragmentDefaultActions to ["aws:forward_to_sfe"], statefulEngineOptions.ruleOrder "STRICT_ORDER" with statefulDefaultActions ["aws:drop_strict"], and add a LoggingConfiguration with FLOW and ALERT destinations.',
    validateStack: onStack((g, report, args) => {
        const { requiredLogTypes } = configOf(args, NETWORK_FIREWALL_DEFAULTS);
        for (const policy of g.ofType(TI.firewallPolicy)) {
            const fp = g.props(policy)["firewallPolicy"];
            if (!isRecord(fp)) {
                continue; // computed in this preview
            }
            for (const key of ["statelessDefaultActions", "statelessFragmentDefaultActions"]) {
                const actions = strings(fp[key]);
                if (actions && actions.includes("aws:pass")) {
                    report(
                        `Firewall policy ${policy.name} passes unmatched packets in ${key} (aws:pass), so they skip stateful inspection; use aws:forward_to_sfe (or aws:drop).`,
                        policy.urn,
                    );
                }
            }
            const options = fp["statefulEngineOptions"];
            const order = isRecord(options) ? str(options["ruleOrder"]) : undefined;
            const defaults = strings(fp["statefulDefaultActions"]);
            if (isUnknown(order) || defaults === undefined) {
                continue;
            }
            if (order !== "STRICT_ORDER" || !defaults.some((a) => DROP_ACTIONS.includes(a))) {
                report(
                    `Firewall policy ${policy.name} has no stateful drop default (rule order ${order ?? "DEFAULT_ACTION_ORDER"}, default actions ${defaults.length > 0 ? defaults.join(", ") : "none"}), so traffic no rule matches passes; use ruleOrder STRICT_ORDER with statefulDefaultActions ["aws:drop_strict"] or ["aws:drop_established"].`,
                    policy.urn,
                );
            }
        }
        for (const fw of g.ofType(TI.firewall)) {
            const logged = new Set<string>();
            let computed = false;
            for (const lc of g.referrers(fw, "firewallArn", [TI.firewallLogging])) {
                const cfg = g.props(lc)["loggingConfiguration"];
                const dests = isRecord(cfg) ? arr(cfg["logDestinationConfigs"]) : undefined;
                if (!isRecord(cfg) || isUnknown(dests)) {
                    computed = true;
                    continue;
                }
                for (const d of dests ?? []) {
                    const t = isRecord(d) ? str(d["logType"]) : undefined;
                    if (typeof t === "string") {
                        logged.add(t);
                    } else if (isUnknown(t)) {
                        computed = true;
                    }
                }
            }
            const missing = requiredLogTypes.filter((t) => !logged.has(t));
            if (!computed && missing.length > 0) {
                report(
                    `Network Firewall ${fw.name} does not log ${missing.join(" and ")}, so what it passed or dropped cannot be traced; add an aws.networkfirewall.LoggingConfiguration with a ${missing.join(" and a ")} destination.`,
                    fw.urn,
                );
            }
        }
    }),
};
