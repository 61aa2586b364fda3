import { describe, expect, it } from "vitest";
import { closest, editDistance } from "./closest.ts";

describe("editDistance", () => {
  it.each<[string, string, number]>([
    ["kind", "kind", 0],
    ["knd", "kind", 1],
    ["KIND", "kind", 0],
    ["kinds", "kind", 1],
    ["sdk", "adk", 1],
    ["abc", "xyz", 3],
    ["", "abc", 3],
  ])("%s -> %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe("closest", () => {
  const names = ["python-sdk", "typescript-sdk", "go-sdk", "docs", "cli"];

  it("suggests the nearest plausible names, best first", () => {
    expect(closest("pyton-sdk", names)).toEqual(["python-sdk"]);
    expect(closest("go-skd", names)).toEqual(["go-sdk"]);
    expect(closest("sdk", names)).toEqual(["go-sdk", "python-sdk", "typescript-sdk"]);
  });

  it("suggests nothing for an unrelated word", () => {
    expect(closest("visibility", ["name", "owner", "kind"])).toEqual([]);
  });

  it("respects the limit", () => {
    expect(closest("sdk", names, 1)).toEqual(["go-sdk"]);
  });
});
