/**
 * The org the dispatch tests run against, on the GitHub simulator or the simulated Gitea
 * (same state model): repositories that accept a dispatch and ones that refuse it each way.
 */
import { buildScenario } from "../../sim/scenario/build.ts";
import type { SimRun, SimState } from "../../sim/state.ts";

/** The admin token (an App installation's): every permission on every repository. */
export const TOKEN = "ghs_dispatchWorldToken0123";
/** A personal access token with every permission. */
export const PAT = "ghp_dispatchWorldPat0123";
/** A token that may only read. */
export const READER = "ghs_dispatchWorldReader0123";

/**
 * acme/app: cd.yml with a `version` input; acme/web: the same on `trunk`; acme/api: cd.yml
 * without inputs; acme/lib: no cd.yml;
 * acme/docs: cd.yml without a workflow_dispatch trigger; acme/attic: archived; acme/legacy:
 * cd.yml disabled.
 */
export function dispatchWorld(now = Date.now()): SimState {
  const cd = (dispatch: boolean | Record<string, { required?: boolean }>) => ({
    file: "cd.yml",
    name: "CD",
    dispatch,
  });
  return buildScenario({
    seed: 9,
    now,
    admin: { login: "fleet-bot[bot]", token: TOKEN },
    tokens: [
      { login: "octo-dev", token: PAT, kind: "pat" },
      { login: "reader[bot]", token: READER, permissions: "read" },
    ],
    orgs: [
      {
        login: "acme",
        repos: [
          { name: "app", workflows: [cd({ version: {} })] },
          { name: "web", defaultBranch: "trunk", workflows: [cd({ version: {} })] },
          { name: "api", workflows: [cd(true)] },
          { name: "lib", workflows: [{ file: "ci.yml" }] },
          { name: "docs", workflows: [cd(false)] },
          { name: "attic", archived: true, workflows: [cd(true)] },
          { name: "legacy", workflows: [{ ...cd(true), state: "disabled_manually" }] },
        ],
      },
    ],
  });
}

/** The runs a dispatch queued in `owner/name`, oldest first. */
export function dispatchedRuns(state: SimState, fullName: string): SimRun[] {
  const repo = state.repos.get(fullName.toLowerCase());
  if (!repo) throw new Error(`no repository ${fullName} in the world`);
  return [...repo.runs.values()].filter((r) => r.event === "workflow_dispatch");
}

/** Ends a run as a runner would. */
export function finishRun(run: SimRun, conclusion: "success" | "failure", at: string): void {
  run.status = "completed";
  run.conclusion = conclusion;
  run.updated_at = at;
}
