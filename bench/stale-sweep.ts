import { action } from "../src/actions/stale-sweep/stale-sweep.ts";
import type { Sim } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import type { ScenarioSpec } from "../src/sim/scenario/spec.ts";
import {
  benchRow,
  perScenario,
  repositoriesOf,
  runAction,
  runNaive,
  secondaryHits,
  versus,
} from "./measure.ts";
import { startPacedSim, type Pace } from "./paced-sim.ts";
import { sweepWork, type BenchRules } from "./stale-sweep-minimum.ts";
import { naiveSweep } from "./stale-sweep-naive.ts";

interface Shape extends Pace {
  scenario: string;
  repos: number;
  issues: number;
  /** Days since each issue's last activity (uniform, capped at its age). */
  idleDays: [number, number];
}

// A fleet swept daily: since yesterday's run about one issue in 31 crossed the 30 days. The
// first sweep of a neglected fleet (idle up to the issue's age) is measured too, smaller:
// there most of the backlog must be written to, and writes are what neither strategy can skip.
const FULL: Shape[] = [
  {
    scenario: "20 repos x 1,000 issues, daily sweep",
    repos: 20,
    issues: 1000,
    idleDays: [0, 31],
    latencyMs: 50,
    paceMs: 50,
  },
  {
    scenario: "5 repos x 200 issues, first sweep",
    repos: 5,
    issues: 200,
    idleDays: [0, 400],
    latencyMs: 50,
    paceMs: 50,
  },
];
const QUICK: Shape[] = [
  {
    scenario: "4 repos x 150 issues, daily sweep",
    repos: 4,
    issues: 150,
    idleDays: [0, 31],
    latencyMs: 5,
    paceMs: 5,
  },
  {
    scenario: "2 repos x 60 issues, first sweep",
    repos: 2,
    issues: 60,
    idleDays: [0, 400],
    latencyMs: 5,
    paceMs: 5,
  },
];

const TOKEN = "bench-admin-token";
const RULES: BenchRules = {
  daysBeforeStale: 30,
  daysBeforeClose: 7,
  staleLabel: "stale",
  exemptLabels: ["pinned", "security", "sdk-drift", "adk-drift", "docs-coverage"],
};

/** The issue's bench scenario: ages 0-400 days, 10 % exempt, 5 % pull requests, 3 % stale (a third touched since). */
function spec(shape: Shape, now: number): ScenarioSpec {
  return {
    seed: 11,
    now,
    // Enough budget that the floor never stops a strategy: the bench measures requests, not limits.
    admin: { login: "fleet-bot[bot]", token: TOKEN, hourlyLimit: 10_000_000 },
    orgs: [
      {
        login: "bench",
        repos: [
          {
            name: "svc",
            count: shape.repos,
            issues: {
              count: shape.issues,
              ageDays: [0, 400],
              idleDays: shape.idleDays,
              pullRequestShare: 0.05,
              exemptShare: 0.1,
              exemptLabels: ["pinned", "security"],
              stale: { share: 0.03, activityShare: 1 / 3, markedDays: [0, 14] },
            },
          },
        ],
      },
    ],
  };
}

const simFor = (shape: Shape, now: number): Promise<Sim> =>
  startPacedSim(buildScenario(spec(shape, now)), shape, {
    secondary: ["restPointsPerMinute", "contentPerMinute", "contentPerHour"],
  });

async function ours(sim: Sim, shape: Shape, now: number) {
  const work = sweepWork(sim.state, RULES, now);
  const inputs = {
    repositories: repositoriesOf(sim).join(","),
    "dry-run": "false",
    "max-operations": "100000",
  };
  const run = await runAction(sim, action, inputs, { token: TOKEN, pace: shape, now });
  const done = {
    marks: (JSON.parse(run.outputs.marked!) as string[]).length,
    unstales: (JSON.parse(run.outputs.unstaled!) as string[]).length,
    closes: (JSON.parse(run.outputs.closed!) as string[]).length,
  };
  return {
    requests: run.requests,
    writes: sim.log.mutations().length,
    wallMs: run.wallMs,
    work,
    done,
    secondaryHits: secondaryHits(sim),
  };
}

async function naive(sim: Sim, shape: Shape, now: number) {
  const repositories = repositoriesOf(sim);
  const measured = await runNaive(sim, { token: TOKEN, pace: shape }, (client) =>
    naiveSweep(client, repositories, RULES, now),
  );
  return {
    ...measured,
    writes: sim.log.mutations().length,
    secondaryHits: secondaryHits(sim),
  };
}

/**
 * stale-sweep at fleet scale against the naive strategy, each on its own simulator built from
 * the same seeded scenario, run side by side. The minimum comes from the scenario's issues and
 * timelines (bench/stale-sweep-minimum.ts); the marks, un-stales and closes the action reports
 * are checked against the work the scenario calls for.
 */
export const staleSweepBench = perScenario(
  "stale-sweep",
  (quick) => (quick ? QUICK : FULL),
  async (shape, log) => {
    const now = Date.now();
    const [o, n] = await versus({ start: simFor, ours, naive }, "side by side", shape, now);
    const { work } = o;
    const row = benchRow(
      "stale-sweep",
      shape,
      { minimum: work.minimum, ours: o, naive: n },
      {
        marked: o.done.marks,
        unstaled: o.done.unstales,
        closed: o.done.closes,
        writes: o.writes,
        minimumWrites: work.writes,
        secondaryHits: o.secondaryHits,
      },
    );
    log(
      `${shape.scenario}: ${o.requests} requests (minimum ${work.minimum}, ratio ${row.ratio}; ${o.writes} writes of ${work.writes} needed), ${o.wallMs} ms; naive ${n.requests} requests, ${n.wallMs} ms: ${(n.requests / o.requests).toFixed(1)}x the requests, ${(n.wallMs / o.wallMs).toFixed(1)}x the time`,
    );
    const expected = { marks: work.marks, unstales: work.unstales, closes: work.closes };
    if (JSON.stringify(o.done) !== JSON.stringify(expected))
      log(
        `  the action did ${JSON.stringify(o.done)}, the scenario calls for ${JSON.stringify(expected)}`,
      );
    if (row.ratio > 1.1) log(`  over 1.10x the minimum`);
    return row;
  },
);
