/**
 * Stack configuration: the typed, validated shape of the `landing-zone:*` keys in Pulumi.<stack>.yaml.
 *
 * Pure (no Pulumi import) so it is tested without mocks and used by the offline plan before the
 * program runs. This file is the public surface; the parts live beside it:
 * - constants.ts: namespace, defaults, AWS quotas (QUOTAS, with sources);
 * - units.ts: the zod schema of each unit, each field with its doc and default, and the types derived
 *   from them (LandingZoneConfig, HubConfig, …);
 * - problems.ts: ConfigProblem, ConfigValidationError, zod issues -> problems with a key and a fix;
 * - rules/: cross-field rules per area (hub, network, connectivity, endpoint service, quotas);
 * - validate.ts: validateConfig / parseConfig;
 * - traffic.ts: the offline cost estimate's `traffic` assumptions (not part of LandingZoneConfig);
 * - docs.ts: the README configuration reference, generated from units.ts and traffic.ts.
 */
export { DEFAULTS, NAMESPACE, QUOTA_CEILINGS, QUOTA_DEFAULTS, QUOTAS } from "./constants";
export type { QuotaDescriptor, QuotaName } from "./constants";
export { ConfigValidationError } from "./problems";
export type { ConfigProblem } from "./problems";
export { TRAFFIC_DEFAULTS, validateTraffic } from "./traffic";
export type { TrafficAssumptions, TrafficConfig, TrafficResult } from "./traffic";
export type {
    ConnectivityConfig,
    ConnectivityMode,
    EndpointServiceConfig,
    EndpointServiceTargets,
    FlowLogConfig,
    FlowLogTrafficType,
    HubConfig,
    InspectedFlows,
    InspectionConfig,
    InspectionEngine,
    LandingZoneConfig,
    QuotaConfig,
    SegmentConfig,
    SpokeBuilder,
    SpokeConfig,
} from "./units";
export { CONFIG_KEYS, parseConfig, validateConfig } from "./validate";
export type { RawConfig, ValidationResult } from "./validate";
