import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { coveredBy, overlaps, parseIpv4 } from "../lib/cidr";
import { onStack } from "../lib/policy";
import { roleOf } from "../lib/roles";
import { allRoutes, attachedGateways, connectedGroups, knownDestination, peerOf, peeringSides, RouteEntry } from "../lib/topology";

/**
 * `routes-have-return-path`: every VPC route over a peering connection or transit gateway has a way
 * back. For a route in VPC A's route table to a CIDR of VPC B, some route table of B routes A's CIDR
 * (or an aggregate containing it) back:
 *
 * - peering: over the same peering connection, and A must be one side of it and B (the other side)
 *   must lie inside the route's destination, otherwise the route black-holes;
 * - transit gateway: over a transit gateway, from every VPC attached to the same (or a peered) TGW
 *   whose CIDR the destination covers (aggregates such as a region supernet cover several spokes).
 *
 * Without the return route, TCP handshakes from A to B time out although A's side "looks right".
 *
 * Routes of the inspection VPC (lib/roles.ts) are not judged as a source: its endpoint subnets hand
 * inspected traffic back to the transit gateway for flows between other VPCs, and no flow starts there
 * (the appliances answer the GWLB's GENEVE encapsulation, not the spokes), so no VPC owes its CIDR a
 * route back. Whether inspected flows return through it is the reachability analysis's symmetry check
 * and `inspection-no-bypass-route`'s. A route of another VPC towards the inspection VPC's CIDR is still
 * checked for its way back.
 *
 * A regional endpoint VPC (role `endpoints`, lib/roles.ts) answers its own Region's spokes only: the
 * hub's route to that Region's supernet covers its block (it defaults to the supernet's last /22) but
 * the transit gateways deliver nothing there (the Region's `peering` table has no propagation from it),
 * so it owes the hub no return route. Routes between it and its spokes are checked like any other.
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS VPC peering guide: routes are needed on both sides).
 * - Preview: routes are tied to route tables (`routeTableId`), tables to VPCs (`vpcId`), routes to
 *   their peering connection / TGW (`vpcPeeringConnectionId` / `transitGatewayId`, accepters normalised
 *   to their connection) through property dependencies; CIDRs are known inputs. No id is read.
 */
export const routesHaveReturnPath: StackValidationPolicy = {
    name: "routes-have-return-path",
    description: "Every VPC route over a peering connection or transit gateway has a return route in the destination VPC.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:vpc-peering"],
    remediationSteps:
        "Add the route back: in the peer VPC's route tables, route this VPC's CIDR (or its supernet) over the same connection.",
    validateStack: onStack((g, report) => {
        const routes = allRoutes(g);
        const groups = connectedGroups(g);
        const returns = (from: PolicyResource, to: string, accept: (r: RouteEntry) => boolean) =>
            routes.some((r) => r.vpc === from && accept(r) && knownDestination(r.destination) && coveredBy(to, [r.destination]));

        for (const r of routes) {
            const a = r.vpc;
            if (!a || (r.kind !== "peering" && r.kind !== "tgw") || !knownDestination(r.destination) || roleOf(g, a) === "inspection") {
                continue;
            }
            const dest = parseIpv4(r.destination);
            const aCidr = g.primaryCidr(a);
            if (!dest || !aCidr) {
                continue;
            }
            const where = r.inline
                ? `Inline route to ${r.destination} in ${r.resource.name}`
                : `Route ${r.resource.name} (${r.destination})`;

            if (r.kind === "peering") {
                const conn = r.target;
                if (!conn) {
                    continue; // peering outside this stack: nothing to compare with
                }
                const sides = peeringSides(g, conn);
                if (sides.requester !== a && sides.accepter !== a) {
                    if (sides.requester && sides.accepter) {
                        report(
                            `${where} uses peering ${conn.name}, which does not connect VPC ${a.name}; point it at a peering of that VPC.`,
                            r.resource.urn,
                        );
                    }
                    continue;
                }
                const b = peerOf(g, conn, a);
                if (!b) {
                    continue;
                }
                const bCidrs = g.cidrsOf(b);
                if (!bCidrs.some((c) => overlaps(parseIpv4(c)!, dest))) {
                    report(
                        `${where} over peering ${conn.name} does not cover peer VPC ${b.name} (${bCidrs.join(", ")}); route to the peer's CIDR.`,
                        r.resource.urn,
                    );
                    continue;
                }
                if (!returns(b, aCidr, (x) => x.kind === "peering" && (x.target === conn || x.target === undefined))) {
                    report(
                        `${where} has no return route: VPC ${b.name} has no route to ${aCidr} over peering ${conn.name}; add one to its route tables.`,
                        r.resource.urn,
                    );
                }
                continue;
            }

            const group = groups.get(a.urn);
            for (const b of g.vpcs()) {
                if (b === a || groups.get(b.urn) !== group || attachedGateways(g, b).length === 0) {
                    continue;
                }
                if (roleOf(g, b) === "endpoints" && roleOf(g, a) === "hub") {
                    continue;
                }
                if (!g.cidrsOf(b).some((c) => overlaps(parseIpv4(c)!, dest))) {
                    continue;
                }
                if (!returns(b, aCidr, (x) => x.kind === "tgw")) {
                    report(
                        `${where} has no return route: VPC ${b.name} has no route to ${aCidr} over a transit gateway; add one to its route tables.`,
                        r.resource.urn,
                    );
                }
            }
        }
    }),
};
