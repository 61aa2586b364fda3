import { GraphQLError } from "graphql";
import { iso } from "../state.ts";
import { actorView } from "./actor-view.ts";
import type { GraphqlContext } from "./context.ts";
import { notFound } from "./errors.ts";
import { resolveNode } from "./node-lookup.ts";
import { organizationView } from "./organization-view.ts";
import { visibleRepo } from "./permissions.ts";
import { repositoryView } from "./repository-view.ts";

const HOUR = 3_600_000;

/**
 * The token's GraphQL budget after this request. The server passes the budget it tracks;
 * without one the request is the first of a fresh hourly window.
 */
function rateLimitView(ctx: GraphqlContext) {
  const limit = ctx.rate?.limit ?? ctx.token.hourlyLimit;
  const used = (ctx.rate?.used ?? 0) + ctx.cost;
  const resetMs = ctx.rate ? ctx.rate.reset * 1000 : ctx.clock.now() + HOUR;
  return {
    cost: ctx.cost,
    limit,
    nodeCount: ctx.nodeCount,
    used,
    remaining: Math.max(0, limit - used),
    resetAt: iso(resetMs),
  };
}

/** The query root: what GitHub's `Query` fields resolve to. */
export const queryRoot = {
  organization({ login }: { login: string }, ctx: GraphqlContext) {
    const org = ctx.state.orgs.get(login.toLowerCase());
    if (!org) throw notFound(`Could not resolve to an Organization with the login of '${login}'.`);
    return organizationView(ctx, org);
  },
  repository({ owner, name }: { owner: string; name: string }, ctx: GraphqlContext) {
    return repositoryView(ctx, visibleRepo(ctx, owner, name));
  },
  node({ id }: { id: string }, ctx: GraphqlContext) {
    return resolveNode(ctx, id);
  },
  nodes({ ids }: { ids: string[] }, ctx: GraphqlContext) {
    // A promise per id: one id that fails is a null with its own error, the others resolve.
    return ids.map((id) => new Promise((resolve) => resolve(resolveNode(ctx, id))));
  },
  rateLimit({ dryRun }: { dryRun: boolean }, ctx: GraphqlContext) {
    if (dryRun) throw new GraphQLError("The simulator does not implement rateLimit(dryRun: true).");
    return rateLimitView(ctx);
  },
  viewer(_args: unknown, ctx: GraphqlContext) {
    return actorView(ctx.token.login);
  },
};
