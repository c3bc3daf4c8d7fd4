import { inspectionEndpointPerAz as policy } from "../../../policy-pack/policies/inspection-endpoint-per-az";
import { HUB_REGION, peeringStack, T, tgwStack } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes } from "../helpers";
import { endpointOf, inspectionStack } from "../inspection-fixtures";

describe("policies/inspection-endpoint-per-az", () => {
    it("is mandatory", () => assertIdentity(policy, "inspection-endpoint-per-az", "mandatory"));

    it("is vacuous for stacks without an inspection VPC", () => {
        for (const f of [peeringStack(), tgwStack()]) {
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        }
    });

    for (const engine of ["gwlb", "network-firewall"] as const) {
        it(`accepts one endpoint per AZ with each TGW subnet routed to its own AZ's endpoint (${engine}, update and preview)`, () => {
            const { update, preview } = bothModes(policy, inspectionStack(engine));
            assertClean(update);
            assertClean(preview);
        });
    }

    it("reports an AZ whose TGW subnet has no GWLB endpoint (one AZ's endpoint removed), naming the subnet and AZ", () => {
        const f = inspectionStack().remove("inspection-tgw-rt-b-0.0.0.0/0").remove("inspection-gwlbe-b");
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /^Inspection VPC inspection has transit gateway subnet inspection-tgw-b in eu-west-2b but no GWLB or firewall endpoint there/,
                "inspection-tgw-b",
            );
        }
    });

    it("reports an AZ the Network Firewall does not map a subnet in", () => {
        const f = inspectionStack("network-firewall");
        f.patch("inspection-firewall", { subnetMappings: [{ subnetId: f.ref("inspection-endpoint-a") }] });
        assertOne(
            bothModes(policy, f).preview,
            /subnet inspection-tgw-b in eu-west-2b but no GWLB or firewall endpoint/,
            "inspection-tgw-b",
        );
    });

    it("reports a TGW subnet route that points at another AZ's endpoint, naming the route (update and preview)", () => {
        const f = inspectionStack();
        f.patch("inspection-tgw-rt-b-0.0.0.0/0", { vpcEndpointId: f.ref(endpointOf("gwlb", "a")) });
        for (const o of Object.values(bothModes(policy, f))) {
            assertOne(
                o,
                /route inspection-tgw-rt-b-0\.0\.0\.0\/0 \(route table of transit gateway subnet inspection-tgw-b, eu-west-2b\) sends traffic to inspection-gwlbe-a in eu-west-2a, another AZ/,
                "inspection-tgw-rt-b-0.0.0.0/0",
            );
        }
    });

    it("reports one route table shared by the TGW subnets of two AZs", () => {
        const f = inspectionStack();
        f.patch("inspection-tgw-rta-b", { routeTableId: f.ref("inspection-tgw-rt-a") });
        assertOne(
            bothModes(policy, f).preview,
            /transit gateway subnet inspection-tgw-b, eu-west-2b\) sends traffic to inspection-gwlbe-a in eu-west-2a/,
        );
    });

    it("reports a TGW subnet route table with no route to an inspection endpoint", () => {
        const f = inspectionStack().remove("inspection-tgw-rt-a-0.0.0.0/0");
        f.add(
            T.route,
            "inspection-tgw-rt-a-to-tgw",
            { routeTableId: f.ref("inspection-tgw-rt-a"), destinationCidrBlock: "10.0.0.0/8", transitGatewayId: f.ref("tgw-eu-west-2") },
            HUB_REGION,
        );
        assertOne(
            bothModes(policy, f).preview,
            /^Route table inspection-tgw-rt-a of transit gateway subnet inspection-tgw-a \(eu-west-2a\) sends nothing to an inspection endpoint/,
            "inspection-tgw-rt-a",
        );
    });

    it("reports a TGW subnet left on the main route table", () => {
        const f = inspectionStack().remove("inspection-tgw-rta-a");
        assertOne(
            bothModes(policy, f).preview,
            /^Transit gateway subnet inspection-tgw-a of inspection VPC inspection has no route table association/,
            "inspection-tgw-a",
        );
    });

    it("accepts inline routes in the TGW subnet's route table", () => {
        const f = inspectionStack().remove("inspection-tgw-rt-a-0.0.0.0/0");
        f.patch("inspection-tgw-rt-a", { routes: [{ cidrBlock: "0.0.0.0/0", vpcEndpointId: f.ref("inspection-gwlbe-a") }] });
        assertClean(bothModes(policy, f).preview);
    });

    it("compares AZ ids when subnets give AZ ids instead of names", () => {
        const f = inspectionStack();
        for (const [tier, az, id] of [
            ["tgw", "a", "euw2-az2"],
            ["tgw", "b", "euw2-az3"],
            ["endpoint", "a", "euw2-az2"],
            ["endpoint", "b", "euw2-az3"],
        ]) {
            f.patch(`inspection-${tier}-${az}`, { availabilityZone: undefined, availabilityZoneId: id });
        }
        assertClean(bothModes(policy, f).preview);
        f.patch("inspection-tgw-rt-b-0.0.0.0/0", { vpcEndpointId: f.ref("inspection-gwlbe-a") });
        assertOne(bothModes(policy, f).preview, /sends traffic to inspection-gwlbe-a in euw2-az2, another AZ/);
    });
});
