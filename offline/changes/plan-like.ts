/** The earlier plan the change-safety check (diff.ts) compares with: its shape and the same-stack check. */
import { CapturedResource } from "../types";

/** The part of a plan document the check reads (the `--json` document, or a capture in tests). */
export interface PlanLike {
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly CapturedResource[];
}

/**
 * The earlier plan, checked to be of the same project and stack: URNs carry both, so another stack's
 * plan would show every resource deleted and created.
 */
export function comparablePlan(previous: PlanLike, project: string, stack: string, file: string): PlanLike {
    if (previous.project !== project || previous.stack !== stack) {
        throw new SinceFileError(
            `--since ${file}: that plan is of ${previous.project}/${previous.stack}, this one of ${project}/${stack}. Fix: compare plans of the same stack (npm start -- --stack ${stack} --json FILE)`,
        );
    }
    return previous;
}

/** The earlier plan cannot be used: the CLI exits 2 with this message. */
export class SinceFileError extends Error {}
