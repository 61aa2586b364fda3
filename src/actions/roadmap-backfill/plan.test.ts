import { describe, expect, it } from "vitest";
import { inBatches, planRepository, type OpenIssue } from "./plan.ts";

const issue = (number: number, boards = 0): OpenIssue => ({
  id: `I_${number}`,
  number,
  title: `Issue ${number}`,
  url: `https://github.com/acme/api/issues/${number}`,
  boards,
});

describe("planRepository", () => {
  it("takes only issues on no board at all, oldest first", () => {
    const plan = planRepository([issue(9), issue(3, 1), issue(2), issue(5, 2)], 200);
    expect(plan.orphans.map((i) => i.number)).toEqual([2, 9]);
    expect(plan).toMatchObject({ listed: 4, tracked: 2 });
    expect(plan.kept).toEqual(plan.orphans);
    expect(plan.left).toEqual([]);
  });

  it("leaves an issue tracked on another board alone, however many boards", () => {
    expect(planRepository([issue(1, 1), issue(2, 7)], 10).orphans).toEqual([]);
  });

  it("keeps the oldest max-adds orphans and leaves the newest for the next run", () => {
    const plan = planRepository(
      [5, 1, 4, 2, 3].map((n) => issue(n)),
      3,
    );
    expect(plan.kept.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(plan.left.map((i) => i.number)).toEqual([4, 5]);
  });

  it("plans nothing for a repository without open issues", () => {
    expect(planRepository([], 5)).toEqual({
      listed: 0,
      tracked: 0,
      orphans: [],
      kept: [],
      left: [],
      repairs: [],
    });
  });

  it("finishes the items fleet added without a Status, and adds nothing for them", () => {
    const half = { id: "I_1", number: 1, title: "a", url: "u", boards: 1, statusless: "PVTI_1" };
    const plan = planRepository([half], 5);
    expect(plan).toMatchObject({ tracked: 1, orphans: [], repairs: [half] });
  });
});

describe("inBatches", () => {
  it("splits into consecutive batches, the last one short", () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([1, 2], 2)).toEqual([[1, 2]]);
    expect(inBatches([], 2)).toEqual([]);
  });
});
