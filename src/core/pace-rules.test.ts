import { describe, expect, it } from "vitest";
import { githubPaceRules, requestCost } from "./pace-rules.ts";

// GitHub's documented table ("About secondary rate limits"): REST GET, HEAD and OPTIONS cost
// 1 point, other methods 5; GraphQL queries 1 point, mutations 5; content-creating requests are
// counted on their own. Deleting is not listed as creating content.
const api = "https://api.github.com";
const cost = (method: string, path: string, body?: unknown, rules = githubPaceRules) =>
  requestCost(
    method,
    new URL(`${api}${path}`),
    body === undefined ? undefined : JSON.stringify(body),
    rules,
  );

describe("requestCost", () => {
  it.each([
    ["GET", "/repos/acme/api/issues", { restPoints: 1, graphqlPoints: 0, content: 0 }],
    ["HEAD", "/repos/acme/api", { restPoints: 1, graphqlPoints: 0, content: 0 }],
    ["DELETE", "/repos/acme/api/actions/runs/1", { restPoints: 5, graphqlPoints: 0, content: 0 }],
    ["POST", "/repos/acme/api/issues/1/comments", { restPoints: 5, graphqlPoints: 0, content: 1 }],
    ["PATCH", "/repos/acme/api/issues/1", { restPoints: 5, graphqlPoints: 0, content: 1 }],
    ["PUT", "/repos/acme/api/contents/x", { restPoints: 5, graphqlPoints: 0, content: 1 }],
  ])("%s %s", (method, path, expected) => expect(cost(method, path)).toEqual(expected));

  it("charges a GraphQL query 1 point and creates nothing", () => {
    expect(cost("POST", "/graphql", { query: "query { viewer { login } }" })).toEqual({
      restPoints: 0,
      graphqlPoints: 1,
      content: 0,
    });
  });

  it("charges a batched mutation 5 points, and by the safe reading one content request per alias", () => {
    const query = `mutation { a: addProjectV2ItemById(input: {projectId: "p", contentId: "1"}) { item { id } }
      b: addProjectV2ItemById(input: {projectId: "p", contentId: "2"}) { item { id } }
      c: addProjectV2ItemById(input: {projectId: "p", contentId: "3"}) { item { id } } }`;
    expect(cost("POST", "/graphql", { query })).toEqual({
      restPoints: 0,
      graphqlPoints: 5,
      content: 3,
    });
    expect(
      cost(
        "POST",
        "/graphql",
        { query },
        { ...githubPaceRules, countMutationAliasesAsContent: false },
      ),
    ).toEqual({ restPoints: 0, graphqlPoints: 5, content: 1 });
  });

  it("finds GraphQL under a GitHub Enterprise Server root", () => {
    expect(
      requestCost(
        "POST",
        new URL("https://ghe.example/api/graphql"),
        JSON.stringify({ query: "{ viewer { login } }" }),
      ),
    ).toEqual({ restPoints: 0, graphqlPoints: 1, content: 0 });
  });
});
