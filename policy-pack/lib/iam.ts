/**
 * Just enough IAM policy-document reading for endpoint policies.
 *
 * @module
 */

export interface Statement {
    readonly Sid?: string;
    readonly Effect?: string;
    readonly Principal?: unknown;
    readonly NotPrincipal?: unknown;
    readonly Action?: unknown;
    readonly NotAction?: unknown;
    readonly Resource?: unknown;
    readonly NotResource?: unknown;
    readonly Condition?: unknown;
}

/** Parses a policy document (JSON text or object). */
export function parsePolicyDocument(doc: unknown): { statements: Statement[] } | { error: string } {
    let value: unknown = doc;
    if (typeof doc === "string") {
        try {
            value = JSON.parse(doc);
        } catch (e) {
            return { error: `not valid JSON (${(e as Error).message})` };
        }
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return { error: "not a JSON object" };
    }
    const st = (value as { Statement?: unknown }).Statement;
    if (st === undefined) {
        return { error: "has no Statement" };
    }
    const list = Array.isArray(st) ? st : [st];
    if (list.some((s) => s === null || typeof s !== "object")) {
        return { error: "has a Statement that is not an object" };
    }
    return { statements: list as Statement[] };
}

function asList(v: unknown): unknown[] {
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** `"*"`, `{ AWS: "*" }` or `{ AWS: ["*", …] }`: anyone. */
export function isEveryone(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    if (principal !== null && typeof principal === "object") {
        return asList((principal as { AWS?: unknown }).AWS).includes("*");
    }
    return false;
}

/** `*`, `*:*` or `<service>:*` among the actions. */
export function isAllActions(action: unknown): boolean {
    return asList(action).some((a) => typeof a === "string" && (a === "*" || /^[a-z0-9-]+:\*$/i.test(a)));
}

/** `*` among the resources. */
export function isAllResources(resource: unknown): boolean {
    return asList(resource).includes("*");
}

function hasCondition(s: Statement): boolean {
    return s.Condition !== null && typeof s.Condition === "object" && Object.keys(s.Condition as object).length > 0;
}

/**
 * An Allow statement granting every action on every resource to anyone, with no condition: AWS's
 * default full-access endpoint policy, or an equivalent written with NotPrincipal/NotAction/NotResource.
 */
export function isUnconditionalFullAccess(s: Statement): boolean {
    if (s.Effect !== "Allow" || hasCondition(s)) {
        return false;
    }
    const everyone = isEveryone(s.Principal) || s.NotPrincipal !== undefined;
    const allActions = isAllActions(s.Action) || s.NotAction !== undefined;
    const allResources = isAllResources(s.Resource) || s.NotResource !== undefined;
    return everyone && allActions && allResources;
}
