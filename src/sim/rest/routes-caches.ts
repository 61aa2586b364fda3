import type { SimCache } from "../state.ts";
import { unprocessable, type RepoContext, type RepoRoute } from "./http.ts";
import { paginate } from "./paginate.ts";

const SORTS = ["created_at", "last_accessed_at", "size_in_bytes"] as const;
type Sort = (typeof SORTS)[number];

function sortOf(ctx: RepoContext): { sort: Sort; desc: boolean } {
  const sort = ctx.query.get("sort") ?? "last_accessed_at";
  const direction = ctx.query.get("direction") ?? "desc";
  if (!(SORTS as readonly string[]).includes(sort) || !["asc", "desc"].includes(direction))
    throw unprocessable(`Invalid request.\n\nsort must be one of ${SORTS.join(", ")}.`);
  return { sort: sort as Sort, desc: direction === "desc" };
}

const value = (c: SimCache, sort: Sort) =>
  sort === "size_in_bytes" ? c.size_in_bytes : Date.parse(c[sort]);

/**
 * GET .../actions/caches: the repository's caches, filtered by `ref` (exact) and `key` (a
 * prefix), sorted by `sort` and `direction` (newest access first by default), paginated.
 */
function listCaches(ctx: RepoContext) {
  const { sort, desc } = sortOf(ctx);
  const ref = ctx.query.get("ref");
  const key = ctx.query.get("key");
  const matches = ctx.repo.caches
    .filter((c) => (ref === null || c.ref === ref) && (key === null || c.key.startsWith(key)))
    .sort((a, b) => (desc ? -1 : 1) * (value(a, sort) - value(b, sort)) || a.id - b.id);
  const page = paginate(ctx, matches);
  return {
    status: 200,
    body: { total_count: matches.length, actions_caches: page.items },
    headers: page.headers,
  };
}

/** Actions caches (listing only: no fleet action writes them). */
export const cacheRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/actions/caches",
    permission: { name: "actions", level: "read" },
    handle: listCaches,
  },
];
