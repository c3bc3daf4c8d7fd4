import { EndpointServiceTargets } from "../../config/schema";
import { FleetTargets } from "./fleet";
import { InstanceTargets } from "./instances";
import { IpTargets } from "./ips";
import { TargetStrategy } from "./strategy";

export { FleetTargets } from "./fleet";
export { InstanceTargets } from "./instances";
export { IpTargets } from "./ips";
export type { NlbEgress, TargetContext, TargetStrategy } from "./strategy";

/** The strategy for the configured kind of target: the one place that branches on `targets.kind`. */
export function targetStrategy(targets: EndpointServiceTargets): TargetStrategy {
    switch (targets.kind) {
        case "fleet":
            return new FleetTargets(targets);
        case "instances":
            return new InstanceTargets(targets);
        case "ips":
            return new IpTargets(targets);
    }
}
