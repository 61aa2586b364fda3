import { describe, expect, it } from "vitest";
import { latencyOf } from "./latency.ts";

describe("latencyOf", () => {
  it("is zero without an option and constant when fixed", () => {
    expect(latencyOf(undefined, 1)()).toBe(0);
    const fixed = latencyOf({ fixedMs: 25 }, 1);
    expect([fixed(), fixed()]).toEqual([25, 25]);
  });

  it("draws within bounds, the same sequence for the same seed", () => {
    const draw = (seed: number) => {
      const next = latencyOf({ minMs: 10, maxMs: 30 }, seed);
      return Array.from({ length: 50 }, next);
    };
    const a = draw(3);
    expect(a.every((ms) => ms >= 10 && ms <= 30)).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(40);
    expect(draw(3)).toEqual(a);
    expect(draw(4)).not.toEqual(a);
  });

  it("rejects impossible bounds naming them", () => {
    expect(() => latencyOf({ minMs: 30, maxMs: 10 }, 1)).toThrow("found minMs 30 and maxMs 10");
    expect(() => latencyOf({ fixedMs: -1 }, 1)).toThrow("latency.fixedMs: found -1");
  });
});
