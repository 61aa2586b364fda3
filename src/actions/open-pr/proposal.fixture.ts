import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { afterEach } from "vitest";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { manualClock } from "../../core/clock.ts";
import { checkoutBranch } from "../../sim/checkout.ts";
import {
  addRepo,
  addToken,
  commitFiles,
  createState,
  fileBytes,
  getRepo,
  makeFile,
  type SimRepo,
  type SimState,
} from "../../sim/state.ts";
import { startSim, type Sim, type SimOptions } from "../../sim/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { runInMemory } from "../../../test/helpers/host.ts";
import { action } from "./open-pr.ts";

export const NOW = Date.parse("2026-06-01T00:00:00Z");

/** The binary file the world holds: bytes that are not UTF-8. */
export const LOGO = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x01]);

/** acme/agent (an ADL pin, a script, docs and a binary) and acme/attic (archived). */
export function proposalWorld(): SimState {
  const state = createState({ now: NOW });
  addToken(state, { token: "ghs_openPrFixtureToken", login: "fleet-app[bot]", app: "fleet-app" });
  const at = new Date(NOW - 86_400_000).toISOString().replace(".000Z", "Z");
  const agent = addRepo(state, { owner: "acme", name: "agent", created_at: at });
  const main = agent.branches.get("main")!;
  const files = new Map(main.files);
  files.set(".adl-version", makeFile("0.9.3\n"));
  files.set("scripts/run.sh", makeFile("#!/bin/sh\necho run\n", "100755"));
  files.set("docs/old-name.md", makeFile("# Guide\n"));
  files.set("logo.png", makeFile(LOGO));
  commitFiles(agent, main, files, "Agent files");
  addRepo(state, { owner: "acme", name: "attic", archived: true, created_at: at });
  return state;
}

/** A workspace folder with a checkout of `repo`'s default branch in it. */
export function workspaceWithCheckout(repo: SimRepo) {
  const workspace = mkdtempSync(join(tmpdir(), "fleet-workspace-"));
  const dir = checkoutBranch(repo, workspace);
  return {
    workspace,
    dir,
    path: relative(workspace, dir),
    write: (path: string, content: string | Buffer) => writeFileSync(join(dir, path), content),
    cleanup: () => rmSync(workspace, { recursive: true, force: true }),
  };
}

/**
 * The simulators and checkouts of a test file's tests, each closed and removed after its test
 * (this registers the `afterEach`).
 */
export function proposalTests() {
  const sims: Sim[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return {
    /** Serves `state` (a new proposal world unless given) until the test ends. */
    async start(state = proposalWorld(), options: SimOptions = { clock: "manual" }) {
      const sim = await startSim(state, options);
      sims.push(sim);
      return { sim, agent: agentOf(state) };
    },
    /** A workspace with a checkout of `repo`, removed when the test ends. */
    checkout(repo: SimRepo) {
      const ws = workspaceWithCheckout(repo);
      cleanups.push(ws.cleanup);
      return ws;
    },
  };
}

export const agentOf = (state: SimState) => getRepo(state, "acme", "agent")!;

/** Runs open-pr in memory against the simulator, as a runner would. */
export function propose(
  sim: Sim,
  workspace: string,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
) {
  return runInMemory(
    action,
    {
      repository: "acme/agent",
      token: sim.token,
      "api-url": sim.url,
      "dry-run": "false",
      "change-id": "bump-adl",
      title: "chore(deps): bump adl",
      labels: "dependencies",
      reviewers: "ana",
      ...inputs,
    },
    testDeps({
      clock: manualClock(NOW),
      cwd: workspace,
      env: { GITHUB_RUN_ID: "77", GITHUB_REPOSITORY: "acme/control", ...env },
    }),
  );
}

/** What a run leaves on the target, without ids, times and the run line of the body. */
export function proposalState(repo: SimRepo) {
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
