import * as assert from "assert";
import { AWS_FACTS } from "../../../policy-pack/lib/aws-facts";
import {
    CROSS_REGION_PRIVATELINK_DEFAULTS,
    crossRegionPrivatelinkConsistent as policy,
} from "../../../policy-pack/policies/cross-region-privatelink-consistent";
import { ACCOUNT_POLICY, HUB_REGION, peeringStack, REMOTE_REGION, T } from "../fixtures";
import { assertClean, assertIdentity, assertOne, bothModes, StackFixture, UNKNOWN } from "../helpers";

const OTHER_REGION = "eu-central-1";

/** A consumer endpoint of the hub's endpoint service `svc-service` in spoke `vpc` (provider `region`). */
function addConsumer(f: StackFixture, vpc: string, region: string, extra: Record<string, unknown> = {}): string {
    f.add(T.sg, `svc-${vpc}-sg`, { vpcId: f.ref(vpc), description: "consumer", tags: { Name: `svc-${vpc}-sg` } }, region);
    return f.add(
        T.endpoint,
        `svc-${vpc}`,
        {
            vpcId: f.ref(vpc),
            serviceName: f.ref("svc-service", "serviceName"),
            vpcEndpointType: "Interface",
            subnetIds: [f.ref(`${vpc}-endpoint-a`), f.ref(`${vpc}-endpoint-b`)],
            securityGroupIds: [f.ref(`svc-${vpc}-sg`)],
            privateDnsEnabled: false,
            tags: { Name: `svc-${vpc}` },
            ...extra,
        },
        region,
    );
}

/**
 * The peering fixture (service in eu-west-2, same-region consumer `local`) plus cross-region consumers
 * in `payments` and `analytics` (eu-west-1) that set serviceRegion, and the service's supportedRegions
 * listing eu-west-1, as the program builds them. Compliant.
 */
function crossRegionStack(): StackFixture {
    const f = peeringStack().patch("svc-service", { supportedRegions: [HUB_REGION, REMOTE_REGION] });
    addConsumer(f, "payments", REMOTE_REGION, { serviceRegion: HUB_REGION });
    addConsumer(f, "analytics", REMOTE_REGION, { serviceRegion: HUB_REGION });
    return f;
}

/** An interface endpoint to an AWS service from spoke `payments` (eu-west-1). */
function addAwsEndpoint(f: StackFixture, name: string, serviceName: string, serviceRegion?: string): StackFixture {
    f.add(
        T.endpoint,
        name,
        {
            vpcId: f.ref("payments"),
            serviceName,
            vpcEndpointType: "Interface",
            subnetIds: [f.ref("payments-endpoint-a"), f.ref("payments-endpoint-b")],
            securityGroupIds: [f.ref("svc-payments-sg")],
            privateDnsEnabled: false,
            policy: ACCOUNT_POLICY,
            ...(serviceRegion ? { serviceRegion } : {}),
        },
        REMOTE_REGION,
    );
    return f;
}

describe("policies/cross-region-privatelink-consistent", () => {
    it("is mandatory", () => assertIdentity(policy, "cross-region-privatelink-consistent", "mandatory"));

    it("takes its cross-region service list from the pack's AWS facts", () => {
        assert.deepStrictEqual(CROSS_REGION_PRIVATELINK_DEFAULTS.crossRegionServices, AWS_FACTS.services.crossRegionServices);
    });

    describe("consumers of an endpoint service of the stack", () => {
        it("accepts cross-region consumers with serviceRegion and the service's supportedRegions, and a same-region consumer without serviceRegion", () => {
            const { update, preview } = bothModes(policy, crossRegionStack());
            assertClean(update);
            assertClean(preview);
        });

        it("accepts a same-region consumer whose serviceRegion is its own Region (AWS's default, read back by the provider)", () => {
            const f = crossRegionStack().patch("svc-local", { serviceRegion: HUB_REGION });
            assertClean(bothModes(policy, f).preview);
        });

        it("reports a cross-region consumer without serviceRegion (preview: service name and ids unknown)", () => {
            const f = crossRegionStack().patch("svc-payments", { serviceRegion: undefined });
            for (const o of Object.values(bothModes(policy, f))) {
                assertOne(
                    o,
                    /^Interface endpoint svc-payments in eu-west-1 connects to endpoint service svc-service in eu-west-2 with no serviceRegion; set serviceRegion to eu-west-2 .*landing-zone:endpointService\.consumers/,
                    "svc-payments",
                );
            }
        });

        it("reports a cross-region consumer whose serviceRegion is a third Region", () => {
            const f = crossRegionStack().patch("svc-payments", { serviceRegion: OTHER_REGION });
            assertOne(
                bothModes(policy, f).preview,
                /svc-payments in eu-west-1 .* with serviceRegion eu-central-1; set serviceRegion to eu-west-2/,
                "svc-payments",
            );
        });

        it("reports the service, once per Region, when supportedRegions omits the consumers' Region", () => {
            const f = crossRegionStack().patch("svc-service", { supportedRegions: [HUB_REGION] });
            for (const o of Object.values(bothModes(policy, f))) {
                assertOne(
                    o,
                    /^Endpoint service svc-service \(eu-west-2\) has consumer svc-payments in eu-west-1 but does not list eu-west-1 in supportedRegions; add it/,
                    "svc-service",
                );
            }
        });

        it("reports a service without supportedRegions that has a cross-region consumer", () => {
            const f = crossRegionStack().patch("svc-service", { supportedRegions: undefined });
            assertOne(bothModes(policy, f).preview, /does not list eu-west-1 in supportedRegions/, "svc-service");
        });

        it("reports a same-region consumer that sets serviceRegion to another Region", () => {
            const f = crossRegionStack().patch("svc-local", { serviceRegion: REMOTE_REGION });
            for (const o of Object.values(bothModes(policy, f))) {
                assertOne(
                    o,
                    /^Interface endpoint svc-local sets serviceRegion eu-west-1 but its endpoint service svc-service is in its own Region eu-west-2; remove serviceRegion\.$/,
                    "svc-local",
                );
            }
        });

        it("does not judge a serviceRegion or supportedRegions that is computed as a whole", () => {
            const f = crossRegionStack()
                .patch("svc-payments", { serviceRegion: UNKNOWN })
                .patch("svc-service", { supportedRegions: UNKNOWN });
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        });

        it("ignores gateway endpoints", () => {
            const f = crossRegionStack().patch("payments-gw-s3", { serviceName: `com.amazonaws.${HUB_REGION}.s3` });
            assertClean(bothModes(policy, f).preview);
        });
    });

    describe("endpoints to AWS services", () => {
        it("accepts a cross-region enabled service whose name's Region is the serviceRegion (S3, ECR, KMS)", () => {
            const f = crossRegionStack();
            addAwsEndpoint(f, "payments-s3", `com.amazonaws.${HUB_REGION}.s3`, HUB_REGION);
            addAwsEndpoint(f, "payments-ecr-dkr", `com.amazonaws.${HUB_REGION}.ecr.dkr`, HUB_REGION);
            addAwsEndpoint(f, "payments-kms", `com.amazonaws.${HUB_REGION}.kms`, HUB_REGION);
            const { update, preview } = bothModes(policy, f);
            assertClean(update);
            assertClean(preview);
        });

        it("accepts an own-Region service with serviceRegion set to the own Region", () => {
            const f = addAwsEndpoint(crossRegionStack(), "payments-ssm", `com.amazonaws.${REMOTE_REGION}.ssm`, REMOTE_REGION);
            assertClean(bothModes(policy, f).preview);
        });

        it("reports a serviceRegion for a service AWS does not enable across Regions, naming a fix", () => {
            const f = addAwsEndpoint(crossRegionStack(), "payments-ssm", `com.amazonaws.${HUB_REGION}.ssm`, HUB_REGION);
            for (const o of Object.values(bothModes(policy, f))) {
                assertOne(
                    o,
                    /^Interface endpoint payments-ssm in eu-west-1 reaches ssm in eu-west-2, which AWS does not enable across Regions; .*landing-zone:hub\.interfaceEndpoints/,
                    "payments-ssm",
                );
            }
        });

        it("accepts that service when the pack config adds it to crossRegionServices", () => {
            const f = addAwsEndpoint(crossRegionStack(), "payments-ssm", `com.amazonaws.${HUB_REGION}.ssm`, HUB_REGION);
            const config = { crossRegionServices: [...AWS_FACTS.services.crossRegionServices, "ssm"] };
            assertClean(bothModes(policy, f, config).preview);
        });

        it("reports a service name whose Region is not the serviceRegion", () => {
            const f = addAwsEndpoint(crossRegionStack(), "payments-s3", `com.amazonaws.${OTHER_REGION}.s3`, HUB_REGION);
            assertOne(
                bothModes(policy, f).preview,
                /^Interface endpoint payments-s3 sets serviceRegion eu-west-2 but names com\.amazonaws\.eu-central-1\.s3; .*com\.amazonaws\.eu-west-2\.s3/,
                "payments-s3",
            );
        });

        it("reports a service name of another Region without serviceRegion", () => {
            const f = addAwsEndpoint(crossRegionStack(), "payments-s3", `com.amazonaws.${HUB_REGION}.s3`);
            assertOne(
                bothModes(policy, f).preview,
                /payments-s3 in eu-west-1 names com\.amazonaws\.eu-west-2\.s3 but sets no serviceRegion/,
                "payments-s3",
            );
        });

        it("accepts IAM's Region-less name with a serviceRegion, and refuses one for a Region-less name not on the list", () => {
            const f = addAwsEndpoint(crossRegionStack(), "payments-iam", "com.amazonaws.iam", "us-east-1");
            assertClean(bothModes(policy, f).preview);
            addAwsEndpoint(f, "payments-other", "com.amazonaws.example", "us-east-1");
            assertOne(
                bothModes(policy, f).preview,
                /payments-other sets serviceRegion us-east-1 for com\.amazonaws\.example/,
                "payments-other",
            );
        });

        it("reports a literal endpoint-service name of another Region without serviceRegion", () => {
            const f = addAwsEndpoint(crossRegionStack(), "payments-partner", `com.amazonaws.vpce.${HUB_REGION}.vpce-svc-0123456789abcdef0`);
            assertOne(
                bothModes(policy, f).preview,
                /payments-partner in eu-west-1 connects to com\.amazonaws\.vpce\.eu-west-2\.vpce-svc-0123456789abcdef0 in eu-west-2 with no serviceRegion/,
            );
            f.patch("payments-partner", { serviceRegion: HUB_REGION });
            assertClean(bothModes(policy, f).preview);
        });
    });
});
