import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../../offline/program";
import { flatConfig, withBase } from "../helpers/plan";

describe("config: the program itself (as pulumi up runs it)", () => {
    it("ends with one RunError naming every bad key, which the CLI prints without a stack trace", async () => {
        const config = flatConfig(
            withBase((c) => {
                c.hub.cidr = "10.0.0.0/33";
                c.connectivity = { mode: "mesh" };
            }),
        );
        await assert.rejects(runProgram({ project: "landing-zone", stack: "bad", config }), (e: unknown) => {
            assert.ok(e instanceof pulumi.RunError, `expected a RunError, got ${String(e)}`);
            assert.match(e.message, /landing-zone:hub\.cidr: .*Fix/);
            assert.match(e.message, /landing-zone:connectivity\.mode: .*Fix/);
            return true;
        });
    });
});
