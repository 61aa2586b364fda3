import type { IncomingMessage, ServerResponse } from "node:http";
import { createSimClock, type SimClockOption } from "../clock.ts";
import { Faults } from "../faults.ts";
import { RequestLog } from "../log.ts";
import { listenLoopback, readBody, sleep, writeAnswer } from "../loopback.ts";
import type { SimClock } from "../state.ts";
import { authenticate, defaultPaths, route, type ControlPlanePaths } from "./routes.ts";
import {
  createControlPlaneState,
  type ControlPlaneEnvironmentSpec,
  type ControlPlaneState,
} from "./state.ts";

export type { ControlPlaneEnvironmentSpec, ControlPlaneState, PinRow } from "./state.ts";
export { defaultPaths, type ControlPlanePaths } from "./routes.ts";

export interface ControlPlaneOptions {
  environments: ControlPlaneEnvironmentSpec[];
  /** Default 0 (random); the host is always 127.0.0.1. */
  port?: number;
  /**
   * Default "real". A SimClock object is used as is, so a test can share one manual clock
   * between the action's sleeps and the propagation delay.
   */
  clock?: SimClockOption | SimClock;
  /** Seed of the fault rules' probabilities (default 1). */
  seed?: number;
  /** Endpoint paths under each environment (default: the contract's). */
  paths?: Partial<ControlPlanePaths>;
  /**
   * Added to every answer, for benchmarks: waited in real time, or with `advanceClock` added
   * to the clock instead, so minutes of polling at a stated latency run in milliseconds.
   */
  latency?: { ms: number; advanceClock?: boolean };
}

/** A running control plane. */
export interface ControlPlane {
  /** `http://127.0.0.1:PORT`; an environment's API root is `apiUrl(name)`. */
  url: string;
  apiUrl(environment: string): string;
  state: ControlPlaneState;
  log: RequestLog;
  faults: Faults;
  clock: SimClock;
  close(): Promise<void>;
}

/** Writes a JSON answer; `truncate` cuts it short (see writeAnswer). */
function send(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
  truncate = false,
): void {
  const text =
    payload === undefined ? "" : typeof payload === "string" ? payload : JSON.stringify(payload);
  const bytes = Buffer.from(text);
  const head = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(bytes.length),
    ...headers,
  };
  writeAnswer(res, status, head, bytes, truncate);
}

/**
 * Starts the reference control-plane pin API on loopback: per environment, `GET {pins}` and
 * `POST {promote}` with bearer auth, a propagation delay, and the simulator's fault rules and
 * request log.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const clock =
    typeof options.clock === "object" && "advance" in options.clock
      ? options.clock
      : createSimClock(options.clock ?? "real", Date.now());
  const state = createControlPlaneState(options.environments, clock.now());
  const paths = { ...defaultPaths, ...options.paths };
  const log = new RequestLog();
  const faults = new Faults(options.seed ?? 1);
  const loginOf = (path: string, authorization: string | undefined) =>
    authenticate(state, path, authorization).token?.login;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const body = await readBody(req);
    const time = clock.now();
    const entry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      mutating: method !== "GET" && method !== "HEAD",
      time,
    };
    if (options.latency?.advanceClock) clock.advance(options.latency.ms);
    else if (options.latency) await sleep(options.latency.ms);
    const fault = faults.pick({ method, path: url.pathname });
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    const action = fault.action;
    // A reset or a replaced answer stands for a failure in front of the application (a proxy,
    // a crash): the request has no effect. A lost answer, a 5xx after the fact and a truncated
    // body follow the application's real work.
    if (action && "reset" in action) {
      log.add({ ...entry, status: 0, token: loginOf(url.pathname, req.headers.authorization) });
      req.socket.destroy();
      return;
    }
    if (action && "status" in action) {
      log.add({
        ...entry,
        status: action.status,
        token: loginOf(url.pathname, req.headers.authorization),
      });
      send(res, action.status, action.body, action.headers);
      return;
    }
    const answer = route(
      state,
      paths,
      { method, path: url.pathname, authorization: req.headers.authorization, body },
      clock.now(),
    );
    // The application acted; what reaches the client is lost, replaced by a 5xx, or cut short.
    if (action && "lostAnswer" in action) {
      log.add({ ...entry, status: 0, token: answer.login });
      req.socket.destroy();
      return;
    }
    if (action && "appliedThenStatus" in action) {
      log.add({ ...entry, status: action.appliedThenStatus, token: answer.login });
      send(res, action.appliedThenStatus, { error: "Bad Gateway" });
      return;
    }
    log.add({ ...entry, status: answer.status, token: answer.login });
    send(res, answer.status, answer.body, {}, action !== undefined && "truncate" in action);
  };

  const server = await listenLoopback(
    handle,
    (res, error) => send(res, 500, { error: `simulator: ${(error as Error).message}` }),
    options.port ?? 0,
  );
  const url = server.url;
  return {
    url,
    apiUrl: (environment) => {
      if (!state.environments.has(environment))
        throw new Error(`control plane: no environment '${environment}'`);
      return `${url}/${environment}`;
    },
    state,
    log,
    faults,
    clock,
    close: server.close,
  };
}
