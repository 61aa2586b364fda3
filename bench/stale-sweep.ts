import { action } from "../src/actions/stale-sweep/stale-sweep.ts";
import { createClient, type ClientTimings } from "../src/core/client.ts";
import { systemClock } from "../src/core/clock.ts";
import { executeAction } from "../src/core/execute.ts";
import { memoryLogger } from "../src/core/logger.ts";
import { defaultSecondaryLimits, startSim, type Sim } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import type { ScenarioSpec } from "../src/sim/scenario/spec.ts";
import { ratio, type Bench, type BenchRow } from "./row.ts";
import { sweepWork, type BenchRules } from "./stale-sweep-minimum.ts";
import { naiveSweep } from "./stale-sweep-naive.ts";

interface Shape {
  scenario: string;
  repos: number;
  issues: number;
  /** Days since each issue's last activity (uniform, capped at its age). */
  idleDays: [number, number];
  latencyMs: number;
  /** The client's write pace, standing in for GitHub's one write a second. */
  paceMs: number;
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

async function simFor(shape: Shape, now: number): Promise<Sim> {
  // Time runs 1000/paceMs times faster than GitHub's one write a second, and so may the
  // secondary limits: the per-minute budgets scale with it, so a paced client never hits them.
  const speedup = 1000 / shape.paceMs;
  return startSim(buildScenario(spec(shape, now)), {
    latency: { fixedMs: shape.latencyMs },
    limits: {
      secondary: {
        restPointsPerMinute: defaultSecondaryLimits.restPointsPerMinute * speedup,
        contentPerMinute: defaultSecondaryLimits.contentPerMinute * speedup,
        contentPerHour: defaultSecondaryLimits.contentPerHour * speedup,
      },
    },
  });
}

const timings = (shape: Shape): Partial<ClientTimings> => ({
  writeIntervalMs: shape.paceMs,
  retryAfterUnitMs: shape.paceMs,
  retryBackoffUnitMs: shape.paceMs,
});

async function ours(shape: Shape, now: number) {
  const sim = await simFor(shape, now);
  try {
    const repositories = [...sim.state.repos.values()].map((r) => r.full_name);
    const work = sweepWork(sim.state, RULES, now);
    const log = memoryLogger();
    const outputs: Record<string, string> = {};
    const inputs: Record<string, string> = {
      repositories: repositories.join(","),
      token: TOKEN,
      "api-url": sim.url,
      "dry-run": "false",
      "max-operations": "100000",
    };
    const started = performance.now();
    const code = await executeAction(
      action,
      {
        log,
        getInput: (n) => inputs[n] ?? "",
        setSecret: () => {},
        setOutput: (n, v) => void (outputs[n] = v),
        writeSummary: async () => {},
      },
      {
        clock: { now: () => now, sleep: systemClock.sleep },
        env: {},
        cwd: process.cwd(),
        makeClient: (token, baseUrl) =>
          createClient({ token, baseUrl, log, timings: timings(shape) }),
      },
    );
    const wallMs = Math.round(performance.now() - started);
    if (code !== 0) {
      const errors = log.lines.filter((l) => l.level === "error").map((l) => l.message);
      throw new Error(`stale-sweep failed in the bench: ${errors.join("; ")}`);
    }
    const done = {
      marks: (JSON.parse(outputs.marked!) as string[]).length,
      unstales: (JSON.parse(outputs.unstaled!) as string[]).length,
      closes: (JSON.parse(outputs.closed!) as string[]).length,
    };
    return {
      requests: sim.log.count(),
      writes: sim.log.mutations().length,
      wallMs,
      work,
      done,
      secondaryHits: sim.log.count({ status: 403 }),
    };
  } finally {
    await sim.close();
  }
}

async function naive(shape: Shape, now: number) {
  const sim = await simFor(shape, now);
  try {
    const repositories = [...sim.state.repos.values()].map((r) => r.full_name);
    const client = createClient({
      token: TOKEN,
      baseUrl: sim.url,
      log: memoryLogger(),
      timings: timings(shape),
    });
    const started = performance.now();
    await naiveSweep(client, repositories, RULES, now);
    return {
      requests: sim.log.count(),
      wallMs: Math.round(performance.now() - started),
      writes: sim.log.mutations().length,
      secondaryHits: sim.log.count({ status: 403 }),
    };
  } finally {
    await sim.close();
  }
}

/**
 * stale-sweep at fleet scale against the naive strategy, each on its own simulator built from
 * the same seeded scenario, run side by side. The minimum comes from the scenario's issues and
 * timelines (bench/stale-sweep-minimum.ts); the marks, un-stales and closes the action reports
 * are checked against the work the scenario calls for.
 */
export const staleSweepBench: Bench = {
  name: "stale-sweep",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    for (const shape of quick ? QUICK : FULL) {
      const now = Date.now();
      const [o, n] = await Promise.all([ours(shape, now), naive(shape, now)]);
      const { work } = o;
      const row: BenchRow = {
        action: "stale-sweep",
        scenario: shape.scenario,
        latencyMs: shape.latencyMs,
        requests: o.requests,
        minimum: work.minimum,
        ratio: ratio(o.requests, work.minimum),
        wallMs: o.wallMs,
        naive: n,
        marked: o.done.marks,
        unstaled: o.done.unstales,
        closed: o.done.closes,
        writes: o.writes,
        minimumWrites: work.writes,
        secondaryHits: o.secondaryHits,
      };
      log(
        `${shape.scenario}: ${o.requests} requests (minimum ${work.minimum}, ratio ${row.ratio}; ${o.writes} writes of ${work.writes} needed), ${o.wallMs} ms; naive ${n.requests} requests, ${n.wallMs} ms: ${(n.requests / o.requests).toFixed(1)}x the requests, ${(n.wallMs / o.wallMs).toFixed(1)}x the time`,
      );
      const expected = { marks: work.marks, unstales: work.unstales, closes: work.closes };
      if (JSON.stringify(o.done) !== JSON.stringify(expected))
        log(
          `  the action did ${JSON.stringify(o.done)}, the scenario calls for ${JSON.stringify(expected)}`,
        );
      if (row.ratio > 1.1) log(`  over 1.10x the minimum`);
      rows.push(row);
    }
    return rows;
  },
};
