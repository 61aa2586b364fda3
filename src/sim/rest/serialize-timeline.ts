import { getIssue, getLabel, type SimEvent, type SimIssue, type SimRepo } from "../state.ts";
import { comment, issue } from "./serialize-issue.ts";
import { simpleUser } from "./serialize-user.ts";

/** What every timeline serializer needs besides the event. */
interface Where {
  api: string;
  repo: SimRepo;
  issue: SimIssue;
}

/** A git identity as commits carry it (commits name people, not accounts). */
const gitPerson = (name: string, date: string) => ({
  name,
  email: `${name}@users.noreply.github.com`,
  date,
});

/** The fields GitHub's issue-event shapes share: who, when, and the commit if any. */
function base(w: Where, e: SimEvent) {
  const commit = e.event === "referenced" || e.event === "closed" ? e.commit_id : undefined;
  return {
    id: e.id,
    node_id: e.node_id,
    url: `${w.api}/repos/${w.repo.full_name}/issues/events/${e.id}`,
    actor: e.actor === null ? null : simpleUser(w.api, e.actor),
    event: e.event,
    commit_id: commit ?? null,
    commit_url: commit ? `${w.api}/repos/${w.repo.full_name}/commits/${commit}` : null,
    created_at: e.created_at,
    performed_via_github_app: null,
  };
}

/** The kind-specific part of an issue event (a label, a rename, an assignee...). */
function detail(w: Where, e: SimEvent): Record<string, unknown> {
  switch (e.event) {
    case "labeled":
    case "unlabeled": {
      const l = e.label === undefined ? undefined : getLabel(w.repo, e.label);
      return { label: { name: e.label ?? "", color: l?.color ?? "ededed" } };
    }
    case "closed":
    case "reopened":
      return { state_reason: e.state_reason ?? null };
    case "renamed":
      return { rename: e.rename };
    case "assigned":
    case "unassigned":
      return { assignee: simpleUser(w.api, e.assignee ?? "") };
    case "milestoned":
    case "demilestoned":
      return { milestone: { title: e.milestone } };
    case "locked":
      return { lock_reason: null };
    default:
      return {};
  }
}

/**
 * An entry of `GET .../issues/{n}/events`: GitHub's `issue-event-for-issue` shapes, which
 * exist for every kind but the timeline-only ones (comments, commits, reviews, references).
 */
export function issueEvent(api: string, repo: SimRepo, i: SimIssue, e: SimEvent) {
  const w = { api, repo, issue: i };
  return { ...base(w, e), ...detail(w, e) };
}

/** A commit as the timeline shows it: no `actor`, no `created_at`; its dates are the commit's. */
function committed(w: Where, e: SimEvent) {
  const sha = e.commit_id ?? "";
  const person = gitPerson(e.actor ?? "ghost", e.created_at);
  return {
    event: "committed",
    sha,
    node_id: `C_${sha.slice(0, 20)}`,
    url: `${w.api}/repos/${w.repo.full_name}/git/commits/${sha}`,
    html_url: `https://github.com/${w.repo.full_name}/commit/${sha}`,
    author: person,
    committer: person,
    message: e.message ?? "",
    tree: { sha, url: `${w.api}/repos/${w.repo.full_name}/git/trees/${sha}` },
    parents: [],
    verification: { verified: false, reason: "unsigned", signature: null, payload: null },
  };
}

/** A review as the timeline shows it: `user` and `submitted_at`, no `actor` or `created_at`. */
function reviewed(w: Where, e: SimEvent) {
  const pr = `https://github.com/${w.repo.full_name}/pull/${w.issue.number}`;
  const prApi = `${w.api}/repos/${w.repo.full_name}/pulls/${w.issue.number}`;
  return {
    event: "reviewed",
    id: e.id,
    node_id: e.node_id,
    user: simpleUser(w.api, e.actor ?? "ghost"),
    body: null,
    state: "commented",
    html_url: `${pr}#pullrequestreview-${e.id}`,
    pull_request_url: prApi,
    _links: { html: { href: `${pr}#pullrequestreview-${e.id}` }, pull_request: { href: prApi } },
    submitted_at: e.created_at,
    author_association: "MEMBER",
  };
}

/** A mention from another issue: the mentioning issue in full, and an actor only when known. */
function crossReferenced(w: Where, e: SimEvent) {
  const from = getIssue(w.repo, e.source ?? 0);
  if (!from) throw new Error(`timeline: cross-reference from missing issue #${e.source}`);
  return {
    event: "cross-referenced",
    ...(e.actor === null ? {} : { actor: simpleUser(w.api, e.actor) }),
    created_at: e.created_at,
    updated_at: e.created_at,
    source: { type: "issue", issue: issue(w.api, w.repo, from) },
  };
}

/**
 * A timeline entry in the shape GitHub's `timeline-issue-events` gives its kind: a comment
 * with its body, a commit or a review without `created_at`, a cross-reference that may have
 * no `actor`, and the issue-event shape for the rest.
 */
export function timelineEvent(api: string, repo: SimRepo, i: SimIssue, e: SimEvent) {
  const w = { api, repo, issue: i };
  switch (e.event) {
    case "commented": {
      const c = i.comments.find((x) => x.id === e.comment_id);
      if (!c)
        throw new Error(
          `timeline: comment ${e.comment_id} of ${repo.full_name}#${i.number} is missing`,
        );
      const actor = simpleUser(api, c.user);
      return { event: "commented", actor, ...comment(api, repo, i, c), user: actor };
    }
    case "committed":
      return committed(w, e);
    case "reviewed":
      return reviewed(w, e);
    case "cross-referenced":
      return crossReferenced(w, e);
    default:
      return issueEvent(api, repo, i, e);
  }
}
