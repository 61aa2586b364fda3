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
export async function pollPin(o: {
  read(): Promise<Pin[]>;
  first?: Pin[];
  key: PinKey;
  digest: string;
  timeoutMs: number;
  intervalMs: number;
  clock: Clock;
}): Promise<PollResult> {
  const start = o.clock.now();
  let pins = o.first ?? (await o.read());
  let reads = 1;
  for (;;) {
    const last = judgeReadBack(pins, o.key, o.digest);
    const waitedMs = o.clock.now() - start;
    const left = o.timeoutMs - waitedMs;
    if (last.kind === "match" || left <= 0) return { last, reads, waitedMs };
    await o.clock.sleep(Math.min(o.intervalMs, left));
    pins = await o.read();
    reads += 1;
  }
}
