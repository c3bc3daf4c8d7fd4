import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf, forTypes, schema } from "../lib/policy";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";

export interface RamShareNoExternalPrincipalsConfig {
    /** The stack's AWS Organizations id (`o-…`): its shares stay inside it. "" when not in one. */
    readonly organizationId: string;
}

export const RAM_SHARE_NO_EXTERNAL_PRINCIPALS_DEFAULTS: RamShareNoExternalPrincipalsConfig = { organizationId: "" };

/**
 * `ram-share-no-external-principals`: inside an organisation, an AWS RAM resource share sets
 * `allowExternalPrincipals: false`, so it can only ever be shared with accounts of the organisation.
 * RAM's default is `true`: a share left open can be associated with any account id, which then
 * receives an invitation to the network account's transit gateway. The stack is inside an
 * organisation when the pack config names it (`organizationId`, what `landing-zone:organizationId` is
 * for the program).
 * https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html (allowExternalPrincipals)
 *
 * - Kind: resource policy on `aws:ram/resourceShare:ResourceShare`. Level: mandatory (security).
 *   Severity: high.
 * - Controls: Security Hub has no RAM control; the intent matches "resources shared only within the
 *   organisation" (AWS RAM user guide, security best practices).
 * - Preview: `allowExternalPrincipals` is a literal input; an unknown value is not judged.
 */
export const ramShareNoExternalPrincipals: ResourceValidationPolicy = {
    name: "ram-share-no-external-principals",
    description: "Inside an organisation, a RAM resource share does not allow external principals.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["security", "aws-guidance:ram"],
    configSchema: schema({
        organizationId: {
            type: "string",
            default: "",
            description: "The stack's AWS Organizations id (o-…); empty when the stack is not in an organisation.",
        },
    }),
    remediationSteps:
        "Set allowExternalPrincipals: false on the resource share (the program does when landing-zone:organizationId is set).",
    validateResource: forTypes([T.ramResourceShare], ({ props, args, report }) => {
        const cfg = configOf(args, RAM_SHARE_NO_EXTERNAL_PRINCIPALS_DEFAULTS);
        if (cfg.organizationId === "") {
            return;
        }
        const v = props["allowExternalPrincipals"];
        if (isUnknown(v) || v === false) {
            return;
        }
        report(
            `Resource share ${args.name} allows external principals (${v === undefined ? "RAM's default" : String(v)}) inside organisation ${cfg.organizationId}; set allowExternalPrincipals: false.`,
        );
    }),
};
