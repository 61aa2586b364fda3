/**
 * Seeded sampling for the scenario builder. Each repository draws from its own stream
 * (seed + name), so one repository's contents do not change when another is added.
 */
import { mulberry32, randomInt, type Random } from "../prng.ts";

/** Milliseconds in a day. */
export const DAY = 86_400_000;

/** A generator for `label` under `seed` (FNV-1a of both, then mulberry32). */
export function streamFor(seed: number, label: string): Random {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mulberry32(hash >>> 0);
}

/** A number in `[min, max]` (uniform). */
export function between(random: Random, [min, max]: readonly [number, number]): number {
  return min + random() * (max - min);
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick: empty list");
  return items[Math.floor(random() * items.length)] as T;
}

/** A copy of `items` in a seeded random order (Fisher–Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Exactly `round(share × items.length)` of `items`, chosen at random: shares are exact
 * proportions, so "3 % of 1,000" is 30 whatever the seed.
 */
export function chooseShare<T>(random: Random, items: readonly T[], share: number): Set<T> {
  return new Set(shuffled(random, items).slice(0, Math.round(share * items.length)));
}

/** A token-like secret (`ghs_` + 36 letters and digits) drawn from `random`. */
export function secret(random: Random, prefix = "ghs_"): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = prefix;
  for (let i = 0; i < 36; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** A whole number in `[floor(min), floor(max)]` (uniform). */
export function randomInRange(random: Random, [min, max]: readonly [number, number]): number {
  return randomInt(random, Math.floor(min), Math.floor(max));
}
