/**
 * The GitHub simulator: a stateful GitHub (REST and GraphQL) on loopback for tests, the
 * benchmarks and the demo. `startSim(state)` serves a state built with the functions of
 * state.ts (or a scenario) and hands back what tests inspect and steer: the state, the request
 * log, the clock, fault rules and the rate limiter.
 */
import { Faults } from "./faults.ts";
import { RequestLog } from "./log.ts";
import { servingParts, type ServeOptions } from "./loopback.ts";
import { RateLimiter, type LimitOptions } from "./rate-limit.ts";
import { startServer } from "./server.ts";
import type { SimClock, SimState } from "./state.ts";

export * from "./state.ts";
export type { SimClockOption } from "./clock.ts";
export type { FaultAction, FaultRule, FaultWhen } from "./faults.ts";
export type { LatencyOption } from "./latency.ts";
export type { LogEntry, LogFilter } from "./log.ts";
export type { LimitOptions, RateState, SecondaryLimits } from "./rate-limit.ts";
export { defaultSecondaryLimits } from "./rate-limit.ts";
export { Faults, RequestLog, RateLimiter };

/** How to run the simulator. */
export interface SimOptions extends ServeOptions {
  /** Primary limits are on by default, secondary limits off unless asked for. */
  limits?: LimitOptions;
}

/** A running simulator. */
export interface Sim {
  /** REST root, `http://127.0.0.1:PORT`; GraphQL at `${url}/graphql`. */
  url: string;
  /** `state.adminToken`: every permission on every repository. */
  token: string;
  state: SimState;
  log: RequestLog;
  clock: SimClock;
  faults: Faults;
  limiter: RateLimiter;
  close(): Promise<void>;
}

/** Serves `state` on 127.0.0.1 until `close()`. */
export async function startSim(state: SimState, options: SimOptions = {}): Promise<Sim> {
  const { clock, faults, latency } = servingParts(state, options);
  const log = new RequestLog();
  const limiter = new RateLimiter(clock, options.limits);
  const server = await startServer(
    { state, clock, log, faults, limiter, latency },
    options.port ?? 0,
  );
  return {
    url: server.url,
    token: state.adminToken,
    state,
    log,
    clock,
    faults,
    limiter,
    close: server.close,
  };
}
