import { afterEach, describe, expect, it } from "vitest";
import { addRepo, addToken, createState, startSim, type Sim } from "../sim/index.ts";
import { createClient } from "./client.ts";
import { ApiError } from "./errors.ts";
import { graphqlCall, graphqlError, graphqlQuery } from "./graphql-call.ts";
import { memoryLogger } from "./logger.ts";

const NOW = Date.parse("2026-06-01T00:00:00Z");
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function world(hourlyLimit = 5000) {
  const state = createState({ now: NOW });
  addToken(state, { token: "gql-token", login: "fleet-bot", hourlyLimit });
  addRepo(state, { owner: "acme", name: "api", created_at: "2026-01-01T00:00:00Z" });
  sim = await startSim(state, { clock: "manual" });
  const client = (token = "gql-token") =>
    createClient({
      token,
      baseUrl: sim!.url,
      log: memoryLogger(),
      timings: { pace: null, retryAfterUnitMs: 1, retryBackoffUnitMs: 1 },
    });
  return { client };
}

const TWO = `query Two { a: repository(owner: "acme", name: "api") { name } b: repository(owner: "acme", name: "gone") { name } }`;

describe("graphqlCall", () => {
  it("returns what resolved next to the errors of what did not", async () => {
    const { client } = await world();
    const answer = await graphqlCall<{ a: { name: string } | null; b: null }>(client(), TWO, {});
    expect(answer.data).toEqual({ a: { name: "api" }, b: null });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        type: "NOT_FOUND",
        path: ["b"],
        message: "Could not resolve to a Repository with the name 'acme/gone'.",
      }),
    ]);
  });

  it("throws a rate-limited ApiError when the GraphQL budget is spent, never an empty answer", async () => {
    const { client } = await world(1);
    const c = client();
    await graphqlCall(c, TWO, {});
    const error = await graphqlCall(c, TWO, {}, { repository: "acme/api" }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: "rate-limited" });
    expect((error as ApiError).message).toMatch(
      /^acme\/api: the primary rate limit is exhausted \(0 requests left; resets at /,
    );
  });

  it("throws an unauthorized ApiError for a bad token", async () => {
    const { client } = await world();
    await expect(graphqlCall(client("nope"), TWO, {})).rejects.toMatchObject({
      kind: "unauthorized",
      status: 401,
    });
  });
});

describe("graphqlQuery", () => {
  it("throws the first error's kind with every message, for a query that must fully resolve", async () => {
    const { client } = await world();
    await expect(graphqlQuery(client(), TWO, {}, { doing: "reading" })).rejects.toMatchObject({
      kind: "not-found",
      message: "reading: Could not resolve to a Repository with the name 'acme/gone'.",
    });
  });

  it("calls a query GitHub's schema rejects invalid, keeping the message", async () => {
    const { client } = await world();
    const error = (await graphqlQuery(client(), "query Bad { repository { nope } }", {}).catch(
      (e) => e,
    )) as ApiError;
    expect(error.kind).toBe("invalid");
    expect(error.message).toBe(
      "Field 'nope' doesn't exist on type 'Repository'; Field 'repository' is missing required arguments: name; Field 'repository' is missing required arguments: owner",
    );
  });
});

describe("graphqlError", () => {
  it("keeps FORBIDDEN as forbidden", () => {
    const e = graphqlError([
      { type: "FORBIDDEN", message: "Resource not accessible by integration" },
    ]);
    expect(e).toMatchObject({
      kind: "forbidden",
      message: "Resource not accessible by integration",
    });
  });
});
