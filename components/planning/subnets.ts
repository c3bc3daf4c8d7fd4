/**
 * Subnet planning: a VPC CIDR becomes per-AZ subnets for each tier. Pure and deterministic.
 *
 * Layout of a VPC /P (P between MIN_VPC_PREFIX and MAX_VPC_PREFIX):
 *
 *   first half      workload   8 AZ slots of /(P+4)
 *   third quarter   endpoint   8 AZ slots of /(P+5)   interface endpoint ENIs, NLBs
 *   fourth quarter  transit    8 AZ slots of /28      TGW attachments (AWS recommends a /28 per AZ)
 *
 * Each (tier, AZ index) has a fixed slot that depends only on the VPC CIDR, so adding an AZ, a tier
 * or another VPC never moves an existing subnet (a moved subnet is a replaced subnet, and everything
 * in it). Eight slots cover every region (the largest has six AZs).
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html
 */
import { Cidr, cidr, formatCidr, size, subdivide } from "./cidr";

/** Subnet tiers, in layout order. */
export const TIERS = ["workload", "endpoint", "transit"] as const;
export type Tier = (typeof TIERS)[number];

/** AZ slots per tier. */
export const AZ_SLOTS = 8;
/** Largest VPC AWS allows is /16. */
export const MIN_VPC_PREFIX = 16;
/** Smallest VPC this layout supports: endpoint subnets of /27, the smallest useful for a few endpoints. */
export const MAX_VPC_PREFIX = 22;
/** AWS reserves five addresses in every subnet (network, router, DNS, future, broadcast). */
export const RESERVED_PER_SUBNET = 5;

export interface SubnetPlan {
    readonly tier: Tier;
    /** Index into the VPC's chosen AZs (0-based). */
    readonly azIndex: number;
    readonly cidr: string;
}

/** The CIDR of one tier's subnet in one AZ slot. */
export function subnetCidr(vpcCidr: Cidr, tier: Tier, azIndex: number): Cidr {
    const p = vpcCidr.prefix;
    switch (tier) {
        case "workload":
            return subdivide(subdivide(vpcCidr, p + 1, 0), p + 4, azIndex);
        case "endpoint":
            return subdivide(subdivide(vpcCidr, p + 2, 2), p + 5, azIndex);
        case "transit":
            return subdivide(subdivide(vpcCidr, p + 2, 3), 28, azIndex);
    }
}

/** Usable addresses in one subnet of a tier for a VPC of the given prefix length. */
export function usableAddresses(vpcPrefix: number, tier: Tier): number {
    return size(subnetCidr({ base: 0, prefix: vpcPrefix }, tier, 0)) - RESERVED_PER_SUBNET;
}

/** Subnets of every tier for AZ slots 0..azCount-1, ordered by tier then AZ. */
export function planSubnets(vpcCidr: string, azCount: number, tiers: readonly Tier[] = TIERS): SubnetPlan[] {
    if (!Number.isInteger(azCount) || azCount < 1 || azCount > AZ_SLOTS) {
        throw new Error(`azCount must be 1..${AZ_SLOTS}, got ${azCount}`);
    }
    const vpc = cidr(vpcCidr);
    if (vpc.prefix < MIN_VPC_PREFIX || vpc.prefix > MAX_VPC_PREFIX) {
        throw new Error(`VPC CIDR ${vpcCidr} must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`);
    }
    const out: SubnetPlan[] = [];
    for (const tier of tiers) {
        for (let az = 0; az < azCount; az++) {
            out.push({ tier, azIndex: az, cidr: formatCidr(subnetCidr(vpc, tier, az)) });
        }
    }
    return out;
}
