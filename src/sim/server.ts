import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "./auth.ts";
import { recorderFromEnv } from "./conformance/record-samples.ts";
import type { Faults } from "./faults.ts";
import { answerGraphql } from "./graphql-endpoint.ts";
import type { LogEntry, RequestLog } from "./log.ts";
import {
  listenLoopback,
  parseJson,
  readBody,
  sleep,
  writeAnswer,
  type RunningServer,
} from "./loopback.ts";
import { peekOperation } from "./peek-operation.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { handleRest } from "./rest/handle-rest.ts";
import { jsonBytes, type RestResult } from "./rest/http.ts";
import { Router } from "./rest/router.ts";
import { routes } from "./rest/routes.ts";
import type { SimClock, SimState, SimToken } from "./state.ts";

/** Everything a running server reads and writes. */
export interface ServerParts {
  state: SimState;
  clock: SimClock;
  log: RequestLog;
  faults: Faults;
  limiter: RateLimiter;
  /** Real milliseconds to hold each request before answering it. */
  latency: () => number;
}

const anonymous: SimToken = {
  token: "",
  login: "",
  kind: "pat",
  permissions: {},
  repositories: [],
  hourlyLimit: 60,
};

/** Writes an answer with GitHub's request id; `truncate` cuts it short (see writeAnswer). */
function send(res: ServerResponse, answer: RestResult, requestId: string, truncate: boolean) {
  const headers: Record<string, string> = { "x-github-request-id": requestId };
  const noBody = answer.body === undefined || answer.status === 204 || answer.status === 304;
  const bytes = noBody ? Buffer.alloc(0) : jsonBytes(answer.body);
  if (!noBody) {
    headers["content-type"] = "application/json; charset=utf-8";
    headers["content-length"] = String(bytes.length);
  }
  writeAnswer(res, answer.status, { ...headers, ...answer.headers }, bytes, truncate);
}

/**
 * The answer to a request: a fault's canned answer, or the real one. A handler that throws
 * is a simulator bug; it becomes a 500 naming the cause, so the test that hit it shows it.
 */
async function answerOf(
  action: ReturnType<Faults["pick"]>["action"],
  entry: LogEntry,
  real: () => Promise<RestResult> | RestResult,
): Promise<RestResult> {
  if (action && "status" in action)
    return { status: action.status, headers: action.headers, body: action.body };
  try {
    const answer = await real();
    // The write stands; only its answer is replaced.
    if (action && "appliedThenStatus" in action)
      return { status: action.appliedThenStatus, body: { message: "Bad Gateway" } };
    return answer;
  } catch (error) {
    const cause = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      status: 500,
      body: { message: `simulator error in ${entry.method} ${entry.path}: ${cause}` },
    };
  }
}

/** Starts the simulator's HTTP server on 127.0.0.1. */
export async function startServer(parts: ServerParts, port: number): Promise<RunningServer> {
  const { state, clock, log, faults, limiter } = parts;
  const router = new Router(routes);
  // Set by the test runner: REST exchanges are sampled for the conformance test.
  const recorder = recorderFromEnv();
  let api = "";
  let requests = 0;

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const time = clock.now();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", api);
    const { body, badJson } = parseJson(await readBody(req));
    const isGraphql = method === "POST" && url.pathname === "/graphql";
    const peek = isGraphql ? peekOperation(body) : { mutation: false };
    const caller = authenticate(state, req.headers.authorization);
    const token = "token" in caller ? caller.token : undefined;
    const requestId = `SIM:${(++requests).toString(16).toUpperCase().padStart(6, "0")}`;
    const entry: LogEntry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operation: peek.name,
      mutating: isGraphql ? peek.mutation : method !== "GET" && method !== "HEAD",
      status: 0,
      token: token?.login,
      time,
    };
    log.add(entry);
    const fault = faults.pick({ method, path: url.pathname, operation: peek.name });
    if (token) limiter.enter(token);
    try {
      // The answer is computed on arrival and held for the latency, so a request counts as in
      // flight (for the concurrency limit) for as long as its client waits.
      const delay = parts.latency() + fault.delayMs;
      const action = fault.action;
      if (action && "reset" in action) {
        if (delay > 0) await sleep(delay);
        req.socket.destroy();
        return;
      }
      const answer = await answerOf(action, entry, async () => {
        if (isGraphql) {
          const g = await answerGraphql(
            { body, badJson, caller, peek, requestId },
            { state, clock, limiter, anonymous },
          );
          entry.operation = g.operation;
          entry.mutating = g.mutating;
          return g;
        }
        return handleRest(
          {
            method,
            url,
            body,
            badJson,
            caller,
            requestId,
            ifNoneMatch: req.headers["if-none-match"],
          },
          { state, clock, limiter, router, api, anonymous },
        );
      });
      entry.status = answer.status;
      // A fault's canned answer is the test's, not the simulator's: only real answers are sampled.
      const match = recorder && !isGraphql && !action && router.match(method, url.pathname);
      if (match)
        recorder.record({
          method,
          pattern: match.route.pattern,
          path: url.pathname,
          params: match.params,
          query: Object.fromEntries(url.searchParams),
          requestBody: body,
          status: answer.status,
          body: answer.body,
        });
      if (delay > 0) await sleep(delay);
      if (action && "lostAnswer" in action) {
        req.socket.destroy();
        return;
      }
      send(res, answer, requestId, action !== undefined && "truncate" in action);
    } finally {
      if (token) limiter.leave(token);
    }
  }

  // Handlers' errors are answered in `answerOf`; what fails around them (reading the body,
  // writing the answer) still gets a 500 naming it while that can be sent.
  const server = await listenLoopback(
    onRequest,
    (res, error) =>
      send(res, { status: 500, body: { message: `simulator error: ${String(error)}` } }, "", false),
    port,
  );
  api = server.url;
  return server;
}
