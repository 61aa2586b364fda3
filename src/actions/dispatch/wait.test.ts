import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../core/clock.ts";
import { readInputs } from "../../core/inputs.ts";
import { iso } from "../../sim/state.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import { startGitea, type Gitea } from "../../sim/gitea/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./dispatch.ts";
import { dispatchWorld, dispatchedRuns, finishRun, TOKEN } from "./dispatch-world.fixture.ts";

/**
 * A clock whose sleeps pass instantly and play the runners' part: after the first poll
 * interval acme/app's run succeeds, after the second acme/web's fails, acme/api's never ends.
 */
function runnerClock(state: Sim["state"]): Clock & { slept: number[] } {
  let now = Date.parse("2026-06-01T00:00:00Z");
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      slept.push(ms);
      const [app] = dispatchedRuns(state, "acme/app").slice(-1);
      const [web] = dispatchedRuns(state, "acme/web").slice(-1);
      if (slept.length === 1 && app) finishRun(app, "success", iso(now));
      if (slept.length === 2 && web) finishRun(web, "failure", iso(now));
    },
  };
}

const inputs = {
  token: TOKEN,
  mode: "workflow",
  workflow: "cd.yml",
  repositories: "acme/app,acme/web,acme/api",
  "wait-timeout-seconds": "30",
  "dry-run": "false",
};

const runWith = async (apiUrl: string, state: Sim["state"], extra: Record<string, string> = {}) => {
  const clock = runnerClock(state);
  const all = { ...inputs, "api-url": apiUrl, ...extra };
  const result = await action.run(
    readInputs(action.schema, (n) => all[n as keyof typeof all] ?? "", {}),
    testDeps({ clock }),
  );
  return { result, clock };
};

describe("dispatch with wait-timeout-seconds", () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(dispatchWorld());
  });
  afterAll(() => sim.close());

  it("reports one success, one failure and one timeout on GitHub, polling every 10 s", async () => {
    const { result, clock } = await runWith(sim.url, sim.state);
    const id = (name: string) => dispatchedRuns(sim.state, name).at(-1)!.id;
    const url = (name: string) => `https://github.com/${name}/actions/runs/${id(name)}`;
    expect(result.repos.map((r) => [r.repository, r.status, r.counts?.run])).toEqual([
      ["acme/app", "ok", "success"],
      ["acme/web", "failed", "failure"],
      ["acme/api", "failed", "timed out"],
    ]);
    expect(result.repos[1]!.error).toBe(
      `run ${id("acme/web")} concluded failure (${url("acme/web")})`,
    );
    expect(result.repos[2]!.error).toBe(
      `run ${id("acme/api")} did not complete within wait-timeout-seconds (30 s): still queued (${url("acme/api")})`,
    );
    // Dispatched all three; the job still fails for the two.
    expect(result.outputs.dispatched).toEqual(["acme/app", "acme/web", "acme/api"]);
    expect(result.outputs.failed).toEqual(["acme/web", "acme/api"]);
    expect(clock.slept).toEqual([10_000, 10_000, 10_000]);
    expect(sim.log.count({ method: "GET", path: "/repos/*/*/actions/runs/*" })).toBe(3 + 2 + 1);
  });
});

describe("dispatch with wait-timeout-seconds on Gitea", () => {
  it.each([
    ["Gitea 1.24 (no run details): the run is found by listing", false],
    ["a newer Gitea: the dispatch returns the run", true],
  ])("%s", async (_, runDetails) => {
    const gitea: Gitea = await startGitea(dispatchWorld(), { runDetails });
    try {
      const { result } = await runWith(gitea.apiUrl, gitea.state, { forge: "gitea" });
      expect(result.repos.map((r) => [r.repository, r.status, r.counts?.run])).toEqual([
        ["acme/app", "ok", "success"],
        ["acme/web", "failed", "failure"],
        ["acme/api", "failed", "timed out"],
      ]);
      const run = dispatchedRuns(gitea.state, "acme/app").at(-1)!;
      expect(result.outputs.runs).toMatchObject({
        "acme/app": `${gitea.url}/acme/app/actions/runs/${run.run_number}`,
      });
      expect(gitea.log.count({ path: "/api/v1/repos/*/*/actions/runs" })).toBe(runDetails ? 0 : 3);
    } finally {
      await gitea.close();
    }
  });
});
