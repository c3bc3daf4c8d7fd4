import * as assert from "assert";
import { CROSS_REGION_SERVICES, INTERFACE_SERVICES } from "../../components/aws/endpoint-services";
import { QUOTA_DEFAULTS } from "../../components/config/schema";
import { AWS_FACTS } from "../../policy-pack/lib/aws-facts";
import { ENDPOINT_POLICY_PRESENT_DEFAULTS } from "../../policy-pack/policies/endpoint-policy-present";
import { HUB_ENDPOINT_DNS_DEFAULTS } from "../../policy-pack/policies/hub-endpoint-dns-complete";
import { QUOTA_HEADROOM_DEFAULTS } from "../../policy-pack/policies/quota-headroom";

/**
 * The pack is installed and run on its own, so it keeps a COPY of the AWS facts it checks against
 * (policy-pack/lib/aws-facts.ts). These tests derive the same facts from the program's tables
 * (components/aws/endpoint-services.ts, the config's quota defaults) and fail when the copy drifts:
 * a service whose zone name, records or policy support changes in the program must change in the pack.
 */

const REGION = "eu-west-2";
const specs = Object.values(INTERFACE_SERVICES);
const sorted = (xs: readonly string[]) => [...xs].sort();

/** The program's table, restated under the pack's key names. */
function programFacts() {
    const zonePrefixes: Record<string, string> = {};
    for (const s of specs.filter((x) => x.hostedZone !== false)) {
        const zone = s.zoneName(REGION);
        const suffix = `.${REGION}.amazonaws.com`;
        assert.ok(zone.endsWith(suffix), `${s.service}: zone ${zone} is not <prefix>${suffix}; the pack's zonePrefixes cannot express it`);
        const prefix = zone.slice(0, -suffix.length);
        if (prefix !== s.service) {
            zonePrefixes[s.service] = prefix;
        }
    }
    return {
        zonePrefixes,
        wildcardServices: sorted(specs.filter((s) => s.hostedZone !== false && s.records.includes("*")).map((s) => s.service)),
        servicesWithoutZone: sorted(specs.filter((s) => s.hostedZone === false).map((s) => s.service)),
        servicesWithoutPolicySupport: sorted(specs.filter((s) => s.policy === "unsupported").map((s) => s.service)),
    };
}

describe("AWS facts: the pack's copy equals the program's tables", () => {
    const program = programFacts();

    it("zone-name prefixes (the zone is <prefix>.<region>.amazonaws.com)", () => {
        assert.deepStrictEqual(AWS_FACTS.services.zonePrefixes, program.zonePrefixes);
    });

    it("services whose zone needs a wildcard record", () => {
        assert.deepStrictEqual(sorted(AWS_FACTS.services.wildcardServices), program.wildcardServices);
    });

    it("services that get no zone", () => {
        assert.deepStrictEqual(sorted(AWS_FACTS.services.servicesWithoutZone), program.servicesWithoutZone);
    });

    it("services whose endpoints take no endpoint policy", () => {
        assert.deepStrictEqual(sorted(AWS_FACTS.services.servicesWithoutPolicySupport), program.servicesWithoutPolicySupport);
    });

    it("services AWS enables across Regions (PrivateLink guide, Cross-region enabled AWS services)", () => {
        assert.deepStrictEqual(sorted(AWS_FACTS.services.crossRegionServices), sorted(CROSS_REGION_SERVICES));
    });

    it("no service is full-access-only (endpoint-policy-restricted has no exemption for AWS's default policy)", () => {
        assert.deepStrictEqual(
            specs.filter((s) => s.policy === "full-access-only").map((s) => s.service),
            [],
        );
    });

    it("quota defaults, under the program's key names", () => {
        assert.deepStrictEqual({ ...AWS_FACTS.quotas }, { ...QUOTA_DEFAULTS });
    });

    it("the policies' config defaults are the facts (nothing re-typed in a policy file)", () => {
        assert.deepStrictEqual(HUB_ENDPOINT_DNS_DEFAULTS, {
            zonePrefixes: AWS_FACTS.services.zonePrefixes,
            wildcardServices: AWS_FACTS.services.wildcardServices,
            servicesWithoutZone: AWS_FACTS.services.servicesWithoutZone,
        });
        assert.deepStrictEqual(
            ENDPOINT_POLICY_PRESENT_DEFAULTS.servicesWithoutPolicySupport,
            AWS_FACTS.services.servicesWithoutPolicySupport,
        );
        for (const [key, value] of Object.entries(AWS_FACTS.quotas)) {
            assert.strictEqual(QUOTA_HEADROOM_DEFAULTS[key as keyof typeof QUOTA_HEADROOM_DEFAULTS], value, key);
        }
    });
});
