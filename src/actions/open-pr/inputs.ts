import { z } from "zod";
import { refNameProblem } from "../../core/git-ref.ts";
import { apiUrlInput, input, repositoryPattern, tokenInput } from "../../core/inputs.ts";
import { labelNameProblem } from "../../core/label-name.ts";
import { maxWaitInput, minRemainingInput } from "../../core/repo-action-inputs.ts";

/** A change id: one or more parts of letters, digits, `.`, `_` and `-`, joined by `/`. */
const CHANGE_ID = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** A GitHub login (a user to assign or ask for a review) or a team slug. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

const fields = z.object({
  repository: input.string({ required: true }),
  token: tokenInput(),
  "api-url": apiUrlInput(),
  "dry-run": input.boolean({ default: true }),
  path: input.string({ default: "." }),
  "change-id": input.string({ required: true }),
  base: input.string({ default: "" }),
  title: input.string({ required: true }),
  "fallback-title": input.string({ default: "" }),
  body: input.string({ default: "" }),
  "commit-message": input.string({ default: "" }),
  "values-file": input.string({ default: "" }),
  target: input.jsonObject({ default: "{}", maxBytes: 64 * 1024 }),
  labels: input.list({ default: "" }),
  assignees: input.list({ default: "" }),
  reviewers: input.list({ default: "" }),
  "team-reviewers": input.list({ default: "" }),
  draft: input.boolean({ default: false }),
  // The read asks for the base's blob of every file in one query: bounded so that it stays one.
  "max-files": input.integer({ default: 300, min: 1, max: 1000 }),
  "max-bytes": input.integer({ default: 10 * 1024 * 1024, min: 1, max: 50 * 1024 * 1024 }),
  "max-diff-bytes": input.integer({ default: 64 * 1024, min: 0, max: 512 * 1024 }),
  "min-remaining": minRemainingInput(),
  "max-rate-limit-wait-seconds": maxWaitInput(),
});

/**
 * open-pr's inputs (mirrors action.yml). The branch name, labels, people and teams are
 * checked here, before the checkout is read or any request made.
 */
export const schema = fields.superRefine((v, ctx) => {
  const problem = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  if (!repositoryPattern.test(v.repository.trim()))
    problem("repository", `found '${v.repository}', allowed one owner/name`);
  const id = v["change-id"].trim();
  const branchProblem = CHANGE_ID.test(id) ? refNameProblem(`fleet/${id}`) : "";
  if (branchProblem !== undefined)
    problem(
      "change-id",
      `found '${id}'; allowed letters, digits, '.', '_' and '-', in parts joined by '/', that make a valid branch name fleet/<change-id>${branchProblem ? ` (${branchProblem})` : ""}`,
    );
  const base = v.base.trim();
  const baseProblem = base === "" ? undefined : refNameProblem(base);
  if (baseProblem) problem("base", `found '${base}': ${baseProblem}`);
  if (v.title.trim() === "") problem("title", "found an empty title; allowed any text");
  for (const label of v.labels) {
    const why = labelNameProblem(label);
    if (why) problem("labels", `found '${label}': ${why}`);
  }
  for (const name of ["assignees", "reviewers"] as const)
    for (const login of v[name])
      if (!LOGIN.test(login)) problem(name, `found '${login}'; allowed GitHub logins`);
  for (const slug of v["team-reviewers"])
    if (!TEAM_SLUG.test(slug))
      problem("team-reviewers", `found '${slug}'; allowed team slugs (without the org)`);
});

/** open-pr's parsed inputs. */
export type Inputs = z.infer<typeof schema>;
