/**
 * validateConfig / parseConfig: the raw `landing-zone:*` keys -> the typed LandingZoneConfig, or every
 * problem found.
 *
 * Each unit (the hub, every spoke, every supernet, …) is parsed on its own with zod, so one broken spoke
 * does not hide the problems of another; the cross-field rules (components/config/rules/) then run on
 * every unit that parsed. All problems are returned together, each naming its key and the fix.
 */
import { NAMESPACE, QUOTA_DEFAULTS, shortServiceName } from "./constants";
import { checkInspection, checkInspectionQuotas, inspectionFacts } from "./rules/inspection";
import { ConfigProblem, ConfigValidationError, parseUnit } from "./problems";
import { IndexedSpokes } from "./rules/common";
import { checkAccounts } from "./rules/accounts";
import { checkConnectivity } from "./rules/connectivity";
import { checkDnsModeFit, checkDnsQuotas } from "./rules/dns";
import { dnsModeOf } from "./dns";
import { checkEndpointService } from "./rules/endpoint-service";
import { checkHub, checkHubS3Zone } from "./rules/hub";
import { checkRegionalEndpoints } from "./rules/regional-endpoints";
import { checkNetwork } from "./rules/network";
import { checkEndpointServiceRules, checkPlatformQuotas, checkQuotaCeilings } from "./rules/quotas";
import { checkRoutingQuotas, ROUTING_INPUT_KEYS } from "./rules/routing-quotas";
import { cidrString, regionString } from "./primitives";
import { TRAFFIC_KEY } from "./traffic";
import { landingZoneSchema, LandingZoneConfig, PROGRAM_KEYS, SpokeConfig, spokeSchema } from "./units";

/** Raw config: top-level key (without namespace) -> value as parsed from YAML/JSON. */
export type RawConfig = Readonly<Record<string, unknown>>;

/**
 * Keys accepted under the namespace; anything else is a typo. `traffic` is the offline cost estimate's
 * (components/config/traffic.ts): accepted here, never part of LandingZoneConfig.
 */
export const CONFIG_KEYS = [...PROGRAM_KEYS, TRAFFIC_KEY] as const;

export type ValidationResult = { ok: true; config: LandingZoneConfig } | { ok: false; problems: ConfigProblem[] };

const unit = landingZoneSchema.shape;

/**
 * Validates raw config. Returns the typed config, or every problem found. Never throws.
 */
export function validateConfig(raw: RawConfig): ValidationResult {
    const problems: ConfigProblem[] = [];
    const push = (key: string, message: string) => problems.push({ key: `${NAMESPACE}:${key}`, message });

    for (const k of Object.keys(raw)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(k)) {
            push(k, `unknown key. Fix: remove it, or use one of ${CONFIG_KEYS.join(", ")}`);
        }
    }

    const accountId = parseUnit(unit.accountId, raw.accountId, "accountId", problems);
    const organizationId = parseUnit(unit.organizationId, raw.organizationId, "organizationId", problems);
    const accounts = raw.accounts === undefined ? undefined : parseUnit(unit.accounts, raw.accounts, "accounts", problems);
    const networkAccount =
        raw.networkAccount === undefined ? undefined : parseUnit(unit.networkAccount, raw.networkAccount, "networkAccount", problems);
    const protect = parseUnit(unit.protect, raw.protect, "protect", problems);
    const tags = parseUnit(unit.tags, raw.tags, "tags", problems);
    const flowLogs = parseUnit(unit.flowLogs, raw.flowLogs, "flowLogs", problems);
    const quotas = parseUnit(unit.quotas, raw.quotas, "quotas", problems);
    const hub = parseUnit(unit.hub, raw.hub, "hub", problems);
    const connectivity = parseUnit(unit.connectivity, raw.connectivity, "connectivity", problems);

    // Supernets: each entry on its own.
    const supernets: Record<string, string> = {};
    const rawSupernets = raw.supernets ?? {};
    const supernetsIsMap = typeof rawSupernets === "object" && rawSupernets !== null && !Array.isArray(rawSupernets);
    if (!supernetsIsMap) {
        push("supernets", "must be a map of region to CIDR. Fix: write it as a map, e.g. { eu-west-1: 10.16.0.0/12 }");
    } else {
        for (const [region, value] of Object.entries(rawSupernets)) {
            const okRegion = parseUnit(regionString, region, `supernets.${region}`, problems);
            const okCidr = parseUnit(cidrString, value, `supernets.${region}`, problems);
            if (okRegion !== undefined && okCidr !== undefined) {
                supernets[region] = okCidr;
            }
        }
    }

    // Spokes: each spoke on its own; `indexed` keeps each valid spoke's position for error keys.
    const indexed: { s: SpokeConfig; i: number }[] = [];
    const rawSpokes = raw.spokes ?? [];
    if (!Array.isArray(rawSpokes)) {
        push(
            "spokes",
            "must be a list of spokes. Fix: write a YAML list, e.g. [{ name: payments, region: eu-west-1, cidr: 10.16.0.0/20 }]",
        );
    } else {
        rawSpokes.forEach((s, i) => {
            const spoke = parseUnit(spokeSchema, s, `spokes[${i}]`, problems);
            if (spoke) {
                indexed.push({ s: spoke, i });
            }
        });
    }

    const endpointService =
        raw.endpointService === undefined ? undefined : parseUnit(unit.endpointService, raw.endpointService, "endpointService", problems);
    const inspection = raw.inspection === undefined ? undefined : parseUnit(unit.inspection, raw.inspection, "inspection", problems);
    const regionalEndpoints =
        raw.regionalEndpoints === undefined
            ? undefined
            : parseUnit(unit.regionalEndpoints, raw.regionalEndpoints, "regionalEndpoints", problems);
    // Optional so that stacks without it keep their validated config (and plan) unchanged.
    const dns = raw.dns === undefined ? undefined : parseUnit(unit.dns, raw.dns, "dns", problems);

    // ---- cross-field rules -----------------------------------------------------------------
    const spokes: IndexedSpokes = indexed;
    checkAccounts(
        {
            ...(accounts !== undefined ? { accounts } : {}),
            accountsGiven: raw.accounts !== undefined,
            ...(networkAccount !== undefined ? { networkAccount } : {}),
            ...(accountId !== undefined ? { accountId } : {}),
            ...(organizationId !== undefined ? { organizationId } : {}),
            spokes,
            ...(connectivity !== undefined ? { connectivity } : {}),
            ...(endpointService !== undefined ? { endpointService } : {}),
            ...(hub !== undefined ? { hubRegion: hub.region } : {}),
            ...(regionalEndpoints !== undefined ? { regionalEndpoints } : {}),
            ...(dns !== undefined ? { dnsMode: dns.mode } : {}),
        },
        push,
    );
    if (hub) {
        checkHub(hub, quotas ?? QUOTA_DEFAULTS, push);
    }
    checkNetwork({ hub, spokes, supernets, rawSupernetRegions: supernetsIsMap ? new Set(Object.keys(rawSupernets)) : undefined }, push);
    if (connectivity && hub) {
        checkConnectivity(connectivity, hub, spokes, quotas ?? QUOTA_DEFAULTS, push);
    }
    if (hub) {
        checkPlatformQuotas(spokes, quotas ?? QUOTA_DEFAULTS, push);
        if (raw.dns === undefined || dns !== undefined) {
            const mode = dnsModeOf({ ...(dns ? { dns } : {}) });
            checkDnsQuotas(mode, spokes, quotas ?? QUOTA_DEFAULTS, push);
            checkDnsModeFit(
                mode,
                {
                    spokes,
                    ...(regionalEndpoints ? { regionalEndpoints } : {}),
                    ...(networkAccount !== undefined ? { networkAccount } : {}),
                },
                push,
            );
        }
    }
    checkQuotaCeilings(quotas, push);
    if (hub && (raw.regionalEndpoints === undefined || regionalEndpoints !== undefined)) {
        checkHubS3Zone({ hub, spokeRegions: spokes.map(({ s }) => s.region), ...(regionalEndpoints ? { regionalEndpoints } : {}) }, push);
        checkRegionalEndpoints(
            {
                hub,
                spokes,
                supernets,
                regionalEndpoints,
                quotas: quotas ?? QUOTA_DEFAULTS,
                ...(connectivity ? { mode: connectivity.mode } : {}),
            },
            push,
        );
    }
    if (endpointService && hub) {
        checkEndpointService(endpointService, hub, spokes, push);
        checkEndpointServiceRules(endpointService, hub, spokes, quotas ?? QUOTA_DEFAULTS, push);
    }
    if (raw.inspection !== undefined && hub && connectivity) {
        checkInspection(inspection ?? inspectionFacts(raw.inspection), { hub, connectivity, spokes, supernets }, push);
    }
    // Route counts come from the routing plan, which needs consistent inputs: once those hold.
    if (hub && connectivity && !problems.some((p) => ROUTING_INPUT_KEYS.test(p.key))) {
        checkRoutingQuotas({ hub, spokes, supernets, connectivity, regionalEndpoints }, quotas ?? QUOTA_DEFAULTS, push);
        if (inspection && !problems.some((p) => p.key.startsWith(`${NAMESPACE}:inspection`))) {
            checkInspectionQuotas(inspection, { hub, spokes, supernets, connectivity }, quotas ?? QUOTA_DEFAULTS, push);
        }
    }

    if (problems.length > 0 || !hub || !connectivity || !flowLogs || !quotas || tags === undefined || protect === undefined) {
        return { ok: false, problems };
    }
    const config: LandingZoneConfig = {
        ...(accountId !== undefined ? { accountId } : {}),
        ...(organizationId !== undefined ? { organizationId } : {}),
        ...(accounts !== undefined ? { accounts } : {}),
        ...(networkAccount !== undefined ? { networkAccount } : {}),
        protect,
        tags,
        flowLogs,
        hub: { ...hub, interfaceEndpoints: hub.interfaceEndpoints.map(shortServiceName) },
        supernets,
        spokes: indexed.map((x) => x.s),
        connectivity,
        ...(endpointService ? { endpointService } : {}),
        ...(inspection ? { inspection } : {}),
        ...(regionalEndpoints ? { regionalEndpoints } : {}),
        ...(dns ? { dns } : {}),
        quotas,
    };
    return { ok: true, config };
}

/** Validates and returns the config, or throws one ConfigValidationError listing every problem. */
export function parseConfig(raw: RawConfig, source?: string): LandingZoneConfig {
    const r = validateConfig(raw);
    if (!r.ok) {
        throw new ConfigValidationError(r.problems, source);
    }
    return r.config;
}
