/**
 * Drift: the live network model against the plan's model. Every finding names the AWS object (id and
 * region), the Pulumi URN that owns it (or, for an extra item, the resource it was added to), the config
 * key that declares it, and what to do. Pure: no SDK, no Pulumi.
 */
import * as M from "../offline/network-model/types";
import { ConfigKeyOf, DriftContext, DriftFinding } from "./drift-finding";
import { driftEndpoints, driftZones } from "./drift-dns-endpoints";
import { driftTgwRouteTables } from "./drift-tgw-route-tables";
import { driftObjects, driftRoutes, driftSecurityGroupRules, driftStates } from "./drift-vpc";

export type { ConfigKeyOf, DriftFinding, DriftKind } from "./drift-finding";

/**
 * Compares `live` with `plan`. `configKeyOf` maps object names to the config key that declares them
 * (e.g. `spoke-payments` -> `landing-zone:spokes[0]`).
 */
export function findDrift(plan: M.NetworkModel, live: M.NetworkModel, configKeyOf: ConfigKeyOf): DriftFinding[] {
    const out: DriftFinding[] = [];
    const add = (f: DriftFinding) => out.push(f);
    const liveIds = new Map<string, M.Origin>();
    for (const list of Object.values(live)) {
        if (Array.isArray(list)) {
            for (const o of list as M.Origin[]) {
                liveIds.set(o.key, o);
            }
        }
    }
    const idOf = (key: string | undefined) => (key ? (liveIds.get(key)?.id ?? "") : "");

    const c: DriftContext = { plan, live, configKeyOf, add, liveIds, idOf };
    driftObjects(c);
    driftRoutes(c);
    driftStates(c);
    driftTgwRouteTables(c);
    driftSecurityGroupRules(c);
    driftZones(c);
    driftEndpoints(c);
    return out;
}
