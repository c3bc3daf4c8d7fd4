/**
 * What every cross-field rule works with: a sink for problems and the spokes that parsed, with their
 * position in `landing-zone:spokes` (for error keys).
 */
import { Cidr, formatCidr, overlaps, parseCidr, subdivide } from "../../planning/cidr";
import { SpokeConfig } from "../units";

/** Records a problem under a key relative to the namespace (`spokes[1].cidr`). */
export type Push = (key: string, message: string) => void;

/** Spokes that parsed, each with its index in the raw list. */
export type IndexedSpokes = readonly { readonly s: SpokeConfig; readonly i: number }[];

/** A CIDR the unit schema already accepted. */
export function parsed(text: string): Cidr {
    const r = parseCidr(text);
    if (!r.ok) {
        throw new Error(`internal: ${r.reason}`);
    }
    return r.cidr;
}

/** First block of the given prefix inside `within` that overlaps none of `used`. */
export function nextFree(within: Cidr, prefix: number, used: readonly Cidr[]): string | undefined {
    if (prefix < within.prefix) {
        return undefined;
    }
    const count = Math.min(2 ** (prefix - within.prefix), 1 << 16);
    for (let i = 0; i < count; i++) {
        const c = subdivide(within, prefix, i);
        if (!used.some((u) => overlaps(u, c))) {
            return formatCidr(c);
        }
    }
    return undefined;
}
