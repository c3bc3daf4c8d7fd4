/**
 * `landing-zone:accounts` / `networkAccount` / `spokes[i].account` (components/config/accounts.ts and
 * rules/accounts.ts): defaults, one negative test per rule (a valid multi-account config with one field
 * changed, the exact key and a fix), every problem at once, and the offline plan's exit 2.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accountAccess, DEFAULT_ACCOUNT_ROLE_NAME } from "../../components/config/accounts";
import { validateConfig } from "../../components/config/schema";
import { main } from "../../offline/cli";
import { expectProblem, expectValid } from "../helpers/config";
import { baseConfig, clone, ConfigObject } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

type Mutable = ConfigObject & {
    accounts: Record<string, Record<string, unknown>>;
    spokes: Record<string, unknown>[];
    [k: string]: unknown;
};

/** A valid peering stack: the hub in `network` (the credentials' own), payments in `workload-a`, analytics in `workload-b`. */
function base(): Mutable {
    const c = baseConfig() as Mutable;
    c.organizationId = "o-a1b2c3d4e5";
    c.accounts = {
        network: { id: "111111111111", assumeRole: false },
        // The default role, declared as trusting the deploying identity (deployed from the management account).
        "workload-a": { id: "222222222222", defaultRoleTrustsDeployer: true },
        "workload-b": { id: "333333333333", roleArn: "arn:aws:iam::333333333333:role/landing-zone-deployer", externalId: "lz-ext-1" },
    };
    c.networkAccount = "network";
    c.spokes[0].account = "workload-a";
    c.spokes[1].account = "workload-b";
    // Regional endpoint sets across accounts are not built yet (see the rule below).
    c.regionalEndpoints = { "eu-west-1": { enabled: false } };
    return c;
}

function withAccounts(mutate: (c: Mutable) => void): ConfigObject {
    const c = clone(base());
    mutate(c);
    return c;
}

describe("config: accounts", () => {
    it("accepts a network account and two workload accounts, and keeps them in the typed config", () => {
        const config = expectValid(base());
        assert.strictEqual(config.networkAccount, "network");
        assert.deepStrictEqual(Object.keys(config.accounts ?? {}), ["network", "workload-a", "workload-b"]);
        assert.strictEqual(config.spokes[0].account, "workload-a");
    });

    it("accepts spokes of workload accounts in transit-gateway mode (their TGWs are shared through AWS RAM)", () => {
        const config = expectValid(withAccounts((c) => (c.connectivity = { mode: "transit-gateway" })));
        assert.strictEqual(config.connectivity.mode, "transit-gateway");
        assert.deepStrictEqual(
            config.spokes.map((s) => s.account),
            ["workload-a", "workload-b"],
        );
    });

    it("leaves a single-account config without accounts, networkAccount or spoke accounts (nothing is added to its plan)", () => {
        const config = expectValid(baseConfig());
        assert.ok(!("accounts" in config));
        assert.ok(!("networkAccount" in config));
        assert.ok(config.spokes.every((s) => !("account" in s)));
    });

    it(`assumes arn:aws:iam::<id>:role/${DEFAULT_ACCOUNT_ROLE_NAME} unless roleArn is given, and no role with assumeRole: false`, () => {
        const config = expectValid(base());
        const a = config.accounts ?? {};
        assert.deepStrictEqual(accountAccess("workload-a", a["workload-a"]).role, {
            roleArn: `arn:aws:iam::222222222222:role/${DEFAULT_ACCOUNT_ROLE_NAME}`,
        });
        assert.deepStrictEqual(accountAccess("workload-b", a["workload-b"]).role, {
            roleArn: "arn:aws:iam::333333333333:role/landing-zone-deployer",
            externalId: "lz-ext-1",
        });
        assert.strictEqual(accountAccess("network", a.network).role, undefined);
    });

    describe("rejects", () => {
        it("an id that is not 12 digits", () => {
            expectProblem(
                withAccounts((c) => (c.accounts["workload-a"].id = "2222")),
                K("accounts.workload-a.id"),
                { mentions: ["12-digit"] },
            );
        });

        it("a spoke account that is not declared", () => {
            expectProblem(
                withAccounts((c) => (c.spokes[1].account = "workload-c")),
                K("spokes[1].account"),
                {
                    mentions: ['"workload-c"', "network, workload-a, workload-b"],
                },
            );
        });

        it("a networkAccount that is not declared", () => {
            expectProblem(
                withAccounts((c) => (c.networkAccount = "netwrk")),
                K("networkAccount"),
                { mentions: ['"netwrk"'] },
            );
        });

        it("accounts without networkAccount", () => {
            expectProblem(
                withAccounts((c) => delete c.networkAccount),
                K("networkAccount"),
                { mentions: ["required"] },
            );
        });

        it("two names for one account id", () => {
            expectProblem(
                withAccounts((c) => (c.accounts["workload-b"].id = "222222222222")),
                K("accounts.workload-b.id"),
                {
                    mentions: ['"workload-a"'],
                    // the role ARN of workload-b is now in another account than its id, too
                    total: 2,
                },
            );
        });

        it("a role ARN in another account than the id", () => {
            expectProblem(
                withAccounts((c) => (c.accounts["workload-b"].roleArn = "arn:aws:iam::444444444444:role/landing-zone-deployer")),
                K("accounts.workload-b.roleArn"),
                { mentions: ["444444444444", "333333333333"] },
            );
        });

        it("the default role without organizationId (only accounts Organizations created have it)", () => {
            expectProblem(
                withAccounts((c) => delete c.organizationId),
                K("accounts.workload-a.roleArn"),
                {
                    mentions: [DEFAULT_ACCOUNT_ROLE_NAME, "organizationId"],
                },
            );
        });

        it("the default role without defaultRoleTrustsDeployer (it trusts only the management account, so AssumeRole from the network account fails)", () => {
            expectProblem(
                withAccounts((c) => delete c.accounts["workload-a"].defaultRoleTrustsDeployer),
                K("accounts.workload-a.roleArn"),
                { mentions: [DEFAULT_ACCOUNT_ROLE_NAME, "management account", "defaultRoleTrustsDeployer: true"] },
            );
        });

        it("an accountId other than the network account's", () => {
            expectProblem(
                withAccounts((c) => (c.accountId = "222222222222")),
                K("accountId"),
                { mentions: ["111111111111"] },
            );
        });

        it("role settings on an account that assumes no role", () => {
            expectProblem(
                withAccounts((c) => (c.accounts.network.sessionName = "lz-deploy")),
                K("accounts.network.sessionName"),
            );
        });

        it("a spoke account or networkAccount in a stack without accounts", () => {
            const raw = baseConfig() as Mutable;
            raw.spokes[0].account = "workload-a";
            raw.networkAccount = "network";
            const r = validateConfig(raw);
            assert.ok(!r.ok);
            assert.deepStrictEqual(r.problems.map((p) => p.key).sort(), [K("networkAccount"), K("spokes[0].account")]);
        });

        it("an endpoint-service consumer whose account allowedPrincipals does not admit", () => {
            expectProblem(
                withAccounts((c) => {
                    c.endpointService = {
                        name: "orders",
                        allowedPrincipals: ["arn:aws:iam::222222222222:root"],
                        consumers: ["payments", "analytics"],
                    };
                }),
                K("endpointService.consumers[1]"),
                { mentions: ["333333333333"] },
            );
        });

        it("a regional endpoint set serving a spoke of another account (not built yet)", () => {
            expectProblem(
                withAccounts((c) => delete c.regionalEndpoints),
                K("regionalEndpoints.eu-west-1"),
                {
                    mentions: ["enabled: false", '"payments"'],
                },
            );
        });

        it("Route 53 Profiles with spokes of other accounts (a Profile would need a RAM share)", () => {
            expectProblem(
                withAccounts((c) => (c.dns = { mode: "profiles" })),
                K("dns.mode"),
                { mentions: ["payments, analytics"], total: "any" },
            );
        });

        it("more workload-account spokes than a zone may have outstanding authorizations (100)", () => {
            const raw = withAccounts((c) => {
                c.supernets = { "eu-west-1": "10.64.0.0/10" };
                c.spokes = Array.from({ length: 101 }, (_, i) => ({
                    name: `s${i}`,
                    region: "eu-west-1",
                    cidr: `10.${64 + Math.floor(i / 16)}.${(i % 16) * 16}.0/20`,
                    azCount: 1,
                    account: "workload-a",
                }));
            });
            expectProblem(raw, K("spokes"), { mentions: ["101", "TooManyVPCAssociationAuthorizations"], total: "any" });
        });

        it("every account problem at once", () => {
            const r = validateConfig(
                withAccounts((c) => {
                    c.accounts["workload-b"].roleArn = "arn:aws:iam::444444444444:role/x";
                    c.spokes[0].account = "nope";
                    c.networkAccount = "nada";
                }),
            );
            assert.ok(!r.ok);
            assert.deepStrictEqual(r.problems.map((p) => p.key).sort(), [
                K("accounts.workload-b.roleArn"),
                K("networkAccount"),
                K("spokes[0].account"),
            ]);
        });
    });

    it("exits the offline plan with 2 naming the key, registering nothing", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-accounts-"));
        const file = path.join(dir, "Pulumi.acct.yaml");
        fs.writeFileSync(
            file,
            [
                "config:",
                "  landing-zone:hub: { region: eu-west-2, cidr: 10.0.0.0/16 }",
                "  landing-zone:supernets: { eu-west-1: 10.16.0.0/12 }",
                '  landing-zone:accounts: { network: { id: "111111111111", assumeRole: false } }',
                "  landing-zone:networkAccount: network",
                "  landing-zone:spokes: [{ name: payments, region: eu-west-1, cidr: 10.16.0.0/20, account: workload-a }]",
                "",
            ].join("\n"),
        );
        const err: string[] = [];
        const write = process.stderr.write;
        const out = process.stdout.write;
        process.stderr.write = ((chunk: unknown) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
        process.stdout.write = (() => true) as typeof process.stdout.write;
        let code: number;
        try {
            code = await main(["--config", file, "--no-policy", "--quiet"]);
        } finally {
            process.stderr.write = write;
            process.stdout.write = out;
            fs.rmSync(dir, { recursive: true, force: true });
        }
        assert.strictEqual(code, 2);
        assert.match(err.join(""), /landing-zone:spokes\[0\]\.account: "workload-a" is not a declared account/);
        assert.ok(!err.join("").includes("    at "), "no stack trace");
    });
});
