import { getIssue, type SimRepo } from "../state.ts";
import { connection, type PageArgs } from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { notFound } from "./errors.ts";
import { gitObject } from "./git-object-view.ts";
import { issueView } from "./issue-view.ts";
import { listIssues, type IssuesArgs } from "./issue-list.ts";
import { labelView } from "./label-view.ts";
import { listPullRequests, type PullRequestsArgs } from "./pull-request-list.ts";
import { organizationView } from "./organization-view.ts";
import { requirePermission } from "./permissions.ts";
import { branchRefView, qualifiedRefView } from "./ref-view.ts";
import type { View } from "./resolve-field.ts";
import { webLocation } from "./web.ts";

/** A repository the token may see. */
export function repositoryView(ctx: GraphqlContext, repo: SimRepo): View {
  const org = ctx.state.orgs.get(repo.owner.toLowerCase());
  return {
    __typename: "Repository",
    id: repo.node_id,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.full_name,
    owner: () => (org ? organizationView(ctx, org) : null),
    isArchived: repo.archived,
    isPrivate: repo.private,
    visibility: repo.private ? "PRIVATE" : "PUBLIC",
    createdAt: repo.created_at,
    defaultBranchRef: () => branchRefView(ctx, repo, repo.default_branch),
    ref: (args: { qualifiedName: string }) => qualifiedRefView(ctx, repo, args.qualifiedName),
    updatedAt: repo.updated_at,
    ...webLocation(`/${repo.full_name}`),
    issue: (args: { number: number }) => {
      requirePermission(ctx, "issues", "read");
      const issue = getIssue(repo, args.number);
      if (!issue || issue.is_pull_request)
        throw notFound(`Could not resolve to an Issue with the number of ${args.number}.`);
      return issueView(ctx, repo, issue);
    },
    issues: (args: IssuesArgs) => {
      requirePermission(ctx, "issues", "read");
      const { issues, key, descending } = listIssues(repo, args);
      return connection(issues, args, {
        key,
        descending,
        view: (i) => issueView(ctx, repo, i),
      });
    },
    pullRequest: (args: { number: number }) => {
      requirePermission(ctx, "pull_requests", "read");
      const pull = getIssue(repo, args.number);
      if (!pull?.pull)
        throw notFound(`Could not resolve to a PullRequest with the number of ${args.number}.`);
      return issueView(ctx, repo, pull);
    },
    pullRequests: (args: PullRequestsArgs) => {
      requirePermission(ctx, "pull_requests", "read");
      const { pulls, key, descending } = listPullRequests(repo, args);
      return connection(pulls, args, {
        key,
        descending,
        view: (p) => issueView(ctx, repo, p),
      });
    },
    label: (args: { name: string }) =>
      repo.labels.some((l) => l.name.toLowerCase() === args.name.toLowerCase())
        ? labelView(repo, args.name)
        : null,
    labels: (args: PageArgs & { query?: string | null }) => {
      const query = args.query?.toLowerCase();
      const labels = repo.labels.filter((l) => !query || l.name.toLowerCase().includes(query));
      return connection(labels, args, {
        key: (l) => [l.id],
        view: (l) => labelView(repo, l.name),
      });
    },
    object: (args: { expression?: string | null; oid?: string | null }) => {
      requirePermission(ctx, "contents", "read");
      return gitObject(ctx, repo, args);
    },
  };
}
