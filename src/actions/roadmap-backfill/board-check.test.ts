import { describe, expect, it } from "vitest";
import { checkBoard, type BoardInfo } from "./board-check.ts";

const board = (o: Partial<BoardInfo> = {}): BoardInfo => ({
  id: "PVT_7",
  number: 7,
  title: "Roadmap",
  url: "https://github.com/orgs/acme/projects/7",
  closed: false,
  viewerCanUpdate: true,
  fields: [
    { id: "F_title", name: "Title", dataType: "TITLE" },
    {
      id: "F_status",
      name: "Status",
      dataType: "SINGLE_SELECT",
      options: [
        { id: "o1", name: "Todo" },
        { id: "o2", name: "In progress" },
        { id: "o3", name: "Done" },
      ],
    },
    { id: "F_prio", name: "Priority", dataType: "SINGLE_SELECT", options: [] },
  ],
  ...o,
});

const wanted = { owner: "acme", number: 7, statusField: "Status", statusValue: "Todo" };

describe("checkBoard", () => {
  it("finds the field and option ids", () => {
    expect(checkBoard(board(), wanted)).toEqual({
      board: {
        id: "PVT_7",
        owner: "acme",
        number: 7,
        title: "Roadmap",
        url: "https://github.com/orgs/acme/projects/7",
        field: { id: "F_status", name: "Status" },
        option: { id: "o1", name: "Todo" },
        writable: true,
      },
    });
  });

  it("names a missing field and the single-select fields the board has", () => {
    expect(checkBoard(board(), { ...wanted, statusField: "Stauts" })).toEqual({
      problem:
        "status-field 'Stauts': board #7 'Roadmap' of acme (https://github.com/orgs/acme/projects/7) has no field of that name (did you mean 'Status'?); its single-select fields are 'Status', 'Priority'",
    });
  });

  it("says so when the board has no single-select field at all", () => {
    const bare = board({ fields: [{ id: "F_title", name: "Title", dataType: "TITLE" }] });
    expect(checkBoard(bare, wanted)).toEqual({
      problem:
        "status-field 'Status': board #7 'Roadmap' of acme (https://github.com/orgs/acme/projects/7) has no field of that name; it has no single-select field: add one (for example 'Status') to the board",
    });
  });

  it("refuses a field that is not single-select", () => {
    expect(checkBoard(board(), { ...wanted, statusField: "Title" })).toEqual({
      problem:
        "status-field 'Title': on board #7 'Roadmap' of acme (https://github.com/orgs/acme/projects/7) it is a TITLE field, allowed a single-select field such as 'Status', 'Priority'",
    });
  });

  it("names a missing option and the options there are", () => {
    expect(checkBoard(board(), { ...wanted, statusValue: "todo" })).toEqual({
      problem:
        "status-value 'todo': the field 'Status' of board #7 'Roadmap' of acme (https://github.com/orgs/acme/projects/7) has no such option (did you mean 'Todo'?); its options are 'Todo', 'In progress', 'Done'",
    });
    expect(checkBoard(board(), { ...wanted, statusField: "Priority" })).toMatchObject({
      problem: expect.stringMatching(/field 'Priority' .* has no such option; it has no options$/),
    });
  });

  it("refuses a closed board", () => {
    expect(checkBoard(board({ closed: true }), wanted)).toEqual({
      problem:
        "project-number 7: board #7 'Roadmap' of acme (https://github.com/orgs/acme/projects/7) is closed; reopen it or choose an open board",
    });
  });

  it("reports whether the token may write, trimming the names given", () => {
    const r = checkBoard(board({ viewerCanUpdate: false }), {
      ...wanted,
      statusField: " Status ",
      statusValue: "Done ",
    });
    expect(r).toMatchObject({ board: { writable: false, option: { id: "o3" } } });
  });
});
