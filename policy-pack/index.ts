/**
 * The landing-zone CrossGuard policy pack: the ONLY place that constructs the PolicyPack (constructing
 * it starts the analyzer gRPC server). The policies live in ./policies, one per file.
 *
 * Run: `pulumi preview --policy-pack ./policy-pack [--policy-pack-config policy-config.json]`.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("landing-zone", {
    description: "Security, topology and hygiene rules for the landing-zone hub-and-spoke AWS network.",
    provider: "aws",
    tags: ["aws", "network", "landing-zone"],
    policies,
});
