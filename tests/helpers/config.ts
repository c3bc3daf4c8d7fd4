/**
 * Assertions for config validation tests: one mistake, one problem, under the exact key, with a fix.
 */
import * as assert from "assert";
import { ConfigProblem, RawConfig, validateConfig } from "../../components/config/schema";

export interface ExpectProblemOptions {
    /** Fragments the message must contain besides "Fix". */
    readonly mentions?: readonly string[];
    /** Require exactly this many problems in total. @default 1 (one mistake, one problem) */
    readonly total?: number | "any";
    /** Require "Fix" in the message. @default true */
    readonly fix?: boolean;
}

/** Validates `raw`, asserts it fails with a problem under `key` (full key, with namespace), returns it. */
export function expectProblem(raw: RawConfig, key: string, opts: ExpectProblemOptions = {}): ConfigProblem {
    const r = validateConfig(raw);
    assert.ok(!r.ok, `expected ${key} to be rejected, but the config validated`);
    const problems = r.problems;
    const found = problems.find((p) => p.key === key);
    assert.ok(found, `no problem under ${key}; got:\n${problems.map((p) => `  ${p.key}: ${p.message}`).join("\n")}`);
    if (opts.fix ?? true) {
        assert.match(found.message, /Fix/, `message for ${key} does not say how to fix it: ${found.message}`);
    }
    for (const m of opts.mentions ?? []) {
        assert.ok(found.message.includes(m), `message for ${key} should mention ${JSON.stringify(m)}: ${found.message}`);
    }
    const total = opts.total ?? 1;
    if (total !== "any") {
        assert.strictEqual(
            problems.length,
            total,
            `expected ${total} problem(s), got ${problems.length}:\n${problems.map((p) => `  ${p.key}: ${p.message}`).join("\n")}`,
        );
    }
    return found;
}

/** Validates `raw` and asserts it passes; returns the typed config. */
export function expectValid(raw: RawConfig) {
    const r = validateConfig(raw);
    if (!r.ok) {
        assert.fail(`expected a valid config, got:\n${r.problems.map((p) => `  ${p.key}: ${p.message}`).join("\n")}`);
    }
    return r.config;
}
