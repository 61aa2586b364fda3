import type { ActionDeps } from "../../src/core/action.ts";
import { createClient, type ClientTimings } from "../../src/core/client.ts";
import { systemClock, type Clock } from "../../src/core/clock.ts";
import { memoryLogger } from "../../src/core/logger.ts";

/** Client timings for tests: no pacing, retries after a few milliseconds. */
export const fastTimings: Partial<ClientTimings> = {
  writeIntervalMs: 0,
  pace: null,
  searchIntervalMs: 0,
  retryAfterUnitMs: 5,
  retryBackoffUnitMs: 5,
};

/** Deps for calling an action's `run()` in a test, with a logger that keeps every line. */
export function testDeps(
  o: {
    clock?: Clock;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    timings?: Partial<ClientTimings>;
  } = {},
): ActionDeps & { log: ReturnType<typeof memoryLogger> } {
  const log = memoryLogger();
  return {
    log,
    clock: o.clock ?? systemClock,
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
    makeClient: (token, baseUrl, limits) =>
      createClient({ token, baseUrl, log, timings: { ...fastTimings, ...o.timings, ...limits } }),
  };
}
