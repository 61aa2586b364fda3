import { requestCost } from "./pace-rules.ts";
import type { Pacer } from "./pacer.ts";
import type { Fetch } from "./proxy-fetch.ts";

/** The text of a request body, when it is one (Octokit sends JSON strings). */
const bodyText = (body: RequestInit["body"]) => (typeof body === "string" ? body : undefined);

/**
 * `fetch`, each request sent when `pacer` allows it, so every attempt (a retry included) is
 * counted where it is really made: here, the one place requests go out.
 */
export function pacedFetch(pacer: Pacer, fetch: Fetch): Fetch {
  return async (url, init) => {
    const cost = requestCost(
      init?.method ?? "GET",
      new URL(url),
      bodyText(init?.body),
      pacer.settings.rules,
    );
    await pacer.acquire(cost);
    try {
      return await fetch(url, init);
    } finally {
      pacer.release();
    }
  };
}
