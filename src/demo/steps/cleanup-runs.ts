import type { DemoStep } from "../step.ts";

/**
 * cleanup-runs over every target: the bot workflow's skipped runs go, the newest 10 runs of
 * live workflows stay whatever they are, and the retired release pipeline's history goes.
 */
export const cleanupRunsStep: DemoStep = {
  action: "cleanup-runs",
  filter: "true",
  inputs: ({ repositories }) => ({
    repositories,
    conclusions: "skipped",
    "keep-last": "10",
    "older-than-days": "30",
  }),
};
