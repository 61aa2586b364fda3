import {
  addIssue,
  addIssueLabel,
  closeIssue,
  removeIssueLabel,
  reopenIssue,
  type SimIssue,
} from "../state.ts";
import { addAssignees, setAssignees } from "../issue-assignees.ts";
import {
  stringField,
  unprocessable,
  validationFailed,
  type RepoContext,
  type RepoRoute,
} from "./http.ts";
import { issueOf, labelNames } from "./lookup.ts";
import { paginate } from "./paginate.ts";
import { enumQuery, timeQuery } from "./query.ts";
import { issue } from "./serialize-issue.ts";

const READ = { name: "issues", level: "read" } as const;
const WRITE = { name: "issues", level: "write" } as const;
const CLOSE_REASONS = ["completed", "not_planned", "duplicate"] as const;
type CloseReason = (typeof CLOSE_REASONS)[number];

const byCreated = (a: SimIssue, b: SimIssue) =>
  a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.number - b.number;
const byUpdated = (a: SimIssue, b: SimIssue) =>
  a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.number - b.number;
const byComments = (a: SimIssue, b: SimIssue) =>
  a.comments.length - b.comments.length || byCreated(a, b);

/** GET /repos/{o}/{r}/issues: pull requests included, as on GitHub. */
function listIssues(ctx: RepoContext) {
  const state = enumQuery(ctx, "state", ["open", "closed", "all"], "open");
  const sort = enumQuery(ctx, "sort", ["created", "updated", "comments"], "created");
  const direction = enumQuery(ctx, "direction", ["asc", "desc"], "desc");
  const since = timeQuery(ctx, "since");
  const creator = ctx.query.get("creator")?.toLowerCase();
  const labels = (ctx.query.get("labels") ?? "")
    .split(",")
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== "");
  const selected = ctx.repo.issues.filter(
    (i) =>
      (state === "all" || i.state === state) &&
      (since === undefined || Date.parse(i.updated_at) >= since) &&
      (creator === undefined || i.user.toLowerCase() === creator) &&
      labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)),
  );
  selected.sort(sort === "created" ? byCreated : sort === "updated" ? byUpdated : byComments);
  if (direction === "desc") selected.reverse();
  const page = paginate(ctx, selected);
  return {
    status: 200,
    body: page.items.map((i) => issue(ctx.api, ctx.repo, i)),
    headers: page.headers,
  };
}

/** POST /repos/{o}/{r}/issues */
function createIssue(ctx: RepoContext) {
  const title = stringField(ctx, "title", true);
  if (title.trim() === "")
    throw validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
  const body = stringField(ctx, "body", false);
  const labels = ctx.body.labels === undefined ? [] : labelNames(ctx.body.labels, "labels");
  const created = addIssue(ctx.state, ctx.repo, {
    title,
    body: body ?? null,
    user: ctx.token.login,
    created_at: ctx.at,
    labels,
  });
  return { status: 201, body: issue(ctx.api, ctx.repo, created) };
}

/** Puts exactly `names` on the issue, with an unlabeled/labeled event per change. */
function setLabels(ctx: RepoContext, i: SimIssue, names: string[]) {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const current of [...i.labels])
    if (!wanted.has(current.toLowerCase()))
      removeIssueLabel(ctx.state, i, current, ctx.token.login, ctx.at);
  for (const name of names) addIssueLabel(ctx.state, ctx.repo, i, name, ctx.token.login, ctx.at);
}

function closeReason(ctx: RepoContext): CloseReason | "reopened" | undefined {
  const raw = ctx.body.state_reason;
  if (raw === undefined || raw === null) return undefined;
  if (raw === "reopened" || (CLOSE_REASONS as readonly unknown[]).includes(raw))
    return raw as CloseReason | "reopened";
  throw validationFailed([
    {
      resource: "Issue",
      code: "invalid",
      field: "state_reason",
      message: `state_reason: found ${JSON.stringify(raw)}, allowed completed, not_planned, duplicate, reopened`,
    },
  ]);
}

/** Logins from an `assignees` field: an array of non-empty strings. */
function assigneeLogins(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v.trim() === ""))
    throw unprocessable(
      `Invalid request.\n\nFor 'assignees', ${JSON.stringify(value)} is not an array of logins.`,
    );
  return (value as string[]).map((v) => v.trim());
}

/** PATCH /repos/{o}/{r}/issues/{n}: title, body, state, state_reason, labels, assignees (set). */
function updateIssue(ctx: RepoContext) {
  const i = issueOf(ctx);
  const title = stringField(ctx, "title", false);
  const body = stringField(ctx, "body", false);
  const state = stringField(ctx, "state", false);
  if (state !== undefined && state !== "open" && state !== "closed")
    throw validationFailed([
      {
        resource: "Issue",
        code: "invalid",
        field: "state",
        message: `state: found '${state}', allowed open, closed`,
      },
    ]);
  const reason = closeReason(ctx);
  const labels = ctx.body.labels === undefined ? undefined : labelNames(ctx.body.labels, "labels");
  const assignees =
    ctx.body.assignees === undefined ? undefined : assigneeLogins(ctx.body.assignees);
  if ((title !== undefined && title !== i.title) || (body !== undefined && body !== i.body)) {
    i.title = title ?? i.title;
    i.body = body ?? i.body;
    i.updated_at = ctx.at;
  }
  if (labels) setLabels(ctx, i, labels);
  if (assignees) setAssignees(ctx.state, i, assignees, ctx.token.login, ctx.at);
  const closeAs = reason === undefined || reason === "reopened" ? undefined : reason;
  if (state === "open") reopenIssue(ctx.state, i, ctx.token.login, ctx.at);
  else if (i.state === "open" && state === "closed")
    closeIssue(ctx.state, i, closeAs ?? "completed", ctx.token.login, ctx.at);
  else if (i.state === "closed" && closeAs !== undefined)
    closeIssue(ctx.state, i, closeAs, ctx.token.login, ctx.at);
  return { status: 200, body: issue(ctx.api, ctx.repo, i) };
}

/** Issue list, get, create and update. */
export const issueRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/issues",
    permission: READ,
    handle: listIssues,
  },
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/issues",
    permission: WRITE,
    content: true,
    handle: createIssue,
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}",
    permission: READ,
    handle: (ctx) => ({ status: 200, body: issue(ctx.api, ctx.repo, issueOf(ctx)) }),
  },
  {
    scope: "repo",
    method: "PATCH",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}",
    permission: WRITE,
    handle: updateIssue,
  },
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/issues/{issue_number}/assignees",
    permission: WRITE,
    handle: (ctx) => {
      const i = issueOf(ctx);
      addAssignees(ctx.state, i, assigneeLogins(ctx.body.assignees ?? []), ctx.token.login, ctx.at);
      return { status: 201, body: issue(ctx.api, ctx.repo, i) };
    },
  },
];
