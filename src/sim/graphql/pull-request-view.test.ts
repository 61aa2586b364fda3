import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "../index.ts";
import { call, daysAgo, smallWorld } from "../small-world.fixture.ts";
import { addComment, addIssue, addToken, commitFiles, makeFile, type SimIssue } from "../state.ts";

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { type?: string; message: string }[];
};

let sim: Sim;
let pull: SimIssue;

beforeAll(async () => {
  const { state, repo } = smallWorld();
  const main = repo.branches.get("main")!;
  repo.branches.set("fleet/adl", { ...main });
  const branch = repo.branches.get("fleet/adl")!;
  commitFiles(
    repo,
    branch,
    new Map([...branch.files, [".adl-version", makeFile("0.10.0\n")]]),
    "Bump",
  );
  addIssue(state, repo, { title: "An issue", user: "alice", created_at: daysAgo(3) });
  pull = addIssue(state, repo, {
    title: "Bump ADL",
    body: "Bumps it.",
    user: "fleet[bot]",
    created_at: daysAgo(2),
    is_pull_request: true,
    labels: ["dependencies"],
    pull: {
      head: "fleet/adl",
      head_sha: branch.sha,
      requested_reviewers: ["alice"],
      requested_teams: ["platform"],
    },
  });
  pull.assignees.push("bob");
  addComment(state, pull, "Looks good", "carol", daysAgo(1));
  addIssue(state, repo, {
    title: "Old one",
    user: "dave",
    created_at: daysAgo(10),
    is_pull_request: true,
  });
  addToken(state, { token: "ghs_issues", login: "issues[bot]", permissions: { issues: "write" } });
  sim = await startSim(state, { clock: "manual" });
});
afterAll(() => sim.close());

async function gql(query: string, variables: Record<string, unknown> = {}, token = "ghs_admin") {
  const r = await call<Answer>(sim.url, "POST", "/graphql", { body: { query, variables }, token });
  expect(r.status).toBe(200);
  return r.body;
}

const FIELDS = `id number url title body state isDraft merged headRefName headRefOid baseRefName
  author { login } labels(first: 5) { nodes { name } } assignees(first: 5) { nodes { login } }
  reviewRequests(first: 5) { nodes { requestedReviewer { ... on User { login } ... on Team { slug } } } }
  comments(last: 1) { nodes { body author { login } } }`;

describe("Repository.pullRequests and pullRequest", () => {
  it("finds the open pull request from a head branch, with everything a bump needs", async () => {
    const r = await gql(`{ repository(owner: "acme", name: "api") {
      pullRequests(headRefName: "fleet/adl", baseRefName: "main", states: [OPEN], first: 5,
        orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { ${FIELDS} } } } }`);
    expect(r.errors).toBeUndefined();
    const list = (r.data!.repository as { pullRequests: { totalCount: number; nodes: unknown[] } })
      .pullRequests;
    expect(list.totalCount).toBe(1);
    expect(list.nodes[0]).toEqual({
      id: pull.node_id,
      number: pull.number,
      url: `https://github.com/acme/api/pull/${pull.number}`,
      title: "Bump ADL",
      body: "Bumps it.",
      state: "OPEN",
      isDraft: false,
      merged: false,
      headRefName: "fleet/adl",
      headRefOid: pull.pull!.head_sha,
      baseRefName: "main",
      author: { login: "fleet" },
      labels: { nodes: [{ name: "dependencies" }] },
      assignees: { nodes: [{ login: "bob" }] },
      reviewRequests: {
        nodes: [
          { requestedReviewer: { login: "alice" } },
          { requestedReviewer: { slug: "platform" } },
        ],
      },
      comments: { nodes: [{ body: "Looks good", author: { login: "carol" } }] },
    });
  });

  it("lists every pull request (never issues) oldest first, and reads one by number", async () => {
    const r = await gql(`{ repository(owner: "acme", name: "api") {
      pullRequests(first: 10) { nodes { title headRefName } }
      one: pullRequest(number: ${pull.number}) { title }
      missing: pullRequest(number: 1) { title } } }`);
    const repo = r.data!.repository as Record<string, unknown>;
    expect(repo.pullRequests).toEqual({
      nodes: [
        { title: "Old one", headRefName: "pr-3" },
        { title: "Bump ADL", headRefName: "fleet/adl" },
      ],
    });
    expect(repo.one).toEqual({ title: "Bump ADL" });
    expect(repo.missing).toBeNull();
    expect(r.errors?.[0]).toMatchObject({
      type: "NOT_FOUND",
      message: "Could not resolve to a PullRequest with the number of 1.",
    });
  });

  it("needs pull_requests read", async () => {
    const r = await gql(
      `{ repository(owner: "acme", name: "api") { pullRequests(first: 1) { totalCount } } }`,
      {},
      "ghs_issues",
    );
    expect(r.errors?.[0]).toMatchObject({ type: "FORBIDDEN" });
  });
});

describe("draft mutations", () => {
  it("converts to draft and back", async () => {
    const toDraft = await gql(
      `mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }`,
      { id: pull.node_id },
    );
    expect(toDraft.data).toEqual({ convertPullRequestToDraft: { pullRequest: { isDraft: true } } });
    const ready = await gql(
      `mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }`,
      { id: pull.node_id },
    );
    expect(ready.data).toEqual({
      markPullRequestReadyForReview: { pullRequest: { isDraft: false } },
    });
    const denied = await gql(
      `mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { clientMutationId } }`,
      { id: pull.node_id },
      "ghs_issues",
    );
    expect(denied.errors?.[0]).toMatchObject({ type: "FORBIDDEN" });
  });
});
