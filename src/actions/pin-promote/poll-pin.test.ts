import { describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.ts";
import { A, B, key, pin } from "./pin.fixture.ts";
import { pollPin } from "./poll-pin.ts";

describe("pollPin", () => {
  it("reads every interval until the pin matches", async () => {
    const clock = manualClock(0);
    const answers = [[pin(A)], [], [pin(B)]];
    const result = await pollPin({
      read: async () => answers.shift()!,
      key,
      digest: B,
      timeoutMs: 60_000,
      intervalMs: 5_000,
      clock,
    });
    expect(result).toEqual({ last: { kind: "match" }, reads: 3, waitedMs: 10_000 });
  });

  it("stops at the deadline with the last read, the last wait cut to fit", async () => {
    const clock = manualClock(0);
    let reads = 0;
    const result = await pollPin({
      read: async () => (reads++, [pin(A)]),
      first: [pin(A)],
      key,
      digest: B,
      timeoutMs: 12_000,
      intervalMs: 5_000,
      clock,
    });
    expect(result).toEqual({ last: { kind: "mismatch", actual: A }, reads: 4, waitedMs: 12_000 });
    expect(reads).toBe(3);
  });

  it("reads once with a zero timeout", async () => {
    const result = await pollPin({
      read: async () => [],
      key,
      digest: B,
      timeoutMs: 0,
      intervalMs: 5_000,
      clock: manualClock(0),
    });
    expect(result.reads).toBe(1);
  });

  it("lets a failed read through instead of reading it as no pin", async () => {
    await expect(
      pollPin({
        read: async () => {
          throw new Error("GET answered 500");
        },
        key,
        digest: B,
        timeoutMs: 10_000,
        intervalMs: 1_000,
        clock: manualClock(0),
      }),
    ).rejects.toThrow("GET answered 500");
  });
});
