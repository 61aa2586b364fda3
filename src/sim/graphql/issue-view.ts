import { tokenCanSeeProject, type SimComment, type SimIssue, type SimRepo } from "../state.ts";
import { actorView } from "./actor-view.ts";
import { connection, type PageArgs } from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { labelView } from "./label-view.ts";
import { requirePermission } from "./permissions.ts";
import { projectItemView } from "./project-item-view.ts";
import { pullRequestFields } from "./pull-request-view.ts";
import { repositoryView } from "./repository-view.ts";
import type { View } from "./resolve-field.ts";
import { timelineItems, type TimelineArgs } from "./timeline-view.ts";
import { webLocation } from "./web.ts";

/** GitHub's `IssueStateReason` for the model's `state_reason`. */
export function stateReason(
  reason: string | null | undefined,
  enableDuplicate: boolean,
): string | null {
  if (!reason) return null;
  // Without `enableDuplicate`, GitHub reports a duplicate as NOT_PLANNED (the older value).
  if (reason === "duplicate" && !enableDuplicate) return "NOT_PLANNED";
  return reason.toUpperCase();
}

/** An issue comment. */
export function commentView(
  ctx: GraphqlContext,
  repo: SimRepo,
  issue: SimIssue,
  c: SimComment,
): View {
  return {
    __typename: "IssueComment",
    id: c.node_id,
    databaseId: c.id,
    body: c.body,
    bodyText: c.body,
    author: actorView(c.user),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    ...webLocation(`/${repo.full_name}/issues/${issue.number}#issuecomment-${c.id}`),
    issue: () => issueView(ctx, repo, issue),
  };
}

/** An issue, or a pull request (they share the model; GraphQL types them apart). */
export function issueView(ctx: GraphqlContext, repo: SimRepo, issue: SimIssue): View {
  const pr = issue.is_pull_request;
  const body = issue.body ?? "";
  return {
    __typename: pr ? "PullRequest" : "Issue",
    id: issue.node_id,
    databaseId: issue.id,
    fullDatabaseId: String(issue.id),
    number: issue.number,
    title: issue.title,
    body,
    bodyText: body,
    state: issue.state.toUpperCase(),
    stateReason: (args: { enableDuplicate: boolean }) =>
      stateReason(issue.state_reason, args.enableDuplicate),
    closed: issue.state === "closed",
    closedAt: issue.closed_at,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    locked: issue.locked,
    ...webLocation(`/${repo.full_name}/${pr ? "pull" : "issues"}/${issue.number}`),
    author: actorView(issue.user),
    repository: () => repositoryView(ctx, repo),
    labels: (args: PageArgs & { orderBy: { field: string; direction: string } }) => {
      const names = [...issue.labels];
      if (args.orderBy.field === "NAME") names.sort((a, b) => a.localeCompare(b));
      if (args.orderBy.direction === "DESC") names.reverse();
      return connection(names, args, {
        key: (_, i) => [i],
        view: (name) => labelView(repo, name),
      });
    },
    comments: (args: PageArgs) =>
      connection(issue.comments, args, {
        key: (c) => [c.id],
        view: (c) => commentView(ctx, repo, issue, c),
      }),
    projectItems: (args: PageArgs & { includeArchived: boolean }) => {
      requirePermission(ctx, "organization_projects", "read");
      // Items on boards the token cannot see are left out, so such an issue looks unplaced.
      const placed = ctx.state.projects.flatMap((project) => {
        if (!tokenCanSeeProject(ctx.token, project)) return [];
        const item = project.itemByContent.get(issue.node_id);
        return item && (args.includeArchived || !item.archived) ? [{ project, item }] : [];
      });
      return connection(placed, args, {
        key: (_, i) => [i],
        view: (p) => projectItemView(ctx, p.project, p.item),
      });
    },
    timelineItems: (args: TimelineArgs) => timelineItems(ctx, repo, issue, args),
    assignees: (args: PageArgs) =>
      connection(issue.assignees, args, { key: (_, i) => [i], view: (a) => actorView(a) }),
    ...(issue.pull ? pullRequestFields(ctx, repo, issue, issue.pull) : {}),
  };
}
