import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkVpc } from "../network/vpc";
import { regionalPeeringKey, VpcRoutePlan } from "../planning/routing";
import { RegionalProviders } from "../providers";
import { LegacyNameFacts, legacyRouteNames } from "./legacy-names";
import { HubPeering } from "./peering";
import { must, routeTableId } from "./plan-lookup";
import { TransitGateways } from "./transit-gateway";

export interface VpcRoutesArgs {
    /** The routing plan's VPC routes (both sides, either mode). */
    readonly routes: readonly VpcRoutePlan[];
    /** VPCs by plan reference (`hub`, `spoke-<name>`). */
    readonly networks: ReadonlyMap<string, NetworkVpc>;
    readonly providers: RegionalProviders;
    /**
     * Account of each VPC not in the network account (plan reference -> declared account name): a route
     * is made by its route table's account. @default every VPC in the network account
     */
    readonly vpcAccounts?: ReadonlyMap<string, string>;
    /** Peering connections by spoke name (peering mode). @default {} */
    readonly peerings?: Readonly<Record<string, HubPeering>>;
    /**
     * Intra-region peerings of spokes with their region's endpoint VPC, by the plan's key
     * (`endpoints-<region>-<spoke>`; peering mode). @default {}
     */
    readonly regionalPeerings?: Readonly<Record<string, HubPeering>>;
    /** The transit gateways (transit-gateway mode). */
    readonly transitGateways?: TransitGateways;
    /** What the routes' former, per-mode names were made of (their `aliases`). */
    readonly legacy: LegacyNameFacts;
}

/**
 * Every VPC route of the platform, one resource per (route table, destination), named after that pair
 * and owned by this component in both connectivity modes. Switching `connectivity.mode` then changes a
 * route's target in place instead of creating a second route for the same destination before the
 * first is deleted (Pulumi creates first, deletes last — pulumi/pulumi#9979 — and AWS refuses the
 * duplicate with `RouteAlreadyExists`).
 *
 * In place is what the provider does: `aws_route` forces replacement only for `route_table_id` and the
 * destination; a changed target (`transit_gateway_id`, `vpc_peering_connection_id`, …) is an update
 * that calls EC2 `ReplaceRoute` on the same route.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_route.go
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ReplaceRoute.html
 *
 * The new route waits for its new target: the peering accepter, or the TGW attachment and the whole
 * forwarding path behind it (`TransitGateways.forwardingPath`); the old target is deleted at the end of
 * the update, when no route uses it any more.
 */
export class VpcRoutes extends pulumi.ComponentResource {
    /** Route resources by plan key (`<vpc>/<table> -> <destination>`). */
    readonly routes: ReadonlyMap<string, aws.ec2.Route>;

    constructor(name: string, args: VpcRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:connectivity:VpcRoutes", name, {}, opts);
        // Former owners were children of this component's parent (the LandingZone).
        const formerParent = opts?.parent;
        const routes = new Map<string, aws.ec2.Route>();
        for (const r of args.routes) {
            const network = must(args.networks.get(r.vpc), `no VPC ${r.vpc}`);
            let target: { vpcPeeringConnectionId: pulumi.Input<string> } | { transitGatewayId: pulumi.Input<string> };
            let waitFor: pulumi.Resource[];
            if (r.target.kind === "peering") {
                const p = must(args.peerings?.[r.target.spoke], `no peering connection for spoke ${r.target.spoke}`);
                target = { vpcPeeringConnectionId: p.connection.id };
                waitFor = [p.accepter];
            } else if (r.target.kind === "endpoints-peering") {
                const key = regionalPeeringKey(r.target.region, r.target.spoke);
                const p = must(args.regionalPeerings?.[key], `no peering connection ${key}`);
                target = { vpcPeeringConnectionId: p.connection.id };
                waitFor = [p.accepter];
            } else {
                const tgws = must(args.transitGateways, "no transit gateways");
                target = {
                    transitGatewayId: must(tgws.regions[r.target.region], `no transit gateway in ${r.target.region}`).transitGateway.id,
                };
                // A VPC route to a TGW fails until the VPC is attached, and carries nothing until the
                // whole TGW path to its destination exists: re-targeted in place on a peering -> TGW
                // switch, it would black-hole traffic that still flowed over the peering (minutes,
                // across regions). So it waits for the whole forwarding path (forwarding-path.ts).
                waitFor = tgws.forwardingPath(r);
            }
            // Alias specs (name + former parent), not URN strings: the engine builds the old URN with the
            // parent's full type chain itself.
            const aliases: pulumi.Alias[] = legacyRouteNames(r, args.legacy).map((l) => ({
                name: l.name,
                parent: pulumi.createUrn(l.owner.name, l.owner.type, formerParent),
            }));
            routes.set(
                r.key,
                new aws.ec2.Route(
                    routeName(r),
                    { routeTableId: routeTableId(network, r.vpc, r.routeTable), destinationCidrBlock: r.destination, ...target },
                    { parent: this, provider: args.providers.get(r.region, args.vpcAccounts?.get(r.vpc)), dependsOn: waitFor, aliases },
                ),
            );
        }
        this.routes = routes;
        this.registerOutputs({});
    }
}

/** `<vpc>-<table>-to-<destination>`, e.g. `spoke-payments-workload-0-to-10.0.0.0-16`: the route's own key. */
export function routeName(r: Pick<VpcRoutePlan, "vpc" | "routeTable" | "destination">): string {
    return `${r.vpc}-${r.routeTable}-to-${r.destination.replace("/", "-")}`;
}
