/**
 * `landing-zone:dns`: how the VPCs get the private hosted zones of the centralised endpoints — the
 * schema of the unit (each field with its doc and default); its cross-field rules (the association
 * quotas of each mode) are in rules/dns.ts, the Profiles themselves in components/network/dns-profiles.ts.
 *
 * - `associations` (default): one `route53.ZoneAssociation` per (zone, VPC). Free, but a private hosted
 *   zone takes at most 300 VPC associations by default (Route 53 quotas, "VPCs that you can associate
 *   with a private hosted zone"), and every spoke needs every hub zone.
 * - `profiles`: one Route 53 Profile per region holding the zones that region's VPCs resolve, one
 *   Profile association per VPC. A Profile is regional: it is associated only with VPCs of its own
 *   Region, while the zones it holds are global. A Profile takes 1000 VPC associations by default
 *   (AssociateProfile: "a Profile can be associated with 1000 of VPCs (and you can request a higher
 *   quota)"), and a VPC has at most one Profile. It is not free: see offline/prices.ts (ROUTE53_PROFILE).
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html
 */
import { z } from "zod";
import { DeepReadonly, field } from "./field";

/** The modes, as `dns.mode` names them. */
export const DNS_MODES = ["associations", "profiles"] as const;

export type DnsMode = (typeof DNS_MODES)[number];

/** The default mode: free, and enough below the zone association quota. */
export const DEFAULT_DNS_MODE: DnsMode = "associations";

export const dnsSchema = z
    .object({
        mode: field(
            z
                .enum(DNS_MODES, {
                    error: (iss) => `unknown DNS mode ${JSON.stringify(iss.input)}. Fix: use "associations" or "profiles"`,
                })
                .default(DEFAULT_DNS_MODE),
            {
                doc:
                    "how VPCs get the endpoint zones: one zone association per (zone, VPC) (free; a zone takes `quotas.vpcsPerHostedZone` VPCs), " +
                    "or one Route 53 Profile per region holding that region's zones and one Profile association per spoke " +
                    "(about $0.75 an hour per region for the first 100 VPCs; a Profile takes `quotas.vpcsPerProfile` VPCs). " +
                    "The hub keeps its own zones by direct association in both modes",
            },
        ),
    })
    .strict();

export type DnsConfig = DeepReadonly<z.output<typeof dnsSchema>>;

/** The mode of a validated config (`dns` is optional: absent means the default). */
export function dnsModeOf(config: { readonly dns?: DnsConfig }): DnsMode {
    return config.dns?.mode ?? DEFAULT_DNS_MODE;
}
