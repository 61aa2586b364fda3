import { afterEach, describe, expect, it } from "vitest";
import { FIXTURE_TOKEN, sweepFixture } from "../src/actions/stale-sweep/sweep.fixture.ts";
import { startSim, type Sim } from "../src/sim/index.ts";
import { expectTokenMasked, runBundle } from "./helpers/bundle.ts";

// The committed bundle, spawned as a runner spawns it (INPUT_* with hyphens kept, outputs and
// summary to files), against the simulator serving the fixture org as it is right now.
describe("actions/stale-sweep/dist/index.cjs", () => {
  let sim: Sim;
  afterEach(() => sim?.close());

  const start = async () => {
    sim = await startSim(sweepFixture(Date.now()));
    return sim;
  };
  const env = () => ({
    GITHUB_API_URL: sim.url,
    FLEET_WRITE_INTERVAL_MS: "0",
    FLEET_RETRY_UNIT_MS: "5",
  });
  const run = (inputs: Record<string, string>) =>
    runBundle(
      "stale-sweep",
      { repositories: "acme/api,\nacme/web\nacme/old", token: FIXTURE_TOKEN, ...inputs },
      { env: env() },
    );

  it("previews with zero mutations, then does exactly what it previewed; a rerun does nothing", async () => {
    await start();
    const dry = await run({ "dry-run": "true" });
    expect(dry.stdout).not.toContain("::error::");
    expect(dry.code).toBe(0);
    expect(sim.log.mutations()).toEqual([]);
    expect(JSON.parse(dry.outputs.marked!)).toEqual(["acme/api#1", "acme/api#9", "acme/web#1"]);
    expect(dry.summary).toContain("## Stale sweep (dry run: nothing was changed)");
    expect(dry.stdout).toContain(
      "::notice::acme/old: archived: skipped (GitHub refuses writes to archived repositories)",
    );

    const real = await run({ "dry-run": "false" });
    expect(real.code).toBe(0);
    for (const name of ["marked", "unstaled", "closed", "result"])
      expect(real.outputs[name], name).toBe(dry.outputs[name]);
    expect(sim.log.mutations().map((e) => `${e.method} ${e.path}`)).toHaveLength(10);
    expect(real.summary).toContain(
      "| [acme/api](https://github.com/acme/api) | ok | 2 | 1 | 1 | 4 | 0 |",
    );
    expect(real.summary).toContain(
      "| [#5](https://github.com/acme/api/issues/5) | closed | Old flake |",
    );

    const before = sim.log.mutations().length;
    const again = await run({ "dry-run": "false" });
    expect(again.code).toBe(0);
    expect(sim.log.mutations()).toHaveLength(before);
    expect(JSON.parse(again.outputs.marked!)).toEqual([]);
  });

  it("stops a repository with ::error:: when a rate limit asks for more than max-rate-limit-wait-seconds", async () => {
    await start();
    sim.faults.add({
      match: { method: "POST", path: "/repos/acme/api/issues/1/labels" },
      then: {
        status: 403,
        headers: { "retry-after": "3600" },
        body: { message: "You have exceeded a secondary rate limit." },
      },
    });
    const r = await run({ "dry-run": "false", "max-rate-limit-wait-seconds": "60" });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error::acme\/api: .*wait of 3600s \(until \d{4}-[^)]+\), longer than max-rate-limit-wait-seconds \(60\); .*left undone/,
    );
    expect(sim.log.count({ method: "POST", path: "/repos/acme/api/issues/1/labels" })).toBe(1);
  });

  it("exits 1 with ::error:: naming a repository that fails, after finishing the others", async () => {
    await start();
    const r = await run({ repositories: "acme/gone,acme/web", "dry-run": "false" });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::acme\/gone: reading acme\/gone: 404 Not Found/);
    expect(JSON.parse(r.outputs.marked!)).toEqual(["acme/web#1"]);
    expect(JSON.parse(r.outputs.result!)[0]).toMatchObject({
      repository: "acme/gone",
      status: "failed",
    });
    expectTokenMasked(r, FIXTURE_TOKEN);
  });

  it("refuses bad inputs before any request, naming each", async () => {
    await start();
    const r = await run({ "days-before-stale": "0", "close-reason": "wontfix" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "::error::stale-sweep: Input 'days-before-stale': found '0', allowed a whole number from 1 to 36500%0AInput 'close-reason': found 'wontfix', allowed one of not_planned, completed",
    );
    expect(sim.log.count()).toBe(0);
  });
});
