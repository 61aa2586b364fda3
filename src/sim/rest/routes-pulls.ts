import { compareCommits } from "../commit-graph.ts";
import {
  addIssue,
  closeIssue,
  getIssue,
  reopenIssue,
  type SimIssue,
  type SimPull,
} from "../state.ts";
import {
  HttpError,
  errorBody,
  intParam,
  notFound,
  stringField,
  unprocessable,
  validationFailed,
  type RepoContext,
  type RepoRoute,
} from "./http.ts";
import { paginate } from "./paginate.ts";
import { enumQuery } from "./query.ts";
import { pullRequest, pullRequestSimple } from "./serialize-pull.ts";

const READ = { name: "pull_requests", level: "read" } as const;
const WRITE = { name: "pull_requests", level: "write" } as const;

type Pull = SimIssue & { pull: SimPull };

/** The pull request of `{pull_number}`, or 404 (an issue's number is not a pull request's). */
function pullOf(ctx: RepoContext): Pull {
  const issue = getIssue(ctx.repo, intParam(ctx, "pull_number"));
  if (!issue?.pull) throw notFound();
  return issue as Pull;
}

/** A 422 "Validation Failed" naming a field GitHub found invalid (a head or base that does not exist). */
function invalidField(field: string): HttpError {
  return validationFailed([{ resource: "PullRequest", field, code: "invalid" }]);
}

/** A 422 "Validation Failed" with one of GitHub's `custom` messages. */
function customError(message: string): HttpError {
  return validationFailed([{ resource: "PullRequest", code: "custom", message }]);
}

/**
 * The branch a `head` names: `branch` or `owner:branch`. Pull requests from forks are not
 * modelled, so another owner's branch does not exist here.
 */
function headBranch(ctx: RepoContext, head: string): string | undefined {
  const colon = head.indexOf(":");
  if (colon < 0) return head;
  return head.slice(0, colon).toLowerCase() === ctx.repo.owner.toLowerCase()
    ? head.slice(colon + 1)
    : undefined;
}

const byNumber = (a: SimIssue, b: SimIssue) => a.number - b.number;
const byUpdated = (a: SimIssue, b: SimIssue) =>
  a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.number - b.number;

/**
 * GET /repos/{o}/{r}/pulls: `state`, `head` (`owner:branch`), `base`, `sort` (created or
 * updated; popularity and long-running sort by creation here), `direction` (desc by default
 * for created, asc otherwise, as GitHub documents).
 */
function listPulls(ctx: RepoContext) {
  const state = enumQuery(ctx, "state", ["open", "closed", "all"], "open");
  const sort = enumQuery(
    ctx,
    "sort",
    ["created", "updated", "popularity", "long-running"],
    "created",
  );
  const direction = enumQuery(
    ctx,
    "direction",
    ["asc", "desc"],
    sort === "created" ? "desc" : "asc",
  );
  const head = ctx.query.get("head");
  const base = ctx.query.get("base");
  // GitHub filters `head` given as `user:ref-name` only: a bare branch name is silently
  // ignored and every pull request is listed (hub4j/github-api#538, crowdin/github-action#164),
  // a trap for clients that look up "the pull request of my branch".
  const headName = head?.includes(":") ? headBranch(ctx, head) : null;
  const selected = ctx.repo.issues.filter(
    (i): i is Pull =>
      i.pull !== undefined &&
      (state === "all" || i.state === state) &&
      (headName === null || i.pull.head === headName) &&
      (base === null || base === "" || i.pull.base === base),
  );
  selected.sort(sort === "updated" ? byUpdated : byNumber);
  if (direction === "desc") selected.reverse();
  const page = paginate(ctx, selected);
  return {
    status: 200,
    body: page.items.map((i) => pullRequestSimple(ctx.api, ctx.repo, ctx.token, i)),
    headers: page.headers,
  };
}

function booleanField(ctx: RepoContext, field: string): boolean | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw unprocessable(
      `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not a boolean.`,
    );
  return value;
}

/**
 * POST /repos/{o}/{r}/pulls. Refusals are GitHub's 422 "Validation Failed": `invalid` on a
 * head or base that does not exist, and the `custom` messages "A pull request already exists
 * for owner:branch." and "No commits between <base> and <head>" (both as GitHub words them
 * in answers clients quote, e.g. peter-evans/create-pull-request#2105 and tgymnich/fork-sync#112).
 */
function createPull(ctx: RepoContext) {
  const title = stringField(ctx, "title", true);
  const head = stringField(ctx, "head", true);
  const base = stringField(ctx, "base", true);
  const body = stringField(ctx, "body", false);
  const draft = booleanField(ctx, "draft") ?? false;
  const maintainerCanModify = booleanField(ctx, "maintainer_can_modify") ?? false;
  if (title.trim() === "")
    throw validationFailed([{ resource: "PullRequest", code: "missing_field", field: "title" }]);
  const headName = headBranch(ctx, head);
  const headRef = headName === undefined ? undefined : ctx.repo.branches.get(headName);
  if (!headRef || headName === undefined) throw invalidField("head");
  const baseRef = ctx.repo.branches.get(base);
  if (!baseRef) throw invalidField("base");
  const open = ctx.repo.issues.find(
    (i) => i.pull && i.state === "open" && i.pull.head === headName && i.pull.base === base,
  );
  if (open) throw customError(`A pull request already exists for ${ctx.repo.owner}:${headName}.`);
  if (compareCommits(ctx.repo, baseRef.sha, headRef.sha).aheadBy === 0)
    throw customError(`No commits between ${base} and ${head}`);
  const created = addIssue(ctx.state, ctx.repo, {
    title,
    body: body ?? null,
    user: ctx.token.login,
    created_at: ctx.at,
    is_pull_request: true,
    pull: {
      head: headName,
      head_sha: headRef.sha,
      base,
      draft,
      maintainer_can_modify: maintainerCanModify,
    },
  });
  return { status: 201, body: pullRequest(ctx.api, ctx.repo, ctx.token, created) };
}

/** PATCH /repos/{o}/{r}/pulls/{n}: title, body, state, base, maintainer_can_modify. */
function updatePull(ctx: RepoContext) {
  const pull = pullOf(ctx);
  const title = stringField(ctx, "title", false);
  const body = stringField(ctx, "body", false);
  const state = stringField(ctx, "state", false);
  const base = stringField(ctx, "base", false);
  const maintainerCanModify = booleanField(ctx, "maintainer_can_modify");
  if (state !== undefined && state !== "open" && state !== "closed")
    throw validationFailed([
      {
        resource: "PullRequest",
        code: "invalid",
        field: "state",
        message: `state: found '${state}', allowed open, closed`,
      },
    ]);
  if (base !== undefined && !ctx.repo.branches.has(base)) throw invalidField("base");
  let changed = false;
  if (title !== undefined && title !== pull.title) [pull.title, changed] = [title, true];
  if (body !== undefined && body !== pull.body) [pull.body, changed] = [body, true];
  if (base !== undefined && base !== pull.pull.base) [pull.pull.base, changed] = [base, true];
  if (maintainerCanModify !== undefined) pull.pull.maintainer_can_modify = maintainerCanModify;
  if (changed) pull.updated_at = ctx.at;
  if (state === "open") reopenIssue(ctx.state, pull, ctx.token.login, ctx.at);
  if (state === "closed") closeIssue(ctx.state, pull, "completed", ctx.token.login, ctx.at);
  return { status: 200, body: pullRequest(ctx.api, ctx.repo, ctx.token, pull) };
}

function loginList(ctx: RepoContext, field: string): string[] {
  const value = ctx.body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === ""))
    throw unprocessable(
      `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not an array of names.`,
    );
  return value as string[];
}

/**
 * POST /repos/{o}/{r}/pulls/{n}/requested_reviewers: adds users and teams. Asking the pull
 * request's author answers 422 "Review cannot be requested from pull request author.", the
 * message clients quote (peter-evans/create-pull-request#1835, mergeability/mergeable#486).
 */
function requestReviewers(ctx: RepoContext) {
  const pull = pullOf(ctx);
  const users = loginList(ctx, "reviewers");
  const teams = loginList(ctx, "team_reviewers");
  if (users.some((u) => u.toLowerCase() === pull.user.toLowerCase()))
    throw new HttpError(
      422,
      errorBody(422, "Review cannot be requested from pull request author."),
    );
  const add = (list: string[], names: string[]) => {
    for (const name of names)
      if (!list.some((x) => x.toLowerCase() === name.toLowerCase())) list.push(name);
  };
  add(pull.pull.requested_reviewers, users);
  add(pull.pull.requested_teams, teams);
  pull.updated_at = ctx.at;
  return { status: 201, body: pullRequestSimple(ctx.api, ctx.repo, ctx.token, pull) };
}

/** DELETE /repos/{o}/{r}/pulls/{n}/requested_reviewers: removes users and teams. */
function removeReviewers(ctx: RepoContext) {
  const pull = pullOf(ctx);
  const users = loginList(ctx, "reviewers").map((u) => u.toLowerCase());
  const teams = loginList(ctx, "team_reviewers").map((t) => t.toLowerCase());
  pull.pull.requested_reviewers = pull.pull.requested_reviewers.filter(
    (r) => !users.includes(r.toLowerCase()),
  );
  pull.pull.requested_teams = pull.pull.requested_teams.filter(
    (t) => !teams.includes(t.toLowerCase()),
  );
  pull.updated_at = ctx.at;
  return { status: 200, body: pullRequestSimple(ctx.api, ctx.repo, ctx.token, pull) };
}

/** Pull request list, get, create, update and review requests. */
export const pullRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/pulls",
    permission: READ,
    handle: listPulls,
  },
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/pulls",
    permission: WRITE,
    content: true,
    handle: createPull,
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/pulls/{pull_number}",
    permission: READ,
    handle: (ctx) => ({
      status: 200,
      body: pullRequest(ctx.api, ctx.repo, ctx.token, pullOf(ctx)),
    }),
  },
  {
    scope: "repo",
    method: "PATCH",
    pattern: "/repos/{owner}/{repo}/pulls/{pull_number}",
    permission: WRITE,
    handle: updatePull,
  },
  {
    scope: "repo",
    method: "POST",
    pattern: "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
    permission: WRITE,
    handle: requestReviewers,
  },
  {
    scope: "repo",
    method: "DELETE",
    pattern: "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
    permission: WRITE,
    handle: removeReviewers,
  },
];
