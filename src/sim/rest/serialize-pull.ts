import type { components } from "@octokit/openapi-types";
import { compareCommits } from "../commit-graph.ts";
import type { SimIssue, SimPull, SimRepo, SimToken } from "../state.ts";
import { issueLabels } from "./serialize-issue.ts";
import { repository } from "./serialize-repo.ts";
import { simpleUser, userId } from "./serialize-user.ts";

type PullRequest = components["schemas"]["pull-request"];
type PullRequestSimple = components["schemas"]["pull-request-simple"];
type Team = components["schemas"]["team"];

/** A team of the repository's org, known by its slug (teams exist by being named, like users). */
export function team(api: string, org: string, slug: string): Team {
  const id = userId(`team:${org}/${slug}`);
  const url = `${api}/organizations/${userId(org)}/team/${id}`;
  return {
    id,
    node_id: `T_kwDO${Buffer.from(`fleet-sim:${id}`).toString("base64url")}`,
    name: slug,
    slug,
    description: null,
    privacy: "closed",
    notification_setting: "notifications_enabled",
    permission: "pull",
    url,
    html_url: `https://github.com/orgs/${org}/teams/${slug}`,
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: "organization",
    parent: null,
  };
}

function side(api: string, repo: SimRepo, token: SimToken, ref: string, sha: string) {
  return {
    label: `${repo.owner}:${ref}`,
    ref,
    repo: repository(api, repo, token),
    sha,
    user: simpleUser(api, repo.owner, "Organization"),
  };
}

/** The fields the list and the single pull request share. */
function common(api: string, repo: SimRepo, token: SimToken, i: SimIssue, p: SimPull) {
  const base = `${api}/repos/${repo.full_name}`;
  const url = `${base}/pulls/${i.number}`;
  const html = `https://github.com/${repo.full_name}/pull/${i.number}`;
  const issueUrl = `${base}/issues/${i.number}`;
  const statuses = `${base}/statuses/${p.head_sha}`;
  return {
    url,
    id: i.id,
    node_id: i.node_id,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${base}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statuses,
    number: i.number,
    state: i.state,
    locked: i.locked,
    title: i.title,
    user: simpleUser(api, i.user),
    body: i.body,
    labels: issueLabels(api, repo, i).map((l) => ({ ...l, description: l.description ?? "" })),
    milestone: null,
    active_lock_reason: null,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    merged_at: p.merged_at,
    merge_commit_sha: null,
    assignee: i.assignees[0] === undefined ? null : simpleUser(api, i.assignees[0]),
    assignees: i.assignees.map((a) => simpleUser(api, a)),
    requested_reviewers: p.requested_reviewers.map((r) => simpleUser(api, r)),
    requested_teams: p.requested_teams.map((t) => team(api, repo.owner, t)),
    head: side(api, repo, token, p.head, p.head_sha),
    base: side(api, repo, token, p.base, repo.branches.get(p.base)?.sha ?? p.head_sha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${base}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statuses },
    },
    author_association: "MEMBER" as const,
    auto_merge: null,
    draft: p.draft,
  };
}

/** A pull request as `GET /pulls` lists it. */
export function pullRequestSimple(
  api: string,
  repo: SimRepo,
  token: SimToken,
  i: SimIssue,
): PullRequestSimple {
  return common(api, repo, token, i, i.pull as SimPull);
}

/**
 * A pull request as `GET /pulls/{n}` answers it. Mergeability is computed on GitHub in the
 * background and first answered as null; the simulator reports that first answer.
 */
export function pullRequest(api: string, repo: SimRepo, token: SimToken, i: SimIssue): PullRequest {
  const p = i.pull as SimPull;
  const baseSha = repo.branches.get(p.base)?.sha;
  const ahead = baseSha === undefined ? 0 : compareCommits(repo, baseSha, p.head_sha).aheadBy;
  return {
    ...common(api, repo, token, i, p),
    merged: p.merged,
    mergeable: null,
    rebaseable: null,
    mergeable_state: "unknown",
    merged_by: null,
    comments: i.comments.length,
    review_comments: 0,
    maintainer_can_modify: p.maintainer_can_modify,
    commits: ahead,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}
