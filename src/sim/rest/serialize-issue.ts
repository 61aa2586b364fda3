import type { components } from "@octokit/openapi-types";
import { getLabel, type SimComment, type SimIssue, type SimLabel, type SimRepo } from "../state.ts";
import { simpleUser } from "./serialize-user.ts";

type Issue = components["schemas"]["issue"];
type Label = components["schemas"]["label"];
type IssueComment = components["schemas"]["issue-comment"];

/** A repository label. */
export function label(api: string, repo: SimRepo, l: SimLabel): Label {
  return {
    id: l.id,
    node_id: l.node_id,
    url: `${api}/repos/${repo.full_name}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: l.default,
  };
}

/** The labels of an issue, in the order they were added. */
export function issueLabels(api: string, repo: SimRepo, issue: SimIssue): Label[] {
  return issue.labels.flatMap((name) => {
    const l = getLabel(repo, name);
    return l ? [label(api, repo, l)] : [];
  });
}

/** An issue or pull request (pull requests carry `pull_request`, as in issue lists). */
export function issue(api: string, repo: SimRepo, i: SimIssue): Issue {
  const url = `${api}/repos/${repo.full_name}/issues/${i.number}`;
  const html = `https://github.com/${repo.full_name}/${i.is_pull_request ? "pull" : "issues"}/${i.number}`;
  return {
    id: i.id,
    node_id: i.node_id,
    url,
    repository_url: `${api}/repos/${repo.full_name}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    user: simpleUser(api, i.user),
    labels: issueLabels(api, repo, i),
    assignee: i.assignees[0] === undefined ? null : simpleUser(api, i.assignees[0]),
    assignees: i.assignees.map((a) => simpleUser(api, a)),
    milestone: null,
    locked: i.locked,
    active_lock_reason: null,
    comments: i.comments.length,
    ...(i.is_pull_request
      ? {
          pull_request: {
            merged_at: i.pull?.merged_at ?? null,
            diff_url: `${html}.diff`,
            html_url: html,
            patch_url: `${html}.patch`,
            url: `${api}/repos/${repo.full_name}/pulls/${i.number}`,
          },
          draft: i.pull?.draft ?? false,
        }
      : {}),
    closed_at: i.closed_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_by: i.closed_by === null ? null : simpleUser(api, i.closed_by),
    timeline_url: `${url}/timeline`,
    author_association: "MEMBER",
    reactions: reactions(`${url}/reactions`),
  };
}

/** An empty reactions rollup. */
export function reactions(url: string) {
  return {
    url,
    total_count: 0,
    "+1": 0,
    "-1": 0,
    laugh: 0,
    confused: 0,
    heart: 0,
    hooray: 0,
    eyes: 0,
    rocket: 0,
  };
}

/** An issue comment. */
export function comment(api: string, repo: SimRepo, i: SimIssue, c: SimComment): IssueComment {
  return {
    id: c.id,
    node_id: c.node_id,
    url: `${api}/repos/${repo.full_name}/issues/comments/${c.id}`,
    body: c.body,
    html_url: `https://github.com/${repo.full_name}/issues/${i.number}#issuecomment-${c.id}`,
    user: simpleUser(api, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    issue_url: `${api}/repos/${repo.full_name}/issues/${i.number}`,
    author_association: "MEMBER",
    reactions: reactions(`${api}/repos/${repo.full_name}/issues/comments/${c.id}/reactions`),
  };
}
