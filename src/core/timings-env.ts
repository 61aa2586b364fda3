import type { ClientTimings } from "./client.ts";

/**
 * Pacing overrides from the environment. GitHub's pace (1 write a second) is the default;
 * `FLEET_WRITE_INTERVAL_MS` lowers it for servers without GitHub's secondary limits (the
 * simulator, Gitea, some GHES installs) and `FLEET_RETRY_UNIT_MS` shortens waits between retries.
 */
export function timingsFromEnv(env: NodeJS.ProcessEnv): Partial<ClientTimings> {
  const timings: Partial<ClientTimings> = {};
  const number = (name: string) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`${name}: found '${raw}', allowed a whole number of milliseconds`);
    return n;
  };
  const write = number("FLEET_WRITE_INTERVAL_MS");
  if (write !== undefined) timings.writeIntervalMs = write;
  const unit = number("FLEET_RETRY_UNIT_MS");
  if (unit !== undefined) {
    timings.retryAfterUnitMs = unit;
    timings.retryBackoffUnitMs = unit;
  }
  return timings;
}
