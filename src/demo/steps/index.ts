import type { DemoStep } from "../step.ts";
import { cleanupRunsStep } from "./cleanup-runs.ts";
import { dispatchGiteaStep, dispatchStep } from "./dispatch.ts";
import { pinPromoteStep } from "./pin-promote.ts";
import { roadmapBackfillStep } from "./roadmap-backfill.ts";
import { smokeArchivalStep, smokeRecordStep } from "./smoke-issue-bot.ts";
import { staleSweepStep } from "./stale-sweep.ts";

/** The demo's steps, in order; each action's issue adds its own. */
export const demoSteps: DemoStep[] = [
  staleSweepStep,
  cleanupRunsStep,
  roadmapBackfillStep,
  smokeRecordStep,
  smokeArchivalStep,
  pinPromoteStep,
  dispatchStep,
  dispatchGiteaStep,
];
