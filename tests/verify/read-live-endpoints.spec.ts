/**
 * The live reader's VPC endpoints (verify/read-live-endpoints.ts): what DescribeVpcEndpoints says about
 * private DNS and a gateway endpoint's route tables reaches the network model the caller matrix reads.
 */
import * as assert from "assert";
import * as ec2 from "@aws-sdk/client-ec2";
import * as M from "../../offline/network-model/types";
import { LiveLists, LiveReadContext } from "../../verify/read-live-context";
import { addEndpoints } from "../../verify/read-live-endpoints";

function read(eps: readonly ec2.VpcEndpoint[]): readonly M.NetEndpoint[] {
    const m = { endpoints: [] as M.NetEndpoint[] } as unknown as LiveLists;
    const keys = new Map<string, string>([
        ["vpc-1", "vpc:spoke-payments"],
        ["rtb-1", "rtb:spoke-payments-workload-0"],
    ]);
    const late: (() => void)[] = [];
    const c = {
        m,
        late,
        serviceKeyByName: new Map<string, string>(),
        named: (kind: string, id: string) => ({ key: `${kind}:${id}`, name: id, id }),
        ref: (id: string | undefined) => (id ? (keys.get(id) ?? `id:${id}`) : undefined),
    } as unknown as LiveReadContext;
    addEndpoints(c, "eu-west-1", eps);
    late.forEach((f) => f());
    return m.endpoints;
}

describe("live VPC endpoints (verify/read-live-endpoints.ts)", () => {
    it("reads PrivateDnsEnabled of an interface endpoint, so a spoke's own endpoint answers its service's name in the caller matrix", () => {
        const [on, off] = read([
            {
                VpcEndpointId: "vpce-1",
                VpcId: "vpc-1",
                VpcEndpointType: "Interface",
                ServiceName: "com.amazonaws.eu-west-1.ssm",
                PrivateDnsEnabled: true,
            },
            {
                VpcEndpointId: "vpce-2",
                VpcId: "vpc-1",
                VpcEndpointType: "Interface",
                ServiceName: "com.amazonaws.eu-west-1.kms",
                PrivateDnsEnabled: false,
            },
        ]);
        assert.strictEqual(on.privateDns, true);
        assert.strictEqual(off.privateDns, false);
    });

    it("reads a gateway endpoint's RouteTableIds as route table keys, and says nothing of private DNS for it", () => {
        const [gw] = read([
            {
                VpcEndpointId: "vpce-3",
                VpcId: "vpc-1",
                VpcEndpointType: "Gateway",
                ServiceName: "com.amazonaws.eu-west-1.s3",
                RouteTableIds: ["rtb-1", "rtb-9"],
            },
        ]);
        assert.deepStrictEqual(gw.routeTables, ["rtb:spoke-payments-workload-0", "id:rtb-9"]);
        assert.strictEqual(gw.privateDns, undefined);
    });
});
