import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { addDocument, addVariables, readAddAnswer } from "./add-items.ts";
import type { OpenIssue } from "./plan.ts";

const issue = (number: number): OpenIssue => ({
  id: `I_${number}`,
  number,
  title: `Issue ${number}`,
  url: `https://github.com/acme/api/issues/${number}`,
  boards: 0,
});
const batch = [issue(1), issue(2), issue(3)];
const item = (id: string, status: string | null = null) => ({
  item: { id, fieldValueByName: status ? { __typename: status } : null },
});

describe("addDocument", () => {
  it("aliases one addition per issue in one named mutation", () => {
    const doc = parse(addDocument(3));
    const op = doc.definitions[0] as { name: { value: string }; operation: string };
    expect(op).toMatchObject({ operation: "mutation", name: { value: "AddToBoard" } });
    expect(addDocument(2)).toContain(
      "a1: addProjectV2ItemById(input: {projectId: $project, contentId: $c1})",
    );
    expect(addVariables(batch, { id: "PVT", field: { name: "Status" } })).toEqual({
      project: "PVT",
      field: "Status",
      c0: "I_1",
      c1: "I_2",
      c2: "I_3",
    });
  });
});

describe("readAddAnswer", () => {
  it("counts a fresh item (no Status value yet) as added", () => {
    const r = readAddAnswer(batch, {
      data: { a0: item("X0"), a1: item("X1"), a2: item("X2") },
      errors: [],
    });
    expect(r.map((o) => o.kind)).toEqual(["added", "added", "added"]);
    expect(r[1]).toMatchObject({ kind: "added", itemId: "X1", issue: { number: 2 } });
  });

  it("counts 'Content already exists' and an item that already has a Status as raced", () => {
    const r = readAddAnswer(batch, {
      data: { a0: item("X0"), a1: null, a2: item("X2", "ProjectV2ItemFieldSingleSelectValue") },
      errors: [
        { type: "UNPROCESSABLE", path: ["a1"], message: "Content already exists in this project" },
      ],
    });
    expect(r.map((o) => o.kind)).toEqual(["added", "raced", "raced"]);
  });

  it("fails only the additions GitHub refused, with its message", () => {
    const r = readAddAnswer(batch, {
      data: { a0: item("X0"), a1: null, a2: item("X2") },
      errors: [
        { type: "FORBIDDEN", path: ["a1"], message: "Repository was archived so is read-only." },
      ],
    });
    expect(r.map((o) => o.kind)).toEqual(["added", "failed", "added"]);
    expect(r[1]).toEqual({
      issue: batch[1],
      kind: "failed",
      error: "adding #2 to the board: Repository was archived so is read-only.",
    });
  });

  it("fails every addition when the whole request was refused", () => {
    const r = readAddAnswer(batch, { data: null, errors: [{ message: "Parse error" }] });
    expect(r.map((o) => o.kind)).toEqual(["failed", "failed", "failed"]);
    expect(r[0]).toMatchObject({ error: "adding #1 to the board: Parse error" });
  });
});
