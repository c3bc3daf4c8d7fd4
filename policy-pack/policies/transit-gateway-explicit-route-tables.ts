import type { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown } from "../lib/unknown";
import { str } from "../lib/values";

/**
 * `transit-gateway-explicit-route-tables`: transit gateways disable default route table association and
 * propagation (both default to `enable`). With the defaults every new attachment lands in one shared
 * table and learns every route, so any attached VPC reaches every other: no segmentation.
 *
 * - Kind: resource policy. Level: mandatory (topology). Severity: medium.
 * - Controls: none direct; AWS Transit Gateway guide (route table design for isolation).
 * - Preview: literal inputs; a computed value defers the check to `pulumi up`.
 */
export const transitGatewayExplicitRouteTables: ResourceValidationPolicy = {
    name: "transit-gateway-explicit-route-tables",
    description: "Transit gateways disable default route table association and propagation.",
    enforcementLevel: "mandatory",
    severity: "medium",
    tags: ["topology", "aws-guidance:transit-gateway"],
    remediationSteps: 'Set defaultRouteTableAssociation and defaultRouteTablePropagation to "disable" and use explicit TGW route tables.',
    validateResource: forTypes([T.transitGateway], ({ props, args, report }) => {
        let pending: string | undefined;
        for (const key of ["defaultRouteTableAssociation", "defaultRouteTablePropagation"]) {
            const v = str(props[key]);
            if (isUnknown(v)) {
                pending = pending ?? key;
            } else if (v !== "disable") {
                report(`Transit gateway ${key} is "${v ?? "enable (default)"}"; set it to "disable".`);
            }
        }
        if (pending) {
            deferToPreview(args.props, [pending]);
        }
    }),
};
