import { strict as assert } from "assert";
import { CapturedResource } from "../../../offline/types";
import { Plan, planFor } from "../../helpers/plan";
import { SERVICE, T } from "./fixtures";

describe("components/endpoint-service: one component per AWS concept", () => {
    const COMPONENT = "landing-zone:endpoint-service:";
    let plan: Plan;
    let outer: CapturedResource;
    before(async () => {
        plan = await planFor(SERVICE);
        outer = plan.one(`${COMPONENT}EndpointService`, "svc-orders-api");
    });
    const part = (type: string, name: string) => plan.one(`${COMPONENT}${type}`, name);
    const kinds = (r: CapturedResource) => [...new Set(plan.children(r.urn).map((c) => c.type))].sort();

    it("composes a load balancer, targets, a service and one consumer per consumer spoke", () => {
        assert.deepEqual(
            plan
                .children(outer.urn)
                .map((c) => `${c.type.slice(COMPONENT.length)}/${c.name}`)
                .sort(),
            [
                "Consumer/svc-orders-api-payments",
                "Consumer/svc-orders-api-tooling",
                "LoadBalancer/svc-orders-api",
                "Service/svc-orders-api",
                "Targets/svc-orders-api",
            ],
        );
        assert.deepEqual(kinds(part("LoadBalancer", "svc-orders-api")), [T.sg, T.ingress, T.lb, T.listener, T.tg].sort());
        assert.deepEqual(kinds(part("Service", "svc-orders-api")), [T.accepter, T.svc, T.principal].sort());
        assert.ok(kinds(part("Targets", "svc-orders-api")).includes(T.asg));
        assert.deepEqual(kinds(part("Consumer", "svc-orders-api-payments")), [T.sg, T.endpoint, T.ingress].sort());
    });

    it("hands every child the provider of its component's region: the service's, or the consumer spoke's", () => {
        for (const c of plan.descendants(outer.urn).filter((r) => r.custom)) {
            const consumer = plan.byUrn(c.parent);
            const expected =
                consumer.type === `${COMPONENT}Consumer` ? (consumer.name.endsWith("payments") ? "eu-west-1" : "eu-west-2") : "eu-west-2";
            assert.ok(c.provider, `${c.urn} has an explicit provider`);
            assert.equal(plan.byUrn(c.provider).region, expected, `${c.urn} is created in ${expected}`);
        }
    });

    it("keeps each moved child's former URN (a direct child of the EndpointService) as an alias, so deployed stacks keep their resources", () => {
        const moved = plan.descendants(outer.urn).filter((r) => r.custom);
        assert.ok(moved.length >= 25);
        // List members were also renamed (named by value now): their alias carries the index name, checked below.
        const member = /-(principal|target|nlb-from|nlb-to)-/;
        for (const r of moved) {
            const former = `urn:pulumi:test::landing-zone::${COMPONENT}EndpointService$${r.type}::`;
            const aliases = r.aliases ?? [];
            assert.ok(
                member.test(r.name) ? aliases.some((a) => a.startsWith(former)) : aliases.includes(former + r.name),
                `${r.urn} declares an alias under ${former}`,
            );
        }
    });
});
