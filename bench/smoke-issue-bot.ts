import { formatMarker } from "../src/actions/smoke-issue-bot/marker.ts";
import { issueTitle } from "../src/actions/smoke-issue-bot/messages.ts";
import type { Outcome } from "../src/actions/smoke-issue-bot/outcomes.ts";
import { freshState, type PackageState } from "../src/actions/smoke-issue-bot/package-state.ts";
import { action } from "../src/actions/smoke-issue-bot/smoke-issue-bot.ts";
import { seedStates } from "../src/actions/smoke-issue-bot/smoke-world.fixture.ts";
import { githubSchema } from "../src/sim/graphql/index.ts";
import { addIssue, addRepo, addToken, createState, iso, type Sim } from "../src/sim/index.ts";
import { benchRow, perScenario, runAction, runNaive, versus } from "./measure.ts";
import { startPacedSim, type Pace } from "./paced-sim.ts";
import { naiveRecord } from "./smoke-issue-bot-naive.ts";

/** One package of the scenario: what the bot remembers of it, and today's outcome. */
interface Pkg {
  name: string;
  /** Consecutive failures before today; with `tracked`, an open tracking issue exists. */
  failures: number;
  tracked: boolean;
  /** A state file exists (the fresh state's, for a package that recovered some day). */
  file: boolean;
  today: Outcome;
}

interface Shape extends Pace {
  scenario: string;
  packages: Pkg[];
}

const TOKEN = "bench-smoke-token";
const OWNER = "bench";
const REPO = "smoke";
const RUN_URL = `https://github.com/${OWNER}/${REPO}/actions/runs/777`;

/**
 * 50 packages smoke-tested daily: most pass and have passed for a while (half of them with a
 * state file left by an old recovery), a few were cancelled, and `changes` of them change:
 * a second failure (opens an issue), a further failure (comments), a recovery (closes), and
 * first failures (a state write only).
 */
function packages(changes: boolean): Pkg[] {
  return Array.from({ length: 50 }, (_, i) => {
    const name = `pkg-${String(i).padStart(2, "0")}`;
    const quiet: Pkg = { name, failures: 0, tracked: false, file: i % 2 === 0, today: "success" };
    if (i % 9 === 8) return { ...quiet, today: "cancelled" };
    if (!changes) return quiet;
    switch (i) {
      case 0:
        return { ...quiet, failures: 1, file: true, today: "failure" };
      case 1:
        return { ...quiet, failures: 3, tracked: true, file: true, today: "failure" };
      case 2:
        return { ...quiet, failures: 4, tracked: true, file: true, today: "success" };
      case 3:
      case 5:
        return { ...quiet, today: "failure" };
      default:
        return quiet;
    }
  });
}

const shapes = (quick: boolean): Shape[] => {
  const latencyMs = quick ? 5 : 50;
  return [
    { scenario: "50 packages, 5 changes", packages: packages(true), latencyMs, paceMs: latencyMs },
    { scenario: "50 packages, no change", packages: packages(false), latencyMs, paceMs: latencyMs },
  ];
};

const outcomesOf = (shape: Shape) =>
  JSON.stringify(Object.fromEntries(shape.packages.map((p) => [p.name, p.today])));

/**
 * What the run needs, from the scenario alone: one read of every state file (a tree or
 * GraphQL read), the pages of open tracking issues, and per change one state write plus its
 * issue writes (open: create; further failure: comment; recovery: comment and close).
 */
function minimum(shape: Shape): { requests: number; writes: number } {
  let writes = 0;
  for (const p of shape.packages) {
    if (p.today === "failure") writes += 1 + (p.tracked ? 1 : p.failures + 1 >= 2 ? 1 : 0);
    if (p.today === "success" && p.failures > 0) writes += 1 + (p.tracked ? 2 : 0);
  }
  const tracked = shape.packages.filter((p) => p.tracked).length;
  const reads = 1 + Math.max(1, Math.ceil(tracked / 100));
  return { requests: reads + writes, writes };
}

// One repository with the bot's memory of each package (state files, open tracking issues).
function simFor(shape: Shape, now: number): Promise<Sim> {
  const state = createState({ now, seed: 5 });
  const repo = addRepo(state, {
    owner: OWNER,
    name: REPO,
    created_at: iso(now - 400 * 86_400_000),
  });
  addToken(state, { token: TOKEN, login: "fleet-bot[bot]", hourlyLimit: 10_000_000 });
  const stored: PackageState[] = [];
  for (const p of shape.packages) {
    const s: PackageState = { ...freshState(p.name), failures: p.failures };
    s.runs = Array.from({ length: p.failures }, (_, k) => ({
      id: String(700 + k),
      url: `https://github.com/${OWNER}/${REPO}/actions/runs/${700 + k}`,
      at: iso(now - (p.failures - k) * 86_400_000),
    }));
    if (p.tracked) {
      const issue = addIssue(state, repo, {
        title: issueTitle("Smoke test failing: {package}", p.name),
        body: formatMarker({ package: p.name, milestones: [] }),
        user: "fleet-bot[bot]",
        created_at: iso(now - 2 * 86_400_000),
        labels: ["smoke-broken"],
      });
      s.issue = issue.number;
    }
    if (p.file) stored.push(s);
  }
  seedStates(repo, stored);
  return startPacedSim(state, shape);
}

async function ours(sim: Sim, shape: Shape, now: number) {
  const inputs = {
    mode: "record",
    repository: `${OWNER}/${REPO}`,
    outcomes: outcomesOf(shape),
    "run-url": RUN_URL,
  };
  const run = await runAction(sim, action, inputs, { token: TOKEN, pace: shape, now });
  return {
    requests: run.requests,
    reads: sim.log.count({ mutating: false }),
    writes: sim.log.mutations().length,
    wallMs: run.wallMs,
  };
}

async function naive(sim: Sim, shape: Shape, now: number) {
  const measured = await runNaive(sim, { token: TOKEN, pace: shape }, (client) =>
    naiveRecord(client, {
      owner: OWNER,
      repo: REPO,
      outcomes: new Map(shape.packages.map((p) => [p.name, p.today])),
      runUrl: RUN_URL,
      now,
    }),
  );
  return { ...measured, writes: sim.log.mutations().length };
}

/**
 * smoke-issue-bot's record mode over a 50-package smoke run, against the naive strategy
 * (per package: GET its state file, list the open issues, PUT the state, then the issue
 * writes), each on its own simulator built from the same scenario, side by side.
 */
export const smokeIssueBotBench = perScenario("smoke-issue-bot", shapes, async (shape, log) => {
  // The simulator builds GitHub's GraphQL schema on its first query (about 0.4 s, once per
  // process): a cost of the simulator, not of the run, so it is paid before the clock starts.
  await githubSchema();
  const now = Date.now();
  const [o, n] = await versus({ start: simFor, ours, naive }, "side by side", shape, now);
  const min = minimum(shape);
  const row = benchRow(
    "smoke-issue-bot",
    shape,
    { minimum: min.requests, ours: o, naive: n },
    { reads: o.reads, writes: o.writes, minimumWrites: min.writes },
  );
  log(
    `${shape.scenario}: ${o.requests} requests (${o.reads} reads, ${o.writes} writes; minimum ${min.requests} with ${min.writes} writes, ratio ${row.ratio}), ${o.wallMs} ms; naive ${n.requests} requests, ${n.wallMs} ms`,
  );
  return row;
});
