import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { getProject, getRepo } from "../state.ts";
import { namedScenarios, resolveScenario } from "./named.ts";
import { countState, describeState } from "./summary.ts";

const here = import.meta.dirname;
const registry = resolve(here, "..", "..", "..", "repos.yaml");
const NOW = Date.parse("2026-06-01T00:00:00Z");

describe("resolveScenario", () => {
  it("builds each small named scenario with an admin token", async () => {
    for (const name of ["demo", "small", "empty"]) {
      const state = await resolveScenario(name, { now: NOW, registry });
      expect(state.now, name).toBe(NOW);
      expect(state.tokens.get(state.adminToken)?.repositories, name).toBe("*");
      expect(getProject(state, "acme", 7)?.title, name).toBe("Roadmap");
    }
    const empty = await resolveScenario("empty", { now: NOW, registry });
    expect(countState(empty)).toEqual({
      orgs: 1,
      repositories: 1,
      archived: 0,
      issues: 0,
      pullRequests: 0,
      runs: 0,
      boards: 1,
      boardItems: 0,
    });
  });

  it("reads a scenario file, taking `now` from the caller when the file has none", async () => {
    const example = resolve(here, "example.yaml");
    const state = await resolveScenario(example, { now: NOW, registry });
    expect(state.now).toBe(NOW);
    expect(state.seed).toBe(42);
    expect(getRepo(state, "acme", "service-05")?.issues).toHaveLength(30);
    expect(getRepo(state, "acme", "old-site")?.archived).toBe(true);
    expect(state.faultRules?.map((r) => r.then)).toEqual([
      { lostAnswer: true },
      { truncate: true },
    ]);
    expect(getRepo(state, "acme", "api")?.workflows.map((w) => w.state)).toEqual([
      "active",
      "deleted",
      "active",
    ]);
  });

  it("rejects an unknown name, listing the names", async () => {
    await expect(resolveScenario("smal", { now: NOW, registry })).rejects.toThrow(
      "--scenario: found unknown scenario 'smal' (did you mean 'small'?), allowed one of demo, small, large, empty, or a scenario file (YAML or JSON)",
    );
    expect(Object.keys(namedScenarios)).toEqual(["demo", "small", "large", "empty"]);
    await expect(resolveScenario("missing.yaml", { now: NOW, registry })).rejects.toThrow(
      /^missing\.yaml: found no readable file/,
    );
  });

  it("describes a state for the person starting the simulator, with the other tokens", async () => {
    const state = await resolveScenario("small", { now: NOW, registry });
    const lines = describeState(state, "small");
    expect(lines[0]).toBe(
      "scenario 'small' at 2026-06-01T00:00:00.000Z (seed 1): 2 orgs, 6 repositories (1 archived), " +
        "76 issues, 9 pull requests, 208 workflow runs, 3 boards with 40 items",
    );
    expect(lines[1]).toBe(
      "FLEET_SIM_TOKEN is fleet-bot[bot]: every permission on every repository",
    );
    expect(lines).toContain("other tokens:");
    expect(lines.some((l) => l.startsWith("  reader (pat; every repository; issues:read"))).toBe(
      true,
    );
    expect(lines.join("\n")).not.toContain(state.adminToken);
  });
});
