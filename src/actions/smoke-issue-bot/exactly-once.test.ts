import { afterEach, describe, expect, it } from "vitest";
import { finalState } from "../../sim/final-state.fixture.ts";
import { WRITE_FAULTS } from "../../sim/write-faults.fixture.ts";
import type { Sim } from "../../sim/index.ts";
import { NOW, runBot, runUrl, smokeWorld, storedState } from "./smoke-world.fixture.ts";

// Every write of a package's life (opened at the threshold, commented while failing, closed
// on recovery), under every way its answer can go wrong: the run fails loud or succeeds
// honestly, and a clean rerun of the same smoke run leaves what clean runs leave.

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Smoke runs 1-3 fail, run 4 passes; run n happens n hours after NOW. */
const LIFE: Record<string, string>[] = [
  { alpha: "failure" },
  { alpha: "failure" },
  { alpha: "failure" },
  { alpha: "success" },
];
const record = (s: Sim, id: number) =>
  runBot(
    s,
    { mode: "record", outcomes: JSON.stringify(LIFE[id - 1]), "run-url": runUrl(id) },
    { now: NOW + id * 3_600_000 },
  );

const WRITES = [
  { what: "the issue's opening", run: 2, method: "POST", path: "/repos/acme/smoke/issues" },
  { what: "a state file", run: 3, method: "PUT", path: "/repos/acme/smoke/contents/**" },
  {
    what: "a further-failure comment",
    run: 3,
    method: "POST",
    path: "/repos/acme/smoke/issues/1/comments",
  },
  {
    what: "the recovery comment",
    run: 4,
    method: "POST",
    path: "/repos/acme/smoke/issues/1/comments",
  },
  { what: "the close", run: 4, method: "PATCH", path: "/repos/acme/smoke/issues/1" },
];

/** The package's life with each run made twice (a rerun), clean. */
async function cleanLife() {
  const w = await smokeWorld();
  try {
    for (let id = 1; id <= LIFE.length; id++) {
      await record(w.sim, id);
      await record(w.sim, id);
    }
    return finalState(w.state);
  } finally {
    await w.sim.close();
  }
}

describe("smoke-issue-bot, exactly once", () => {
  const cases = WRITES.flatMap((w) => WRITE_FAULTS.map((f) => [w.what, f.what, w, f] as const));
  it.each(cases)("%s, %s: a clean rerun reaches clean runs' state", async (_w, _f, w, f) => {
    const expected = await cleanLife();
    const world = await smokeWorld();
    sim = world.sim;
    for (let id = 1; id <= LIFE.length; id++) {
      if (id === w.run)
        sim.faults.add({ match: { method: w.method, path: w.path }, then: f.then, times: f.times });
      const first = await record(sim, id);
      // Loud or honest: a run that says it succeeded left a readable state behind.
      if (first.code === 0) expect(storedState(world.repo, "alpha")).toBeDefined();
      sim.faults.clear();
      await record(sim, id);
    }
    expect(finalState(world.state)).toEqual(expected);
  });

  it("a cut-short answer to the issue's creation never saves a state without its number", async () => {
    const world = await smokeWorld();
    sim = world.sim;
    await record(sim, 1);
    sim.faults.add({
      match: { method: "POST", path: "/repos/acme/smoke/issues" },
      then: { truncate: true },
      times: 1,
    });
    const second = await record(sim, 2);
    expect(second.code).toBe(0);
    expect(second.opened).toEqual([1]);
    expect(storedState(world.repo, "alpha")).toMatchObject({ issue: 1, opening: null });
    expect(world.repo.issues).toHaveLength(1);
  });

  it("two concurrent recovery reports post one recovery comment and close the issue", async () => {
    const world = await smokeWorld();
    sim = world.sim;
    for (let id = 1; id <= 3; id++) await record(sim, id);
    const at = NOW + 5 * 3_600_000;
    const pass = (id: number) =>
      runBot(
        sim!,
        {
          mode: "record",
          outcomes: JSON.stringify({ alpha: "success" }),
          "run-url": runUrl(id),
        },
        { now: at },
      );
    // The first state write lands and its answer is held: the other run meets the conflict,
    // reads the reset state and decides while the winner has not commented yet.
    sim.faults.add({ match: { method: "PUT" }, when: { nth: 1 }, then: { delayMs: 500 } });
    const runs = await Promise.all([pass(5), pass(6)]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const issue = world.repo.issues[0]!;
    expect(issue.state).toBe("closed");
    expect(issue.comments.filter((c) => c.body.includes("passes again"))).toHaveLength(1);
  });
});
