import type { components } from "@octokit/openapi-types";
import type { RateState } from "../rate-limit.ts";
import { iso, tokenCanSee } from "../state.ts";
import { forbidden, type GlobalRoute, type RepoRoute, type RestContext } from "./http.ts";
import { paginate } from "./paginate.ts";
import { fullRepository, repository } from "./serialize-repo.ts";
import { simpleUser } from "./serialize-user.ts";

type RateLimitOverview = components["schemas"]["rate-limit-overview"];
type PublicUser = components["schemas"]["public-user"];

const SEARCH_PER_MINUTE = 30;

function rate(r: RateState) {
  return { limit: r.limit, remaining: r.remaining, reset: r.reset, used: r.used };
}

/** GET /rate_limit: free, and answered even when the budget is spent. */
function rateLimit(ctx: RestContext) {
  const core = rate(ctx.limiter.primary(ctx.token, "core"));
  const body: RateLimitOverview = {
    resources: {
      core,
      graphql: rate(ctx.limiter.primary(ctx.token, "graphql")),
      // The simulator serves no search endpoint, so this budget is never spent.
      search: {
        limit: SEARCH_PER_MINUTE,
        remaining: SEARCH_PER_MINUTE,
        used: 0,
        reset: Math.ceil(ctx.clock.now() / 1000) + 60,
      },
    },
    rate: core,
  };
  return { status: 200, body };
}

/** GET /user: only a user's token has a user; installation tokens get 403, as on GitHub. */
function user(ctx: RestContext) {
  if (ctx.token.kind !== "pat") throw forbidden("Resource not accessible by integration");
  const body: PublicUser = {
    ...simpleUser(ctx.api, ctx.token.login),
    name: ctx.token.login,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: iso(ctx.state.now),
    updated_at: ctx.at,
  };
  return { status: 200, body };
}

/** GET /installation/repositories: what an installation token can reach. */
function installationRepositories(ctx: RestContext) {
  if (ctx.token.kind === "pat")
    throw forbidden(
      "You must authenticate with an installation access token in order to list repositories for an installation.",
    );
  const visible = [...ctx.state.repos.values()].filter((r) => tokenCanSee(ctx.token, r.full_name));
  const page = paginate(ctx, visible);
  return {
    status: 200,
    body: {
      total_count: visible.length,
      repository_selection: ctx.token.repositories === "*" ? "all" : "selected",
      repositories: page.items.map((r) => repository(ctx.api, r, ctx.token)),
    },
    headers: page.headers,
  };
}

/** Routes about the token itself. */
export const accountRoutes: GlobalRoute[] = [
  { scope: "global", method: "GET", pattern: "/rate_limit", free: true, handle: rateLimit },
  { scope: "global", method: "GET", pattern: "/user", handle: user },
  {
    scope: "global",
    method: "GET",
    pattern: "/installation/repositories",
    handle: installationRepositories,
  },
];

/** GET /repos/{owner}/{repo}. */
export const repoRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}",
    permission: { name: "metadata", level: "read" },
    handle: (ctx) => ({ status: 200, body: fullRepository(ctx.api, ctx.repo, ctx.token) }),
  },
];
