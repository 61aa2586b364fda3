import { addComment } from "../state.ts";
import {
  intParam,
  notFound,
  stringField,
  validationFailed,
  type RepoContext,
  type RepoRoute,
} from "./http.ts";
import { issueOf } from "./lookup.ts";
import { paginate } from "./paginate.ts";
import { timeQuery } from "./query.ts";
import { TIMELINE_ONLY } from "../event-kinds.ts";
import { comment } from "./serialize-issue.ts";
import { issueEvent, timelineEvent } from "./serialize-timeline.ts";

const READ = { name: "issues", level: "read" } as const;
const WRITE = { name: "issues", level: "write" } as const;

function listComments(ctx: RepoContext) {
  const i = issueOf(ctx);
  const since = timeQuery(ctx, "since");
  const comments =
    since === undefined ? i.comments : i.comments.filter((c) => Date.parse(c.updated_at) >= since);
  const page = paginate(ctx, comments);
  return {
    status: 200,
    body: page.items.map((c) => comment(ctx.api, ctx.repo, i, c)),
    headers: page.headers,
  };
}

/**
 * The comments of every issue of the repository, oldest first (GitHub's default `sort=created`),
 * since a time when asked.
 */
function listRepoComments(ctx: RepoContext) {
  const since = timeQuery(ctx, "since");
  const all = ctx.repo.issues
    .flatMap((i) => i.comments.map((c) => ({ i, c })))
    .filter(({ c }) => since === undefined || Date.parse(c.updated_at) >= since)
    .sort((a, b) => Date.parse(a.c.created_at) - Date.parse(b.c.created_at) || a.c.id - b.c.id);
  const page = paginate(ctx, all);
  return {
    status: 200,
    body: page.items.map(({ i, c }) => comment(ctx.api, ctx.repo, i, c)),
    headers: page.headers,
  };
}

/** Deletes a comment, and its `commented` entry in the timeline with it; 204. */
function deleteComment(ctx: RepoContext) {
  const id = intParam(ctx, "comment_id");
  const issue = ctx.repo.issues.find((i) => i.comments.some((c) => c.id === id));
  if (!issue) throw notFound();
  issue.comments = issue.comments.filter((c) => c.id !== id);
  issue.events = issue.events.filter((e) => !(e.event === "commented" && e.comment_id === id));
  return { status: 204 };
}

function createComment(ctx: RepoContext) {
  const i = issueOf(ctx);
  const body = stringField(ctx, "body", true);
  if (body.trim() === "")
    throw validationFailed([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
  const created = addComment(ctx.state, i, body, ctx.token.login, ctx.at);
  return { status: 201, body: comment(ctx.api, ctx.repo, i, created) };
}

function timeline(ctx: RepoContext) {
  const i = issueOf(ctx);
  const page = paginate(ctx, i.events);
  return {
    status: 200,
    body: page.items.map((e) => timelineEvent(ctx.api, ctx.repo, i, e)),
    headers: page.headers,
  };
}

/** The issue's events: its timeline without comments, commits, reviews and cross-references. */
function events(ctx: RepoContext) {
  const i = issueOf(ctx);
  const page = paginate(
    ctx,
    i.events.filter((e) => !TIMELINE_ONLY.has(e.event)),
  );
  return {
    status: 200,
    body: page.items.map((e) => issueEvent(ctx.api, ctx.repo, i, e)),
    headers: page.headers,
  };
}

/** The repository's comments: listed across its issues, deleted by id. */
export const repoCommentRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/issues/comments",
    permission: READ,
    handle: listRepoComments,
  },
  {
    scope: "repo",
    method: "DELETE",
    pattern: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    permission: WRITE,
    handle: deleteComment,
  },
];

/** Issue comments list/create, the issue timeline and the issue's events. */
export const commentRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    permission: READ,
    handle: listComments,
  },
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    permission: WRITE,
    content: true,
    handle: createComment,
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}/timeline",
    permission: READ,
    handle: timeline,
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}/events",
    permission: READ,
    handle: events,
  },
];
