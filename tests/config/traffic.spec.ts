/**
 * `landing-zone:traffic` belongs to the offline plan's cost estimate, not to the program: validated on its
 * own (components/config/traffic.ts) with key-named problems, absent from LandingZoneConfig, and checked
 * by the CLI before anything is planned.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { TRAFFIC_DEFAULTS, validateConfig, validateTraffic } from "../../components/config/schema";
import { main } from "../../offline/cli";
import { baseConfig, withBase } from "../helpers/plan";

describe("config: traffic assumptions of the cost estimate", () => {
    it("default to TRAFFIC_DEFAULTS when the key is absent, and fill what a partial block leaves out", () => {
        assert.deepStrictEqual(validateTraffic(baseConfig()), { ok: true, traffic: TRAFFIC_DEFAULTS });
        const r = validateTraffic(withBase((b) => (b.traffic = { hubGbPerSpoke: 7 })));
        assert.deepStrictEqual(r, { ok: true, traffic: { ...TRAFFIC_DEFAULTS, hubGbPerSpoke: 7 } });
    });

    it("reject a negative volume under its full key, with a fix", () => {
        const r = validateTraffic(withBase((b) => (b.traffic = { hubGbPerSpoke: -1 })));
        assert.ok(!r.ok);
        assert.deepStrictEqual(
            r.problems.map((p) => p.key),
            ["landing-zone:traffic.hubGbPerSpoke"],
        );
        assert.match(r.problems[0].message, /Fix: use at least 0/);
    });

    it("reject an unknown assumption, listing the accepted ones", () => {
        const r = validateTraffic(withBase((b) => (b.traffic = { gbPerSpoke: 10 })));
        assert.ok(!r.ok);
        assert.strictEqual(r.problems[0].key, "landing-zone:traffic");
        assert.match(r.problems[0].message, /"gbPerSpoke".*endpointGbPerSpoke, hubGbPerSpoke, serviceGbPerConsumer, flowLogGbPerVpc/);
    });

    it("are not part of the program's config, and the program accepts (ignores) the key", () => {
        const r = validateConfig(withBase((b) => (b.traffic = { hubGbPerSpoke: 7 })));
        assert.ok(r.ok);
        assert.ok(!("traffic" in r.config), "LandingZoneConfig carries no traffic");
    });

    it("make the offline plan exit 2 before anything runs, listed with the program's own problems", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-traffic-"));
        const file = path.join(dir, "Pulumi.bad.yaml");
        const config = withBase((b) => {
            b.hub.cidr = "8.8.0.0/16";
            b.traffic = { serviceGbPerConsumer: "lots" };
        });
        fs.writeFileSync(file, stringify({ config: Object.fromEntries(Object.entries(config).map(([k, v]) => [`landing-zone:${k}`, v])) }));
        const err: string[] = [];
        const write = process.stderr.write;
        process.stderr.write = ((chunk: unknown) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
        let code: number;
        try {
            code = await main(["--config", file, "--no-policy", "--quiet"]);
        } finally {
            process.stderr.write = write;
            fs.rmSync(dir, { recursive: true, force: true });
        }
        const text = err.join("");
        assert.strictEqual(code, 2, text);
        assert.match(text, /\(2 problem\(s\)\)/);
        assert.match(text, /landing-zone:hub\.cidr: .*Fix/);
        assert.match(text, /landing-zone:traffic\.serviceGbPerConsumer: .*Fix/);
        assert.match(text, /Nothing was planned/);
    });
});
