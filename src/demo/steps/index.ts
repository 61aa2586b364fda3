import type { DemoStep } from "../step.ts";

/** The demo's steps, in order; each action's issue adds its own. */
export const demoSteps: DemoStep[] = [];
