import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lookupInterfaceService } from "../aws/endpoint-services";
import { RegionalEndpointSetPlan } from "../planning/regional-endpoints";
import { providerFromOptions } from "../providers";
import { aliasRecords, CentralEndpoint, centralInterfaceEndpoint, PolicyScope } from "./hub";
import { NetworkVpc, NetworkVpcArgs } from "./vpc";

/** A spoke of the set's Region that gets some of its zones. */
export interface RegionalEndpointClient {
    /** The spoke's component name (`spoke-<name>`): association names start with it. */
    readonly name: string;
    readonly vpcId: pulumi.Input<string>;
    /** Services whose zones it is associated with (the plan's share, opt-outs removed). */
    readonly services: readonly string[];
    /** Provider of the spoke's own account and Region: a VPC's account associates it with a zone. */
    readonly provider: aws.Provider;
}

/** Arguments of a Region's endpoint set. The Region's provider comes in the component options. */
export interface RegionalEndpointsArgs {
    /** The set, as planned (planning/regional-endpoints.ts): Region, CIDR, AZs, services, zone names. */
    readonly set: RegionalEndpointSetPlan;
    /**
     * The Region's spoke supernet: the only source the endpoints' security group admits besides the
     * endpoint VPC itself, so a spoke added later needs no new rule.
     */
    readonly spokeAggregate: string;
    /** The spokes that get zones of the set, each with its share. */
    readonly clients: readonly RegionalEndpointClient[];
    readonly policyScope: PolicyScope;
    readonly flowLogs: NetworkVpcArgs["flowLogs"];
    /** Protect the VPC and hosted zones. @default false */
    readonly protect?: boolean;
}

/**
 * One Region's endpoint set: an endpoint VPC (`endpoints-<region>`) holding that Region's interface
 * endpoints with private DNS off, one private hosted zone per service named for that Region
 * (`ssm.eu-west-1.amazonaws.com`, `dkr.ecr.eu-west-1.amazonaws.com` + `*.`, …) with alias records to the
 * endpoint, created with the endpoint VPC and associated with each spoke that asked for the service —
 * never with a VPC that did not (landing-zone-accelerator-on-aws#827). It is the hub's pattern
 * ("Centralized access to VPC private endpoints", AWS whitepaper *Building a Scalable and Secure Multi-VPC
 * AWS Network Infrastructure*) one Region at a time, for the clients that call their own Region's
 * endpoints (components/aws/service-dependencies.ts).
 *
 * The VPC is connected to the Region's spokes by the routing plan (intra-region peering, or an
 * attachment on the Region's transit gateway); it has no gateway endpoints (nothing runs in it) and no
 * route to the hub or to another Region.
 * https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
 */
export class RegionalEndpoints extends pulumi.ComponentResource {
    readonly region: string;
    readonly network: NetworkVpc;
    readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
    readonly endpoints: Readonly<Record<string, CentralEndpoint>>;
    /** Zone associations by `<spoke component>-<service>`. */
    readonly zoneAssociations: ReadonlyMap<string, aws.route53.ZoneAssociation>;

    constructor(name: string, args: RegionalEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:network:RegionalEndpoints", name, {}, opts);
        const provider = providerFromOptions(this, opts);
        const child = { parent: this, provider };
        const { set } = args;
        this.region = set.region;

        this.network = new NetworkVpc(
            name,
            {
                region: set.region,
                cidr: set.cidr,
                azCount: set.azCount,
                configKey: `landing-zone:regionalEndpoints.${set.region}`,
                role: "endpoints",
                flowLogs: args.flowLogs,
                gatewayEndpoints: [],
                protect: args.protect,
            },
            child,
        );
        const vpcId = this.network.vpcId;

        // One group for all endpoints, rules as separate resources (adding a source never rewrites the
        // group); no egress rule: endpoint ENIs only answer.
        this.endpointSecurityGroup = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                vpcId,
                description: `Interface endpoints of ${set.region}: HTTPS from the region's spokes only`,
                tags: { Name: `${name}-endpoints` },
            },
            child,
        );
        // Nothing runs in the endpoint VPC itself: its Region's spokes (one supernet) are the only clients.
        for (const src of [{ label: set.region, cidr: args.spokeAggregate, what: `spokes in ${set.region}` }]) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-endpoints-https-${src.label}`,
                {
                    securityGroupId: this.endpointSecurityGroup.id,
                    description: `HTTPS to AWS service endpoints from ${src.what}`,
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
        for (const service of set.services) {
            const spec = lookupInterfaceService(service);
            if (!spec) {
                throw new pulumi.ResourceError(
                    `${name}: unknown interface endpoint service "${service}" (config validation should have caught it)`,
                    this,
                );
            }
            const slug = service.replace(/\./g, "-");
            const endpoint = centralInterfaceEndpoint(`${name}-${slug}`, {
                region: set.region,
                service,
                vpcId,
                subnetIds: endpointSubnets,
                securityGroupId: this.endpointSecurityGroup.id,
                policyScope: args.policyScope,
                opts: child,
            });
            const zoneName = set.zoneNames[service];
            if (zoneName === undefined) {
                endpoints[service] = { service, endpoint, zoneName: "", records: [] };
                continue;
            }
            const zone = new aws.route53.Zone(
                `${name}-${slug}`,
                {
                    name: zoneName,
                    comment: `Resolves ${zoneName} to the ${set.region} endpoint set's ${service} endpoint`,
                    // A private zone needs one VPC at creation: the endpoint VPC, which is in the zone's own
                    // Region and asked for it; spokes attach with ZoneAssociation below.
                    vpcs: [{ vpcId, vpcRegion: set.region }],
                },
                {
                    ...child,
                    protect: args.protect ?? false,
                    // ZoneAssociation resources add VPCs outside this resource.
                    // https://www.pulumi.com/registry/packages/aws/api-docs/route53/zoneassociation/
                    ignoreChanges: ["vpcs"],
                },
            );
            const records = aliasRecords(`${name}-${slug}`, spec.records, zone, zoneName, endpoint, child);
            endpoints[service] = { service, endpoint, zone, zoneName, records };
        }
        this.endpoints = endpoints;

        // One association per (spoke, service) the spoke asked for, named after that pair: a spoke added
        // later adds its own and modifies none.
        const associations = new Map<string, aws.route53.ZoneAssociation>();
        for (const c of args.clients) {
            for (const service of c.services) {
                const zone = endpoints[service]?.zone;
                if (!zone) {
                    continue;
                }
                const key = `${c.name}-${service.replace(/\./g, "-")}`;
                associations.set(
                    key,
                    new aws.route53.ZoneAssociation(
                        `${name}-${key}`,
                        { zoneId: zone.zoneId, vpcId: c.vpcId, vpcRegion: set.region },
                        { parent: this, provider: c.provider },
                    ),
                );
            }
        }
        this.zoneAssociations = associations;

        this.registerOutputs({
            vpcId,
            endpointSecurityGroupId: this.endpointSecurityGroup.id,
            zoneIds: Object.fromEntries(Object.values(endpoints).flatMap((e) => (e.zone ? [[e.service, e.zone.zoneId]] : []))),
        });
    }
}
