/**
 * Edits a plan shows that the provider never applies to AWS: `pulumi up` succeeds, the state and the
 * config agree, and the AWS object keeps its old value. Two kinds, each a small, sourced table for the
 * resource types this project registers (files of hashicorp/terraform-provider-aws, as in
 * replace-table.ts, read 2026-12).
 *
 * - An Optional + Computed input that is omitted: the provider plans no diff for an input left out of
 *   the config when it is Computed (it keeps the value it last read), so Update never sends the
 *   removal. Omitting it is not "update": the old value stays.
 * - A resource whose delete is a no-op: it leaves the AWS setting it made in place.
 *
 * Pure: no Pulumi import.
 */
import { CapturedResource } from "../types";

/** An Optional + Computed input, what omitting it leaves behind, and how to really remove it. */
export interface OmittedInputRule {
    readonly input: string;
    /**
     * `error` when what stays weakens what the config now says (a region still allowed to connect);
     * `warning` when it is inert leftover the operator removes out of band (the check cannot see that
     * step, so an error would fail a documented edit for ever).
     */
    readonly severity: "error" | "warning";
    /** What stays on AWS. */
    readonly stays: string;
    /** How to remove it. */
    readonly fix: string;
}

export interface OmittedInputEntry {
    readonly inputs: readonly OmittedInputRule[];
    readonly source: string;
}

const TF = "hashicorp/terraform-provider-aws internal/service/";

export const OPTIONAL_COMPUTED: Readonly<Record<string, OmittedInputEntry>> = {
    // Update sends PrivateDnsName only when it has a change and never sends RemovePrivateDnsName, so
    // the provider cannot remove the name at all: the documented step is the EC2 CLI.
    // https://docs.aws.amazon.com/cli/latest/reference/ec2/modify-vpc-endpoint-service-configuration.html
    "aws:ec2/vpcEndpointService:VpcEndpointService": {
        inputs: [
            {
                input: "privateDnsName",
                severity: "warning",
                stays: "the service keeps its private DNS name (and its verification state)",
                fix: "remove it out of band, then refresh: aws ec2 modify-vpc-endpoint-service-configuration --region <service region> --service-id <serviceId output> --remove-private-dns-name; pulumi refresh (README, Day-2 changes: removing privateDnsName)",
            },
            {
                input: "supportedRegions",
                severity: "error",
                stays: "the service stays open to every region it supported, although the config lists none",
                fix: "always set it explicitly, at least to the service's own region (supportedRegions: [<own region>]): the provider then sends RemoveSupportedRegions for the others",
            },
            {
                input: "supportedIpAddressTypes",
                severity: "error",
                stays: "the service keeps the IP address types it had",
                fix: 'set supportedIpAddressTypes explicitly to the types wanted (e.g. ["ipv4"])',
            },
            {
                input: "allowedPrincipals",
                severity: "error",
                stays: "every principal stays allowed",
                fix: "manage principals with one VpcEndpointServiceAllowedPrinciple per ARN and delete those to revoke",
            },
        ],
        source: `${TF}ec2/vpc_endpoint_service.go (private_dns_name, supported_regions, supported_ip_address_types, allowed_principals: Optional + Computed; Update sends PrivateDnsName on change only, never RemovePrivateDnsName)`,
    },
};

/** The rule for omitting `input` of `type`, when it is Optional + Computed. */
export function omittedInputRule(type: string, input: string): OmittedInputRule | undefined {
    return OPTIONAL_COMPUTED[type]?.inputs.find((r) => r.input === input);
}

/** A resource type whose delete leaves the setting it made on AWS. */
export interface NoOpDeleteEntry {
    /** The AWS setting stays in effect after the delete: true when the deleted resource made one that matters. */
    readonly leavesSetting: (r: CapturedResource) => boolean;
    /** The input that names the object keeping the setting. */
    readonly ownerInput: string;
    readonly stays: string;
    readonly fix: string;
    readonly source: string;
}

export const NO_OP_DELETE: Readonly<Record<string, NoOpDeleteEntry>> = {
    "aws:vpc/endpointPrivateDns:EndpointPrivateDns": {
        leavesSetting: (r) => r.inputs.privateDnsEnabled === true,
        ownerInput: "vpcEndpointId",
        stays: "the endpoint keeps private DNS on (its own state still says privateDnsEnabled false, so nothing shows until a refresh)",
        fix: "keep the EndpointPrivateDns and set privateDnsEnabled: false first (pulumi up), then remove it in a second update",
        source: `${TF}ec2/vpc_endpoint_private_dns.go (framework.WithNoOpDelete)`,
    },
};
