import { HttpError, type RestContext } from "../rest/http.ts";

/**
 * Gitea's error body: `{"message": ..., "url": <the API's swagger page>}` (its APIError), not
 * GitHub's `documentation_url` + `status`. `api` is the API root (`.../api/v1`).
 */
export function giteaError(api: string, status: number, message: string): HttpError {
  return new HttpError(status, { message, url: `${api.replace(/\/v1$/, "")}/swagger` });
}

/** 404 as Gitea's `APIErrorNotFound` words it when given no message. */
export function giteaNotFound(ctx: Pick<RestContext, "api">, message = "not found"): HttpError {
  return giteaError(ctx.api, 404, message);
}

/** A positive integer path parameter, or Gitea's 404. */
export function idParam(ctx: RestContext, name: string): number {
  const raw = ctx.params[name] ?? "";
  if (!/^\d+$/.test(raw)) throw giteaNotFound(ctx);
  return Number(raw);
}
