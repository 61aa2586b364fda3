import { getIssue, type SimIssue, type SimRun } from "../state.ts";
import { intParam, notFound, unprocessable, type RepoContext } from "./http.ts";

/** The issue or pull request of `{issue_number}`, or 404. */
export function issueOf(ctx: RepoContext): SimIssue {
  const issue = getIssue(ctx.repo, intParam(ctx, "issue_number"));
  if (!issue) throw notFound();
  return issue;
}

/** The workflow run of `{run_id}`, or 404 (also once it was deleted). */
export function runOf(ctx: RepoContext): SimRun {
  const run = ctx.repo.runs.get(intParam(ctx, "run_id"));
  if (!run) throw notFound();
  return run;
}

/**
 * Label names from a request: an array of strings or `{ name }` objects, as GitHub accepts
 * them. Anything else is a 422 naming the field, the element and what is allowed.
 */
export function labelNames(value: unknown, field: string): string[] {
  if (!Array.isArray(value))
    throw unprocessable(
      `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not an array (allowed: an array of label names).`,
    );
  return value.map((item: unknown, index) => {
    if (typeof item === "string" && item.trim() !== "") return item.trim();
    const name = item && typeof item === "object" ? (item as { name?: unknown }).name : undefined;
    if (typeof name === "string" && name.trim() !== "") return name.trim();
    throw unprocessable(
      `Invalid request.\n\nFor '${field}[${index}]', ${JSON.stringify(item)} is not a label name (allowed: a non-empty string or { "name": string }).`,
    );
  });
}
