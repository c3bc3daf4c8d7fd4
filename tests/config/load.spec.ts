/**
 * Pulumi's flat config map -> raw config (components/config/load.ts rawConfigFrom), and the round trip
 * with the helper tests use to build that map.
 */
import * as assert from "assert";
import { rawConfigFrom } from "../../components/config/load";
import { validateConfig } from "../../components/config/schema";
import { baseConfig, flatConfig } from "../helpers/plan";

describe("config load: rawConfigFrom", () => {
    it("parses structured values from JSON text and drops other namespaces", () => {
        const raw = rawConfigFrom({
            "landing-zone:hub": '{"cidr":"10.0.0.0/16","azCount":2}',
            "landing-zone:protect": "true",
            "aws:region": "eu-west-2",
            "other:hub": "{}",
        });
        assert.deepStrictEqual(raw, { hub: { cidr: "10.0.0.0/16", azCount: 2 }, protect: true });
    });

    it("keeps account and organization ids as text, even when they look like numbers", () => {
        // A JSON parse would turn 012345678901 into a number and lose the leading zero.
        const raw = rawConfigFrom({ "landing-zone:accountId": "012345678901", "landing-zone:organizationId": "o-a1b2c3d4e5" });
        assert.deepStrictEqual(raw, { accountId: "012345678901", organizationId: "o-a1b2c3d4e5" });
    });

    it("keeps text that is not JSON as text", () => {
        assert.deepStrictEqual(rawConfigFrom({ "landing-zone:hub": "10.0.0.0/16" }), { hub: "10.0.0.0/16" });
    });

    it("round-trips the test helper's flat map to the same validated config", () => {
        const direct = validateConfig(baseConfig());
        const viaFlat = validateConfig(rawConfigFrom(flatConfig(baseConfig())));
        assert.ok(direct.ok && viaFlat.ok);
        assert.deepStrictEqual(viaFlat.config, direct.config);
    });
});
