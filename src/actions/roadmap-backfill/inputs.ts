import { z } from "zod";
import { input } from "../../core/inputs.ts";
import {
  maxWaitInput,
  minRemainingInput,
  repoActionInputs,
} from "../../core/repo-action-inputs.ts";

const loginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** GitHub's largest Int: project numbers are GraphQL `Int!`. */
const MAX_INT = 2_147_483_647;

/** roadmap-backfill's inputs; mirrors actions/roadmap-backfill/action.yml (a test keeps them equal). */
export const schema = z
  .object({
    ...repoActionInputs(),
    "project-owner": input.string(),
    "project-number": input.integer({ min: 1, max: MAX_INT, required: true }),
    "status-field": input.string({ default: "Status" }),
    "status-value": input.string({ default: "Todo" }),
    "max-adds": input.integer({ default: 200, min: 1, max: 100_000 }),
    "min-remaining": minRemainingInput(),
    "max-rate-limit-wait-seconds": maxWaitInput(),
  })
  // Checked on the object so each field keeps the action.yml facts its builder recorded.
  .superRefine((v, ctx) => {
    const owner = v["project-owner"].trim();
    if (owner !== "" && !loginPattern.test(owner))
      ctx.addIssue({
        code: "custom",
        path: ["project-owner"],
        message: `found '${owner}', allowed an organization login (letters, digits and single hyphens, at most 39 characters)`,
      });
  });

/** roadmap-backfill's parsed inputs. */
export type Inputs = z.infer<typeof schema>;

/** The org whose board is used: `project-owner`, else the owner of the first repository. */
export function projectOwner(inputs: Pick<Inputs, "project-owner" | "repositories">): string {
  const given = inputs["project-owner"].trim();
  return given !== "" ? given : inputs.repositories[0]!.split("/")[0]!;
}
