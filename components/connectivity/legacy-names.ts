/**
 * The names VPC routes had before they were keyed by (route table, destination), so that deployed
 * stacks adopt them through `aliases` instead of replacing them. Pure.
 *
 * Until then a route was named by the mode that created it — `peering-<spoke>-to-hub-<table>` under
 * the spoke's `HubPeering`, `tgw-spoke-<spoke>-to-hub-<table>` under `TransitGateways` — so switching
 * modes created a second resource for the same (route table, destination) before deleting the first:
 * AWS refuses it with `RouteAlreadyExists`. Every old name of a (table, destination) is listed,
 * whatever the current mode: a stack may upgrade the code and switch modes in one update.
 */
import { HUB_VPC, spokeVpc, VpcRoutePlan } from "../planning/routing";

/** Type and name of the component that used to own a route (a child of the LandingZone). */
export interface LegacyOwner {
    readonly type: "landing-zone:connectivity:HubPeering" | "landing-zone:connectivity:TransitGateways";
    readonly name: string;
}

/** One former name of a route. */
export interface LegacyRouteName {
    readonly owner: LegacyOwner;
    readonly name: string;
}

/** The facts old names were made of. */
export interface LegacyNameFacts {
    readonly hubCidr: string;
    readonly spokes: readonly { readonly name: string; readonly cidr: string }[];
    /** Spoke supernets of the regions that have spokes. */
    readonly supernets: readonly { readonly region: string; readonly cidr: string }[];
}

/** Name of the transit-gateway component in the LandingZone. */
export const TGW_COMPONENT = "tgw";
/** Name of a spoke's peering component in the LandingZone. */
export function peeringComponent(spoke: string): string {
    return `peering-${spoke}`;
}

/** Every name a route for (route.vpc, route.routeTable, route.destination) had under the per-mode naming. */
export function legacyRouteNames(
    route: Pick<VpcRoutePlan, "vpc" | "routeTable" | "destination">,
    facts: LegacyNameFacts,
): LegacyRouteName[] {
    const rt = route.routeTable;
    const out: LegacyRouteName[] = [];
    const peering = (spoke: string, name: string) =>
        out.push({ owner: { type: "landing-zone:connectivity:HubPeering", name: peeringComponent(spoke) }, name });
    const tgw = (name: string) =>
        out.push({ owner: { type: "landing-zone:connectivity:TransitGateways", name: TGW_COMPONENT }, name: `${TGW_COMPONENT}-${name}` });
    if (route.vpc === HUB_VPC) {
        for (const s of facts.spokes.filter((x) => x.cidr === route.destination)) {
            peering(s.name, `${peeringComponent(s.name)}-to-spoke-${rt}`);
        }
        for (const agg of facts.supernets.filter((x) => x.cidr === route.destination)) {
            tgw(`hub-to-${agg.region}-${rt}`);
        }
        return out;
    }
    const self = facts.spokes.find((s) => spokeVpc(s.name) === route.vpc);
    if (!self) {
        return out;
    }
    if (route.destination === facts.hubCidr) {
        peering(self.name, `${peeringComponent(self.name)}-to-hub-${rt}`);
        tgw(`spoke-${self.name}-to-hub-${rt}`);
    }
    for (const p of facts.spokes.filter((x) => x !== self && x.cidr === route.destination)) {
        tgw(`spoke-${self.name}-to-${p.name}-${rt}`);
    }
    return out;
}
