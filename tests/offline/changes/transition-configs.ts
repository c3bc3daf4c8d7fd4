/**
 * The configs of the transition matrix (tests/offline/changes/transitions.spec.ts): one small stack
 * (two hub interface endpoints, so each plan is quick) and its day-2 edits. Also used to regenerate
 * the old-naming fixtures in tests/fixtures/transitions/ (see the README there).
 */
import { ConfigObject } from "../../helpers/plan";

/** Stack name of every transition plan (it is part of every URN). */
export const TRANSITION_STACK = "transition";

const PRINCIPALS = ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:role/orders-consumer", "arn:aws:iam::333333333333:root"];
const INSTANCES = ["i-0aaaaaaaaaaaaaaa1", "i-0bbbbbbbbbbbbbbb2", "i-0ccccccccccccccc3"];
const CIDRS = ["192.168.10.0/24", "192.168.20.0/24", "192.168.30.0/24"];

interface EndpointServiceConfig {
    name: string;
    vpc: string;
    port: number;
    allowedPrincipals: string[];
    targets: { instanceIds: string[] };
    allowedSourceCidrs: string[];
    consumers: string[];
    privateDnsName?: string;
    privateDnsVerified?: boolean;
}

type Mutable = ConfigObject & {
    hub: { region: string; cidr: string; azCount: number; interfaceEndpoints: string[] };
    spokes: { name: string; region: string; cidr: string }[];
    connectivity: { mode: string; segments?: { name: string; spokes: string[] }[] };
    endpointService?: EndpointServiceConfig;
};

/** Peering, three spokes in eu-west-1, an endpoint service with three of each list. */
export function base(): Mutable {
    return {
        accountId: "123456789012",
        tags: { owner: "platform-team", environment: "test" },
        hub: { region: "eu-west-2", cidr: "10.0.0.0/16", azCount: 2, interfaceEndpoints: ["ssm", "sts"] },
        supernets: { "eu-west-1": "10.16.0.0/12" },
        spokes: [
            { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20" },
            { name: "analytics", region: "eu-west-1", cidr: "10.16.16.0/20" },
            { name: "ledger", region: "eu-west-1", cidr: "10.16.32.0/20" },
        ],
        connectivity: { mode: "peering" },
        endpointService: {
            name: "orders",
            vpc: "hub",
            port: 443,
            allowedPrincipals: [...PRINCIPALS],
            targets: { instanceIds: [...INSTANCES] },
            allowedSourceCidrs: [...CIDRS],
            consumers: ["payments"],
        },
    };
}

function edit(f: (c: Mutable) => void): ConfigObject {
    const c = base();
    f(c);
    return c;
}

function without<T>(list: readonly T[], i: number): T[] {
    return list.filter((_, j) => j !== i);
}

const POSITIONS = { first: 0, middle: 1, last: 2 } as const;

/** Every config of the matrix, by name. */
export const CONFIGS: Readonly<Record<string, ConfigObject>> = {
    peering: base(),
    tgw: edit((c) => (c.connectivity = { mode: "transit-gateway" })),
    "tgw-segment-payments-analytics": edit(
        (c) => (c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "analytics"] }] }),
    ),
    "tgw-segment-payments-ledger": edit(
        (c) => (c.connectivity = { mode: "transit-gateway", segments: [{ name: "finance", spokes: ["payments", "ledger"] }] }),
    ),
    // One edit per position removes that entry from all three lists: three plans instead of nine (each
    // list's resources own a different kind of key, so the findings stay apart).
    ...Object.fromEntries(
        Object.entries(POSITIONS).map(([pos, i]) => [
            `${pos}-entries-removed`,
            edit((c) => {
                if (!c.endpointService) {
                    return;
                }
                c.endpointService.allowedPrincipals = without(PRINCIPALS, i);
                c.endpointService.targets = { instanceIds: without(INSTANCES, i) };
                c.endpointService.allowedSourceCidrs = without(CIDRS, i);
            }),
        ]),
    ),
    "hub-az-added": edit((c) => (c.hub.azCount = 3)),
    "spoke-added": edit((c) => c.spokes.push({ name: "tooling", region: "eu-west-1", cidr: "10.16.48.0/20" })),
    "spoke-removed": edit((c) => (c.spokes = c.spokes.filter((s) => s.name !== "analytics"))),
    "no-endpoint-service": edit((c) => delete c.endpointService),
    // A consumer spoke's CIDR also listed in allowedSourceCidrs (one NLB rule admits it), then the
    // spoke no longer a consumer: the CIDR stays admitted, now only as an allowedSourceCidr.
    "consumer-cidr-also-allowed": edit((c) =>
        Object.assign(c.endpointService ?? {}, { consumers: ["payments", "analytics"], allowedSourceCidrs: ["10.16.16.0/20"] }),
    ),
    "consumer-cidr-allowed-only": edit((c) =>
        Object.assign(c.endpointService ?? {}, { consumers: ["payments"], allowedSourceCidrs: ["10.16.16.0/20"] }),
    ),
    // The only consumer (payments, eu-west-1) is cross-region: the service shrinks to its own region.
    "no-consumers": edit((c) => Object.assign(c.endpointService ?? {}, { consumers: [] })),
    "tgw-protected": edit((c) => Object.assign(c, { protect: true, connectivity: { mode: "transit-gateway" } })),
    "peering-protected": edit((c) => Object.assign(c, { protect: true })),
    "private-dns-phase-1": edit((c) => Object.assign(c.endpointService ?? {}, { privateDnsName: "orders.example.com" })),
    "private-dns-phase-2": edit((c) =>
        Object.assign(c.endpointService ?? {}, { privateDnsName: "orders.example.com", privateDnsVerified: true }),
    ),
};
