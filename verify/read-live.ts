/**
 * Reads the deployed landing zone through the AWS APIs into the neutral network model
 * (offline/network-model/types.ts), with paginated, batched describe calls: per region one call per kind
 * (VPCs, subnets, route tables, peerings, TGW VPC attachments, TGWs, TGW peering attachments, TGW route tables,
 * security groups, endpoints, endpoint service configurations, load balancers, their tags), filtered by
 * the stack's VPC ids.
 *
 * Where AWS has no batched call the reader makes one per object and says so: TGW route table
 * propagations and static routes (GetTransitGatewayRouteTablePropagations, SearchTransitGatewayRoutes:
 * per TGW route table), endpoint service permissions (per service), listeners / target groups / target
 * health (per load balancer and target group), Route 53 (ListHostedZonesByVPC per VPC,
 * ListResourceRecordSets per zone). Endpoint connection states are read from the consumer endpoints'
 * own `State` (DescribeVpcEndpoints), which is the same state AWS reports on the service side.
 */
import * as M from "../offline/network-model/types";
import { VerifyClients } from "./clients";
import { LiveLists, LiveReadContext, Tagged, tag } from "./read-live-context";
import { addEndpoints, readEndpointServices } from "./read-live-endpoints";
import { addTgwVpcAttachments, readTgws } from "./read-live-tgw";
import { addPeerings, addRouteTablesAndSubnets, addSecurityGroups, addVpcs, fetchVpcSide } from "./read-live-vpcs";
import { readZones } from "./read-live-zones";

/** Which VPCs belong to the stack, per region. */
export interface LiveScope {
    /** region -> VPC ids of the stack in it. */
    readonly vpcIds: ReadonlyMap<string, readonly string[]>;
}

/** Reads the live network of `scope` into a model. */
export async function readLive(clients: VerifyClients, scope: LiveScope): Promise<M.NetworkModel> {
    const m: LiveLists = {
        vpcs: [] as M.NetVpc[],
        subnets: [] as M.NetSubnet[],
        routeTables: [] as M.NetRouteTable[],
        peerings: [] as M.NetPeering[],
        tgws: [] as M.NetTgw[],
        tgwAttachments: [] as M.NetTgwAttachment[],
        tgwRouteTables: [] as M.NetTgwRouteTable[],
        securityGroups: [] as M.NetSecurityGroup[],
        zones: [] as M.NetZone[],
        endpoints: [] as M.NetEndpoint[],
        endpointServices: [] as M.NetEndpointService[],
        loadBalancers: [] as M.NetLoadBalancer[],
    };
    // AWS id -> model key, filled as objects are read (references are resolved after every region is read).
    const keyById = new Map<string, string>();
    const named = (kind: string, id: string, o: Tagged | undefined) => {
        const name = tag(o, "Name") ?? id;
        const key = M.keyOf(kind, name);
        keyById.set(id, key);
        return { key, name, id };
    };
    const regions = [...scope.vpcIds.keys()].sort();
    const ref = (id: string | undefined) => (id ? (keyById.get(id) ?? `id:${id}`) : undefined);
    const late: (() => void)[] = [];
    // Endpoint service name -> model key: consumer endpoints name their service by its service name.
    const serviceKeyByName = new Map<string, string>();
    const ec2Send = <O>(region: string, c: { constructor: { name: string } }) => clients.send<O>("ec2", region, c);
    const c: LiveReadContext = { clients, m, named, ref, late, serviceKeyByName, ec2Send };

    await Promise.all(
        regions.map(async (region) => {
            const vpcIds = [...(scope.vpcIds.get(region) ?? [])];
            if (vpcIds.length === 0) {
                return;
            }
            const [vpcs, subnets, rtbs, pcxs, atts, sgs, eps] = await fetchVpcSide(c, region, vpcIds);

            const ours = new Set(vpcIds);
            addVpcs(c, region, vpcs);
            addRouteTablesAndSubnets(c, region, rtbs, subnets);
            addPeerings(c, region, ours, pcxs);
            addSecurityGroups(c, region, sgs);
            const tgwIds = addTgwVpcAttachments(c, region, atts);
            if (tgwIds.length > 0) {
                await readTgws(c, region, tgwIds);
            }

            addEndpoints(c, region, eps);

            await readEndpointServices(c, region, ours);
        }),
    );

    await readZones(c, regions, scope);
    // In order: every id is known by now, and the zones (queued last) resolve alias records against the
    // endpoints' DNS names.
    for (const f of late) {
        f();
    }
    const sortBy = <T extends { readonly key: string }>(l: T[]) => l.sort((a, b) => a.key.localeCompare(b.key));
    for (const l of Object.values(m)) {
        sortBy(l as { key: string }[]);
    }
    return { source: "live", ...m };
}
