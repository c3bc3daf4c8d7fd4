/** Shared fixtures of the endpoint-service specs: type tokens, principals, a hub-hosted service config. */
import { CapturedResource } from "../../../offline/types";
import { ConfigObject, Plan, propertyDependsOn, withBase } from "../../helpers/plan";

export const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    tga: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    asg: "aws:autoscaling/group:Group",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    svc: "aws:ec2/vpcEndpointService:VpcEndpointService",
    principal: "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    accepter: "aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter",
    dnsVerify: "aws:vpc/endpointServicePrivateDnsVerification:EndpointServicePrivateDnsVerification",
};

export const PRINCIPALS = [
    "arn:aws:iam::111122223333:root",
    "arn:aws:iam::444455556666:role/orders-consumer",
    "arn:aws:iam::444455556666:user/ops",
];

/** Hub-hosted service; one consumer in the hub region (same-region, AZ-matched), one in eu-west-1 (cross-region). */
export const SERVICE: ConfigObject = withBase((c) => {
    c.accountId = "999988887777";
    c.supernets["eu-west-2"] = "10.32.0.0/12";
    c.spokes.push({ name: "tooling", region: "eu-west-2", cidr: "10.32.0.0/20", azCount: 3 });
    c.hub.azCount = 2;
    c.endpointService = {
        name: "orders-api",
        port: 8443,
        allowedPrincipals: PRINCIPALS,
        consumers: ["payments", "tooling"],
        targets: { fleet: { desiredCapacity: 2 } },
    };
});

export function sgAdmits(plan: Plan, sg: CapturedResource, cidr: string, port: number): boolean {
    return plan
        .byType(T.ingress)
        .some(
            (r) =>
                propertyDependsOn(r, "securityGroupId", sg.urn) &&
                r.inputs.cidrIpv4 === cidr &&
                r.inputs.fromPort === port &&
                r.inputs.toPort === port &&
                r.inputs.ipProtocol === "tcp",
        );
}
