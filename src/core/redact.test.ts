import { describe, expect, it } from "vitest";
import { redact } from "./redact.ts";
import { defaultPaceSettings } from "./pacer.ts";
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
      pace: null,
      retryAfterUnitMs: 10,
      retryBackoffUnitMs: 10,
    });
    expect(timingsFromEnv({ FLEET_PACE_SHARE: "4", FLEET_PACE_MINUTE_MS: "600" })).toEqual({
      pace: { ...defaultPaceSettings, share: 4, minuteMs: 600 },
    });
    expect(() => timingsFromEnv({ FLEET_PACE_SHARE: "0" })).toThrow(
      "FLEET_PACE_SHARE: found '0', allowed a whole number of jobs, 1 or more",
    );
    expect(() => timingsFromEnv({ FLEET_WRITE_INTERVAL_MS: "fast" })).toThrow(
      "FLEET_WRITE_INTERVAL_MS: found 'fast', allowed a whole number of milliseconds",
    );
  });
});
