import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseRepo } from "../../core/repository.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import { buildScenario } from "../../sim/scenario/build.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { listInstallationRepos } from "./repo-facts.ts";

const TOKEN = "ghs_factsToken0123";

// The installation listing stands in for one read per target only when it costs fewer requests.
describe("listInstallationRepos", () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(
      buildScenario({
        seed: 2,
        admin: { token: TOKEN },
        orgs: [{ login: "acme", repos: [{ name: "svc", count: 250, defaultBranch: "trunk" }] }],
      }),
    );
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.log.clear());

  const client = () => testDeps().makeClient(TOKEN, sim.url);
  const targets = (...names: string[]) => names.map((n) => parseRepo(`acme/${n}`));

  it("reads every page when that is cheaper than reading the targets left", async () => {
    const listing = await listInstallationRepos(client(), targets("svc-001", "svc-150", "svc-240"));
    expect(listing?.complete).toBe(true);
    expect(listing?.total).toBe(250);
    expect(listing?.known.get("acme/svc-240")).toEqual({
      fullName: "acme/svc-240",
      defaultBranch: "trunk",
      archived: false,
    });
    expect(sim.log.count()).toBe(3);
  });

  it("stops after the first page when the targets left are fewer than the pages left", async () => {
    const listing = await listInstallationRepos(client(), targets("svc-001", "svc-240"));
    expect(listing?.complete).toBe(false);
    expect(listing?.known.has("acme/svc-240")).toBe(false);
    expect(sim.log.count()).toBe(1);
  });

  it("reads the rest one by one when a later page fails", async () => {
    sim.faults.add({
      match: { path: "/installation/repositories" },
      when: { nth: 3 },
      then: { status: 404, body: { message: "Not Found" } },
    });
    const listing = await listInstallationRepos(client(), targets("svc-001", "svc-150", "svc-240"));
    expect(listing?.complete).toBe(false);
    // Which of pages 2 and 3 failed depends on arrival order; one of them was read.
    expect(listing?.known.size).toBe(200);
    sim.faults.clear();
  });
});
