import type { RateLimiter } from "../rate-limit.ts";
import type { SimClock, SimPermissionName, SimRepo, SimState, SimToken } from "../state.ts";

const DOCS = "https://docs.github.com/rest";

/** What a REST handler gets. */
export interface RestContext {
  method: string;
  /** Path parameters, URL-decoded (`{path+}` tails keep their slashes). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body when it is an object; `{}` otherwise (see `rawBody`). */
  body: Record<string, unknown>;
  /** The parsed JSON body as sent (an array for the label endpoints' short form); undefined when none. */
  rawBody: unknown;
  token: SimToken;
  state: SimState;
  clock: SimClock;
  /** The server's rate limiter (GET /rate_limit reports it). */
  limiter: RateLimiter;
  /** API root (`http://127.0.0.1:PORT`), for `url` fields and `Link` headers. */
  api: string;
  /** The request URL. */
  url: URL;
  /** "now" on the sim clock as a GitHub timestamp. */
  at: string;
}

/** What a handler of a `/repos/{owner}/{repo}/...` route gets. */
export interface RepoContext extends RestContext {
  /** The route's repository, already checked as visible to the token. */
  repo: SimRepo;
}

/**
 * A body already serialized to JSON. Large listings assemble their answer from pre-serialized
 * parts (the repository object every run repeats) instead of stringifying it a hundred times.
 */
export class RawJson {
  constructor(readonly bytes: Buffer) {}
}

/** The bytes a body goes out as: pre-serialized JSON as is, a string verbatim, anything else as JSON. */
export function jsonBytes(body: unknown): Buffer {
  if (body instanceof RawJson) return body.bytes;
  return Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
}

/** A handler's answer. */
export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteBase {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** `/repos/{owner}/{repo}/issues/{issue_number}`; a final `{name+}` takes the rest of the path. */
  pattern: string;
  /** Counts toward the content-creation secondary limits. */
  content?: boolean;
  /** Costs no primary budget and is answered even when it is spent (GET /rate_limit). */
  free?: boolean;
}

/** A route under `/repos/{owner}/{repo}`: the server resolves the repository and checks access. */
export interface RepoRoute extends RouteBase {
  scope: "repo";
  /** Permission the token needs on the repository. */
  permission: { name: SimPermissionName; level: "read" | "write" };
  handle(ctx: RepoContext): RestResult;
}

/** A route outside any repository (`/user`, `/rate_limit`...). */
export interface GlobalRoute extends RouteBase {
  scope: "global";
  handle(ctx: RestContext): RestResult;
}

/** A REST route. */
export type Route = RepoRoute | GlobalRoute;

/** An error answer thrown from anywhere in a handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

/** GitHub's error body. */
export function errorBody(status: number, message: string, extra: Record<string, unknown> = {}) {
  return { message, ...extra, documentation_url: DOCS, status: String(status) };
}

export function notFound(message = "Not Found"): HttpError {
  return new HttpError(404, errorBody(404, message));
}

export function forbidden(message: string): HttpError {
  return new HttpError(403, errorBody(403, message));
}

export function conflict(message: string): HttpError {
  return new HttpError(409, errorBody(409, message));
}

/** 422 with a plain message (as GitHub answers for dispatch and contents errors). */
export function unprocessable(message: string): HttpError {
  return new HttpError(422, errorBody(422, message));
}

/** 422 "Validation Failed" with GitHub's `errors` list. */
export function validationFailed(
  errors: { resource: string; code: string; field?: string; message?: string }[],
): HttpError {
  return new HttpError(422, errorBody(422, "Validation Failed", { errors }));
}

/** A string body field, or a 422 naming it. */
export function stringField(ctx: RestContext, field: string, required: true): string;
export function stringField(ctx: RestContext, field: string, required: false): string | undefined;
export function stringField(
  ctx: RestContext,
  field: string,
  required: boolean,
): string | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) {
    if (required) throw unprocessable(`Invalid request.\n\n"${field}" wasn't supplied.`);
    return undefined;
  }
  if (typeof value !== "string")
    throw unprocessable(
      `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not a string.`,
    );
  return value;
}

/** A positive integer path parameter, or 404 (GitHub does not match the route otherwise). */
export function intParam(ctx: RestContext, name: string): number {
  const raw = ctx.params[name] ?? "";
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}
