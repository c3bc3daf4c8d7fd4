import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, LandingZoneConfig, NAMESPACE, parseConfig, RawConfig } from "./schema";

/** Keys whose values are strings even when they look like numbers (account ids). */
const STRING_KEYS = new Set(["accountId", "organizationId"]);

/**
 * Turns Pulumi's flat config map (`landing-zone:hub` -> JSON text) into the raw object the schema
 * validates. Structured values arrive as JSON text, scalars as plain text.
 */
export function rawConfigFrom(all: Readonly<Record<string, string>>): RawConfig {
    const raw: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(all)) {
        if (!fullKey.startsWith(`${NAMESPACE}:`)) {
            continue;
        }
        const key = fullKey.slice(NAMESPACE.length + 1);
        if (STRING_KEYS.has(key)) {
            raw[key] = text;
            continue;
        }
        try {
            raw[key] = JSON.parse(text);
        } catch {
            raw[key] = text;
        }
    }
    return raw;
}

/**
 * Reads and validates the stack's `landing-zone:*` config, before any resource is registered. Invalid
 * config ends the program with one message listing every problem: a `pulumi.RunError`, which the CLI
 * prints without the stack trace and program source it shows for other errors.
 */
export function readStackConfig(): LandingZoneConfig {
    try {
        return parseConfig(rawConfigFrom(pulumi.runtime.allConfig()), `config of stack ${pulumi.getStack()}`);
    } catch (e) {
        if (e instanceof ConfigValidationError) {
            throw new pulumi.RunError(e.message);
        }
        throw e;
    }
}
