import { InputError } from "../../core/inputs.ts";
import { parseConclusions } from "./conclusions.ts";
import type { PlanOptions } from "./plan.ts";
import type { Inputs } from "./schema.ts";

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
