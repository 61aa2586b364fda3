import { cleanupRunsBench } from "./cleanup-runs.ts";
import { pinPromoteBench } from "./pin-promote.ts";
import { resolveTargetsBench } from "./resolve-targets.ts";
import type { Bench } from "./row.ts";
import { smokeIssueBotBench } from "./smoke-issue-bot.ts";

/** Every benchmark, in the order `npm run bench` runs them; each action's issue adds its own. */
export const benches: Bench[] = [
  resolveTargetsBench,
  cleanupRunsBench,
  smokeIssueBotBench,
  pinPromoteBench,
];
