/**
 * `hub.availabilityZones` / `spokes[i].availabilityZones` (components/config/availability-zones.ts):
 * what a pin accepts, how azCount follows it, and one negative test per rule, each naming the exact key
 * and the fix. Resolution against the account's zones is components/network/zones.ts
 * (tests/components/vpc-zones.spec.ts).
 */
import * as assert from "assert";
import { DEFAULTS } from "../../components/config/schema";
import { expectProblem, expectValid } from "../helpers/config";
import { withBase } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

describe("config: availabilityZones pins", () => {
    describe("accepted pins", () => {
        it("accepts zone names of the VPC's region, and azCount defaults to the pin's length", () => {
            const c = expectValid(
                withBase((b) => {
                    b.hub.availabilityZones = ["eu-west-2b", "eu-west-2a"];
                    b.spokes[0].availabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
                }),
            );
            assert.deepStrictEqual(c.hub.availabilityZones, ["eu-west-2b", "eu-west-2a"]);
            assert.strictEqual(c.hub.azCount, 2);
            assert.strictEqual(c.spokes[0].azCount, 3);
        });

        it("accepts AZ IDs of the VPC's region, also mixed with names, and an azCount equal to the pin's length", () => {
            const c = expectValid(
                withBase((b) => {
                    b.spokes[1].azCount = 2;
                    b.spokes[1].availabilityZones = ["euw1-az3", "eu-west-1a"];
                }),
            );
            assert.deepStrictEqual(c.spokes[1].availabilityZones, ["euw1-az3", "eu-west-1a"]);
            assert.strictEqual(c.spokes[1].azCount, 2);
        });

        it("leaves an unpinned VPC's azCount at its default and sets no pin", () => {
            const c = expectValid(withBase(() => undefined));
            assert.strictEqual(c.hub.azCount, DEFAULTS.hubAzCount);
            assert.strictEqual(c.spokes[0].azCount, DEFAULTS.spokeAzCount);
            assert.ok(!("availabilityZones" in c.hub));
            assert.ok(!("availabilityZones" in c.spokes[0]));
        });

        it("accepts zone names for an awsx-built spoke", () => {
            expectValid(
                withBase((b) => {
                    b.spokes[0].builder = "awsx";
                    b.spokes[0].availabilityZones = ["eu-west-1c", "eu-west-1a"];
                }),
            );
        });
    });

    describe("rejected pins", () => {
        it("rejects a pin whose length differs from azCount", () => {
            expectProblem(
                withBase((b) => {
                    b.hub.azCount = 3;
                    b.hub.availabilityZones = ["eu-west-2a", "eu-west-2b"];
                }),
                K("hub.availabilityZones"),
                { mentions: ["pins 2 zones, but azCount is 3", "list exactly 3 zones, or drop azCount"] },
            );
        });

        it("rejects an empty pin", () => {
            expectProblem(
                withBase((b) => (b.spokes[0].availabilityZones = [])),
                K("spokes[0].availabilityZones"),
                { mentions: ["pins no zone"] },
            );
        });

        it("rejects a zone name of another region, naming both regions", () => {
            expectProblem(
                withBase((b) => (b.spokes[1].availabilityZones = ["eu-west-1a", "eu-west-2b"])),
                K("spokes[1].availabilityZones[1]"),
                { mentions: ['"eu-west-2b" is a zone of eu-west-2, but the VPC is in eu-west-1', "eu-west-1a"] },
            );
        });

        it("rejects an AZ ID of another region, listing the region's IDs", () => {
            expectProblem(
                withBase((b) => (b.hub.availabilityZones = ["euw1-az1", "euw2-az2"])),
                K("hub.availabilityZones[0]"),
                { mentions: ["an AZ ID of eu-west-1, but the VPC is in eu-west-2", "euw2-az1, euw2-az2, euw2-az3"] },
            );
        });

        it("rejects an AZ ID that no supported region has", () => {
            expectProblem(
                withBase((b) => (b.hub.availabilityZones = ["euw2-az1", "euw2-az9"])),
                K("hub.availabilityZones[1]"),
                { mentions: ['"euw2-az9" is not a known AZ ID'] },
            );
        });

        it("rejects an entry that is neither a zone name nor an AZ ID (a Local Zone needs opt-in and is not a slot)", () => {
            for (const bad of ["a", "eu-west-1", "EU-WEST-1A", "us-west-2-lax-1a"]) {
                expectProblem(
                    withBase((b) => (b.spokes[0].availabilityZones = [bad, "eu-west-1b"])),
                    K("spokes[0].availabilityZones[0]"),
                    { mentions: ["Fix: use a zone of eu-west-1 by name (e.g. eu-west-1a) or by AZ ID (e.g. euw1-az1)"] },
                );
            }
        });

        it("rejects a zone pinned twice", () => {
            expectProblem(
                withBase((b) => (b.spokes[0].availabilityZones = ["eu-west-1a", "eu-west-1a"])),
                K("spokes[0].availabilityZones[1]"),
                { mentions: ["listed twice (also availabilityZones[0])", "Fix: remove the duplicate"] },
            );
        });

        it("rejects an AZ ID pin on an awsx-built spoke (awsx takes plain zone names)", () => {
            expectProblem(
                withBase((b) => {
                    b.spokes[0].builder = "awsx";
                    b.spokes[0].availabilityZones = ["eu-west-1a", "euw1-az2"];
                }),
                K("spokes[0].availabilityZones[1]"),
                { mentions: ["builder awsx takes zone names", "describe-availability-zones --zone-ids euw1-az2"] },
            );
        });

        it("rejects a pin with more zones than the region has, on the pin rather than on azCount", () => {
            expectProblem(
                withBase((b) => (b.spokes[0].availabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"])),
                K("spokes[0].availabilityZones"),
                { mentions: ["pins 4 zones, but eu-west-1 has 3 AZs"] },
            );
        });
    });
});
