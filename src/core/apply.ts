import type { Budget } from "./budget.ts";
import { ApiError, classifyError, stopsTheRest } from "./errors.ts";

/** How one change ended when applied. */
export type ChangeOutcome = "done" | "skipped";

export interface ApplyOptions<T> {
  /** Per-repository cap on changes (`max-*`). */
  cap: number;
  /** The input that sets the cap, for the warning. */
  capInput: string;
  budget: Budget;
  /** `min-remaining`: stop before the budget drops to this. */
  floor: number;
  resource?: string;
  /** Makes one change; throws on failure. */
  apply(change: T): Promise<ChangeOutcome>;
  /** How a change is named in messages, e.g. `#12`. */
  describe(change: T): string;
}

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
 * Applies planned changes in order, one at a time, within the cap and the rate-limit floor.
 * A change that fails on its own (403 on one locked issue, 422) is reported and the rest go
 * on; an exhausted rate limit, an invalid token or a permission the token lacks would refuse
 * every other change too, so it stops the rest, reported as left.
 */
export async function applyChanges<T>(
  changes: readonly T[],
  o: ApplyOptions<T>,
): Promise<ApplyReport<T>> {
  const report: ApplyReport<T> = { done: [], skipped: [], failed: [], left: 0, warnings: [] };
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const attempted = report.done.length + report.failed.length;
    if (attempted >= o.cap) {
      report.left = changes.length - i;
      report.warnings.push(
        `reached ${o.capInput} (${o.cap}); ${report.left} left for the next run`,
      );
      break;
    }
    if (!o.budget.allows(o.floor, o.resource)) {
      report.left = changes.length - i;
      const remaining = o.budget.get(o.resource)?.remaining;
      report.warnings.push(
        `rate-limit floor reached (${remaining} requests left, min-remaining ${o.floor}); stopped with ${report.left} left for the next run`,
      );
      break;
    }
    try {
      const outcome = await o.apply(change);
      (outcome === "done" ? report.done : report.skipped).push(change);
    } catch (error) {
      const e =
        error instanceof ApiError ? error : classifyError(error, { doing: o.describe(change) });
      if (stopsTheRest(e)) {
        report.left = changes.length - i;
        report.stoppedBy = `${e.message}; ${report.left} changes left undone`;
        break;
      }
      report.failed.push({ change, error: e.message });
    }
  }
  return report;
}
