import { strict as assert } from "assert";
import { MOCK_ACCOUNT_ID } from "../../../offline/mocks";
import { Plan, planFor, withBase } from "../../helpers/plan";
import { PRINCIPALS, T } from "./fixtures";

describe("components/endpoint-service: list members are named by value, not position", () => {
    const A = "arn:aws:iam::111122223333:root";
    const B = "arn:aws:iam::444455556666:role/orders-consumer";
    const C = "arn:aws:iam::777788889999:user/ops";
    const IPS = ["10.0.0.10", "10.0.0.11", "10.16.0.12"];
    const CIDRS = ["192.168.0.0/24", "192.168.1.0/24", "192.168.2.0/24"];
    const IDS = ["i-0123456789abcdef0", "i-0123456789abcdef1", "i-0123456789abcdef2"];
    const withoutMiddle = <T>(xs: readonly T[]) => [xs[0], xs[2]];
    const service = (principals: string[], ips: string[], cidrs: string[]) =>
        withBase((c) => {
            c.accountId = "999988887777";
            c.endpointService = {
                name: "orders",
                port: 8443,
                allowedPrincipals: principals,
                consumers: ["payments"],
                targets: { ipAddresses: ips },
                allowedSourceCidrs: cidrs,
            };
        });
    const instances = (ids: string[]) => withBase((c) => (c.endpointService = { name: "legacy", targets: { instanceIds: ids } }));
    let before3: Plan;
    let after2: Plan;
    let instBefore: Plan;
    let instAfter: Plan;
    before(async () => {
        before3 = await planFor(service([A, B, C], IPS, CIDRS));
        after2 = await planFor(service(withoutMiddle([A, B, C]), withoutMiddle(IPS), withoutMiddle(CIDRS)));
        instBefore = await planFor(instances(IDS));
        instAfter = await planFor(instances(withoutMiddle(IDS)));
    });
    /** URN of the resource of `type` whose input `prop` is `value` (exactly one). */
    const urnOf = (plan: Plan, type: string, prop: string, value: string) => {
        const found = plan.byType(type).filter((r) => r.inputs[prop] === value);
        assert.equal(found.length, 1, `one ${type} with ${prop} = ${value}`);
        return found[0].urn;
    };

    it("keeps the URN of every surviving allowed principal when one is removed from the middle", () => {
        for (const arn of [A, C]) {
            assert.equal(
                urnOf(after2, T.principal, "principalArn", arn),
                urnOf(before3, T.principal, "principalArn", arn),
                `${arn} keeps its resource`,
            );
        }
        assert.equal(after2.byType(T.principal).filter((p) => p.inputs.principalArn === B).length, 0);
    });

    it("keeps the URN of every surviving target registration (IP or instance) and NLB egress rule when a target is removed from the middle", () => {
        for (const ip of [IPS[0], IPS[2]]) {
            assert.equal(urnOf(after2, T.tga, "targetId", ip), urnOf(before3, T.tga, "targetId", ip), `${ip} keeps its registration`);
            assert.equal(
                urnOf(after2, T.egress, "cidrIpv4", `${ip}/32`),
                urnOf(before3, T.egress, "cidrIpv4", `${ip}/32`),
                `${ip}/32 keeps its NLB egress rule`,
            );
        }
        for (const id of [IDS[0], IDS[2]]) {
            assert.equal(urnOf(instAfter, T.tga, "targetId", id), urnOf(instBefore, T.tga, "targetId", id), `${id} keeps its registration`);
        }
    });

    it("keeps the URN of every surviving allowedSourceCidrs rule when a CIDR is removed from the middle", () => {
        for (const cidr of [CIDRS[0], CIDRS[2]]) {
            assert.equal(
                urnOf(after2, T.ingress, "cidrIpv4", cidr),
                urnOf(before3, T.ingress, "cidrIpv4", cidr),
                `${cidr} keeps its NLB ingress rule`,
            );
        }
    });

    it("aliases each current member to the index name it has in the current list, so a stack deployed with index names keeps its resources", () => {
        const legacy = (type: string, name: string) =>
            `urn:pulumi:test::landing-zone::landing-zone:endpoint-service:EndpointService$${type}::${name}`;
        const aliasesOf = (plan: Plan, type: string, prop: string, value: string) =>
            plan.byUrn(urnOf(plan, type, prop, value)).aliases ?? [];
        [A, B, C].forEach((arn, i) =>
            assert.ok(
                aliasesOf(before3, T.principal, "principalArn", arn).includes(legacy(T.principal, `svc-orders-principal-${i}`)),
                `${arn} aliases principal-${i}`,
            ),
        );
        assert.ok(
            aliasesOf(after2, T.principal, "principalArn", C).includes(legacy(T.principal, "svc-orders-principal-1")),
            "after the removal C is at index 1",
        );
        IPS.forEach((ip, i) => {
            assert.ok(
                aliasesOf(before3, T.tga, "targetId", ip).includes(legacy(T.tga, `svc-orders-target-${i}`)),
                `${ip} aliases target-${i}`,
            );
            assert.ok(
                aliasesOf(before3, T.egress, "cidrIpv4", `${ip}/32`).includes(legacy(T.egress, `svc-orders-nlb-to-targets-${i}`)),
                `${ip}/32 aliases nlb-to-targets-${i}`,
            );
        });
        CIDRS.forEach((cidr, i) =>
            assert.ok(
                aliasesOf(before3, T.ingress, "cidrIpv4", cidr).includes(legacy(T.ingress, `svc-orders-nlb-from-external-${i}`)),
                `${cidr} aliases nlb-from-external-${i}`,
            ),
        );
        IDS.forEach((id, i) =>
            assert.ok(
                aliasesOf(instBefore, T.tga, "targetId", id).includes(legacy(T.tga, `svc-legacy-target-${i}`)),
                `${id} aliases target-${i}`,
            ),
        );
    });
});

describe("components/endpoint-service: supported regions and this account", () => {
    it("declares supportedRegions as just its own region when no consumer is cross-region (an omitted value would keep the old regions)", async () => {
        // Optional + Computed in the provider: leaving it out after the last cross-region consumer goes
        // keeps the regions AWS reported before, so the service would stay open to them.
        const sameRegion = await planFor(
            withBase((c) => {
                c.supernets["eu-west-2"] = "10.32.0.0/12";
                c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20" });
                c.endpointService = { name: "local", consumers: ["tooling"] };
            }),
        );
        assert.deepEqual(sameRegion.one(T.svc, "svc-local").inputs.supportedRegions, ["eu-west-2"]);
        assert.deepEqual((sameRegion.outputs.endpointService as Record<string, unknown>).supportedRegions, ["eu-west-2"]);
        const none = await planFor(withBase((c) => (c.endpointService = { name: "alone" })));
        assert.deepEqual(none.one(T.svc, "svc-alone").inputs.supportedRegions, ["eu-west-2"]);
    });

    it("allows this account once when accountId is not pinned and the caller's account is listed", async () => {
        const self = `arn:aws:iam::${MOCK_ACCOUNT_ID}:root`;
        const p = await planFor(
            withBase((c) => (c.endpointService = { name: "unpinned", allowedPrincipals: [self, PRINCIPALS[1]], consumers: ["payments"] })),
        );
        const principals = p.byType(T.principal);
        assert.deepEqual(principals.map((x) => x.inputs.principalArn).sort(), [self, PRINCIPALS[1]].sort());
        const mine = principals.find((x) => x.inputs.principalArn === self);
        assert.ok(
            mine && p.one(T.endpoint, "svc-unpinned-payments").dependencies.includes(mine.urn),
            "the endpoint waits for that one resource",
        );
        // A preview decides the same: the caller identity is an invoke, answered during a preview too.
        const preview = await planFor(
            withBase((c) => (c.endpointService = { name: "unpinned", allowedPrincipals: [self, PRINCIPALS[1]], consumers: ["payments"] })),
            { preview: true },
        );
        assert.deepEqual(
            preview
                .byType(T.principal)
                .map((x) => x.name)
                .sort(),
            principals.map((x) => x.name).sort(),
        );
    });

    it("names this account's principal by its ARN whether it comes from the config or from the caller, aliasing the former principal-self", async () => {
        const unlisted = await planFor(
            withBase((c) => (c.endpointService = { name: "unpinned", allowedPrincipals: [PRINCIPALS[1]], consumers: ["payments"] })),
        );
        const self = unlisted.one(T.principal, `svc-unpinned-principal-${MOCK_ACCOUNT_ID}-root`);
        assert.equal(self.inputs.principalArn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:root`);
        assert.ok(
            (self.aliases ?? []).includes(
                "urn:pulumi:test::landing-zone::landing-zone:endpoint-service:EndpointService$" +
                    T.principal +
                    "::svc-unpinned-principal-self",
            ),
            JSON.stringify(self.aliases),
        );
    });
});

describe("components/endpoint-service: NLB client rules are named by CIDR and port, whoever admits them", () => {
    // The rule's AWS identity is (group, protocol, port, CIDR): two resources for one CIDR — one named
    // after a consumer, one after the CIDR — would both own it for a moment when the CIDR moves between
    // consumers and allowedSourceCidrs (InvalidPermission.Duplicate).
    const ANALYTICS = "10.16.16.0/20";
    const legacy = (name: string) => `urn:pulumi:test::landing-zone::landing-zone:endpoint-service:EndpointService$${T.ingress}::${name}`;
    const config = (consumers: string[], cidrs: string[]) =>
        withBase((c) => (c.endpointService = { name: "orders", port: 443, consumers, allowedSourceCidrs: cidrs }));
    let both: Plan;
    let externalOnly: Plan;
    before(async () => {
        both = await planFor(config(["payments", "analytics"], [ANALYTICS]));
        externalOnly = await planFor(config(["payments"], [ANALYTICS]));
    });
    const rulesFor = (plan: Plan, cidr: string) =>
        plan.byType(T.ingress).filter((r) => r.name.startsWith("svc-orders-nlb-from-") && r.inputs.cidrIpv4 === cidr);

    it("gives a CIDR the same rule name as a consumer, as an allowedSourceCidr, or both", () => {
        const a = rulesFor(both, ANALYTICS);
        const b = rulesFor(externalOnly, ANALYTICS);
        assert.deepEqual(
            a.map((r) => r.name),
            ["svc-orders-nlb-from-10-16-16-0-20-443"],
        );
        assert.deepEqual(
            b.map((r) => r.name),
            ["svc-orders-nlb-from-10-16-16-0-20-443"],
        );
        assert.equal(a[0].urn, b[0].urn);
    });

    it("names the host VPC's and each consumer's rule by CIDR too, aliasing the former nlb-from-host and nlb-from-<consumer> names", () => {
        const host = rulesFor(both, "10.0.0.0/16");
        assert.deepEqual(
            host.map((r) => r.name),
            ["svc-orders-nlb-from-10-0-0-0-16-443"],
        );
        assert.ok((host[0].aliases ?? []).includes(legacy("svc-orders-nlb-from-host")), JSON.stringify(host[0].aliases));
        const payments = rulesFor(both, "10.16.0.0/20");
        assert.deepEqual(
            payments.map((r) => r.name),
            ["svc-orders-nlb-from-10-16-0-0-20-443"],
        );
        assert.ok((payments[0].aliases ?? []).includes(legacy("svc-orders-nlb-from-payments")), JSON.stringify(payments[0].aliases));
        assert.ok(
            (rulesFor(both, ANALYTICS)[0].aliases ?? []).includes(legacy("svc-orders-nlb-from-analytics")),
            "a CIDR that is a consumer's keeps the consumer-named rule",
        );
        assert.ok(
            (rulesFor(externalOnly, ANALYTICS)[0].aliases ?? []).includes(legacy("svc-orders-nlb-from-external-0")),
            "a CIDR of allowedSourceCidrs only keeps its index-named rule",
        );
    });

    it("says in the description who the rule admits (the only input that differs, updated in place)", () => {
        assert.match(String(rulesFor(both, ANALYTICS)[0].inputs.description), /analytics/);
        assert.match(String(rulesFor(externalOnly, ANALYTICS)[0].inputs.description), /allowedSourceCidrs/);
        const { description: _a, ...restA } = rulesFor(both, ANALYTICS)[0].inputs;
        const { description: _b, ...restB } = rulesFor(externalOnly, ANALYTICS)[0].inputs;
        assert.deepEqual(restA, restB);
    });
});
