import { formatMarker } from "./marker.ts";
import type { FailedRun, PackageState } from "./package-state.ts";

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

/** The comment for a further failure while the issue is open. */
export function failureComment(name: string, run: FailedRun, failures: number): string {
  return `The smoke test of \`${name}\` failed again in ${runLink(run)}: ${failures} consecutive failure(s).`;
}

/** The comment that closes an issue when the package passes again. */
export function recoveryComment(name: string, run: FailedRun): string {
  return `The smoke test of \`${name}\` passes again in ${runLink(run)}. Closing this issue.`;
}

/** The comment at an archival milestone. */
export function milestoneComment(
  name: string,
  milestone: number,
  age: number,
  lastDay: number,
  archivalLabel: string,
): string {
  const head = `This tracking issue for \`${name}\` has been open for ${age} day(s) (milestone: ${milestone} days).`;
  return milestone === lastDay
    ? `${head}\n\nIt is now labelled \`${archivalLabel}\`: maintainers, please decide whether to fix \`${name}\` or archive it. Nothing is closed or archived automatically.`
    : `${head}\n\nIf \`${name}\` is not fixed, it gets the \`${archivalLabel}\` label at ${lastDay} days.`;
}
