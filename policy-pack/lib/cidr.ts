/**
 * Minimal CIDR arithmetic for the pack (self-contained: the pack does not import the program's planner).
 * IPv4 ranges are compared numerically; IPv6 is only recognised for "/0" (the any-address rules).
 *
 * @module
 */

/** An IPv4 range as inclusive integer bounds. */
export interface Ipv4Range {
    readonly cidr: string;
    readonly first: number;
    readonly last: number;
    readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; undefined if malformed. Host bits are masked (10.0.0.1/16 -> 10.0.0.0/16). */
export function parseIpv4(cidr: string): Ipv4Range | undefined {
    const m = IPV4.exec(cidr.trim());
    if (!m) {
        return undefined;
    }
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) {
        return undefined;
    }
    const addr = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
    const size = 2 ** (32 - prefix);
    const first = Math.floor(addr / size) * size;
    return { cidr, first, last: first + size - 1, prefix };
}

/** True if `outer` contains all of `inner`. */
export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
    return outer.first <= inner.first && inner.last <= outer.last;
}

/** True if the two ranges share at least one address. */
export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
    return a.first <= b.last && b.first <= a.last;
}

/** True for a CIDR that matches every address: any IPv4 or IPv6 block with prefix length 0. */
export function isAnyAddress(cidr: string): boolean {
    const c = cidr.trim();
    const slash = c.lastIndexOf("/");
    return slash > 0 && c.slice(slash + 1) === "0";
}

/** `cidr` contained in one of `aggregates` (all IPv4; malformed entries never match). */
export function coveredBy(cidr: string, aggregates: readonly string[]): boolean {
    const inner = parseIpv4(cidr);
    return (
        inner !== undefined &&
        aggregates.some((a) => {
            const outer = parseIpv4(a);
            return outer !== undefined && contains(outer, inner);
        })
    );
}
