/**
 * Spoke names the program reserves (components/config/rules/network.ts): a name that would give one of
 * its resources the URN of another is refused before anything is registered, under the spoke's name key.
 */
import * as assert from "assert";
import { planRouting } from "../../components/planning/routing";
import { planTopology } from "../../components/planning/topology";
import { expectProblem, expectValid } from "../helpers/config";
import { withBase } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

describe("config: reserved spoke names", () => {
    it('refuses a spoke whose name starts with "endpoints-", naming the key and a fix', () => {
        expectProblem(
            withBase((b) => {
                b.spokes[0].name = "ab";
                b.spokes[1].name = "endpoints-eu-west-1-ab";
            }),
            K("spokes[1].name"),
            { mentions: ["reserved", "peering-endpoints-", "Fix"] },
        );
    });

    it("refuses it because its hub peering would be named like another spoke's regional peering", () => {
        // Why the rule exists: the regional peering of spoke "ab" in eu-west-1 and the hub peering of a
        // spoke named endpoints-eu-west-1-ab (peering-<spoke>) are both peering-endpoints-eu-west-1-ab.
        const c = expectValid(withBase((b) => (b.spokes[0].name = "ab")));
        const routing = planRouting(c, planTopology(c));
        const regional = routing.regionalPeerings.map((p) => `peering-${p.key}`);
        assert.ok(regional.includes("peering-endpoints-eu-west-1-ab"), regional.join(", "));
    });

    it('accepts names that only contain "endpoints" elsewhere', () => {
        expectValid(withBase((b) => (b.spokes[1].name = "shared-endpoints")));
    });
});
