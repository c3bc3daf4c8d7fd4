/**
 * Day 2 with regional endpoint sets (components/network/regional-endpoints.ts): adding a spoke to a
 * Region that already has a set creates the spoke, its peering or attachment, its routes and its zone
 * associations, and modifies, replaces or deletes nothing that exists — in peering and transit-gateway
 * mode — judged by the change-safety check (`npm start -- --since`, offline/changes) on two real plans.
 * Also: the first plan of a stack gains the set without touching the hub or the spokes.
 */
import * as assert from "assert";
import { checkChanges } from "../../../offline/changes/diff";
import { ChangeReport } from "../../../offline/types";
import { ConfigObject, planFor, PROJECT } from "../../helpers/plan";

const STACK = "regional";

function base(mode: "peering" | "transit-gateway", extra: ConfigObject = {}): ConfigObject {
    return {
        accountId: "123456789012",
        tags: { owner: "platform-team" },
        hub: { region: "eu-west-2", cidr: "10.0.0.0/16", azCount: 2, interfaceEndpoints: ["ssm", "sts"] },
        supernets: { "eu-west-1": "10.16.0.0/12" },
        spokes: [
            { name: "payments", region: "eu-west-1", cidr: "10.16.0.0/20" },
            { name: "analytics", region: "eu-west-1", cidr: "10.16.16.0/20" },
        ],
        connectivity: { mode },
        ...extra,
    };
}

function withSpoke(c: ConfigObject): ConfigObject {
    const spokes = [...(c.spokes as object[]), { name: "tooling", region: "eu-west-1", cidr: "10.16.32.0/20" }];
    return { ...c, spokes };
}

async function change(from: ConfigObject, to: ConfigObject): Promise<ChangeReport> {
    const a = await planFor(from, { stack: STACK });
    const b = await planFor(to, { stack: STACK });
    return checkChanges(
        { project: PROJECT, stack: STACK, resources: a.resources },
        { project: PROJECT, stack: STACK, resources: b.resources },
        "before.json",
    );
}

const not = (c: ChangeReport, action: string) => c.resources.filter((r) => r.action === action).map((r) => r.urn);

describe("change safety: regional endpoint sets", function () {
    this.timeout(120000);

    for (const mode of ["peering", "transit-gateway"] as const) {
        it(`${mode}: adding a spoke to a Region with a set modifies, replaces and deletes nothing, and associates the new spoke with the set's zones`, async () => {
            const c = await change(base(mode), withSpoke(base(mode)));
            assert.deepStrictEqual(not(c, "update"), [], "updated");
            assert.deepStrictEqual(not(c, "replace"), [], "replaced");
            assert.deepStrictEqual(not(c, "delete"), [], "deleted");
            assert.ok(!c.findings.some((f) => f.severity === "error"), c.findings.map((f) => f.message).join("\n"));
            const created = c.resources.filter((r) => r.action === "create").map((r) => r.urn);
            const regionalAssociations = created.filter((u) => /ZoneAssociation::endpoints-eu-west-1-spoke-tooling-/.test(u));
            assert.strictEqual(regionalAssociations.length, 9, `one association per default service:\n${regionalAssociations.join("\n")}`);
            if (mode === "peering") {
                assert.ok(created.some((u) => u.endsWith("VpcPeeringConnection::peering-endpoints-eu-west-1-tooling")));
            } else {
                assert.ok(created.some((u) => u.endsWith("RouteTablePropagation::tgw-spoke-tooling-to-endpoints")));
            }
        });
    }

    it("a spoke that opts out of every service gets no association and no peering with the set", async () => {
        const services = ["ssm", "ssmmessages"];
        const from = base("peering", { regionalEndpoints: { "eu-west-1": { services } } });
        const to = withSpoke(base("peering", { regionalEndpoints: { "eu-west-1": { services, optOut: { tooling: services } } } }));
        const c = await change(from, to);
        const created = c.resources.filter((r) => r.action === "create").map((r) => r.urn);
        assert.ok(created.some((u) => u.endsWith("Vpc::spoke-tooling")));
        assert.ok(
            !created.some((u) => /endpoints-eu-west-1-spoke-tooling|peering-endpoints-eu-west-1-tooling/.test(u)),
            created.join("\n"),
        );
        assert.deepStrictEqual(not(c, "update"), []);
    });

    it("turning a Region's set on for an existing stack only creates resources", async () => {
        const off = base("peering", { regionalEndpoints: { "eu-west-1": { enabled: false } } });
        const c = await change(off, base("peering"));
        assert.deepStrictEqual([...not(c, "update"), ...not(c, "replace"), ...not(c, "delete")], []);
        assert.ok(not(c, "create").some((u) => u.endsWith("Vpc::endpoints-eu-west-1")));
    });
});
