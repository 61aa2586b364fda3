import { describe, expect, it } from "vitest";
import type { FaultRule, Sim } from "../../sim/index.ts";
import { commitFiles, makeFile } from "../../sim/state.ts";
import { WRITE_FAULTS } from "../../sim/write-faults.fixture.ts";
import { propose, proposalState, proposalTests } from "./proposal.fixture.ts";

// Every write open-pr makes for a new pull request, under every way an answer can go wrong:
// the run fails loud or succeeds honestly, and one rerun leaves the target exactly as a
// clean run leaves it: one branch with one commit, one pull request, no second anything.

const { start, checkout } = proposalTests();

type Scenario = "open" | "update" | "close";

/**
 * The scenario's target, then the measured run (with `fault`) and one rerun. "open": a new
 * PR; "update": a new diff on fleet's PR; "close": the base got the change another way.
 */
async function run(scenario: Scenario, fault?: (sim: Sim) => void) {
  const { sim, agent } = await start();
  let ws = checkout(agent);
  ws.write(".adl-version", "0.10.0\n");
  const inputs = { assignees: "bo" };
  if (scenario !== "open") {
    expect((await propose(sim, ws.workspace, { ...inputs, path: ws.path })).code).toBe(0);
    if (scenario === "update") ws.write(".adl-version", "0.11.0\n");
    else {
      const main = agent.branches.get("main")!;
      const files = new Map([...main.files, [".adl-version", makeFile("0.10.0\n")]]);
      commitFiles(agent, main, files, "bumped by hand");
      ws = checkout(agent);
    }
  }
  // The update also turns the pull request into a draft: one more write to fault.
  const measured = { ...inputs, path: ws.path, draft: String(scenario === "update") };
  fault?.(sim);
  const first = await propose(sim, ws.workspace, measured);
  sim.faults.clear();
  const rerun = await propose(sim, ws.workspace, measured);
  return { first, rerun, state: proposalState(agent) };
}

const WRITES: { scenario: Scenario; what: string; match: FaultRule["match"] }[] = [
  { scenario: "open", what: "the branch and its commit", match: { operation: "OpenPrCommit" } },
  {
    scenario: "open",
    what: "the pull request",
    match: { method: "POST", path: "/repos/acme/agent/pulls" },
  },
  {
    scenario: "open",
    what: "its labels and assignees",
    match: { method: "PATCH", path: "/repos/acme/agent/issues/1" },
  },
  {
    scenario: "open",
    what: "its reviewers",
    match: { method: "POST", path: "/repos/acme/agent/pulls/1/requested_reviewers" },
  },
  { scenario: "update", what: "the draft state", match: { operation: "OpenPrDraft" } },
  {
    scenario: "update",
    what: "the branch reset and the new commit",
    match: { operation: "OpenPrCommit" },
  },
  {
    scenario: "update",
    what: "the body",
    match: { method: "PATCH", path: "/repos/acme/agent/pulls/1" },
  },
  {
    scenario: "update",
    what: "the reviewers asked again",
    match: { method: "POST", path: "/repos/acme/agent/pulls/1/requested_reviewers" },
  },
  {
    scenario: "close",
    what: "the closing comment",
    match: { method: "POST", path: "/repos/acme/agent/issues/1/comments" },
  },
  {
    scenario: "close",
    what: "the close",
    match: { method: "PATCH", path: "/repos/acme/agent/pulls/1" },
  },
  {
    scenario: "close",
    what: "the branch's deletion",
    match: { method: "DELETE", path: /\/git\/refs\// },
  },
];

describe("open-pr, exactly once", () => {
  const cases = WRITES.flatMap((w) =>
    WRITE_FAULTS.map((f) => [w.scenario, w.what, f.what, w, f] as const),
  );
  it.each(cases)("%s: %s, %s: one rerun reaches a clean run's target", async (_s, _w, _f, w, f) => {
    const clean = await run(w.scenario);
    expect(clean.first.errors).toEqual([]);
    expect(clean.state.pulls).toHaveLength(1);

    const faulted = await run(w.scenario, (s) =>
      s.faults.add({ match: w.match, then: f.then, times: f.times }),
    );
    // Loud or honest: a failed run says so; the rerun finishes the work.
    if (faulted.first.code !== 0) expect(faulted.first.errors.length).toBeGreaterThan(0);
    expect(faulted.rerun.code, faulted.rerun.errors.join("\n")).toBe(0);
    expect(faulted.state).toEqual(clean.state);
  });

  it("a clean run of each scenario leaves one commit ahead, or no branch once closed", async () => {
    for (const [scenario, ahead] of [
      ["open", 1],
      ["update", 1],
      ["close", undefined],
    ] as const) {
      const clean = await run(scenario);
      expect(clean.state.branches.find((b) => b.name === "fleet/bump-adl")?.ahead).toBe(ahead);
    }
  });
});
