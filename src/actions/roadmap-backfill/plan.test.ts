import { describe, expect, it } from "vitest";
import { planRepository, type OpenIssue } from "./plan.ts";

const issue = (number: number, boards = 0): OpenIssue => ({
  id: `I_${number}`,
  number,
  title: `Issue ${number}`,
  url: `https://github.com/acme/api/issues/${number}`,
  boards,
});

describe("planRepository", () => {
  it("takes only issues on no board at all, oldest first", () => {
    const plan = planRepository([issue(9), issue(3, 1), issue(2), issue(5, 2)]);
    expect(plan.orphans.map((i) => i.number)).toEqual([2, 9]);
    expect(plan).toMatchObject({ listed: 4, tracked: 2 });
  });

  it("leaves an issue tracked on another board alone, however many boards", () => {
    expect(planRepository([issue(1, 1), issue(2, 7)]).orphans).toEqual([]);
  });

  it("plans nothing for a repository without open issues", () => {
    expect(planRepository([])).toEqual({ listed: 0, tracked: 0, orphans: [], repairs: [] });
  });

  it("finishes the items fleet added without a Status, and adds nothing for them", () => {
    const half = { id: "I_1", number: 1, title: "a", url: "u", boards: 1, statusless: "PVTI_1" };
    const plan = planRepository([half]);
    expect(plan).toMatchObject({ tracked: 1, orphans: [], repairs: [half] });
  });
});
