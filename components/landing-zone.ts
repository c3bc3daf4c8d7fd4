import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LandingZoneConfig } from "./config/schema";
import { dnsModeOf } from "./config/dns";
import { HubPeering } from "./connectivity/peering";
import { EndpointService } from "./endpoint-service/endpoint-service";
import { TransitGateways } from "./connectivity/transit-gateway";
import { VpcRoutes } from "./connectivity/vpc-routes";
import { declaredAccountIds, stackAccounts } from "./config/accounts";
import { FlowLogRoles } from "./network/flow-log-role";
import { DnsProfiles } from "./network/dns-profiles";
import { Hub, PolicyScope } from "./network/hub";
import { RegionalEndpoints } from "./network/regional-endpoints";
import { Spoke } from "./network/spoke";
import { NetworkVpc } from "./network/vpc";
import { planDnsProfiles } from "./planning/dns-profiles";
import { hubS3ZoneAnchor, receivesHubZone } from "./planning/hub-s3-zone";
import { planRouting } from "./planning/routing";
import { flowLogGroupName, flowLogGroupPrefix, planTopology, TopologyPlan } from "./planning/topology";
import { RegionalProviders } from "./providers";
import { Inspection } from "./inspection/inspection";
import { InspectionOutputs, inspectionVpcOutputs } from "./inspection/outputs";
import { InspectionRoutes } from "./inspection/routes";
import { INSPECTION_VPC, planInspection } from "./planning/inspection";

export interface LandingZoneArgs {
    /** Validated configuration (see `parseConfig`). */
    readonly config: LandingZoneConfig;
    /** Project and stack names: they make log group names unique per stack. */
    readonly project: string;
    readonly stack: string;
}

/** Ids a consumer of one VPC needs, per tier. */
export interface VpcOutputs {
    readonly region: string;
    readonly vpcId: pulumi.Output<string>;
    readonly cidr: string;
    /**
     * This account's names of the VPC's AZs, in slot order (slot i is the i-th entry of every `subnetIds`
     * tier): copy them into the VPC's `availabilityZones` config to pin an existing stack.
     */
    readonly availabilityZones: pulumi.Output<string[]>;
    /** AZ IDs of the same zones, in slot order: the identity of a physical zone across accounts. */
    readonly availabilityZoneIds: pulumi.Output<string[]>;
    readonly subnetIds: {
        readonly workload: pulumi.Output<string>[];
        readonly endpoint: pulumi.Output<string>[];
        readonly transit: pulumi.Output<string>[];
    };
    readonly routeTableIds: {
        readonly workload: pulumi.Output<string>[];
        readonly endpoint: pulumi.Output<string>[];
        readonly transit: pulumi.Output<string>[];
    };
}

/** The stack outputs: a contract for teams that read this stack through a StackReference. */
export interface LandingZoneOutputs {
    /** "peering" or "transit-gateway". */
    readonly connectivityMode: string;
    readonly hub: VpcOutputs & {
        readonly endpointSecurityGroupId: pulumi.Output<string>;
        /** Service -> { endpoint id, zone id, zone name }; DynamoDB interface endpoints have no zone. */
        readonly interfaceEndpoints: Record<
            string,
            { endpointId: pulumi.Output<string>; zoneId?: pulumi.Output<string>; zoneName?: string }
        >;
    };
    /** Spoke name -> its VPC ids. */
    readonly spokes: Record<
        string,
        VpcOutputs & {
            /** Peering connection to the hub (peering mode). */
            readonly peeringConnectionId?: pulumi.Output<string>;
            /** Attachment to its region's transit gateway (transit-gateway mode). */
            readonly transitGatewayAttachmentId?: pulumi.Output<string>;
        }
    >;
    /** What a consumer needs to connect to the endpoint service (absent without `endpointService`). */
    readonly endpointService?: {
        readonly serviceName: pulumi.Output<string>;
        readonly serviceId: pulumi.Output<string>;
        readonly region: string;
        readonly allowedPrincipals: readonly string[];
        /** Regions consumers may connect from: the service's own first, then each cross-region consumer's. */
        readonly supportedRegions: readonly string[];
        readonly acceptanceRequired: boolean;
        /** TXT record to publish for private DNS verification (phase 2), when a name is configured. */
        readonly privateDnsNameConfiguration?: pulumi.Output<unknown>;
        /** Consumer spoke -> its endpoint id. */
        readonly consumerEndpointIds: Record<string, pulumi.Output<string>>;
    };
    /** The inspection VPC and its engine (absent without `inspection`). */
    readonly inspection?: InspectionOutputs;
    /**
     * Region -> its Route 53 Profile (`dns.mode: profiles` only): what another stack's VPC of that Region
     * associates with (`route53.ProfilesAssociation`) to resolve the same endpoint names.
     */
    readonly dnsProfiles?: Record<string, { readonly profileId: pulumi.Output<string>; readonly profileArn: pulumi.Output<string> }>;
    /**
     * Region -> its endpoint set (every spoke Region other than the hub's, unless disabled): the
     * endpoint VPC's ids, its endpoints' security group and, per service, the endpoint id and the zone
     * (named for that Region) its spokes resolve.
     */
    readonly regionalEndpoints: Record<
        string,
        VpcOutputs & {
            readonly endpointSecurityGroupId: pulumi.Output<string>;
            readonly interfaceEndpoints: Record<
                string,
                { endpointId: pulumi.Output<string>; zoneId?: pulumi.Output<string>; zoneName?: string }
            >;
        }
    >;
    /** Region -> transit gateway and route table ids (transit-gateway mode; empty otherwise). */
    readonly transitGateways: Record<
        string,
        { transitGatewayId: pulumi.Output<string>; routeTableIds: Record<string, pulumi.Output<string>> }
    >;
}

/**
 * The whole platform: regional providers, the hub with its centralised endpoints (later: spokes,
 * connectivity, the endpoint service). Everything is a child of this component.
 */
export class LandingZone extends pulumi.ComponentResource {
    readonly plan: TopologyPlan;
    readonly providers: RegionalProviders;
    readonly hub: Hub;
    readonly spokes: readonly Spoke[];
    readonly peerings: Readonly<Record<string, HubPeering>>;
    readonly transitGateways?: TransitGateways;
    /** The inspection VPC and its engine (with `landing-zone:inspection`). */
    readonly inspection?: Inspection;
    readonly endpointService?: EndpointService;
    /** The endpoint set of each spoke Region other than the hub's, by Region (components/network/regional-endpoints.ts). */
    readonly regionalEndpoints: Readonly<Record<string, RegionalEndpoints>>;
    /** Route 53 Profiles, one per spoke Region (`dns.mode: profiles` only). */
    readonly dnsProfiles?: DnsProfiles;
    readonly outputs: LandingZoneOutputs;

    constructor(name: string, args: LandingZoneArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:index:LandingZone", name, {}, opts);
        const { config } = args;
        this.plan = planTopology(config);
        this.providers = new RegionalProviders({
            tags: config.tags,
            project: args.project,
            stack: args.stack,
            accountId: config.accountId,
            ...(stackAccounts(config) ? { accounts: stackAccounts(config) } : {}),
            parent: this,
        });
        const hubProvider = this.providers.get(config.hub.region);

        // The network account's id: declared (multi-account), pinned (accountId) or the credentials'.
        const accountId: pulumi.Input<string> =
            this.providers.account()?.id ??
            config.accountId ??
            aws.getCallerIdentityOutput({}, { parent: this, provider: hubProvider }).accountId;
        // Centralised endpoints serve every spoke account: the organisation, else every declared account.
        const policyScope: PolicyScope = config.organizationId
            ? { organizationId: config.organizationId }
            : config.accounts
              ? { accountIds: declaredAccountIds(config.accounts) }
              : { accountId };

        // IAM is global per account: one flow-log role per account serves every VPC of that account.
        const flowLogRoles = new FlowLogRoles({
            name: `${name}-flow-logs`,
            networkAccountId: accountId,
            logGroupPrefix: flowLogGroupPrefix(args.project, args.stack),
            providers: this.providers,
            region: config.hub.region,
            parent: this,
        });
        const flowLogs = (vpcName: string, account?: string, region?: string) => ({
            roleArn: flowLogRoles.roleFor(account, region).roleArn,
            logGroupName: flowLogGroupName(args.project, args.stack, vpcName),
            retentionDays: config.flowLogs.retentionDays,
            trafficType: config.flowLogs.trafficType,
        });

        this.hub = new Hub(
            "hub",
            {
                region: config.hub.region,
                cidr: config.hub.cidr,
                azCount: config.hub.azCount,
                ...(config.hub.availabilityZones !== undefined ? { availabilityZones: config.hub.availabilityZones } : {}),
                interfaceEndpoints: config.hub.interfaceEndpoints,
                gatewayEndpoints: config.hub.gatewayEndpoints,
                spokeAggregates: this.plan.spokeAggregates,
                policyScope,
                flowLogs: flowLogs("hub"),
                protect: config.protect,
            },
            { parent: this, provider: hubProvider },
        );

        const dnsMode = dnsModeOf(config);
        this.spokes = config.spokes.map(
            (s, i) =>
                new Spoke(
                    `spoke-${s.name}`,
                    {
                        spoke: s,
                        configKey: `landing-zone:spokes[${i}]`,
                        // In profiles mode the spoke gets the zones through its Region's Profile, never directly:
                        // a direct association of the same zone would be a second path to keep in step.
                        // A hub-Region spoke with an S3 gateway keeps it: no hub S3 zone (planning/hub-s3-zone.ts).
                        hubEndpoints:
                            dnsMode === "profiles"
                                ? []
                                : Object.values(this.hub.endpoints).filter((e) => receivesHubZone(e.service, config.hub.region, s)),
                        policyScope,
                        flowLogs: flowLogs(`spoke-${s.name}`, s.account, s.region),
                        ...(this.providers.account(s.account)?.id !== this.providers.account()?.id
                            ? { zoneOwnerProvider: hubProvider }
                            : {}),
                        protect: config.protect,
                    },
                    { parent: this, provider: this.providers.get(s.region, s.account) },
                ),
        );

        // One endpoint set per spoke Region other than the hub's, for the clients that call their own
        // Region's endpoints (planning/regional-endpoints.ts); its zones go to the spokes that asked.
        const spokeByName = new Map(this.spokes.map((s) => [s.config.name, s]));
        const regionalClients = (set: (typeof this.plan.regionalEndpoints)[number]) =>
            set.spokes.flatMap((z) => {
                const spoke = spokeByName.get(z.spoke);
                return spoke && z.services.length > 0
                    ? [{ name: spoke.name, vpcId: spoke.network.vpcId, services: z.services, provider: this.providers.get(set.region) }]
                    : [];
            });
        this.regionalEndpoints = Object.fromEntries(
            this.plan.regionalEndpoints.map((set) => [
                set.region,
                new RegionalEndpoints(
                    set.vpc,
                    {
                        set,
                        spokeAggregate: config.supernets[set.region],
                        // Profiles mode: the Region's Profile holds these zones instead (buildDnsProfiles).
                        clients: dnsMode === "profiles" ? [] : regionalClients(set),
                        policyScope,
                        flowLogs: flowLogs(set.vpc),
                        protect: config.protect,
                    },
                    { parent: this, provider: this.providers.get(set.region) },
                ),
            ]),
        );
        // The hub's S3 zone beside its S3 gateway: created with a regional endpoint VPC, never the hub, and
        // associated with the spokes of other Regions only (planning/hub-s3-zone.ts).
        const s3Anchor = hubS3ZoneAnchor(config.hub, this.plan.regionalEndpoints);
        if (s3Anchor) {
            const anchor = this.regionalEndpoints[s3Anchor.region].network;
            const s3 = this.hub.addS3Zone({ vpcId: anchor.vpcId, region: anchor.region });
            if (dnsMode !== "profiles") {
                for (const spoke of this.spokes.filter((x) => receivesHubZone("s3", config.hub.region, x.config))) {
                    spoke.associateHubZones([s3]);
                }
            }
        }
        if (dnsMode === "profiles") {
            this.dnsProfiles = this.buildDnsProfiles(args);
        }
        const regionalNetworks = new Map(
            this.plan.regionalEndpoints.map((set) => [set.vpc, this.regionalEndpoints[set.region].network] as const),
        );

        const routing = planRouting(config, this.plan);
        const peerings: Record<string, HubPeering> = {};
        if (routing.mode === "peering") {
            for (const spoke of this.spokes) {
                peerings[spoke.config.name] = new HubPeering(
                    `peering-${spoke.config.name}`,
                    {
                        hub: this.hub.network,
                        hubProvider,
                        spoke: spoke.network,
                        spokeProvider: this.providers.get(spoke.config.region, spoke.config.account),
                        ...crossAccountPeer(this.providers, spoke.config.account),
                    },
                    { parent: this },
                );
            }
        } else if (routing.transitGateway) {
            // With inspection the inspected plan replaces the routing plan's TGW part (planning/inspection.ts).
            const inspectionPlan = config.inspection
                ? planInspection({ ...config, inspection: config.inspection }, this.plan, routing)
                : undefined;
            if (inspectionPlan && config.inspection) {
                this.inspection = new Inspection(
                    "inspection",
                    {
                        config: config.inspection,
                        plan: inspectionPlan,
                        hubCidr: config.hub.cidr,
                        spokeSupernets: this.plan.spokeAggregates.map((a) => a.cidr),
                        accountId,
                        flowLogs: flowLogs(INSPECTION_VPC),
                        awsName: inspectionAwsName(args.project, args.stack),
                        // Under /aws/vendedlogs/: network-firewall.ts says why.
                        firewallLogGroupName: (t) => `/aws/vendedlogs/${args.project}/${args.stack}/network-firewall/${t.toLowerCase()}`,
                        tags: config.tags,
                        protect: config.protect,
                    },
                    { parent: this, provider: hubProvider },
                );
            }
            const inspection = this.inspection;
            // The inspection VPC's routes to its endpoints come first: its transit subnets join the
            // attachment through them (InspectionRoutes.gatedTransitSubnetIds).
            const inspectionRoutes = inspection
                ? new InspectionRoutes(
                      "inspection-routes",
                      { inspection, returnDestinations: [config.hub.cidr, ...this.plan.spokeAggregates.map((a) => a.cidr)] },
                      { parent: this, provider: hubProvider },
                  )
                : undefined;
            this.transitGateways = new TransitGateways(
                "tgw",
                {
                    hub: this.hub.network,
                    spokes: this.spokes.map((s) => ({ name: s.config.name, network: s.network })),
                    providers: this.providers,
                    plan: this.plan,
                    regionalEndpoints: regionalNetworks,
                    routing: inspectionPlan?.transitGateway ?? routing.transitGateway,
                    ...(inspection && inspectionPlan && inspectionRoutes
                        ? {
                              inspection: {
                                  network: inspection.network,
                                  attachment: inspectionPlan.attachment,
                                  transitSubnetIds: inspectionRoutes.gatedTransitSubnetIds,
                              },
                          }
                        : {}),
                    protect: config.protect,
                    ...crossAccountAttachments(this.providers, this.spokes, config.organizationId, hubProvider, this),
                },
                { parent: this },
            );
            if (inspection && inspectionRoutes) {
                const tgw = this.transitGateways;
                inspectionRoutes.routesToTransitGateway(tgw.regions[config.hub.region].transitGateway.id, tgw.inspectionAttachment());
                // Then the TGW routes into inspection and the VPC routes through it, after all of it.
                tgw.setInspectionHop([...inspection.endpointResources, ...inspectionRoutes.routes.values()]);
            }
        }
        // Peering mode: each served spoke peers with its Region's endpoint VPC (intra-region, accepted by
        // the endpoint VPC's side), as it peers with the hub.
        const regionalPeerings: Record<string, HubPeering> = {};
        for (const p of routing.regionalPeerings) {
            const spoke = spokeByName.get(p.spoke);
            const endpoints = regionalNetworks.get(p.endpointsVpc);
            if (!spoke || !endpoints) {
                throw new pulumi.ResourceError(`regional peering ${p.key}: no spoke ${p.spoke} or no ${p.endpointsVpc}`, this);
            }
            regionalPeerings[p.key] = new HubPeering(
                `peering-${p.key}`,
                {
                    hub: endpoints,
                    hubProvider: this.providers.get(p.region),
                    spoke: spoke.network,
                    spokeProvider: this.providers.get(p.region),
                },
                { parent: this },
            );
        }
        this.peerings = peerings;
        const tgws = this.transitGateways;
        // Every VPC route, one per (route table, destination) in either mode: a mode switch re-targets it.
        new VpcRoutes(
            "vpc-routes",
            {
                routes: routing.vpcRoutes,
                networks: new Map([
                    ["hub", this.hub.network],
                    ...this.spokes.map((s) => [`spoke-${s.config.name}`, s.network] as const),
                    ...regionalNetworks,
                ]),
                providers: this.providers,
                vpcAccounts: new Map(
                    this.spokes.flatMap((s) => (s.config.account ? [[`spoke-${s.config.name}`, s.config.account] as const] : [])),
                ),
                peerings,
                regionalPeerings,
                ...(tgws ? { transitGateways: tgws } : {}),
                legacy: { hubCidr: config.hub.cidr, spokes: config.spokes, supernets: this.plan.spokeAggregates },
            },
            { parent: this },
        );

        const es = config.endpointService;
        if (es) {
            const hostSpoke = this.spokes.find((s) => s.config.name === es.vpc);
            const host = hostSpoke ? hostSpoke.network : this.hub.network;
            this.endpointService = new EndpointService(
                `svc-${es.name}`,
                {
                    config: es,
                    host,
                    consumers: this.spokes
                        .filter((s) => es.consumers.includes(s.config.name))
                        .map((s) => ({
                            name: s.config.name,
                            network: s.network,
                            provider: this.providers.get(s.config.region, s.config.account),
                        })),
                    hubCidr: config.hub.cidr,
                    s3PrefixListId: host.gatewayEndpoints.s3?.prefixListId,
                    accountId,
                    ...(config.accountId ? { configuredAccountId: config.accountId } : {}),
                    tags: config.tags,
                },
                { parent: this, provider: this.providers.get(host.region) },
            );
        }
        const svc = this.endpointService;

        this.outputs = {
            connectivityMode: config.connectivity.mode,
            regionalEndpoints: Object.fromEntries(
                Object.values(this.regionalEndpoints).map((e) => [
                    e.region,
                    {
                        ...vpcOutputs(e.network),
                        endpointSecurityGroupId: e.endpointSecurityGroup.id,
                        interfaceEndpoints: Object.fromEntries(
                            Object.values(e.endpoints).map((x) => [
                                x.service,
                                { endpointId: x.endpoint.id, ...(x.zone ? { zoneId: x.zone.zoneId, zoneName: x.zoneName } : {}) },
                            ]),
                        ),
                    },
                ]),
            ),
            ...(this.dnsProfiles
                ? {
                      dnsProfiles: Object.fromEntries(
                          Object.entries(this.dnsProfiles.profiles).map(([region, p]) => [region, { profileId: p.id, profileArn: p.arn }]),
                      ),
                  }
                : {}),
            ...(svc && es
                ? {
                      endpointService: {
                          serviceName: svc.service.serviceName,
                          serviceId: svc.service.id,
                          // Validation keeps the service in the hub region.
                          region: config.hub.region,
                          allowedPrincipals: [...es.allowedPrincipals],
                          supportedRegions: svc.supportedRegions,
                          acceptanceRequired: es.acceptanceRequired,
                          ...(es.privateDnsName ? { privateDnsNameConfiguration: svc.service.privateDnsNameConfigurations } : {}),
                          consumerEndpointIds: Object.fromEntries(Object.entries(svc.consumerEndpoints).map(([k, e]) => [k, e.id])),
                      },
                  }
                : {}),
            spokes: Object.fromEntries(
                this.spokes.map((s) => [
                    s.config.name,
                    {
                        ...vpcOutputs(s.network),
                        ...(peerings[s.config.name] ? { peeringConnectionId: peerings[s.config.name].connection.id } : {}),
                        ...(tgws ? { transitGatewayAttachmentId: tgws.spokeAttachments[s.config.name].id } : {}),
                    },
                ]),
            ),
            ...(this.inspection && tgws ? { inspection: inspectionOutputs(this.inspection, tgws) } : {}),
            transitGateways: tgws
                ? Object.fromEntries(
                      Object.values(tgws.regions).map((g) => [
                          g.region,
                          {
                              transitGatewayId: g.transitGateway.id,
                              routeTableIds: Object.fromEntries(Object.entries(g.routeTables).map(([role, t]) => [role, t.id])),
                          },
                      ]),
                  )
                : {},
            hub: {
                ...vpcOutputs(this.hub.network),
                endpointSecurityGroupId: this.hub.endpointSecurityGroup.id,
                interfaceEndpoints: Object.fromEntries(
                    Object.values(this.hub.endpoints).map((e) => [
                        e.service,
                        { endpointId: e.endpoint.id, ...(e.zone ? { zoneId: e.zone.zoneId, zoneName: e.zoneName } : {}) },
                    ]),
                ),
            },
        };
        this.registerOutputs({});
    }

    /** One Profile per spoke Region holding the zones its spokes resolve (components/planning/dns-profiles.ts). */
    private buildDnsProfiles(args: LandingZoneArgs): DnsProfiles {
        const hubZones = Object.values(this.hub.endpoints).flatMap((e) =>
            e.zone ? [{ key: hubZoneKey(e.service), zone: e.zone, service: e.service }] : [],
        );
        // A Region's own endpoint set: the zones each of its spokes asked for (the same for all: rules/dns.ts).
        const regionalZones = new Map<string, { key: string; zone: aws.route53.Zone }>();
        const regionalShare = new Map<string, string[]>();
        for (const set of this.plan.regionalEndpoints) {
            const built = this.regionalEndpoints[set.region];
            for (const z of set.spokes) {
                const keys = z.services.flatMap((service) => {
                    const zone = built?.endpoints[service]?.zone;
                    const key = zoneKey(set.vpc, service);
                    if (zone) {
                        regionalZones.set(key, { key, zone });
                    }
                    return zone ? [key] : [];
                });
                regionalShare.set(z.spoke, keys);
            }
        }
        const plan = planDnsProfiles(
            this.spokes.map((s) => ({
                vpc: s.name,
                region: s.config.region,
                zones: [
                    ...hubZones.filter((z) => receivesHubZone(z.service, this.hub.network.region, s.config)).map((z) => z.key),
                    ...(regionalShare.get(s.config.name) ?? []),
                ],
            })),
        );
        if (plan.conflicts.length > 0) {
            const c = plan.conflicts[0];
            // Config validation refuses this first (rules/dns.ts); a direct caller of the component could still get here.
            throw new pulumi.ResourceError(
                `dns.mode profiles: ${c.vpc} and ${c.firstVpc} in ${c.region} resolve different zones (${c.differing.join(", ")}), but one Profile serves the Region`,
                this,
            );
        }
        return new DnsProfiles(
            "dns-profiles",
            {
                profiles: plan.profiles,
                zones: new Map([...hubZones, ...regionalZones.values()].map((z) => [z.key, z.zone])),
                vpcIds: new Map(this.spokes.map((s) => [s.name, s.network.vpcId])),
                providers: this.providers,
                project: args.project,
                stack: args.stack,
            },
            { parent: this },
        );
    }
}

/**
 * Transit-gateway mode across accounts: the spokes another account than the network account owns (by
 * plan reference), whose TGWs are shared with their accounts through AWS RAM, and the organisation's
 * ARN when the stack is in one (the shares' principal). Nothing for a single-account stack, or when
 * every spoke is the network account's, so their plans do not change.
 *
 * The organisation's ARN names its management account (arn:aws:organizations::<management>:organization/
 * o-…), which the config does not: it is read with DescribeOrganization, which any account of the
 * organisation may call (Organizations API reference, DescribeOrganization; the data source's
 * `returnOrganizationOnly` limits it to that call, @pulumi/aws organizations.getOrganization).
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html
 */
function crossAccountAttachments(
    providers: RegionalProviders,
    spokes: readonly { readonly config: { readonly name: string; readonly account?: string } }[],
    organizationId: string | undefined,
    hubProvider: aws.Provider,
    parent: pulumi.Resource,
): { crossAccount?: { vpcAccounts: ReadonlyMap<string, string>; organizationArn?: pulumi.Input<string> } } {
    const network = providers.account();
    if (network === undefined) {
        return {};
    }
    const vpcAccounts = new Map(
        spokes.flatMap((s) => {
            const a = providers.account(s.config.account);
            return a !== undefined && a.id !== network.id ? [[`spoke-${s.config.name}`, a.name] as const] : [];
        }),
    );
    if (vpcAccounts.size === 0) {
        return {};
    }
    return {
        crossAccount: {
            vpcAccounts,
            ...(organizationId !== undefined
                ? {
                      // Only DescribeOrganization: the other calls the data source makes by default
                      // (ListAccounts, ListRoots...) are the management account's or a delegated admin's.
                      organizationArn: aws.organizations.getOrganizationOutput(
                          { returnOrganizationOnly: true },
                          { parent, provider: hubProvider },
                      ).arn,
                  }
                : {}),
        },
    };
}

/**
 * The hub's account id, for a spoke's peering, when the spoke is in another account: the request then
 * names the owner of the peer VPC (`peerOwnerId`), and the accepter runs with the hub account's provider.
 */
function crossAccountPeer(providers: RegionalProviders, spokeAccount: string | undefined): { peerOwnerId?: string } {
    const hub = providers.account();
    const spoke = providers.account(spokeAccount);
    return hub && spoke && hub.id !== spoke.id ? { peerOwnerId: hub.id } : {};
}

/** Zone key: the owner's component name and the service (`hub-ecr-api`, `endpoints-eu-west-1-ssm`), what a Profile's child is named after. */
function zoneKey(owner: string, service: string): string {
    return `${owner}-${service.replace(/\./g, "-")}`;
}

const hubZoneKey = (service: string) => zoneKey("hub", service);

function vpcOutputs(n: NetworkVpc): VpcOutputs {
    const ids = (tier: "workload" | "endpoint" | "transit") => n.subnetIds(tier);
    const rts = (tier: "workload" | "endpoint" | "transit") => n.tiers[tier].map((s) => s.routeTableId);
    return {
        region: n.region,
        vpcId: n.vpcId,
        cidr: n.cidr,
        availabilityZones: n.azNames,
        availabilityZoneIds: n.azIds,
        subnetIds: { workload: ids("workload"), endpoint: ids("endpoint"), transit: ids("transit") },
        routeTableIds: { workload: rts("workload"), endpoint: rts("endpoint"), transit: rts("transit") },
    };
}

/** AWS name of the Network Firewall, its policy and rule group: `<project>-<stack>-inspection` (letters, digits, hyphens). */
function inspectionAwsName(project: string, stack: string): string {
    return `${project}-${stack}`.replace(/[^a-zA-Z0-9-]/g, "-").slice(0, 100) + "-inspection";
}

function inspectionOutputs(i: Inspection, tgws: TransitGateways): InspectionOutputs {
    const slots = [...i.endpointIds.entries()];
    const gwlb = i.gatewayLoadBalancer;
    const nfw = i.networkFirewall;
    return {
        engine: i.plan.engine,
        ...inspectionVpcOutputs(i),
        transitGatewayAttachmentId: tgws.inspectionAttachment().id,
        endpointIds: pulumi
            .all([i.network.azNames, pulumi.all(slots.map(([, id]) => id))])
            .apply(([names, ids]) => Object.fromEntries(slots.map(([az], k) => [names[az], ids[k]]))),
        ...(gwlb ? { gatewayLoadBalancerArn: gwlb.loadBalancer.arn, endpointServiceName: gwlb.service.serviceName } : {}),
        ...(nfw ? { firewallArn: nfw.firewall.arn } : {}),
    };
}
