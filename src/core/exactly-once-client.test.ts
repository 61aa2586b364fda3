import { afterEach, describe, expect, it } from "vitest";
import { fastTimings } from "../../test/helpers/deps.ts";
import { startSim, type Sim } from "../sim/index.ts";
import { addIssue, addRepo, addToken, createState, iso } from "../sim/state.ts";
import { createClient } from "./client.ts";
import { classifyError } from "./errors.ts";
import { memoryLogger } from "./logger.ts";
import { CutShortAnswerError } from "./whole-body-fetch.ts";

// What the client does when an answer is lost after the server acted: a read is sent again,
// a create never is (the action checks its marker first), and a body cut short is an error,
// never data.

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function world() {
  const now = Date.now();
  const state = createState({ now });
  const repo = addRepo(state, { owner: "acme", name: "api", created_at: iso(now - 86_400_000) });
  addIssue(state, repo, { title: "one", user: "octo", created_at: iso(now - 60_000) });
  addToken(state, { token: "ghs_once", login: "fleet[bot]", hourlyLimit: 5000 });
  sim = await startSim(state);
  const client = createClient({
    token: "ghs_once",
    baseUrl: sim.url,
    log: memoryLogger(),
    timings: fastTimings,
  });
  return { sim, repo, client };
}

const comment = { owner: "acme", repo: "api", issue_number: 1, body: "hello" };

describe("the client, when an answer is lost after the server acted", () => {
  it("never sends a create twice: a cut-short 201 is an error, and the comment exists once", async () => {
    const { sim, repo, client } = await world();
    sim.faults.add({ match: { method: "POST" }, then: { truncate: true }, times: 1 });
    const error = await client.rest.issues.createComment(comment).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(CutShortAnswerError);
    expect(classifyError(error).message).toMatch(/broke off before its body ended|was cut short/);
    expect(sim.log.count({ method: "POST" })).toBe(1);
    expect(repo.issues[0]!.comments).toHaveLength(1);
  });

  it("never sends a create twice after a 502", async () => {
    const { sim, repo, client } = await world();
    sim.faults.add({ match: { method: "POST" }, then: { status: 502 }, times: 1 });
    await expect(client.rest.issues.createComment(comment)).rejects.toMatchObject({ status: 502 });
    expect(sim.log.count({ method: "POST" })).toBe(1);
    expect(repo.issues[0]!.comments).toHaveLength(0);
  });

  it("reads again after a cut-short answer, and gets the whole of it", async () => {
    const { sim, client } = await world();
    sim.faults.add({ match: { method: "GET" }, then: { truncate: true }, times: 1 });
    const { data } = await client.rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 });
    expect(data.title).toBe("one");
    expect(sim.log.count({ method: "GET" })).toBe(2);
  });

  it("sends a GraphQL query again, never a mutation", async () => {
    const { sim, client } = await world();
    sim.faults.add({ match: { path: "/graphql" }, then: { status: 502 }, times: 2 });
    await expect(
      client.graphql('mutation { addStar(input: {starrableId: "x"}) { clientMutationId } }'),
    ).rejects.toMatchObject({ status: 502 });
    expect(sim.log.count({ path: "/graphql" })).toBe(1);
    const viewer = await client.graphql<{ viewer: { login: string } }>(
      "query { viewer { login } }",
    );
    expect(viewer.viewer.login).toBe("fleet");
    expect(sim.log.count({ path: "/graphql" })).toBe(3);
  });

  it("hands on the answer's URL with its body", async () => {
    const { sim, client } = await world();
    const answer = await client.rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 });
    expect(answer.url).toBe(`${sim.url}/repos/acme/api/issues/1`);
  });
});
