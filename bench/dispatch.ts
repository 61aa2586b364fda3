import { action } from "../src/actions/dispatch/dispatch.ts";
import type { Sim, SimState } from "../src/sim/index.ts";
import { buildScenario } from "../src/sim/scenario/build.ts";
import { naiveDispatch } from "./dispatch-naive.ts";
import { benchRow, perScenario, repositoriesOf, runAction, runNaive, versus } from "./measure.ts";
import { startPacedSim, type Pace } from "./paced-sim.ts";

interface Shape extends Pace {
  scenario: string;
  mode: "workflow" | "repository";
  /** Repositories that take the dispatch, and archived ones listed alongside them. */
  live: number;
  archived: number;
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

const simFor = (shape: Shape) => startPacedSim(state(shape), shape, { primary: false });

const received = (sim: Sim) =>
  [...sim.state.repos.values()].reduce(
    (n, r) => n + r.dispatches.repository.length + r.dispatches.workflow.length,
    0,
  );

/** Dispatches the simulator refused: those sent to archived repositories. */
const refused = (sim: Sim) => sim.log.count({ mutating: true, status: 403 });

async function ours(sim: Sim, shape: Shape) {
  const inputs = {
    repositories: repositoriesOf(sim).join(","),
    mode: shape.mode,
    ...(shape.mode === "workflow" ? { workflow: "cd.yml" } : { "event-type": "runtime-published" }),
    "dry-run": "false",
  };
  const run = await runAction(sim, action, inputs, { token: TOKEN, pace: shape });
  return {
    requests: run.requests,
    minimum: minimum(sim.state, shape),
    wallMs: run.wallMs,
    dispatched: received(sim),
    refused: refused(sim),
  };
}

async function naive(sim: Sim, shape: Shape) {
  const repositories = repositoriesOf(sim);
  const measured = await runNaive(sim, { token: TOKEN, pace: shape }, (client) =>
    naiveDispatch(client, repositories, shape.mode),
  );
  return { ...measured, dispatched: received(sim), refused: refused(sim) };
}

/**
 * dispatch over a fleet, against the naive strategy on its own simulator built from the same
 * scenario, side by side: requests against the minimum (the installation listing replaces one
 * read per target), wall time at the stated latency and write pace, and the dispatches each
 * sent to archived repositories (ours reads or is told, and skips them).
 */
export const dispatchBench = perScenario(
  "dispatch",
  (quick) => (quick ? QUICK : FULL),
  async (shape, log) => {
    const [o, n] = await versus({ start: simFor, ours, naive }, "side by side", shape);
    const row = benchRow(
      "dispatch",
      shape,
      { minimum: o.minimum, ours: o, naive: n },
      {
        dispatched: o.dispatched,
        refused: o.refused,
        pacePerMinute: Math.round(60_000 / shape.paceMs),
      },
    );
    log(
      `${shape.scenario}: ${o.requests} requests (minimum ${o.minimum}, ratio ${row.ratio}), ${o.dispatched} dispatched, ${o.refused} refused; naive ${n.requests} requests, ${n.refused} refused, ${n.wallMs} ms vs ${o.wallMs} ms`,
    );
    return row;
  },
);
