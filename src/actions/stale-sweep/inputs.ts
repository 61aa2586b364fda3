import { z } from "zod";
import { input } from "../../core/inputs.ts";
import {
  maxWaitInput,
  minRemainingInput,
  repoActionInputs,
} from "../../core/repo-action-inputs.ts";
import { labelNameProblem } from "../../core/label-name.ts";
import { messageProblem } from "./messages.ts";

/** The stale comment unless `stale-message` says otherwise. */
export const defaultStaleMessage =
  "This issue has had no activity for a while, so it is now labelled {label}. It will be closed in {days} days unless something happens: a comment from anyone, or removing the {label} label, keeps it open.";

/** The close comment unless `close-message` says otherwise. */
export const defaultCloseMessage =
  "Closed because it stayed labelled {label} for {days} days with no activity. If it still matters, reopen it: the sweep then removes {label} and leaves it alone until it is idle again.";

const fields = z.object({
  ...repoActionInputs(),
  "days-before-stale": input.integer({ default: 30, min: 1, max: 36500 }),
  "days-before-close": input.integer({ default: 7, min: 1, max: 36500 }),
  "stale-label": input.string({ default: "stale" }),
  "exempt-labels": input.list({ default: "pinned,security,sdk-drift,adk-drift,docs-coverage" }),
  "stale-message": input.string({ default: defaultStaleMessage }),
  "close-message": input.string({ default: defaultCloseMessage }),
  "close-reason": input.choice(["not_planned", "completed"], { default: "not_planned" }),
  "max-operations": input.integer({ default: 300, min: 1, max: 100000 }),
  "min-remaining": minRemainingInput(),
  "max-rate-limit-wait-seconds": maxWaitInput(),
});

/**
 * stale-sweep's inputs (mirrors action.yml). Besides each field's own check, the label names
 * and messages are checked here, before any request, so that GitHub never has to refuse them
 * halfway through a sweep.
 */
export const schema = fields.superRefine((v, ctx) => {
  const problem = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  const stale = labelNameProblem(v["stale-label"]);
  if (stale) problem("stale-label", `found '${v["stale-label"]}': ${stale}`);
  for (const name of v["exempt-labels"]) {
    const why = labelNameProblem(name);
    if (why) problem("exempt-labels", `found '${name}': ${why}`);
    if (name.toLowerCase() === v["stale-label"].toLowerCase())
      problem(
        "exempt-labels",
        `found the stale label '${name}': issues with an exempt label are never touched, so stale issues would never close; remove it from the list`,
      );
  }
  for (const name of ["stale-message", "close-message"] as const) {
    const why = messageProblem(v[name]);
    if (why) problem(name, why);
  }
});

/** stale-sweep's parsed inputs. */
export type Inputs = z.infer<typeof schema>;
