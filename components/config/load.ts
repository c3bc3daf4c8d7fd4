import * as pulumi from "@pulumi/pulumi";
import { LandingZoneConfig, NAMESPACE, parseConfig, RawConfig } from "./schema";

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
 * Reads and validates the stack's `landing-zone:*` config. Throws one ConfigValidationError listing
 * every problem, before any resource is registered.
 */
export function readStackConfig(): LandingZoneConfig {
    return parseConfig(rawConfigFrom(pulumi.runtime.allConfig()), `config of stack ${pulumi.getStack()}`);
}
