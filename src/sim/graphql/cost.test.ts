import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { queryCost } from "./cost.ts";
import { handleGraphql } from "./index.ts";
import { githubSchema } from "./schema.ts";
import { gql, NOW, parts, testWorld, TOKENS } from "./graphql-world.fixture.ts";

async function costOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  return queryCost(await githubSchema(), document, getOperationAST(document)!, variables);
}

describe("GitHub's rate-limit points", () => {
  it("computes the documented example: 5,101 requests cost 51 points", async () => {
    const c = await costOf(`query { viewer { login repositories(first: 100) { edges { node { id
      issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }`);
    expect(c).toEqual({ cost: 51, nodeCount: 100 + 100 * 50 + 100 * 50 * 60, errors: [] });
  });

  it("charges at least one point, counts fragments and reads page sizes from variables", async () => {
    expect((await costOf(`{ viewer { login } }`)).cost).toBe(1);
    const c = await costOf(
      `query($n: Int!) { repository(owner: "a", name: "b") { ...F } }
       fragment F on Repository { issues(first: $n) { nodes { ... on Issue { labels(last: 100) { totalCount } } } } }`,
      { n: 100 },
    );
    expect(c).toMatchObject({ cost: 1, nodeCount: 100 + 100 * 100 });
  });

  it("refuses a query that could return more than 500,000 nodes", async () => {
    const c = await costOf(`{ viewer { repositories(first: 100) { nodes { issues(first: 100) {
      nodes { labels(first: 100) { totalCount } } } } } } }`);
    expect(c.errors.map((e) => [e.extensions.type, e.message])).toEqual([
      [
        "MAX_NODE_LIMIT_EXCEEDED",
        "This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.",
      ],
    ]);
  });

  it("reports the request's cost and the token's budget in rateLimit", async () => {
    const world = testWorld();
    const token = world.state.tokens.get(TOKENS.admin)!;
    const r = await handleGraphql({
      body: { query: `{ rateLimit { cost limit remaining used resetAt nodeCount } }` },
      token,
      state: world.state,
      clock: world.clock,
      rate: {
        limit: 5000,
        used: 120,
        remaining: 4880,
        reset: NOW / 1000 + 1800,
        resource: "graphql",
      },
    });
    expect(parts(r).data).toEqual({
      rateLimit: {
        cost: 1,
        limit: 5000,
        remaining: 4879,
        used: 121,
        resetAt: "2026-06-01T00:30:00Z",
        nodeCount: 0,
      },
    });
    expect(r.cost).toBe(1);
    const fresh = await gql(world, `{ rateLimit { remaining resetAt } }`);
    expect(parts(fresh).data).toEqual({
      rateLimit: { remaining: 4999, resetAt: "2026-06-01T01:00:00Z" },
    });
  });

  it("returns the cost of a listing with the response so the server can charge it", async () => {
    const r = await gql(
      testWorld(),
      `{ repository(owner: "acme", name: "api") { issues(first: 100) { nodes {
           labels(first: 100) { totalCount } projectItems(first: 100) { totalCount } } } } }`,
    );
    // 1 (issues) + 100 (labels) + 100 (projectItems) requests = 201 -> 2 points.
    expect(r.cost).toBe(2);
  });
});
