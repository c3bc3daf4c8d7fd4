import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isGlobalType, providerProps, regionOf } from "../lib/aws";
import { configOf, forTypes, schema } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown, Value } from "../lib/unknown";
import { isRecord, str } from "../lib/values";

export interface AllowedRegionsConfig {
    /** Regions resources may be created in, and that cross-region references may name. @default ["eu-west-1", "eu-west-2"] */
    readonly allowedRegions: string[];
    /** Provider modules whose resources are global and exempt. @default ["iam", "route53"] */
    readonly globalModules: string[];
}

export const ALLOWED_REGIONS_DEFAULTS: AllowedRegionsConfig = {
    allowedRegions: ["eu-west-1", "eu-west-2"],
    globalModules: ["iam", "route53"],
};

/** Where a user edits the pack config: named in every message, since the fix is usually there. */
const PACK_CONFIG_HINT = "the --policy-pack-config file; npm start reads policy-pack/config/<stack>.json";

/** Inputs that name ANOTHER region a resource talks to: they must be allowed too. */
const REGION_REFERENCES: Readonly<Record<string, readonly string[]>> = {
    [T.peering]: ["peerRegion"],
    [T.tgwPeeringAttachment]: ["peerRegion"],
    [T.vpcEndpoint]: ["serviceRegion"],
    [T.vpcEndpointService]: ["supportedRegions"],
    [T.zoneAssociation]: ["vpcRegion"],
};

/**
 * `allowed-regions`: AWS resources are created only in allowed regions, and cross-region references
 * (`peerRegion`, `serviceRegion`, `supportedRegions`, `vpcRegion`, including a zone's `vpcs[].vpcRegion`)
 * name only allowed regions.
 *
 * A resource's region is its own `region` input (@pulumi/aws v7) or else its provider's `region`
 * (`Analyze` and `AnalyzeStack` both pass the provider resource with its inputs). IAM and Route 53
 * (DNS) resources are global and exempt from the placement rule; Route 53 Resolver is regional. A
 * provider with no region (the ambient default provider, whose region comes from the environment) is a
 * violation: the landing zone uses one explicit provider per region. A region outside the list is reported
 * once per provider (the provider resource is analyzed too), not again on each resource it creates; a
 * resource with its own `region` input is reported itself.
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: high.
 * - Controls: AWS Control Tower CT.MULTISERVICE.PV.1 (Region deny), enforced here before deployment.
 * - Config: `allowedRegions` (default eu-west-1, eu-west-2), `globalModules` (default iam, route53).
 * - Preview: regions are literal inputs; a computed region defers the check to `pulumi up`.
 */
export const allowedRegions: ResourceValidationPolicy = {
    name: "allowed-regions",
    description: "AWS resources are created in, and refer to, allowed regions only.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "control-tower:CT.MULTISERVICE.PV.1"],
    configSchema: schema({
        allowedRegions: {
            type: "array",
            items: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-\\d+$" },
            minItems: 1,
            default: ALLOWED_REGIONS_DEFAULTS.allowedRegions,
            description: "AWS regions resources may be created in.",
        },
        globalModules: {
            type: "array",
            items: { type: "string" },
            default: ALLOWED_REGIONS_DEFAULTS.globalModules,
            description: "@pulumi/aws modules whose resources are global (exempt).",
        },
    }),
    remediationSteps: "Create the resource with the explicit provider of an allowed region, or extend allowedRegions in the pack config.",
    validateResource: forTypes(
        (type) => type === T.provider || type.startsWith("aws:"),
        ({ props, args, report }) => {
            const cfg = configOf(args, ALLOWED_REGIONS_DEFAULTS);
            const allowed = (r: string) => cfg.allowedRegions.includes(r);
            let pending: (string | number)[] | undefined;

            if (!isGlobalType(args.type, cfg.globalModules)) {
                const region = regionOf(props, args.provider, args.type);
                if (isUnknown(region)) {
                    // Own `region` input if present, else the provider's.
                    if (args.type === T.provider || "region" in props) {
                        deferToPreview(args.props, ["region"]);
                    }
                    deferToPreview(args.provider?.props, ["region"]);
                }
                const fix = `to allow ${region}, add it to allowed-regions.allowedRegions in the pack config (${PACK_CONFIG_HINT})`;
                if (region === undefined) {
                    report(
                        "Resource has no explicit region; create it with the explicit provider of an allowed region (not the ambient default provider).",
                    );
                } else if (!allowed(region) && args.type === T.provider) {
                    report(
                        `Provider ${args.name} is in ${region}, and so is every resource created with it; allowed regions are ${cfg.allowedRegions.join(", ")}: ${fix}.`,
                    );
                } else if (!allowed(region) && str(props["region"]) !== undefined) {
                    report(`Resource is in ${region}; allowed regions are ${cfg.allowedRegions.join(", ")}: ${fix}.`);
                }
                // A resource placed by its provider is not reported again: the engine analyzes provider
                // resources too (pulumi/pulumi pkg/resource/deploy/step_generator.go runs the analyzers on
                // every registered resource, providers included), so a region outside the list is reported
                // once, on its provider, instead of once per resource (a new eu-central-1 spoke used to
                // produce 100+ identical violations). `pulumi up` still stops at the provider, before any
                // resource of that region is created.
            }

            const refs: { value: Value | undefined; path: (string | number)[] }[] = (REGION_REFERENCES[args.type] ?? []).map((k) => ({
                value: props[k],
                path: [k],
            }));
            if (args.type === T.zone && Array.isArray(props["vpcs"])) {
                props["vpcs"].forEach((v, i) => {
                    if (isRecord(v)) {
                        refs.push({ value: v["vpcRegion"], path: ["vpcs", i, "vpcRegion"] });
                    }
                });
            }
            // A reference to the region of the resource's own provider is covered by that provider's
            // report (e.g. the zone associations of a spoke, made with the spoke's provider).
            const fromProvider = args.provider ? str(providerProps(args.provider)?.["region"]) : undefined;
            const providerRegion = typeof fromProvider === "string" && !isUnknown(fromProvider) ? fromProvider : undefined;
            for (const { value, path } of refs) {
                const list: { v: Value | undefined; p: (string | number)[] }[] = Array.isArray(value)
                    ? value.map((v, i) => ({ v, p: [...path, i] }))
                    : [{ v: value, p: path }];
                for (const { v, p } of list) {
                    const r = str(v);
                    if (isUnknown(r)) {
                        pending = pending ?? p;
                    } else if (r !== undefined && !allowed(r) && r !== providerRegion) {
                        report(
                            `${p.join(".")} names ${r}, which is not an allowed region: add it to allowed-regions.allowedRegions in the pack config (${PACK_CONFIG_HINT}).`,
                        );
                    }
                }
            }
            if (pending) {
                deferToPreview(args.props, pending);
            }
        },
    ),
};
