import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getIssue, type Sim } from "../src/sim/index.ts";
import { smokeWorld, storedState } from "../src/actions/smoke-issue-bot/smoke-world.fixture.ts";
import { expectTokenMasked, runBundle } from "./helpers/bundle.ts";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A folder of per-leg outcome files, as download-artifact with merge-multiple leaves it. */
function legs(outcomes: Record<string, string>[]): string {
  const dir = mkdtempSync(join(tmpdir(), "smoke-legs-"));
  mkdirSync(join(dir, "smoke-outcomes"));
  outcomes.forEach((o, i) =>
    writeFileSync(join(dir, "smoke-outcomes", `smoke-outcome-${i}.json`), JSON.stringify(o)),
  );
  return dir;
}

const env = (s: Sim, runId: number) => ({
  GITHUB_API_URL: s.url,
  GITHUB_TOKEN: s.token,
  GITHUB_REPOSITORY: "acme/smoke",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_RUN_ID: String(runId),
  FLEET_WRITE_INTERVAL_MS: "0",
  FLEET_RETRY_UNIT_MS: "5",
});

describe("actions/smoke-issue-bot/dist/index.cjs", () => {
  it("records the legs' outcomes as a runner would run it, and opens at the threshold", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    const inputs = { mode: "record", outcomes: "smoke-outcomes" };
    for (const runId of [501, 502]) {
      const cwd = legs([{ alpha: "failure", beta: "success" }, { gamma: "cancelled" }]);
      w.sim.log.clear();
      const run = await runBundle("smoke-issue-bot", inputs, { env: env(w.sim, runId), cwd });
      expect(run.code, run.stdout).toBe(0);
      if (runId === 502) {
        expect(JSON.parse(run.outputs.opened!)).toEqual([1]);
        expect(JSON.parse(run.outputs.result!)).toEqual([
          {
            repository: "acme/smoke",
            status: "ok",
            planned: 1,
            done: 1,
            left: 0,
            opened: 1,
            commented: 0,
            closed: 0,
            written: 1,
          },
        ]);
        expect(run.summary).toContain("alpha: failure, 2 in a row: opened #1");
        // The bundled client reaches GraphQL: every state file in one read, no contents GET.
        expect(w.sim.log.format()).toBe(
          [
            "POST /graphql query SmokeStateFolder -> 200 (fleet-bot[bot])",
            "GET /repos/acme/smoke/issues?state=open&labels=smoke-broken&sort=created&direction=asc&per_page=100 -> 200 (fleet-bot[bot])",
            "PUT /repos/acme/smoke/contents/smoke-state%2Falpha.json -> 200 (fleet-bot[bot])",
            "POST /repos/acme/smoke/issues -> 201 (fleet-bot[bot])",
            "PUT /repos/acme/smoke/contents/smoke-state%2Falpha.json -> 200 (fleet-bot[bot])",
          ].join("\n"),
        );
        expectTokenMasked(run, w.sim.token);
      }
    }
    const issue = getIssue(w.repo, 1)!;
    expect(issue.body).toContain("[run 502](https://github.com/acme/smoke/actions/runs/502)");
    expect(storedState(w.repo, "alpha")?.failures).toBe(2);
    expect(storedState(w.repo, "gamma")).toBeUndefined();
  });

  it("an unknown outcome fails before any request, naming the package and the file", async () => {
    const w = await smokeWorld();
    sim = w.sim;
    const cwd = legs([{ alpha: "success" }, { beta: "timed_out" }]);
    const run = await runBundle(
      "smoke-issue-bot",
      { mode: "record", outcomes: "smoke-outcomes" },
      { env: env(w.sim, 7), cwd },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::smoke-issue-bot: outcomes ${join("smoke-outcomes", "smoke-outcome-1.json")}: package 'beta': found "timed_out", allowed one of success, failure, cancelled, skipped`,
    );
    expect(w.sim.log.count()).toBe(0);
  });
});
