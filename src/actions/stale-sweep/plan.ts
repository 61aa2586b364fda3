import { fitsInCap } from "../../core/apply.ts";
import type { MarkState } from "./read-mark.ts";

/** An open issue or pull request as the issues list reports it. */
export interface IssueSummary {
  number: number;
  title: string;
  /** Its page on GitHub. */
  url: string;
  labels: string[];
  /** Last activity, epoch ms. */
  updatedAt: number;
  /** Issue lists include pull requests; the sweep never touches them. */
  pullRequest: boolean;
}

/** The sweep's rules, from the inputs. */
export interface SweepRules {
  daysBeforeStale: number;
  daysBeforeClose: number;
  staleLabel: string;
  exemptLabels: readonly string[];
}

/** What was read of one repository. */
export interface RepoSnapshot {
  /** Open issues and pull requests carrying the stale label; `mark` for those whose timeline was read. */
  staleLabeled: { issue: IssueSummary; mark?: MarkState }[];
  /** Open issues and pull requests, least recently updated first, at least up to the stale cutoff. */
  idle: IssueSummary[];
  /** Whether the repository has the stale label. */
  labelExists: boolean;
}

/** One change to one issue. */
export type Change =
  | { kind: "unstale"; issue: IssueSummary; activity: NonNullable<MarkState["activity"]> }
  | { kind: "close"; issue: IssueSummary; markedAt: number; comment: boolean }
  /** `labelled`: the label is on already, its stale comment missing (a mark cut short). */
  | { kind: "mark"; issue: IssueSummary; labelled?: true };

/** Everything a repository needs, in the order it is done. */
export interface SweepPlan {
  /**
   * Un-stales first (people are waiting on them), then the stale comments a cut-short mark
   * left out (before any close), then closes, then marks, most idle first.
   */
  changes: Change[];
  /** Issues carrying the stale label whose timeline never shows it being added: left alone. */
  undated: IssueSummary[];
  /** The stale label is missing and a mark needs it. */
  createLabel: boolean;
}

/** The plan cut to the `max-operations` cap. */
export interface CappedPlan {
  kept: Change[];
  /** Changes beyond the cap, left for the next run. */
  left: Change[];
  createLabel: boolean;
  /** Mutating requests the kept changes take. */
  operations: number;
}

export const DAY_MS = 86_400_000;

const has = (issue: IssueSummary, label: string) =>
  issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());

/** Issues with an exempt label are never touched, whatever else they carry. */
export function isExempt(issue: IssueSummary, rules: SweepRules): boolean {
  return rules.exemptLabels.some((label) => has(issue, label));
}

/** Issues last updated at or before this moment (epoch ms) are idle enough to mark. */
export function staleCutoff(now: number, rules: SweepRules): number {
  return now - rules.daysBeforeStale * DAY_MS;
}

/** Whether an open issue is to be marked: idle since the cutoff, not a pull request, not exempt, not stale yet. */
export function isMarkCandidate(issue: IssueSummary, rules: SweepRules, now: number): boolean {
  return (
    !issue.pullRequest &&
    issue.updatedAt <= staleCutoff(now, rules) &&
    !has(issue, rules.staleLabel) &&
    !isExempt(issue, rules)
  );
}

/** Whether the sweep needs an issue's timeline: a stale-labeled issue it may un-stale or close. */
export function needsTimeline(issue: IssueSummary, rules: SweepRules): boolean {
  return !issue.pullRequest && has(issue, rules.staleLabel) && !isExempt(issue, rules);
}

/** Mutating requests one change takes. */
export function operationsOf(change: Change): number {
  if (change.kind === "unstale") return 1;
  if (change.kind === "close") return change.comment ? 2 : 1;
  return change.labelled ? 1 : 2;
}

/**
 * Content-creating requests one change makes: a mark's label and comment, a close's comment
 * and closing edit; taking a label off is a deletion.
 */
export function contentOf(change: Change): number {
  return change.kind === "unstale" ? 0 : operationsOf(change);
}

/**
 * Decides what to do in one repository: un-stale issues someone touched since they were
 * marked, close those left alone `days-before-close` since, mark idle ones. Pure.
 */
export function planSweep(snapshot: RepoSnapshot, rules: SweepRules, now: number): SweepPlan {
  const unstales: Change[] = [];
  const warns: Change[] = [];
  const closes: Extract<Change, { kind: "close" }>[] = [];
  const undated: IssueSummary[] = [];
  for (const { issue, mark } of snapshot.staleLabeled) {
    if (!needsTimeline(issue, rules)) continue;
    if (mark === undefined) undated.push(issue);
    else if (mark.activity) unstales.push({ kind: "unstale", issue, activity: mark.activity });
    // A label without its comment warned no one: the comment is posted now, and the days
    // before the close count from it.
    else if (mark.warnedAt === undefined) warns.push({ kind: "mark", issue, labelled: true });
    else if (now - mark.warnedAt >= rules.daysBeforeClose * DAY_MS)
      closes.push({ kind: "close", issue, markedAt: mark.markedAt, comment: !mark.closeCommented });
  }
  closes.sort((a, b) => a.markedAt - b.markedAt);
  const marks: Change[] = snapshot.idle
    .filter((issue) => isMarkCandidate(issue, rules, now))
    .sort((a, b) => a.updatedAt - b.updatedAt)
    .map((issue) => ({ kind: "mark" as const, issue }));
  return {
    changes: [...unstales, ...warns, ...closes, ...marks],
    undated,
    createLabel: !snapshot.labelExists && marks.length > 0,
  };
}

/**
 * What each change counts against `max-operations`: its mutating requests, and the label's
 * creation with the first mark when the label is missing.
 */
export function operationsCost(plan: SweepPlan): (change: Change) => number {
  const firstMark = plan.createLabel ? plan.changes.find((c) => c.kind === "mark") : undefined;
  return (change) => operationsOf(change) + (change === firstMark ? 1 : 0);
}

/**
 * Keeps the changes that fit in `maxOperations` mutating requests, in plan order, counting the
 * label's creation before the first mark. Stops at the first change that does not fit, so
 * a lower-priority change never jumps ahead of a higher one.
 */
export function capPlan(plan: SweepPlan, maxOperations: number): CappedPlan {
  const cost = operationsCost(plan);
  const kept = plan.changes.slice(0, fitsInCap(plan.changes, maxOperations, cost));
  return {
    kept,
    left: plan.changes.slice(kept.length),
    createLabel: plan.createLabel && kept.some((c) => c.kind === "mark"),
    operations: kept.reduce((sum, c) => sum + cost(c), 0),
  };
}
