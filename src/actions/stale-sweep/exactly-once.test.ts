import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.ts";
import { readInputs } from "../../core/inputs.ts";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import { finalState } from "../../sim/final-state.fixture.ts";
import { WRITE_FAULTS } from "../../sim/write-faults.fixture.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import { getIssue, getRepo } from "../../sim/state.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./stale-sweep.ts";
import { sweepFixture } from "./sweep.fixture.ts";

// Every write the sweep makes, under every way its answer can go wrong; the run fails loud or
// succeeds honestly, and one clean rerun leaves exactly what a clean run leaves.

let sim: Sim;
afterEach(async () => {
  await sim?.close();
});

async function sweep(target: Sim) {
  const inputs = readInputs(
    action.schema,
    (name) => ({ repositories: "acme/api,acme/web,acme/old", "dry-run": "false" })[name] ?? "",
    { GITHUB_TOKEN: target.token, GITHUB_API_URL: target.url },
  );
  return action.run(inputs, testDeps({ clock: manualClock(target.clock.now()) }));
}

async function cleanState() {
  const clean = await startSim(sweepFixture(), { clock: "manual" });
  try {
    await sweep(clean);
    return finalState(clean.state);
  } finally {
    await clean.close();
  }
}

const WRITES = [
  { what: "the label's creation", method: "POST", path: "/repos/acme/web/labels" },
  { what: "a mark's label", method: "POST", path: "/repos/acme/api/issues/1/labels" },
  { what: "a stale comment", method: "POST", path: "/repos/acme/api/issues/9/comments" },
  { what: "a close comment", method: "POST", path: "/repos/acme/api/issues/5/comments" },
  { what: "a close", method: "PATCH", path: "/repos/acme/api/issues/5" },
  { what: "an un-stale", method: "DELETE", path: "/repos/acme/api/issues/6/labels/stale" },
];

describe("stale-sweep, exactly once", () => {
  const cases = WRITES.flatMap((w) => WRITE_FAULTS.map((f) => [w.what, f.what, w, f] as const));
  it.each(cases)("%s, %s: one clean rerun reaches a clean run's state", async (_w, _f, w, f) => {
    const expected = await cleanState();
    sim = await startSim(sweepFixture(), { clock: "manual" });
    sim.faults.add({ match: { method: w.method, path: w.path }, then: f.then, times: f.times });
    const faulted = await sweep(sim);
    // Loud or honest: a failed row says so; a row that says ok did all it planned.
    for (const row of faulted.repos) if (row.status === "ok") expect(row.error).toBeUndefined();
    sim.faults.clear();
    await sweep(sim);
    expect(finalState(sim.state)).toEqual(expected);
  });

  it("a label left without its stale comment gets it on the rerun, before any close, and the close waits for it", async () => {
    sim = await startSim(sweepFixture(), { clock: "manual" });
    sim.faults.add({
      match: { method: "POST", path: "/repos/acme/api/issues/1/comments" },
      then: { status: 502, body: { message: "Server Error" } },
    });
    const first = await sweep(sim);
    expect(first.repos.find((r) => r.repository === "acme/api")?.status).toBe("failed");
    const api1 = () => getIssue(getRepo(sim.state, "acme", "api")!, 1)!;
    expect(api1().labels).toEqual(["stale"]);
    expect(api1().comments.filter((c) => c.body.includes(markers.stale))).toHaveLength(0);

    sim.faults.clear();
    sim.clock.advance(8 * 86_400_000);
    const rerun = await sweep(sim);
    expect(api1().comments.filter((c) => c.body.includes(markers.stale))).toHaveLength(1);
    expect(api1().state).toBe("open");
    expect(rerun.outputs.marked).toContain("acme/api#1");
    expect(rerun.outputs.closed).not.toContain("acme/api#1");
  });

  it.each([
    ["the repository", "/repos/acme/api"],
    ["the stale-labelled issues", "/repos/acme/api/issues"],
    ["the labels", "/repos/acme/web/labels"],
  ])(
    "a read of %s cut short on every try fails the row, never skips it or reads it as empty",
    async (_what, path) => {
      sim = await startSim(sweepFixture(), { clock: "manual" });
      sim.faults.add({ match: { method: "GET", path }, then: { truncate: true } });
      const r = await sweep(sim);
      const row = r.repos.find((x) => path.startsWith(`/repos/${x.repository}`))!;
      expect(row.status).toBe("failed");
      expect(row.error).toMatch(/cut short|broke off/);
      const inRepo = `/repos/${row.repository}/`;
      expect(sim.log.mutations().filter((m) => m.path.startsWith(inRepo))).toEqual([]);
    },
  );
});
