import type { ClientTimings } from "./client.ts";
import { defaultPaceSettings } from "./pacer.ts";

/**
 * Pacing overrides from the environment. The default paces every client to GitHub's
 * secondary limits (see Pacer):
 * - `FLEET_PACE_SHARE=N`: N jobs share the token's App (the reusable workflows pass their
 *   `max_parallel`), so this one takes 1/N of every ceiling;
 * - `FLEET_WRITE_INTERVAL_MS=0` turns pacing off, for servers without GitHub's secondary
 *   limits (the simulator, Gitea, some GHES installs); another value sends writes one at a
 *   time at least that far apart, on top of the pacing;
 * - `FLEET_PACE_MINUTE_MS` shortens the pacer's minute (benches compress time);
 * - `FLEET_RETRY_UNIT_MS` shortens waits between retries.
 */
export function timingsFromEnv(env: NodeJS.ProcessEnv): Partial<ClientTimings> {
  const timings: Partial<ClientTimings> = {};
  const number = (name: string, min: number, allowed: string) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`${name}: found '${raw}', allowed ${allowed}`);
    return n;
  };
  const ms = "a whole number of milliseconds";
  const write = number("FLEET_WRITE_INTERVAL_MS", 0, ms);
  const share = number("FLEET_PACE_SHARE", 1, "a whole number of jobs, 1 or more");
  const minute = number("FLEET_PACE_MINUTE_MS", 1, `${ms}, 1 or more`);
  if (write === 0) timings.pace = null;
  else {
    if (write !== undefined) timings.writeIntervalMs = write;
    if (share !== undefined || minute !== undefined)
      timings.pace = {
        ...defaultPaceSettings,
        ...(share !== undefined ? { share } : {}),
        ...(minute !== undefined ? { minuteMs: minute } : {}),
      };
  }
  const unit = number("FLEET_RETRY_UNIT_MS", 0, ms);
  if (unit !== undefined) {
    timings.retryAfterUnitMs = unit;
    timings.retryBackoffUnitMs = unit;
  }
  return timings;
}
