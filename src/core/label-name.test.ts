import { describe, expect, it } from "vitest";
import { labelNameProblem } from "./label-name.ts";

describe("labelNameProblem", () => {
  it("accepts names GitHub accepts", () => {
    for (const name of [
      "stale",
      "needs: triage",
      "🐞 bug",
      "status/QA",
      "x".repeat(50),
      "123",
      "#1",
    ]) {
      expect(labelNameProblem(name), name).toBeUndefined();
    }
  });

  it("explains what GitHub would refuse", () => {
    expect(labelNameProblem("")).toBe("a label name cannot be empty");
    expect(labelNameProblem(" stale")).toBe("a label name cannot start or end with spaces");
    expect(labelNameProblem("x".repeat(51))).toBe(
      "a label name is at most 50 characters (found 51)",
    );
    expect(labelNameProblem("a,b")).toMatch(/cannot contain a comma/);
    expect(labelNameProblem("a\tb")).toBe("a label name cannot contain control characters");
    expect(labelNameProblem("😀 😃")).toBe("a label name needs more than emoji");
  });
});
