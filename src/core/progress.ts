import type { Clock } from "./clock.ts";
import type { Logger } from "./logger.ts";

/** How often, at most, long work says how far it has got. */
export const PROGRESS_EVERY_MS = 10_000;

/** A duration as a person reads it: "40 s", "3 min 5 s". */
function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const rest = s % 60;
  return `${Math.floor(s / 60)} min${rest > 0 ? ` ${rest} s` : ""}`;
}

/** What a progress line is about. */
export interface ProgressOptions {
  /** Names the work, e.g. the repository. */
  label: string;
  /** What the count counts, e.g. "changes done" or "changes checked". */
  counting: string;
  clock: Clock;
  log: Logger;
  everyMs?: number;
}

/**
 * A progress reporter for work that may be paced slowly (one write a second): given how many
 * of `total` are done, it logs "label: 12/60 changes done, about 48 s left" once `everyMs`
 * have passed since the start or the last line, so a long run is never silent and a short
 * one prints nothing extra. The time left assumes the pace so far.
 */
export function progressReporter(o: ProgressOptions): (done: number, total: number) => void {
  const every = o.everyMs ?? PROGRESS_EVERY_MS;
  const start = o.clock.now();
  let said = start;
  return (done, total) => {
    const now = o.clock.now();
    if (done >= total || done === 0 || now - said < every) return;
    said = now;
    const left = ((now - start) / done) * (total - done);
    o.log.info(`${o.label}: ${done}/${total} ${o.counting}, about ${duration(left)} left`);
  };
}
