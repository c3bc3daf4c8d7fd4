/**
 * What the live reader's parts share: the model lists being filled, the id -> key bookkeeping, the
 * queue of late work (run once every id is known), and the paging and tag helpers.
 */
import * as M from "../offline/network-model/types";
import { VerifyClients } from "./clients";

export type Tagged = { readonly Tags?: readonly { Key?: string; Value?: string }[] };

export function tag(o: Tagged | undefined, key: string): string | undefined {
    return o?.Tags?.find((t) => t.Key === key)?.Value;
}

/** Collects every page of a paginated describe call. */
export async function pages<O, T>(
    fetch: (token?: string) => Promise<O>,
    items: (o: O) => readonly T[] | undefined,
    next: (o: O) => string | undefined,
): Promise<T[]> {
    const out: T[] = [];
    let token: string | undefined;
    do {
        const o = await fetch(token);
        out.push(...(items(o) ?? []));
        token = next(o);
    } while (token);
    return out;
}

export const trimDot = (s: string | undefined) => (s ?? "").replace(/\.$/, "").toLowerCase();

/** The model's lists as the reader fills them. */
export interface LiveLists {
    vpcs: M.NetVpc[];
    subnets: M.NetSubnet[];
    routeTables: M.NetRouteTable[];
    peerings: M.NetPeering[];
    tgws: M.NetTgw[];
    tgwAttachments: M.NetTgwAttachment[];
    tgwRouteTables: M.NetTgwRouteTable[];
    securityGroups: M.NetSecurityGroup[];
    zones: M.NetZone[];
    endpoints: M.NetEndpoint[];
    endpointServices: M.NetEndpointService[];
    loadBalancers: M.NetLoadBalancer[];
}

/** One read of the live network: what every part of the reader fills and consults. */
export interface LiveReadContext {
    readonly clients: VerifyClients;
    readonly m: LiveLists;
    /** Records the model key of AWS object `id` (kind and Name tag) and returns its key, name and id. */
    readonly named: (kind: string, id: string, o: Tagged | undefined) => { key: string; name: string; id: string };
    /** The model key of AWS id `id` (`id:<id>` when the stack has no such object). */
    readonly ref: (id: string | undefined) => string | undefined;
    /** Work run in order once every region is read. */
    readonly late: (() => void)[];
    /** Endpoint service name -> model key: consumer endpoints name their service by its service name. */
    readonly serviceKeyByName: Map<string, string>;
    readonly ec2Send: <O>(region: string, c: { constructor: { name: string } }) => Promise<O>;
}
