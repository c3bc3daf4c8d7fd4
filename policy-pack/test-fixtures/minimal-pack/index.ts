/**
 * A deliberately tiny CrossGuard pack used only by `tests/offline/analyzer.spec.ts` to prove that the
 * offline harness (`offline/analyzer.ts`) drives a real pack the way the Pulumi engine does. Each policy
 * exercises one part of the protocol:
 *
 * - `vpc-dns-support` (resource, mandatory): per-resource `Analyze` on inputs, with the provider resource.
 * - `subnet-in-parent-vpc` (stack, mandatory): `AnalyzeStack` with parent, dependencies and property
 *   dependencies (it links a subnet to its VPC through the `vpcId` property dependency, never by id).
 * - `vpc-size` (stack, advisory): `Configure` with a `configSchema` default that a policy config can
 *   override; it reads the VPC's `arn` output only when it reports, so in a preview of a fresh stack it
 *   becomes a "can't run during preview" advisory.
 */
import { PolicyPack, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";

const vpcDnsSupport: ResourceValidationPolicy = {
    name: "vpc-dns-support",
    description: "VPCs must set enableDnsSupport to true.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== VPC) {
            return;
        }
        const value: unknown = args.props.enableDnsSupport;
        if (value !== true) {
            const provider = args.provider
                ? `provider ${args.provider.name}, region ${String(args.provider.props.region)}`
                : "no explicit provider";
            reportViolation(`enableDnsSupport is ${JSON.stringify(value) ?? "unset"} (${provider})`);
        }
    },
};

function describeParent(r: PolicyResource): string {
    return r.parent ? r.parent.name : "<none>";
}

const subnetInParentVpc: StackValidationPolicy = {
    name: "subnet-in-parent-vpc",
    description: "A subnet takes vpcId from exactly one VPC under the same parent and depends on it.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const subnet of args.resources) {
            if (subnet.type !== SUBNET) {
                continue;
            }
            const vpcs = (subnet.propertyDependencies["vpcId"] ?? []).filter((d) => d.type === VPC);
            if (vpcs.length !== 1) {
                reportViolation(`subnet ${subnet.name} takes vpcId from ${vpcs.length} VPCs, expected 1`, subnet.urn);
                continue;
            }
            const vpc = vpcs[0];
            if (!subnet.dependencies.includes(vpc)) {
                reportViolation(`subnet ${subnet.name} does not depend on VPC ${vpc.name}`, subnet.urn);
            }
            if (subnet.parent !== vpc.parent) {
                reportViolation(
                    `subnet ${subnet.name} (parent ${describeParent(subnet)}) takes vpcId from VPC ${vpc.name} ` +
                        `(parent ${describeParent(vpc)})`,
                    subnet.urn,
                );
            }
        }
    },
};

const vpcSize: StackValidationPolicy = {
    name: "vpc-size",
    description: "VPC CIDR blocks must not be smaller than /maxPrefixLength.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            maxPrefixLength: { type: "integer", minimum: 16, maximum: 28, default: 16 },
        },
    },
    validateStack: (args, reportViolation) => {
        const { maxPrefixLength } = args.getConfig<{ maxPrefixLength: number }>();
        for (const vpc of args.resources) {
            if (vpc.type !== VPC) {
                continue;
            }
            const prefix = Number(String(vpc.props.cidrBlock).split("/")[1]);
            if (prefix > maxPrefixLength) {
                reportViolation(`VPC ${vpc.name} (${String(vpc.props.arn)}) is /${prefix}; the limit is /${maxPrefixLength}`, vpc.urn);
            }
        }
    },
};

new PolicyPack("minimal-pack", {
    policies: [vpcDnsSupport, subnetInParentVpc, vpcSize],
});
