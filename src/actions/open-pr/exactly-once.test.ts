import { afterEach, describe, expect, it } from "vitest";
import { startSim, type Sim } from "../../sim/index.ts";
import { fileBytes, type SimRepo } from "../../sim/state.ts";
import { WRITE_FAULTS } from "../../sim/write-faults.fixture.ts";
import { agentOf, propose, proposalWorld, workspaceWithCheckout } from "./proposal.fixture.ts";

// Every write open-pr makes for a new pull request, under every way an answer can go wrong:
// the run fails loud or succeeds honestly, and one rerun leaves the target exactly as a
// clean run leaves it: one branch with one commit, one pull request, no second anything.

let sim: Sim | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  while (cleanups.length) cleanups.pop()!();
});

/** What a run leaves on the target, without ids, times and the run line of the body. */
function proposalState(repo: SimRepo) {
  const main = repo.branches.get(repo.default_branch)!.sha;
  const branches = [...repo.branches].map(([name, b]) => {
    let ahead = 0;
    for (let at = b.sha; at !== main && ahead < 10; ahead++)
      at = repo.commitInfo.get(at)?.parents[0] ?? main;
    const files = [...b.files].map(([path, f]) => `${path}:${fileBytes(f).toString("hex")}`);
    return { name, ahead, files: files.sort() };
  });
  const pulls = repo.issues
    .filter((i) => i.is_pull_request)
    .map((i) => ({
      number: i.number,
      state: i.state,
      title: i.title,
      body: i.body?.replace(/\nLast updated by .*$/, ""),
      labels: i.labels,
      assignees: i.assignees,
      pull: { ...i.pull, head_sha: undefined },
      comments: i.comments.map((c) => c.body),
    }));
  return { branches, pulls };
}

async function run(fault?: (sim: Sim) => void) {
  const state = proposalWorld();
  sim = await startSim(state, { clock: "manual" });
  const agent = agentOf(state);
  const ws = workspaceWithCheckout(agent);
  cleanups.push(ws.cleanup);
  ws.write(".adl-version", "0.10.0\n");
  const inputs = { path: ws.path, assignees: "bo" };
  fault?.(sim);
  const first = await propose(sim, ws.workspace, inputs);
  sim.faults.clear();
  const rerun = await propose(sim, ws.workspace, inputs);
  const result = { first, rerun, state: proposalState(agent) };
  await sim.close();
  sim = undefined;
  return result;
}

const WRITES = [
  { what: "the branch and its commit", match: { method: "POST", operation: "OpenPrCommit" } },
  { what: "the pull request", match: { method: "POST", path: "/repos/acme/agent/pulls" } },
  {
    what: "its labels and assignees",
    match: { method: "PATCH", path: "/repos/acme/agent/issues/1" },
  },
  {
    what: "its reviewers",
    match: { method: "POST", path: "/repos/acme/agent/pulls/1/requested_reviewers" },
  },
];

describe("open-pr, exactly once", () => {
  const cases = WRITES.flatMap((w) => WRITE_FAULTS.map((f) => [w.what, f.what, w, f] as const));
  it.each(cases)("%s, %s: one rerun reaches a clean run's target", async (_w, _f, w, f) => {
    const clean = await run();
    expect(clean.first.errors).toEqual([]);
    expect(clean.state.pulls).toHaveLength(1);
    expect(clean.state.branches.find((b) => b.name === "fleet/bump-adl")?.ahead).toBe(1);

    const faulted = await run((s) =>
      s.faults.add({ match: w.match, then: f.then, times: f.times }),
    );
    // Loud or honest: a failed run says so; the rerun finishes the work.
    if (faulted.first.code !== 0) expect(faulted.first.errors.length).toBeGreaterThan(0);
    expect(faulted.rerun.code, faulted.rerun.errors.join("\n")).toBe(0);
    expect(faulted.state).toEqual(clean.state);
  });
});
