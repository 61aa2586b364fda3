import { describe, expect, it } from "vitest";
import { Budget } from "./budget.ts";

describe("Budget", () => {
  it("knows nothing until a response reports, and then allows only above the floor", () => {
    const b = new Budget();
    expect(b.allows(100)).toBe(true);
    b.observe({
      "x-ratelimit-remaining": "101",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-reset": "1700000000",
    });
    expect(b.get()).toEqual({ remaining: 101, limit: 5000, reset: 1700000000 });
    expect(b.allows(100)).toBe(true);
    b.observe({ "x-ratelimit-remaining": "100" });
    expect(b.allows(100)).toBe(false);
  });

  it("keeps resources apart and ignores servers without headers (Gitea)", () => {
    const b = new Budget();
    b.observe({ "x-ratelimit-remaining": "3", "x-ratelimit-resource": "graphql" });
    b.observe({});
    b.observe(undefined);
    expect(b.get("core")).toBeUndefined();
    expect(b.allows(10, "graphql")).toBe(false);
    expect(b.allows(10, "core")).toBe(true);
  });
});
