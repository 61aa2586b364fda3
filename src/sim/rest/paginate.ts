import type { RestContext } from "./http.ts";

/** GitHub's largest page. */
export const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 30;

function positiveInt(raw: string | null, fallback: number): number {
  if (raw === null || !/^\d+$/.test(raw)) return fallback;
  const n = Number(raw);
  return n >= 1 ? n : fallback;
}

/** `per_page` (default 30, at most 100) and `page` (default 1) of a request. */
export function pageParams(query: URLSearchParams): { perPage: number; page: number } {
  return {
    perPage: Math.min(MAX_PER_PAGE, positiveInt(query.get("per_page"), DEFAULT_PER_PAGE)),
    page: positiveInt(query.get("page"), 1),
  };
}

/**
 * One page of `items` and its `Link` header (`prev`, `next`, `last`, `first` as GitHub sends
 * them: no `prev`/`first` on page 1, no `next`/`last` on the last page, none for one page).
 */
export function paginate<T>(
  ctx: RestContext,
  items: readonly T[],
): { items: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageParams(ctx.query);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string) => {
    const params = new URLSearchParams(ctx.url.searchParams);
    params.set("page", String(n));
    return `<${ctx.api}${ctx.url.pathname}?${params.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, lastPage), "prev"));
  if (page < lastPage) links.push(link(page + 1, "next"), link(lastPage, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { items: slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}
