import { afterEach, describe, expect, it } from "vitest";
import { fixture as runsFixture } from "../src/actions/cleanup-runs/runs.fixture.ts";
import {
  agentOf,
  proposalState,
  proposalWorld,
  workspaceWithCheckout,
} from "../src/actions/open-pr/proposal.fixture.ts";
import { backfillFixture, TOKENS } from "../src/actions/roadmap-backfill/backfill.fixture.ts";
import { seedStates, smokeWorld } from "../src/actions/smoke-issue-bot/smoke-world.fixture.ts";
import { FIXTURE_TOKEN, sweepFixture } from "../src/actions/stale-sweep/sweep.fixture.ts";
import { finalState } from "../src/sim/final-state.fixture.ts";
import { startSim, type Sim, type SimState } from "../src/sim/index.ts";
import { runBundle } from "./helpers/bundle.ts";
import { killBundleAt } from "./helpers/kill-bundle.ts";

// The committed bundles, SIGKILLed between two writes (the first applied, its answer held by a
// delay), then run again: the reruns reach exactly what a clean run reaches.

const sims: Sim[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});
const start = async (state: SimState) => {
  const sim = await startSim(state);
  sims.push(sim);
  return sim;
};
const HOLD = { delayMs: 60_000 };
const fast = { FLEET_WRITE_INTERVAL_MS: "0", FLEET_RETRY_UNIT_MS: "5" };

/** Runs `name` clean on `fresh()`, then killed at `at` and rerun on another `fresh()`. */
async function killedThenRerun(
  name: string,
  inputs: Record<string, string>,
  env: (sim: Sim) => NodeJS.ProcessEnv,
  fresh: () => SimState,
  at: { method: string; path?: string; operation?: string },
) {
  const cleanState = fresh();
  const clean = await start(cleanState);
  expect((await runBundle(name, inputs, { env: env(clean) })).code).toBe(0);

  const state = fresh();
  const sim = await start(state);
  sim.faults.add({ match: at, then: HOLD, times: 1 });
  await killBundleAt(name, inputs, env(sim), sim, at);
  sim.faults.clear();
  const last = await runBundle(name, inputs, { env: env(sim) });
  return { clean: finalState(cleanState), killed: finalState(state), last };
}

describe("a bundle killed between two writes, then rerun", () => {
  it("stale-sweep: killed between a mark's label and its comment", async () => {
    const now = Date.now();
    const r = await killedThenRerun(
      "stale-sweep",
      { repositories: "acme/api,acme/web", token: FIXTURE_TOKEN, "dry-run": "false" },
      (sim) => ({ GITHUB_API_URL: sim.url, ...fast }),
      () => sweepFixture(now),
      { method: "POST", path: "/repos/acme/api/issues/1/labels" },
    );
    expect(r.last.code, r.last.stdout).toBe(0);
    expect(r.killed).toEqual(r.clean);
  });

  it("roadmap-backfill: killed after the additions, before their Status", async () => {
    const r = await killedThenRerun(
      "roadmap-backfill",
      {
        repositories: "acme/api,acme/web",
        token: TOKENS.admin,
        "project-number": "7",
        "dry-run": "false",
      },
      (sim) => ({ GITHUB_API_URL: sim.url, ...fast }),
      () => backfillFixture().state,
      { method: "POST", operation: "AddToBoard" },
    );
    expect(r.last.code, r.last.stdout).toBe(0);
    expect(r.killed).toEqual(r.clean);
  });

  it("smoke-issue-bot: killed between the state file and the tracking issue", async () => {
    const inputs = {
      mode: "record",
      repository: "acme/smoke",
      outcomes: JSON.stringify({ alpha: "failure" }),
      "run-url": "https://github.com/acme/smoke/actions/runs/2",
      threshold: "1",
    };
    const world = async () => {
      const w = await smokeWorld();
      sims.push(w.sim);
      // The state branch exists, so the first contents write is the state itself.
      seedStates(w.repo, []);
      return w;
    };
    const env = (sim: Sim) => ({ GITHUB_API_URL: sim.url, GITHUB_TOKEN: sim.token, ...fast });
    const clean = await world();
    expect((await runBundle("smoke-issue-bot", inputs, { env: env(clean.sim) })).code).toBe(0);
    const killed = await world();
    const at = { method: "PUT", path: "/repos/acme/smoke/contents/smoke-state%2Falpha.json" };
    killed.sim.faults.add({ match: at, then: HOLD, times: 1 });
    await killBundleAt("smoke-issue-bot", inputs, env(killed.sim), killed.sim, at);
    killed.sim.faults.clear();
    const rerun = await runBundle("smoke-issue-bot", inputs, { env: env(killed.sim) });
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(finalState(killed.state)).toEqual(finalState(clean.state));
  });

  it("cleanup-runs: killed between its first delete and the next", async () => {
    const inputs = { repositories: "acme/app", token: "admin-token", "dry-run": "false" };
    const env = (sim: Sim) => ({ GITHUB_API_URL: sim.url, ...fast });
    const remaining = (state: SimState) => [...state.repos.get("acme/app")!.runs.keys()];
    const cleanState = runsFixture().state;
    const clean = await start(cleanState);
    expect((await runBundle("cleanup-runs", inputs, { env: env(clean) })).code).toBe(0);
    const deletes = clean.log.mutations();
    expect(deletes.length).toBeGreaterThanOrEqual(2);

    const state = runsFixture().state;
    const sim = await start(state);
    const at = { method: "DELETE", path: deletes[0]!.path };
    sim.faults.add({ match: at, then: HOLD, times: 1 });
    await killBundleAt("cleanup-runs", inputs, env(sim), sim, at);
    expect(remaining(state).length).toBeGreaterThan(remaining(cleanState).length);
    sim.faults.clear();
    const rerun = await runBundle("cleanup-runs", inputs, { env: env(sim) });
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(remaining(state)).toEqual(remaining(cleanState));
  });

  it("open-pr: killed after the branch and its commit, before the pull request", async () => {
    const run = async (kill: boolean) => {
      const state = proposalWorld();
      const sim = await start(state);
      const ws = workspaceWithCheckout(agentOf(state));
      try {
        ws.write(".adl-version", "0.10.0\n");
        const inputs = {
          repository: "acme/agent",
          path: ws.path,
          "change-id": "bump-adl",
          title: "chore(deps): bump adl",
          labels: "dependencies",
          "dry-run": "false",
        };
        const env = {
          GITHUB_API_URL: sim.url,
          GITHUB_TOKEN: sim.token,
          GITHUB_WORKSPACE: ws.workspace,
          ...fast,
        };
        if (kill) {
          const at = { method: "POST", operation: "OpenPrCommit" };
          sim.faults.add({ match: at, then: HOLD, times: 1 });
          await killBundleAt("open-pr", inputs, env, sim, at);
          sim.faults.clear();
          // Killed between the two writes: the branch has fleet's commit, there is no PR.
          expect(proposalState(agentOf(state)).pulls).toEqual([]);
        }
        const last = await runBundle("open-pr", inputs, { env });
        expect(last.code, last.stdout).toBe(0);
        return proposalState(agentOf(state));
      } finally {
        ws.cleanup();
      }
    };
    expect(await run(true)).toEqual(await run(false));
  });
});
