/**
 * The cost report's comparison (offline/cost.ts): the hub comparison is about the hub Region's APIs, and
 * the spoke Regions' own APIs are compared per regional endpoint set.
 */
import * as assert from "assert";
import { TRAFFIC_DEFAULTS, validateConfig } from "../../components/config/schema";
import { estimateCost } from "../../offline/cost";
import { planFor, withBase } from "../helpers/plan";

describe("cost comparison (offline/cost.ts)", () => {
    it("says the hub comparison covers the hub Region's APIs and points to regionalSets for each spoke Region's own, which lists eu-west-1", async () => {
        const config = withBase(() => undefined);
        const v = validateConfig(config);
        assert.ok(v.ok);
        const cost = estimateCost((await planFor(config)).resources, v.config, TRAFFIC_DEFAULTS);
        assert.doesNotMatch(cost.comparison.note, /which the centralised design does not/);
        assert.match(cost.comparison.note, /compared in regionalSets/);
        assert.deepStrictEqual(
            cost.regionalSets.map((r) => r.region),
            ["eu-west-1"],
        );
    });
});
