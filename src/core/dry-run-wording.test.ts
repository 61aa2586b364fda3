import { describe, expect, it } from "vitest";
import { dryRunWording } from "./dry-run-wording.ts";

describe("dryRunWording", () => {
  it("says what a real run would reach and leave, in core's words and an action's", () => {
    expect(dryRunWording().capReached!("max-deletes", 5, [1, 2, 3])).toBe(
      "would reach max-deletes (5); 3 would be left for the next run",
    );
    const issues = dryRunWording<number>({
      capReached: (input, cap, left) =>
        `reached ${input} (${cap}); ${left.length} issues left for the next run`,
    });
    expect(issues.capReached!("max-operations", 2, [7])).toBe(
      "would reach max-operations (2); 1 issues would be left for the next run",
    );
  });

  it("keeps the floor's and a stop's words: a dry run's reads really met them", () => {
    const stopped = (cause: string) => `${cause}; stopped`;
    expect(dryRunWording({ stopped }).stopped).toBe(stopped);
  });
});
