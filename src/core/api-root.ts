import type { Fetch } from "./proxy-fetch.ts";

// A token is sent only under the API root it was given for. URLs are checked as the fetch
// will send them, after the URL parser has resolved `..` and its encoded forms (`%2e%2e`), so
// a path input or a server's `Link` header cannot take the token to another host or path.

/** A request that would have left its API root; nothing was sent. */
export class OutsideApiRootError extends Error {
  override readonly name = "OutsideApiRootError";
}

/**
 * The root requests must stay under: the origin and path of `baseUrl`. On GitHub Enterprise
 * Server the REST root is `/api/v3` and GraphQL is served at `/api/graphql`, so the root there
 * is `/api`.
 */
export function apiRoot(baseUrl: string): URL {
  const root = new URL(baseUrl);
  root.pathname = root.pathname.replace(/\/+$/, "").replace(/\/api\/v3$/, "/api");
  return root;
}

/** Whether `url`, once parsed, is on the origin of `root` and under its path. */
export function isUnderRoot(url: string | URL, root: URL): boolean {
  const target = new URL(url);
  if (target.origin !== root.origin) return false;
  const prefix = root.pathname.replace(/\/+$/, "");
  return prefix === "" || target.pathname === prefix || target.pathname.startsWith(`${prefix}/`);
}

/** `fetch`, refusing (before anything is sent) every URL outside `baseUrl`'s root. */
export function confinedFetch(baseUrl: string, fetch: Fetch): Fetch {
  const root = apiRoot(baseUrl);
  return (url, init) => {
    if (!isUnderRoot(url, root)) {
      const shown = new URL(url);
      return Promise.reject(
        new OutsideApiRootError(
          `refused to send a request to ${shown.origin}${shown.pathname}: it is outside the API root ${root.origin}${root.pathname} the token was given for`,
        ),
      );
    }
    return fetch(url, init);
  };
}
