import { startGitea, type Gitea } from "../../sim/gitea/index.ts";
import type { DemoStep } from "../step.ts";

/**
 * dispatch as trigger-cd runs it: start cd.yml on each agent repository's default branch
 * (the GitHub simulator answers with each run, linked in the summary).
 */
export const dispatchStep: DemoStep = {
  action: "dispatch",
  filter: "kind == 'agent'",
  inputs: ({ repositories }) => ({
    repositories,
    mode: "workflow",
    workflow: "cd.yml",
  }),
};

let gitea: Gitea | undefined;

/**
 * The same dispatch on Gitea: the demo org served as a Gitea (same state, `/api/v1`, token
 * auth), reached with forge gitea; Gitea 1.24 answers 204 without the run's id.
 */
export const dispatchGiteaStep: DemoStep = {
  action: "dispatch",
  variant: "gitea",
  filter: "kind == 'agent'",
  async prepare(sim) {
    // Its requests go to the simulator's log, so the demo counts them with the rest.
    gitea = await startGitea(sim.state, { log: sim.log });
  },
  async cleanup() {
    await gitea?.close();
    gitea = undefined;
  },
  inputs: ({ repositories }) => {
    if (!gitea) throw new Error("dispatch (Gitea) demo: prepare() did not start the Gitea");
    return {
      repositories,
      forge: "gitea",
      "api-url": gitea.apiUrl,
      mode: "workflow",
      workflow: "cd.yml",
    };
  },
};
