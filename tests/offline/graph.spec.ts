import { strict as assert } from "assert";
import { T } from "../../components/aws/types";
import { ResourceGraph, tagOf } from "../../offline/graph";
import { CapturedResource, JsonObject } from "../../offline/types";

/** A captured resource with only what the index reads. */
function res(
    name: string,
    type: string,
    opts: { parent?: string; deps?: string[]; props?: Record<string, string[]>; inputs?: JsonObject } = {},
): CapturedResource {
    return {
        urn: `urn:pulumi:t::p::${type}::${name}`,
        type,
        name,
        id: "",
        parent: opts.parent ?? "",
        provider: "",
        region: "eu-west-2",
        custom: !type.startsWith("landing-zone:"),
        protect: false,
        ignoreChanges: [],
        inputs: opts.inputs ?? {},
        outputs: {},
        dependencies: opts.deps ?? [],
        propertyDependencies: opts.props ?? {},
    };
}

describe("offline/graph (the captured-graph index)", () => {
    const hub = res("hub", "landing-zone:network:Hub");
    const vpc = res("hub-vpc", T.vpc, { parent: hub.urn, inputs: { tags: { "landing-zone:role": "hub" }, tagsAll: { owner: "x" } } });
    const other = res("spoke-vpc", T.vpc);
    const subnetA = res("hub-a", T.subnet, { parent: hub.urn, props: { vpcId: [vpc.urn, vpc.urn] } });
    const subnetB = res("hub-b", T.subnet, { parent: vpc.urn, props: { vpcId: [vpc.urn] } });
    const rt = res("hub-rt", T.routeTable, { parent: vpc.urn, props: { vpcId: [vpc.urn] } });
    const endpoint = res("hub-sts", T.vpcEndpoint, {
        props: { vpcId: [other.urn], subnetIds: [subnetA.urn, subnetB.urn] },
        deps: [vpc.urn],
    });
    const g = new ResourceGraph([hub, vpc, other, subnetA, subnetB, rt, endpoint]);

    it("finds referrers by type and property, each resource once, in capture order", () => {
        assert.deepEqual(
            g.referrers(T.subnet, "vpcId", vpc).map((r) => r.name),
            ["hub-a", "hub-b"],
        );
        assert.deepEqual(
            g.referrers(T.routeTable, "vpcId", vpc.urn).map((r) => r.name),
            ["hub-rt"],
        );
        // The endpoint depends on the VPC explicitly, not through vpcId: not a vpcId referrer.
        assert.deepEqual(g.referrers(T.vpcEndpoint, "vpcId", vpc), []);
        assert.deepEqual(
            g.referrers(T.vpcEndpoint, "vpcId", other).map((r) => r.name),
            ["hub-sts"],
        );
    });

    it("lists dependents through explicit dependencies and any property dependency", () => {
        assert.deepEqual(
            g.dependents(vpc).map((r) => r.name),
            ["hub-a", "hub-b", "hub-rt", "hub-sts"],
        );
        assert.deepEqual(
            g.dependents(subnetB).map((r) => r.name),
            ["hub-sts"],
        );
    });

    it("resolves a property to the resources it came from, filtered by type", () => {
        assert.deepEqual(
            g.deps(endpoint, "subnetIds").map((r) => r.name),
            ["hub-a", "hub-b"],
        );
        assert.equal(g.dep(endpoint, "subnetIds", T.routeTable), undefined);
        assert.equal(g.dep(endpoint, "vpcId", T.vpc)?.name, "spoke-vpc");
    });

    it("walks the parent tree both ways", () => {
        assert.deepEqual(
            g.children(hub.urn).map((r) => r.name),
            ["hub-vpc", "hub-a"],
        );
        assert.deepEqual(
            g.descendants(hub.urn).map((r) => r.name),
            ["hub-vpc", "hub-a", "hub-b", "hub-rt"],
        );
        assert.deepEqual(
            g.ancestors(subnetB).map((r) => r.name),
            ["hub-vpc", "hub"],
        );
        assert.deepEqual(g.ancestors(hub), []);
    });

    it("stops walking ancestors at a parent cycle instead of looping", () => {
        const a = res("a", "landing-zone:x:A", { parent: "urn:pulumi:t::p::landing-zone:x:B::b" });
        const b = res("b", "landing-zone:x:B", { parent: a.urn });
        assert.deepEqual(
            new ResourceGraph([a, b]).ancestors(a).map((r) => r.name),
            ["b"],
        );
    });

    it("reads a tag from the resource's own tags, not the provider's default tags", () => {
        assert.equal(tagOf(vpc, "landing-zone:role"), "hub");
        assert.equal(tagOf(vpc, "owner"), undefined);
        assert.equal(tagOf(rt, "landing-zone:role"), undefined);
    });
});
