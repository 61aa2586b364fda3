import { mulberry32 } from "./prng.ts";

/** Added to every request: a fixed delay, or a seeded-random one within bounds (real milliseconds). */
export type LatencyOption = { fixedMs: number } | { minMs: number; maxMs: number };

/** A function giving each request's delay; random delays repeat for the same seed. */
export function latencyOf(option: LatencyOption | undefined, seed: number): () => number {
  if (option === undefined) return () => 0;
  if ("fixedMs" in option) {
    if (!(option.fixedMs >= 0))
      throw new Error(`latency.fixedMs: found ${option.fixedMs}, allowed a number >= 0`);
    return () => option.fixedMs;
  }
  const { minMs, maxMs } = option;
  if (!(minMs >= 0 && maxMs >= minMs))
    throw new Error(
      `latency: found minMs ${minMs} and maxMs ${maxMs}, allowed 0 <= minMs <= maxMs`,
    );
  const random = mulberry32(seed ^ 0x1a7e);
  return () => minMs + random() * (maxMs - minMs);
}
