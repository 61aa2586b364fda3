import { manualClock } from "../../core/clock.ts";
import {
  addRepo,
  addToken,
  blobSha,
  commitFiles,
  createState,
  iso,
  startSim,
  type Sim,
  type SimRepo,
  type SimState,
} from "../../sim/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { runInMemory } from "../../../test/helpers/host.ts";
import { serializeState, type PackageState } from "./package-state.ts";
import { action } from "./smoke-issue-bot.ts";

/** The moment the smoke worlds describe. */
export const NOW = Date.parse("2026-06-01T12:00:00Z");

/** A repository `acme/smoke` (plus any extra) and an admin token, served by a simulator. */
export async function smokeWorld(o: { archived?: boolean } = {}): Promise<{
  sim: Sim;
  state: SimState;
  repo: SimRepo;
}> {
  const state = createState({ now: NOW, seed: 11 });
  const repo = addRepo(state, {
    owner: "acme",
    name: "smoke",
    archived: o.archived,
    created_at: iso(NOW - 400 * 86_400_000),
  });
  addToken(state, { token: "ghs_smoke_admin", login: "fleet-bot[bot]" });
  return { sim: await startSim(state), state, repo };
}

/** Puts state files on a branch of the simulated repository (creating the branch). */
export function seedStates(repo: SimRepo, states: PackageState[], branch = "fleet-smoke-state") {
  const base = repo.branches.get(branch) ?? repo.branches.get(repo.default_branch)!;
  const files = new Map(base.files);
  for (const s of states) {
    const content = serializeState(s);
    files.set(`smoke-state/${s.package}.json`, { content, sha: blobSha(content) });
  }
  if (!repo.branches.has(branch)) repo.branches.set(branch, { sha: base.sha, files: base.files });
  commitFiles(repo, repo.branches.get(branch)!, files, "seed");
}

/** A package's state file as the simulator holds it, parsed; undefined without one. */
export function storedState(repo: SimRepo, name: string): PackageState | undefined {
  const file = repo.branches.get("fleet-smoke-state")?.files.get(`smoke-state/${name}.json`);
  return file ? (JSON.parse(file.content) as PackageState) : undefined;
}

/** The URL of smoke run `id`. */
export const runUrl = (id: number) => `https://github.com/acme/smoke/actions/runs/${id}`;

/** One bot run through the shared glue, as a runner would do it, with what a user would check. */
export async function runBot(
  sim: Sim,
  inputs: Record<string, string>,
  o: { now?: number; token?: string; cwd?: string } = {},
) {
  const deps = testDeps({ clock: manualClock(o.now ?? NOW), cwd: o.cwd });
  const all: Record<string, string> = {
    repository: "acme/smoke",
    token: o.token ?? sim.token,
    "api-url": sim.url,
    ...inputs,
  };
  // One log for the action and its client, as a runner's job log has.
  const r = await runInMemory(action, all, deps, deps.log);
  const json = (name: string) => JSON.parse(r.outputs[name] ?? "null") as unknown;
  return {
    code: r.code,
    outputs: r.outputs,
    opened: json("opened") as (number | null)[],
    commented: json("commented") as number[],
    closed: json("closed") as number[],
    milestones: json("milestones") as number[],
    result: (json("result") as Record<string, unknown>[])[0],
    summary: r.summary,
    errors: r.errors,
    warnings: r.warnings,
    notices: r.notices,
  };
}
