import { afterEach, describe, expect, it } from "vitest";
import { action as staleSweep } from "../src/actions/stale-sweep/stale-sweep.ts";
import type { ClientTimings } from "../src/core/client.ts";
import { defaultPaceSettings } from "../src/core/pacer.ts";
import { githubPaceRules } from "../src/core/pace-rules.ts";
import { startSim, type Sim } from "../src/sim/index.ts";
import { addIssue, addRepo, addToken, createState, iso } from "../src/sim/state.ts";
import { fastTimings, testDeps } from "./helpers/deps.ts";
import { runInMemory } from "./helpers/host.ts";

// The jobs of one fan-out, each with its own installation token of one App, against a
// simulator that counts GitHub's secondary limits per App. Time is compressed (a minute lasts
// 600 ms) and the content ceiling lowered to 8 a minute, so the limit binds within seconds.

const MINUTE = 600;
const JOBS = 4;
const IDLE = 5;

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** One repository per job, each with `IDLE` issues idle past 30 days; one token per job. */
async function fleet() {
  const now = Date.now();
  const state = createState({ now });
  for (let j = 1; j <= JOBS; j++) {
    const repo = addRepo(state, {
      owner: "acme",
      name: `svc-${j}`,
      created_at: iso(now - 400 * 86_400_000),
    });
    for (let n = 1; n <= IDLE; n++)
      addIssue(state, repo, {
        title: `idle ${n}`,
        user: "octo",
        created_at: iso(now - 90 * 86_400_000),
      });
    addToken(state, { token: `ghs_job_${j}`, login: "fleet[bot]", app: "fleet" });
  }
  sim = await startSim(state, {
    limits: {
      primary: false,
      secondary: { contentPerMinute: 8, minuteMs: MINUTE, refusal: "mixed" },
    },
  });
  return sim;
}

/** Every job at once, as a matrix runs them, each with `timings`. */
async function fanOut(s: Sim, timings: Partial<ClientTimings>) {
  return Promise.all(
    Array.from({ length: JOBS }, (_, k) =>
      runInMemory(
        staleSweep,
        {
          repositories: `acme/svc-${k + 1}`,
          token: `ghs_job_${k + 1}`,
          "api-url": s.url,
          "dry-run": "false",
        },
        testDeps({ timings: { ...fastTimings, retryAfterUnitMs: MINUTE / 60, ...timings } }),
      ),
    ),
  );
}

const refusals = (s: Sim) =>
  s.log.filter((e) => e.status === 403 || e.status === 429).map((e) => e.status);

describe("a fan-out of one App against its shared secondary limits", () => {
  it("stays under them when each job paces itself to its share", async () => {
    const s = await fleet();
    const runs = await fanOut(s, {
      pace: {
        ...defaultPaceSettings,
        rules: { ...githubPaceRules, contentPerMinute: 8 },
        share: JOBS,
        minuteMs: MINUTE,
      },
    });
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(refusals(s)).toEqual([]);
    expect(runs.map((r) => (JSON.parse(r.outputs.marked!) as number[]).length)).toEqual([
      5, 5, 5, 5,
    ]);
  });

  it("runs into them when each job paces itself alone, and is refused in every shape GitHub uses", async () => {
    const s = await fleet();
    await fanOut(s, { pace: null, writeIntervalMs: MINUTE / 60 });
    const seen = refusals(s);
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen)).toEqual(new Set([403, 429]));
  });
});
