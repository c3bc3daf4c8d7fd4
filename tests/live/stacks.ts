/**
 * The committed stacks' offline plans, planned once per test run (`npm start -- --no-policy --json`, in
 * parallel, cached in a temp dir for the run): the live specs apply these very documents to moto.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CapturedResource, JsonObject, JsonValue } from "../../offline/types";

export interface PlanDoc {
    readonly project: string;
    readonly stack: string;
    readonly config: JsonObject;
    readonly resources: readonly CapturedResource[];
    readonly outputs: JsonValue;
    readonly reachability: { readonly paths: readonly { kind: string; from: string; to: string; open: boolean }[] };
}

const ROOT = path.resolve(__dirname, "..", "..");
let dir: string | undefined;
const cache = new Map<string, Promise<PlanDoc>>();

/** The plan of `Pulumi.<stack>.yaml`, planned at most once per process. */
export function planOf(stack: string): Promise<PlanDoc> {
    let p = cache.get(stack);
    if (!p) {
        dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "lz-live-"));
        const file = path.join(dir, `plan-${stack}.json`);
        p = new Promise<PlanDoc>((resolve, reject) => {
            execFile(
                process.execPath,
                [path.join(ROOT, "offline", "start.js"), "--stack", stack, "--no-policy", "--quiet", "--json", file],
                { cwd: ROOT, timeout: 120_000, maxBuffer: 16 << 20 },
                (err, _stdout, stderr) => {
                    if (err && !fs.existsSync(file)) {
                        reject(new Error(`npm start --stack ${stack} failed: ${stderr || err.message}`));
                        return;
                    }
                    resolve(JSON.parse(fs.readFileSync(file, "utf8")) as PlanDoc);
                },
            );
        });
        cache.set(stack, p);
    }
    return p;
}
