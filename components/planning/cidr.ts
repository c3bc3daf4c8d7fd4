/**
 * IPv4 CIDR arithmetic. Pure: no Pulumi, no I/O. Addresses are unsigned 32-bit numbers.
 */

export interface Cidr {
    /** Network address as an unsigned 32-bit integer (host bits zero). */
    readonly base: number;
    /** Prefix length, 0..32. */
    readonly prefix: number;
}

// Canonical text only: no surrounding space, no leading zeros (AWS would read "010" as 10, people as 8).
const OCTET = "(0|[1-9]\\d{0,2})";
const CIDR_RE = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}\\/(0|[1-9]\\d?)$`);

/** Result of parsing: a CIDR, or why the text is not one (a sentence usable in an error). */
export type ParseResult = { ok: true; cidr: Cidr } | { ok: false; reason: string };

/** Parses `a.b.c.d/p`, requiring the canonical form (no host bits set). */
export function parseCidr(text: string): ParseResult {
    const m = CIDR_RE.exec(text);
    if (!m) {
        return { ok: false, reason: `"${text}" is not an IPv4 CIDR block (expected a.b.c.d/nn, e.g. 10.0.0.0/16)` };
    }
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) {
        return { ok: false, reason: `"${text}" has an octet above 255 or a prefix above /32` };
    }
    const addr = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    const base = (addr & mask(prefix)) >>> 0;
    if (base !== addr) {
        return {
            ok: false,
            reason: `"${text}" has host bits set; the network address is ${formatCidr({ base, prefix })}`,
        };
    }
    return { ok: true, cidr: { base, prefix } };
}

/** Parses a CIDR that is known to be valid (validated config, planner output); throws otherwise. */
export function cidr(text: string): Cidr {
    const r = parseCidr(text);
    if (!r.ok) {
        throw new Error(r.reason);
    }
    return r.cidr;
}

function mask(prefix: number): number {
    return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Formats as `a.b.c.d/p`. */
export function formatCidr(c: Cidr): string {
    const b = c.base;
    return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** Number of addresses in the block. */
export function size(c: Cidr): number {
    return 2 ** (32 - c.prefix);
}

/** Last address of the block (inclusive). */
export function last(c: Cidr): number {
    return c.base + size(c) - 1;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
    return inner.prefix >= outer.prefix && inner.base >= outer.base && last(inner) <= last(outer);
}

/** True when the two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
    return a.base <= last(b) && b.base <= last(a);
}

/**
 * The `index`-th block of prefix length `newPrefix` inside `parent`.
 * Throws when it does not fit: callers validate sizes first.
 */
export function subdivide(parent: Cidr, newPrefix: number, index: number): Cidr {
    if (newPrefix < parent.prefix || newPrefix > 32) {
        throw new Error(`cannot split ${formatCidr(parent)} into /${newPrefix} blocks`);
    }
    const count = 2 ** (newPrefix - parent.prefix);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new Error(`${formatCidr(parent)} has ${count} /${newPrefix} blocks; index ${index} is out of range`);
    }
    return { base: parent.base + index * 2 ** (32 - newPrefix), prefix: newPrefix };
}

/** Private address space a VPC may use: RFC 1918 plus the RFC 6598 shared space AWS accepts. */
export const PRIVATE_RANGES: readonly Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(cidr);

/** True when the block lies inside one of the private ranges. */
export function isPrivate(c: Cidr): boolean {
    return PRIVATE_RANGES.some((r) => contains(r, c));
}
