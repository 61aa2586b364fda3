import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { githubSchema } from "../../sim/graphql/schema.ts";
import { addDocument } from "./add-items.ts";
import { ISSUES_QUERY } from "./list-issues.ts";
import { BOARD_QUERY } from "./resolve-board.ts";
import { statusDocument } from "./set-status.ts";

// Every document the action sends, checked against GitHub's public schema (the SDL GitHub
// publishes), so a misspelt field fails here rather than on the first real run.
describe("roadmap-backfill's GraphQL documents", () => {
  it.each([
    ["RoadmapBoard", BOARD_QUERY],
    ["OpenIssues", ISSUES_QUERY],
    ["AddToBoard", addDocument(3)],
    ["SetStatus", statusDocument(3)],
  ])("%s validates against GitHub's schema", async (_name, document) => {
    const errors = validate(await githubSchema(), parse(document));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
