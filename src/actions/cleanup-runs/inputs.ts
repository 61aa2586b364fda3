import { z } from "zod";
import { input, InputError } from "../../core/inputs.ts";
import {
  maxWaitInput,
  minRemainingInput,
  repoActionInputs,
} from "../../core/repo-action-inputs.ts";
import { parseConclusions } from "./conclusions.ts";
import type { PlanOptions } from "./plan.ts";

/** cleanup-runs' inputs; mirrors actions/cleanup-runs/action.yml (a test keeps them equal). */
export const schema = z
  .object({
    ...repoActionInputs(),
    conclusions: input.list({ default: "skipped" }),
    "keep-last": input.integer({ default: 0, min: 0, max: 100_000 }),
    "older-than-days": input.integer({ default: 0, min: 0, max: 36_500 }),
    "max-deletes": input.integer({ default: 1000, min: 1, max: 1_000_000 }),
    "min-remaining": minRemainingInput(),
    "max-rate-limit-wait-seconds": maxWaitInput(),
  })
  // Checked on the object so each field keeps the action.yml facts its builder recorded.
  .superRefine((inputs, ctx) => {
    const parsed = parseConclusions(inputs.conclusions);
    if (!parsed.ok)
      ctx.addIssue({ code: "custom", path: ["conclusions"], message: parsed.message });
  });

/** The parsed inputs. */
export type Inputs = z.infer<typeof schema>;

/** The plan's options from the inputs, at `now`. */
export function planOptions(inputs: Inputs, now: number): PlanOptions {
  const conclusions = parseConclusions(inputs.conclusions);
  // The schema already refused these; reaching here means the schema was bypassed.
  if (!conclusions.ok) throw new InputError(`Input 'conclusions': ${conclusions.message}`);
  return {
    conclusions: conclusions.value,
    keepLast: inputs["keep-last"],
    olderThanDays: inputs["older-than-days"],
    now,
  };
}
