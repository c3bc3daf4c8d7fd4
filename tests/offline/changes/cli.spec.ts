/**
 * `npm start -- --since PLAN.json` (offline/cli.ts wiring of offline/changes/): exit codes, the
 * `changes` section of the JSON document, and an earlier plan that cannot be used failing before
 * anything is planned.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { main } from "../../../offline/cli";
import { CapturedResource, ChangeReport } from "../../../offline/types";

const ROOT = path.resolve(__dirname, "..", "..", "..");

type Write = typeof process.stdout.write;

async function run(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (s: string[]): Write =>
        ((chunk: unknown, ...rest: unknown[]) => {
            s.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
            (rest.find((r) => typeof r === "function") as (() => void) | undefined)?.();
            return true;
        }) as Write;
    const [o, e] = [process.stdout.write, process.stderr.write];
    process.stdout.write = sink(out);
    process.stderr.write = sink(err);
    try {
        return { code: await main(args), out: out.join(""), err: err.join("") };
    } finally {
        process.stdout.write = o;
        process.stderr.write = e;
    }
}

describe("npm start -- --since PLAN.json", function () {
    this.timeout(120000);
    let dir: string;
    let baseline: { project: string; stack: string; resources: CapturedResource[] };
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-since-"));
        baseline = JSON.parse(
            zlib.gunzipSync(fs.readFileSync(path.join(ROOT, "tests", "fixtures", "transitions", "baseline-dev.json.gz"))).toString("utf8"),
        );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function writePlan(name: string, doc: unknown): string {
        const f = path.join(dir, name);
        fs.writeFileSync(f, JSON.stringify(doc));
        return f;
    }

    it("an earlier plan of another stack fails with exit 2 before anything is planned, naming the option and the fix", async () => {
        const f = writePlan("tgw.json", { ...baseline, stack: "tgw" });
        const r = await run(["--stack", "dev", "--since", f, "--no-policy", "--quiet"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /--since .*tgw.json: that plan is of landing-zone\/tgw, this one of landing-zone\/dev\. Fix: /);
        assert.strictEqual(r.out, "");
    });

    it("a file that is not a plan document fails with exit 2", async () => {
        const f = writePlan("bad.json", { resources: "none" });
        const r = await run(["--stack", "dev", "--since", f, "--no-policy", "--quiet"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /not a plan document .*Fix: pass a plan written by npm start -- --json FILE/);
    });

    it("a plan document with the old naming of a route fails with exit 1; the JSON's changes section names both URNs, the key and the fix", async () => {
        // The earlier plan names one spoke route differently (as a mode switch or an index shift would):
        // today's plan creates its route while the old one still holds (route table, destination).
        const victim = baseline.resources.find(
            (r) => r.type === "aws:ec2/route:Route" && r.inputs.destinationCidrBlock === "10.0.0.0/16",
        ) as CapturedResource;
        const oldUrn = `${victim.urn.split("::").slice(0, -1).join("::")}::old-named-route`;
        const renamed = baseline.resources.map((r) => (r === victim ? { ...r, urn: oldUrn, name: "old-named-route" } : r));
        const f = writePlan("old.json", { ...baseline, resources: renamed });
        const out = path.join(dir, "plan.json");
        const r = await run(["--stack", "dev", "--since", f, "--no-policy", "--json", out]);
        assert.strictEqual(r.code, 1, r.out.slice(-2000));
        assert.match(r.out, /UNSAFE: \d+ step\(s\)/);
        assert.match(r.out, /FAIL: \d+ unsafe change\(s\) since /);
        const changes = (JSON.parse(fs.readFileSync(out, "utf8")) as { changes: ChangeReport }).changes;
        assert.strictEqual(changes.safe, false);
        const hit = changes.findings.find((x) => x.kind === "key-collision" && x.oldUrn === oldUrn);
        assert.ok(hit, JSON.stringify(changes.findings, null, 1).slice(0, 2000));
        assert.strictEqual(hit.key?.kind, "route");
        assert.ok(hit.newUrn && hit.newUrn !== oldUrn);
        assert.match(hit.fix, /aliases|two-step/);
        assert.deepStrictEqual(Object.keys(changes).sort(), ["findings", "resources", "safe", "since", "summary"]);
    });

    it("without --since the document has no changes section", async () => {
        const out = path.join(dir, "plain.json");
        const r = await run(["--stack", "dev", "--no-policy", "--quiet", "--json", out]);
        assert.strictEqual(r.code, 0);
        assert.ok(!("changes" in (JSON.parse(fs.readFileSync(out, "utf8")) as object)));
    });
});
