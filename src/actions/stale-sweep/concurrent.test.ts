import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.ts";
import type { ClientTimings } from "../../core/client.ts";
import { readInputs } from "../../core/inputs.ts";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import { finalState } from "../../sim/final-state.fixture.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./stale-sweep.ts";
import { sweepFixture } from "./sweep.fixture.ts";

// Two sweeps of the same repositories started together by two callers (two control
// repositories, say). Each checks the issue's comments right before it posts and skips what
// the other posted; two in step that both posted keep the older comment.

let sim: Sim;
afterEach(async () => {
  await sim?.close();
});

function sweep(target: Sim, timings: Partial<ClientTimings> = {}) {
  const inputs = readInputs(
    action.schema,
    (name) => ({ repositories: "acme/api,acme/web", "dry-run": "false" })[name] ?? "",
    { GITHUB_TOKEN: target.token, GITHUB_API_URL: target.url },
  );
  return action.run(inputs, testDeps({ clock: manualClock(target.clock.now()), timings }));
}

describe("stale-sweep, two sweeps at once", () => {
  it.each([
    ["in step", {}],
    ["one behind the other", { writeIntervalMs: 40 }],
  ])(
    "%s: each stale and close comment stays once, and each change is reported by one sweep",
    async (_, pace) => {
      const clean = await startSim(sweepFixture(), { clock: "manual" });
      await sweep(clean);
      const expected = finalState(clean.state);
      await clean.close();

      sim = await startSim(sweepFixture(), { clock: "manual" });
      // Both read before either writes; the second's writes are paced, so it posts behind.
      const [first, second] = await Promise.all([sweep(sim), sweep(sim, pace)]);

      const stale = (body: string) => body.includes(markers.stale);
      const close = (body: string) => body.includes(markers.close);
      for (const repo of sim.state.repos.values())
        for (const issue of repo.issues) {
          const where = `${repo.owner}/${repo.name}#${issue.number}`;
          expect(issue.comments.filter((c) => stale(c.body)).length, where).toBeLessThanOrEqual(1);
          expect(issue.comments.filter((c) => close(c.body)).length, where).toBeLessThanOrEqual(1);
        }
      expect(finalState(sim.state)).toEqual(expected);
      // Both planned the same marks and closes; each is reported by one of them.
      const list = (key: string) =>
        [first, second].flatMap((r) => r.outputs[key] as string[]).sort();
      const marked = list("marked");
      const closed = list("closed");
      expect(marked).toEqual([...new Set(marked)]);
      expect(closed).toEqual([...new Set(closed)]);
      expect(marked).not.toEqual([]);
      for (const row of [...first.repos, ...second.repos]) expect(row.error).toBeUndefined();
    },
  );

  it("a sweep that finds a comment it was about to post skips it and leaves the rest to the other", async () => {
    sim = await startSim(sweepFixture(), { clock: "manual" });
    // The second reads and plans both repositories, then holds its writes until the first
    // sweep is done.
    let firstDone!: () => void;
    const done = new Promise<void>((resolve) => (firstDone = resolve));
    let planned!: () => void;
    const bothPlanned = new Promise<void>((resolve) => (planned = resolve));
    const waiting = new Set<string>();
    const inputs = readInputs(
      action.schema,
      (name) => ({ repositories: "acme/api,acme/web", "dry-run": "false" })[name] ?? "",
      { GITHUB_TOKEN: sim.token, GITHUB_API_URL: sim.url },
    );
    const deps = testDeps({ clock: manualClock(sim.clock.now()) });
    const make = deps.makeClient;
    deps.makeClient = (token, baseUrl, limits) => {
      const client = make(token, baseUrl, limits);
      client.hook.before("request", async (options) => {
        if (options.method === "GET") return;
        waiting.add(String(options.repo));
        if (waiting.size === 2) planned();
        await done;
      });
      return client;
    };
    const second = action.run(inputs, deps);
    await bothPlanned;
    const first = await sweep(sim);
    firstDone();
    const r = await second;

    expect(first.outputs.closed).toEqual(["acme/api#5"]);
    const api = r.repos.find((x) => x.repository === "acme/api")!;
    // Its un-stale found the label gone, its close comment there: skipped; the marks left.
    expect(api).toMatchObject({ status: "capped", done: 0, left: 2 });
    expect(api.warnings).toEqual([
      "another sweep of this repository (started by another caller) posted a comment this one was about to post, so the changes after it are left to that sweep; 2 left for the next run",
    ]);
    expect(r.outputs).toEqual({ marked: [], unstaled: [], closed: [] });
    // No comment posted, none deleted: the label requests it sent change nothing.
    expect(sim.log.count({ method: "POST", path: "**/comments" })).toBe(
      (first.outputs.marked as string[]).length + 1,
    );
    expect(sim.log.count({ method: "DELETE", path: "**/issues/comments/*" })).toBe(0);
  });
});
