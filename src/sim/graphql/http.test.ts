import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { memoryLogger } from "../../core/logger.ts";
import { fastTimings } from "../../../test/helpers/deps.ts";
import { startSim, type Sim } from "../index.ts";
import { testWorld, TOKENS } from "./graphql-world.fixture.ts";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function served() {
  const world = testWorld();
  sim = await startSim(world.state, { clock: { start: world.clock.now() } });
  const client = (token: string) =>
    createClient({ token, baseUrl: sim!.url, log: memoryLogger(), timings: fastTimings });
  return { world, sim, client };
}

describe("GraphQL over HTTP with fleet's client", () => {
  it("answers client.graphql at ${url}/graphql, queries and aliased mutations alike", async () => {
    const { world, sim, client } = await served();
    const octokit = client(TOKENS.admin);
    const board = await octokit.graphql<{
      organization: {
        projectV2: { id: string; field: { id: string; options: { id: string; name: string }[] } };
      };
    }>(
      `query Board($org: String!, $n: Int!) { organization(login: $org) { projectV2(number: $n) {
         id field(name: "Status") { ... on ProjectV2SingleSelectField { id options { id name } } } } } }`,
      { org: "acme", n: 7 },
    );
    expect(board.organization.projectV2.id).toBe(world.roadmap.id);
    const done = board.organization.projectV2.field.options.find((o) => o.name === "Done")!;

    const added = await octokit.graphql<{ a: { item: { id: string } } }>(
      `mutation Add($p: ID!, $c: ID!) { a: addProjectV2ItemById(input: {projectId: $p, contentId: $c}) { item { id } } }`,
      { p: world.roadmap.id, c: world.issues.orphan.node_id },
    );
    await octokit.graphql(
      `mutation Status($p: ID!, $i: ID!, $f: ID!, $o: String!) { s: updateProjectV2ItemFieldValue(
         input: {projectId: $p, itemId: $i, fieldId: $f, value: {singleSelectOptionId: $o}}) { projectV2Item { id } } }`,
      {
        p: world.roadmap.id,
        i: added.a.item.id,
        f: board.organization.projectV2.field.id,
        o: done.id,
      },
    );
    const item = world.roadmap.items.find((i) => i.id === added.a.item.id)!;
    expect(item.fieldValues[board.organization.projectV2.field.id]).toBe(done.id);
    expect(
      sim.log.filter({ path: "/graphql" }).map((e) => [e.operation, e.mutating, e.status]),
    ).toEqual([
      ["Board", false, 200],
      ["Add", true, 200],
      ["Status", true, 200],
    ]);
  });

  it("surfaces GitHub's error types to the client, which classifies them", async () => {
    const { client } = await served();
    const forbidden = await client(TOKENS.workflow)
      .graphql(`{ organization(login: "acme") { projectV2(number: 7) { id } } }`)
      .catch((e: unknown) => e);
    expect(classifyError(forbidden)).toMatchObject({
      kind: "forbidden",
      message: "Resource not accessible by integration",
    });
    const missing = await client(TOKENS.admin)
      .graphql(`{ repository(owner: "acme", name: "nope") { id } }`)
      .catch((e: unknown) => e);
    expect(classifyError(missing)).toMatchObject({
      kind: "not-found",
      message: "Could not resolve to a Repository with the name 'acme/nope'.",
    });
  });
});
