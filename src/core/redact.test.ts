import { describe, expect, it } from "vitest";
import { redact } from "./redact.ts";
import { timingsFromEnv } from "./timings-env.ts";

describe("redact", () => {
  it("replaces every occurrence of each secret", () => {
    expect(redact("a ghs_abc1 b ghs_abc1 c", ["ghs_abc1"])).toBe("a *** b *** c");
  });
});

describe("timingsFromEnv", () => {
  it("reads pacing overrides and rejects nonsense naming the variable", () => {
    expect(timingsFromEnv({})).toEqual({});
    expect(timingsFromEnv({ FLEET_WRITE_INTERVAL_MS: "0", FLEET_RETRY_UNIT_MS: "10" })).toEqual({
      writeIntervalMs: 0,
      retryAfterUnitMs: 10,
      retryBackoffUnitMs: 10,
    });
    expect(() => timingsFromEnv({ FLEET_WRITE_INTERVAL_MS: "fast" })).toThrow(
      "FLEET_WRITE_INTERVAL_MS: found 'fast', allowed a whole number of milliseconds",
    );
  });
});
