import { describe, expect, it } from "vitest";
import { addProject, addProjectItem, addToken, createState, projectsOfIssue } from "./state.ts";

describe("board items", () => {
  const board = (state: ReturnType<typeof createState>, number: number) =>
    addProject(state, { owner: "acme", number, title: `Board ${number}`, statusOptions: ["Todo"] });

  it("puts content on a board once, answering later adds with the first item", () => {
    const state = createState({ now: 0 });
    const roadmap = board(state, 1);
    const first = addProjectItem(state, roadmap, "I_1", "2026-01-01T00:00:00Z");
    const again = addProjectItem(state, roadmap, "I_1", "2026-02-01T00:00:00Z");
    expect(again).toBe(first);
    expect(again.created_at).toBe("2026-01-01T00:00:00Z");
    expect(roadmap.items).toEqual([first]);
    expect(roadmap.itemByContent.get("I_1")).toBe(first);
  });

  it("keeps each board's index in step with its items, in the order added", () => {
    const state = createState({ now: 0 });
    const a = board(state, 1);
    const b = board(state, 2);
    // Enough items that a scan per add would be quadratic (10^8 comparisons).
    for (let i = 0; i < 10_000; i++) addProjectItem(state, a, `I_${i}`, "2026-01-01T00:00:00Z");
    addProjectItem(state, b, "I_5", "2026-01-01T00:00:00Z");
    expect(a.items).toHaveLength(10_000);
    expect(a.items[9_999]!.contentNodeId).toBe("I_9999");
    expect([...a.itemByContent.values()]).toEqual(a.items);
    expect(b.items.map((i) => i.contentNodeId)).toEqual(["I_5"]);
    expect(b.itemByContent.get("I_5")).not.toBe(a.itemByContent.get("I_5"));
  });

  it("lists the boards content is on, leaving out archived items", () => {
    const state = createState({ now: 0 });
    const a = board(state, 1);
    const b = board(state, 2);
    addProjectItem(state, a, "I_1", "2026-01-01T00:00:00Z");
    addProjectItem(state, b, "I_1", "2026-01-01T00:00:00Z").archived = true;
    expect(projectsOfIssue(state, "I_1")).toEqual([a]);
    expect(projectsOfIssue(state, "I_2")).toEqual([]);
  });
});

describe("token fixtures", () => {
  it("refuses a field given as undefined instead of spreading it over the default", () => {
    const state = createState({ now: 0 });
    expect(() => addToken(state, { token: "t", login: "bot", hourlyLimit: undefined })).toThrow(
      "token bot: hourlyLimit given as undefined; omit it instead",
    );
    expect(() => addToken(state, { token: "t", login: "bot", hourlyLimit: 0 })).toThrow(
      "hourlyLimit must be a positive integer",
    );
    expect(state.tokens.size).toBe(0);
    expect(addToken(state, { token: "t", login: "bot" }).hourlyLimit).toBe(5000);
  });
});
