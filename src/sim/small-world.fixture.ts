/**
 * Small worlds and their parts for tests, and a raw HTTP caller for the simulator's own tests:
 * they talk to a running simulator over loopback like any client, without Octokit's retries in
 * the way.
 */
import type { SimEventKind } from "./event-kinds.ts";
import {
  addComment,
  addIssue,
  addIssueEvent,
  addIssueLabel,
  addRepo,
  addToken,
  blobSha,
  createState,
  iso,
  removeIssueLabel,
  type SimEvent,
  type SimIssue,
  type SimRepo,
  type SimState,
  type SimToken,
} from "./state.ts";

/** The moment the test worlds describe. */
export const NOW = Date.parse("2026-06-01T00:00:00Z");

/** `NOW` minus `days`, as a GitHub timestamp. */
export const daysAgo = (days: number) => iso(NOW - days * 86_400_000);

/** An org `acme` with repository `acme/api` and an admin token `ghs_admin` (login `fleet[bot]`). */
export function smallWorld(): { state: SimState; repo: SimRepo; admin: SimToken } {
  const state = createState({ now: NOW, seed: 7 });
  const repo = addRepo(state, { owner: "acme", name: "api", created_at: daysAgo(400) });
  const admin = addToken(state, { token: "ghs_admin", login: "fleet[bot]" });
  return { state, repo, admin };
}

/**
 * The two tokens board tests hold besides an admin's: `workflow`, a workflow's GITHUB_TOKEN for
 * acme/api (which can never reach an organisation's boards), and `reader`, an App that may read
 * issues and boards and write nothing.
 */
export function addBoardTestTokens(state: SimState, tokens: { workflow: string; reader: string }) {
  addToken(state, {
    token: tokens.workflow,
    login: "github-actions[bot]",
    kind: "github_token",
    repositories: ["acme/api"],
  });
  addToken(state, {
    token: tokens.reader,
    login: "reader[bot]",
    permissions: { issues: "read", metadata: "read", organization_projects: "read" },
  });
}

/**
 * Records one event of `kind` by `actor` on an issue, with the detail its kind carries: a
 * comment, a label, a rename, a mentioning issue... (`closed` and `reopened` are recorded
 * without changing the issue's state: tests read them as timeline entries).
 */
export function addEventOfKind(
  state: SimState,
  repo: SimRepo,
  issue: SimIssue,
  kind: SimEventKind,
  actor: string,
  at: string,
): SimEvent {
  if (kind === "commented") {
    addComment(state, issue, `a comment by ${actor}`, actor, at);
    return issue.events.at(-1)!;
  }
  if (kind === "labeled" || kind === "unlabeled") {
    addIssueLabel(state, repo, issue, `touched-${issue.number}`, actor, at);
    if (kind === "unlabeled") removeIssueLabel(state, issue, `touched-${issue.number}`, actor, at);
    return issue.events.at(-1)!;
  }
  const detail: Partial<SimEvent> =
    {
      renamed: { rename: { from: issue.title, to: `${issue.title} (renamed)` } },
      assigned: { assignee: actor },
      unassigned: { assignee: actor },
      milestoned: { milestone: "v1" },
      demilestoned: { milestone: "v1" },
      committed: { commit_id: blobSha(`${issue.number} ${at}`), message: "Fix it" },
      referenced: { commit_id: blobSha(`${issue.number} ${at}`) },
    }[kind as string] ?? {};
  if (kind === "cross-referenced") {
    const from = addIssue(state, repo, {
      title: `mentions #${issue.number}`,
      user: actor,
      created_at: at,
    });
    detail.source = from.number;
  }
  return addIssueEvent(state, issue, { event: kind, actor, created_at: at, ...detail });
}

/** A response as a test reads it. */
export interface RawResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed JSON (typed by the caller), or undefined for an empty body. */
  body: T;
}

/**
 * One request. `token` defaults to `ghs_admin`; `null` sends no Authorization header. A body
 * that is not JSON is a test failure, not a silent undefined.
 */
export async function call<T = { message: string }>(
  url: string,
  method: string,
  path: string,
  o: { body?: unknown; token?: string | null; scheme?: "token" | "Bearer" } = {},
): Promise<RawResponse<T>> {
  const token = o.token === undefined ? "ghs_admin" : o.token;
  const headers: Record<string, string> = { accept: "application/vnd.github+json" };
  if (token !== null) headers.authorization = `${o.scheme ?? "token"} ${token}`;
  if (o.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  const body = (text === "" ? undefined : JSON.parse(text)) as T;
  return { status: res.status, headers: res.headers, body };
}
