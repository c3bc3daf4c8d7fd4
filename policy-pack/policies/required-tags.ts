import type { ResourceValidationPolicy } from "@pulumi/policy";
import { providerDefaultTags } from "../lib/aws";
import { configOf, forTypes, schema } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { isRecord } from "../lib/values";

export interface RequiredTagsConfig {
    /** Tag keys every taggable resource must carry (own tags merged with provider defaultTags). @default ["owner", "environment"] */
    readonly requiredTags: string[];
}

const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";

export const REQUIRED_TAGS_DEFAULTS: RequiredTagsConfig = { requiredTags: ["owner", "environment"] };

/**
 * Taggable resource types the landing zone creates. A resource that declares `tags` is taggable too,
 * whatever its type; these are listed so that a taggable resource WITHOUT a `tags` input is still
 * checked (it then relies on the provider's defaultTags alone).
 */
export const TAGGABLE_TYPES: ReadonlySet<string> = new Set([
    T.vpc,
    T.subnet,
    T.routeTable,
    T.defaultRouteTable,
    T.securityGroup,
    T.defaultSecurityGroup,
    T.ingressRule,
    T.egressRule,
    T.flowLog,
    T.vpcEndpoint,
    T.vpcEndpointService,
    T.peering,
    T.peeringAccepter,
    T.loadBalancer,
    T.loadBalancerLegacy,
    "aws:lb/targetGroup:TargetGroup",
    "aws:lb/listener:Listener",
    T.transitGateway,
    T.tgwVpcAttachment,
    T.tgwPeeringAttachment,
    T.tgwPeeringAttachmentAccepter,
    T.tgwRouteTable,
    T.zone,
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:iam/role:Role",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:kms/key:Key",
    AUTOSCALING_GROUP,
]);

/**
 * `required-tags`: taggable AWS resources carry the required tag keys, counting the provider's
 * `defaultTags.tags` (merged under the resource's own `tags`, as the provider does), except for Auto
 * Scaling groups, which the provider's default tags do not reach.
 *
 * - Kind: resource policy. Level: advisory (hygiene). Severity: low.
 * - Controls: AWS Organizations tag policies / AWS Config `required-tags` (checked before deployment).
 * - Config: `requiredTags` (default owner, environment).
 * - Preview: tag keys are known; a computed tag map (own or provider) defers the check to `pulumi up`.
 *   Unknown tag VALUES do not matter: only keys are required.
 */
export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description: "Taggable AWS resources carry the required tags (own tags or provider defaultTags).",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["hygiene", "aws-guidance:tag-policies"],
    configSchema: schema({
        requiredTags: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: REQUIRED_TAGS_DEFAULTS.requiredTags,
            description: "Tag keys every taggable resource must carry.",
        },
    }),
    remediationSteps: "Add the missing keys to the provider's defaultTags (landing-zone:tags in stack config) or to the resource's tags.",
    validateResource: forTypes(
        (type) => type.startsWith("aws:"),
        ({ props, args, report }) => {
            const own = props["tags"];
            if (!("tags" in props) && !TAGGABLE_TYPES.has(args.type)) {
                return;
            }
            if (isUnknown(own)) {
                deferToPreview(args.props, ["tags"]);
            }
            const defaults = providerDefaultTags(args.provider);
            if (isUnknown(defaults)) {
                deferToPreview(args.provider?.props, ["defaultTags"]);
            }
            // Auto Scaling groups take `tags` as a list of { key, value, propagateAtLaunch } and do NOT
            // receive the provider's defaultTags (HashiCorp, "Propagate default tags to Auto Scaling group").
            const asg = args.type === AUTOSCALING_GROUP;
            const ownKeys = isRecord(own)
                ? Object.keys(own)
                : Array.isArray(own)
                  ? own
                        .filter(isRecord)
                        .map((t) => t["key"])
                        .filter((k): k is string => typeof k === "string")
                  : [];
            const keys = new Set([...(asg ? [] : Object.keys(defaults)), ...ownKeys]);
            const { requiredTags: required } = configOf(args, REQUIRED_TAGS_DEFAULTS);
            const missing = required.filter((k) => !keys.has(k));
            if (missing.length > 0) {
                report(
                    `Missing required tag(s): ${missing.join(", ")}; add them to landing-zone:tags in the stack config (or change required-tags.requiredTags in the pack config).`,
                );
            }
        },
    ),
};
