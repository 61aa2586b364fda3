import { action as cleanupRuns } from "../src/actions/cleanup-runs/cleanup-runs.ts";
import { action as roadmapBackfill } from "../src/actions/roadmap-backfill/roadmap-backfill.ts";
import { action as staleSweep } from "../src/actions/stale-sweep/stale-sweep.ts";
import type { ClientTimings } from "../src/core/client.ts";
import { createClient } from "../src/core/client.ts";
import { memoryLogger } from "../src/core/logger.ts";
import { defaultPaceSettings } from "../src/core/pacer.ts";
import type { ActionSpec } from "../src/core/action.ts";
import type { InputSchema } from "../src/core/inputs.ts";
import type { LogEntry, Sim } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import { addToken } from "../src/sim/state.ts";
import type { ScenarioSpec } from "../src/sim/scenario/spec.ts";
import { repositoriesOf, runAction, secondaryHits, timed, withSim } from "./measure.ts";
import { startPacedSim, type Pace } from "./paced-sim.ts";
import type { Bench, BenchRow } from "./row.ts";

// How close fleet runs to GitHub's secondary limits, with the simulator enforcing them and
// time compressed: a simulated minute lasts `minuteMs` real milliseconds, and the simulator's
// per-minute budgets are scaled to match. Every figure is per simulated minute (or hour).

const TOKEN = "bench-app-token";
const SIM_MINUTE = 60_000;

/** A bench's clock: how long a simulated minute lasts, and the simulator's latency. */
const paceOf = (minuteMs: number, latencyMs: number): Pace => ({
  latencyMs,
  paceMs: minuteMs / 60,
});

/** Client timings paced to 1/share of GitHub's limits, on the bench's compressed minute. */
const sharedPace = (minuteMs: number, share: number): Partial<ClientTimings> => ({
  pace: { ...defaultPaceSettings, share, minuteMs },
  writeIntervalMs: 0,
});

/** Today's pacing, for comparison: one write a (compressed) second per job, nothing shared. */
const oneWriteASecond = (minuteMs: number): Partial<ClientTimings> => ({
  pace: null,
  writeIntervalMs: Math.round(minuteMs / 60),
});

/**
 * Requests matching `pick`: how many, the rate over the full simulated minutes from the first
 * one (the last, partial minute would dilute it), and the most in any one minute.
 */
function perMinute(sim: Sim, minuteMs: number, pick: (e: LogEntry) => boolean) {
  const times = sim.log.filter(pick).map((e) => e.time);
  if (times.length === 0) return { total: 0, perMinute: 0, busiestMinute: 0, minutes: 0 };
  const first = times[0]!;
  const span = times.at(-1)! - first;
  const full = Math.floor(span / minuteMs);
  const inFull = times.filter((t) => t < first + full * minuteMs).length;
  let busiest = 0;
  for (let hi = 0, lo = 0; hi < times.length; hi++) {
    while (times[lo]! <= times[hi]! - minuteMs) lo++;
    busiest = Math.max(busiest, hi - lo + 1);
  }
  return {
    total: times.length,
    perMinute: full === 0 ? times.length : Math.round(inFull / full),
    busiestMinute: busiest,
    minutes: Math.round((span / minuteMs) * 10) / 10,
  };
}

const isDelete = (e: LogEntry) => e.method === "DELETE" && e.status === 204;
const createsContent = (e: LogEntry) =>
  (e.method === "POST" || e.method === "PATCH" || e.method === "PUT") &&
  !e.path.endsWith("/graphql") &&
  e.status < 300;

/** A seeded scenario of one org, `bench`, served to the bench's token. */
const benchOrg = (
  seed: number,
  org: Omit<NonNullable<ScenarioSpec["orgs"]>[number], "login">,
  hourlyLimit = 10_000_000,
): ScenarioSpec => ({
  seed,
  now: Date.now(),
  admin: { login: "fleet-bot[bot]", token: TOKEN, hourlyLimit },
  orgs: [{ login: "bench", ...org }],
});

/** One repository whose `runs` runs are all completed and skipped: each must go. */
const cleanupSpec = (runs: number, hourlyLimit: number) =>
  benchOrg(
    17,
    {
      repos: [
        {
          name: "mono",
          workflows: [
            { file: "ci.yml", runs, active: 0, conclusions: { skipped: 1 }, ageDays: [0, 90] },
          ],
        },
      ],
    },
    hourlyLimit,
  );

/** `repos` repositories of a neglected fleet: `idle` issues each, all past 30 days idle. */
const staleSpec = (repos: number, idle: number) =>
  benchOrg(23, {
    repos: [
      {
        name: "svc",
        count: repos,
        issues: { count: idle, ageDays: [60, 400], idleDays: [40, 60], comments: [0, 0] },
      },
    ],
  });

/** `repos` repositories of `issues` open issues, none on any board: each must be added. */
const backfillSpec = (repos: number, issues: number) =>
  benchOrg(29, {
    boards: [{ number: 7, title: "Roadmap" }],
    repos: [{ name: "svc", count: repos, issues: { count: issues, comments: [0, 0] } }],
  });

const allSecondary = [
  "restPointsPerMinute",
  "graphqlPointsPerMinute",
  "contentPerMinute",
  "contentPerHour",
] as const;

/**
 * `spec` on every repository at once, one job each, as the matrix jobs of one App: each job
 * with its own installation token of that App, sharing its secondary limits.
 */
async function fanOut<S extends InputSchema>(
  sim: Sim,
  spec: ActionSpec<S>,
  inputs: Record<string, string>,
  pace: Pace,
  timings: Partial<ClientTimings>,
) {
  const repositories = repositoriesOf(sim);
  const tokens = repositories.map((_, k) =>
    addToken(sim.state, {
      token: `bench-job-${k + 1}`,
      login: "fleet-bot[bot]",
      app: "fleet-bench",
      hourlyLimit: 10_000_000,
    }),
  );
  const { value: runs, wallMs } = await timed(() =>
    Promise.all(
      repositories.map((repository, k) =>
        runAction(
          sim,
          spec,
          { ...inputs, repositories: repository },
          { token: tokens[k]!.token, pace, timings, mayFail: true },
        ),
      ),
    ),
  );
  return { runs, wallMs, failed: runs.filter((r) => r.code !== 0).length };
}

/** Serves `spec` with every secondary limit on (and the primary when `primary`) to `use`. */
const withLimits = <T>(
  spec: ScenarioSpec,
  pace: Pace,
  use: (sim: Sim) => Promise<T>,
  primary = false,
) =>
  withSim(
    () => startPacedSim(buildScenario(spec), pace, { primary, secondary: [...allSecondary] }),
    use,
  );

const row = (scenario: string, latencyMs: number, figures: Record<string, unknown>): BenchRow => ({
  action: "pacing",
  scenario,
  latencyMs,
  requests: 0,
  minimum: 0,
  ratio: 1,
  wallMs: 0,
  ...figures,
});

/** cleanup-runs' inputs for the bench's one repository: every skipped run, down to `floor`. */
const cleanupInputs = (floor: number) => ({
  repositories: "bench/mono",
  "dry-run": "false",
  conclusions: "skipped",
  "max-deletes": "1000000",
  "min-remaining": String(floor),
});

/** One repository of `runs` skipped runs, all to go, on an installation budget of `budget`. */
async function cleanupPaced(runs: number, budget: number | undefined, floor: number) {
  // Slow enough that one client's own overhead (about 25 ms a request here) is not the bound.
  const minuteMs = 6000;
  const pace = paceOf(minuteMs, 2);
  return withLimits(
    cleanupSpec(runs, budget ?? 10_000_000),
    pace,
    async (sim) => {
      const run = await runAction(sim, cleanupRuns, cleanupInputs(floor), {
        token: TOKEN,
        pace,
        timings: sharedPace(minuteMs, 1),
      });
      const [result] = JSON.parse(run.outputs.result ?? "[]") as {
        left?: number;
        status?: string;
      }[];
      return {
        run,
        pace,
        deletes: perMinute(sim, minuteMs, isDelete),
        result,
        secondaryHits: secondaryHits(sim),
      };
    },
    budget !== undefined,
  );
}

/** cleanup-runs alone, the budget not the bound: deletes at the REST ceiling (180 a minute). */
async function cleanupAtCeiling(quick: boolean, log: (line: string) => void): Promise<BenchRow> {
  const runs = quick ? 600 : 20_000;
  const { run, pace, deletes, secondaryHits: hits } = await cleanupPaced(runs, undefined, 0);
  log(
    `cleanup-runs, ${runs} runs: ${deletes.perMinute} deletes a minute (ceiling 180), busiest minute ${deletes.busiestMinute}, ${hits} secondary-limit answers`,
  );
  return {
    ...row(`cleanup-runs, 1 repo x ${runs} runs, budget not the bound`, pace.latencyMs, {
      requests: run.requests,
      wallMs: run.wallMs,
    }),
    deletesPerMinute: deletes.perMinute,
    ceilingPerMinute: 180,
    rateToCeiling: Math.round((deletes.perMinute / 180) * 100) / 100,
    busiestMinute: deletes.busiestMinute,
    simulatedMinutes: deletes.minutes,
    secondaryHits: hits,
  };
}

/** cleanup-runs on a 5,000-an-hour installation budget: the floor, reached at the ceiling. */
async function cleanupToTheFloor(quick: boolean, log: (line: string) => void): Promise<BenchRow> {
  const budget = quick ? 500 : 5_000;
  const runs = budget * 2;
  const { run, pace, deletes, result, secondaryHits: hits } = await cleanupPaced(runs, budget, 100);
  log(
    `cleanup-runs on ${budget} requests an hour: ${deletes.total} deleted in ${deletes.minutes} simulated minutes, stopped ${result?.status} with ${result?.left} left, ${hits} secondary-limit answers`,
  );
  return {
    ...row(`cleanup-runs, ${runs} runs, a budget of ${budget} an hour`, pace.latencyMs, {
      requests: run.requests,
      wallMs: run.wallMs,
    }),
    budget,
    deletedBeforeFloor: deletes.total,
    simulatedMinutesToFloor: deletes.minutes,
    deletesPerMinute: deletes.perMinute,
    status: result?.status,
    left: result?.left,
    secondaryHits: hits,
  };
}

/** stale-sweep's first sweep of a neglected fleet, one job per repository, one App. */
async function staleFanOut(
  quick: boolean,
  pacing: "shared" | "one write a second",
  log: (line: string) => void,
): Promise<BenchRow> {
  const repos = 20;
  // 20 x (10 labels + 10 comments + 1 label created) = 420 content-creating requests: under
  // the hour's 500, so the minute's 80 is what binds.
  const idle = 10;
  const minuteMs = quick ? 2000 : 4000;
  const pace = paceOf(minuteMs, 2);
  const timings = pacing === "shared" ? sharedPace(minuteMs, repos) : oneWriteASecond(minuteMs);
  return withLimits(staleSpec(repos, idle), pace, async (sim) => {
    const fan = await fanOut(
      sim,
      staleSweep,
      { "dry-run": "false", "max-operations": "1000" },
      pace,
      timings,
    );
    const content = perMinute(sim, minuteMs, createsContent);
    const hits = secondaryHits(sim);
    log(
      `stale-sweep, ${repos} jobs (${pacing}): ${content.perMinute} content-creating requests a minute fleet-wide (ceiling 80), busiest minute ${content.busiestMinute}, ${hits} secondary-limit answers, ${fan.failed} jobs failed`,
    );
    return {
      ...row(
        `stale-sweep first sweep, ${repos} parallel jobs of one App, ${pacing}`,
        pace.latencyMs,
        {
          requests: sim.log.count(),
          wallMs: fan.wallMs,
        },
      ),
      contentPerMinute: content.perMinute,
      ceilingPerMinute: 80,
      rateToCeiling: Math.round((content.perMinute / 80) * 100) / 100,
      busiestMinute: content.busiestMinute,
      contentTotal: content.total,
      secondaryHits: hits,
      failedJobs: fan.failed,
    };
  });
}

/** roadmap-backfill adding every orphan: GraphQL points and additions against both ceilings. */
async function backfill(quick: boolean, log: (line: string) => void): Promise<BenchRow> {
  // Each addition is two content-creating requests (the add and its Status) by the safe
  // reading: the hour's 500 hold 250, and the rest is left for the next run.
  const repos = quick ? 2 : 10;
  const issues = quick ? 150 : 300;
  const minuteMs = 100;
  const pace = paceOf(minuteMs, 2);
  return withLimits(backfillSpec(repos, issues), pace, async (sim) => {
    const run = await runAction(
      sim,
      roadmapBackfill,
      {
        repositories: repositoriesOf(sim).join(","),
        "dry-run": "false",
        "project-owner": "bench",
        "project-number": "7",
        "max-adds": "100000",
        "min-remaining": "0",
      },
      { token: TOKEN, pace, timings: sharedPace(minuteMs, 1) },
    );
    const graphql = sim.log.filter((e) => e.path.endsWith("/graphql"));
    const mutations = graphql.filter((e) => e.mutating);
    const points = graphql.length + 4 * mutations.length;
    const minutes = graphql.length < 2 ? 1 : (graphql.at(-1)!.time - graphql[0]!.time) / minuteMs;
    const orphans = repos * issues;
    const added = (JSON.parse(run.outputs.added ?? "[]") as string[]).length;
    log(
      `roadmap-backfill, ${orphans} orphans: ${added} added in ${minutes.toFixed(1)} simulated minutes (the hour's 500 content-creating requests hold 250), ${orphans - added} left for the next run, ${Math.round(points / Math.max(1, minutes))} GraphQL points a minute (ceiling 2,000), ${secondaryHits(sim)} secondary-limit answers`,
    );
    return {
      ...row(`roadmap-backfill, ${orphans} orphans`, pace.latencyMs, {
        requests: run.requests,
        wallMs: run.wallMs,
      }),
      added,
      addedPerHourCeiling: 250,
      left: orphans - added,
      graphqlPointsPerMinute: Math.round(points / Math.max(1, minutes)),
      simulatedMinutes: Math.round(minutes * 10) / 10,
      secondaryHits: secondaryHits(sim),
    };
  });
}

/** cleanup-runs with no limits configured, against a deleter with 10 requests in flight. */
async function unlimited(quick: boolean, log: (line: string) => void): Promise<BenchRow> {
  const runs = quick ? 600 : 3_000;
  const pace = paceOf(SIM_MINUTE, 5);
  const start = () =>
    startPacedSim(buildScenario(cleanupSpec(runs, 10_000_000)), pace, { primary: false });
  const ours = await withSim(start, (sim) =>
    runAction(sim, cleanupRuns, cleanupInputs(0), {
      token: TOKEN,
      pace,
      timings: { pace: null, writeIntervalMs: 0 },
    }),
  );
  const concurrent = await withSim(start, async (sim) => {
    const client = createClient({
      token: TOKEN,
      baseUrl: sim.url,
      log: memoryLogger(),
      timings: { pace: null, writeIntervalMs: 0 },
    });
    return timed(async () => {
      const listed = await client.paginate("GET /repos/{owner}/{repo}/actions/runs", {
        owner: "bench",
        repo: "mono",
        per_page: 100,
      });
      const queue = [...listed];
      const worker = async () => {
        for (let run = queue.shift(); run; run = queue.shift())
          await client.request("DELETE /repos/{owner}/{repo}/actions/runs/{run_id}", {
            owner: "bench",
            repo: "mono",
            run_id: Number(run.id),
          });
      };
      await Promise.all(Array.from({ length: 10 }, worker));
    });
  });
  const slower = Math.round((ours.wallMs / concurrent.wallMs) * 100) / 100;
  log(
    `cleanup-runs, ${runs} runs, no limits: ${ours.wallMs} ms against ${concurrent.wallMs} ms for a deleter with 10 in flight (${slower}x)`,
  );
  return {
    ...row(`cleanup-runs, ${runs} runs, no limits configured`, pace.latencyMs, {
      requests: ours.requests,
      wallMs: ours.wallMs,
    }),
    concurrentDeleterWallMs: concurrent.wallMs,
    againstConcurrentDeleter: slower,
  };
}

/** The pacing rows of issue "Fleet-wide pacing": achieved rates against GitHub's ceilings. */
export const pacingBench: Bench = {
  name: "pacing",
  async run({ quick, log }) {
    return [
      await cleanupAtCeiling(quick, log),
      await cleanupToTheFloor(quick, log),
      await staleFanOut(quick, "shared", log),
      await staleFanOut(quick, "one write a second", log),
      await backfill(quick, log),
      await unlimited(quick, log),
    ];
  },
};
