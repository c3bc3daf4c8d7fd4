/**
 * `s3` in hub.interfaceEndpoints beside the hub's S3 gateway (components/config/rules/hub.ts,
 * checkHubS3Zone): allowed, since an S3 interface endpoint is what spokes of other Regions reach over
 * peering or a TGW; refused, naming the key and a fix, when no spoke would use it or when its zone has
 * no regional endpoint VPC to be created with.
 */
import { expectProblem, expectValid } from "../helpers/config";
import { withBase } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;

describe("config: hub S3 interface endpoint beside the S3 gateway", () => {
    it("accepts it with spokes in another Region than the hub's, which get an endpoint set by default", () => {
        expectValid(withBase((b) => (b.hub.interfaceEndpoints = ["ssm", "ecr.api", "ecr.dkr", "s3"])));
    });

    it("refuses it when every spoke is in the hub's Region (no VPC would get its zone), with both fixes", () => {
        expectProblem(
            withBase((b) => {
                b.hub.interfaceEndpoints = ["ssm", "s3"];
                b.supernets = { "eu-west-2": "10.16.0.0/12" };
                for (const s of b.spokes) {
                    s.region = "eu-west-2";
                }
            }),
            K("hub.interfaceEndpoints"),
            { mentions: ["every spoke is in eu-west-2", 'drop "s3" from hub.interfaceEndpoints', "hub.gatewayEndpoints"] },
        );
    });

    it("refuses it when every other Region's endpoint set is disabled (its zone is never created with the hub)", () => {
        expectProblem(
            withBase((b) => {
                b.hub.interfaceEndpoints = ["ssm", "s3"];
                b.regionalEndpoints = { "eu-west-1": { enabled: false } };
            }),
            K("hub.interfaceEndpoints"),
            { mentions: ["regionalEndpoints.eu-west-1.enabled: true", "never the hub"] },
        );
    });

    it("accepts s3 on the hub without its S3 gateway whatever the Regions (the zone is then the hub's S3 path)", () => {
        expectValid(
            withBase((b) => {
                Object.assign(b.hub, { interfaceEndpoints: ["ssm", "s3"], gatewayEndpoints: ["dynamodb"] });
                b.regionalEndpoints = { "eu-west-1": { enabled: false } };
            }),
        );
    });
});
