/**
 * What the inspection components materialise beyond the inspection plan (planning/inspection.ts), as
 * data: the inspection VPC's routes back to the transit gateway per destination, the appliance security
 * group's rules, and the Network Firewall's stateful rules. Pure (no Pulumi import).
 */
import type { InspectionConfig } from "../config/schema";
import type { InspectionPlan, InspectionVpcRoutePlan } from "../planning/inspection";
import { ANY_IPV4 } from "../planning/inspection";

/** The GENEVE port: the only port of a Gateway Load Balancer target group. */
export const GENEVE_PORT = 6081;

/** `10.0.0.0/16` -> `10.0.0.0-16`, as route and rule names spell CIDRs. */
export function cidrLabel(c: string): string {
    return c.replace("/", "-");
}

/** One route of the inspection VPC as it is created: one per (route table, destination). */
export interface InspectionRoute {
    /** `inspection-<routeTable>-to-<destination>`: named by the AWS object it owns (table, destination). */
    readonly name: string;
    readonly routeTable: string;
    readonly azIndex: number;
    readonly destination: string;
    readonly target: InspectionVpcRoutePlan["target"];
}

/**
 * The plan's VPC routes with each route back to the transit gateway split into one per destination the
 * inspection VPC hands traffic back to: the hub CIDR and every spoke supernet. Routes to the endpoints
 * keep the plan's `0.0.0.0/0` (an endpoint is no transit gateway).
 *
 * Why not the plan's `0.0.0.0/0 -> TGW`: a default route to a transit gateway lets a VPC reach
 * everything the TGW reaches (CIS AWS Foundations 5.5, Checkov CKV2_AWS_44, and this pack's
 * `route-no-default-via-peering-or-tgw`); the inspection VPC only ever returns traffic that came from
 * the hub or a spoke, to the hub or a spoke, so their CIDRs cover every inspected flow. The AZ of each
 * route is its table's: what an endpoint returns goes back through the same AZ's attachment interface.
 */
export function inspectionRoutes(
    plan: Pick<InspectionPlan, "vpcRoutes">,
    returnDestinations: readonly string[],
    vpcName: string,
): InspectionRoute[] {
    const out: InspectionRoute[] = [];
    for (const r of plan.vpcRoutes) {
        const destinations = r.target.kind === "transit-gateway" && r.destination === ANY_IPV4 ? returnDestinations : [r.destination];
        for (const destination of destinations) {
            out.push({
                name: `${vpcName}-${r.routeTable}-to-${cidrLabel(destination)}`,
                routeTable: r.routeTable,
                azIndex: r.azIndex,
                destination,
                target: r.target,
            });
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// GWLB: the appliances' security group
// ---------------------------------------------------------------------------------------------

/** One ingress rule of the appliance security group. */
export interface ApplianceRule {
    /** Name part: `<protocol>-<port>-from-<cidr>`, the rule's own AWS identity. */
    readonly key: string;
    readonly protocol: "udp" | "tcp";
    readonly port: number;
    readonly cidr: string;
    readonly description: string;
}

/**
 * The appliances admit GENEVE (UDP 6081) and the health check (TCP, whatever its protocol on top) from
 * each GWLB subnet only: the load balancer has no security group to reference, and it reaches the
 * appliances (traffic and health checks) from its own interfaces in those subnets.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/target-groups.html (Target security groups)
 */
export function applianceRules(gwlbSubnetCidrs: readonly string[], healthCheckPort: number): ApplianceRule[] {
    return gwlbSubnetCidrs.flatMap((cidr) => [
        {
            key: `udp-${GENEVE_PORT}-from-${cidrLabel(cidr)}`,
            protocol: "udp" as const,
            port: GENEVE_PORT,
            cidr,
            description: `GENEVE from the Gateway Load Balancer in ${cidr}`,
        },
        ...(healthCheckPort === GENEVE_PORT
            ? []
            : [
                  {
                      key: `tcp-${healthCheckPort}-from-${cidrLabel(cidr)}`,
                      protocol: "tcp" as const,
                      port: healthCheckPort,
                      cidr,
                      description: `Health checks from the Gateway Load Balancer in ${cidr}`,
                  },
              ]),
    ]);
}

// ---------------------------------------------------------------------------------------------
// Network Firewall: the stateful rules
// ---------------------------------------------------------------------------------------------

type NetworkFirewallConfig = Extract<InspectionConfig, { engine: "network-firewall" }>["networkFirewall"];

/** One stateful pass rule (a Suricata 5-tuple rule with `sid`), in strict evaluation order. */
export interface FirewallPassRule {
    readonly sid: number;
    readonly protocol: "TCP" | "UDP" | "ICMP" | "IP";
    readonly source: string;
    /** `ANY` or a port. */
    readonly destinationPort: string;
    readonly destination: string;
    /** Why it passes (the rule's `msg`). */
    readonly message: string;
}

/** First `sid` of the rules built here; `allow` rules follow the hub-endpoint rules. */
export const FIRST_SID = 1_000_001;

/**
 * The firewall's pass rules: TCP 443 from every spoke supernet to the hub (the centralised interface
 * endpoints) when `allowHubEndpoints`, then each `allow` rule, in config order. Everything else meets
 * the policy's default action (a drop: the config refuses a policy without one).
 *
 * Every rule is stateful: a pass rule passes the flow it matches, both directions, for the flow's
 * lifetime (the replies are part of the established flow), so no rule is needed for return traffic,
 * and with the default `aws:drop_strict` every packet of a flow no rule passed is dropped, its first one included.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-basic.html
 */
export function firewallPassRules(config: NetworkFirewallConfig, hubCidr: string, spokeSupernets: readonly string[]): FirewallPassRule[] {
    const rules: Omit<FirewallPassRule, "sid">[] = [];
    if (config.allowHubEndpoints) {
        for (const s of spokeSupernets) {
            rules.push({
                protocol: "TCP",
                source: s,
                destinationPort: "443",
                destination: hubCidr,
                message: `spokes in ${s} to the hub's interface endpoints (HTTPS)`,
            });
        }
    }
    for (const a of config.allow) {
        rules.push({
            protocol: a.protocol,
            source: a.source,
            destinationPort: a.port === undefined ? "ANY" : String(a.port),
            destination: a.destination,
            message: `inspection.networkFirewall.allow: ${a.protocol} ${a.source} -> ${a.destination}${a.port === undefined ? "" : `:${a.port}`}`,
        });
    }
    return rules.map((r, i) => ({ ...r, sid: FIRST_SID + i }));
}

/**
 * Capacity of the stateful rule group: fixed, because AWS cannot change a rule group's capacity after
 * creation (a new capacity replaces the group, and with it the policy's reference). A 5-tuple rule with
 * one source and one destination costs 1, so this holds a thousand rules; capacity is free (billed per
 * firewall endpoint hour and GB, not per capacity unit), and a stateful group may take up to 30,000.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-group-managing.html#nwfw-rule-group-capacity
 */
export const STATEFUL_RULE_GROUP_CAPACITY = 1000;
