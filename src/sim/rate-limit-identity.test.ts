import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit.ts";
import type { SimToken } from "./state.ts";

// GitHub counts secondary limits per identity: the installation tokens of one App (one per
// matrix job) share them. And it refuses in four shapes, all of which a client must handle.

const token = (name: string, app?: string): SimToken => ({
  token: name,
  login: `${app ?? name}[bot]`,
  kind: "app",
  permissions: {},
  repositories: "*",
  hourlyLimit: 5000,
  ...(app ? { app } : {}),
});
const clock = { now: () => 0, advance: () => {} };
const comment = { kind: "rest" as const, endpoint: "POST /c", write: true, content: true };

describe("RateLimiter per identity", () => {
  it("shares an App's content limit between its tokens", () => {
    const limiter = new RateLimiter(clock, { secondary: { contentPerMinute: 4 } });
    const [a, b] = [token("job-1", "fleet"), token("job-2", "fleet")];
    expect([a, b, a, b].map((t) => limiter.secondaryCheck(t, comment))).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(limiter.secondaryCheck(b, comment)).toBe(60);
  });

  it("keeps tokens of no App, or of two Apps, apart", () => {
    const limiter = new RateLimiter(clock, { secondary: { contentPerMinute: 1 } });
    expect(limiter.secondaryCheck(token("pat-1"), comment)).toBeNull();
    expect(limiter.secondaryCheck(token("pat-2"), comment)).toBeNull();
    expect(limiter.secondaryCheck(token("job-1", "one"), comment)).toBeNull();
    expect(limiter.secondaryCheck(token("job-2", "two"), comment)).toBeNull();
  });

  it("counts a compressed minute in the simulator's seconds", () => {
    const limiter = new RateLimiter(clock, { secondary: { contentPerMinute: 1, minuteMs: 600 } });
    limiter.secondaryCheck(token("t"), comment);
    expect(limiter.secondaryCheck(token("t"), comment)).toBe(60);
  });

  it("refuses in GitHub's four shapes in turn when asked to", () => {
    const limiter = new RateLimiter(clock, { secondary: { refusal: "mixed" } });
    expect([1, 2, 3, 4, 5].map(() => limiter.nextRefusal())).toEqual([
      "403 retry-after",
      "429 retry-after",
      "403",
      "429",
      "403 retry-after",
    ]);
  });
});
