import * as assert from "assert";
import { requiredTags as policy } from "../../../policy-pack/policies/required-tags";
import { analyze, assertClean, assertIdentity, assertOne, provider, UNKNOWN } from "../helpers";

const VPC = "aws:ec2/vpc:Vpc";
const untaggedProvider = provider("eu-west-2");
const taggingProvider = provider("eu-west-2", { owner: "platform-team", environment: "dev" });

describe("policies/required-tags", () => {
    it("is advisory", () => assertIdentity(policy, "required-tags", "advisory"));

    it("counts the provider's defaultTags", () =>
        assertClean(analyze(policy, VPC, { cidrBlock: "10.0.0.0/16", tags: { Name: "hub" } }, { provider: taggingProvider })));

    it("merges own tags with defaultTags", () => {
        const half = provider("eu-west-2", { environment: "dev" });
        assertClean(analyze(policy, VPC, { tags: { owner: "team-a" } }, { provider: half }));
    });

    it("accepts defaultTags given as an object", () => {
        const p = provider("eu-west-2");
        const withObject = { ...p, props: { region: "eu-west-2", defaultTags: { tags: { owner: "x", environment: "y" } } } };
        assertClean(analyze(policy, VPC, {}, { provider: withObject }));
    });

    it("rejects a taggable resource missing required tags, with or without a tags input", () => {
        assertOne(
            analyze(policy, VPC, { tags: { Name: "hub" } }, { provider: untaggedProvider }),
            /Missing required tag\(s\): owner, environment/,
        );
        assertOne(
            analyze(policy, "aws:cloudwatch/logGroup:LogGroup", { name: "/x" }, { provider: untaggedProvider }),
            /owner, environment/,
        );
    });

    it("ignores resources that cannot be tagged", () => {
        assertClean(
            analyze(
                policy,
                "aws:ec2/route:Route",
                { routeTableId: UNKNOWN, destinationCidrBlock: "10.0.0.0/16" },
                { provider: untaggedProvider },
            ),
        );
        assertClean(analyze(policy, "landing-zone:network:Hub", {}, { provider: null }));
    });

    it("takes the required keys from config", () =>
        assertOne(
            analyze(policy, VPC, { tags: { Name: "hub" } }, { provider: taggingProvider, config: { requiredTags: ["cost-center"] } }),
            /cost-center/,
        ));

    it("is satisfied by keys whose values are unknown; defers a computed tag map", () => {
        assertClean(analyze(policy, VPC, { tags: { owner: UNKNOWN, environment: "dev" } }, { provider: untaggedProvider }));
        assert.match(analyze(policy, VPC, { tags: UNKNOWN }, { provider: untaggedProvider }).deferred ?? "", /tags/);
    });

    it("reads Auto Scaling group tag lists, which provider defaultTags do not reach", () => {
        const asg = "aws:autoscaling/group:Group";
        assertOne(
            analyze(policy, asg, { tags: [{ key: "Name", value: "fleet", propagateAtLaunch: true }] }, { provider: taggingProvider }),
            /owner, environment/,
        );
        const tags = ["owner", "environment"].map((key) => ({ key, value: "x", propagateAtLaunch: true }));
        assertClean(analyze(policy, asg, { tags }, { provider: untaggedProvider }));
    });
});
