import type { ClientTimings } from "../src/core/client.ts";
import { defaultPaceSettings } from "../src/core/pacer.ts";
import {
  defaultSecondaryLimits,
  startSim,
  type SecondaryLimits,
  type Sim,
  type SimState,
} from "../src/sim/index.ts";

/** How fast a bench's simulator answers and how fast its clients may write. */
export interface Pace {
  /** Simulated latency per request. */
  latencyMs: number;
  /** The client's write pace, standing in for GitHub's one write (or GraphQL request) a second. */
  paceMs: number;
}

/** The secondary budgets that are counted over time, and so may run faster with the pace. */
export type TimedBudget = Extract<
  keyof SecondaryLimits,
  "restPointsPerMinute" | "graphqlPointsPerMinute" | "contentPerMinute" | "contentPerHour"
>;

/** Which limits a bench's simulator enforces. */
export interface BenchLimits {
  /** The hourly per-token budgets; on unless `false`. */
  primary?: boolean;
  /** Secondary limits are on only when budgets are named here; those named scale with the pace. */
  secondary?: readonly TimedBudget[];
  /** The simulator's reading of content in batched GraphQL mutations (see SecondaryLimits). */
  countMutationAliasesAsContent?: boolean;
}

/**
 * Client timings at the bench's pace: GitHub's secondary limits with the minute compressed as
 * the simulator's budgets are (`paceMs` stands for a second), and retry waits shrunk alike.
 */
export const pacedTimings = (pace: Pace): Partial<ClientTimings> => ({
  pace: { ...defaultPaceSettings, minuteMs: 60 * pace.paceMs },
  writeIntervalMs: 0,
  retryAfterUnitMs: pace.paceMs,
  retryBackoffUnitMs: pace.paceMs,
});

/**
 * Serves `state` with `latencyMs` added to every request. Time runs 1000/paceMs times faster
 * than GitHub's: the simulator's minute lasts 60 x paceMs, as the bench clients' does, and the
 * budgets named in `limits.secondary` keep GitHub's numbers within it (the others are off).
 * A client paced to GitHub's rules never hits them; one that ignores them still does, and is
 * refused in each of GitHub's shapes in turn.
 */
export function startPacedSim(state: SimState, pace: Pace, limits: BenchLimits = {}): Promise<Sim> {
  const timed: readonly TimedBudget[] = [
    "restPointsPerMinute",
    "graphqlPointsPerMinute",
    "contentPerMinute",
    "contentPerHour",
  ];
  const secondary = limits.secondary && {
    ...Object.fromEntries(
      timed.map((k) => [k, limits.secondary!.includes(k) ? defaultSecondaryLimits[k] : Infinity]),
    ),
    minuteMs: 60 * pace.paceMs,
    refusal: "mixed" as const,
    ...(limits.countMutationAliasesAsContent === undefined
      ? {}
      : { countMutationAliasesAsContent: limits.countMutationAliasesAsContent }),
  };
  return startSim(state, {
    latency: { fixedMs: pace.latencyMs },
    limits: { primary: limits.primary, secondary },
  });
}
