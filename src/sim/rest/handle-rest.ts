import { hasPermission, missingPermission, unauthorized, type Caller } from "../auth.ts";
import { primaryExceeded, secondaryExceeded } from "../limit-answers.ts";
import { rateHeaders, type RateLimiter } from "../rate-limit.ts";
import {
  getRepo,
  iso,
  tokenCanSee,
  type SimClock,
  type SimState,
  type SimToken,
} from "../state.ts";
import { conditionalGet } from "./conditional.ts";
import {
  errorBody,
  forbidden,
  HttpError,
  notFound,
  type RestContext,
  type RestResult,
} from "./http.ts";
import type { Router, RouteMatch } from "./router.ts";

/** A REST request as the server has parsed it. */
export interface RestRequest {
  method: string;
  url: URL;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
  /** The body was sent but is not JSON. */
  badJson: boolean;
  caller: Caller;
  requestId: string;
  /** The `If-None-Match` header, for conditional GETs. */
  ifNoneMatch?: string;
}

/** What the REST side of the server works with. */
export interface RestBackend {
  state: SimState;
  clock: SimClock;
  limiter: RateLimiter;
  router: Router;
  /** API root for `url` fields and `Link` headers. */
  api: string;
  /** The identity unauthenticated requests are counted against (60 an hour, as on GitHub). */
  anonymous: SimToken;
}

function fromError(error: unknown): RestResult {
  if (error instanceof HttpError)
    return { status: error.status, body: error.body, headers: error.headers };
  throw error;
}

function run(match: RouteMatch, ctx: RestContext, b: RestBackend): RestResult {
  const { route } = match;
  if (route.scope === "global") return route.handle(ctx);
  const repo = getRepo(b.state, ctx.params.owner ?? "", ctx.params.repo ?? "");
  // A repository the token may not see does not exist for it: 404, never 403.
  if (!repo || !tokenCanSee(ctx.token, repo.full_name)) throw notFound();
  // With Actions disabled in a repository its Actions endpoints answer 404.
  if (route.permission.name === "actions" && !repo.actions_enabled) throw notFound();
  if (!hasPermission(ctx.token, route.permission))
    throw missingPermission(ctx.token, route.permission);
  if (repo.archived && route.method !== "GET")
    throw forbidden("Repository was archived so is read-only.");
  return route.handle({ ...ctx, repo });
}

/**
 * Answers one REST request in GitHub's order: authentication, the primary budget, the
 * secondary limits, then the route (unknown routes are 404 and still cost a request), with
 * the `x-ratelimit-*` headers of the core budget on every answer. A GET's 200 carries an
 * `ETag`; a GET whose `If-None-Match` still matches is a 304 that costs no primary budget.
 */
export function handleRest(req: RestRequest, b: RestBackend): RestResult {
  const token = "token" in req.caller ? req.caller.token : b.anonymous;
  const headers = () => rateHeaders(b.limiter.primary(token, "core"));
  const answer = (result: RestResult): RestResult => ({
    ...result,
    headers: { ...headers(), ...result.headers },
  });
  if ("problem" in req.caller) {
    b.limiter.charge(token, "core", 1);
    return answer(fromError(unauthorized(req.caller.problem, false)));
  }
  const match = b.router.match(req.method, req.url.pathname);
  const free = match?.route.free === true;
  if (!free && b.limiter.exhausted(token, "core")) return answer(fromError(primaryExceeded(token)));
  const wait = b.limiter.secondaryCheck(token, {
    kind: "rest",
    endpoint: `${req.method} ${match?.route.pattern ?? req.url.pathname}`,
    write: req.method !== "GET",
    content: match?.route.content === true,
  });
  if (wait !== null)
    return answer(fromError(secondaryExceeded(wait, req.requestId, b.limiter.nextRefusal())));
  // Charged before the headers are computed, so they show this request as spent.
  const charged = (result: RestResult): RestResult => {
    if (!free && result.status !== 304) b.limiter.charge(token, "core", 1);
    return answer(result);
  };
  if (!match) return charged(fromError(notFound()));
  if (req.badJson) return charged({ status: 400, body: errorBody(400, "Problems parsing JSON") });
  const body = req.body;
  const ctx: RestContext = {
    method: req.method,
    params: match.params,
    query: req.url.searchParams,
    body:
      body !== null && typeof body === "object" && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {},
    rawBody: body,
    token,
    state: b.state,
    clock: b.clock,
    limiter: b.limiter,
    api: b.api,
    url: req.url,
    at: iso(b.clock.now()),
  };
  let result: RestResult;
  try {
    result = run(match, ctx, b);
  } catch (error) {
    result = fromError(error);
  }
  return charged(req.method === "GET" ? conditionalGet(result, req.ifNoneMatch) : result);
}
