import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import { expectTokenMasked, runBundle } from "./helpers/bundle.ts";

const TOKEN = "ghs_cleanupBundleSecret0123";

/** acme/app: a live CI with a skipped-heavy history and a retired pipeline; acme/attic archived. */
const scenario = () =>
  buildScenario({
    seed: 5,
    now: Date.now(),
    admin: { login: "fleet-bot[bot]", token: TOKEN },
    orgs: [
      {
        login: "acme",
        repos: [
          {
            name: "app",
            workflows: [
              { file: "ci.yml", name: "CI", runs: 40, conclusions: { success: 1, skipped: 1 } },
              { file: "triage.yml", runs: 20, active: 2, conclusions: { skipped: 1 } },
              { file: "legacy.yml", name: "Legacy", state: "deleted", runs: 10 },
            ],
          },
          { name: "attic", archived: true, workflows: [{ file: "ci.yml", runs: 5 }] },
        ],
      },
    ],
  });

// The committed bundle, spawned as a runner spawns it, against the simulator.
describe("actions/cleanup-runs/dist/index.cjs", () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(scenario());
  });
  afterAll(() => sim.close());

  const env = () => ({
    GITHUB_API_URL: sim.url,
    GITHUB_TOKEN: TOKEN,
    FLEET_WRITE_INTERVAL_MS: "0",
    FLEET_RETRY_UNIT_MS: "5",
  });
  const app = () => sim.state.repos.get("acme/app")!;
  const inputs = { repositories: "acme/app,\nacme/attic", "keep-last": "5" };

  it("previews with zero mutations, then deletes exactly what it previewed; a rerun deletes nothing", async () => {
    const before = app().runs.size;
    const dry = await runBundle("cleanup-runs", { ...inputs, "dry-run": "true" }, { env: env() });
    expect(dry.stdout).not.toContain("::error::");
    expect(dry.code).toBe(0);
    expect(sim.log.mutations()).toEqual([]);
    expect(Number(dry.outputs.deleted)).toBeGreaterThan(20);
    expect(dry.summary).toContain("## Cleanup runs (dry run: nothing was changed)");
    expect(dry.summary).toContain(
      "| Legacy (retired) | `.github/workflows/legacy.yml` | 10 | 0 | 10 |",
    );
    expect(dry.stdout).toContain("::notice::acme/attic: archived");

    const real = await runBundle("cleanup-runs", { ...inputs, "dry-run": "false" }, { env: env() });
    expect(real.code).toBe(0);
    expect(real.outputs.deleted).toBe(dry.outputs.deleted);
    expect(real.outputs.result).toBe(dry.outputs.result);
    expect(sim.log.count({ method: "DELETE", status: 204 })).toBe(Number(dry.outputs.deleted));
    expect(app().runs.size).toBe(before - Number(dry.outputs.deleted));
    const left = [...app().runs.values()];
    expect(left.filter((r) => r.name === "Legacy")).toEqual([]);
    expect(left.filter((r) => r.status !== "completed")).toHaveLength(2);

    sim.log.clear();
    const again = await runBundle(
      "cleanup-runs",
      { ...inputs, "dry-run": "false" },
      { env: env() },
    );
    expect(again.code).toBe(0);
    expect(again.outputs.deleted).toBe("0");
    expect(sim.log.mutations()).toEqual([]);
    for (const run of [dry, real, again]) expectTokenMasked(run, TOKEN);
  });

  it("refuses an unknown conclusion before any request, listing the valid ones", async () => {
    sim.log.clear();
    const run = await runBundle(
      "cleanup-runs",
      { repositories: "acme/app", conclusions: "skipped, cancelld" },
      { env: env() },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::cleanup-runs: Input 'conclusions': found 'cancelld', not a conclusion; allowed a comma list of action_required, cancelled, failure, neutral, skipped, stale, startup_failure, success, timed_out; or all",
    );
    expect(sim.log.count()).toBe(0);
  });

  it("fails the job naming a repository it cannot reach, after doing the others", async () => {
    const run = await runBundle(
      "cleanup-runs",
      { repositories: "acme/gone,acme/app", "dry-run": "false" },
      { env: env() },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::acme\/gone: reading the repository: 404 Not Found: it does not exist, or the token cannot see it .*; nothing was listed or deleted/,
    );
    expect(JSON.parse(run.outputs.result!).map((r: { status: string }) => r.status)).toEqual([
      "failed",
      "ok",
    ]);
  });
});
