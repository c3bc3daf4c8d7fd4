import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { INSPECTION_VPC } from "../planning/inspection";
import { providerFromOptions } from "../providers";
import { Inspection } from "./inspection";
import { inspectionRoutes } from "./plan";

/** Arguments of the inspection VPC's routes. The hub region's provider comes in the options. */
export interface InspectionRoutesArgs {
    readonly inspection: Inspection;
    /** The hub region's transit gateway. */
    readonly transitGatewayId: pulumi.Input<string>;
    /** The inspection VPC's attachment: a route to a TGW fails until the VPC is attached. */
    readonly attachment: pulumi.Resource;
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
 */
export class InspectionRoutes extends pulumi.ComponentResource {
    /** Routes by name (`inspection-<table>-to-<destination>`). */
    readonly routes: ReadonlyMap<string, aws.ec2.Route>;

    constructor(name: string, args: InspectionRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:inspection:InspectionRoutes", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const { inspection } = args;
        const network = inspection.network;
        const tables = new Map(network.routeTables("endpoint", "transit").map((t) => [t.label, t.id]));
        const routes = new Map<string, aws.ec2.Route>();
        for (const r of inspectionRoutes(inspection.plan, args.returnDestinations, INSPECTION_VPC)) {
            const routeTableId = tables.get(r.routeTable);
            if (routeTableId === undefined) {
                throw new pulumi.ResourceError(`inspection: no route table ${r.routeTable} in the inspection VPC`, this);
            }
            let target: { vpcEndpointId: pulumi.Input<string> } | { transitGatewayId: pulumi.Input<string> };
            let dependsOn: pulumi.Resource[] = [];
            if (r.target.kind === "endpoint") {
                const endpointId = inspection.endpointIds.get(r.target.azIndex);
                if (endpointId === undefined) {
                    throw new pulumi.ResourceError(`inspection: no endpoint in AZ slot ${r.target.azIndex} for ${r.name}`, this);
                }
                target = { vpcEndpointId: endpointId };
            } else {
                target = { transitGatewayId: args.transitGatewayId };
                dependsOn = [args.attachment];
            }
            routes.set(
                r.name,
                new aws.ec2.Route(
                    r.name,
                    { routeTableId, destinationCidrBlock: r.destination, ...target },
                    { parent: this, provider, dependsOn },
                ),
            );
        }
        this.routes = routes;
        this.registerOutputs({});
    }
}
