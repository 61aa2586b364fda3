import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { manualClock } from "./clock.ts";
import type { RequestCost } from "./pace-rules.ts";
import { defaultPaceSettings, HourSpentError, Pacer } from "./pacer.ts";

// A window is a minute and the 2 % margin.
const MINUTE = 61_200;
const read: RequestCost = { restPoints: 1, graphqlPoints: 0, content: 0 };
const del: RequestCost = { restPoints: 5, graphqlPoints: 0, content: 0 };
const comment: RequestCost = { restPoints: 5, graphqlPoints: 0, content: 1 };
const mutation = (aliases: number): RequestCost => ({
  restPoints: 0,
  graphqlPoints: 5,
  content: aliases,
});

/** Sends `costs` one after another through a pacer; returns when each was sent. */
async function send(costs: RequestCost[], share = 1) {
  const clock = manualClock(0);
  const pacer = new Pacer(clock, { ...defaultPaceSettings, share });
  const times: number[] = [];
  for (const cost of costs) {
    await pacer.acquire(cost);
    times.push(clock.now());
    pacer.release();
  }
  return { times, pacer };
}

describe("Pacer", () => {
  it("deletes at GitHub's REST ceiling: 180 in the first minute, then as the first expire", async () => {
    const { times } = await send(Array.from({ length: 200 }, () => del));
    expect(times.slice(0, 180).every((t) => t === 0)).toBe(true);
    expect(times[180]).toBe(MINUTE);
  });

  it("posts comments at 80 a minute, and refuses the 501st of the hour rather than wait", async () => {
    const { times, pacer } = await send(Array.from({ length: 500 }, () => comment));
    expect(times.filter((t) => t < MINUTE)).toHaveLength(80);
    expect(times.at(-1)).toBeLessThan(7 * MINUTE);
    await expect(pacer.acquire(comment)).rejects.toBeInstanceOf(HourSpentError);
    // Reads and deletes create nothing: they go on.
    await expect(pacer.acquire(del)).resolves.toBeUndefined();
  });

  it("gives each of N jobs 1/N of every ceiling", async () => {
    const { times } = await send(
      Array.from({ length: 50 }, () => del),
      4,
    );
    expect(times.filter((t) => t < MINUTE)).toHaveLength(45);
  });

  it("sends reads as fast as they come while the points last", async () => {
    const { times } = await send(Array.from({ length: 900 }, () => read));
    expect(new Set(times)).toEqual(new Set([0]));
  });

  it("sends a batch larger than a ceiling alone, once the window is empty", async () => {
    const { times } = await send([comment, mutation(50), comment], 2);
    expect(times).toEqual([0, MINUTE, 2 * MINUTE]);
  });

  it("holds a request past the concurrency share until one in flight answers", async () => {
    const pacer = new Pacer(manualClock(0), { ...defaultPaceSettings, share: 50 });
    await pacer.acquire(read);
    await pacer.acquire(read);
    let third = false;
    const waiting = pacer.acquire(read).then(() => (third = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBe(false);
    pacer.release();
    await waiting;
    expect(third).toBe(true);
  });

  it("never lets any minute hold more than a ceiling, whatever the mix", async () => {
    // Batches up to 20 aliases: 80 content a minute, shared by at most 4, holds 20.
    const costs = fc.array(fc.constantFrom(read, del, comment, mutation(1), mutation(20)), {
      minLength: 1,
      maxLength: 400,
    });
    await fc.assert(
      fc.asyncProperty(costs, fc.integer({ min: 1, max: 4 }), async (mix, share) => {
        const { times } = await send(mix, share);
        for (let i = 0; i < mix.length; i++) {
          const inMinute = mix.filter(
            (_, j) => times[j]! > times[i]! - MINUTE && times[j]! <= times[i]!,
          );
          const sum = (k: keyof RequestCost) => inMinute.reduce((n, c) => n + c[k], 0);
          expect(sum("restPoints")).toBeLessThanOrEqual(Math.floor(900 / share));
          expect(sum("content")).toBeLessThanOrEqual(Math.floor(80 / share));
          expect(sum("graphqlPoints")).toBeLessThanOrEqual(Math.floor(2000 / share));
        }
      }),
      { seed: 20261201, numRuns: 40 },
    );
  });
});
