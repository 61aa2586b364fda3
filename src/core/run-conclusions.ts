/**
 * The conclusions GitHub reports for a completed workflow run: the one list the actions (input
 * validation) and the simulator (its run model, filters and scenario files) both take.
 */
export const RUN_CONCLUSIONS = [
  "action_required",
  "cancelled",
  "failure",
  "neutral",
  "skipped",
  "stale",
  "startup_failure",
  "success",
  "timed_out",
] as const;

/** One of GitHub's run conclusions. */
export type RunConclusion = (typeof RUN_CONCLUSIONS)[number];
