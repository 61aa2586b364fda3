import fc from "fast-check";
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

  it("refuses the invisible marks that make a label read otherwise than it is", () => {
    for (const mark of ["\u202e", "\u202a", "\u2066", "\u2069", "\u200f", "\u061c"]) {
      expect(labelNameProblem(`stale${mark}elats`), JSON.stringify(mark)).toBe(
        "a label name cannot contain bidirectional control characters (such as U+202E)",
      );
    }
    expect(labelNameProblem("a\u0085b")).toBe("a label name cannot contain control characters");
  });

  it("gives every generated name either a pass or a reason, quickly", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: "binary" }), (name) => {
        const problem = labelNameProblem(name);
        if (problem === undefined) {
          expect([...name].length).toBeLessThanOrEqual(50);
          // eslint-disable-next-line no-control-regex -- control characters are what must be absent
          expect(name).not.toMatch(/[,\u0000-\u001f\u202a-\u202e]/);
        } else {
          expect(problem).toMatch(/^a label name /);
        }
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });
});
