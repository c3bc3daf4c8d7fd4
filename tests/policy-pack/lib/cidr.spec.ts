import * as assert from "assert";
import { contains, coveredBy, isAnyAddress, overlaps, parseIpv4 } from "../../../policy-pack/lib/cidr";

describe("lib/cidr", () => {
    it("parses and masks IPv4 CIDRs, rejecting malformed ones", () => {
        assert.deepStrictEqual(parseIpv4("10.0.0.1/16"), { cidr: "10.0.0.1/16", first: 167772160, last: 167837695, prefix: 16 });
        assert.strictEqual(parseIpv4("255.255.255.255/32")?.first, 4294967295);
        assert.strictEqual(parseIpv4("10.0.0.0/33"), undefined);
        assert.strictEqual(parseIpv4("10.0.0.256/24"), undefined);
        assert.strictEqual(parseIpv4("::/0"), undefined);
    });

    it("compares ranges", () => {
        const a = parseIpv4("10.16.0.0/12")!;
        const b = parseIpv4("10.16.16.0/20")!;
        const c = parseIpv4("10.32.0.0/20")!;
        assert.ok(contains(a, b) && !contains(b, a));
        assert.ok(overlaps(a, b) && !overlaps(a, c));
        assert.ok(coveredBy("10.16.16.0/20", ["10.0.0.0/16", "10.16.0.0/12"]));
        assert.ok(!coveredBy("10.32.0.0/20", ["10.16.0.0/12", "garbage"]));
    });

    it("recognises any-address blocks in both families", () => {
        for (const c of ["0.0.0.0/0", "::/0", "10.0.0.0/0", " 0.0.0.0/0 "]) {
            assert.ok(isAnyAddress(c), c);
        }
        for (const c of ["0.0.0.0/1", "10.0.0.0/8", "::/1", "2001:db8::/32"]) {
            assert.ok(!isAnyAddress(c), c);
        }
    });
});
