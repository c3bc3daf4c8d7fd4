/**
 * AWS-aware Pulumi mocks: answer resource registrations and invokes the way AWS would, so the real
 * program runs offline with realistic ids, ARNs, DNS names and AZs.
 *
 * Deterministic: every generated value is derived from a hash of the resource's type and name, so the
 * same config always gives the same plan, byte for byte. In preview mode, resources get no id and no
 * computed outputs (they are unknown, as in a real `pulumi preview` of a new stack).
 */
import type * as pulumi from "@pulumi/pulumi";
import { regionInfo, zoneNames } from "../components/aws/regions";
import { computed, hex, State } from "./mock-resources";

type MockResourceArgs = pulumi.runtime.MockResourceArgs;
type MockCallArgs = pulumi.runtime.MockCallArgs;
type MockResourceResult = pulumi.runtime.MockResourceResult;

/** Account the mocks pretend to be (AWS's documentation example account) unless config pins one. */
export const MOCK_ACCOUNT_ID = "123456789012";

/**
 * A zone's state as `DescribeAvailabilityZones` reports it, or `absent`: the account does not list the
 * zone at all. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html
 */
export type MockZoneState = "available" | "information" | "impaired" | "unavailable" | "constrained" | "absent";

/** Region -> zone name -> state; zones not named are `available`. */
export type MockZoneStates = Readonly<Record<string, Readonly<Record<string, MockZoneState>>>>;

/**
 * Environment variable holding MockZoneStates as JSON, e.g. `{"eu-west-1":{"eu-west-1b":"impaired"}}`:
 * rehearse a plan during a zone impairment (`npm start`), or let a test run the whole program so.
 */
export const MOCK_ZONE_STATES_ENV = "LANDING_ZONE_MOCK_ZONE_STATES";

/**
 * Region -> zone name -> AZ ID, for an account whose names map to other physical zones than the i-th
 * name to the i-th ID of components/aws/regions.ts (names are mapped per account in the oldest regions).
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 */
export type MockZoneIds = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Environment variable holding MockZoneIds as JSON, e.g. `{"eu-west-1":{"eu-west-1a":"euw1-az3","eu-west-1c":"euw1-az1"}}`. */
export const MOCK_ZONE_IDS_ENV = "LANDING_ZONE_MOCK_ZONE_IDS";

export interface AwsMocksOptions {
    /** Account id to report (config `accountId`), default MOCK_ACCOUNT_ID. */
    readonly accountId?: string;
    /** Preview of a fresh stack: no ids and no computed outputs. */
    readonly preview?: boolean;
    /**
     * Id (o-…) of the organisation getOrganization answers: the stack's `organizationId`, as a correctly
     * configured stack finds on AWS (the pack's tgw-shared-attachment-accepted compares a share's
     * organisation principal with it). @default an id derived from the caller's account
     */
    readonly organizationId?: string;
    /** Zones that are not `available`. @default the JSON in LANDING_ZONE_MOCK_ZONE_STATES, else every zone available */
    readonly zoneStates?: MockZoneStates;
    /** This account's name-to-ID mapping where it differs. @default the JSON in LANDING_ZONE_MOCK_ZONE_IDS, else the i-th name is the i-th ID */
    readonly zoneIds?: MockZoneIds;
}

export class AwsMocks implements pulumi.runtime.Mocks {
    readonly accountId: string;
    private readonly preview: boolean;
    private readonly organizationId: string | undefined;
    private readonly zoneStates: MockZoneStates;
    private readonly zoneIdMap: MockZoneIds;
    /** Provider id -> region. */
    private readonly providerRegions = new Map<string, string>();
    /**
     * Provider id -> account: the account the provider is pinned to (`allowedAccountIds`, which a
     * multi-account stack sets per account), else the mocks' own. A real provider acts in the account of
     * its (assumed) credentials; `allowedAccountIds` is what makes that account known before any call.
     */
    private readonly providerAccounts = new Map<string, string>();

    constructor(opts: AwsMocksOptions = {}) {
        this.accountId = opts.accountId ?? MOCK_ACCOUNT_ID;
        this.preview = opts.preview ?? false;
        this.organizationId = opts.organizationId;
        const fromEnv = process.env[MOCK_ZONE_STATES_ENV];
        this.zoneStates = opts.zoneStates ?? (fromEnv ? (JSON.parse(fromEnv) as MockZoneStates) : {});
        const idsFromEnv = process.env[MOCK_ZONE_IDS_ENV];
        this.zoneIdMap = opts.zoneIds ?? (idsFromEnv ? (JSON.parse(idsFromEnv) as MockZoneIds) : {});
    }

    /** AZ ID of a zone name in this account. */
    private zoneIdOf(region: string, name: string): string | undefined {
        const i = zoneNames(region).indexOf(name);
        return this.zoneIdMap[region]?.[name] ?? (i >= 0 ? regionInfo(region)?.zoneIds[i] : undefined);
    }

    /** Region of a provider reference (`urn::id`), or undefined. */
    regionOfProvider(ref: string | undefined): string | undefined {
        if (!ref) {
            return undefined;
        }
        const id = ref.split("::").pop() ?? "";
        return this.providerRegions.get(id);
    }

    /** Account of a provider reference (`urn::id`): its pinned account, else the mocks' account. */
    accountOfProvider(ref: string | undefined): string {
        const id = ref ? (ref.split("::").pop() ?? "") : "";
        return this.providerAccounts.get(id) ?? this.accountId;
    }

    call(args: MockCallArgs): Record<string, unknown> {
        const region = this.regionOfProvider(args.provider) ?? (args.inputs?.region as string | undefined) ?? "eu-west-2";
        const account = this.accountOfProvider(args.provider);
        switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones":
                return this.availabilityZones(region, args.inputs ?? {});
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    id: account,
                    accountId: account,
                    arn: `arn:aws:sts::${account}:assumed-role/landing-zone-deployer/offline-plan`,
                    userId: "AROAEXAMPLEOFFLINEPLAN:offline-plan",
                };
            case "aws:organizations/getOrganization:getOrganization": {
                // DescribeOrganization from any member account: the ARN names the management account, here
                // the caller's (the network account's provider); the id is the stack's organizationId when
                // the run was given it, else derived from the caller's account.
                const id = this.organizationId ?? `o-${hex(`org|${account}`, 10)}`;
                return {
                    id,
                    arn: `arn:aws:organizations::${account}:organization/${id}`,
                    masterAccountId: account,
                    masterAccountArn: `arn:aws:organizations::${account}:account/${id}/${account}`,
                    featureSet: "ALL",
                    awsServiceAccessPrincipals: ["ram.amazonaws.com"],
                    accounts: [],
                    nonMasterAccounts: [],
                    roots: [],
                    enabledPolicyTypes: [],
                };
            }
            case "aws:index/getRegion:getRegion":
                return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
            case "aws:ssm/getParameter:getParameter":
                return {
                    id: String(args.inputs.name),
                    name: String(args.inputs.name),
                    type: "String",
                    value: `ami-${hex(`${region}|${String(args.inputs.name)}`, 17)}`,
                    arn: `arn:aws:ssm:${region}::parameter${String(args.inputs.name)}`,
                    version: 1,
                };
            case "aws:ec2/getSubnet:getSubnet": {
                // Used to find awsx-built subnets by CIDR: derive a stable id from the filters.
                const seed = JSON.stringify(args.inputs.filters ?? []);
                return { id: `subnet-${hex(seed, 17)}`, availabilityZone: "", cidrBlock: "" };
            }
            case "aws:ec2/getRouteTable:getRouteTable": {
                const seed = String(args.inputs.subnetId ?? "");
                return { id: `rtb-${hex(seed, 17)}`, routeTableId: `rtb-${hex(seed, 17)}`, routes: [], associations: [] };
            }
            default:
                throw new Error(`offline mocks: no mock for invoke ${args.token}; add one to offline/mocks.ts`);
        }
    }

    /**
     * `ec2:DescribeAvailabilityZones` as the provider's `getAvailabilityZones` asks it: the `state`
     * argument and the `filters` it sends (only those this project uses; any other fails loudly),
     * `excludeNames`/`excludeZoneIds`; zones in name order, as AWS lists them.
     * https://www.pulumi.com/registry/packages/aws/api-docs/getavailabilityzones/
     */
    private availabilityZones(region: string, inputs: Record<string, unknown>): Record<string, unknown> {
        const states = this.zoneStates[region] ?? {};
        const filters = (inputs.filters ?? []) as { name: string; values: string[] }[];
        const exclude = new Set([...((inputs.excludeNames ?? []) as string[]), ...((inputs.excludeZoneIds ?? []) as string[])]);
        const zones = zoneNames(region)
            .map((name) => ({
                name,
                zoneId: this.zoneIdOf(region, name) ?? "",
                state: states[name] ?? "available",
                "opt-in-status": "opt-in-not-required",
            }))
            .filter((z) => z.state !== "absent" && !exclude.has(z.name) && !exclude.has(z.zoneId))
            .filter((z) => inputs.state === undefined || z.state === inputs.state)
            .filter((z) =>
                filters.every((f) => {
                    const values: Record<string, string> = {
                        "opt-in-status": z["opt-in-status"],
                        state: z.state,
                        "zone-name": z.name,
                        "zone-id": z.zoneId,
                    };
                    if (!(f.name in values)) {
                        throw new Error(`offline mocks: getAvailabilityZones filter "${f.name}" is not mocked; add it to offline/mocks.ts`);
                    }
                    return f.values.includes(values[f.name]);
                }),
            );
        return {
            id: region,
            names: zones.map((z) => z.name),
            zoneIds: zones.map((z) => z.zoneId),
            groupNames: zones.map(() => region),
            ...(inputs.state !== undefined ? { state: inputs.state } : {}),
        };
    }

    newResource(args: MockResourceArgs): MockResourceResult {
        const inputs = (args.inputs ?? {}) as State;
        if (args.type === "pulumi:providers:aws") {
            const region = String(inputs.region ?? "");
            const id = `provider-${region}-${hex(args.name, 8)}`;
            this.providerRegions.set(id, region);
            // Provider inputs reach the mocks as the engine sends them: non-string values JSON-encoded.
            const allowed =
                typeof inputs.allowedAccountIds === "string" ? (JSON.parse(inputs.allowedAccountIds) as unknown) : inputs.allowedAccountIds;
            const pinned = Array.isArray(allowed) ? (allowed[0] as unknown) : undefined;
            if (typeof pinned === "string") {
                this.providerAccounts.set(id, pinned);
            }
            return { id, state: { ...inputs } };
        }
        const region = this.regionOfProvider(args.provider) ?? "eu-west-2";
        if (this.preview) {
            // Real previews of new resources know only their inputs; ids and computed outputs are unknown.
            return { id: undefined, state: { ...inputs } };
        }
        const seed = `${args.type}|${args.name}`;
        const result = computed(
            { accountId: this.accountOfProvider(args.provider), zoneIdOf: (r, z) => this.zoneIdOf(r, z) },
            args.type,
            args.name,
            region,
            inputs,
            seed,
        );
        return { id: result.id, state: { ...inputs, ...result.state } };
    }
}
