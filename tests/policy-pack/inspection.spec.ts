import * as assert from "assert";
import { stackPolicies } from "../../policy-pack/policies";
import { HUB_REGION, peeringStack, T, tgwStack } from "./fixtures";
import { analyzeStack, StackFixture } from "./helpers";
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

    // Distributed inspection: a spoke with its own GWLB endpoint (e.g. to a vendor's or another team's
    // GWLB service, in one subnet) is a spoke, not the inspection VPC — its attachment needs no appliance
    // mode and nothing asks it for an endpoint per AZ of its transit subnets.
    const withSpokeGwlbEndpoint = (f: StackFixture): StackFixture => {
        f.add(
            T.endpoint,
            "local-own-gwlbe",
            {
                vpcId: f.ref("local"),
                vpcEndpointType: "GatewayLoadBalancer",
                serviceName: "com.amazonaws.vpce.eu-west-2.vpce-svc-0123456789abcdef0",
                subnetIds: [f.ref("local-endpoint-a")],
            },
            HUB_REGION,
        );
        return f;
    };
    for (const [label, build] of [
        ["transit gateway", tgwStack],
        ["gwlb inspection", () => inspectionStack("gwlb")],
    ] as const) {
        it(`judge no spoke that holds its own GWLB endpoint as an inspection VPC (${label} stack)`, () => {
            const resources = withSpokeGwlbEndpoint(build()).build({ preview: false });
            const found = inspectionPolicies.flatMap((p) => analyzeStack(p, resources).violations.map((v) => `${p.name}: ${v.message}`));
            assert.deepStrictEqual(found, []);
        });
    }

    it("still judge the inspection VPC beside such a spoke: its appliance mode off fails", () => {
        const f = withSpokeGwlbEndpoint(inspectionStack("gwlb"));
        f.patch("attach-inspection", { applianceModeSupport: "disable" });
        const o = analyzeStack(
            inspectionPolicies.find((p) => p.name === "inspection-attachment-appliance-mode") as (typeof inspectionPolicies)[number],
            f.build({ preview: false }),
        );
        assert.equal(o.violations.length, 1);
        assert.match(o.violations[0].message, /attach-inspection/);
        assert.doesNotMatch(o.violations[0].message, /attach-local/);
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
