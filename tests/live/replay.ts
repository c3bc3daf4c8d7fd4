/**
 * Replays a day-2 transition (plan A applied, then plan B) in moto with Pulumi's step order: creates and
 * replacements first (create-before-delete), in dependency order; deletes last, in reverse dependency
 * order (pulumi/pulumi#9979; the `deleteBeforeReplace` resource option documents the default). Which
 * resources are created, replaced, updated or deleted comes from the change-safety check's resource
 * list (offline/changes/), whose replace-vs-update table is sourced from the provider.
 *
 * Replayed: in-place route updates (ReplaceRoute, as aws_route re-targets a route); deletions of routes
 * (DeleteRoute) and allowed principals (RemoveAllowedPrincipals, which removes *by ARN*, as the
 * provider's delete does). Other deletions and updates are listed as not replayed.
 */
import * as ec2 from "@aws-sdk/client-ec2";
import { T } from "../../components/aws/types";
import { checkChanges, PlanLike } from "../../offline/changes/diff";
import { ChangeReport } from "../../offline/types";
import { ApplyResult, AppliedCall, applyPlan, awsError } from "./apply-plan";
import { TestClients } from "./aws-clients";

export interface ReplayResult {
    readonly changes: ChangeReport;
    /** Calls of the create/replace phase. */
    readonly creates: ApplyResult;
    /** In-place updates replayed (route re-targets: ReplaceRoute). */
    readonly updates: readonly AppliedCall[];
    /** Calls of the delete phase. */
    readonly deletes: readonly AppliedCall[];
    readonly notReplayed: readonly string[];
}

export async function replayTransition(
    before: PlanLike,
    applied: ApplyResult,
    after: PlanLike,
    clients: TestClients,
): Promise<ReplayResult> {
    const changes = checkChanges(before, after, "before.json");
    const created = new Set(changes.resources.filter((c) => c.action === "create" || c.action === "replace").map((c) => c.urn));
    const notReplayed: string[] = [];
    const creates = await applyPlan(after.resources, clients, { only: created, seed: applied.liveValues });
    const newByUrn = new Map(after.resources.map((r) => [r.urn, r]));
    const updates: AppliedCall[] = [];
    const subNew = (v: unknown) => (typeof v === "string" ? (creates.liveValues.get(v) ?? v) : undefined);
    for (const c of changes.resources.filter((x) => x.action === "update")) {
        const r = newByUrn.get(c.urn);
        if (r?.type !== T.route) {
            notReplayed.push(`update ${c.urn}`);
            continue;
        }
        // aws_route updates its target in place with ReplaceRoute.
        const region = r.region;
        try {
            await clients.ec2(region).send(
                new ec2.ReplaceRouteCommand({
                    RouteTableId: subNew(r.inputs.routeTableId),
                    DestinationCidrBlock: String(r.inputs.destinationCidrBlock),
                    VpcPeeringConnectionId: subNew(r.inputs.vpcPeeringConnectionId),
                    TransitGatewayId: subNew(r.inputs.transitGatewayId),
                }),
            );
            updates.push({ urn: r.urn, call: "ReplaceRoute", region });
        } catch (e) {
            updates.push({ urn: r.urn, call: "ReplaceRoute", region, error: awsError(e) });
        }
    }

    const oldByUrn = new Map(before.resources.map((r) => [r.urn, r]));
    const doomed = changes.resources
        .filter((c) => c.action === "delete" || (c.action === "replace" && !c.deleteBeforeReplace))
        .map((c) => oldByUrn.get(c.oldUrn ?? c.urn));
    const deletes: AppliedCall[] = [];
    const sub = (v: unknown) => (typeof v === "string" ? (applied.liveValues.get(v) ?? v) : "");
    // Reverse capture order: dependents before what they depend on.
    for (const r of doomed.filter((x) => x !== undefined).reverse()) {
        const region = r.region === "global" ? "us-east-1" : r.region;
        const run = async (name: string, fn: () => Promise<unknown>) => {
            try {
                await fn();
                deletes.push({ urn: r.urn, call: name, region });
            } catch (e) {
                deletes.push({ urn: r.urn, call: name, region, error: awsError(e) });
            }
        };
        if (r.type === T.vpcEndpointServiceAllowedPrincipal) {
            await run("ModifyVpcEndpointServicePermissions", () =>
                clients.ec2(region).send(
                    new ec2.ModifyVpcEndpointServicePermissionsCommand({
                        ServiceId: sub(r.inputs.vpcEndpointServiceId),
                        RemoveAllowedPrincipals: [String(r.inputs.principalArn)],
                    }),
                ),
            );
        } else if (r.type === T.route) {
            await run("DeleteRoute", () =>
                clients.ec2(region).send(
                    new ec2.DeleteRouteCommand({
                        RouteTableId: sub(r.inputs.routeTableId),
                        DestinationCidrBlock: String(r.inputs.destinationCidrBlock),
                    }),
                ),
            );
        } else if (r.custom) {
            notReplayed.push(`delete ${r.urn}`);
        }
    }
    return { changes, creates, updates, deletes, notReplayed };
}
