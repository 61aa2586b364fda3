import type { ApplyReport, ApplyWording } from "../../core/apply.ts";
import { formatMarker } from "./marker.ts";
import type { FailedRun, PackageState } from "./package-state.ts";
import type { MilestoneDecision, PackageDecision } from "./plan.ts";

const runLink = (r: FailedRun) => `[run ${r.id}](${r.url})`;

/** A tracking issue's title from the `title` input. */
export function issueTitle(template: string, name: string): string {
  return template.split("{package}").join(name);
}

/** A new tracking issue's body: the marker, the failing runs and what the bot will do. */
export function issueBody(state: PackageState, threshold: number): string {
  const runs = state.runs.map((r) => `- ${runLink(r)} (${r.at})`);
  return [
    formatMarker({ package: state.package, milestones: [] }),
    `The smoke test of \`${state.package}\` has failed ${state.failures} time(s) in a row (threshold ${threshold}).`,
    "",
    "Failing runs:",
    ...runs,
    "",
    "Each further failure adds a comment here; the first passing run comments and closes this issue.",
    "Closing it by hand is respected: it is not reopened, and a new issue opens only after",
    `${threshold} further consecutive failure(s).`,
  ].join("\n");
}

/** What tells one run's further-failure comment from the others on an issue. */
export const failureMark = (name: string, run: FailedRun) =>
  `The smoke test of \`${name}\` failed again in ${runLink(run)}`;

/** The comment for a further failure while the issue is open. */
export function failureComment(name: string, run: FailedRun, failures: number): string {
  return `${failureMark(name, run)}: ${failures} consecutive failure(s).`;
}

/** What every recovery comment of a package starts with: an open issue has at most one. */
export const recoveryMark = (name: string) => `The smoke test of \`${name}\` passes again in`;

/** The comment that closes an issue when the package passes again. */
export function recoveryComment(name: string, run: FailedRun): string {
  return `${recoveryMark(name)} ${runLink(run)}. Closing this issue.`;
}

/** The words that tell one milestone's comment from the others on an issue. */
export const milestoneMark = (milestone: number) => `(milestone: ${milestone} days)`;

/** The comment at an archival milestone. */
export function milestoneComment(
  name: string,
  milestone: number,
  age: number,
  lastDay: number,
  archivalLabel: string,
): string {
  const head = `This tracking issue for \`${name}\` has been open for ${age} day(s) ${milestoneMark(milestone)}.`;
  return milestone === lastDay
    ? `${head}\n\nIt is now labelled \`${archivalLabel}\`: maintainers, please decide whether to fix \`${name}\` or archive it. Nothing is closed or archived automatically.`
    : `${head}\n\nIf \`${name}\` is not fixed, it gets the \`${archivalLabel}\` label at ${lastDay} days.`;
}

/** A summary line under the repository's row: one line with an optional link. */
export type SummaryItem = { text: string; url?: string };

/** What record mode did (or would do) with one package, linked to its tracking issue. */
export function decisionItem(
  d: PackageDecision,
  dry: boolean,
  issueUrl: (issue: number) => string,
  opened?: { number: number },
): SummaryItem {
  const n = d.next?.failures;
  const head =
    d.outcome === "failure"
      ? `${d.package}: failure${n === undefined ? "" : `, ${n} in a row`}`
      : `${d.package}: ${d.outcome}`;
  const a = d.action;
  const notes = d.notes.length > 0 ? ` (${d.notes.join("; ")})` : "";
  if (a.kind === "open")
    return opened === undefined
      ? { text: `${head}: would open a tracking issue${notes}` }
      : { text: `${head}: opened #${opened.number}${notes}`, url: issueUrl(opened.number) };
  if (a.kind === "comment")
    return {
      text: `${head}: ${dry ? "would comment" : "commented"} on #${a.issue}${notes}`,
      url: issueUrl(a.issue),
    };
  if (a.kind === "close")
    return {
      text: `${head}: ${dry ? "would close" : "closed"} #${a.issue}${notes}`,
      url: issueUrl(a.issue),
    };
  const what = d.next === undefined ? "no change" : `state ${dry ? "would be " : ""}saved`;
  return { text: `${head}: ${what}${notes}` };
}

const unrecorded = (left: readonly PackageDecision[]) =>
  `${left.length} package(s) left unrecorded: ${left.map((d) => d.package).join(", ")}`;

/** Record mode's limits name the packages left unrecorded. */
export const recordWording: Partial<ApplyWording<PackageDecision>> = {
  floorReached: (remaining, unit, floor, left) =>
    `rate-limit floor reached (${remaining} ${unit} left, min-remaining ${floor}); ${unrecorded(left)} for the next run`,
  stopped: (cause, left) => `${cause}; ${unrecorded(left)}`,
};

/** The warning for tracking issues `max-issues` held back; a dry run's says what a real run would. */
export const deferredWarning = (maxIssues: number, deferred: number, dryRun: boolean) =>
  dryRun
    ? `would reach max-issues (${maxIssues}); ${deferred} tracking issue(s) would be left for a later failing run`
    : `reached max-issues (${maxIssues}); ${deferred} tracking issue(s) left for a later failing run`;

/** Why a package's state write stopped the run. */
export const stateNotSaved = (pkg: string, message: string) =>
  `${pkg}: ${message}; its state is unchanged and its issue untouched`;

/** Why a package's tracking issue was not done; its state may already be saved. */
export const issueNotDone = (pkg: string, message: string, written: boolean) =>
  `${pkg}: ${message}${written ? " (its state was saved: the next run picks up from it)" : ""}`;

/** Archival mode's limits count milestones. */
export const archivalWording: Partial<ApplyWording<MilestoneDecision>> = {
  floorReached: (remaining, unit, floor, left) =>
    `rate-limit floor reached (${remaining} ${unit} left, min-remaining ${floor}); ${left.length} milestone(s) left for the next run`,
  stopped: (_cause, left) => `stopped: ${left.length} milestone(s) left for the next run`,
};

/** What archival mode did (or would do) with one tracking issue, linked to it. */
export function milestoneItem(
  m: MilestoneDecision,
  verb: string,
  archivalLabel: string,
  url: string,
): SummaryItem {
  const extra = [
    ...(m.passed.length > 0 ? [`earlier milestone(s) ${m.passed.join(", ")} passed unposted`] : []),
    ...(m.comment ? [] : ["locked: no comment"]),
    ...(m.last ? [`labelled ${archivalLabel}`] : []),
  ];
  return {
    text: `#${m.issue.number} ${m.issue.package}: open ${m.age} day(s), ${verb} ${m.milestone}-day milestone${extra.length > 0 ? ` (${extra.join("; ")})` : ""}`,
    url,
  };
}

/** A repository's error line in either mode: each failure, then what stopped the run. */
export function errorLines(report: ApplyReport<unknown>): string | undefined {
  const lines = [
    ...report.failed.map((f) => f.error),
    ...(report.stoppedBy ? [report.stoppedBy] : []),
  ];
  return lines.length > 0 ? lines.join("\n") : undefined;
}
