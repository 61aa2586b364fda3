import type { Clock } from "../../core/clock.ts";
import { judgeReadBack, type Pin, type PinKey, type ReadBack } from "./plan.ts";

/** How verification ended. */
export interface PollResult {
  last: ReadBack;
  /** Listings read, the one given as `first` included. */
  reads: number;
  waitedMs: number;
}

/**
 * Reads the pins until `key` reads as `digest` or `timeoutMs` has passed, every `intervalMs`
 * (control planes may apply a promotion asynchronously). A failed read is not retried here:
 * it throws (the request layer already retried what can be retried). `first`, when given, is
 * a listing already read that counts as the first read.
 */
export async function pollPin(options: {
  read(): Promise<Pin[]>;
  first?: Pin[];
  key: PinKey;
  digest: string;
  timeoutMs: number;
  intervalMs: number;
  clock: Clock;
}): Promise<PollResult> {
  const start = options.clock.now();
  let pins = options.first ?? (await options.read());
  let reads = 1;
  for (;;) {
    const last = judgeReadBack(pins, options.key, options.digest);
    const waitedMs = options.clock.now() - start;
    const left = options.timeoutMs - waitedMs;
    if (last.kind === "match" || left <= 0) return { last, reads, waitedMs };
    await options.clock.sleep(Math.min(options.intervalMs, left));
    pins = await options.read();
    reads += 1;
  }
}
