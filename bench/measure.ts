import type { ActionSpec } from "../src/core/action.ts";
import {
  createClient,
  type ClientLimits,
  type ClientTimings,
  type FleetClient,
} from "../src/core/client.ts";
import { systemClock } from "../src/core/clock.ts";
import type { InputSchema } from "../src/core/inputs.ts";
import { memoryLogger } from "../src/core/logger.ts";
import type { Sim } from "../src/sim/index.ts";
import { runInMemory } from "../test/helpers/host.ts";
import { pacedTimings, type Pace } from "./paced-sim.ts";
import { ratio, type Bench, type BenchRow } from "./row.ts";

/** What a strategy cost on its simulator: the requests it made and its wall time. */
export type Measured = { requests: number; wallMs: number };

/** What `work` returned and the milliseconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; wallMs: number }> {
  const started = performance.now();
  const value = await work();
  return { value, wallMs: Math.round(performance.now() - started) };
}

/** Starts a simulator, hands it to `use`, and closes it whether or not `use` succeeds. */
export async function withSim<T>(
  start: () => Promise<Sim>,
  use: (sim: Sim) => Promise<T>,
): Promise<T> {
  const sim = await start();
  try {
    return await use(sim);
  } finally {
    await sim.close();
  }
}

/** How a bench sets up one scenario: its simulator, and the two strategies run on it. */
export interface Contest<A extends unknown[], O, N> {
  /** Builds a fresh copy of the scenario's seeded state and serves it. */
  start: (...args: A) => Promise<Sim>;
  ours: (sim: Sim, ...args: A) => Promise<O>;
  naive: (sim: Sim, ...args: A) => Promise<N>;
}

/**
 * Ours against the naive strategy, each on its own simulator started from the same seeded
 * scenario, so neither sees the other's writes. Side by side they run at once; one after the
 * other keeps them from sharing the thread, for benches whose figures are sensitive to it.
 */
export async function versus<A extends unknown[], O, N>(
  contest: Contest<A, O, N>,
  order: "side by side" | "one after the other",
  ...args: A
): Promise<[O, N]> {
  const ours = () =>
    withSim(
      () => contest.start(...args),
      (sim) => contest.ours(sim, ...args),
    );
  const naive = () =>
    withSim(
      () => contest.start(...args),
      (sim) => contest.naive(sim, ...args),
    );
  if (order === "side by side") return Promise.all([ours(), naive()]);
  const o = await ours();
  return [o, await naive()];
}

/** Full names of every repository the simulator serves, in the order the scenario made them. */
export const repositoriesOf = (sim: Sim) => [...sim.state.repos.values()].map((r) => r.full_name);

/**
 * Requests the simulator refused with 403 or 429. The bench tokens may do everything on every
 * repository, so each one is a secondary-limit refusal.
 */
export const secondaryHits = (sim: Sim) =>
  sim.log.count((e) => e.status === 403 || e.status === 429);

/** The sum of `values`. */
export const total = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/**
 * Runs `spec` in process through the glue every action shares (inputs, outputs, exit code),
 * against `sim` with `token` and a client at the bench's pace. `now` freezes the clock's time
 * (its sleeps stay real) at the instant the scenario was built for. A run that exits non-zero
 * measured nothing worth reporting: it throws with the action's errors. Requests are those
 * the simulator's log holds once the run ends.
 */
export async function runAction<S extends InputSchema>(
  sim: Sim,
  spec: ActionSpec<S>,
  inputs: Record<string, string>,
  o: {
    token: string;
    pace: Pace;
    now?: number;
    /** Client timings over the bench's pace (a share of the limits, another pacing). */
    timings?: Partial<ClientTimings>;
    /** Report a run that exits non-zero (with its errors) instead of throwing. */
    mayFail?: boolean;
  },
): Promise<Measured & { outputs: Record<string, string>; code: number; errors: string[] }> {
  const log = memoryLogger();
  const now = o.now;
  const deps = {
    clock: now === undefined ? systemClock : { now: () => now, sleep: systemClock.sleep },
    env: {},
    cwd: process.cwd(),
    makeClient: (token: string, baseUrl: string, limits?: ClientLimits) =>
      createClient({
        token,
        baseUrl,
        log,
        timings: { ...pacedTimings(o.pace), ...o.timings, ...limits },
      }),
  };
  const given = { ...inputs, token: o.token, "api-url": sim.url };
  const { value: run, wallMs } = await timed(() => runInMemory(spec, given, deps, log));
  if (run.code !== 0 && !o.mayFail)
    throw new Error(`${spec.name} failed in the bench: ${run.errors.join("; ")}`);
  return {
    requests: sim.log.count(),
    wallMs,
    outputs: run.outputs,
    code: run.code,
    errors: run.errors,
  };
}

/**
 * Runs a naive strategy against `sim` with its own client of `token` at the bench's pace, the
 * same client the action gets: the difference measured is the strategy, not the plumbing.
 */
export async function runNaive(
  sim: Sim,
  o: { token: string; pace: Pace },
  strategy: (client: FleetClient) => Promise<void>,
): Promise<Measured> {
  const client = createClient({
    token: o.token,
    baseUrl: sim.url,
    log: memoryLogger(),
    timings: pacedTimings(o.pace),
  });
  const { wallMs } = await timed(() => strategy(client));
  return { requests: sim.log.count(), wallMs };
}

/**
 * A results row for one scenario: ours against the minimum (with its ratio), the naive
 * strategy's figures when there is one, then the bench's own figures.
 */
export function benchRow(
  action: string,
  scenario: { scenario: string; latencyMs: number },
  result: { minimum: number; ours: Measured; naive?: BenchRow["naive"] },
  figures: Record<string, unknown> = {},
): BenchRow {
  const { ours, naive, minimum } = result;
  return {
    action,
    scenario: scenario.scenario,
    latencyMs: scenario.latencyMs,
    requests: ours.requests,
    minimum,
    ratio: ratio(ours.requests, minimum),
    wallMs: ours.wallMs,
    ...(naive ? { naive } : {}),
    ...figures,
  };
}

/** A bench that measures its scenarios (the quick or the full set) one at a time, a row each. */
export function perScenario<S>(
  name: string,
  scenarios: (quick: boolean) => readonly S[],
  measure: (scenario: S, log: (line: string) => void) => Promise<BenchRow>,
): Bench {
  return {
    name,
    async run({ quick, log }) {
      const rows: BenchRow[] = [];
      for (const scenario of scenarios(quick)) rows.push(await measure(scenario, log));
      return rows;
    },
  };
}
