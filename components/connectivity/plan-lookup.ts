/**
 * Lookups from routing-plan references to the resources that materialise them. A missing entry is a
 * bug (the plan and the components disagree), never a config error: it throws instead of defaulting.
 */
import * as pulumi from "@pulumi/pulumi";
import { NetworkVpc } from "../network/vpc";
import { ROUTED_TIERS } from "../planning/routing";

/** `v`, or an error naming what is missing. */
export function must<T>(v: T | undefined, what: string): T {
    if (v === undefined) {
        throw new Error(`connectivity: ${what} (the routing plan and the components disagree)`);
    }
    return v;
}

/** The id of a routed-tier route table of a VPC by its plan label (`workload-0`). */
export function routeTableId(n: NetworkVpc, vpc: string, label: string): pulumi.Output<string> {
    return must(
        n.routeTables(...ROUTED_TIERS).find((t) => t.label === label),
        `no route table ${label} in ${vpc}`,
    ).id;
}
