/**
 * The multi-account config the account specs share: a peering stack whose hub is in `network` (the
 * credentials' own account), payments in workload-a (default role), analytics in workload-b (own role,
 * external id), the endpoint service consumed by payments, regional sets off (not built across accounts).
 */
import { baseConfig, ConfigObject } from "./plan";

export const NETWORK = "111111111111";
export const WORKLOAD_A = "222222222222";
export const WORKLOAD_B = "333333333333";

/** Hub in `network` (the credentials' own), payments in workload-a (default role), analytics in workload-b (own role, external id). */
export function multiAccountConfig(mutate?: (c: ConfigObject & { spokes: Record<string, unknown>[] }) => void): ConfigObject {
    const c = baseConfig() as ConfigObject & { spokes: Record<string, unknown>[] };
    c.accounts = {
        network: { id: NETWORK, assumeRole: false },
        // The default role trusts only the management account: these specs deploy as if from it.
        "workload-a": { id: WORKLOAD_A, defaultRoleTrustsDeployer: true },
        "workload-b": { id: WORKLOAD_B, roleArn: `arn:aws:iam::${WORKLOAD_B}:role/landing-zone-deployer`, externalId: "lz-ext-1" },
    };
    c.networkAccount = "network";
    c.spokes[0].account = "workload-a";
    c.spokes[1].account = "workload-b";
    c.regionalEndpoints = { "eu-west-1": { enabled: false } };
    c.endpointService = {
        name: "orders",
        allowedPrincipals: [`arn:aws:iam::${WORKLOAD_A}:root`, `arn:aws:iam::${WORKLOAD_B}:root`],
        consumers: ["payments"],
        targets: { ipAddresses: ["10.0.0.10"] },
    };
    mutate?.(c);
    return c;
}
