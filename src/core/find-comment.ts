import type { FleetClient } from "./client.ts";

/** An issue or pull request, as the comment endpoints name it. */
export interface IssueRef {
  owner: string;
  repo: string;
  issue_number: number;
}

/**
 * Whether the issue has a comment whose body contains `mark`: a write's marker, or a body
 * that names its package and run and so is its own marker. Reads every page: a check that
 * stopped early would answer "absent" and let a comment be posted twice.
 */
export async function hasComment(
  client: FleetClient,
  issue: IssueRef,
  mark: string,
): Promise<boolean> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...issue,
    per_page: 100,
  });
  return comments.some((c) => c.body?.includes(mark) === true);
}

/**
 * Whether a comment whose body contains `mark` was made on the issue at or after `since`
 * (epoch ms, a time the server stamped, such as the issue's `updated_at` when it was read):
 * one read of the comments updated since then, which is usually empty. It tells whether
 * someone else (a concurrent run) made the write since, or whether a write whose answer was
 * lost landed.
 */
export async function hasCommentSince(
  client: FleetClient,
  issue: IssueRef,
  mark: string,
  since: number,
): Promise<boolean> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...issue,
    since: new Date(since).toISOString(),
    per_page: 100,
  });
  return comments.some((c) => Date.parse(c.created_at) >= since && c.body?.includes(mark) === true);
}
