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
