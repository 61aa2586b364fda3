import { action } from "../src/actions/roadmap-backfill/roadmap-backfill.ts";
import { createClient, type ClientTimings } from "../src/core/client.ts";
import { systemClock } from "../src/core/clock.ts";
import { executeAction } from "../src/core/execute.ts";
import { memoryLogger } from "../src/core/logger.ts";
import { defaultSecondaryLimits, startSim, type Sim, type SimState } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import type { ScenarioSpec } from "../src/sim/scenario/spec.ts";
import { naiveBackfill } from "./roadmap-backfill-naive.ts";
import { ratio, type Bench, type BenchRow } from "./row.ts";

interface Shape {
  scenario: string;
  repos: number;
  issuesPerRepo: number;
  latencyMs: number;
  /** The client's pace between GraphQL requests, standing in for GitHub's one a second. */
  paceMs: number;
  /** Repositories the naive strategy runs on; its figures are scaled to all of them. */
  naiveRepos: number;
}

const FULL: Shape[] = [
  {
    scenario: "20 repos x 500 open issues, 30% orphans",
    repos: 20,
    issuesPerRepo: 500,
    latencyMs: 50,
    paceMs: 20,
    // One request at a time, 4 per orphan: all 20 would take ten minutes of the same figures.
    naiveRepos: 2,
  },
];
const QUICK: Shape[] = [
  {
    scenario: "3 repos x 100 open issues, 30% orphans",
    repos: 3,
    issuesPerRepo: 100,
    latencyMs: 5,
    paceMs: 5,
    naiveRepos: 3,
  },
];

const TOKEN = "bench-admin-token";
const BOARD = { owner: "bench", number: 7, field: "Status", value: "Todo" };

/** Every issue open; half on the roadmap, a fifth on another board (some archived), 30 % on none. */
function spec(shape: Shape): ScenarioSpec {
  return {
    seed: 6,
    now: Date.now(),
    admin: { login: "fleet-bot[bot]", token: TOKEN },
    orgs: [
      {
        login: BOARD.owner,
        boards: [
          { number: BOARD.number, title: "Roadmap" },
          { number: 8, title: "Ideas", statusOptions: ["New"] },
        ],
        repos: [
          {
            name: "svc",
            count: shape.repos,
            issues: {
              count: shape.issuesPerRepo,
              comments: [0, 0],
              boards: [
                { number: BOARD.number, share: 0.5 },
                { number: 8, share: 0.2, archivedShare: 0.3 },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** Open issues on no board at all, per repository, from the state itself. */
function orphansOf(state: SimState): Map<string, number> {
  const tracked = new Set(state.projects.flatMap((p) => p.items.map((i) => i.contentNodeId)));
  const orphans = new Map<string, number>();
  for (const repo of state.repos.values()) {
    const open = repo.issues.filter((i) => !i.is_pull_request && i.state === "open");
    orphans.set(repo.full_name, open.filter((i) => !tracked.has(i.node_id)).length);
  }
  return orphans;
}

/** One board query, one listing page per 100 open issues, one request per addition and per Status. */
function minimum(state: SimState): number {
  const orphans = orphansOf(state);
  let n = 1;
  for (const repo of state.repos.values()) {
    const open = repo.issues.filter((i) => !i.is_pull_request && i.state === "open").length;
    n += Math.max(1, Math.ceil(open / 100)) + 2 * (orphans.get(repo.full_name) ?? 0);
  }
  return n;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

async function simFor(shape: Shape): Promise<Sim> {
  // Time runs 1000/paceMs times faster than GitHub's one request a second, and so may the
  // secondary limits: the per-minute budget scales with it, so a paced client never hits it.
  const speedup = 1000 / shape.paceMs;
  return startSim(buildScenario(spec(shape)), {
    latency: { fixedMs: shape.latencyMs },
    limits: {
      primary: false,
      secondary: {
        graphqlPointsPerMinute: defaultSecondaryLimits.graphqlPointsPerMinute * speedup,
      },
    },
  });
}

const timings = (shape: Shape): Partial<ClientTimings> => ({
  writeIntervalMs: shape.paceMs,
  retryAfterUnitMs: shape.paceMs,
  retryBackoffUnitMs: shape.paceMs,
});

/** GraphQL points against the primary budget, and against the secondary one (mutations 5). */
function points(sim: Sim) {
  const token = sim.state.tokens.get(TOKEN)!;
  const mutations = sim.log.count({ mutating: true });
  return {
    graphqlPoints: sim.limiter.primary(token, "graphql").used,
    secondaryPoints: (sim.log.count() - mutations) * 1 + mutations * 5,
  };
}

async function ours(shape: Shape) {
  const sim = await simFor(shape);
  try {
    const repositories = [...sim.state.repos.values()].map((r) => r.full_name);
    const min = minimum(sim.state);
    const orphans = sum(orphansOf(sim.state));
    const log = memoryLogger();
    const outputs: Record<string, string> = {};
    const inputs: Record<string, string> = {
      repositories: repositories.join(","),
      token: TOKEN,
      "api-url": sim.url,
      "dry-run": "false",
      "project-number": String(BOARD.number),
      "max-adds": "100000",
      "min-remaining": "0",
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
        clock: systemClock,
        env: {},
        cwd: process.cwd(),
        makeClient: (token, baseUrl) =>
          createClient({ token, baseUrl, log, timings: timings(shape) }),
      },
    );
    const wallMs = Math.round(performance.now() - started);
    if (code !== 0) {
      const errors = log.lines.filter((l) => l.level === "error").map((l) => l.message);
      throw new Error(`roadmap-backfill failed in the bench: ${errors.join("; ")}`);
    }
    return {
      requests: sim.log.count(),
      minimum: min,
      wallMs,
      orphans,
      added: JSON.parse(outputs.added!).length as number,
      left: sum(orphansOf(sim.state)),
      ...points(sim),
      secondaryHits: sim.log.count({ status: 403 }),
    };
  } finally {
    await sim.close();
  }
}

async function naive(shape: Shape) {
  const sim = await simFor(shape);
  try {
    const all = [...sim.state.repos.values()].map((r) => r.full_name);
    const sample = all.slice(0, shape.naiveRepos);
    const client = createClient({
      token: TOKEN,
      baseUrl: sim.url,
      log: memoryLogger(),
      timings: timings(shape),
    });
    const started = performance.now();
    await naiveBackfill(client, sample, BOARD);
    const wallMs = Math.round(performance.now() - started);
    const scale = all.length / sample.length;
    const measured = { requests: sim.log.count(), wallMs, ...points(sim) };
    return {
      requests: Math.round(measured.requests * scale),
      wallMs: Math.round(measured.wallMs * scale),
      graphqlPoints: Math.round(measured.graphqlPoints * scale),
      secondaryPoints: Math.round(measured.secondaryPoints * scale),
      sampledRepos: sample.length,
      measuredRequests: measured.requests,
      measuredWallMs: measured.wallMs,
    };
  } finally {
    await sim.close();
  }
}

/**
 * roadmap-backfill at fleet scale against the naive strategy, each on its own simulator built
 * from the same seeded scenario, side by side. Reports requests against the minimum (computed
 * from the scenario: listing pages plus one request per addition and per Status), GraphQL
 * points, secondary-limit points and wall time. The naive strategy runs on `naiveRepos`
 * repositories (all of them in quick mode) and its figures are scaled to the whole scenario,
 * whose repositories all have the same shape; the measured figures are reported next to them.
 */
export const roadmapBackfillBench: Bench = {
  name: "roadmap-backfill",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    for (const shape of quick ? QUICK : FULL) {
      const [o, n] = await Promise.all([ours(shape), naive(shape)]);
      const row: BenchRow = {
        action: "roadmap-backfill",
        scenario: shape.scenario,
        latencyMs: shape.latencyMs,
        requests: o.requests,
        minimum: o.minimum,
        ratio: ratio(o.requests, o.minimum),
        wallMs: o.wallMs,
        naive: n,
        orphans: o.orphans,
        added: o.added,
        left: o.left,
        graphqlPoints: o.graphqlPoints,
        secondaryPoints: o.secondaryPoints,
        secondaryHits: o.secondaryHits,
        paceMs: shape.paceMs,
      };
      log(
        `${shape.scenario}: ${o.requests} requests (minimum ${o.minimum}, ratio ${row.ratio}), ${o.added} of ${o.orphans} orphans added, ${o.left} left, ${o.graphqlPoints} GraphQL points, ${o.wallMs} ms; naive ${n.requests} requests, ${n.graphqlPoints} points, ${n.wallMs} ms${n.sampledRepos < shape.repos ? ` (scaled from ${n.sampledRepos} repositories: ${n.measuredRequests} requests, ${n.measuredWallMs} ms)` : ""}`,
      );
      if (o.requests * 3 > n.requests)
        log(`  fewer than 3x fewer requests than the naive strategy`);
      if (o.wallMs >= n.wallMs) log(`  not faster than the naive strategy`);
      rows.push(row);
    }
    return rows;
  },
};
