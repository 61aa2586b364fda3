/** How often dispatched runs are read while waiting: GitHub's own UI polls about this often. */
const DEFAULT_POLL_INTERVAL_MS = 10_000;

/**
 * The polling interval; `FLEET_POLL_INTERVAL_MS` shortens it for test servers (the simulator),
 * as FLEET_RETRY_UNIT_MS shortens retries.
 */
export function pollIntervalMs(env: NodeJS.ProcessEnv): number {
  const raw = env.FLEET_POLL_INTERVAL_MS;
  if (raw === undefined || raw === "") return DEFAULT_POLL_INTERVAL_MS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(
      `FLEET_POLL_INTERVAL_MS: found '${raw}', allowed a whole number of milliseconds >= 1`,
    );
  return n;
}
