import { describe, expect, it } from "vitest";
import { githubSchema, handleGraphql } from "./index.ts";
import { gql, parts, testWorld, TOKENS } from "./graphql-world.fixture.ts";

describe("documents GitHub's schema rejects", () => {
  it("answers an unknown field like GitHub: 200, errors with path and code, no data", async () => {
    const r = await gql(
      testWorld(),
      `query Q { repository(owner: "acme", name: "api") { stars } }`,
    );
    expect(r.status).toBe(200);
    expect(r.operation).toBe("Q");
    expect(r.body).toEqual({
      errors: [
        {
          message: "Field 'stars' doesn't exist on type 'Repository'",
          path: ["query Q", "repository", "stars"],
          extensions: { code: "undefinedField", typeName: "Repository", fieldName: "stars" },
          locations: [{ line: 1, column: 52 }],
        },
      ],
    });
  });

  it("rejects an argument the field does not take and a missing required argument", async () => {
    const r = await gql(
      testWorld(),
      `{ repository(owner: "acme", name: "api") { issues(first: 1, sort: NEWEST) { totalCount } }
         organization { login } }`,
    );
    const { data, errors } = parts(r);
    expect(data).toBeUndefined();
    expect(errors?.map((e) => [e.message, e.path])).toEqual([
      ["Field 'issues' doesn't accept argument 'sort'", ["query", "repository", "issues", "sort"]],
      ["Field 'organization' is missing required arguments: login", ["query", "organization"]],
    ]);
  });

  it("rejects a field of an object type without a selection, and a wrong argument type", async () => {
    const r = await gql(testWorld(), `{ viewer { login } organization(login: 7) }`);
    const messages = parts(r).errors?.map((e) => e.message);
    expect(messages).toContain(
      "Field must have selections (field 'organization' returns Organization but has no selections. Did you mean 'organization { ... }'?)",
    );
    expect(messages?.some((m) => /String cannot represent a non string value: 7/.test(m))).toBe(
      true,
    );
  });

  it("reports a syntax error with its location", async () => {
    const r = await gql(testWorld(), `{ viewer { login }`);
    expect(parts(r).errors).toEqual([
      {
        message: "Syntax Error: Expected Name, found <EOF>.",
        locations: [{ line: 1, column: 19 }],
      },
    ]);
  });

  it("refuses connections without first/last or with more than 100, before running anything", async () => {
    const world = testWorld();
    const missing = await gql(
      world,
      `{ repository(owner: "acme", name: "api") { issues(states: OPEN) { totalCount } } }`,
    );
    expect(parts(missing)).toEqual({
      errors: [
        {
          type: "MISSING_PAGINATION_BOUNDARIES",
          path: ["repository", "issues"],
          locations: [{ line: 1, column: 44 }],
          message:
            "You must provide a `first` or `last` value to properly paginate the `issues` connection.",
        },
      ],
    });
    const tooMany = await gql(
      world,
      `query($n: Int) { repository(owner: "acme", name: "api") { issues(first: $n) { totalCount } } }`,
      { variables: { n: 101 } },
    );
    expect(parts(tooMany).errors?.[0]).toMatchObject({
      type: "EXCESSIVE_PAGINATION",
      message:
        "Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.",
    });
  });

  it("rejects variables of the wrong type and a body without a query", async () => {
    const world = testWorld();
    const r = await gql(
      world,
      `query($n: Int!) { repository(owner: "acme", name: "api") { issue(number: $n) { id } } }`,
      { variables: { n: "one" } },
    );
    expect(parts(r).errors?.[0]?.message).toMatch(/Variable "\$n" got invalid value "one"/);
    const token = world.state.tokens.get(TOKENS.admin)!;
    const empty = await handleGraphql({ body: {}, token, state: world.state, clock: world.clock });
    expect(empty.body).toEqual({
      errors: [{ message: "A query attribute must be specified and must be a string." }],
    });
  });

  it("needs an operation name when the document has several operations", async () => {
    const world = testWorld();
    const doc = `query A { viewer { login } } query B { rateLimit { cost } }`;
    expect(parts(await gql(world, doc)).errors?.[0]?.message).toBe("An operation name is required");
    const b = await gql(world, doc, { operationName: "B" });
    expect(b.operation).toBe("B");
    expect(parts(b).data).toEqual({ rateLimit: { cost: 1 } });
  });

  it("names a field the simulator does not model instead of answering null", async () => {
    const r = await gql(
      testWorld(),
      `{ repository(owner: "acme", name: "api") { stargazerCount } }`,
    );
    expect(parts(r).errors?.[0]).toMatchObject({
      path: ["repository", "stargazerCount"],
      message: expect.stringContaining("does not implement Repository.stargazerCount"),
    });
  });
});

describe("the schema", () => {
  it("builds GitHub's schema once per process", async () => {
    const first = await githubSchema();
    expect(await githubSchema()).toBe(first);
    expect(first.getType("ProjectV2SingleSelectField")).toBeDefined();
    expect(first.getMutationType()?.getFields().addProjectV2ItemById).toBeDefined();
  });
});
