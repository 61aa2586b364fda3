import type { SimIssue, SimPull, SimRepo } from "../state.ts";
import { actorView } from "./actor-view.ts";
import { connection, type PageArgs } from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { derivedNodeId } from "./ids.ts";
import { branchRefView } from "./ref-view.ts";
import { repositoryView } from "./repository-view.ts";
import type { View } from "./resolve-field.ts";
import { webLocation } from "./web.ts";

/** A team of an org, known by its slug (the model names teams only as review requests). */
function teamView(org: string, slug: string): View {
  return {
    __typename: "Team",
    id: derivedNodeId("T", `${org}/${slug}`),
    slug,
    name: slug,
    combinedSlug: `${org}/${slug}`,
    ...webLocation(`/orgs/${org}/teams/${slug}`),
  };
}

/** GitHub's `PullRequestState`: a merged pull request is MERGED, not CLOSED. */
export function pullState(issue: SimIssue, pull: SimPull): "OPEN" | "CLOSED" | "MERGED" {
  if (pull.merged) return "MERGED";
  return issue.state === "open" ? "OPEN" : "CLOSED";
}

/** The fields a PullRequest has beyond an Issue's. */
export function pullRequestFields(
  ctx: GraphqlContext,
  repo: SimRepo,
  issue: SimIssue,
  pull: SimPull,
): View {
  const requests = [
    ...pull.requested_reviewers.map((login) => ({ key: `u:${login}`, view: actorView(login) })),
    ...pull.requested_teams.map((slug) => ({ key: `t:${slug}`, view: teamView(repo.owner, slug) })),
  ];
  return {
    state: pullState(issue, pull),
    isDraft: pull.draft,
    merged: pull.merged,
    mergedAt: pull.merged_at,
    headRefName: pull.head,
    headRefOid: pull.head_sha,
    baseRefName: pull.base,
    baseRefOid: repo.branches.get(pull.base)?.sha ?? pull.head_sha,
    maintainerCanModify: pull.maintainer_can_modify,
    // The model has pull requests from branches of the same repository only.
    isCrossRepository: false,
    headRepository: () => repositoryView(ctx, repo),
    headRef: () => branchRefView(ctx, repo, pull.head),
    baseRef: () => branchRefView(ctx, repo, pull.base),
    // One review per author, the latest; the model keeps who reviewed, not what they said.
    latestReviews: (args: PageArgs) =>
      connection(pull.reviewed_by, args, {
        key: (_, i) => [i],
        view: (login) => ({
          __typename: "PullRequestReview",
          id: derivedNodeId("PRR", `${issue.node_id}:${login}`),
          author: actorView(login),
          state: "COMMENTED",
        }),
      }),
    reviewRequests: (args: PageArgs) =>
      connection(requests, args, {
        key: (_, i) => [i],
        view: (r) => ({
          __typename: "ReviewRequest",
          id: derivedNodeId("RR", `${issue.node_id}:${r.key}`),
          asCodeOwner: false,
          requestedReviewer: r.view,
        }),
      }),
  };
}
