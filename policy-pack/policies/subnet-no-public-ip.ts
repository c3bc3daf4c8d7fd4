import type { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { bool } from "../lib/values";

/**
 * `subnet-no-public-ip`: subnets never hand out public addresses on launch: `mapPublicIpOnLaunch` and
 * `assignIpv6AddressOnCreation` are not true (both default to false). IPv6 addresses from an
 * Amazon-provided block are globally routable, so the IPv6 flag is held to the same rule.
 *
 * - Kind: resource policy. Level: mandatory (security). Severity: medium.
 * - Controls: Security Hub EC2.15 (IPv4); Checkov CKV_AWS_130.
 * - Preview: literal inputs; a computed flag defers the check to `pulumi up`.
 */
export const subnetNoPublicIp: ResourceValidationPolicy = {
    name: "subnet-no-public-ip",
    description: "Subnets do not assign public IPv4 or IPv6 addresses on launch.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["security", "aws-fsbp:EC2.15", "checkov:CKV_AWS_130"],
    remediationSteps: "Set mapPublicIpOnLaunch and assignIpv6AddressOnCreation to false (or omit them).",
    validateResource: forTypes([T.subnet], ({ props, args, report }) => {
        let deferred: string | undefined;
        for (const key of ["mapPublicIpOnLaunch", "assignIpv6AddressOnCreation"]) {
            const v = bool(props[key]);
            if (isUnknown(v)) {
                deferred = deferred ?? key;
            } else if (v === true) {
                report(`Subnet sets ${key} to true; set it to false (spokes reach AWS through the hub, not the internet).`);
            }
        }
        if (deferred) {
            deferToPreview(args.props, [deferred]);
        }
    }),
};
