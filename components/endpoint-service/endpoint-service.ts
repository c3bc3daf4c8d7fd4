import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EndpointServiceConfig } from "../config/schema";
import { cidr, contains } from "../planning/cidr";
import { NetworkVpc } from "../network/vpc";

/** A spoke that consumes the service through its own interface endpoint. */
export interface ServiceConsumer {
    readonly name: string;
    readonly network: NetworkVpc;
    readonly provider: aws.Provider;
}

export interface EndpointServiceArgs {
    readonly config: EndpointServiceConfig;
    /** VPC hosting the NLB and the fleet (the hub, or a spoke of the hub region). */
    readonly host: NetworkVpc;
    readonly hostProvider: aws.Provider;
    readonly consumers: readonly ServiceConsumer[];
    /** CIDR of the hub VPC: the fleet's SSM traffic goes to the hub's endpoints. */
    readonly hubCidr: string;
    /** S3 gateway endpoint of the host VPC: the fleet reaches the Amazon Linux repositories through it. */
    readonly s3PrefixListId?: pulumi.Input<string>;
    /** This stack's account: allowed as a principal when the stack has consumers of its own. */
    readonly accountId: pulumi.Input<string>;
    /** The same account when the config pins it: lets the component see it is already listed. */
    readonly configuredAccountId?: string;
    /**
     * The stack's tags. Provider `defaultTags` do not reach Auto Scaling groups (their tags have their
     * own shape), so the fleet's group carries them explicitly.
     * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_group#tag
     */
    readonly tags: Readonly<Record<string, string>>;
}

/** Amazon Linux 2023 user data: a placeholder HTTP service on the service port, needing no internet. */
function userData(port: number): string {
    const script = [
        "#!/bin/bash",
        "# Placeholder service: replace with your application. Python ships with Amazon Linux 2023.",
        "mkdir -p /srv/www && echo ok > /srv/www/health",
        `cat > /etc/systemd/system/placeholder.service <<'UNIT'`,
        "[Unit]",
        "Description=landing-zone endpoint service placeholder",
        "[Service]",
        `ExecStart=/usr/bin/python3 -m http.server ${port} --directory /srv/www`,
        "Restart=always",
        "[Install]",
        "WantedBy=multi-user.target",
        "UNIT",
        "systemctl daemon-reload && systemctl enable --now placeholder.service",
    ].join("\n");
    return Buffer.from(script).toString("base64");
}

/**
 * A service published over PrivateLink: targets behind an internal Network Load Balancer, a VPC
 * endpoint service with allowed principals, and consumer endpoints in this stack's spokes.
 *
 * - The NLB is internal, spans every AZ of the host VPC's endpoint tier (two or more) with cross-zone
 *   load balancing, and has a security group: an NLB created without one can never get one.
 *   With inbound rules enforced on PrivateLink traffic the source is the client's own address, so the
 *   group admits the host VPC, each consumer spoke and `allowedSourceCidrs` on the service port.
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 * - Allowed principals are separate resources: adding one never modifies the service.
 * - Consumers in another region connect cross-region (`supportedRegions` on the service,
 *   `serviceRegion` on the endpoint); same-region consumers use only AZs the NLB is in, matched by
 *   AZ ID. Our own consumers' connections are accepted here, in the service's region.
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html
 */
export class EndpointService extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly service: aws.ec2.VpcEndpointService;
    readonly consumerEndpoints: Readonly<Record<string, aws.ec2.VpcEndpoint>>;
    /** Regions consumers may connect from: the service's own first, then each cross-region consumer's; empty when all share its region. */
    readonly supportedRegions: readonly string[];

    constructor(name: string, args: EndpointServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("landing-zone:endpoint-service:EndpointService", name, {}, opts);
        const { config: c, host } = args;
        const region = host.region;
        const inHost = { parent: this, provider: args.hostProvider };

        // ---- security groups -------------------------------------------------------------------
        const nlbSg = new aws.ec2.SecurityGroup(
            `${name}-nlb`,
            { vpcId: host.vpcId, description: `NLB of endpoint service ${c.name}: service port from known client networks`, tags: { Name: `${name}-nlb` } },
            inHost,
        );
        const sources = [{ label: "host", cidr: host.cidr }]
            .concat(args.consumers.map((x) => ({ label: x.name, cidr: x.network.cidr })))
            .concat(c.allowedSourceCidrs.map((cidr, i) => ({ label: `external-${i}`, cidr })));
        for (const src of sources) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-nlb-from-${src.label}`,
                { securityGroupId: nlbSg.id, ipProtocol: "tcp", fromPort: c.port, toPort: c.port, cidrIpv4: src.cidr, description: `service port from ${src.label}` },
                inHost,
            );
        }
        const targetSg = new aws.ec2.SecurityGroup(
            `${name}-targets`,
            { vpcId: host.vpcId, description: `Targets of endpoint service ${c.name}: only the NLB reaches them`, tags: { Name: `${name}-targets` } },
            inHost,
        );
        // NLB -> targets: traffic and health checks are both subject to the NLB group's outbound rules.
        // The fleet carries the targets group; existing instances and IPs are reached by address.
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
        if (c.targets.kind === "fleet") {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-nlb-to-targets`,
                { securityGroupId: nlbSg.id, ipProtocol: "tcp", fromPort: c.port, toPort: c.port, referencedSecurityGroupId: targetSg.id, description: "to targets" },
                inHost,
            );
        } else {
            const destinations = c.targets.kind === "instances" ? [host.cidr] : c.targets.ipAddresses.map((ip) => `${ip}/32`);
            destinations.forEach((cidrIpv4, i) =>
                new aws.vpc.SecurityGroupEgressRule(
                    `${name}-nlb-to-targets-${i}`,
                    { securityGroupId: nlbSg.id, ipProtocol: "tcp", fromPort: c.port, toPort: c.port, cidrIpv4, description: "to targets" },
                    inHost,
                ),
            );
        }
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-targets-from-nlb`,
            { securityGroupId: targetSg.id, ipProtocol: "tcp", fromPort: c.port, toPort: c.port, referencedSecurityGroupId: nlbSg.id, description: "from the NLB" },
            inHost,
        );
        // Operators reach the fleet through SSM: HTTPS to the hub's endpoints, packages from S3.
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-targets-to-hub-endpoints`,
            { securityGroupId: targetSg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: args.hubCidr, description: "SSM and other AWS APIs via the hub endpoints" },
            inHost,
        );
        if (args.s3PrefixListId) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-targets-to-s3`,
                { securityGroupId: targetSg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: args.s3PrefixListId, description: "Amazon Linux repositories via the S3 gateway endpoint" },
                inHost,
            );
        }

        // ---- load balancer ---------------------------------------------------------------------
        this.loadBalancer = new aws.lb.LoadBalancer(
            `${name}`,
            {
                internal: true,
                loadBalancerType: "network",
                subnets: host.subnetIds("endpoint"),
                securityGroups: [nlbSg.id],
                enableCrossZoneLoadBalancing: true,
                enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "on",
                tags: { Name: name },
            },
            inHost,
        );
        const targetType = c.targets.kind === "ips" ? "ip" : "instance";
        this.targetGroup = new aws.lb.TargetGroup(
            `${name}`,
            {
                vpcId: host.vpcId,
                port: c.port,
                protocol: "TCP",
                targetType,
                deregistrationDelay: 30,
                healthCheck: { enabled: true, protocol: "TCP", port: "traffic-port", interval: 10, healthyThreshold: 3, unhealthyThreshold: 3 },
                tags: { Name: name },
            },
            inHost,
        );
        new aws.lb.Listener(
            `${name}`,
            { loadBalancerArn: this.loadBalancer.arn, port: c.port, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }] },
            inHost,
        );

        // ---- targets ---------------------------------------------------------------------------
        const t = c.targets;
        if (t.kind === "fleet") {
            const role = new aws.iam.Role(
                `${name}-fleet`,
                {
                    description: `Instance role of the ${c.name} fleet: SSM management only`,
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
                    }),
                },
                inHost,
            );
            new aws.iam.RolePolicyAttachment(`${name}-fleet-ssm`, { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }, inHost);
            const profile = new aws.iam.InstanceProfile(`${name}-fleet`, { role: role.name }, inHost);
            const template = new aws.ec2.LaunchTemplate(
                `${name}-fleet`,
                {
                    description: `${c.name} fleet`,
                    // EC2 resolves the public SSM parameter at launch: always the current Amazon Linux 2023.
                    // https://docs.aws.amazon.com/autoscaling/ec2/userguide/using-systems-manager-parameters.html
                    imageId: `resolve:ssm:${t.amiParameter}`,
                    instanceType: t.instanceType,
                    iamInstanceProfile: { arn: profile.arn },
                    networkInterfaces: [{ associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [targetSg.id] }],
                    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
                    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3", volumeSize: 8, deleteOnTermination: "true" } }],
                    userData: userData(c.port),
                    tagSpecifications: [{ resourceType: "instance", tags: { Name: `${name}-fleet` } }],
                },
                inHost,
            );
            new aws.autoscaling.Group(
                `${name}-fleet`,
                {
                    vpcZoneIdentifiers: host.subnetIds("workload"),
                    minSize: t.desiredCapacity,
                    maxSize: t.desiredCapacity * 2,
                    desiredCapacity: t.desiredCapacity,
                    launchTemplate: { id: template.id, version: template.latestVersion.apply((v) => String(v)) },
                    targetGroupArns: [this.targetGroup.arn],
                    healthCheckType: "ELB",
                    healthCheckGracePeriod: 120,
                    tags: [
                        { key: "Name", value: `${name}-fleet`, propagateAtLaunch: true },
                        ...Object.entries(args.tags)
                            .filter(([k]) => k !== "Name")
                            .map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
                    ],
                },
                inHost,
            );
        } else if (t.kind === "instances") {
            t.instanceIds.forEach((id, i) =>
                new aws.lb.TargetGroupAttachment(`${name}-target-${i}`, { targetGroupArn: this.targetGroup.arn, targetId: id, port: c.port }, inHost),
            );
        } else {
            // An IP outside the load balancer's VPC (reached through peering or a TGW) registers in "all" AZs.
            // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html
            const hostCidr = cidr(host.cidr);
            t.ipAddresses.forEach((ip, i) =>
                new aws.lb.TargetGroupAttachment(
                    `${name}-target-${i}`,
                    { targetGroupArn: this.targetGroup.arn, targetId: ip, port: c.port, ...(contains(hostCidr, cidr(`${ip}/32`)) ? {} : { availabilityZone: "all" }) },
                    inHost,
                ),
            );
        }

        // ---- endpoint service ------------------------------------------------------------------
        // AWS always reports the service's own region among the supported regions; listing only the
        // others would show a diff on every preview and an update that tries to remove the home region.
        // (terraform-provider-aws: TestAccVPCEndpointService_basic reads back one region, the provider's.)
        const remote = [...new Set(args.consumers.map((x) => x.network.region).filter((r) => r !== region))];
        this.supportedRegions = remote.length > 0 ? [region, ...remote.sort()] : [];
        this.service = new aws.ec2.VpcEndpointService(
            `${name}`,
            {
                acceptanceRequired: c.acceptanceRequired,
                networkLoadBalancerArns: [this.loadBalancer.arn],
                ...(this.supportedRegions.length > 0 ? { supportedRegions: [...this.supportedRegions] } : {}),
                ...(c.privateDnsName ? { privateDnsName: c.privateDnsName } : {}),
                tags: { Name: name },
            },
            inHost,
        );
        // One resource per principal: adding a principal adds a resource and changes nothing else.
        const principals = c.allowedPrincipals.map(
            (arn, i) => new aws.ec2.VpcEndpointServiceAllowedPrinciple(`${name}-principal-${i}`, { vpcEndpointServiceId: this.service.id, principalArn: arn }, inHost),
        );
        // The stack's own consumer endpoints are created by this account: it must be allowed too. When the
        // config pins the account and lists it already, that resource serves: two resources for one
        // principal would remove it for both when either is deleted.
        const selfArn = args.configuredAccountId ? `arn:aws:iam::${args.configuredAccountId}:root` : undefined;
        const listedAt = selfArn !== undefined ? c.allowedPrincipals.indexOf(selfArn) : -1;
        const self: pulumi.Resource[] =
            args.consumers.length === 0
                ? []
                : listedAt >= 0
                  ? [principals[listedAt]]
                  : [
                        new aws.ec2.VpcEndpointServiceAllowedPrinciple(
                            `${name}-principal-self`,
                            { vpcEndpointServiceId: this.service.id, principalArn: pulumi.interpolate`arn:aws:iam::${args.accountId}:root` },
                            inHost,
                        ),
                    ];
        const verification =
            c.privateDnsName && c.privateDnsVerified
                ? // Phase 2: the TXT record from `privateDnsNameConfiguration` is published; ask AWS to verify.
                  new aws.vpc.EndpointServicePrivateDnsVerification(`${name}-dns-verification`, { serviceId: this.service.id, waitForVerification: true }, inHost)
                : undefined;

        // ---- consumers -------------------------------------------------------------------------
        const endpoints: Record<string, aws.ec2.VpcEndpoint> = {};
        for (const consumer of args.consumers) {
            const cn = `${name}-${consumer.name}`;
            const inConsumer = { parent: this, provider: consumer.provider };
            const sg = new aws.ec2.SecurityGroup(
                cn,
                { vpcId: consumer.network.vpcId, description: `Endpoint to ${c.name}: service port from the ${consumer.name} VPC`, tags: { Name: cn } },
                inConsumer,
            );
            new aws.vpc.SecurityGroupIngressRule(
                `${cn}-from-vpc`,
                { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: c.port, toPort: c.port, cidrIpv4: consumer.network.cidr, description: `${c.name} clients in ${consumer.name}` },
                inConsumer,
            );
            const crossRegion = consumer.network.region !== region;
            // Same region: only AZs the NLB is in. Both VPCs take the region's first N available AZs of
            // this account, so slot i is the same zone on both sides; each subnet still asserts it by
            // AZ ID (AZ names differ per account). The list keeps a known length and one property
            // dependency per subnet, so policies can count AZs during a preview. Across regions AZ IDs
            // are unrelated and PrivateLink reaches the service's AZs itself.
            const consumerSubnets = consumer.network.subnetIds("endpoint");
            const slots = crossRegion ? consumerSubnets.length : Math.min(consumerSubnets.length, host.subnetIds("endpoint").length);
            const subnetIds = consumerSubnets.slice(0, slots).map((id, i) =>
                crossRegion
                    ? id
                    : pulumi.all([consumer.network.azIds, host.azIds, id]).apply(([consumerAzs, nlbAzs, subnetId]) => {
                          if (!nlbAzs.includes(consumerAzs[i])) {
                              throw new Error(
                                  `endpoint service ${c.name}: consumer ${consumer.name}'s AZ ${consumerAzs[i]} is not one of the NLB's (${nlbAzs.join(", ")}). Fix: give both VPCs the same azCount or raise the host's`,
                              );
                          }
                          return subnetId;
                      }),
            );
            const endpoint = new aws.ec2.VpcEndpoint(
                cn,
                {
                    vpcId: consumer.network.vpcId,
                    serviceName: this.service.serviceName,
                    vpcEndpointType: "Interface",
                    subnetIds,
                    securityGroupIds: [sg.id],
                    // Private DNS cannot be enabled while the connection is pending acceptance or the name
                    // unverified: it is switched on below, after both (EndpointPrivateDns).
                    // https://github.com/hashicorp/terraform-provider-aws/pull/37628
                    privateDnsEnabled: false,
                    ...(crossRegion ? { serviceRegion: region } : {}),
                    tags: { Name: cn, "landing-zone:consumer-of": c.name },
                },
                { ...inConsumer, dependsOn: self },
            );
            endpoints[consumer.name] = endpoint;
            const accepted = c.acceptanceRequired
                ? // Accepted in the service's region: this stack owns both sides.
                  [new aws.ec2.VpcEndpointConnectionAccepter(`${cn}-accept`, { vpcEndpointServiceId: this.service.id, vpcEndpointId: endpoint.id }, inHost)]
                : [];
            if (verification) {
                new aws.vpc.EndpointPrivateDns(
                    `${cn}-private-dns`,
                    { vpcEndpointId: endpoint.id, privateDnsEnabled: true },
                    { ...inConsumer, dependsOn: [...accepted, verification] },
                );
            }
        }
        this.consumerEndpoints = endpoints;

        this.registerOutputs({ serviceName: this.service.serviceName, serviceId: this.service.id });
    }
}
