import type { SimIssue, SimRepo } from "../state.ts";
import type { CursorKey, PageArgs } from "./connection.ts";
import { pullState } from "./pull-request-view.ts";

/** `Repository.pullRequests` arguments. */
export interface PullRequestsArgs extends PageArgs {
  states?: ("OPEN" | "CLOSED" | "MERGED")[] | null;
  labels?: string[] | null;
  headRefName?: string | null;
  baseRefName?: string | null;
  orderBy?: { field: "CREATED_AT" | "UPDATED_AT" | "COMMENTS"; direction: "ASC" | "DESC" } | null;
}

/**
 * The pull requests matching the filters, in the requested order (creation, ascending, when
 * none is given, as GitHub lists connections). Labels match any of the given names.
 */
export function listPullRequests(
  repo: SimRepo,
  args: PullRequestsArgs,
): { pulls: SimIssue[]; key: (i: SimIssue) => CursorKey; descending: boolean[] } {
  const states = new Set(args.states ?? []);
  const labels = new Set((args.labels ?? []).map((l) => l.toLowerCase()));
  const pulls = repo.issues.filter(
    (i) =>
      i.pull !== undefined &&
      (states.size === 0 || states.has(pullState(i, i.pull))) &&
      (labels.size === 0 || i.labels.some((l) => labels.has(l.toLowerCase()))) &&
      (args.headRefName == null || i.pull.head === args.headRefName) &&
      (args.baseRefName == null || i.pull.base === args.baseRefName),
  );
  const field = args.orderBy?.field ?? "CREATED_AT";
  const desc = args.orderBy?.direction === "DESC";
  const sortValue = (i: SimIssue): number =>
    field === "COMMENTS"
      ? i.comments.length
      : Date.parse(field === "UPDATED_AT" ? i.updated_at : i.created_at);
  const sign = desc ? -1 : 1;
  pulls.sort((a, b) => sign * (sortValue(a) - sortValue(b) || a.number - b.number));
  return { pulls, key: (i) => [sortValue(i), i.number], descending: [desc, desc] };
}
