/** Readable forms of URNs and uniqueness keys, for the change-safety check's messages. */
import { OwnedKey } from "./keys";

/** Short, readable form of a key token (`⟦urn⟧.path` -> `Type name`). */
export function readable(token: string): string {
    return token.replace(/⟦([^⟧]*)⟧(\.[\w.[\]]+)?/g, (_m, urn: string, path: string | undefined) => {
        const isNew = urn.endsWith("#new");
        const u = isNew ? urn.slice(0, -4) : urn;
        const parts = u.split("::");
        const type = (parts[2] ?? "").split("$").pop() ?? "";
        return `${type.split(":").pop()} ${parts[3] ?? u}${isNew ? " (replacement)" : ""}${path ?? ""}`;
    });
}

/** `Type name` of a URN. */
export function readableUrn(urn: string): string {
    const parts = urn.split("::");
    const type = (parts[2] ?? "").split("$").pop() ?? "";
    return `${type.split(":").pop()} ${parts[3] ?? urn}`;
}

export function readableKey(k: OwnedKey): string {
    return `${k.kind.kind}(${k.parts.map(readable).join(", ")})`;
}
