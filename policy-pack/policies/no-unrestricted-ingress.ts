import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAnyAddress } from "../lib/cidr";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown, Value } from "../lib/unknown";
import { isRecord, str } from "../lib/values";

/**
 * `no-unrestricted-ingress`: no security group rule admits `0.0.0.0/0` or `::/0` (any `/0`), on any port.
 *
 * Checks inline `ingress` of `aws.ec2.SecurityGroup` / `DefaultSecurityGroup`, standalone
 * `aws.vpc.SecurityGroupIngressRule` (`cidrIpv4`, `cidrIpv6`) and `aws.ec2.SecurityGroupRule` of type
 * `ingress` (`cidrBlocks`, `ipv6CidrBlocks`). The landing zone has no internet edge: nothing is meant to
 * be reachable from everywhere, so this is stricter than the port-based controls it maps to.
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: high.
 * - Controls: Security Hub EC2.18, EC2.19, EC2.53 (IPv4), EC2.54 (IPv6); CIS AWS Foundations v3.0.0
 *   5.2, 5.3; Checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_260, CKV_AWS_277.
 * - Preview: CIDRs are literal inputs, normally known. A computed CIDR defers the check to `pulumi up`
 *   ("can't run during preview" advisory) after every known CIDR has been checked.
 */
export const noUnrestrictedIngress: ResourceValidationPolicy = {
    name: "no-unrestricted-ingress",
    description: "Security group ingress never admits 0.0.0.0/0 or ::/0.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: [
        "security",
        "aws-fsbp:EC2.18",
        "aws-fsbp:EC2.19",
        "aws-fsbp:EC2.53",
        "aws-fsbp:EC2.54",
        "cis-aws-3.0.0:5.2",
        "cis-aws-3.0.0:5.3",
        "checkov:CKV_AWS_24",
        "checkov:CKV_AWS_25",
        "checkov:CKV_AWS_260",
        "checkov:CKV_AWS_277",
    ],
    remediationSteps: "Replace the /0 source with the CIDRs (or security group) that need access.",
    validateResource: forTypes([T.securityGroup, T.defaultSecurityGroup, T.ingressRule, T.securityGroupRule], ({ props, args, report }) => {
        const unknownPaths: (string | number)[][] = [];
        const check = (v: Value | undefined, path: (string | number)[], what: string) => {
            if (isUnknown(v)) {
                unknownPaths.push(path);
                return;
            }
            const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
            values.forEach((c, i) => {
                if (isUnknown(c)) {
                    unknownPaths.push(Array.isArray(v) ? [...path, i] : path);
                } else if (typeof c === "string" && isAnyAddress(c)) {
                    report(`${what} admits ${c}; narrow the source to the CIDRs (or security groups) that need access.`);
                }
            });
        };

        if (args.type === T.securityGroup || args.type === T.defaultSecurityGroup) {
            const ingress = props["ingress"];
            if (isUnknown(ingress)) {
                deferToPreview(args.props, ["ingress"]);
            }
            (Array.isArray(ingress) ? ingress : []).forEach((rule, i) => {
                if (!isRecord(rule)) {
                    return;
                }
                const ports = `${String(rule["fromPort"])}-${String(rule["toPort"])}`;
                check(rule["cidrBlocks"], ["ingress", i, "cidrBlocks"], `Ingress rule ${i} (ports ${ports})`);
                check(rule["ipv6CidrBlocks"], ["ingress", i, "ipv6CidrBlocks"], `Ingress rule ${i} (ports ${ports})`);
            });
        } else if (args.type === T.ingressRule) {
            check(props["cidrIpv4"], ["cidrIpv4"], "Ingress rule");
            check(props["cidrIpv6"], ["cidrIpv6"], "Ingress rule");
        } else {
            const type = str(props["type"]);
            if (isUnknown(type)) {
                deferToPreview(args.props, ["type"]);
            }
            if (type !== "ingress") {
                return;
            }
            check(props["cidrBlocks"], ["cidrBlocks"], "Ingress rule");
            check(props["ipv6CidrBlocks"], ["ipv6CidrBlocks"], "Ingress rule");
        }
        if (unknownPaths.length > 0) {
            deferToPreview(args.props, unknownPaths[0]);
        }
    }),
};
