import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
    Az,
    azLabel,
    azOf,
    endpointAzs,
    endpointRoutesOf,
    inspectionVpcs,
    routeTablesOfSubnet,
    sameAz,
    subnetsOf,
} from "../lib/inspection";
import { onStack } from "../lib/policy";
import { T } from "../lib/types";

/**
 * `inspection-endpoint-per-az`: in the inspection VPC, every AZ that has a transit gateway attachment
 * subnet also has an inspection endpoint (a GWLB endpoint whose subnet is in that AZ, or a Network
 * Firewall that maps a subnet there), and the route tables of the TGW subnets send traffic to the
 * endpoint of their own AZ.
 *
 * The transit gateway delivers traffic into the attachment subnet of one AZ (with appliance mode, the
 * same one for both directions of a flow); from there the subnet's route table decides where it goes.
 * An AZ without an endpoint leaves that AZ's traffic nowhere to go but another AZ (cross-AZ data
 * charges, and one AZ's failure takes the other's traffic down) or un-inspected; a route table shared
 * by several AZs, or pointing at another AZ's endpoint, does the same. AWS's centralised-inspection
 * designs put one endpoint per AZ and route each AZ's TGW subnet to its own (AWS Network Firewall
 * Developer Guide, "Transit gateway attachment configuration"; ELB Gateway Load Balancers guide,
 * "Getting started": one GWLB endpoint per AZ).
 *
 * - Kind: stack policy. Level: mandatory (topology). Severity: high.
 * - Controls: none (AWS guidance: centralised inspection).
 * - Preview: attachment -> subnets through `subnetIds`, subnet -> route table through
 *   RouteTableAssociation `subnetId` / `routeTableId`, route -> endpoint through `vpcEndpointId`,
 *   endpoint -> subnet through `subnetIds` (Network Firewall: `subnetMappings`); AZ names (or ids) are
 *   known inputs. A Network Firewall's per-AZ endpoint id is picked from its outputs, so a route to
 *   a firewall is checked to the firewall (it must map the route table's AZ), not to the AZ's endpoint.
 */
export const inspectionEndpointPerAz: StackValidationPolicy = {
    name: "inspection-endpoint-per-az",
    description:
        "Every AZ with inspection TGW subnets has an inspection endpoint, and those subnets route to the endpoint of their own AZ.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "aws-guidance:inspection"],
    remediationSteps:
        "Add a GWLB endpoint (or firewall subnet mapping) in every AZ of the TGW attachment, and give each AZ's TGW subnet its own route table routing to that AZ's endpoint.",
    validateStack: onStack((g, report) => {
        for (const { vpc, gwlbEndpoints, firewalls, attachments } of inspectionVpcs(g)) {
            const endpoints = [...gwlbEndpoints, ...firewalls].map((e) => ({ endpoint: e, azs: endpointAzs(g, e) }));
            const servesAz = (e: { azs: Az[] }, az: Az) => e.azs.some((x) => sameAz(x, az) !== false);
            const reportedAz = new Set<string>();
            for (const attachment of attachments) {
                for (const subnet of subnetsOf(g, attachment, "subnetIds")) {
                    const az = azOf(g, subnet);
                    if (!az) {
                        continue;
                    }
                    if (!endpoints.some((e) => servesAz(e, az))) {
                        if (!reportedAz.has(azLabel(az))) {
                            reportedAz.add(azLabel(az));
                            report(
                                `Inspection VPC ${vpc.name} has transit gateway subnet ${subnet.name} in ${azLabel(az)} but no GWLB or firewall endpoint there; add an endpoint in that AZ so its traffic is inspected in the AZ it arrives in.`,
                                subnet.urn,
                            );
                        }
                        continue;
                    }
                    const tables = routeTablesOfSubnet(g, subnet);
                    if (tables.length === 0) {
                        report(
                            `Transit gateway subnet ${subnet.name} of inspection VPC ${vpc.name} has no route table association, so it uses the main route table; associate it with a route table that routes to the endpoint in ${azLabel(az)}.`,
                            subnet.urn,
                        );
                        continue;
                    }
                    for (const table of tables) {
                        checkTable(table, subnet, az);
                    }
                }
            }

            function checkTable(table: PolicyResource, subnet: PolicyResource, az: Az): void {
                const routes = endpointRoutesOf(g, table).filter(
                    (r) => r.target === undefined || r.target.type !== T.vpcEndpoint || gwlbEndpoints.includes(r.target),
                );
                if (routes.length === 0) {
                    report(
                        `Route table ${table.name} of transit gateway subnet ${subnet.name} (${azLabel(az)}) sends nothing to an inspection endpoint; add a route to the GWLB or firewall endpoint in ${azLabel(az)}.`,
                        table.urn,
                    );
                    return;
                }
                for (const r of routes) {
                    const target = endpoints.find((e) => e.endpoint === r.target);
                    if (!target || servesAz(target, az)) {
                        continue;
                    }
                    report(
                        `The ${r.label} (route table of transit gateway subnet ${subnet.name}, ${azLabel(az)}) sends traffic to ${target.endpoint.name} in ${target.azs.map(azLabel).join(", ")}, another AZ; route each AZ's TGW subnet to the endpoint of its own AZ.`,
                        r.resource.urn,
                    );
                }
            }
        }
    }),
};
