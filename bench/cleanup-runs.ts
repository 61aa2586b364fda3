import { action } from "../src/actions/cleanup-runs/cleanup-runs.ts";
import { LIST_CONCURRENCY, listRuns } from "../src/actions/cleanup-runs/list-runs.ts";
import { createClient } from "../src/core/client.ts";
import { memoryLogger } from "../src/core/logger.ts";
import { parseRepo } from "../src/core/repository.ts";
import type { Sim, SimState } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import type { ScenarioSpec } from "../src/sim/scenario/spec.ts";
import { naiveCleanup } from "./cleanup-runs-naive.ts";
import {
  benchRow,
  perScenario,
  repositoriesOf,
  runAction,
  runNaive,
  secondaryHits,
  timed,
  total,
  versus,
} from "./measure.ts";
import { startPacedSim, type Pace } from "./paced-sim.ts";

interface Shape extends Pace {
  scenario: string;
  repos: number;
  /** Runs of each of the 5 workflows (3 live, 2 retired). */
  runsPerWorkflow: number;
}

const FULL: Shape[] = [
  { scenario: "1 repo x 20,000 runs", repos: 1, runsPerWorkflow: 4000, latencyMs: 50, paceMs: 50 },
  { scenario: "30 repos x 500 runs", repos: 30, runsPerWorkflow: 100, latencyMs: 50, paceMs: 50 },
];
const QUICK: Shape[] = [
  // Under the 1,000-result cap (the naive strategy's GET per run is what makes past it slow):
  // here it leaves only the retired workflows' runs that were not skipped.
  { scenario: "1 repo x 400 runs", repos: 1, runsPerWorkflow: 80, latencyMs: 5, paceMs: 5 },
  { scenario: "3 repos x 100 runs", repos: 3, runsPerWorkflow: 20, latencyMs: 5, paceMs: 5 },
];

const TOKEN = "bench-admin-token";
const CONCLUSIONS = new Set(["skipped"]);

/** 3 live and 2 retired workflows, 60 % of runs skipped, a few still running. */
function spec(shape: Shape): ScenarioSpec {
  const mix = { skipped: 6, success: 3, failure: 1 };
  const workflow = (file: string, retired: boolean) => ({
    file,
    state: retired ? ("deleted" as const) : ("active" as const),
    runs: shape.runsPerWorkflow,
    active: retired ? 0 : 2,
    conclusions: mix,
    ageDays: [0, 365] as [number, number],
  });
  return {
    seed: 7,
    now: Date.now(),
    // Enough budget that the floor never stops a strategy: the bench measures requests, not
    // limits (20,000 runs take more than one hour's 5,000 requests).
    admin: { login: "fleet-bot[bot]", token: TOKEN, hourlyLimit: 10_000_000 },
    orgs: [
      {
        login: "bench",
        repos: [
          {
            name: shape.repos === 1 ? "mono" : "svc",
            ...(shape.repos > 1 ? { count: shape.repos } : {}),
            workflows: [
              workflow("ci.yml", false),
              workflow("claude.yml", false),
              workflow("release.yml", false),
              workflow("ci-legacy.yml", true),
              workflow("deploy-v1.yml", true),
            ],
          },
        ],
      },
    ],
  };
}

/** Whether a run must go, by the rule itself rather than the action's plan (keep-last 0). */
function mustGo(state: SimState): Map<string, number> {
  const left = new Map<string, number>();
  for (const repo of state.repos.values()) {
    const live = new Set(repo.workflows.filter((w) => w.state !== "deleted").map((w) => w.id));
    let n = 0;
    for (const run of repo.runs.values()) {
      if (run.status !== "completed") continue;
      if (!live.has(run.workflow_id) || CONCLUSIONS.has(run.conclusion ?? "")) n += 1;
    }
    left.set(repo.full_name, n);
  }
  return left;
}

/** Workflow pages + run pages + one DELETE per run that must go, from the scenario. */
function minimum(state: SimState): number {
  const deletes = mustGo(state);
  let n = 0;
  for (const repo of state.repos.values()) {
    n += Math.ceil(repo.workflows.length / 100) + Math.max(1, Math.ceil(repo.runs.size / 100));
    n += deletes.get(repo.full_name) ?? 0;
  }
  return n;
}

const simFor = (shape: Shape): Promise<Sim> =>
  startPacedSim(buildScenario(spec(shape)), shape, {
    primary: false,
    secondary: ["restPointsPerMinute", "contentPerMinute", "contentPerHour"],
  });

/** Deletes per minute between the first and the last DELETE the simulator saw. */
function deletesPerMinute(sim: Sim): number {
  const times = sim.log.filter({ method: "DELETE" }).map((e) => e.time);
  if (times.length < 2) return 0;
  return Math.round(((times.length - 1) / (times.at(-1)! - times[0]!)) * 60_000);
}

/** Milliseconds to list every run of a repository, `concurrency` pages at a time. */
async function timeListing(sim: Sim, repository: string, concurrency: number) {
  const client = createClient({ token: TOKEN, baseUrl: sim.url, log: memoryLogger() });
  const { wallMs } = await timed(() => listRuns(client, parseRepo(repository), {}, concurrency));
  return wallMs;
}

async function ours(sim: Sim, shape: Shape) {
  const repositories = repositoriesOf(sim);
  const min = minimum(sim.state);
  const listMs = await timeListing(sim, repositories[0]!, LIST_CONCURRENCY);
  const listSequentialMs = await timeListing(sim, repositories[0]!, 1);
  sim.log.clear();
  const inputs = {
    repositories: repositories.join(","),
    "dry-run": "false",
    conclusions: [...CONCLUSIONS].join(","),
    "max-deletes": "1000000",
    "min-remaining": "0",
  };
  const run = await runAction(sim, action, inputs, { token: TOKEN, pace: shape });
  return {
    requests: run.requests,
    minimum: min,
    wallMs: run.wallMs,
    listMs,
    listSequentialMs,
    deleted: Number(run.outputs.deleted),
    left: total(mustGo(sim.state).values()),
    deletesPerMinute: deletesPerMinute(sim),
    secondaryHits: secondaryHits(sim),
  };
}

async function naive(sim: Sim, shape: Shape) {
  const repositories = repositoriesOf(sim);
  const measured = await runNaive(sim, { token: TOKEN, pace: shape }, (client) =>
    naiveCleanup(client, repositories, CONCLUSIONS),
  );
  return {
    ...measured,
    left: total(mustGo(sim.state).values()),
    secondaryHits: secondaryHits(sim),
  };
}

/**
 * cleanup-runs at fleet scale against the naive strategy, each on its own simulator built from
 * the same seeded scenario, one after the other. Reports requests against the minimum, the listing
 * time with concurrent pages against one page at a time, achieved deletes per minute against
 * the pace, secondary-limit hits, and the runs each strategy left that should have gone.
 */
export const cleanupRunsBench = perScenario(
  "cleanup-runs",
  (quick) => (quick ? QUICK : FULL),
  async (shape, log) => {
    // One after the other: in one process they would share a thread and skew each other.
    const [o, n] = await versus({ start: simFor, ours, naive }, "one after the other", shape);
    const row = benchRow(
      "cleanup-runs",
      shape,
      { minimum: o.minimum, ours: o, naive: n },
      {
        listMs: o.listMs,
        listSequentialMs: o.listSequentialMs,
        deleted: o.deleted,
        left: o.left,
        pacePerMinute: Math.round(60_000 / shape.paceMs),
        deletesPerMinute: o.deletesPerMinute,
        secondaryHits: o.secondaryHits,
      },
    );
    log(
      `${shape.scenario}: ${o.requests} requests (minimum ${o.minimum}, ratio ${row.ratio}), ${o.deleted} deleted, ${o.left} left; naive ${n.requests} requests, ${n.left} left; listing ${o.listMs} ms vs ${o.listSequentialMs} ms one page at a time; ${o.deletesPerMinute} deletes/min at a pace of ${row.pacePerMinute}/min`,
    );
    if (row.ratio > 1.05) log(`  over 1.05x the minimum`);
    return row;
  },
);
