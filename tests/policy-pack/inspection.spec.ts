import * as assert from "assert";
import { stackPolicies } from "../../policy-pack/policies";
import { peeringStack, tgwStack } from "./fixtures";
import { analyzeStack } from "./helpers";
import { inspectionStack } from "./inspection-fixtures";

/** The inspection policies: the stack policies tagged with the centralised-inspection guidance. */
const inspectionPolicies = stackPolicies.filter((p) => (p.tags ?? []).includes("aws-guidance:inspection"));

describe("centralised-inspection policies together", () => {
    it("are the seven of issue 14, mandatory for routing, appliance mode, bypass and the open service", () => {
        assert.deepStrictEqual(Object.fromEntries(inspectionPolicies.map((p) => [p.name, p.enforcementLevel])), {
            "inspection-attachment-appliance-mode": "mandatory",
            "inspection-no-bypass-route": "mandatory",
            "inspection-endpoint-per-az": "mandatory",
            "gwlb-target-group-geneve": "mandatory",
            "gwlb-endpoint-service-network-account-only": "mandatory",
            "appliance-sg-geneve-from-gwlb-subnets": "advisory",
            "network-firewall-default-action-and-logging": "advisory",
        });
    });

    for (const [label, build] of [
        ["peering", peeringStack],
        ["transit gateway", tgwStack],
        ["gwlb inspection", () => inspectionStack("gwlb")],
        ["network-firewall inspection", () => inspectionStack("network-firewall")],
    ] as const) {
        for (const preview of [false, true]) {
            it(`pass the compliant ${label} stack (${preview ? "preview, unknown ids" : "update"}) without deferring`, () => {
                const resources = build().build({ preview });
                const found = inspectionPolicies.flatMap((p) => {
                    const o = analyzeStack(p, resources);
                    return [...o.violations.map((v) => `${p.name}: ${v.message}`), ...(o.deferred ? [`${p.name} deferred`] : [])];
                });
                assert.deepStrictEqual(found, []);
            });
        }
    }
});
