import { errorBody, HttpError } from "./rest/http.ts";
import { userId } from "./rest/serialize-user.ts";
import type { RefusalShape } from "./rate-limit.ts";
import type { SimToken } from "./state.ts";

const SECONDARY_DOCS =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";

/** "API rate limit exceeded for installation ID 123." (or user ID, for a user's token). */
export function primaryExceededMessage(token: SimToken): string {
  const who = token.kind === "app" ? "installation ID" : "user ID";
  return `API rate limit exceeded for ${who} ${userId(token.login)}.`;
}

/** REST's answer once the hourly budget is spent: 403 (the caller adds `x-ratelimit-remaining: 0`). */
export function primaryExceeded(token: SimToken): HttpError {
  return new HttpError(403, errorBody(403, primaryExceededMessage(token)));
}

/**
 * The answer to a request over a secondary limit, REST and GraphQL alike, in one of the
 * shapes GitHub sends: 403 or 429, with `retry-after` or without (a client then waits a
 * minute, as GitHub's documentation says).
 */
export function secondaryExceeded(
  retryAfterSeconds: number,
  requestId: string,
  shape: RefusalShape = "403 retry-after",
): HttpError {
  const status = shape.startsWith("429") ? 429 : 403;
  return new HttpError(
    status,
    {
      message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: SECONDARY_DOCS,
      status: String(status),
    },
    shape.endsWith("retry-after") ? { "retry-after": String(retryAfterSeconds) } : {},
  );
}
