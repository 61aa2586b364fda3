import { conclusionMatches, type ConclusionFilter } from "./conclusions.ts";

/** A workflow as the workflows list reports it. */
export interface WorkflowInfo {
  id: number;
  name: string;
  path: string;
  /** `active`, `deleted`, `disabled_manually`, `disabled_inactivity`. */
  state: string;
}

/** A workflow run as the runs list reports it. */
export interface RunInfo {
  id: number;
  workflowId: number;
  /** The workflow's name when the run was made. */
  name: string;
  /** The workflow file, `.github/workflows/ci.yml`. */
  path: string;
  status: string;
  conclusion: string | null;
  /** GitHub timestamp, `2026-06-01T00:00:00Z`. */
  createdAt: string;
}

/** A run the plan would delete. */
export interface Candidate {
  id: number;
  workflowId: number;
  createdAt: string;
  createdMs: number;
  /** Its workflow is no longer live: the run goes whatever its conclusion. */
  retired: boolean;
}

/** One workflow's row in the summary. */
export interface WorkflowTally {
  id: number;
  name: string;
  path: string;
  retired: boolean;
  runs: number;
  protected: number;
  candidates: number;
}

/** The inputs that shape the plan, and the moment it is made. */
export interface PlanOptions {
  conclusions: ConclusionFilter;
  keepLast: number;
  /** 0: any age. */
  olderThanDays: number;
  /** Milliseconds since the epoch. */
  now: number;
}

/** What one repository's cleanup will do. */
export interface RunPlan {
  listed: number;
  protected: number;
  /** Oldest first: the order they are deleted in, so a cap leaves the newest for later. */
  candidates: Candidate[];
  /** Workflows that have runs: live ones first, then retired ones, each by name. */
  workflows: WorkflowTally[];
}

const DAY = 86_400_000;

/** Newest first, ties broken by the higher id (created later). */
const newestFirst = (a: { createdMs: number; id: number }, b: { createdMs: number; id: number }) =>
  b.createdMs - a.createdMs || b.id - a.id;

/**
 * Decides which runs to delete. Live workflows are the listed ones not in state `deleted`;
 * a run of any other workflow belongs to a retired pipeline. The newest `keepLast` completed
 * runs of live workflows are protected whatever their conclusion; other completed runs of live
 * workflows go when their conclusion matches; completed runs of retired workflows all go.
 * `olderThanDays` spares every run created more recently, retired or not.
 */
export function planCleanup(
  workflows: readonly WorkflowInfo[],
  runs: readonly RunInfo[],
  options: PlanOptions,
): RunPlan {
  const live = new Map(workflows.filter((w) => w.state !== "deleted").map((w) => [w.id, w]));
  const known = new Map(workflows.map((w) => [w.id, w]));
  const cutoff = options.olderThanDays > 0 ? options.now - options.olderThanDays * DAY : Infinity;
  const tallies = new Map<number, WorkflowTally>();
  const completedLive: (RunInfo & { createdMs: number })[] = [];
  const completedRetired: (RunInfo & { createdMs: number })[] = [];

  for (const run of runs) {
    const retired = !live.has(run.workflowId);
    let tally = tallies.get(run.workflowId);
    if (!tally) {
      const w = known.get(run.workflowId);
      tally = {
        id: run.workflowId,
        name: w?.name ?? run.name,
        path: w?.path ?? run.path,
        retired,
        runs: 0,
        protected: 0,
        candidates: 0,
      };
      tallies.set(run.workflowId, tally);
    }
    tally.runs += 1;
    if (run.status !== "completed") continue;
    const timed = { ...run, createdMs: Date.parse(run.createdAt) };
    (retired ? completedRetired : completedLive).push(timed);
  }

  completedLive.sort(newestFirst);
  const kept = completedLive.slice(0, options.keepLast);
  for (const run of kept) tallies.get(run.workflowId)!.protected += 1;

  const candidates: Candidate[] = [];
  const consider = (run: RunInfo & { createdMs: number }, retired: boolean) => {
    if (run.createdMs >= cutoff) return;
    if (!retired && !conclusionMatches(options.conclusions, run.conclusion)) return;
    tallies.get(run.workflowId)!.candidates += 1;
    candidates.push({
      id: run.id,
      workflowId: run.workflowId,
      createdAt: run.createdAt,
      createdMs: run.createdMs,
      retired,
    });
  };
  for (const run of completedLive.slice(options.keepLast)) consider(run, false);
  for (const run of completedRetired) consider(run, true);
  candidates.sort((a, b) => newestFirst(b, a));

  const byName = (a: WorkflowTally, b: WorkflowTally) =>
    Number(a.retired) - Number(b.retired) || a.name.localeCompare(b.name) || a.id - b.id;
  return {
    listed: runs.length,
    protected: kept.length,
    candidates,
    workflows: [...tallies.values()].sort(byName),
  };
}

/**
 * Whether a candidate, as a fresh listing shows it, may still go: completed, and (for a live
 * workflow) still with a matching conclusion. A re-run flips a run back to queued.
 */
export function stillDeletable(
  candidate: Candidate,
  fresh: { status: string; conclusion: string | null },
  conclusions: ConclusionFilter,
): boolean {
  if (fresh.status !== "completed") return false;
  return candidate.retired || conclusionMatches(conclusions, fresh.conclusion);
}
