/**
 * components/aws/service-dependencies.ts: each dependency in the table is pinned (service, what it
 * needs, where), every entry names an AWS page, and unmetDependencies says what a VPC lacks in a Region.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { lookupInterfaceService } from "../../components/aws/endpoint-services";
import { generatedSection } from "../../components/config/docs";
import {
    DEPENDENCY_TABLE_SECTION,
    dependenciesOf,
    REGION_BOUND_CLIENTS,
    REGIONAL_DEFAULT_SERVICES,
    renderDependencyTable,
    S3_GATEWAY_SCOPE,
    SERVICE_DEPENDENCIES,
    unmetDependencies,
} from "../../components/aws/service-dependencies";

const needs = (service: string) => dependenciesOf(service).map((d) => `${d.service}@${d.region}`);

describe("service dependencies (components/aws/service-dependencies.ts)", () => {
    it("ECR image pulls (ecr.dkr) need ecr.api and S3 in the registry's Region", () => {
        assert.deepStrictEqual(needs("ecr.dkr"), ["ecr.api@same-as-call", "s3@same-as-call"]);
        assert.match(dependenciesOf("ecr.dkr")[1].why, /layers/);
    });
    it("Session Manager's ssmmessages and the older agents' ec2messages need ssm in the same Region", () => {
        assert.deepStrictEqual(needs("ssmmessages"), ["ssm@same-as-call"]);
        assert.deepStrictEqual(needs("ec2messages"), ["ssm@same-as-call"]);
    });
    it("ECS needs ecs-agent and ecs-telemetry beside ecs", () => {
        assert.deepStrictEqual(needs("ecs"), ["ecs-agent@same-as-call", "ecs-telemetry@same-as-call"]);
    });
    it("logs, monitoring, sts, kms and ssm need nothing else", () => {
        for (const s of ["logs", "monitoring", "sts", "kms", "ssm", "ecr.api"]) {
            assert.deepStrictEqual(needs(s), [], s);
        }
    });
    it("an S3 gateway endpoint serves its own Region only and never through peering or a transit gateway", () => {
        assert.strictEqual(S3_GATEWAY_SCOPE.sameRegionOnly, true);
        assert.strictEqual(S3_GATEWAY_SCOPE.usableThroughPeeringOrTransitGateway, false);
        assert.match(S3_GATEWAY_SCOPE.source, /^https:\/\/docs\.aws\.amazon\.com\/vpc\/latest\/privatelink\/gateway-endpoints\.html$/);
    });
    it("every dependency and every region-bound client cites an AWS documentation page", () => {
        for (const deps of Object.values(SERVICE_DEPENDENCIES)) {
            for (const d of deps) {
                assert.match(d.source, /^https:\/\/docs\.aws\.amazon\.com\//, d.service);
            }
        }
        for (const c of REGION_BOUND_CLIENTS) {
            assert.match(c.source, /^https:\/\/docs\.aws\.amazon\.com\//, c.client);
        }
    });
    it("every service named in the table and the default regional set is an interface service the hub knows (or s3)", () => {
        const named = [
            ...Object.keys(SERVICE_DEPENDENCIES),
            ...Object.values(SERVICE_DEPENDENCIES).flatMap((ds) => ds.map((d) => d.service)),
            ...REGION_BOUND_CLIENTS.flatMap((c) => c.calls),
            ...REGIONAL_DEFAULT_SERVICES,
        ];
        for (const s of named) {
            assert.ok(lookupInterfaceService(s), `${s} is not in endpoint-services.ts`);
        }
    });
    it("the default regional set serves every region-bound client and meets its own dependencies given the spokes' S3 gateway", () => {
        for (const c of REGION_BOUND_CLIENTS) {
            for (const s of c.calls) {
                assert.ok(REGIONAL_DEFAULT_SERVICES.includes(s), `${c.client} calls ${s}`);
            }
        }
        assert.deepStrictEqual(
            unmetDependencies("eu-west-1", { interfaceServices: new Set(REGIONAL_DEFAULT_SERVICES), s3Gateway: true }),
            [],
        );
    });
    it("ecr.dkr without any S3 path in the Region is unmet, naming s3 and the Region", () => {
        const u = unmetDependencies("eu-west-2", { interfaceServices: new Set(["ecr.api", "ecr.dkr"]), s3Gateway: false });
        assert.deepStrictEqual(
            u.map((x) => [x.service, x.region, x.missing]),
            [["ecr.dkr", "eu-west-2", "s3"]],
        );
    });
    it("an S3 interface endpoint of the Region meets the ECR layer dependency where no gateway can", () => {
        assert.deepStrictEqual(
            unmetDependencies("eu-west-2", { interfaceServices: new Set(["ecr.api", "ecr.dkr", "s3"]), s3Gateway: false }),
            [],
        );
    });
    it("ssmmessages without ssm is unmet", () => {
        const u = unmetDependencies("eu-west-1", { interfaceServices: new Set(["ssmmessages"]), s3Gateway: true });
        assert.deepStrictEqual(
            u.map((x) => x.missing),
            ["ssm"],
        );
    });
});

describe("the README's dependency table", () => {
    it("is generated from the table (else run npm run docs)", () => {
        const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
        assert.strictEqual(
            generatedSection(readme, DEPENDENCY_TABLE_SECTION),
            renderDependencyTable(),
            "README.md is stale: run npm run docs",
        );
    });
    it("has one row per dependency and per region-bound client", () => {
        const rows = renderDependencyTable()
            .split("\n")
            .filter(
                (l) =>
                    l.startsWith("| `") ||
                    (l.startsWith("| ") && !l.startsWith("| ---") && !l.startsWith("| a client") && !l.startsWith("| region-bound")),
            );
        const deps = Object.values(SERVICE_DEPENDENCIES).reduce((n, d) => n + d.length, 0);
        assert.strictEqual(rows.length, deps + 1 + REGION_BOUND_CLIENTS.length);
    });
});
