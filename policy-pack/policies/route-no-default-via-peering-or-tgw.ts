import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAnyAddress } from "../lib/cidr";
import { forTypes } from "../lib/policy";
import { T } from "../lib/types";
import { deferToPreview, isUnknown, Props, Value } from "../lib/unknown";
import { isRecord, isSet, str } from "../lib/values";

/**
 * `route-no-default-via-peering-or-tgw`: no VPC route sends `0.0.0.0/0` or `::/0` to a VPC peering
 * connection or a transit gateway. Peering is not transitive, so a default route over it only
 * black-holes traffic; over a TGW it would let a spoke reach everything the TGW reaches. Routes name the
 * peer's CIDR (or its region's aggregate). Checks `aws.ec2.Route` and inline `routes` of
 * `aws.ec2.RouteTable` / `DefaultRouteTable`.
 *
 * - Kind: resource policy. Level: mandatory (topology). Severity: high.
 * - Controls: CIS AWS Foundations v3.0.0 5.5 ("routing tables for VPC peering are least access");
 *   Checkov CKV2_AWS_44.
 * - Preview: the target is recognised by the PRESENCE of `vpcPeeringConnectionId`/`transitGatewayId`
 *   (the ids themselves are unknown); destinations are literal. A computed destination on such a route
 *   defers the check to `pulumi up`.
 */
export const routeNoDefaultViaPeeringOrTgw: ResourceValidationPolicy = {
    name: "route-no-default-via-peering-or-tgw",
    description: "Routes to a VPC peering connection or transit gateway never use 0.0.0.0/0 or ::/0.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["topology", "cis-aws-3.0.0:5.5", "checkov:CKV2_AWS_44"],
    remediationSteps: "Route only the peer VPC's CIDR (or its region's supernet) to the peering connection or transit gateway.",
    validateResource: forTypes([T.route, T.routeTable, T.defaultRouteTable], ({ props, args, report }) => {
        let pending: (string | number)[] | undefined;
        const check = (route: Props, v4Key: string, v6Key: string, path: (string | number)[], label: string) => {
            const via = isSet(route, "vpcPeeringConnectionId")
                ? "a VPC peering connection"
                : isSet(route, "transitGatewayId")
                  ? "a transit gateway"
                  : undefined;
            if (!via) {
                return;
            }
            for (const key of [v4Key, v6Key]) {
                const d = str(route[key]);
                if (isUnknown(d)) {
                    pending = pending ?? [...path, key];
                } else if (d !== undefined && isAnyAddress(d)) {
                    report(`${label} sends ${d} to ${via}; route only the peer's CIDR or its region's supernet.`);
                }
            }
        };
        if (args.type === T.route) {
            check(props, "destinationCidrBlock", "destinationIpv6CidrBlock", [], "Route");
        } else {
            const routes: Value | undefined = props["routes"];
            if (isUnknown(routes)) {
                deferToPreview(args.props, ["routes"]);
            }
            (Array.isArray(routes) ? routes : []).forEach((r, i) => {
                if (isRecord(r)) {
                    check(r, "cidrBlock", "ipv6CidrBlock", ["routes", i], `Inline route ${i}`);
                }
            });
        }
        if (pending) {
            deferToPreview(args.props, pending);
        }
    }),
};
