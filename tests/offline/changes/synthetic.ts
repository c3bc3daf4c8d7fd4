/**
 * Small hand-written plan documents for the change-safety unit tests: resources with deterministic
 * ids, inputs that reference other resources by id (recorded as property dependencies, as the capture
 * records them), and the options the check reads.
 */
import { CapturedResource, JsonObject, JsonValue } from "../../../offline/types";
import { PlanLike } from "../../../offline/changes/diff";

export const STACK = "s";
export const PROJECT = "p";

/** A reference to another resource's id (or one of its outputs) inside `inputs`. */
export interface Ref {
    readonly $ref: CapturedResource;
    readonly output?: string;
}

export function ref(r: CapturedResource, output?: string): Ref {
    return output === undefined ? { $ref: r } : { $ref: r, output };
}

type InputValue = JsonValue | Ref | InputValue[] | { [k: string]: InputValue };

export interface ResOptions {
    readonly parent?: CapturedResource;
    readonly protect?: boolean;
    readonly deleteBeforeReplace?: boolean;
    readonly aliases?: readonly string[];
    readonly ignoreChanges?: readonly string[];
    readonly outputs?: JsonObject;
    readonly provider?: CapturedResource;
    readonly region?: string;
    /** Physical id; default derived from type and name (the mocks' rule: same URN, same id). */
    readonly id?: string;
    readonly custom?: boolean;
}

function isRef(v: unknown): v is Ref {
    return v !== null && typeof v === "object" && "$ref" in (v as object);
}

export function urnOf(type: string, name: string, parent?: CapturedResource): string {
    const qualified = parent ? `${parent.type}$${type}` : type;
    return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
}

/** A captured resource. */
export function res(type: string, name: string, inputs: Record<string, InputValue> = {}, opts: ResOptions = {}): CapturedResource {
    const deps: Record<string, string[]> = {};
    const resolve = (prop: string, v: InputValue): JsonValue => {
        if (isRef(v)) {
            deps[prop] = [...new Set([...(deps[prop] ?? []), v.$ref.urn])];
            return v.output === undefined ? v.$ref.id : (v.$ref.outputs[v.output] ?? null);
        }
        if (Array.isArray(v)) {
            return v.map((x) => resolve(prop, x));
        }
        if (v !== null && typeof v === "object") {
            const o: JsonObject = {};
            for (const [k, x] of Object.entries(v)) {
                o[k] = resolve(prop, x as InputValue);
            }
            return o;
        }
        return v;
    };
    const plainInputs: JsonObject = {};
    for (const [k, v] of Object.entries(inputs)) {
        plainInputs[k] = resolve(k, v);
    }
    const custom = opts.custom ?? !type.startsWith("test:");
    const id = custom ? (opts.id ?? `${type.split(":").pop()?.toLowerCase()}-${name}`) : "";
    return {
        urn: urnOf(type, name, opts.parent),
        type,
        name,
        id,
        parent: opts.parent?.urn ?? "",
        provider: opts.provider?.urn ?? "",
        region: opts.region ?? "eu-west-1",
        custom,
        protect: opts.protect ?? false,
        ignoreChanges: [...(opts.ignoreChanges ?? [])],
        inputs: plainInputs,
        outputs: { ...plainInputs, ...(opts.outputs ?? {}) },
        dependencies: [...new Set(Object.values(deps).flat())].sort(),
        propertyDependencies: deps,
        ...(opts.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
        ...(opts.aliases ? { aliases: [...opts.aliases] } : {}),
    };
}

export function plan(...resources: CapturedResource[]): PlanLike {
    return { project: PROJECT, stack: STACK, resources };
}

export const TYPES = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    route: "aws:ec2/route:Route",
    rtAssoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
    tgwAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwTable: "aws:ec2transitgateway/routeTable:RouteTable",
    tgwAssoc: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    tgwProp: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    tgwRoute: "aws:ec2transitgateway/route:Route",
    service: "aws:ec2/vpcEndpointService:VpcEndpointService",
    principal: "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    target: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    zoneAssoc: "aws:route53/zoneAssociation:ZoneAssociation",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    provider: "pulumi:providers:aws",
} as const;
