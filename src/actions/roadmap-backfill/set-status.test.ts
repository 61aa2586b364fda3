import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { Board } from "./board-check.ts";
import { readStatusAnswer, statusDocument, statusVariables } from "./set-status.ts";

const board: Board = {
  id: "PVT",
  owner: "acme",
  number: 7,
  title: "Roadmap",
  url: "https://github.com/orgs/acme/projects/7",
  field: { id: "F", name: "Status" },
  option: { id: "o1", name: "Todo" },
  writable: true,
};

describe("statusDocument", () => {
  it("sets one option on each item with aliased updates in one named mutation", () => {
    expect(() => parse(statusDocument(3))).not.toThrow();
    expect(statusDocument(1)).toMatch(/^mutation SetStatus\(/);
    expect(statusDocument(2)).toContain(
      "s1: updateProjectV2ItemFieldValue(input: {projectId: $project, itemId: $i1, fieldId: $field, value: {singleSelectOptionId: $option}})",
    );
    expect(statusVariables(["X0", "X1"], board)).toEqual({
      project: "PVT",
      field: "F",
      option: "o1",
      i0: "X0",
      i1: "X1",
    });
  });
});

describe("readStatusAnswer", () => {
  it("names each update that failed, by position", () => {
    expect(
      readStatusAnswer(3, {
        data: {
          s0: { projectV2Item: { id: "X0" } },
          s1: null,
          s2: { projectV2Item: { id: "X2" } },
        },
        errors: [{ path: ["s1"], message: "Could not resolve to a node" }],
      }),
    ).toEqual([undefined, "Could not resolve to a node", undefined]);
    expect(readStatusAnswer(2, { data: null, errors: [{ message: "boom" }] })).toEqual([
      "boom",
      "boom",
    ]);
  });
});
