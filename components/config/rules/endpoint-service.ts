/**
 * Rules of `endpointService` against the rest: principals (no wildcard by accident, no IAM paths), each
 * list member once, consumers and host VPC that exist, private DNS phases, and a host the NLB can use.
 */
import { PATHED_PRINCIPAL_RE, PRINCIPAL_RE } from "../constants";
import { EndpointServiceConfig, HubConfig } from "../units";
import { formatCidr } from "../../planning/cidr";
import { IndexedSpokes, parsed, Push } from "./common";

/**
 * Rejects a member listed twice. The components name each member's resource by its value (a principal
 * by its ARN, a target by its id, a rule by its CIDR), so they dedupe as a defence; but a duplicate is
 * a config mistake (often a copy meant to be edited), and silently planning one resource for two lines
 * hides it.
 */
function rejectDuplicates(list: readonly string[], key: string, what: string, push: Push, canonical = (v: string) => v): void {
    const first = new Map<string, number>();
    list.forEach((v, i) => {
        const at = first.get(canonical(v));
        if (at === undefined) {
            first.set(canonical(v), i);
        } else {
            push(`${key}[${i}]`, `${what} "${v}" is listed twice (also ${key}[${at}]). Fix: remove the duplicate`);
        }
    });
}

export function checkEndpointService(es: EndpointServiceConfig, hub: HubConfig, spokes: IndexedSpokes, push: Push): void {
    const names = new Map(spokes.map(({ s }) => [s.name, s]));
    if (es.vpc !== "hub" && !names.has(es.vpc)) {
        push(
            "endpointService.vpc",
            `unknown VPC "${es.vpc}". Fix: use "hub" or a spoke name (${[...names.keys()].join(", ") || "none defined"})`,
        );
    }
    es.allowedPrincipals.forEach((p, i) => {
        const key = `endpointService.allowedPrincipals[${i}]`;
        if (p === "*") {
            if (!es.allowAnyPrincipal) {
                push(
                    key,
                    `"*" lets any AWS account connect. Fix: list account/role/user ARNs, or set endpointService.allowAnyPrincipal: true if the service is meant to be public`,
                );
            } else if (!es.acceptanceRequired) {
                push(
                    key,
                    `"*" with acceptanceRequired: false auto-accepts anyone: the NLB is effectively public. Fix: set endpointService.acceptanceRequired: true`,
                );
            }
        } else if (PATHED_PRINCIPAL_RE.test(p)) {
            // https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions
            push(
                key,
                `"${p}" has an IAM path; endpoint services do not support principals with a path. Fix: use the ARN without the path (arn:aws:iam::<account>:role/<name>) or the account root`,
            );
        } else if (!PRINCIPAL_RE.test(p)) {
            push(
                key,
                `"${p}" is not an allowed principal ARN. Fix: use arn:aws:iam::<12-digit account>:root, :role/<name> or :user/<name>`,
            );
        }
    });
    rejectDuplicates(es.allowedPrincipals, "endpointService.allowedPrincipals", "principal", push);
    if (es.targets.kind === "instances") {
        rejectDuplicates(es.targets.instanceIds, "endpointService.targets.instanceIds", "instance", push);
    } else if (es.targets.kind === "ips") {
        rejectDuplicates(es.targets.ipAddresses, "endpointService.targets.ipAddresses", "target address", push);
    }
    // Compared as blocks, not text: the same rule tuple (group, protocol, port, source) twice is one rule to AWS.
    rejectDuplicates(es.allowedSourceCidrs, "endpointService.allowedSourceCidrs", "CIDR", push, (c) => formatCidr(parsed(c)));
    rejectDuplicates(es.consumers, "endpointService.consumers", "consumer", push);
    es.consumers.forEach((c, i) => {
        if (!names.has(c)) {
            push(
                `endpointService.consumers[${i}]`,
                `unknown spoke "${c}". Fix: use a spoke name (${[...names.keys()].join(", ") || "none defined"})`,
            );
        } else if (c === es.vpc) {
            push(`endpointService.consumers[${i}]`, `"${c}" hosts the service itself. Fix: remove it from consumers`);
        }
    });
    if (es.privateDnsVerified && !es.privateDnsName) {
        push(
            "endpointService.privateDnsVerified",
            `is true but no privateDnsName is set. Fix: set endpointService.privateDnsName, or set privateDnsVerified: false`,
        );
    }
    const host = es.vpc === "hub" ? undefined : names.get(es.vpc);
    if (host && host.region !== hub.region) {
        // The fleet is operated through SSM, and the hub serves SSM only for its own region.
        push(
            "endpointService.vpc",
            `spoke "${es.vpc}" is in ${host.region}; the endpoint service runs in the hub region (${hub.region}), where the hub's SSM endpoints serve its fleet. Fix: use "hub" or a spoke in ${hub.region}; consumers in other regions connect cross-region`,
        );
    }
    const hostAz = es.vpc === "hub" ? hub.azCount : names.get(es.vpc)?.azCount;
    if (hostAz !== undefined && hostAz < 2) {
        push(
            "endpointService.vpc",
            `the NLB needs subnets in at least two AZs but the ${es.vpc} VPC has azCount ${hostAz}. Fix: raise its azCount to 2 or more`,
        );
    }
}
