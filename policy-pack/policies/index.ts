/**
 * The landing-zone policies, one per file. Importing this barrel has no side effects (it builds no
 * PolicyPack and starts no server), so tests and harnesses can import it; `../index.ts` is the only
 * place that constructs the pack.
 *
 * Levels: mandatory for security and topology rules, advisory for hygiene. Every level can be
 * overridden per policy (or for "all") in the pack config passed with `--policy-pack-config`.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allowedAccounts } from "./allowed-accounts";
import { allowedRegions } from "./allowed-regions";
import { applianceSgGeneveFromGwlbSubnets } from "./appliance-sg-geneve-from-gwlb-subnets";
import { awsServiceEndpointPrivateDnsDisabled } from "./aws-service-endpoint-private-dns-disabled";
import { consumerEndpointInServiceAzs } from "./consumer-endpoint-in-service-azs";
import { crossAccountPeeringAccepted } from "./cross-account-peering-accepted";
import { crossAccountZoneAssociationAuthorized } from "./cross-account-zone-association-authorized";
import { crossRegionPrivatelinkConsistent } from "./cross-region-privatelink-consistent";
import { defaultSecurityGroupNoRules } from "./default-security-group-no-rules";
import { endpointPolicyDeclaredAccounts } from "./endpoint-policy-declared-accounts";
import { endpointPolicyPresent } from "./endpoint-policy-present";
import { endpointPolicyRestricted } from "./endpoint-policy-restricted";
import { endpointServiceAcceptanceRequired } from "./endpoint-service-acceptance-required";
import { endpointServiceAllowedPrincipals } from "./endpoint-service-allowed-principals";
import { gwlbEndpointServiceNetworkAccountOnly } from "./gwlb-endpoint-service-network-account-only";
import { gwlbTargetGroupGeneve } from "./gwlb-target-group-geneve";
import { hubEndpointDnsComplete } from "./hub-endpoint-dns-complete";
import { hubEndpointSgSpokeHttpsOnly } from "./hub-endpoint-sg-spoke-https-only";
import { hubRequiredEndpoints } from "./hub-required-endpoints";
import { inspectionAttachmentApplianceMode } from "./inspection-attachment-appliance-mode";
import { inspectionEndpointPerAz } from "./inspection-endpoint-per-az";
import { inspectionNoBypassRoute } from "./inspection-no-bypass-route";
import { interfaceEndpointMultiAzWithSecurityGroup } from "./interface-endpoint-multi-az-with-security-group";
import { networkFirewallDefaultActionAndLogging } from "./network-firewall-default-action-and-logging";
import { nlbBehindEndpointService } from "./nlb-behind-endpoint-service";
import { nlbInternalCrossZoneWithSecurityGroups } from "./nlb-internal-cross-zone-with-security-groups";
import { noUnrestrictedIngress } from "./no-unrestricted-ingress";
import { quotaHeadroom } from "./quota-headroom";
import { ramShareNoExternalPrincipals } from "./ram-share-no-external-principals";
import { regionalEndpointDnsScoped } from "./regional-endpoint-dns-scoped";
import { requiredTags } from "./required-tags";
import { routeNoDefaultViaPeeringOrTgw } from "./route-no-default-via-peering-or-tgw";
import { routesHaveReturnPath } from "./routes-have-return-path";
import { subnetNoPublicIp } from "./subnet-no-public-ip";
import { tgwAttachmentsExplicitAssociation } from "./tgw-attachments-explicit-association";
import { tgwPeeringStaticRoutesOnly } from "./tgw-peering-static-routes-only";
import { tgwSharedAttachmentAccepted } from "./tgw-shared-attachment-accepted";
import { transitGatewayExplicitRouteTables } from "./transit-gateway-explicit-route-tables";
import { transitGatewayNoAutoAccept } from "./transit-gateway-no-auto-accept";
import { vpcCidrsNonOverlapping } from "./vpc-cidrs-non-overlapping";
import { vpcFlowLogsEnabled } from "./vpc-flow-logs-enabled";
import { vpcRoleConsistent } from "./vpc-role-consistent";

export {
    allowedAccounts,
    allowedRegions,
    applianceSgGeneveFromGwlbSubnets,
    awsServiceEndpointPrivateDnsDisabled,
    consumerEndpointInServiceAzs,
    crossAccountPeeringAccepted,
    crossAccountZoneAssociationAuthorized,
    crossRegionPrivatelinkConsistent,
    defaultSecurityGroupNoRules,
    endpointPolicyDeclaredAccounts,
    endpointPolicyPresent,
    endpointPolicyRestricted,
    endpointServiceAcceptanceRequired,
    endpointServiceAllowedPrincipals,
    gwlbEndpointServiceNetworkAccountOnly,
    gwlbTargetGroupGeneve,
    hubEndpointDnsComplete,
    hubEndpointSgSpokeHttpsOnly,
    hubRequiredEndpoints,
    inspectionAttachmentApplianceMode,
    inspectionEndpointPerAz,
    inspectionNoBypassRoute,
    interfaceEndpointMultiAzWithSecurityGroup,
    networkFirewallDefaultActionAndLogging,
    nlbBehindEndpointService,
    nlbInternalCrossZoneWithSecurityGroups,
    noUnrestrictedIngress,
    quotaHeadroom,
    ramShareNoExternalPrincipals,
    regionalEndpointDnsScoped,
    requiredTags,
    routeNoDefaultViaPeeringOrTgw,
    routesHaveReturnPath,
    subnetNoPublicIp,
    tgwAttachmentsExplicitAssociation,
    tgwPeeringStaticRoutesOnly,
    tgwSharedAttachmentAccepted,
    transitGatewayExplicitRouteTables,
    transitGatewayNoAutoAccept,
    vpcCidrsNonOverlapping,
    vpcFlowLogsEnabled,
    vpcRoleConsistent,
};

/** Per-resource policies (`Analyze`): values of one resource's inputs. */
export const resourcePolicies: readonly ResourceValidationPolicy[] = [
    // security
    noUnrestrictedIngress,
    subnetNoPublicIp,
    endpointPolicyRestricted,
    endpointServiceAcceptanceRequired,
    endpointServiceAllowedPrincipals,
    nlbInternalCrossZoneWithSecurityGroups,
    transitGatewayNoAutoAccept,
    allowedRegions,
    allowedAccounts,
    ramShareNoExternalPrincipals,
    // topology
    interfaceEndpointMultiAzWithSecurityGroup,
    awsServiceEndpointPrivateDnsDisabled,
    transitGatewayExplicitRouteTables,
    routeNoDefaultViaPeeringOrTgw,
    // hygiene
    requiredTags,
];

/** Stack policies (`AnalyzeStack`): absences and cross-resource topology, linked by property dependencies. */
export const stackPolicies: readonly StackValidationPolicy[] = [
    // security
    vpcFlowLogsEnabled,
    defaultSecurityGroupNoRules,
    endpointPolicyPresent,
    endpointPolicyDeclaredAccounts,
    // topology
    vpcRoleConsistent,
    vpcCidrsNonOverlapping,
    routesHaveReturnPath,
    hubEndpointDnsComplete,
    hubEndpointSgSpokeHttpsOnly,
    hubRequiredEndpoints,
    regionalEndpointDnsScoped,
    tgwAttachmentsExplicitAssociation,
    tgwPeeringStaticRoutesOnly,
    consumerEndpointInServiceAzs,
    crossRegionPrivatelinkConsistent,
    // multi-account (vacuous without pinned providers in two or more accounts)
    crossAccountPeeringAccepted,
    crossAccountZoneAssociationAuthorized,
    tgwSharedAttachmentAccepted,
    // centralised inspection (vacuous without an inspection VPC, lib/inspection.ts)
    inspectionAttachmentApplianceMode,
    inspectionNoBypassRoute,
    inspectionEndpointPerAz,
    gwlbTargetGroupGeneve,
    gwlbEndpointServiceNetworkAccountOnly,
    // hygiene
    quotaHeadroom,
    nlbBehindEndpointService,
    applianceSgGeneveFromGwlbSubnets,
    networkFirewallDefaultActionAndLogging,
];

/** Every policy of the landing-zone pack. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [...resourcePolicies, ...stackPolicies];
