import { afterEach, describe, expect, it } from "vitest";
import { finalState } from "../../sim/final-state.fixture.ts";
import { WRITE_FAULTS } from "../../sim/write-faults.fixture.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { runInMemory } from "../../../test/helpers/host.ts";
import { backfillFixture, NOW, TOKENS } from "./backfill.fixture.ts";
import { action } from "./roadmap-backfill.ts";

// The two writes of a batch (the additions, then their Status) under every way an answer can
// go wrong: the run fails loud or succeeds honestly, and one clean rerun leaves the board as a
// clean run leaves it, with no item left without a Status.

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const backfill = (target: Sim) =>
  runInMemory(
    action,
    {
      token: TOKENS.admin,
      "api-url": target.url,
      "dry-run": "false",
      repositories: "acme/api,acme/web,acme/attic",
      "project-number": "7",
    },
    testDeps({ clock: { now: () => NOW, sleep: async () => {} } }),
  );

async function cleanState() {
  const f = backfillFixture();
  const clean = await startSim(f.state, { clock: "manual" });
  try {
    await backfill(clean);
    return finalState(f.state);
  } finally {
    await clean.close();
  }
}

const WRITES = [
  { what: "the additions", operation: "AddToBoard" },
  { what: "their Status", operation: "SetStatus" },
];

describe("roadmap-backfill, exactly once", () => {
  const cases = WRITES.flatMap((w) => WRITE_FAULTS.map((f) => [w.what, f.what, w, f] as const));
  it.each(cases)("%s, %s: one clean rerun reaches a clean run's board", async (_w, _f, w, f) => {
    const expected = await cleanState();
    const world = backfillFixture();
    sim = await startSim(world.state, { clock: "manual" });
    sim.faults.add({ match: { operation: w.operation }, then: f.then, times: f.times });
    const faulted = await backfill(sim);
    if (faulted.code === 0) expect(finalState(world.state)).toEqual(expected);
    sim.faults.clear();
    await backfill(sim);
    expect(finalState(world.state)).toEqual(expected);
  });
});
