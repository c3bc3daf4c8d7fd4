/**
 * `landing-zone:dns`: the mode (zone associations or Route 53 Profiles) and the association quota of
 * each mode, up to a stack of 320 spokes in one Region refused by the CLI with exit 2 and a fix.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { dnsQuotaUse } from "../../components/config/rules/dns";
import { QUOTA_DEFAULTS } from "../../components/config/schema";
import { main } from "../../offline/cli";
import { expectProblem, expectValid } from "../helpers/config";
import { baseConfig, ConfigObject, withBase } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

/** `n` spokes of one Region (/22 each, inside 10.16.0.0/12) on transit gateways: peering would hit the 50 peerings per VPC first. */
function manySpokes(n: number, dns?: { mode: string }): ConfigObject {
    return withBase((b) => {
        b.connectivity = { mode: "transit-gateway" };
        b.spokes = Array.from({ length: n }, (_, i) => ({
            name: `s${i}`,
            region: "eu-west-1",
            cidr: `10.${16 + Math.floor(i / 64)}.${(i % 64) * 4}.0/22`,
        }));
        if (dns) {
            b.dns = dns;
        }
    });
}

describe("config: landing-zone:dns", () => {
    it("defaults to zone associations and leaves a config without it unchanged (no dns key: plans keep their bytes)", () => {
        const c = expectValid(baseConfig());
        assert.strictEqual("dns" in c, false);
        assert.deepStrictEqual(expectValid(withBase((b) => (b.dns = {}))).dns, { mode: "associations" });
    });

    it("accepts mode profiles", () => {
        assert.deepStrictEqual(expectValid(withBase((b) => (b.dns = { mode: "profiles" }))).dns, { mode: "profiles" });
    });

    it("rejects an unknown mode under dns.mode, naming both modes", () => {
        expectProblem(
            withBase((b) => (b.dns = { mode: "shared" })),
            K("dns.mode"),
            { mentions: ['"associations"', '"profiles"'] },
        );
    });

    it("rejects an unknown key under dns", () => {
        expectProblem(
            withBase((b) => (b.dns = { mode: "profiles", profilesPerRegion: 2 })),
            K("dns"),
            { fix: false },
        );
    });

    it("counts 1 + spokes VPCs per hub zone, and spokes per Region as Profile associations", () => {
        const use = dnsQuotaUse([{ region: "eu-west-1" }, { region: "eu-west-1" }, { region: "eu-west-2" }]);
        assert.strictEqual(use.vpcsPerZone, 4);
        assert.deepStrictEqual(use.profileAssociationsByRegion, { "eu-west-1": 2, "eu-west-2": 1 });
    });

    describe("what one Profile per Region cannot express", () => {
        it("refuses a per-spoke opt-out of a regional zone in profiles mode, under the opt-out's key", () => {
            const raw = withBase((b) => {
                b.dns = { mode: "profiles" };
                b.regionalEndpoints = { "eu-west-1": { optOut: { analytics: ["ssmmessages"] } } };
            });
            expectProblem(raw, K("regionalEndpoints.eu-west-1.optOut.analytics"), { mentions: ["dns.mode to associations"] });
        });

        it("accepts the same opt-out in association mode", () => {
            expectValid(withBase((b) => (b.regionalEndpoints = { "eu-west-1": { optOut: { analytics: ["ssmmessages"] } } })));
        });

        it("refuses a spoke of another account in profiles mode (a Profile reaches it only through a RAM share, not built)", () => {
            const raw = withBase((b) => {
                b.dns = { mode: "profiles" };
                b.accounts = { network: { id: "111111111111", assumeRole: false }, workloads: { id: "222222222222" } };
                b.networkAccount = "network";
                b.organizationId = "o-a1b2c3d4e5";
                b.spokes[1].account = "workloads";
            });
            expectProblem(raw, K("spokes[1].account"), { mentions: ["AWS RAM"], total: "any" });
        });
    });

    describe("quotas: 320 spokes in one Region", () => {
        it("are refused in association mode: the hub zones would hold 321 VPCs; the fix names dns.mode profiles and the quota key", () => {
            const p = expectProblem(manySpokes(320), K("spokes"), {
                mentions: [
                    "321 VPC associations per hub private hosted zone",
                    "quotas.vpcsPerHostedZone (300)",
                    "landing-zone:dns.mode to profiles",
                ],
            });
            assert.match(p.message, /\$0\.75\/hour per region/);
        });

        it("are accepted in profiles mode (one Profile association per spoke, 1000 per Profile)", () => {
            expectValid(manySpokes(320, { mode: "profiles" }));
        });

        it("299 spokes are still accepted in association mode (300 VPCs per zone, the hub included)", () => {
            expectValid(manySpokes(299));
            expectProblem(manySpokes(300), K("spokes"), { mentions: ["301 VPC associations"] });
        });

        it("a raised vpcsPerHostedZone lets association mode through", () => {
            const raw = manySpokes(320);
            raw.quotas = { vpcsPerHostedZone: 400 };
            expectValid(raw);
        });

        it("profiles mode refuses more spokes in a Region than quotas.vpcsPerProfile, naming the quota", () => {
            const raw = manySpokes(12, { mode: "profiles" });
            raw.quotas = { vpcsPerProfile: 10 };
            expectProblem(raw, K("spokes"), { mentions: ["12 spokes in eu-west-1", "quotas.vpcsPerProfile"] });
        });

        it("the Profile quota defaults to 1000 (AssociateProfile)", () => {
            assert.strictEqual(QUOTA_DEFAULTS.vpcsPerProfile, 1000);
        });
    });

    describe("npm start on a 320-spoke stack", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-dns-"));
        const write = (name: string, cfg: ConfigObject) => {
            const file = path.join(dir, `Pulumi.${name}.yaml`);
            const config = Object.fromEntries(Object.entries(cfg).map(([k, v]) => [`landing-zone:${k}`, v]));
            fs.writeFileSync(file, stringify({ config }));
            return file;
        };
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("exits 2 in association mode, before planning anything, with the key and the fix on stderr", async () => {
            const err: string[] = [];
            const out: string[] = [];
            const sw = process.stderr.write;
            const ow = process.stdout.write;
            process.stderr.write = ((c: unknown) => (err.push(String(c)), true)) as typeof sw;
            process.stdout.write = ((c: unknown) => (out.push(String(c)), true)) as typeof ow;
            let code: number;
            try {
                code = await main(["--config", write("many", manySpokes(320)), "--quiet"]);
            } finally {
                process.stderr.write = sw;
                process.stdout.write = ow;
            }
            assert.strictEqual(code, 2, err.join(""));
            assert.match(err.join(""), /landing-zone:spokes: 320 spokes \+ the hub .*Fix: set landing-zone:dns\.mode to profiles/);
            assert.strictEqual(out.join(""), "");
        });
    });
});
