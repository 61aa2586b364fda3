import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, hasPermission } from "../auth.ts";
import type { Faults } from "../faults.ts";
import type { LogEntry, RequestLog } from "../log.ts";
import {
  listenLoopback,
  parseJson,
  readBody,
  sleep,
  writeAnswer,
  type RunningServer,
} from "../loopback.ts";
import { RateLimiter } from "../rate-limit.ts";
import { HttpError, type RestContext, type RestResult } from "../rest/http.ts";
import { Router, type RouteMatch } from "../rest/router.ts";
import { getRepo, iso, tokenCanSee, type SimClock, type SimState } from "../state.ts";
import { giteaError, giteaNotFound } from "./http.ts";
import { giteaRoutes, type GiteaBehaviour } from "./routes.ts";

/** What a running Gitea server reads and writes. */
export interface GiteaParts {
  state: SimState;
  clock: SimClock;
  log: RequestLog;
  faults: Faults;
  latency: () => number;
  behaviour: GiteaBehaviour;
  /** What `POST /repos/{o}/{r}/dispatches` answers: Gitea has no such endpoint. */
  repositoryDispatchStatus: 404 | 405;
}

const API = "/api/v1";
const REPOSITORY_DISPATCH = /^\/repos\/[^/]+\/[^/]+\/dispatches\/?$/;

/** JSON bodies as JSON; a string body (the 405 page) as plain text; no body for 204. */
function send(res: ServerResponse, answer: RestResult, truncate: boolean): void {
  const text =
    answer.body === undefined || answer.status === 204
      ? ""
      : typeof answer.body === "string"
        ? answer.body
        : JSON.stringify(answer.body);
  const bytes = Buffer.from(text);
  const headers: Record<string, string> = { ...answer.headers };
  if (text !== "") {
    headers["content-type"] =
      typeof answer.body === "string"
        ? "text/plain; charset=utf-8"
        : "application/json;charset=utf-8";
    headers["content-length"] = String(bytes.length);
  }
  writeAnswer(res, answer.status, headers, bytes, truncate);
}

/**
 * A repository route's checks in Gitea's order: the repository must be visible to the token
 * (404 otherwise, as Gitea's repoAssignment), then the token must carry the scope.
 */
function runRoute(match: RouteMatch, ctx: RestContext): RestResult {
  const { route } = match;
  if (route.scope === "global") return route.handle(ctx);
  const repo = getRepo(ctx.state, ctx.params.owner ?? "", ctx.params.repo ?? "");
  if (!repo || !tokenCanSee(ctx.token, repo.full_name)) throw giteaNotFound(ctx);
  if (!hasPermission(ctx.token, route.permission))
    throw giteaError(
      ctx.api,
      403,
      `token does not have at least one of required scope(s): [${route.permission.level}:repository]`,
    );
  return route.handle({ ...ctx, repo });
}

/** Starts the simulated Gitea on 127.0.0.1; its API answers under `/api/v1`. */
export async function startGiteaServer(parts: GiteaParts, port: number): Promise<RunningServer> {
  const { state, clock, log, faults } = parts;
  const router = new Router(giteaRoutes(parts.behaviour));
  // Gitea has no rate limiting: this limiter is never consulted; the shared handler context
  // carries one for GitHub's GET /rate_limit.
  const limiter = new RateLimiter(clock, { primary: false, secondary: false });
  let root = "";

  function answer(
    method: string,
    url: URL,
    body: unknown,
    bad: boolean,
    caller: ReturnType<typeof authenticate>,
  ): RestResult {
    const api = `${root}${API}`;
    const path = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : undefined;
    if (path === undefined) return { status: 404, body: { message: "not found" } };
    if (method === "POST" && REPOSITORY_DISPATCH.test(path)) {
      return parts.repositoryDispatchStatus === 405
        ? { status: 405, body: "Method Not Allowed\n" }
        : fromError(giteaNotFound({ api }));
    }
    if ("problem" in caller)
      return fromError(
        giteaError(
          api,
          401,
          caller.problem === "missing"
            ? "token is required"
            : "invalid username, password or token",
        ),
      );
    const match = router.match(method, path);
    if (!match) return fromError(giteaNotFound({ api }));
    if (bad) return fromError(giteaError(api, 400, "invalid JSON body"));
    const ctx: RestContext = {
      method,
      params: match.params,
      query: url.searchParams,
      body:
        body !== null && typeof body === "object" && !Array.isArray(body)
          ? (body as Record<string, unknown>)
          : {},
      rawBody: body,
      token: caller.token,
      state,
      clock,
      limiter,
      api,
      url,
      at: iso(clock.now()),
    };
    try {
      return runRoute(match, ctx);
    } catch (error) {
      return fromError(error);
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", root);
    const { body, badJson } = parseJson(await readBody(req));
    const caller = authenticate(state, req.headers.authorization);
    const entry: LogEntry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      mutating: method !== "GET" && method !== "HEAD",
      status: 0,
      token: "token" in caller ? caller.token.login : undefined,
      time: clock.now(),
    };
    log.add(entry);
    const fault = faults.pick({ method, path: url.pathname });
    const delay = parts.latency() + fault.delayMs;
    const action = fault.action;
    if (action && "reset" in action) {
      if (delay > 0) await sleep(delay);
      req.socket.destroy();
      return;
    }
    const result =
      action && "status" in action
        ? { status: action.status, headers: action.headers, body: action.body }
        : answer(method, url, body, badJson, caller);
    entry.status = result.status;
    if (delay > 0) await sleep(delay);
    send(res, result, action !== undefined && "truncate" in action);
  }

  const server = await listenLoopback(
    onRequest,
    (res, error) =>
      send(res, { status: 500, body: { message: `simulator error: ${String(error)}` } }, false),
    port,
  );
  root = server.url;
  return server;
}

function fromError(error: unknown): RestResult {
  if (error instanceof HttpError)
    return { status: error.status, body: error.body, headers: error.headers };
  throw error;
}
