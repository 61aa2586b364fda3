import { GraphQLError } from "graphql";
import type { SimIssue, SimRepo } from "../state.ts";
import type { CursorKey, PageArgs } from "./connection.ts";

/** `Repository.issues` arguments. */
export interface IssuesArgs extends PageArgs {
  states?: string[] | null;
  labels?: string[] | null;
  orderBy?: { field: "CREATED_AT" | "UPDATED_AT" | "COMMENTS"; direction: "ASC" | "DESC" } | null;
  filterBy?: {
    states?: string[] | null;
    labels?: string[] | null;
    since?: string | null;
    createdBy?: string | null;
    assignee?: string | null;
    mentioned?: string | null;
    milestone?: string | null;
    milestoneNumber?: string | null;
    viewerSubscribed?: boolean | null;
  } | null;
}

/** The issues (never pull requests) matching the filters, in the requested order. */
export function listIssues(
  repo: SimRepo,
  args: IssuesArgs,
): { issues: SimIssue[]; key: (i: SimIssue) => CursorKey; descending: boolean[] } {
  const f = args.filterBy ?? {};
  for (const name of ["assignee", "mentioned", "milestone", "milestoneNumber"] as const)
    if (f[name] != null)
      throw new GraphQLError(`The simulator does not implement the issue filter filterBy.${name}.`);
  if (f.viewerSubscribed)
    throw new GraphQLError(
      "The simulator does not implement the issue filter filterBy.viewerSubscribed.",
    );
  const states = new Set([...(args.states ?? []), ...(f.states ?? [])]);
  // Like GitHub's GraphQL (unlike REST), a label list matches issues with any of the labels.
  const labelSets = [args.labels, f.labels]
    .filter((l): l is string[] => Array.isArray(l) && l.length > 0)
    .map((l) => new Set(l.map((n) => n.toLowerCase())));
  const since = f.since ? Date.parse(f.since) : undefined;
  const createdBy = f.createdBy?.toLowerCase();
  const issues = repo.issues.filter(
    (i) =>
      !i.is_pull_request &&
      (states.size === 0 || states.has(i.state.toUpperCase())) &&
      labelSets.every((set) => i.labels.some((l) => set.has(l.toLowerCase()))) &&
      (since === undefined || Date.parse(i.updated_at) >= since) &&
      (createdBy === undefined || i.user.toLowerCase() === createdBy),
  );
  const field = args.orderBy?.field ?? "CREATED_AT";
  const desc = args.orderBy?.direction === "DESC";
  const sortValue = (i: SimIssue): number =>
    field === "COMMENTS"
      ? i.comments.length
      : Date.parse(field === "UPDATED_AT" ? i.updated_at : i.created_at);
  const key = (i: SimIssue): CursorKey => [sortValue(i), i.number];
  const sign = desc ? -1 : 1;
  issues.sort((a, b) => sign * (sortValue(a) - sortValue(b) || a.number - b.number));
  return { issues, key, descending: [desc, desc] };
}
