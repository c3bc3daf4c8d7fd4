/**
 * Every list of `endpointService` names each member once (components/config/rules/endpoint-service.ts):
 * a duplicate is rejected under the key of the second occurrence, naming the first, with the fix
 * "remove the duplicate". The components still dedupe by value as a defence.
 */
import { expectProblem, expectValid } from "../helpers/config";
import { withBase } from "../helpers/plan";

const K = (key: string) => `landing-zone:${key}`;
const service = (extra: Record<string, unknown>) => withBase((b) => (b.endpointService = { name: "orders-api", ...extra }));

describe("config: endpointService lists name each member once", () => {
    it("accepts lists whose members are all different", () => {
        expectValid(
            service({
                allowedPrincipals: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/consumer"],
                targets: { ipAddresses: ["10.0.0.10", "10.0.0.11"] },
                allowedSourceCidrs: ["10.80.0.0/16", "10.81.0.0/16"],
                consumers: ["payments", "analytics"],
            }),
        );
    });

    it("rejects a principal listed twice", () => {
        const root = "arn:aws:iam::111122223333:root";
        expectProblem(
            service({ allowedPrincipals: [root, "arn:aws:iam::444455556666:root", root] }),
            K("endpointService.allowedPrincipals[2]"),
            {
                mentions: [`principal "${root}" is listed twice (also endpointService.allowedPrincipals[0])`, "Fix: remove the duplicate"],
            },
        );
    });

    it("rejects an instance target listed twice", () => {
        expectProblem(
            service({ targets: { instanceIds: ["i-0123456789abcdef0", "i-0123456789abcdef0"] } }),
            K("endpointService.targets.instanceIds[1]"),
            {
                mentions: [
                    'instance "i-0123456789abcdef0" is listed twice (also endpointService.targets.instanceIds[0])',
                    "Fix: remove the duplicate",
                ],
            },
        );
    });

    it("rejects a target IP address listed twice", () => {
        expectProblem(
            service({ targets: { ipAddresses: ["10.0.0.10", "10.0.0.11", "10.0.0.10"] } }),
            K("endpointService.targets.ipAddresses[2]"),
            {
                mentions: [
                    'target address "10.0.0.10" is listed twice (also endpointService.targets.ipAddresses[0])',
                    "Fix: remove the duplicate",
                ],
            },
        );
    });

    it("rejects a source CIDR listed twice", () => {
        expectProblem(service({ allowedSourceCidrs: ["10.80.0.0/16", "10.80.0.0/16"] }), K("endpointService.allowedSourceCidrs[1]"), {
            mentions: ['CIDR "10.80.0.0/16" is listed twice (also endpointService.allowedSourceCidrs[0])', "Fix: remove the duplicate"],
        });
    });

    it("rejects a consumer spoke listed twice", () => {
        expectProblem(service({ consumers: ["payments", "analytics", "payments"] }), K("endpointService.consumers[2]"), {
            mentions: ['consumer "payments" is listed twice (also endpointService.consumers[0])', "Fix: remove the duplicate"],
        });
    });
});
