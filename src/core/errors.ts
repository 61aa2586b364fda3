import { WAIT_INPUT, WaitTooLongError } from "./wait-too-long.ts";

/** What went wrong with a GitHub request, in the terms a user acts on. */
export type ApiErrorKind =
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "rate-limited"
  | "conflict"
  | "invalid"
  | "server"
  | "network";

/**
 * A failed API request, classified, with a message that says what to do about it.
 * `missingPermission` marks a `forbidden` that is about the token, not one item: every
 * further request of the same kind would be refused the same way.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | undefined,
    message: string,
    readonly resetAt?: number,
    readonly missingPermission = false,
  ) {
    super(message);
  }

  /** The same error with a new message (what was being done, added around the cause). */
  reworded(message: string): ApiError {
    return new ApiError(this.kind, this.status, message, this.resetAt, this.missingPermission);
  }
}

/**
 * Whether an error stops every further change with the same token: an exhausted rate limit,
 * an invalid token, or a permission the token lacks (as opposed to a 403 on one locked issue).
 */
export function stopsTheRest(error: ApiError): boolean {
  return error.kind === "rate-limited" || error.kind === "unauthorized" || error.missingPermission;
}

interface ResponseLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  errors?: { type?: string; message?: string }[];
}

/** Where a request failed, for the message: a repository and/or what was being done. */
export interface ErrorContext {
  repository?: string;
  doing?: string;
}

/** The API's own message from a response body, if it sent one. */
function apiMessage(error: ResponseLike): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  if (data && typeof data.message === "string") return data.message;
  return error.message ?? "";
}

function header(error: ResponseLike, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/**
 * GitHub's words for a token that lacks a permission (App and fine-grained tokens, and the
 * admin-only endpoints), as opposed to a 403 about one item such as a locked issue.
 */
const PERMISSION_WORDS = /resource not accessible by|must have admin rights/i;

/** `in 42 min (2026-06-01T01:00:00Z)` for an epoch-seconds reset header. */
export function describeReset(resetEpochSeconds: number, now = Date.now()): string {
  const minutes = Math.max(0, Math.ceil((resetEpochSeconds * 1000 - now) / 60_000));
  return `resets at ${new Date(resetEpochSeconds * 1000).toISOString()} (in ${minutes} min)`;
}

/**
 * Turns whatever a request threw (Octokit RequestError, GraphQL response error, fetch
 * failure) into an ApiError. Never hides the cause: an unknown error keeps its message.
 */
export function classifyError(error: unknown, context: ErrorContext = {}): ApiError {
  if (error instanceof ApiError) return error;
  const e = (error ?? {}) as ResponseLike;
  const where = [context.doing, context.repository].filter(Boolean).join(" on ");
  const prefix = where ? `${where}: ` : "";
  const status = typeof e.status === "number" ? e.status : undefined;
  const graphqlTypes = (e.errors ?? []).map((x) => x.type);
  const remaining = header(e, "x-ratelimit-remaining");
  const reset = Number(header(e, "x-ratelimit-reset"));
  const message = apiMessage(e);

  if (error instanceof WaitTooLongError) {
    const until = new Date(error.until).toISOString();
    return new ApiError(
      "rate-limited",
      status,
      `${prefix}GitHub's secondary rate limit asks for a wait of ${error.retryAfter}s (until ${until}), longer than ${WAIT_INPUT} (${error.cap}); the rest of this work was not done, rerun after ${until}`,
      error.until,
    );
  }
  if (remaining === "0" || graphqlTypes.includes("RATE_LIMITED")) {
    const when = Number.isFinite(reset) && reset > 0 ? `; ${describeReset(reset)}` : "";
    return new ApiError(
      "rate-limited",
      status,
      `${prefix}the primary rate limit is exhausted (0 requests left${when}); the rest of this work was not done, rerun after the reset`,
      Number.isFinite(reset) ? reset * 1000 : undefined,
    );
  }
  if (/secondary rate limit/i.test(message)) {
    return new ApiError(
      "rate-limited",
      status,
      `${prefix}GitHub's secondary rate limit kept refusing after retries (${message})`,
    );
  }
  switch (status) {
    case 401:
      return new ApiError(
        "unauthorized",
        401,
        `${prefix}401 Unauthorized: the token is invalid or expired; create a new one (or check the app's id and private key) and update the secret`,
      );
    case 403: {
      const needs = header(e, "x-accepted-github-permissions");
      const hint = needs ? `; the token needs permission ${needs}` : "";
      const missing = needs !== undefined || PERMISSION_WORDS.test(message);
      return new ApiError(
        "forbidden",
        403,
        `${prefix}403 Forbidden: ${message}${hint}`,
        undefined,
        missing,
      );
    }
    case 404:
      return new ApiError(
        "not-found",
        404,
        `${prefix}404 Not Found: it does not exist, or the token cannot see it (GitHub answers 404, not 403, for what a token may not read)`,
      );
    case 409:
      return new ApiError("conflict", 409, `${prefix}409 Conflict: ${message}`);
    case 422:
      return new ApiError("invalid", 422, `${prefix}422 Unprocessable: ${message}`);
  }
  if (graphqlTypes.includes("NOT_FOUND")) {
    return new ApiError("not-found", status, `${prefix}${e.errors?.[0]?.message ?? message}`);
  }
  if (graphqlTypes.includes("FORBIDDEN")) {
    const said = e.errors?.[0]?.message ?? message;
    return new ApiError(
      "forbidden",
      status,
      `${prefix}${said}`,
      undefined,
      PERMISSION_WORDS.test(said),
    );
  }
  // Octokit gives a request that got no answer status 500; only an answer is GitHub's 500.
  if (status !== undefined && status >= 500 && e.response !== undefined) {
    return new ApiError(
      "server",
      status,
      `${prefix}GitHub answered ${status} after retries: ${message}`,
    );
  }
  return new ApiError("network", status, `${prefix}${message || String(error)}`);
}
