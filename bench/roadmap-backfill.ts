import { action } from "../src/actions/roadmap-backfill/roadmap-backfill.ts";
import type { Sim, SimState } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import type { ScenarioSpec } from "../src/sim/scenario/spec.ts";
import {
  benchRow,
  perScenario,
  repositoriesOf,
  runAction,
  runNaive,
  secondaryHits,
  total,
  versus,
} from "./measure.ts";
import { startPacedSim, type Pace } from "./paced-sim.ts";
import { naiveBackfill } from "./roadmap-backfill-naive.ts";

interface Shape extends Pace {
  scenario: string;
  repos: number;
  issuesPerRepo: number;
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

const simFor = (shape: Shape): Promise<Sim> =>
  startPacedSim(buildScenario(spec(shape)), shape, {
    primary: false,
    // Board items are content: adding them counts toward the content-creation limits.
    secondary: ["graphqlPointsPerMinute", "contentPerMinute", "contentPerHour"],
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

async function ours(sim: Sim, shape: Shape) {
  const min = minimum(sim.state);
  const orphans = total(orphansOf(sim.state).values());
  const inputs = {
    repositories: repositoriesOf(sim).join(","),
    "dry-run": "false",
    "project-number": String(BOARD.number),
    "max-adds": "100000",
    "min-remaining": "0",
  };
  const run = await runAction(sim, action, inputs, { token: TOKEN, pace: shape });
  return {
    requests: run.requests,
    minimum: min,
    wallMs: run.wallMs,
    orphans,
    added: JSON.parse(run.outputs.added!).length as number,
    left: total(orphansOf(sim.state).values()),
    ...points(sim),
    secondaryHits: secondaryHits(sim),
  };
}

async function naive(sim: Sim, shape: Shape) {
  const all = repositoriesOf(sim);
  const sample = all.slice(0, shape.naiveRepos);
  const run = await runNaive(sim, { token: TOKEN, pace: shape }, (client) =>
    naiveBackfill(client, sample, BOARD),
  );
  const scale = all.length / sample.length;
  const measured = { ...run, ...points(sim) };
  return {
    requests: Math.round(measured.requests * scale),
    wallMs: Math.round(measured.wallMs * scale),
    graphqlPoints: Math.round(measured.graphqlPoints * scale),
    secondaryPoints: Math.round(measured.secondaryPoints * scale),
    sampledRepos: sample.length,
    measuredRequests: measured.requests,
    measuredWallMs: measured.wallMs,
  };
}

/**
 * roadmap-backfill at fleet scale against the naive strategy, each on its own simulator built
 * from the same seeded scenario, side by side. Reports requests against the minimum (computed
 * from the scenario: listing pages plus one request per addition and per Status), GraphQL
 * points, secondary-limit points and wall time. The naive strategy runs on `naiveRepos`
 * repositories (all of them in quick mode) and its figures are scaled to the whole scenario,
 * whose repositories all have the same shape; the measured figures are reported next to them.
 */
export const roadmapBackfillBench = perScenario(
  "roadmap-backfill",
  (quick) => (quick ? QUICK : FULL),
  async (shape, log) => {
    const [o, n] = await versus({ start: simFor, ours, naive }, "side by side", shape);
    const row = benchRow(
      "roadmap-backfill",
      shape,
      { minimum: o.minimum, ours: o, naive: n },
      {
        orphans: o.orphans,
        added: o.added,
        left: o.left,
        graphqlPoints: o.graphqlPoints,
        secondaryPoints: o.secondaryPoints,
        secondaryHits: o.secondaryHits,
        paceMs: shape.paceMs,
      },
    );
    log(
      `${shape.scenario}: ${o.requests} requests (minimum ${o.minimum}, ratio ${row.ratio}), ${o.added} of ${o.orphans} orphans added, ${o.left} left, ${o.graphqlPoints} GraphQL points, ${o.wallMs} ms; naive ${n.requests} requests, ${n.graphqlPoints} points, ${n.wallMs} ms${n.sampledRepos < shape.repos ? ` (scaled from ${n.sampledRepos} repositories: ${n.measuredRequests} requests, ${n.measuredWallMs} ms)` : ""}`,
    );
    if (o.requests * 3 > n.requests) log(`  fewer than 3x fewer requests than the naive strategy`);
    if (o.wallMs >= n.wallMs) log(`  not faster than the naive strategy`);
    return row;
  },
);
