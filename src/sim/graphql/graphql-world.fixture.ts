import { createSimClock } from "../clock.ts";
import { addBoardTestTokens } from "../small-world.fixture.ts";
import {
  addComment,
  addIssue,
  addIssueLabel,
  addProject,
  addProjectItem,
  addRepo,
  addToken,
  closeIssue,
  createState,
  iso,
  type SimClock,
  type SimIssue,
  type SimProject,
  type SimState,
} from "../state.ts";
import type { GithubErrorJson } from "./errors.ts";
import { handleGraphql, type GraphqlResponse } from "./index.ts";

/** A small org for the GraphQL tests, built with the model's own functions. */
export interface TestWorld {
  state: SimState;
  clock: SimClock;
  roadmap: SimProject;
  other: SimProject;
  /** acme/api issues by role. */
  issues: {
    bug: SimIssue;
    onRoadmap: SimIssue;
    onOther: SimIssue;
    archivedOnOther: SimIssue;
    closed: SimIssue;
    pull: SimIssue;
    orphan: SimIssue;
  };
  /** acme/old is archived; its one open issue is on no board. */
  archivedRepoIssue: SimIssue;
  /** An issue of acme/secret, which the `scoped` token cannot see. */
  secretIssue: SimIssue;
}

export const NOW = Date.parse("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

/** Tokens of the world: every permission, a workflow token, a read-only app, a scoped app. */
export const TOKENS = {
  admin: "admin-token",
  workflow: "ghs_workflow",
  reader: "reader-token",
  scoped: "scoped-token",
  noProjects: "no-projects-token",
} as const;

/** Builds the world; every call gives an equal, fresh one. */
export function testWorld(): TestWorld {
  const state = createState({ now: NOW });
  const clock = createSimClock("manual", NOW);
  const at = (daysAgo: number) => iso(NOW - daysAgo * DAY);
  const api = addRepo(state, { owner: "acme", name: "api", created_at: at(400) });
  const old = addRepo(state, { owner: "acme", name: "old", archived: true, created_at: at(900) });
  const secret = addRepo(state, {
    owner: "acme",
    name: "secret",
    private: true,
    created_at: at(300),
  });
  const issue = (title: string, daysAgo: number, labels: string[] = []) =>
    addIssue(state, api, { title, user: "alice", created_at: at(daysAgo), labels });
  const bug = issue("Crash on start", 50, ["bug"]);
  const onRoadmap = issue("Dark mode", 40, ["enhancement"]);
  const onOther = issue("Faster builds", 30);
  const archivedOnOther = issue("Old idea", 20);
  const closed = issue("Typo in docs", 10, ["docs"]);
  const pull = addIssue(state, api, {
    title: "Fix crash",
    user: "bob",
    created_at: at(9),
    is_pull_request: true,
  });
  const orphan = issue("Docs for the CLI", 5, ["docs"]);
  addIssueLabel(state, api, bug, "triage", "carol", at(49));
  addComment(state, bug, "Seen on 1.2 too", "bob", at(48));
  closeIssue(state, closed, "completed", "alice", at(8));

  const roadmap = addProject(state, {
    owner: "acme",
    number: 7,
    title: "Roadmap",
    statusOptions: ["Todo", "In progress", "QA", "Done"],
  });
  const other = addProject(state, {
    owner: "acme",
    number: 8,
    title: "Other",
    statusOptions: ["New"],
  });
  const item = addProjectItem(state, roadmap, onRoadmap.node_id, at(39));
  item.fieldValues[roadmap.fields[0]!.id] = roadmap.fields[0]!.options[0]!.id;
  addProjectItem(state, other, onOther.node_id, at(29));
  addProjectItem(state, other, archivedOnOther.node_id, at(19)).archived = true;

  const archivedRepoIssue = addIssue(state, old, {
    title: "Legacy",
    user: "alice",
    created_at: at(800),
  });
  const secretIssue = addIssue(state, secret, {
    title: "Hidden",
    user: "alice",
    created_at: at(100),
  });
  addProjectItem(state, roadmap, secretIssue.node_id, at(99));

  addToken(state, { token: TOKENS.admin, login: "fleet-admin" });
  addBoardTestTokens(state, TOKENS);
  addToken(state, {
    token: TOKENS.scoped,
    login: "fleet[bot]",
    repositories: ["acme/api", "acme/old"],
  });
  addToken(state, {
    token: TOKENS.noProjects,
    login: "plain[bot]",
    permissions: { issues: "write", metadata: "read" },
  });
  return {
    state,
    clock,
    roadmap,
    other,
    issues: { bug, onRoadmap, onOther, archivedOnOther, closed, pull, orphan },
    archivedRepoIssue,
    secretIssue,
  };
}

/** Sends one GraphQL request straight to the handler, as the server would. */
export function gql(
  world: TestWorld,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; operationName?: string } = {},
): Promise<GraphqlResponse> {
  const token = world.state.tokens.get(options.token ?? TOKENS.admin);
  if (!token) throw new Error(`no token ${options.token}`);
  return handleGraphql({
    body: { query, variables: options.variables, operationName: options.operationName },
    token,
    state: world.state,
    clock: world.clock,
  });
}

/** The `data` and `errors` of a response body. */
export function parts(response: GraphqlResponse): {
  data: Record<string, unknown> | null | undefined;
  errors: GithubErrorJson[] | undefined;
} {
  return response.body as ReturnType<typeof parts>;
}
