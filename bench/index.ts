import { cleanupRunsBench } from "./cleanup-runs.ts";
import { dispatchBench } from "./dispatch.ts";
import { openPrBench } from "./open-pr.ts";
import { pacingBench } from "./pacing.ts";
import { pinPromoteBench } from "./pin-promote.ts";
import { resolveTargetsBench } from "./resolve-targets.ts";
import { roadmapBackfillBench } from "./roadmap-backfill.ts";
import type { Bench } from "./row.ts";
import { smokeIssueBotBench } from "./smoke-issue-bot.ts";
import { staleSweepBench } from "./stale-sweep.ts";

/** Every benchmark, in the order `npm run bench` runs them; each action's issue adds its own. */
export const benches: Bench[] = [
  resolveTargetsBench,
  staleSweepBench,
  cleanupRunsBench,
  roadmapBackfillBench,
  smokeIssueBotBench,
  pinPromoteBench,
  pacingBench,
  dispatchBench,
  openPrBench,
];
