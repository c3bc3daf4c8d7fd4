import * as assert from "assert";
import { forTypes } from "../../../policy-pack/lib/policy";
import { resourcePolicies } from "../../../policy-pack/policies";
import { T } from "../../../policy-pack/lib/types";

/**
 * What @pulumi/policy's `getPulumiType` reads (policy.js) before its Analyze fast path (server.js). Read
 * here directly: loading @pulumi/policy in this process would break pack.spec's "no side effects" check.
 */
function getPulumiType(obj: unknown): string | undefined {
    const t = (obj as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof t === "string" && t.length > 0 ? t : undefined;
}

describe("lib/policy forTypes", () => {
    it("binds a single-type check to its type, so @pulumi/policy skips other types without deserializing", () => {
        assert.strictEqual(getPulumiType(forTypes([T.subnet], () => undefined)), T.subnet);
    });

    it("leaves multi-type and predicate checks unbound (the fast path would wrongly skip their other types)", () => {
        assert.strictEqual(getPulumiType(forTypes([T.subnet, T.vpc], () => undefined)), undefined);
        assert.strictEqual(
            getPulumiType(
                forTypes(
                    (t) => t.startsWith("aws:"),
                    () => undefined,
                ),
            ),
            undefined,
        );
    });

    it("binds the pack's seven single-type resource policies", () => {
        let bound = 0;
        for (const p of resourcePolicies) {
            if (!p.validateResource || Array.isArray(p.validateResource)) {
                continue;
            }
            const type = getPulumiType(p.validateResource);
            if (type) {
                bound++;
                assert.ok(type.startsWith("aws:"), `${p.name}: ${type}`);
            }
        }
        // subnet-no-public-ip, the two transit-gateway rules, the two interface-endpoint rules, acceptance,
        // ram-share-no-external-principals.
        assert.strictEqual(bound, 7);
    });
});
