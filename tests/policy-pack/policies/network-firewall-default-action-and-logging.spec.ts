import { networkFirewallDefaultActionAndLogging as policy } from "../../../policy-pack/policies/network-firewall-default-action-and-logging";
import { peeringStack, tgwStack } from "../fixtures";
import { analyzeStack, assertClean, assertIdentity, assertOne, bothModes, UNKNOWN } from "../helpers";
import { inspectionStack } from "../inspection-fixtures";

const POLICY = "inspection-firewall-policy";
const COMPLIANT = {
    statelessDefaultActions: ["aws:forward_to_sfe"],
    statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
    statefulEngineOptions: { ruleOrder: "STRICT_ORDER" },
    statefulDefaultActions: ["aws:drop_established"],
};

/** The firewall stack with the policy's `firewallPolicy` block changed. */
function withPolicy(changes: Record<string, unknown>) {
    return inspectionStack("network-firewall").patch(POLICY, { firewallPolicy: { ...COMPLIANT, ...changes } });
}

describe("policies/network-firewall-default-action-and-logging", () => {
    it("is advisory", () => assertIdentity(policy, "network-firewall-default-action-and-logging", "advisory"));

    it("is vacuous for stacks without a Network Firewall", () => {
        for (const f of [peeringStack(), tgwStack(), inspectionStack("gwlb")]) {
            assertClean(bothModes(policy, f).preview);
        }
    });

    it("accepts forward-to-stateful, strict order with a drop default, and FLOW and ALERT logs (update and preview)", () => {
        const { update, preview } = bothModes(policy, inspectionStack("network-firewall"));
        assertClean(update);
        assertClean(preview);
    });

    it("reports a stateless default action that passes packets past the stateful engine", () => {
        assertOne(
            bothModes(policy, withPolicy({ statelessDefaultActions: ["aws:pass"] })).preview,
            /passes unmatched packets in statelessDefaultActions \(aws:pass\)/,
            POLICY,
        );
        assertOne(
            bothModes(policy, withPolicy({ statelessFragmentDefaultActions: ["aws:pass"] })).preview,
            /in statelessFragmentDefaultActions/,
            POLICY,
        );
    });

    it("reports the default action order (unmatched traffic passes) and an alert-only default", () => {
        assertOne(
            bothModes(policy, withPolicy({ statefulEngineOptions: undefined, statefulDefaultActions: undefined })).preview,
            /has no stateful drop default \(rule order DEFAULT_ACTION_ORDER, default actions none\)/,
            POLICY,
        );
        assertOne(
            bothModes(policy, withPolicy({ statefulDefaultActions: ["aws:alert_strict"] })).preview,
            /rule order STRICT_ORDER, default actions aws:alert_strict/,
        );
    });

    it("reports a firewall without logging, and one that logs only FLOW", () => {
        const none = inspectionStack("network-firewall").remove("inspection-firewall-logging");
        assertOne(
            bothModes(policy, none).preview,
            /^Network Firewall inspection-firewall does not log FLOW and ALERT/,
            "inspection-firewall",
        );
        const f = inspectionStack("network-firewall");
        f.patch("inspection-firewall-logging", {
            loggingConfiguration: {
                logDestinationConfigs: [{ logType: "FLOW", logDestinationType: "S3", logDestination: { bucketName: "logs" } }],
            },
        });
        assertOne(bothModes(policy, f).preview, /does not log ALERT/);
    });

    it("takes the required log types from the pack config", () => {
        const f = inspectionStack("network-firewall");
        f.patch("inspection-firewall-logging", {
            loggingConfiguration: {
                logDestinationConfigs: [{ logType: "ALERT", logDestinationType: "S3", logDestination: { bucketName: "logs" } }],
            },
        });
        assertClean(analyzeStack(policy, f.build({ preview: true }), { requiredLogTypes: ["ALERT"] }));
    });

    it("does not judge a computed policy block or log type", () => {
        assertClean(bothModes(policy, inspectionStack("network-firewall").patch(POLICY, { firewallPolicy: UNKNOWN })).update);
        const f = inspectionStack("network-firewall");
        f.patch("inspection-firewall-logging", { loggingConfiguration: UNKNOWN });
        assertClean(bothModes(policy, f).update);
    });
});
