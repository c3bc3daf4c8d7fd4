import * as assert from "assert";
import { deferToPreview, isUnknown, snapshotProps, UNKNOWN as MARK, UNKNOWN_SENTINELS } from "../../../policy-pack/lib/unknown";
import { policyProxy, UNKNOWN } from "../helpers";

describe("lib/unknown", () => {
    it("knows exactly the sentinels @pulumi/policy's proxy treats as unknown", () => {
        const lib = [
            policyProxy.unknownStringValue,
            policyProxy.unknownBooleanValue,
            policyProxy.unknownNumberValue,
            policyProxy.unknownArrayValue,
            policyProxy.unknownAssetValue,
            policyProxy.unknownArchiveValue,
            policyProxy.unknownObjectValue,
        ];
        assert.deepStrictEqual([...UNKNOWN_SENTINELS].sort(), [...lib].sort());
    });

    it("the proxy throws when an unknown is read (the behaviour the pack must avoid)", () => {
        const props = policyProxy.unknownCheckingProxy({ vpcId: UNKNOWN });
        assert.throws(() => props.vpcId, policyProxy.UnknownValueError);
    });

    it("snapshots proxied props without tripping the proxy, marking unknowns at any depth", () => {
        const props = policyProxy.unknownCheckingProxy({
            vpcId: UNKNOWN,
            cidrBlock: "10.0.0.0/16",
            subnetIds: [UNKNOWN, "subnet-1"],
            aliases: [{ name: UNKNOWN, zoneId: "Z1", evaluateTargetHealth: true }],
            tags: { Name: "hub" },
        });
        const s = snapshotProps(props);
        assert.ok(isUnknown(s.vpcId));
        assert.strictEqual(s.cidrBlock, "10.0.0.0/16");
        assert.deepStrictEqual(s.subnetIds, [MARK, "subnet-1"]);
        assert.deepStrictEqual(s.aliases, [{ name: MARK, zoneId: "Z1", evaluateTargetHealth: true }]);
        assert.deepStrictEqual(s.tags, { Name: "hub" });
    });

    it("deferToPreview re-reads through the proxy so the library's own UnknownValueError is thrown", () => {
        const props = policyProxy.unknownCheckingProxy({ policy: UNKNOWN, list: ["a", UNKNOWN] });
        assert.throws(() => deferToPreview(props, ["policy"]), policyProxy.UnknownValueError);
        assert.throws(() => deferToPreview(props, ["list", 1]), policyProxy.UnknownValueError);
        // Not a proxy: a plain error that names the path.
        assert.throws(() => deferToPreview({ policy: UNKNOWN }, ["policy"]), /\.policy can't be known during preview/);
    });
});
