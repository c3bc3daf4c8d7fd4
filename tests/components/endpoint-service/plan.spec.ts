import { strict as assert } from "assert";
import fc from "fast-check";
import { cidrRuleKey, namedMembers, planClientSources, principalKey, slug, targetKey } from "../../../components/endpoint-service/plan";

describe("components/endpoint-service/plan: names of list members", () => {
    it("names principals readably by account, kind and name", () => {
        assert.equal(principalKey("arn:aws:iam::111122223333:root"), "111122223333-root");
        assert.equal(principalKey("arn:aws:iam::444455556666:role/orders-consumer"), "444455556666-role-orders-consumer");
        assert.equal(principalKey("arn:aws:iam::444455556666:user/ops"), "444455556666-user-ops");
        assert.equal(principalKey("*"), "any");
    });

    it("appends a hash when the readable form loses characters, so role names differing only in punctuation or case stay apart", () => {
        const keys = ["a-b", "a.b", "A-b", "a_b", "a+b"].map((n) => principalKey(`arn:aws:iam::444455556666:role/${n}`));
        assert.equal(new Set(keys).size, keys.length, keys.join(", "));
        assert.match(keys[1], /^444455556666-role-a-b-[0-9a-f]{8}$/);
    });

    it("gives different principals different names (property)", () => {
        const name = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,64}$/);
        fc.assert(
            fc.property(name, name, fc.constantFrom("role", "user"), (a, b, kind) => {
                fc.pre(a !== b);
                return principalKey(`arn:aws:iam::444455556666:${kind}/${a}`) !== principalKey(`arn:aws:iam::444455556666:${kind}/${b}`);
            }),
        );
    });

    it("keeps long names short and stable", () => {
        const long = `arn:aws:iam::444455556666:role/${"x".repeat(64)}`;
        assert.ok(principalKey(long).length <= 70);
        assert.equal(principalKey(long), principalKey(long));
        assert.ok(slug("y".repeat(200)).length <= 48);
    });

    it("names targets by (target, port) and CIDR rules by (CIDR, port)", () => {
        assert.equal(targetKey("i-0123456789abcdef0", 443), "i-0123456789abcdef0-443");
        assert.equal(targetKey("10.0.0.10", 8443), "10-0-0-10-8443");
        assert.equal(cidrRuleKey("192.168.0.0/24", 443), "192-168-0-0-24-443");
    });

    it("keeps the first of duplicate values and records each member's index in the current list", () => {
        const m = namedMembers(["a", "b", "a", "c"], (v) => v);
        assert.deepEqual(
            m.map((x) => [x.value, x.formerKey]),
            [
                ["a", "0"],
                ["b", "1"],
                ["c", "3"],
            ],
        );
    });

    it("admits each client CIDR once, named by CIDR and port whoever admits it: an allowedSourceCidrs entry equal to a consumer's CIDR adds no second rule (AWS refuses duplicates)", () => {
        const s = planClientSources(
            "10.0.0.0/16",
            [{ name: "payments", cidr: "10.16.0.0/20" }],
            ["10.16.0.0/20", "192.168.0.0/24", "192.168.0.0/24"],
            443,
        );
        assert.deepEqual(
            s.map((x) => [x.key, x.cidr, x.formerKey]),
            [
                ["10-0-0-0-16-443", "10.0.0.0/16", "host"],
                ["10-16-0-0-20-443", "10.16.0.0/20", "payments"],
                ["192-168-0-0-24-443", "192.168.0.0/24", "external-1"],
            ],
        );
    });
});
