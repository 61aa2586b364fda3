import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { NOW, propose } from "../src/actions/open-pr/proposal.fixture.ts";
import { checkoutBranch } from "../src/sim/checkout.ts";
import { startSim, type Sim } from "../src/sim/index.ts";
import {
  addRepo,
  addToken,
  commitFiles,
  createState,
  makeFile,
  type SimState,
} from "../src/sim/state.ts";
import { timed } from "./measure.ts";
import { ratio, type Bench, type BenchRow } from "./row.ts";

/**
 * The requests a one-file change costs the alternatives per target, read from their sources.
 * A git fetch or push over smart HTTP is counted as its 2 requests (GET info/refs, then one
 * POST); the checkout every way shares is not counted.
 *
 * create-pull-request (its src/create-or-update-branch.ts and src/github-helper.ts, default
 * mode, labels and reviewers given): a fetch of the PR branch and one of the base (4), a push
 * (2), then pulls.create, issues.addLabels, pulls.requestReviewers (3): 9 for a new PR. Rerun
 * unchanged: the two fetches (4), no push, then pulls.create answered 422, pulls.list,
 * pulls.update, addLabels, requestReviewers (5): 9.
 *
 * The naive loop (`git push` then `gh pr create --label --reviewer`, or `gh pr edit` when
 * `gh pr list --head` finds one): a push (2), `gh pr list` (1 GraphQL), `gh pr create`
 * (repository lookup, create, then labels and reviewers: 4): 7 for a new PR; rerun: a push
 * with nothing to send (1), `gh pr list` (1), `gh pr edit` (lookup and update: 2): 4, and it
 * edits every time.
 */
export const ALTERNATIVES = {
  createPullRequest: { created: 9, unchanged: 9 },
  naiveGh: { created: 7, unchanged: 4 },
} as const;

/**
 * The fewest requests the work needs: one read; for a new PR the branch with its commit, the
 * PR, its labels, its reviewers; for a new diff the commit, the body naming the run, reviewers.
 */
const MINIMUM = { created: 5, unchanged: 1, updated: 4 } as const;

function world(targets: number): SimState {
  const state = createState({ now: NOW });
  addToken(state, { token: "ghs_benchOpenPrToken", login: "fleet-app[bot]", app: "fleet-app" });
  for (let i = 0; i < targets; i++) {
    const repo = addRepo(state, {
      owner: "acme",
      name: `agent-${i}`,
      created_at: "2026-05-01T00:00:00Z",
    });
    const main = repo.branches.get("main")!;
    commitFiles(repo, main, new Map([...main.files, [".adl-version", makeFile("0.9.3\n")]]), "pin");
  }
  return state;
}

async function proposeAll(sim: Sim, workspace: string, dirs: string[], runId: string) {
  const perTarget: number[] = [];
  for (const [i, dir] of dirs.entries()) {
    const before = sim.log.count();
    const run = await propose(
      sim,
      workspace,
      { repository: `acme/agent-${i}`, path: relative(workspace, dir) },
      { GITHUB_RUN_ID: runId },
    );
    if (run.code !== 0) throw new Error(`open-pr failed on agent-${i}: ${run.errors.join("; ")}`);
    perTarget.push(sim.log.count() - before);
  }
  return perTarget;
}

const max = (values: number[]) => Math.max(...values);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** open-pr over a fleet of targets: a new PR each, a rerun that changes nothing, a new diff. */
export const openPrBench: Bench = {
  name: "open-pr",
  async run({ quick, log }) {
    const targets = quick ? 10 : 50;
    const state = world(targets);
    const sim = await startSim(state, { clock: "manual" });
    const workspace = mkdtempSync(join(tmpdir(), "fleet-bench-open-pr-"));
    try {
      const dirs = [...state.repos.values()].map((repo) => checkoutBranch(repo, workspace));
      for (const dir of dirs) writeFileSync(join(dir, ".adl-version"), "0.10.0\n");
      const created = await timed(() => proposeAll(sim, workspace, dirs, "1"));
      const unchanged = await timed(() => proposeAll(sim, workspace, dirs, "2"));
      for (const dir of dirs) writeFileSync(join(dir, ".adl-version"), "0.11.0\n");
      const updated = await timed(() => proposeAll(sim, workspace, dirs, "3"));
      const row = (
        scenario: string,
        measured: { value: number[]; wallMs: number },
        minimum: number,
        alternatives: { createPullRequest?: number; naive?: number },
      ): BenchRow => ({
        action: "open-pr",
        scenario: `${scenario}, ${targets} targets, one-file change`,
        latencyMs: 0,
        requests: sum(measured.value),
        minimum: minimum * targets,
        ratio: ratio(sum(measured.value), minimum * targets),
        wallMs: measured.wallMs,
        mostPerTarget: max(measured.value),
        ...(alternatives.createPullRequest === undefined
          ? {}
          : { createPullRequestPerTarget: alternatives.createPullRequest }),
        ...(alternatives.naive === undefined
          ? {}
          : { naive: { requests: alternatives.naive * targets, wallMs: 0 } }),
      });
      const rows = [
        row("new pull request", created, MINIMUM.created, {
          createPullRequest: ALTERNATIVES.createPullRequest.created,
          naive: ALTERNATIVES.naiveGh.created,
        }),
        row("rerun, unchanged", unchanged, MINIMUM.unchanged, {
          createPullRequest: ALTERNATIVES.createPullRequest.unchanged,
          naive: ALTERNATIVES.naiveGh.unchanged,
        }),
        row("rerun, new diff", updated, MINIMUM.updated, {}),
      ];
      for (const r of rows)
        log(
          `open-pr ${r.scenario}: ${r.requests} requests (at most ${String(r.mostPerTarget)} per target; minimum ${r.minimum}, ratio ${r.ratio})${r.createPullRequestPerTarget === undefined ? "" : `; create-pull-request ${String(r.createPullRequestPerTarget)} per target, naive gh loop ${(r.naive?.requests ?? 0) / targets}`}`,
        );
      return rows;
    } finally {
      await sim.close();
      rmSync(workspace, { recursive: true, force: true });
    }
  },
};
