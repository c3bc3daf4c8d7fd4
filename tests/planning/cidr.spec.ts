/**
 * CIDR arithmetic (components/planning/cidr.ts): unit tests and properties checked against brute force.
 */
import * as assert from "assert";
import fc from "fast-check";
import { cidr, contains, formatCidr, isPrivate, last, overlaps, parseCidr, size, subdivide } from "../../components/planning/cidr";
import { addresses, anyCidr, smallCidr } from "../helpers/arbitraries";

describe("planning/cidr", () => {
    describe("parseCidr", () => {
        it("parses canonical blocks", () => {
            assert.deepStrictEqual(parseCidr("10.0.0.0/16"), { ok: true, cidr: { base: 10 * 2 ** 24, prefix: 16 } });
            assert.deepStrictEqual(parseCidr("0.0.0.0/0"), { ok: true, cidr: { base: 0, prefix: 0 } });
            assert.deepStrictEqual(parseCidr("255.255.255.255/32"), { ok: true, cidr: { base: 2 ** 32 - 1, prefix: 32 } });
            assert.deepStrictEqual(parseCidr("192.168.4.128/25"), {
                ok: true,
                cidr: { base: 192 * 2 ** 24 + (168 << 16) + (4 << 8) + 128, prefix: 25 },
            });
        });

        it("keeps addresses unsigned above 128.0.0.0", () => {
            const r = parseCidr("200.1.0.0/16");
            assert.ok(r.ok);
            assert.ok(r.cidr.base > 0);
            assert.strictEqual(formatCidr(r.cidr), "200.1.0.0/16");
        });

        it("rejects junk with a reason", () => {
            for (const junk of [
                "",
                "10.0.0.0",
                "10.0.0/16",
                "10.0.0.0/",
                "/16",
                "10.0.0.0/16/1",
                "10.0.0.0 /16",
                "a.b.c.d/16",
                "10.0.0.0/-1",
                "10.0.0.0/16x",
                "10.0.0.0.0/16",
                "1000.0.0.0/8",
                "10.0.0.0/160",
                "::/0",
                "2001:db8::/32",
            ]) {
                const r = parseCidr(junk);
                assert.ok(!r.ok, `${JSON.stringify(junk)} should be rejected`);
                assert.ok(r.reason.includes(JSON.stringify(junk)), `reason should quote the input: ${r.reason}`);
            }
        });

        it("rejects octets above 255 and prefixes above 32", () => {
            for (const bad of ["256.0.0.0/8", "10.0.0.256/32", "10.0.0.0/33", "10.0.0.0/99"]) {
                const r = parseCidr(bad);
                assert.ok(!r.ok, bad);
                assert.match(r.reason, /above 255|above \/32/);
            }
        });

        it("rejects host bits and names the network address", () => {
            const r = parseCidr("10.0.1.0/16");
            assert.ok(!r.ok);
            assert.match(r.reason, /host bits/);
            assert.ok(r.reason.includes("10.0.0.0/16"));
        });

        // BUG: see tests/config/schema.spec.ts "rejects non-canonical CIDR text": parseCidr trims and
        // accepts leading zeros although it documents "requiring the canonical form".
        // components/planning/cidr.ts parseCidr. Fix: no trim; octet /^(0|[1-9]\d{0,2})$/, prefix /^(0|[1-9]\d?)$/.
        it("rejects non-canonical text: surrounding whitespace, leading zeros (fixed)", () => {
            for (const bad of [" 10.0.0.0/16", "10.0.0.0/16\n", "010.0.0.0/16", "10.0.0.0/016", "10.00.0.0/16"]) {
                assert.ok(!parseCidr(bad).ok, JSON.stringify(bad));
            }
        });

        it("round-trips every canonical block (property)", () => {
            fc.assert(
                fc.property(anyCidr, (c) => {
                    const r = parseCidr(formatCidr(c));
                    return r.ok && r.cidr.base === c.base && r.cidr.prefix === c.prefix;
                }),
            );
        });

        it("rejects every address with host bits set, suggesting its network (property)", () => {
            fc.assert(
                fc.property(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (prefix, addr) => {
                    const hostMask = 2 ** (32 - prefix) - 1;
                    fc.pre(addr % (hostMask + 1) !== 0);
                    const text = `${formatCidr({ base: addr, prefix: 32 }).replace(/\/32$/, "")}/${prefix}`;
                    const r = parseCidr(text);
                    const network = formatCidr({ base: addr - (addr % (hostMask + 1)), prefix });
                    return !r.ok && r.reason.includes(network);
                }),
            );
        });

        it("cidr() throws the parse reason on bad input", () => {
            assert.throws(() => cidr("10.0.0.1/8"), /host bits/);
            assert.deepStrictEqual(cidr("10.0.0.0/8"), { base: 10 * 2 ** 24, prefix: 8 });
        });
    });

    describe("size, last, contains, overlaps", () => {
        it("computes size and last address", () => {
            assert.strictEqual(size(cidr("10.0.0.0/16")), 65536);
            assert.strictEqual(size(cidr("0.0.0.0/0")), 2 ** 32);
            assert.strictEqual(last(cidr("10.0.0.0/16")), cidr("10.0.255.255/32").base);
            assert.strictEqual(last(cidr("255.255.255.0/24")), 2 ** 32 - 1);
        });

        it("handles the top and bottom of the address space", () => {
            assert.ok(contains(cidr("0.0.0.0/0"), cidr("255.255.255.255/32")));
            assert.ok(overlaps(cidr("255.255.255.254/31"), cidr("255.255.255.255/32")));
            assert.ok(!overlaps(cidr("0.0.0.0/1"), cidr("128.0.0.0/1")));
        });

        it("adjacent blocks do not overlap", () => {
            assert.ok(!overlaps(cidr("10.16.0.0/20"), cidr("10.16.16.0/20")));
            assert.ok(overlaps(cidr("10.16.0.0/20"), cidr("10.16.15.0/24")));
        });

        it("overlaps(a, b) iff some address is in both (property, brute force)", () => {
            fc.assert(
                fc.property(smallCidr, smallCidr, (a, b) => {
                    const inA = new Set(addresses(a));
                    const shared = addresses(b).some((x) => inA.has(x));
                    return overlaps(a, b) === shared && overlaps(b, a) === shared;
                }),
                { numRuns: 500 },
            );
        });

        it("contains(a, b) iff every address of b is in a (property, brute force)", () => {
            fc.assert(
                fc.property(smallCidr, smallCidr, (a, b) => {
                    const inA = new Set(addresses(a));
                    return contains(a, b) === addresses(b).every((x) => inA.has(x));
                }),
                { numRuns: 500 },
            );
        });

        it("contains is reflexive and implies overlaps; aligned blocks either nest or are disjoint (property)", () => {
            fc.assert(
                fc.property(anyCidr, anyCidr, (a, b) => {
                    if (!contains(a, a) || !overlaps(a, a)) {
                        return false;
                    }
                    if (contains(a, b) && !overlaps(a, b)) {
                        return false;
                    }
                    // CIDR blocks never partially overlap.
                    return !overlaps(a, b) || contains(a, b) || contains(b, a);
                }),
            );
        });
    });

    describe("subdivide", () => {
        it("returns the index-th block", () => {
            assert.strictEqual(formatCidr(subdivide(cidr("10.0.0.0/16"), 20, 0)), "10.0.0.0/20");
            assert.strictEqual(formatCidr(subdivide(cidr("10.0.0.0/16"), 20, 15)), "10.0.240.0/20");
            assert.strictEqual(formatCidr(subdivide(cidr("10.0.0.0/16"), 16, 0)), "10.0.0.0/16");
        });

        it("throws when the block does not fit", () => {
            assert.throws(() => subdivide(cidr("10.0.0.0/16"), 20, 16), /out of range/);
            assert.throws(() => subdivide(cidr("10.0.0.0/16"), 20, -1), /out of range/);
            assert.throws(() => subdivide(cidr("10.0.0.0/16"), 20, 1.5), /out of range/);
            assert.throws(() => subdivide(cidr("10.0.0.0/16"), 15, 0), /cannot split/);
            assert.throws(() => subdivide(cidr("10.0.0.0/16"), 33, 0), /cannot split/);
        });

        it("tiles the parent exactly: contained, disjoint, in order, no gaps (property)", () => {
            fc.assert(
                fc.property(
                    anyCidr.filter((c) => c.prefix >= 8),
                    fc.integer({ min: 0, max: 6 }),
                    (parent, extra) => {
                        const p = Math.min(32, parent.prefix + extra);
                        const n = 2 ** (p - parent.prefix);
                        let next = parent.base;
                        for (let i = 0; i < n; i++) {
                            const c = subdivide(parent, p, i);
                            if (c.prefix !== p || c.base !== next || !contains(parent, c)) {
                                return false;
                            }
                            next = last(c) + 1;
                        }
                        return next === last(parent) + 1;
                    },
                ),
            );
        });
    });

    describe("isPrivate", () => {
        it("accepts RFC 1918 and RFC 6598 blocks", () => {
            for (const c of [
                "10.0.0.0/8",
                "10.255.255.0/24",
                "172.16.0.0/12",
                "172.31.255.0/24",
                "192.168.0.0/16",
                "100.64.0.0/10",
                "100.127.0.0/16",
            ]) {
                assert.ok(isPrivate(cidr(c)), c);
            }
        });

        it("rejects public blocks and blocks larger than a private range", () => {
            for (const c of [
                "8.8.8.0/24",
                "10.0.0.0/7",
                "172.32.0.0/16",
                "172.0.0.0/8",
                "192.169.0.0/16",
                "100.128.0.0/16",
                "0.0.0.0/0",
                "11.0.0.0/16",
            ]) {
                assert.ok(!isPrivate(cidr(c)), c);
            }
        });

        it("every block inside 10/8 is private (property)", () => {
            fc.assert(fc.property(anyCidr, (c) => !contains(cidr("10.0.0.0/8"), c) || isPrivate(c)));
        });
    });
});
