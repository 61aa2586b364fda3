import { unauthorized, type Caller } from "./auth.ts";
import { handleGraphql } from "./graphql/index.ts";
import { primaryExceededMessage, secondaryExceeded } from "./limit-answers.ts";
import type { PeekedOperation } from "./peek-operation.ts";
import { rateHeaders, type RateLimiter } from "./rate-limit.ts";
import type { RestResult } from "./rest/http.ts";
import type { SimClock, SimState, SimToken } from "./state.ts";

/** The answer to POST /graphql and what the request log records of it. */
export interface GraphqlAnswer extends RestResult {
  operation?: string;
  mutating: boolean;
}

/**
 * Answers POST /graphql: authentication, the GraphQL primary budget (spent: HTTP 200 with a
 * `RATE_LIMITED` error, as GitHub), the secondary limits (a request with mutations costs more,
 * and each mutation creating content counts toward the content limits), then the
 * GraphQL handler, whose query cost is charged; `x-ratelimit-resource: graphql` throughout.
 */
export async function answerGraphql(
  req: {
    body: unknown;
    badJson: boolean;
    caller: Caller;
    peek: PeekedOperation;
    requestId: string;
  },
  b: { state: SimState; clock: SimClock; limiter: RateLimiter; anonymous: SimToken },
): Promise<GraphqlAnswer> {
  const base = { operation: req.peek.name, mutating: req.peek.mutation };
  if ("problem" in req.caller) {
    const e = unauthorized(req.caller.problem, true);
    b.limiter.charge(b.anonymous, "graphql", 1);
    const headers = rateHeaders(b.limiter.primary(b.anonymous, "graphql"));
    return { ...base, status: e.status, body: e.body, headers };
  }
  const token = req.caller.token;
  const headers = () => rateHeaders(b.limiter.primary(token, "graphql"));
  if (b.limiter.exhausted(token, "graphql"))
    return {
      ...base,
      status: 200,
      headers: headers(),
      body: { errors: [{ type: "RATE_LIMITED", message: primaryExceededMessage(token) }] },
    };
  const wait = b.limiter.secondaryCheck(token, {
    kind: "graphql",
    mutation: req.peek.mutation,
    contentCreating: req.peek.contentCreating,
  });
  if (wait !== null) {
    const e = secondaryExceeded(wait, req.requestId, b.limiter.nextRefusal());
    return { ...base, status: e.status, body: e.body, headers: { ...headers(), ...e.headers } };
  }
  if (req.badJson) {
    b.limiter.charge(token, "graphql", 1);
    return {
      ...base,
      status: 400,
      headers: headers(),
      body: {
        message: "Problems parsing JSON",
        documentation_url: "https://docs.github.com/graphql",
      },
    };
  }
  const res = await handleGraphql({
    body: req.body,
    token,
    state: b.state,
    clock: b.clock,
    rate: b.limiter.primary(token, "graphql"),
  });
  b.limiter.charge(token, "graphql", res.cost);
  return {
    status: res.status,
    body: res.body,
    headers: headers(),
    operation: res.operation ?? req.peek.name,
    // An attempted mutation counts as one even when the handler rejected it.
    mutating: res.mutating || req.peek.mutation,
  };
}
