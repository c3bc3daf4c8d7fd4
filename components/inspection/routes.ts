import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { INSPECTION_VPC } from "../planning/inspection";
import { providerFromOptions } from "../providers";
import { Inspection } from "./inspection";
import { InspectionRoute, inspectionRoutes } from "./plan";

/** Arguments of the inspection VPC's routes. The hub region's provider comes in the options. */
export interface InspectionRoutesArgs {
    readonly inspection: Inspection;
    /** Where the inspection VPC hands traffic back: the hub CIDR and every spoke supernet. */
    readonly returnDestinations: readonly string[];
}

/**
 * The inspection VPC's routes, per AZ as the plan says: the transit subnet's table sends everything to
 * the endpoint of the SAME AZ (so a flow the transit gateway delivered into AZ a, appliance mode keeping
 * both directions there, meets one endpoint and one stateful appliance both ways); the endpoint subnet's
 * table sends what comes back out of inspection to the transit gateway, one route per destination
 * (plan.ts says why not `0.0.0.0/0`). Each route is named by (route table, destination), so adding an
 * AZ adds routes and renames none. (The appliance subnets need no route: the GWLB and its appliances
 * talk GENEVE inside the VPC, on the local route.)
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html (Configure routing)
 *
 * Two steps, because of what each needs: the transit subnets' routes to the endpoints are created
 * with the component, before the transit gateway attachment, so that each AZ's transit subnet joins
 * the attachment only once its route exists (`gatedTransitSubnetIds`); the endpoint subnets' routes to
 * the transit gateway need the attachment (a route to a TGW fails until the VPC is attached) and are
 * created by `routesToTransitGateway` once it exists.
 */
export class InspectionRoutes extends pulumi.ComponentResource {
    /** Routes by name (`inspection-<table>-to-<destination>`): all of them once `routesToTransitGateway` ran. */
    readonly routes: ReadonlyMap<string, aws.ec2.Route>;
    /**
     * The transit subnet of each AZ slot (in slot order), each known only once that AZ's endpoint and
     * its transit route to it exist: the inspection attachment's subnets. A subnet in the attachment is
     * where the transit gateway may deliver a flow (appliance mode picks one AZ's interface per flow by
     * a hash), so a new AZ's subnet joining before its route to its endpoint would black-hole the flows
     * hashed to it. https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html
     */
    readonly gatedTransitSubnetIds: readonly pulumi.Output<string>[];
    private readonly provider: pulumi.ProviderResource | undefined;
    private readonly pending: readonly InspectionRoute[];
    private readonly tables: ReadonlyMap<string, pulumi.Output<string>>;
    private readonly byName = new Map<string, aws.ec2.Route>();

    constructor(name: string, args: InspectionRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:inspection:InspectionRoutes", name, {}, opts);
        this.provider = providerFromOptions(this, opts);
        const { inspection } = args;
        const network = inspection.network;
        this.tables = new Map(network.routeTables("endpoint", "transit").map((t) => [t.label, t.id]));
        const all = inspectionRoutes(inspection.plan, args.returnDestinations, INSPECTION_VPC);
        const toEndpointByAz = new Map<number, aws.ec2.Route[]>();
        for (const r of all.filter((x) => x.target.kind === "endpoint")) {
            const azIndex = (r.target as { azIndex: number }).azIndex;
            const endpointId = inspection.endpointIds.get(azIndex);
            if (endpointId === undefined) {
                throw new pulumi.ResourceError(`inspection: no endpoint in AZ slot ${azIndex} for ${r.name}`, this);
            }
            const route = this.route(r, { vpcEndpointId: endpointId }, []);
            // Keyed by the route table's AZ slot: the transit subnet it serves.
            toEndpointByAz.set(r.azIndex, [...(toEndpointByAz.get(r.azIndex) ?? []), route]);
        }
        this.pending = all.filter((x) => x.target.kind !== "endpoint");
        this.routes = this.byName;
        this.gatedTransitSubnetIds = [...network.tiers.transit]
            .sort((a, b) => a.azIndex - b.azIndex)
            .map((s) => {
                const routes = toEndpointByAz.get(s.azIndex);
                const endpointId = inspection.endpointIds.get(s.azIndex);
                if (!routes || endpointId === undefined) {
                    throw new pulumi.ResourceError(
                        `inspection: transit subnet ${s.subnetId} of AZ slot ${s.azIndex} has no route to an endpoint`,
                        this,
                    );
                }
                return pulumi.all([s.subnetId, endpointId, ...routes.map((x) => x.id)]).apply(([id]) => id);
            });
        this.registerOutputs({});
    }

    /**
     * The endpoint subnets' routes back to the transit gateway, after its attachment (`attachment`).
     * Call once, with the hub region's transit gateway.
     */
    routesToTransitGateway(transitGatewayId: pulumi.Input<string>, attachment: pulumi.Resource): void {
        for (const r of this.pending) {
            this.route(r, { transitGatewayId }, [attachment]);
        }
    }

    private route(
        r: InspectionRoute,
        target: { vpcEndpointId: pulumi.Input<string> } | { transitGatewayId: pulumi.Input<string> },
        dependsOn: pulumi.Resource[],
    ): aws.ec2.Route {
        const routeTableId = this.tables.get(r.routeTable);
        if (routeTableId === undefined) {
            throw new pulumi.ResourceError(`inspection: no route table ${r.routeTable} in the inspection VPC`, this);
        }
        const route = new aws.ec2.Route(
            r.name,
            { routeTableId, destinationCidrBlock: r.destination, ...target },
            { parent: this, provider: this.provider, dependsOn },
        );
        this.byName.set(r.name, route);
        return route;
    }
}
