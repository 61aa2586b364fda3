import type { Candidate } from "./plan.ts";

/** A span of creation times whose completed runs one filtered listing re-reads before deleting. */
export interface ConfirmWindow {
  /** `created` filter bounds, inclusive to the second, in search syntax. */
  from: string;
  to: string;
  /** Oldest first. */
  candidates: Candidate[];
}

/** Index of the first element of `sorted` that is >= `value` (or > it, with `after`). */
function bound(sorted: readonly number[], value: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value || (after && sorted[mid]! === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** GitHub's search syntax takes a time with an explicit offset (`2026-01-01T00:00:00+00:00`). */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");

/**
 * Groups candidates (oldest first) into creation-time windows such that the completed runs the
 * first listing saw in each window fit in `perWindow` results, so re-reading a window is one
 * page. A window is never empty: a single second holding more completed runs than that is
 * still one window (its re-read just takes more pages).
 */
export function confirmWindows(
  candidates: readonly Candidate[],
  completedCreatedMs: readonly number[],
  perWindow: number,
): ConfirmWindow[] {
  const times = [...completedCreatedMs].sort((a, b) => a - b);
  const within = (from: number, to: number) => bound(times, to, true) - bound(times, from, false);
  const windows: ConfirmWindow[] = [];
  let i = 0;
  while (i < candidates.length) {
    const first = candidates[i]!;
    let j = i;
    while (j + 1 < candidates.length) {
      const next = candidates[j + 1]!.createdMs;
      // Windows are whole seconds: a second the window already covers costs nothing more.
      if (next !== candidates[j]!.createdMs && within(first.createdMs, next) > perWindow) break;
      j += 1;
    }
    windows.push({
      from: stamp(first.createdMs),
      to: stamp(candidates[j]!.createdMs),
      candidates: candidates.slice(i, j + 1),
    });
    i = j + 1;
  }
  return windows;
}
