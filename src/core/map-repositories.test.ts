import { describe, expect, it } from "vitest";
import { mapRepositories } from "./map-repositories.ts";
import { memoryLogger } from "./logger.ts";

describe("mapRepositories", () => {
  it("turns one repository's failure into its failed row and goes on with the others", async () => {
    const log = memoryLogger();
    const seen: string[] = [];
    const rows = await mapRepositories(
      ["acme/a", "acme/b", "acme/c"],
      log,
      async (repo) => {
        seen.push(repo.fullName);
        if (repo.repo === "b") {
          throw Object.assign(new Error("Not Found"), {
            status: 404,
            response: { headers: {}, data: { message: "Not Found" } },
          });
        }
        return { repository: repo.fullName, status: "ok", planned: 1, done: 1, left: 0 };
      },
      { concurrency: 2, dryRun: false },
    );
    expect(seen.sort()).toEqual(["acme/a", "acme/b", "acme/c"]);
    expect(rows.map((r) => r.status)).toEqual(["ok", "failed", "ok"]);
    expect(rows[1]!.error).toMatch(
      /^404 Not Found: .*; nothing further was done in this repository$/,
    );
    expect(log.lines.filter((l) => l.level === "info")).toHaveLength(3);
  });

  it("says in a dry run's progress lines what would be done", async () => {
    const log = memoryLogger();
    await mapRepositories(
      ["acme/a"],
      log,
      async (repo) => ({ repository: repo.fullName, status: "ok", planned: 14, done: 14, left: 0 }),
      { concurrency: 1, dryRun: true },
    );
    expect(log.lines[0]!.message).toMatch(
      /^\[1\/1\] acme\/a: ok, would do 14, would leave 0 \(\d+ ms\)$/,
    );
  });
});
