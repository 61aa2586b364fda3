import type { Outcome } from "./outcomes.ts";
import { keptRuns, serializeState, type FailedRun, type PackageState } from "./package-state.ts";
import type { TrackedIssue } from "./tracked-issue.ts";

/** What record mode does to a package's tracking issue. */
export type IssueAction =
  | { kind: "none" }
  | { kind: "open" }
  /**
   * A further failure while the issue is open. `rerun`: the run was counted already (its
   * state saved, then its comment failed or was never answered): the comment, saying
   * `failures`, is posted only if the issue lacks it.
   */
  | { kind: "comment"; issue: number; rerun?: { failures: number } }
  /**
   * Recovery: a comment (unless the issue is locked), then close. `check`: the state was
   * reset already (a close that failed after it), so the comment is posted only if missing.
   */
  | { kind: "close"; issue: number; comment: boolean; check?: true };

/** Record mode's decision for one package. */
export interface PackageDecision {
  package: string;
  outcome: Outcome;
  /** The state to write; undefined when the state does not change. */
  next?: PackageState;
  action: IssueAction;
  /** Why the package is left as it is, or what a human did, for the summary. */
  notes: string[];
  /** An opening held back by `max-issues` (it happens on a later failing run). */
  deferred: boolean;
}

/** How long a run's claim to be opening the tracking issue keeps others from opening one. */
export const openingLeaseMs = 10 * 60_000;

export interface PackageFacts {
  name: string;
  outcome: Outcome;
  state: PackageState;
  /** The open tracking issue of the package, if there is one. */
  tracked?: TrackedIssue;
  run: FailedRun;
  threshold: number;
  now: number;
  /** False when `max-issues` openings are already planned in this run. */
  mayOpen: boolean;
}

const same = (a: PackageState, b: PackageState) => serializeState(a) === serializeState(b);

/**
 * A decision made again after another run's state write won the compare-and-swap. When that
 * write was the recovery (the state is reset already), the recovery comment is that run's to
 * post: this one only closes, so two concurrent passing runs never post two comments.
 */
export function afterLostRace(d: PackageDecision): PackageDecision {
  if (d.action.kind !== "close" || d.action.check !== true) return d;
  return { ...d, action: { kind: "close", issue: d.action.issue, comment: false } };
}

/**
 * Decides one package from its state, its open tracking issue and this run's outcome.
 * The state is written before any issue is touched, so an issue is only ever opened from a
 * count that was saved; a rerun of the same run is recognised by its id and counts nothing.
 */
export function decidePackage(f: PackageFacts): PackageDecision {
  if (f.outcome === "cancelled" || f.outcome === "skipped")
    return {
      package: f.name,
      outcome: f.outcome,
      action: { kind: "none" },
      notes: [],
      deferred: false,
    };
  return f.outcome === "success" ? decideSuccess(f) : decideFailure(f);
}

function decideSuccess(f: PackageFacts): PackageDecision {
  const s = f.state;
  const clean = s.failures === 0 && s.runs.length === 0 && s.issue === null && s.opening === null;
  const comment = f.tracked !== undefined && !f.tracked.locked;
  const action: IssueAction = f.tracked
    ? { kind: "close", issue: f.tracked.number, comment, ...(clean && comment && { check: true }) }
    : { kind: "none" };
  const notes = f.tracked?.locked
    ? [`#${f.tracked.number} is locked: closed without a comment`]
    : [];
  // A clean state stays unwritten (no commit per green run); only the issue may need closing.
  const next: PackageState | undefined = clean
    ? undefined
    : { ...s, failures: 0, runs: [], issue: null, opening: null };
  return { package: f.name, outcome: f.outcome, next, action, notes, deferred: false };
}

function decideFailure(f: PackageFacts): PackageDecision {
  const s: PackageState = { ...f.state, runs: [...f.state.runs] };
  const notes: string[] = [];
  if (f.tracked) {
    if (s.issue !== f.tracked.number) s.opening = null;
    s.issue = f.tracked.number;
  } else if (s.issue !== null) {
    // The issue the bot tracked is no longer open with its label: a human closed, unlabelled
    // or deleted it. That is respected: no reopening, and the count starts again.
    notes.push(
      `#${s.issue} was closed or unlabelled by a human: not reopened; a new issue opens after ${f.threshold} further failure(s)`,
    );
    Object.assign(s, { failures: 0, runs: [], issue: null, opening: null });
  }
  const counted = s.runs.some((r) => r.id === f.run.id);
  if (counted) notes.push(`run ${f.run.id} was already counted`);
  else {
    s.failures += 1;
    s.runs = [...s.runs, f.run].slice(-keptRuns);
  }
  let action: IssueAction = { kind: "none" };
  let deferred = false;
  if (f.tracked) {
    if (f.tracked.locked) notes.push(`#${f.tracked.number} is locked: no comment`);
    else if (!counted) action = { kind: "comment", issue: f.tracked.number };
    // A run the issue's body lists opened it: it has nothing to comment.
    else if (!f.tracked.body.includes(`](${f.run.url})`))
      action = { kind: "comment", issue: f.tracked.number, rerun: { failures: s.failures } };
  } else if (s.failures >= f.threshold) {
    const claim = s.opening;
    const held =
      claim !== null && claim.run !== f.run.id && f.now - Date.parse(claim.at) < openingLeaseMs;
    if (held) notes.push(`run ${claim.run} is opening the tracking issue`);
    else if (!f.mayOpen) {
      deferred = true;
      notes.push("max-issues reached: the issue opens on a later failing run");
    } else {
      s.opening = { run: f.run.id, at: f.run.at };
      action = { kind: "open" };
    }
  }
  const next = same(s, f.state) ? undefined : s;
  return { package: f.name, outcome: f.outcome, next, action, notes, deferred };
}

/**
 * Decides every package, in name order, opening at most `maxIssues` issues; the others keep
 * their count and open on a later failing run.
 */
export function planRecord(
  packages: readonly Omit<PackageFacts, "mayOpen">[],
  maxIssues: number,
): PackageDecision[] {
  let openings = 0;
  return packages.map((p) => {
    const decision = decidePackage({ ...p, mayOpen: openings < maxIssues });
    if (decision.action.kind === "open") openings += 1;
    return decision;
  });
}

/** One milestone comment archival mode posts. */
export interface MilestoneDecision {
  issue: TrackedIssue;
  /** Whole days since the issue opened. */
  age: number;
  /** The milestone commented on now (the latest one reached). */
  milestone: number;
  /** Earlier milestones reached but not commented (the bot was not run on those days). */
  passed: number[];
  /** The last milestone: the archival label goes on. */
  last: boolean;
  /** Whether the comment is posted (not on a locked issue). */
  comment: boolean;
}

const dayMs = 86_400_000;

/**
 * For each open tracking issue, the milestone due today: the latest of `days` its age has
 * reached that its marker does not list. Earlier unposted milestones are not commented
 * separately (one comment says where the issue stands).
 */
export function planArchival(
  issues: readonly TrackedIssue[],
  days: readonly number[],
  now: number,
): MilestoneDecision[] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const lastDay = sorted[sorted.length - 1];
  const out: MilestoneDecision[] = [];
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const age = Math.floor((now - Date.parse(issue.createdAt)) / dayMs);
    const due = sorted.filter((d) => d <= age && !issue.milestones.includes(d));
    const milestone = due.pop();
    if (milestone === undefined) continue;
    out.push({
      issue,
      age,
      milestone,
      passed: due,
      last: milestone === lastDay,
      comment: !issue.locked,
    });
  }
  return out;
}

/** Whether a decision changes anything (the state, the issue, or both). */
export const changesSomething = (d: PackageDecision) =>
  d.next !== undefined || d.action.kind !== "none";

/** What record mode's writes would do, from the decisions alone: a dry run's outputs. */
export function previewWrites(decisions: readonly PackageDecision[]) {
  return {
    opened: decisions.filter((d) => d.action.kind === "open").map(() => null),
    commented: decisions.flatMap((d) => (d.action.kind === "comment" ? [d.action.issue] : [])),
    closed: decisions.flatMap((d) => (d.action.kind === "close" ? [d.action.issue] : [])),
    written: decisions.filter((d) => d.next !== undefined).length,
  };
}
