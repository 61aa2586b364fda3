import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInMemory } from "../../test/helpers/host.ts";
import { testDeps } from "../../test/helpers/deps.ts";
import { dispatchWorld, TOKEN } from "../actions/dispatch/dispatch-world.fixture.ts";
import { startSim, type Sim } from "../sim/index.ts";
import { toyAction } from "./toy-action.fixture.ts";

/** Sends one repository_dispatch per repository, then fails while writing its summary. */
const lateFailure = toyAction({
  concurrency: 2,
  changes: (repo) => [repo.fullName],
  apply: async (_change, repo, client) => {
    await client.request("POST /repos/{owner}/{repo}/dispatches", {
      owner: repo.owner,
      repo: repo.repo,
      event_type: "deploy",
    });
    return "done";
  },
  finish: () => {
    throw new Error("the summary could not be built");
  },
});

describe("a run that fails after its changes were made", () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(dispatchWorld());
  });
  afterAll(() => sim.close());

  it("still writes the result output with every repository done, and exits 1 with ::error::", async () => {
    const run = await runInMemory(
      lateFailure,
      { repositories: "acme/app,acme/web", token: TOKEN, "api-url": sim.url, "dry-run": "false" },
      testDeps(),
    );
    expect(sim.log.count({ method: "POST" })).toBe(2);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      "toy: the summary could not be built; the result output lists the 2 repositories gone through before it",
    ]);
    const result = JSON.parse(run.outputs.result!) as { repository: string; done: number }[];
    expect(result.map((r) => [r.repository, r.done]).sort()).toEqual([
      ["acme/app", 1],
      ["acme/web", 1],
    ]);
    expect(run.summary).toContain("acme/web");
  });
});
