import type { DemoStep } from "../step.ts";
import { cleanupRunsStep } from "./cleanup-runs.ts";
import { pinPromoteStep } from "./pin-promote.ts";
import { smokeArchivalStep, smokeRecordStep } from "./smoke-issue-bot.ts";

/** The demo's steps, in order; each action's issue adds its own. */
export const demoSteps: DemoStep[] = [
  cleanupRunsStep,
  smokeRecordStep,
  smokeArchivalStep,
  pinPromoteStep,
];
