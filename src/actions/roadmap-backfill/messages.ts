import type { ApplyReport, ApplyWording } from "../../core/apply.ts";
import { linkText } from "../../core/markdown.ts";
import type { RepoResult } from "../../core/report.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { WebLinks } from "../../core/web-links.ts";
import type { Board } from "./board-check.ts";
import type { OpenIssue } from "./plan.ts";

/** Issues listed by link under a repository in the summary; the `added` output has them all. */
const SHOWN_ITEMS = 100;
/** Failures spelled out in the error line; the rest are counted. */
const SHOWN_FAILURES = 5;

/** The limits count orphans, and the floor is in GraphQL points. */
export const wording: Partial<ApplyWording<OpenIssue>> = {
  capReached: (capInput, cap, left) =>
    `reached ${capInput} (${cap}); ${left.length} orphans left for the next run`,
  floorReached: (remaining, unit, floor, left) =>
    `rate-limit floor reached (${remaining} ${unit} left, min-remaining ${floor}); stopped with ${left.length} orphans left for the next run`,
  stopped: (cause, left) => `${cause}; ${left.length} orphans left undone`,
};

/** A repository whose issues could not be listed: nothing was tried. */
export const readFailure = (message: string) => `${message}; nothing was added in this repository`;

/** An issue added to the board whose Status could not be set, and what to do about it. */
export const statusNotSet = (issue: OpenIssue, board: Board, why: string) =>
  `#${issue.number} was added to the board but its ${board.field.name} could not be set to '${board.option.name}' (${why}); it is on the board without one until the next run, which finds fleet's items without a ${board.field.name} and sets it`;

/** A repository's error line: what stopped it, then each failure, the first few spelled out. */
export function errorLine(
  report: ApplyReport<OpenIssue>,
  unset: readonly { error: string }[],
): string | undefined {
  const all = [
    ...(report.stoppedBy ? [`stopped: ${report.stoppedBy}`] : []),
    ...[...report.failed, ...unset].map((f) => f.error),
  ];
  if (all.length === 0) return undefined;
  const shown = all.slice(0, SHOWN_FAILURES);
  const more = all.length > shown.length ? `; and ${all.length - shown.length} more` : "";
  return `${shown.join("; ")}${more}`;
}

/** The issues added (or that would be) and those someone else put on the board meanwhile. */
export function addedItems(
  repo: RepoRef,
  added: readonly OpenIssue[],
  raced: readonly OpenIssue[],
  dryRun: boolean,
  links: WebLinks,
): NonNullable<RepoResult["items"]> {
  const verb = dryRun ? "would add" : "added";
  const list: NonNullable<RepoResult["items"]> = added.slice(0, SHOWN_ITEMS).map((i) => ({
    text: `${verb} #${i.number} ${linkText(i.title)}`,
    url: links.issue(repo.fullName, i.number),
  }));
  if (added.length > SHOWN_ITEMS)
    list.push({ text: `and ${added.length - SHOWN_ITEMS} more (the added output lists them all)` });
  for (const i of raced)
    list.push({
      text: `#${i.number} was put on the board by someone else meanwhile; left as it is`,
      url: links.issue(repo.fullName, i.number),
    });
  return list;
}

/** The line under the tables: which board and Status the orphans go to. */
export function boardLine(board: Board, dryRun: boolean, links: WebLinks): string {
  return `${dryRun ? "Orphans would go" : "Orphans go"} to [${board.title}](${links.board(board.owner, board.number)}) (board #${board.number} of ${board.owner}) with ${board.field.name} '${board.option.name}'.`;
}
