import { strict as assert } from "assert";
import { defaultAsn } from "../../components/planning/topology";

describe("planning/topology: default transit gateway ASNs", () => {
    it("are pinned per region: a changed ASN replaces the transit gateway", () => {
        // If this fails, a region row was inserted or reordered in components/aws/regions.ts: append instead.
        assert.deepEqual(
            ["us-east-1", "eu-west-1", "eu-west-2", "eu-central-1", "af-south-1"].map(defaultAsn),
            [64512, 64518, 64519, 64521, 64532],
        );
    });
    it("are unique per region", () => {
        const regions = [
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "eu-central-1",
            "ap-south-1",
            "sa-east-1",
        ];
        assert.equal(new Set(regions.map(defaultAsn)).size, regions.length);
    });
    it("rejects an unknown region", () => {
        assert.throws(() => defaultAsn("moon-north-1"), /unknown region/);
    });
});
