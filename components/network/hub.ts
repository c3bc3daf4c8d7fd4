import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { endpointPolicyDocument, interfaceServiceName, lookupInterfaceService } from "../aws/endpoint-services";
import { FlowLogTrafficType } from "../config/schema";
import { receivesHubZone } from "../planning/hub-s3-zone";
import { providerFromOptions } from "../providers";
import { NetworkVpc } from "./vpc";

/**
 * Whose principals an endpoint policy admits: the one account of a single-account stack, the declared
 * accounts of a multi-account stack outside an organisation (a centralised endpoint serves every spoke
 * account, not only the network account), or the organisation.
 */
export type PolicyScope =
    { readonly accountId: pulumi.Input<string> } | { readonly accountIds: readonly string[] } | { readonly organizationId: string };

/** Arguments of the hub. The hub region's provider comes in the component options (`{ parent, provider }`). */
export interface HubArgs {
    /** Hub region; must be the region of the provider in the options. */
    readonly region: string;
    readonly cidr: string;
    /** @default 3 (DEFAULTS.hubAzCount) */
    readonly azCount: number;
    /** Pinned zones, one per slot (names or AZ IDs); see NetworkVpcArgs. @default undefined: not pinned */
    readonly availabilityZones?: readonly string[];
    /** Interface endpoint services, short names (`ssm`, `ecr.api`). */
    readonly interfaceEndpoints: readonly string[];
    /** Gateway endpoints on the hub route tables. */
    readonly gatewayEndpoints: readonly string[];
    /**
     * Source CIDRs allowed to reach the endpoints on 443 besides the hub itself: one aggregate per
     * spoke region (its supernet), so adding a spoke adds no rule and the 60-rules quota holds.
     */
    readonly spokeAggregates: readonly { readonly region: string; readonly cidr: string }[];
    /** Principals the endpoint policies admit. */
    readonly policyScope: PolicyScope;
    readonly flowLogs: {
        readonly roleArn: pulumi.Input<string>;
        readonly logGroupName: string;
        readonly retentionDays: number;
        readonly trafficType: FlowLogTrafficType;
    };
    /** Protect the VPC and hosted zones. @default false */
    readonly protect?: boolean;
}

/** A centralised interface endpoint and the private hosted zone that makes it resolvable from spokes. */
export interface CentralEndpoint {
    readonly service: string;
    readonly endpoint: aws.ec2.VpcEndpoint;
    /** Absent for services with no published private DNS name (DynamoDB interface endpoints). */
    readonly zone?: aws.route53.Zone;
    /** Zone name, e.g. `ssm.eu-west-2.amazonaws.com`; "" when there is no zone. */
    readonly zoneName: string;
    readonly records: readonly aws.route53.Record[];
}

/** Policy document for a service, or undefined when the service takes no endpoint policy. */
export function policyFor(service: string, region: string, scope: PolicyScope): pulumi.Output<string> | undefined {
    if ("organizationId" in scope || "accountIds" in scope) {
        const doc = endpointPolicyDocument(service, scope, { region });
        return doc === undefined ? undefined : pulumi.output(doc);
    }
    if (endpointPolicyDocument(service, { accountId: "000000000000" }, { region }) === undefined) {
        return undefined;
    }
    return pulumi.output(scope.accountId).apply((accountId) => endpointPolicyDocument(service, { accountId }, { region }) as string);
}

/**
 * The hub: a VPC in the hub region hosting centralised interface endpoints for AWS services.
 *
 * Each endpoint has private DNS off; instead a Route 53 private hosted zone named after the service's
 * published private DNS name holds alias records to the endpoint's regional DNS name. The zone is created
 * with the hub VPC; spokes add `ZoneAssociation`s, so every spoke resolves `<svc>.<hub-region>.amazonaws.com`
 * to the hub's endpoint ENIs. One exception: an S3 interface endpoint beside the hub's S3 gateway, whose
 * zone is created with a regional endpoint VPC (`addS3Zone`, once that VPC exists) and reaches only the spokes of other Regions
 * (components/planning/hub-s3-zone.ts): the hub and hub-Region spokes keep their free gateway path.
 * ("Centralized access to VPC private endpoints", AWS whitepaper: Building a Scalable and Secure
 * Multi-VPC AWS Network Infrastructure.)
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 */
export class Hub extends pulumi.ComponentResource {
    readonly network: NetworkVpc;
    readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
    readonly endpoints: Readonly<Record<string, CentralEndpoint>>;
    private readonly zoneArgs: {
        readonly name: string;
        readonly region: string;
        readonly protect: boolean;
        readonly provider: pulumi.ProviderResource | undefined;
    };
    /** The S3 endpoint whose zone waits for `addS3Zone` (the hub keeps its S3 gateway). */
    private pendingS3?: { readonly endpoint: aws.ec2.VpcEndpoint };

    constructor(name: string, args: HubArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:network:Hub", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = { parent: this, provider };

        this.network = new NetworkVpc(
            name,
            {
                region: args.region,
                cidr: args.cidr,
                azCount: args.azCount,
                ...(args.availabilityZones !== undefined ? { availabilityZones: args.availabilityZones } : {}),
                configKey: "landing-zone:hub",
                role: "hub",
                flowLogs: args.flowLogs,
                gatewayEndpoints: args.gatewayEndpoints,
                gatewayEndpointPolicy: (svc) => policyFor(svc, args.region, args.policyScope),
                protect: args.protect,
            },
            child,
        );
        const vpcId = this.network.vpcId;

        // One group for all endpoints; rules are separate resources so adding a source never rewrites
        // the group. No egress rule: endpoint ENIs only answer.
        this.endpointSecurityGroup = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                vpcId,
                description: "Centralised interface endpoints: HTTPS from the hub and the spoke region aggregates only",
                tags: { Name: `${name}-endpoints` },
            },
            child,
        );
        const sources = [{ label: "hub", cidr: args.cidr }].concat(
            [...args.spokeAggregates].sort((a, b) => a.region.localeCompare(b.region)).map((a) => ({ label: a.region, cidr: a.cidr })),
        );
        for (const src of sources) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-endpoints-https-${src.label}`,
                {
                    securityGroupId: this.endpointSecurityGroup.id,
                    description: `HTTPS to AWS service endpoints from ${src.label === "hub" ? "the hub VPC" : `spokes in ${src.label}`}`,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: src.cidr,
                },
                child,
            );
        }

        const endpointSubnets = this.network.subnetIds("endpoint");
        const endpoints: Record<string, CentralEndpoint> = {};
        for (const service of args.interfaceEndpoints) {
            const spec = lookupInterfaceService(service);
            if (!spec) {
                throw new pulumi.ResourceError(
                    `hub ${name}: unknown interface endpoint service "${service}" (config validation should have caught it)`,
                    this,
                );
            }
            const slug = service.replace(/\./g, "-");
            const endpoint = centralInterfaceEndpoint(`${name}-${slug}`, {
                region: args.region,
                service,
                vpcId,
                subnetIds: endpointSubnets,
                securityGroupId: this.endpointSecurityGroup.id,
                policyScope: args.policyScope,
                opts: child,
            });

            if (spec.hostedZone === false) {
                // No published private DNS name (DynamoDB): clients use the endpoint's own DNS names;
                // a zone over the public name would break resolution for every associated VPC.
                endpoints[service] = { service, endpoint, zoneName: "", records: [] };
                continue;
            }
            // The S3 zone beside the hub's S3 gateway would override that gateway for the hub (every S3
            // name of the Region then resolves to the interface endpoint, billed per GB): it is created
            // later with another VPC of the network account (addS3Zone), for the spokes of other Regions.
            if (!receivesHubZone(service, args.region, { region: args.region, gatewayEndpoints: args.gatewayEndpoints })) {
                this.pendingS3 = { endpoint };
                endpoints[service] = { service, endpoint, zoneName: "", records: [] };
                continue;
            }
            endpoints[service] = this.buildZone(
                service,
                endpoint,
                { vpcId, region: args.region },
                child,
                args.region,
                name,
                args.protect ?? false,
            );
        }
        this.endpoints = endpoints;
        this.zoneArgs = { name, region: args.region, protect: args.protect ?? false, provider };

        this.registerOutputs({
            vpcId,
            endpointSecurityGroupId: this.endpointSecurityGroup.id,
            zoneIds: Object.fromEntries(Object.values(endpoints).flatMap((e) => (e.zone ? [[e.service, e.zone.zoneId]] : []))),
        });
    }

    /**
     * Creates the S3 zone of a hub that keeps its S3 gateway, with `vpc` as its creation VPC (a regional
     * endpoint VPC of the network account: planning/hub-s3-zone.ts, hubS3ZoneAnchor), and returns the
     * endpoint with its zone; the caller associates it with the spokes of other Regions only.
     */
    addS3Zone(vpc: { readonly vpcId: pulumi.Input<string>; readonly region: string }): CentralEndpoint {
        const pending = this.pendingS3;
        if (!pending) {
            throw new pulumi.ResourceError(
                `hub ${this.zoneArgs.name}: no S3 endpoint waits for a zone (the hub has no S3 gateway beside it)`,
                this,
            );
        }
        const { name, region, protect, provider } = this.zoneArgs;
        const built = this.buildZone("s3", pending.endpoint, vpc, { parent: this, provider }, region, name, protect);
        (this.endpoints as Record<string, CentralEndpoint>)["s3"] = built;
        this.pendingS3 = undefined;
        return built;
    }

    /** A service's private hosted zone, created with `creationVpc`, and its alias records to `endpoint`. */
    private buildZone(
        service: string,
        endpoint: aws.ec2.VpcEndpoint,
        creationVpc: { readonly vpcId: pulumi.Input<string>; readonly region: string },
        child: pulumi.CustomResourceOptions,
        region: string,
        name: string,
        protect: boolean,
    ): CentralEndpoint {
        const spec = lookupInterfaceService(service);
        if (!spec || spec.hostedZone === false) {
            throw new pulumi.ResourceError(`hub ${name}: ${service} has no private DNS name to build a zone for`, this);
        }
        const slug = service.replace(/\./g, "-");
        const zoneName = spec.zoneName(region);
        const zone = new aws.route53.Zone(
            `${name}-${slug}`,
            {
                name: zoneName,
                comment: `Resolves ${zoneName} to the hub's centralised ${service} endpoint`,
                // A private zone needs one VPC at creation, of the zone's account (Route 53 Developer Guide,
                // "Creating a private hosted zone"); spokes attach with ZoneAssociation.
                vpcs: [{ vpcId: creationVpc.vpcId, vpcRegion: creationVpc.region }],
            },
            {
                ...child,
                protect,
                // ZoneAssociation resources add VPCs outside this resource; without this every preview
                // would plan to remove them. It also keeps the S3 zone on its creation VPC when a Region
                // added later sorts before it (hubS3ZoneAnchor).
                // https://www.pulumi.com/registry/packages/aws/api-docs/route53/zoneassociation/
                ignoreChanges: ["vpcs"],
            },
        );

        const records = aliasRecords(`${name}-${slug}`, spec.records, zone, zoneName, endpoint, child);
        return { service, endpoint, zone, zoneName, records };
    }
}

/**
 * The alias records of a central interface endpoint's zone (the apex, and `*` where the service has
 * per-account or per-bucket names), each aliased to the endpoint's Regional DNS name. Shared by the hub's
 * endpoints and each Region's endpoint set, so both name their records alike: `<base>` and
 * `<base>-wildcard`.
 */
export function aliasRecords(
    base: string,
    labels: readonly string[],
    zone: aws.route53.Zone,
    zoneName: string,
    endpoint: aws.ec2.VpcEndpoint,
    opts: pulumi.CustomResourceOptions,
): aws.route53.Record[] {
    // The regional DNS name (AWS lists it first; zonal names carry the AZ, e.g. vpce-…-eu-west-2a.…);
    // for S3 it begins with "*." which an alias target cannot.
    const target = endpoint.dnsEntries.apply((entries) => {
        const all = entries ?? [];
        const regional = all.find((e) => !/^(\*\.)?vpce-[0-9a-z-]+-[a-z]{2}-[a-z]+-\d[a-z]\./.test(e.dnsName ?? "")) ?? all[0];
        return { name: (regional?.dnsName ?? "").replace(/^\*\./, ""), zoneId: regional?.hostedZoneId ?? "" };
    });
    return labels.map(
        (label) =>
            new aws.route53.Record(
                `${base}${label === "*" ? "-wildcard" : ""}`,
                {
                    zoneId: zone.zoneId,
                    name: label === "*" ? `*.${zoneName}` : zoneName,
                    type: "A",
                    // One record per name: health evaluation would have nothing to fail over to.
                    aliases: [{ name: target.name, zoneId: target.zoneId, evaluateTargetHealth: false }],
                },
                opts,
            ),
    );
}

/**
 * A centralised interface endpoint (the hub's, or a Region's endpoint set's): in the endpoint subnets,
 * behind the endpoints' security group, with the service's endpoint policy where it takes one. Private
 * DNS is off: the endpoint's own private DNS would only answer inside its VPC, while the private hosted
 * zone the caller creates answers for every VPC associated with it.
 */
export function centralInterfaceEndpoint(
    name: string,
    a: {
        readonly region: string;
        readonly service: string;
        readonly vpcId: pulumi.Input<string>;
        readonly subnetIds: pulumi.Input<string>[];
        readonly securityGroupId: pulumi.Input<string>;
        readonly policyScope: PolicyScope;
        readonly opts: pulumi.CustomResourceOptions;
    },
): aws.ec2.VpcEndpoint {
    const policy = policyFor(a.service, a.region, a.policyScope);
    return new aws.ec2.VpcEndpoint(
        name,
        {
            vpcId: a.vpcId,
            serviceName: interfaceServiceName(a.region, a.service),
            vpcEndpointType: "Interface",
            subnetIds: a.subnetIds,
            securityGroupIds: [a.securityGroupId],
            privateDnsEnabled: false,
            ...(policy !== undefined ? { policy } : {}),
            tags: { Name: name, "landing-zone:service": a.service },
        },
        a.opts,
    );
}
