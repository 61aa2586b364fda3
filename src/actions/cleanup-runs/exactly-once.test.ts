import { afterEach, describe, expect, it } from "vitest";
import { startSim, type Sim, type SimState } from "../../sim/index.ts";
import { WRITE_FAULTS } from "../../sim/write-faults.fixture.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { runInMemory } from "../../../test/helpers/host.ts";
import { action } from "./cleanup-runs.ts";
import { fixture, NOW } from "./runs.fixture.ts";

// cleanup-runs' deletes under every way an answer can go wrong: the run fails loud or succeeds
// honestly, and one clean rerun leaves exactly the runs a clean run leaves.

const sims: Sim[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function cleanup(sim: Sim) {
  const deps = testDeps({ clock: { now: () => NOW, sleep: async () => {} } });
  const inputs = {
    repositories: "acme/app",
    token: "admin-token",
    "api-url": sim.url,
    "dry-run": "false",
  };
  return runInMemory(action, inputs, deps);
}

async function started(state: SimState) {
  const sim = await startSim(state, { clock: "manual" });
  sims.push(sim);
  return sim;
}

/** What a run leaves: the runs of each repository, by id. */
const runs = (state: SimState) =>
  [...state.repos.values()].map((repo) => ({
    repo: `${repo.owner}/${repo.name}`,
    runs: [...repo.runs.keys()],
  }));

describe("cleanup-runs, exactly once", () => {
  it("deletes at least two runs in a clean run, the first alone", async () => {
    const clean = await started(fixture().state);
    await cleanup(clean);
    expect(clean.log.mutations().length).toBeGreaterThanOrEqual(2);
  });

  // The repository's first delete goes alone; the later ones several at a time.
  const cases = (["first", "last"] as const).flatMap((which) =>
    WRITE_FAULTS.map((f) => [which, f.what, f] as const),
  );
  it.each(cases)(
    "the %s delete, %s: loud or honest, and one rerun leaves a clean run's runs",
    async (which, _what, fault) => {
      const clean = await started(fixture().state);
      const cleanRun = await cleanup(clean);
      expect(cleanRun.code).toBe(0);
      const deletes = clean.log.mutations().map((m) => m.path);
      const path = which === "first" ? deletes[0]! : deletes[deletes.length - 1]!;

      const state = fixture().state;
      const sim = await started(state);
      sim.faults.add({
        match: { method: "DELETE", path },
        then: fault.then,
        ...(fault.times !== undefined ? { times: fault.times } : {}),
      });
      const faulted = await cleanup(sim);
      const row = JSON.parse(faulted.outputs.result!) as { status: string; error?: string }[];
      // Loud or honest: a run that ends 0 deleted every run it planned; one that failed says so.
      if (faulted.code === 0) {
        expect(row[0]!.status).toBe("ok");
        // A delete whose answer was lost and whose retry found the run gone counts as made.
        expect(faulted.outputs.deleted).toBe(cleanRun.outputs.deleted);
        expect(runs(state)).toEqual(runs(clean.state));
      } else expect(row[0]!.error).toBeTruthy();
      sim.faults.clear();
      const rerun = await cleanup(sim);
      expect(rerun.code).toBe(0);
      expect(runs(state)).toEqual(runs(clean.state));
    },
  );
});
