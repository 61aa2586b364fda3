import type { Budget } from "./budget.ts";
import { ApiError, classifyError, stopsTheRest } from "./errors.ts";
import { HOUR_SPENT, hourSpent, type Pacer } from "./pacer.ts";

/** How one change ended when applied. */
export type ChangeOutcome = "done" | "skipped";

/**
 * How the run's limits are said; an action words them for what it changes (issues, orphans,
 * packages by name). `left` is the changes not attempted.
 */
export interface ApplyWording<T = unknown> {
  /** The cap (`max-*`) was reached. */
  capReached(capInput: string, cap: number, left: readonly T[]): string;
  /** This job's share of the hour's content-creating requests (`perHour`) is spent. */
  hourSpent(perHour: number, left: readonly T[]): string;
  /** The rate-limit floor was reached; `remaining` is in `unit` (requests, GraphQL points). */
  floorReached(
    remaining: number | undefined,
    unit: string,
    floor: number,
    left: readonly T[],
  ): string;
  /** Something (`cause`) stopped every further change. */
  stopped(cause: string, left: readonly T[]): string;
}

/** The wording unless an action gives its own. */
export const defaultWording: ApplyWording = {
  capReached: (capInput, cap, left) =>
    `reached ${capInput} (${cap}); ${left.length} left for the next run`,
  hourSpent: (perHour, left) =>
    `this job's share of GitHub's content-creating requests for the hour (${perHour}) is spent; stopped with ${left.length} left for the next run`,
  floorReached: (remaining, unit, floor, left) =>
    `rate-limit floor reached (${remaining} ${unit} left, min-remaining ${floor}); stopped with ${left.length} left for the next run`,
  stopped: (cause, left) => `${cause}; ${left.length} changes left undone`,
};

/**
 * Thrown by a change to stop every further one, whatever the error's kind: a state that
 * could not be saved, say. With `failure` the change itself failed (with that message);
 * without, it is left for the next run with the rest.
 */
export class StopChanges extends Error {
  override readonly name = "StopChanges";
  constructor(
    message: string,
    readonly failure?: string,
  ) {
    super(message);
  }
}

/**
 * Thrown by a change to leave it and every further one for a later run, with a warning and
 * no failure: another run is making them (a concurrent sweep of the same repository).
 */
export class LeaveTheRest extends Error {
  override readonly name = "LeaveTheRest";
}

/** How each change of a batch ended: done, skipped, or failed on its own with why. */
export type BatchOutcome = ChangeOutcome | { error: string };

/** What applying one batch did. */
export interface BatchResult {
  /**
   * One per change of the batch, in order; fewer when the writer stopped short (a stop, its
   * own floor): the changes after them are gone through next, or left.
   */
  outcomes: BatchOutcome[];
  /** Set when, after this batch, nothing further may be tried (rate limit, refused token). */
  stop?: string;
}

/** The run's limits on one repository's changes. */
export interface ApplyLimits<T> {
  /** Per-repository cap on changes (`max-*`). */
  cap: number;
  /** The input that sets the cap, for the warning. */
  capInput: string;
  budget: Budget;
  /** `min-remaining`: stop before the budget drops to this. */
  floor: number;
  /** The client's pacer: a change it would hold for the hour is left for the next run. */
  pacer?: Pacer;
  resource?: string;
  /**
   * A dry run: no change is applied. A change within the cap counts as done, or as what
   * `preview` says when there is one.
   */
  dryRun?: boolean;
  wording?: Partial<ApplyWording<T>>;
  /** Told after each change (or batch) how many of the changes have been gone through. */
  progress?(done: number, total: number): void;
}

/** How changes are made: one at a time, or in batches (aliased GraphQL mutations). */
export type ChangeWrites<T> = {
  /** How a change is named in messages, e.g. `#12`. */
  describe(change: T): string;
  /**
   * What one change counts against the cap: the mutating requests it takes, say. 1 unless
   * said. A skipped change made no change and is not counted.
   */
  cost?(change: T): number;
  /**
   * The content-creating requests one change makes (a comment, a label, an issue, a board
   * item): 1 unless said; 0 for a change that only deletes or reads.
   */
  content?(change: T): number;
  /**
   * In a dry run, the reads that tell whether a change would be done or skipped (they are
   * requests, so the floor guards them as it guards writes).
   */
  preview?(change: T): Promise<ChangeOutcome>;
} & (
  | {
      /** Makes one change: how it ended, or throws on failure. */
      apply(change: T): Promise<BatchOutcome>;
      applyBatch?: undefined;
    }
  | {
      /** Makes up to `batchSize` changes in one go; throws when the whole batch failed. */
      applyBatch(changes: T[]): Promise<BatchResult>;
      batchSize: number;
      apply?: undefined;
    }
);

/** What applyChanges is given. */
export type ApplyOptions<T> = ApplyLimits<T> & ChangeWrites<T>;

export interface ApplyReport<T> {
  done: T[];
  skipped: T[];
  failed: { change: T; error: string }[];
  /** Changes not attempted (cap, budget floor, or what set `stoppedBy`, that change included). */
  left: number;
  warnings: string[];
  /** Set when something stopped all further changes: rate limit, revoked token, permission. */
  stoppedBy?: string;
}

/**
 * How many of `changes`, in order, fit within `cap` when each costs `cost(change)`: stops at
 * the first that does not fit, so a lower-priority change never jumps ahead of a higher one.
 */
export function fitsInCap<T>(
  changes: readonly T[],
  cap: number,
  cost: (change: T) => number = () => 1,
): number {
  let spent = 0;
  let i = 0;
  for (; i < changes.length; i++) {
    const c = cost(changes[i]!);
    if (spent + c > cap) break;
    spent += c;
  }
  return i;
}

/** One change at a time, as a batch of one. */
const single =
  <T>(write: (change: T) => Promise<BatchOutcome>) =>
  async (changes: T[]): Promise<BatchResult> => ({ outcomes: [await write(changes[0]!)] });

/**
 * Applies planned changes in order, one at a time (or a batch at a time), within the cap and
 * the rate-limit floor. A change that fails on its own (403 on one locked issue, 422) is
 * reported and the rest go on; an exhausted rate limit, an invalid token or a permission the
 * token lacks would refuse every other change too, so it stops the rest, reported as left.
 * A dry run walks the same changes within the same cap, and makes none of them.
 */
export async function applyChanges<T>(
  changes: readonly T[],
  options: ApplyOptions<T>,
): Promise<ApplyReport<T>> {
  const report: ApplyReport<T> = { done: [], skipped: [], failed: [], left: 0, warnings: [] };
  const say: ApplyWording<T> = { ...defaultWording, ...options.wording };
  const cost = options.cost ?? (() => 1);
  const write = options.dryRun
    ? single(options.preview ?? (async () => "done" as const))
    : (options.applyBatch ?? single(options.apply));
  const batchSize = !options.dryRun && options.applyBatch ? options.batchSize : 1;
  // A dry run without reads makes no request at all, so it has no floor to keep.
  const guarded = !options.dryRun || options.preview !== undefined;
  let spent = 0;
  let i = 0;
  /** Leaves the changes from the `from`th on for the next run. */
  const leaveFrom = (from: number) => {
    report.left = changes.length - from;
    return changes.slice(from);
  };
  while (i < changes.length) {
    let size = 0;
    let price = 0;
    while (size < batchSize && i + size < changes.length) {
      const next = cost(changes[i + size]!);
      if (spent + price + next > options.cap) break;
      price += next;
      size += 1;
    }
    if (size === 0) {
      const left = leaveFrom(i);
      report.warnings.push(say.capReached(options.capInput, options.cap, left));
      break;
    }
    if (guarded && !options.budget.allows(options.floor, options.resource)) {
      const left = leaveFrom(i);
      const remaining = options.budget.get(options.resource)?.remaining;
      const unit = options.resource === "graphql" ? "GraphQL points" : "requests";
      report.warnings.push(say.floorReached(remaining, unit, options.floor, left));
      break;
    }
    const batch = changes.slice(i, i + size);
    const content = batch.reduce((n, c) => n + (options.content?.(c) ?? 1), 0);
    const pacer = options.dryRun || content === 0 ? undefined : options.pacer;
    let result: BatchResult | typeof HOUR_SPENT;
    try {
      result = pacer ? await pacer.contentTurn(content, () => write(batch)) : await write(batch);
    } catch (error) {
      // The hour's content-creating requests ran out mid-batch (other repositories drew on
      // them too): what this change still needed is left for the next run, as the floor is.
      if (hourSpent(error) && options.pacer) {
        report.warnings.push(say.hourSpent(options.pacer.contentPerHour, leaveFrom(i)));
        break;
      }
      if (error instanceof LeaveTheRest) {
        const left = leaveFrom(i);
        report.warnings.push(`${error.message}; ${left.length} left for the next run`);
        break;
      }
      if (error instanceof StopChanges) {
        const failed = error.failure !== undefined;
        if (failed) report.failed.push({ change: batch[0]!, error: error.failure! });
        const left = leaveFrom(i + (failed ? 1 : 0));
        if (!failed || left.length > 0) report.stoppedBy = say.stopped(error.message, left);
        break;
      }
      const e =
        error instanceof ApiError
          ? error
          : classifyError(error, { doing: options.describe(batch[0]!) });
      if (stopsTheRest(e)) {
        report.stoppedBy = say.stopped(e.message, leaveFrom(i));
        break;
      }
      result = { outcomes: batch.map(() => ({ error: e.message })) };
    }
    if (result === HOUR_SPENT) {
      report.warnings.push(say.hourSpent(pacer!.contentPerHour, leaveFrom(i)));
      break;
    }
    const reached = batch.slice(0, result.outcomes.length);
    reached.forEach((change, k) => {
      const outcome = result.outcomes[k]!;
      if (outcome === "skipped") return void report.skipped.push(change);
      spent += cost(change);
      if (outcome === "done") report.done.push(change);
      else report.failed.push({ change, error: outcome.error });
    });
    i += reached.length;
    options.progress?.(i, changes.length);
    if (result.stop !== undefined) {
      const left = leaveFrom(i);
      if (left.length > 0) report.stoppedBy = say.stopped(result.stop, left);
      break;
    }
  }
  return report;
}
