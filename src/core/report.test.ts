import { describe, expect, it } from "vitest";
import { renderSummary, resultJson, type RepoResult } from "./report.ts";

const repos: RepoResult[] = [
  {
    repository: "acme/a",
    status: "ok",
    planned: 3,
    done: 3,
    left: 0,
    counts: { marked: 2, closed: 1 },
    items: [{ text: "#4 marked", url: "https://github.com/acme/a/issues/4" }],
  },
  { repository: "acme/b", status: "failed", planned: 0, done: 0, left: 0, error: "404 Not Found" },
  {
    repository: "acme/c",
    status: "capped",
    planned: 9,
    done: 5,
    left: 4,
    warnings: ["reached max-operations (5); 4 left for the next run"],
  },
];

describe("report", () => {
  it("renders an overview table and a section per repository", () => {
    const md = renderSummary("Stale sweep", { outputs: {}, repos }, false);
    expect(md).toContain("## Stale sweep\n");
    expect(md).toContain("| repository | status | marked | closed | done | left |");
    expect(md).toContain("| [acme/a](https://github.com/acme/a) | ok | 2 | 1 | 3 | 0 |");
    expect(md).toContain("### acme/b\n\n- :x: 404 Not Found");
    expect(md).toContain("- [#4 marked](https://github.com/acme/a/issues/4)");
    expect(md).toContain("- :warning: reached max-operations (5); 4 left for the next run");
  });

  it("says when nothing was changed, and heads a dry run's columns with what would be done", () => {
    const md = renderSummary(
      "Stale sweep",
      { outputs: {}, repos, columns: { marked: "would mark", closed: "would close" } },
      true,
    );
    expect(md).toContain(
      "| repository | status | would mark | would close | would do | would leave |",
    );
  });

  it("heads the first column with what the rows are", () => {
    const md = renderSummary(
      "Pin promote",
      { outputs: {}, repos: [{ ...repos[0]!, repository: "prod" }], rowHeader: "environment" },
      false,
    );
    expect(md).toContain("| environment | status |");
    expect(md).toContain("| prod | ok |");
  });

  it("flattens counts and errors into the result output", () => {
    expect(resultJson(repos)[0]).toEqual({
      repository: "acme/a",
      status: "ok",
      planned: 3,
      done: 3,
      left: 0,
      marked: 2,
      closed: 1,
    });
    expect(resultJson(repos)[1]).toMatchObject({ status: "failed", error: "404 Not Found" });
  });
});
