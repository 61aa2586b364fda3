import { addComment } from "../state.ts";
import { stringField, validationFailed, type RepoContext, type RepoRoute } from "./http.ts";
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
