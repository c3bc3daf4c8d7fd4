/**
 * Configs the component specs run under the mocks. Each is run once per test process (planFor memoises),
 * and shared by tests/components/vpc.spec.ts and hub.spec.ts.
 */
import { baseConfig, ConfigObject, withBase } from "./plan";

/** The minimal valid config. */
export const BASE: ConfigObject = baseConfig();

export const ACCOUNT_ID = "111122223333";
export const ORGANIZATION_ID = "o-a1b2c3d4e5";

/**
 * BASE as a production stack sets it: `protect: true`, pinned to an account, endpoint policies scoped
 * to the organisation. (Three fields in one run to keep the suite fast; their effects are disjoint:
 * resource options, provider pinning / flow-log trust, endpoint policies.)
 */
export const PRODUCTION: ConfigObject = withBase((b) =>
    Object.assign(b, { protect: true, accountId: ACCOUNT_ID, organizationId: ORGANIZATION_ID }),
);

/**
 * A wider scenario: services with unusual DNS (S3's wildcard entries, DynamoDB without private DNS,
 * execute-api), a full service name, S3 only as an interface endpoint on the hub, two AZs, a second spoke
 * region, a supernet for a region without spokes, non-default flow-log settings.
 */
export const EXTENDED: ConfigObject = withBase((b) => {
    b.hub = {
        region: "eu-west-2",
        cidr: "10.0.0.0/16",
        azCount: 2,
        interfaceEndpoints: ["com.amazonaws.eu-west-2.ssm", "ssmmessages", "sts", "ecr.api", "ecr.dkr", "s3", "dynamodb", "execute-api"],
        gatewayEndpoints: ["dynamodb"],
    };
    b.supernets["eu-central-1"] = "10.32.0.0/12";
    b.supernets["us-east-1"] = "10.64.0.0/12";
    b.spokes.push({ name: "ledger", region: "eu-central-1", cidr: "10.32.0.0/20", azCount: 3 });
    b.flowLogs = { retentionDays: 731, trafficType: "REJECT" };
    b.tags = { owner: "networks", "data-classification": "internal" };
});

/** BASE plus an endpoint service with one consumer spoke: peering, PrivateLink, hub endpoints and zones. */
export const SERVICE_OVER_PEERING: ConfigObject = withBase((c) => {
    c.endpointService = { name: "orders", consumers: ["payments"] };
});

/**
 * Transit gateways in three regions (hub eu-west-2, spokes eu-west-1 and eu-central-1) with both spokes
 * in one segment: VPC attachments, TGW peerings with accepters, segment and hub route tables.
 */
export const TGW_SEGMENT: ConfigObject = withBase((c) => {
    c.supernets["eu-central-1"] = "10.48.0.0/12";
    c.spokes = [
        { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20" },
        { name: "ledger", region: "eu-central-1", cidr: "10.48.0.0/20" },
    ];
    c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "ledger"] }] };
});
