import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import type { Forge } from "./input-rules.ts";
import { httpStatus } from "../../core/http-status.ts";

/** The one error that stops a run before any dispatch: the token or the API is unusable. */
export class PreflightError extends Error {
  override readonly name = "PreflightError";
}

/** The preflight's request: free on GitHub (`/rate_limit` costs no budget); Gitea has no such endpoint. */
const preflightRoute = (forge: Forge) => (forge === "github" ? "GET /rate_limit" : "GET /user");

/** The PreflightError for a failed request, naming the request and what was left undone. */
export function preflightFailure(route: string, error: unknown, targets: number): PreflightError {
  const undone = `nothing was dispatched to any of the ${targets} targets`;
  if (httpStatus(error) === 401)
    return new PreflightError(
      `preflight: ${route} answered 401 Unauthorized: the token is invalid, expired or revoked; ${undone}; create a new token and update the secret`,
    );
  return new PreflightError(
    `preflight: ${route} failed: ${classifyError(error).message}; ${undone}`,
  );
}

/**
 * Proves the token works with one request before any dispatch, so a bad token is one clear
 * error rather than one per target. Only a refusal of the token (401) or an unusable API fails
 * it: 403 and 404 come from an authenticated token without the scope to read this endpoint
 * (a Gitea token without read:user, a GitHub Enterprise server without rate limiting).
 * Returns a line for the job summary.
 */
export async function preflight(
  client: FleetClient,
  forge: Forge,
  targets: number,
): Promise<string> {
  const route = preflightRoute(forge);
  try {
    const { data } = await client.request(route);
    const login = (data as { login?: unknown }).login;
    return `Preflight: the token was accepted (${route} answered 200${typeof login === "string" ? `, as ${login}` : ""}).`;
  } catch (error) {
    const status = httpStatus(error);
    if ((status === 403 || status === 404) && classifyError(error).kind !== "rate-limited")
      return `Preflight: the token was accepted (${route} answered ${status}: authenticated, without access to that endpoint).`;
    throw preflightFailure(route, error, targets);
  }
}
