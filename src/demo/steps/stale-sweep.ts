import type { DemoStep } from "../step.ts";

/**
 * stale-sweep over every target that is not `kind: none` (the reusable workflow's default
 * filter), with the action's defaults: issues idle 30 days are marked, those marked a week
 * ago with no activity since are closed, those someone commented on since are un-staled.
 */
export const staleSweepStep: DemoStep = {
  action: "stale-sweep",
  filter: "kind != 'none'",
  inputs: ({ repositories }) => ({ repositories }),
};
