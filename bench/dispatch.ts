import { action } from "../src/actions/dispatch/dispatch.ts";
import type { FleetClient } from "../src/core/client.ts";
import { createClient, type ClientTimings } from "../src/core/client.ts";
import { systemClock } from "../src/core/clock.ts";
import { executeAction } from "../src/core/execute.ts";
import { memoryLogger } from "../src/core/logger.ts";
import { parseRepo } from "../src/core/repository.ts";
import { startSim, type Sim, type SimState } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import { ratio, type Bench, type BenchRow } from "./row.ts";

interface Shape {
  scenario: string;
  mode: "workflow" | "repository";
  /** Repositories that take the dispatch, and archived ones listed alongside them. */
  live: number;
  archived: number;
  latencyMs: number;
  /** The client's write pace, standing in for GitHub's one write a second. */
  paceMs: number;
}

const FULL: Shape[] = [
  {
    scenario: "trigger-cd: 270 agents + 30 archived",
    mode: "workflow",
    live: 270,
    archived: 30,
    latencyMs: 20,
    paceMs: 20,
  },
  {
    scenario: "cascade: 270 templates + 30 archived",
    mode: "repository",
    live: 270,
    archived: 30,
    latencyMs: 20,
    paceMs: 20,
  },
];
const QUICK: Shape[] = [
  {
    scenario: "trigger-cd: 27 agents + 3 archived",
    mode: "workflow",
    live: 27,
    archived: 3,
    latencyMs: 5,
    paceMs: 5,
  },
  {
    scenario: "cascade: 27 templates + 3 archived",
    mode: "repository",
    live: 27,
    archived: 3,
    latencyMs: 5,
    paceMs: 5,
  },
];

const TOKEN = "ghs_benchDispatchToken";
const PER_PAGE = 100;

function state(shape: Shape): SimState {
  const cd = [{ file: "cd.yml", name: "CD", dispatch: true }];
  return buildScenario({
    seed: 11,
    admin: { token: TOKEN },
    orgs: [
      {
        login: "acme",
        repos: [
          { name: "agent", count: shape.live, workflows: cd, defaultBranch: "main" },
          { name: "retired", count: shape.archived, archived: true, workflows: cd },
        ],
      },
    ],
  });
}

/**
 * What the work needs, from the scenario: one dispatch per live target, plus for a workflow
 * dispatch the default branches (the installation's listing pages, which also prove the
 * token), for a repository dispatch the one preflight request the issue asks for.
 */
function minimum(s: SimState, shape: Shape): number {
  const live = [...s.repos.values()].filter((r) => !r.archived).length;
  const reads = shape.mode === "workflow" ? Math.ceil(s.repos.size / PER_PAGE) : 1;
  return reads + live;
}

const timings = (shape: Shape): Partial<ClientTimings> => ({
  writeIntervalMs: shape.paceMs,
  retryAfterUnitMs: shape.paceMs,
  retryBackoffUnitMs: shape.paceMs,
});

const simFor = (shape: Shape) =>
  startSim(state(shape), { latency: { fixedMs: shape.latencyMs }, limits: { primary: false } });

const targets = (sim: Sim) => [...sim.state.repos.values()].map((r) => r.full_name);

const received = (sim: Sim) =>
  [...sim.state.repos.values()].reduce(
    (n, r) => n + r.dispatches.repository.length + r.dispatches.workflow.length,
    0,
  );

async function ours(shape: Shape) {
  const sim = await simFor(shape);
  try {
    const log = memoryLogger();
    const inputs: Record<string, string> = {
      repositories: targets(sim).join(","),
      token: TOKEN,
      "api-url": sim.url,
      mode: shape.mode,
      ...(shape.mode === "workflow"
        ? { workflow: "cd.yml" }
        : { "event-type": "runtime-published" }),
      "dry-run": "false",
    };
    const started = performance.now();
    const code = await executeAction(
      action,
      {
        log,
        getInput: (n) => inputs[n] ?? "",
        setSecret: () => {},
        setOutput: () => {},
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
      throw new Error(`dispatch failed in the bench: ${errors.join("; ")}`);
    }
    return {
      requests: sim.log.count(),
      minimum: minimum(sim.state, shape),
      wallMs,
      dispatched: received(sim),
      refused: sim.log.count({ mutating: true, status: 403 }),
    };
  } finally {
    await sim.close();
  }
}

/**
 * The bash + gh way: per target, `gh api repos/OWNER/NAME` for the default branch, then
 * `gh workflow run cd.yml --ref BRANCH` (which looks the workflow up, then dispatches), or
 * `gh api repos/OWNER/NAME/dispatches`; one at a time, `|| true` after each.
 */
async function naiveDispatch(
  client: FleetClient,
  repositories: readonly string[],
  mode: Shape["mode"],
) {
  for (const fullName of repositories) {
    const { owner, repo } = parseRepo(fullName);
    try {
      if (mode === "repository") {
        await client.request("POST /repos/{owner}/{repo}/dispatches", {
          owner,
          repo,
          event_type: "runtime-published",
        });
        continue;
      }
      const { data } = await client.request("GET /repos/{owner}/{repo}", { owner, repo });
      await client.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}", {
        owner,
        repo,
        workflow_id: "cd.yml",
      });
      await client.request(
        "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
        {
          owner,
          repo,
          workflow_id: "cd.yml",
          ref: data.default_branch,
        },
      );
    } catch {
      // `|| true`: the script goes on, and the failure is lost in its log.
    }
  }
}

async function naive(shape: Shape) {
  const sim = await simFor(shape);
  try {
    const client = createClient({
      token: TOKEN,
      baseUrl: sim.url,
      log: memoryLogger(),
      timings: timings(shape),
    });
    const started = performance.now();
    await naiveDispatch(client, targets(sim), shape.mode);
    return {
      requests: sim.log.count(),
      wallMs: Math.round(performance.now() - started),
      dispatched: received(sim),
      refused: sim.log.count({ mutating: true, status: 403 }),
    };
  } finally {
    await sim.close();
  }
}

/**
 * dispatch over a fleet, against the naive strategy on its own simulator built from the same
 * scenario, side by side: requests against the minimum (the installation listing replaces one
 * read per target), wall time at the stated latency and write pace, and the dispatches each
 * sent to archived repositories (ours reads or is told, and skips them).
 */
export const dispatchBench: Bench = {
  name: "dispatch",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    for (const shape of quick ? QUICK : FULL) {
      const [o, n] = await Promise.all([ours(shape), naive(shape)]);
      const row: BenchRow = {
        action: "dispatch",
        scenario: shape.scenario,
        latencyMs: shape.latencyMs,
        requests: o.requests,
        minimum: o.minimum,
        ratio: ratio(o.requests, o.minimum),
        wallMs: o.wallMs,
        naive: {
          requests: n.requests,
          wallMs: n.wallMs,
          dispatched: n.dispatched,
          refused: n.refused,
        },
        dispatched: o.dispatched,
        refused: o.refused,
        pacePerMinute: Math.round(60_000 / shape.paceMs),
      };
      log(
        `${shape.scenario}: ${o.requests} requests (minimum ${o.minimum}, ratio ${row.ratio}), ${o.dispatched} dispatched, ${o.refused} refused; naive ${n.requests} requests, ${n.refused} refused, ${n.wallMs} ms vs ${o.wallMs} ms`,
      );
      rows.push(row);
    }
    return rows;
  },
};
