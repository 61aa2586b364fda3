import { describe, expect, it } from "vitest";
import {
  addIssue,
  addProject,
  addProjectItem,
  addToken,
  closeIssue,
  getRepo,
  iso,
} from "../state.ts";
import { gql, NOW, parts, testWorld, TOKENS, type TestWorld } from "./graphql-world.fixture.ts";

const LIST = `query List($owner: String!, $name: String!, $after: String, $first: Int = 100) {
  repository(owner: $owner, name: $name) {
    id nameWithOwner isArchived
    issues(first: $first, after: $after, states: OPEN, orderBy: {field: CREATED_AT, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id number title state projectItems(first: 1) { totalCount } }
    }
  }
}`;

interface IssuePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; number: number; title: string; projectItems: { totalCount: number } }[];
}

async function listPage(world: TestWorld, vars: Record<string, unknown>): Promise<IssuePage> {
  const r = await gql(world, LIST, { variables: { owner: "acme", name: "api", ...vars } });
  expect(parts(r).errors).toBeUndefined();
  return (parts(r).data as { repository: { issues: IssuePage } }).repository.issues;
}

describe("repository.issues", () => {
  it("lists open issues only (no pull requests) with how many boards each is on", async () => {
    const world = testWorld();
    const page = await listPage(world, {});
    expect(page.totalCount).toBe(5);
    expect(page.nodes.map((n) => [n.number, n.projectItems.totalCount])).toEqual([
      [1, 0],
      [2, 1],
      [3, 1],
      // Archived on board 8: GitHub's includeArchived defaults to true, so it still counts.
      [4, 1],
      [7, 0],
    ]);
  });

  it("leaves archived items out when includeArchived is false", async () => {
    const world = testWorld();
    const r = await gql(
      world,
      `query($id: ID!) { node(id: $id) { ... on Issue {
         all: projectItems(first: 5) { totalCount nodes { isArchived project { number title } } }
         live: projectItems(first: 5, includeArchived: false) { totalCount } } } }`,
      { variables: { id: world.issues.archivedOnOther.node_id } },
    );
    expect(parts(r).data).toEqual({
      node: {
        all: {
          totalCount: 1,
          nodes: [{ isArchived: true, project: { number: 8, title: "Other" } }],
        },
        live: { totalCount: 0 },
      },
    });
  });

  it("leaves out items on boards the token cannot see: another org's, a user's", async () => {
    const world = testWorld();
    const { bug } = world.issues;
    for (const owner of ["acme-labs", "alice"]) {
      const board = addProject(world.state, { owner, number: 1, title: owner, statusOptions: [] });
      addProjectItem(world.state, board, bug.node_id, iso(NOW));
    }
    addToken(world.state, { token: "acme-app", login: "acme-app[bot]", owners: ["acme"] });
    const count = async (token: string) => {
      const r = await gql(
        world,
        `query($id: ID!) { node(id: $id) { ... on Issue { projectItems(first: 5) { totalCount } } } }`,
        { variables: { id: bug.node_id }, token },
      );
      return (parts(r).data as { node: { projectItems: { totalCount: number } } }).node.projectItems
        .totalCount;
    };
    expect(await count(TOKENS.admin)).toBe(2);
    expect(await count("acme-app")).toBe(0);
    const board = await gql(
      world,
      `{ organization(login: "acme-labs") { projectV2(number: 1) { id } } }`,
      {
        token: "acme-app",
      },
    );
    expect(parts(board).errors?.[0]).toMatchObject({ type: "NOT_FOUND" });
  });

  it("pages with cursors that survive the list changing between pages", async () => {
    const world = testWorld();
    const repo = getRepo(world.state, "acme", "api")!;
    for (let i = 0; i < 250; i++)
      addIssue(world.state, repo, {
        title: `generated ${i}`,
        user: "bot",
        created_at: iso(NOW - 1000 * (250 - i)),
      });
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await listPage(world, { after });
      pages += 1;
      seen.push(...page.nodes.map((n) => n.number));
      // Someone closes an issue of the page just read: the next page must not skip or repeat.
      if (pages === 1)
        closeIssue(
          world.state,
          repo.issues[page.nodes[10]!.number - 1]!,
          "completed",
          "x",
          iso(NOW),
        );
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(255);
    expect(new Set(seen).size).toBe(255);
  });

  it("filters by label (any of them) and orders newest first on request", async () => {
    const world = testWorld();
    const r = await gql(
      world,
      `{ repository(owner: "acme", name: "api") {
           issues(first: 10, labels: ["docs", "BUG"], orderBy: {field: CREATED_AT, direction: DESC}) {
             nodes { number state labels(first: 5) { nodes { name } } } } } }`,
    );
    expect(parts(r).data).toEqual({
      repository: {
        issues: {
          nodes: [
            { number: 7, state: "OPEN", labels: { nodes: [{ name: "docs" }] } },
            { number: 5, state: "CLOSED", labels: { nodes: [{ name: "docs" }] } },
            { number: 1, state: "OPEN", labels: { nodes: [{ name: "bug" }, { name: "triage" }] } },
          ],
        },
      },
    });
  });

  it("answers the timeline, filtered by item type, with actors and times", async () => {
    const world = testWorld();
    const r = await gql(
      world,
      `{ repository(owner: "acme", name: "api") {
           bug: issue(number: 1) { timelineItems(first: 10, itemTypes: [LABELED_EVENT, ISSUE_COMMENT]) {
             totalCount nodes { __typename
               ... on LabeledEvent { actor { login } createdAt label { name } }
               ... on IssueComment { author { login } body createdAt } } } }
           closed: issue(number: 5) { stateReason timelineItems(last: 1) {
             nodes { ... on ClosedEvent { actor { login } stateReason } } } } } }`,
    );
    expect(parts(r).data).toEqual({
      repository: {
        bug: {
          timelineItems: {
            totalCount: 3,
            nodes: [
              {
                __typename: "LabeledEvent",
                actor: { login: "alice" },
                createdAt: iso(NOW - 50 * 86_400_000),
                label: { name: "bug" },
              },
              {
                __typename: "LabeledEvent",
                actor: { login: "carol" },
                createdAt: iso(NOW - 49 * 86_400_000),
                label: { name: "triage" },
              },
              {
                __typename: "IssueComment",
                author: { login: "bob" },
                body: "Seen on 1.2 too",
                createdAt: iso(NOW - 48 * 86_400_000),
              },
            ],
          },
        },
        closed: {
          stateReason: "COMPLETED",
          timelineItems: { nodes: [{ actor: { login: "alice" }, stateReason: "COMPLETED" }] },
        },
      },
    });
  });

  it("answers a pull request number given to issue() as NOT_FOUND", async () => {
    const r = await gql(
      testWorld(),
      `{ repository(owner: "acme", name: "api") { issue(number: 6) { id } } }`,
    );
    expect(parts(r)).toEqual({
      data: { repository: { issue: null } },
      errors: [
        expect.objectContaining({
          type: "NOT_FOUND",
          path: ["repository", "issue"],
          message: "Could not resolve to an Issue with the number of 6.",
        }),
      ],
    });
  });
});

describe("repository visibility and permissions", () => {
  it("answers NOT_FOUND for a repository that does not exist or the token cannot see", async () => {
    const world = testWorld();
    for (const [name, token] of [
      ["nope", TOKENS.admin],
      ["secret", TOKENS.scoped],
    ] as const) {
      const r = await gql(world, LIST, { token, variables: { owner: "acme", name } });
      expect(parts(r)).toEqual({
        data: { repository: null },
        errors: [
          {
            type: "NOT_FOUND",
            path: ["repository"],
            locations: [{ line: 2, column: 3 }],
            message: `Could not resolve to a Repository with the name 'acme/${name}'.`,
          },
        ],
      });
    }
  });

  it("refuses board membership to a GITHUB_TOKEN instead of reporting zero boards", async () => {
    const world = testWorld();
    const r = await gql(world, LIST, {
      token: TOKENS.workflow,
      variables: { owner: "acme", name: "api" },
    });
    const { data, errors } = parts(r);
    expect(errors).toHaveLength(5);
    expect(errors?.[0]).toMatchObject({
      type: "FORBIDDEN",
      path: ["repository", "issues", "nodes", 0, "projectItems"],
      message: "Resource not accessible by integration",
    });
    // projectItems is non-null, so each issue is null: none of them claims to be on no board.
    const issues = (data as { repository: { issues: IssuePage } }).repository.issues;
    expect(issues.nodes).toEqual([null, null, null, null, null]);
  });

  it("hides issues of repositories the token cannot see from node lookups", async () => {
    const world = testWorld();
    const r = await gql(world, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      token: TOKENS.scoped,
      variables: { ids: [world.issues.bug.node_id, world.secretIssue.node_id] },
    });
    expect(parts(r)).toEqual({
      data: { nodes: [{ id: world.issues.bug.node_id }, null] },
      errors: [
        expect.objectContaining({
          type: "NOT_FOUND",
          path: ["nodes", 1],
          message: `Could not resolve to a node with the global id of '${world.secretIssue.node_id}'`,
        }),
      ],
    });
  });
});
