/**
 * AWS facts the policies share: endpoint service names, regions, provider default tags.
 *
 * @module
 */
import type { PolicyProviderResource } from "@pulumi/policy";
import { isUnknown, Props, snapshotProps, Unknown, UNKNOWN, Value } from "./unknown";
import { isRecord, jsonish, Maybe, str } from "./values";

/** `com.amazonaws.<region>.<service>`: an AWS service endpoint (not `com.amazonaws.vpce.*`). */
const AWS_SERVICE = /^com\.amazonaws\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(.+)$/;

/** Region and short name of an AWS service endpoint name, or undefined for anything else. */
export function parseAwsServiceName(serviceName: string): { region: string; service: string } | undefined {
    if (serviceName.startsWith("com.amazonaws.vpce.")) {
        return undefined;
    }
    const m = AWS_SERVICE.exec(serviceName);
    return m ? { region: m[1], service: m[2] } : undefined;
}

/**
 * Kind of a VPC endpoint's target, from its known `serviceName`:
 * - `aws`: an AWS service; `endpoint-service`: a PrivateLink endpoint service; `other`: anything else
 *   (Marketplace, `aws.sagemaker…`); `unknown`: not known in this preview. A computed service name is,
 *   in practice, the `serviceName` output of an endpoint service in the same stack.
 */
export function endpointTargetKind(props: Props): "aws" | "endpoint-service" | "other" | "unknown" {
    const name = str(props["serviceName"]);
    if (isUnknown(name)) {
        return "unknown";
    }
    if (name === undefined) {
        return "other";
    }
    if (name.startsWith("com.amazonaws.vpce.")) {
        return "endpoint-service";
    }
    return parseAwsServiceName(name) ? "aws" : "other";
}

/** Endpoint type as AWS spells it; Pulumi's default is `Gateway`. */
export function endpointType(props: Props): Maybe<string> {
    const t = str(props["vpcEndpointType"]);
    return t === undefined ? "Gateway" : t;
}

/**
 * Resource types that are global (IAM, Route 53 DNS). Route 53 Resolver, Profiles and ARC resources
 * are regional even though they live in the `route53` module.
 */
export function isGlobalType(type: string, globalModules: readonly string[]): boolean {
    const m = /^aws:([a-zA-Z0-9]+)\//.exec(type);
    if (!m) {
        return false;
    }
    if (m[1] === "route53" && /^aws:route53\/(resolver|profiles|recoveryControl)/i.test(type)) {
        return false;
    }
    return globalModules.includes(m[1]);
}

/** The provider's props, snapshotted (never throws on unknowns). */
export function providerProps(provider: PolicyProviderResource | undefined): Props | undefined {
    return provider ? snapshotProps(provider.props) : undefined;
}

/**
 * The region a resource is created in: its own `region` input (@pulumi/aws v7 "enhanced region
 * support") when set, else its provider's `region`. `undefined` when neither says (ambient default
 * provider whose region comes from the environment).
 */
export function regionOf(props: Props, provider: PolicyProviderResource | undefined, type: string): Maybe<string> {
    if (type === "pulumi:providers:aws") {
        return str(props["region"]);
    }
    const own = str(props["region"]);
    if (own !== undefined) {
        return own;
    }
    const p = providerProps(provider);
    return p ? str(p["region"]) : undefined;
}

/**
 * Tags the provider adds to every taggable resource (`defaultTags.tags`). The Node SDK sends provider
 * inputs JSON-encoded (`"{\"tags\":{…}}"`); an object is accepted too.
 */
export function providerDefaultTags(provider: PolicyProviderResource | undefined): Record<string, Value> | Unknown {
    const p = providerProps(provider);
    if (!p) {
        return {};
    }
    const dt = jsonish(p["defaultTags"]);
    if (isUnknown(dt)) {
        return UNKNOWN;
    }
    if (!isRecord(dt)) {
        return {};
    }
    const tags = jsonish(dt["tags"]);
    if (isUnknown(tags)) {
        return UNKNOWN;
    }
    return isRecord(tags) ? tags : {};
}
