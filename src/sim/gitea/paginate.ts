import type { RestContext } from "../rest/http.ts";

/** Gitea's `[api] MAX_RESPONSE_ITEMS` default: no page is longer, whatever `limit` asks. */
const GITEA_MAX_LIMIT = 50;
/** Gitea's `[api] DEFAULT_PAGING_NUM` default, used when `limit` is absent. */
const DEFAULT_LIMIT = 30;

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 ? n : undefined;
}

/** `page` (default 1) and `limit` (default 30, at most `maxLimit`) of a request. */
function giteaPageParams(
  query: URLSearchParams,
  maxLimit = GITEA_MAX_LIMIT,
): { page: number; limit: number } {
  return {
    page: positiveInt(query.get("page")) ?? 1,
    limit: Math.min(maxLimit, positiveInt(query.get("limit")) ?? DEFAULT_LIMIT),
  };
}

/**
 * One page of `items` with Gitea's headers: `x-total-count`, and a `Link` header listing
 * `next`, `last`, `first`, `prev` in that order, comma-joined without spaces, as Gitea's
 * `SetLinkHeader` writes it (no `next`/`last` on the last page, no `first`/`prev` on page 1).
 */
export function giteaPaginate<T>(
  ctx: RestContext,
  items: readonly T[],
  maxLimit = GITEA_MAX_LIMIT,
): { items: T[]; headers: Record<string, string> } {
  const { page, limit } = giteaPageParams(ctx.query, maxLimit);
  const lastPage = Math.max(1, Math.ceil(items.length / limit));
  const link = (n: number, rel: string) => {
    const params = new URLSearchParams(ctx.url.searchParams);
    params.set("page", String(n));
    return `<${ctx.url.origin}${ctx.url.pathname}?${params.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < lastPage) links.push(link(page + 1, "next"), link(lastPage, "last"));
  if (page > 1) links.push(link(1, "first"), link(Math.min(page - 1, lastPage), "prev"));
  const headers: Record<string, string> = { "x-total-count": String(items.length) };
  if (links.length > 0) headers.link = links.join(",");
  return { items: items.slice((page - 1) * limit, page * limit), headers };
}
