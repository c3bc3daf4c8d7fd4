/**
 * fast-check generators for CIDR and subnet property tests.
 */
import fc from "fast-check";
import { Cidr, formatCidr } from "../../components/planning/cidr";
import { MAX_VPC_PREFIX, MIN_VPC_PREFIX } from "../../components/planning/subnets";

const TEN = 10 * 2 ** 24;

/** A canonical VPC CIDR inside 10.0.0.0/8, /16 to /22, aligned to its prefix. */
export const vpcCidr: fc.Arbitrary<Cidr> = fc
    .integer({ min: MIN_VPC_PREFIX, max: MAX_VPC_PREFIX })
    .chain((prefix) => fc.integer({ min: 0, max: 2 ** (prefix - 8) - 1 }).map((i) => ({ base: TEN + i * 2 ** (32 - prefix), prefix })));

/** Same, as text. */
export const vpcCidrText: fc.Arbitrary<string> = vpcCidr.map(formatCidr);

/** Any canonical IPv4 CIDR, /0 to /32. */
export const anyCidr: fc.Arbitrary<Cidr> = fc
    .integer({ min: 0, max: 32 })
    .chain((prefix) => fc.integer({ min: 0, max: 2 ** prefix - 1 }).map((i) => ({ base: i * 2 ** (32 - prefix), prefix })));

/** A canonical CIDR inside 10.0.0.0/24 with prefix /24 to /32: small enough to enumerate. */
export const smallCidr: fc.Arbitrary<Cidr> = fc
    .integer({ min: 24, max: 32 })
    .chain((prefix) => fc.integer({ min: 0, max: 2 ** (prefix - 24) - 1 }).map((i) => ({ base: TEN + i * 2 ** (32 - prefix), prefix })));

/** Every address of a (small) block. */
export function addresses(c: Cidr): number[] {
    const n = 2 ** (32 - c.prefix);
    return Array.from({ length: n }, (_, i) => c.base + i);
}
