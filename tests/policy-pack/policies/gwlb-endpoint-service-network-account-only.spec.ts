import type { PolicyResource } from "../../../policy-pack/node_modules/@pulumi/policy";
import { gwlbEndpointServiceNetworkAccountOnly as policy } from "../../../policy-pack/policies/gwlb-endpoint-service-network-account-only";
import { HUB_REGION, peeringStack, T, tgwStack } from "../fixtures";
import { analyzeStack, assertClean, assertIdentity, assertOne, bothModes, policyProxy } from "../helpers";
import { inspectionStack, NETWORK_ACCOUNT } from "../inspection-fixtures";

const OTHER = "arn:aws:iam::111122223333:root";

/** The built stack with every provider pinned to `accounts` (`allowedAccountIds`, JSON-encoded as the Node SDK sends it). */
function pinned(resources: PolicyResource[], accounts: string[]): PolicyResource[] {
    return resources.map((r) =>
        r.provider
            ? {
                  ...r,
                  provider: {
                      ...r.provider,
                      props: policyProxy.unknownCheckingProxy({ region: HUB_REGION, allowedAccountIds: JSON.stringify(accounts) }),
                  },
              }
            : r,
    );
}

describe("policies/gwlb-endpoint-service-network-account-only", () => {
    it("is mandatory", () => assertIdentity(policy, "gwlb-endpoint-service-network-account-only", "mandatory"));

    it("ignores NLB endpoint services (stacks without inspection)", () => {
        for (const f of [peeringStack(), tgwStack()]) {
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        }
    });

    it("accepts the network account's root as the only principal, acceptance required (update and preview)", () => {
        const { update, preview } = bothModes(policy, inspectionStack());
        assertClean(update);
        assertClean(preview);
    });

    it("reports a '*' principal on the service (update and preview)", () => {
        const f = inspectionStack().patch("inspection-service", { allowedPrincipals: ["*"] });
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /^Inspection endpoint service inspection-service allows principal \*, so any account could send traffic into the appliances/,
                "inspection-service",
            );
        }
    });

    it("reports a '*' principal added as a VpcEndpointServiceAllowedPrinciple, on that resource", () => {
        const f = inspectionStack();
        f.add(T.principal, "inspection-service-any", { vpcEndpointServiceId: f.ref("inspection-service"), principalArn: "*" }, HUB_REGION);
        assertOne(bothModes(policy, f).preview, /allows principal \*/, "inspection-service-any");
    });

    it("reports a principal of another account than the configured network account", () => {
        const f = inspectionStack();
        f.add(
            T.principal,
            "inspection-service-other",
            { vpcEndpointServiceId: f.ref("inspection-service"), principalArn: OTHER },
            HUB_REGION,
        );
        const o = analyzeStack(policy, f.build({ preview: true }), { networkAccountIds: [NETWORK_ACCOUNT] });
        assertOne(
            o,
            /allows arn:aws:iam::111122223333:root of account 111122223333, which is not the network account \(123456789012\)/,
            "inspection-service-other",
        );
    });

    it("takes the network account from the provider's allowedAccountIds when the pack config names none", () => {
        const f = inspectionStack().patch("inspection-service", { allowedPrincipals: [OTHER] });
        assertOne(
            analyzeStack(policy, pinned(f.build({ preview: true }), [NETWORK_ACCOUNT])),
            /which is not the network account \(123456789012\)/,
        );
        assertClean(analyzeStack(policy, pinned(inspectionStack().build({ preview: true }), [NETWORK_ACCOUNT])));
    });

    it("without a known network account, reports principals of more than one account", () => {
        const f = inspectionStack().patch("inspection-service", { allowedPrincipals: [`arn:aws:iam::${NETWORK_ACCOUNT}:root`, OTHER] });
        assertOne(
            bothModes(policy, f).preview,
            /allows principals of 2 accounts \(123456789012, 111122223333\), but only the network account may connect/,
            "inspection-service",
        );
    });

    it("reports auto-accept when the configured acceptance is required", () => {
        const f = inspectionStack().patch("inspection-service", { acceptanceRequired: false });
        assertOne(bothModes(policy, f).preview, /has acceptanceRequired false, but the configured value is true/, "inspection-service");
    });

    it("accepts auto-accept when the pack config says the inspection service does not require acceptance", () => {
        const f = inspectionStack().patch("inspection-service", { acceptanceRequired: false });
        assertClean(analyzeStack(policy, f.build({ preview: true }), { acceptanceRequired: false }));
        assertOne(
            analyzeStack(policy, inspectionStack().build({ preview: true }), { acceptanceRequired: false }),
            /acceptanceRequired true, but the configured value is false/,
        );
    });

    it("checks a service given GWLB ARNs as literals, and ignores one with an empty list", () => {
        const f = tgwStack();
        f.add(
            T.endpointService,
            "byo-gwlb-service",
            {
                acceptanceRequired: true,
                gatewayLoadBalancerArns: ["arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/gwy/x/1"],
                allowedPrincipals: ["*"],
            },
            HUB_REGION,
        );
        f.add(
            T.endpointService,
            "empty-service",
            { acceptanceRequired: true, gatewayLoadBalancerArns: [], allowedPrincipals: ["*"] },
            HUB_REGION,
        );
        assertOne(bothModes(policy, f).preview, /byo-gwlb-service allows principal \*/, "byo-gwlb-service");
    });

    it("reports a principal that names no account", () => {
        const f = inspectionStack().patch("inspection-service", { allowedPrincipals: ["ec2.amazonaws.com"] });
        assertOne(bothModes(policy, f).preview, /allows ec2\.amazonaws\.com, which names no account/);
    });
});
