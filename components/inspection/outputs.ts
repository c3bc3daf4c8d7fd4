import * as pulumi from "@pulumi/pulumi";
import { Inspection } from "./inspection";

/** The inspection VPC's ids, per tier as the plan names them (`appliance` only with the gwlb engine). */
export interface InspectionVpcOutputs {
    readonly region: string;
    readonly vpcId: pulumi.Output<string>;
    readonly cidr: string;
    /** This account's names of the VPC's AZs, in slot order (slot i is the i-th entry of every tier). */
    readonly availabilityZones: pulumi.Output<string[]>;
    readonly subnetIds: {
        readonly appliance: pulumi.Output<string>[];
        readonly endpoint: pulumi.Output<string>[];
        readonly transit: pulumi.Output<string>[];
    };
    readonly routeTableIds: {
        readonly endpoint: pulumi.Output<string>[];
        readonly transit: pulumi.Output<string>[];
    };
}

/** Stack output `inspection`: what operators and other stacks need of the inspection VPC and its engine. */
export interface InspectionOutputs extends InspectionVpcOutputs {
    readonly engine: "gwlb" | "network-firewall";
    /** Its attachment to the hub region's transit gateway (appliance mode on). */
    readonly transitGatewayAttachmentId: pulumi.Output<string>;
    /** AZ name -> the endpoint (GWLB endpoint or Network Firewall endpoint) that inspects that AZ's traffic. */
    readonly endpointIds: pulumi.Output<Record<string, string>>;
    /** The Gateway Load Balancer's ARN (engine `gwlb`). */
    readonly gatewayLoadBalancerArn?: pulumi.Output<string>;
    /** The GWLB endpoint service's name (engine `gwlb`): a further GWLB endpoint connects to it. */
    readonly endpointServiceName?: pulumi.Output<string>;
    /** The firewall's ARN (engine `network-firewall`). */
    readonly firewallArn?: pulumi.Output<string>;
}

/** The inspection VPC's part of the outputs. */
export function inspectionVpcOutputs(i: Inspection): InspectionVpcOutputs {
    const n = i.network;
    return {
        region: n.region,
        vpcId: n.vpcId,
        cidr: n.cidr,
        availabilityZones: n.azNames,
        subnetIds: {
            // The appliance tier lives in the layout's workload slots (inspection.ts, LAYOUT_TIER).
            appliance: n.subnetIds("workload"),
            endpoint: n.subnetIds("endpoint"),
            transit: n.subnetIds("transit"),
        },
        routeTableIds: {
            endpoint: n.tiers.endpoint.map((s) => s.routeTableId),
            transit: n.tiers.transit.map((s) => s.routeTableId),
        },
    };
}
