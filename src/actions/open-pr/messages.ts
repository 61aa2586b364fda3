import type { ApplyReport } from "../../core/apply.ts";
import { link, tableCell } from "../../core/markdown.ts";
import { openPrMarkers } from "../../core/markers.ts";
import type { BodyParts, Change, Operation, ProposalSettings } from "./plan.ts";
import type { ChangedFile } from "./working-tree.ts";

/** Files listed by name in the body; beyond, a count. */
const FILES_LISTED = 50;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** How a change is named in messages. */
export function describeChange(change: Change, branch: string): string {
  switch (change.kind) {
    case "commit":
      return `${change.branch === "create" ? "create" : "reset"} ${branch} with one commit of ${plural(change.files.length, "file")}`;
    case "open":
      return `open a pull request from ${branch}`;
    case "edit":
      return `edit the pull request's ${[change.title !== undefined ? "title" : "", change.body !== undefined ? "body" : ""].filter(Boolean).join(" and ")}`;
    case "draft":
      return change.draft
        ? "make the pull request a draft"
        : "mark the pull request ready for review";
    case "tag":
      return `add ${[...change.labels.map((l) => `label ${l}`), ...change.assignees.map((a) => `assignee ${a}`)].join(", ")}`;
    case "review":
      return `request reviews from ${[...change.reviewers, ...change.teamReviewers.map((t) => `team ${t}`)].join(", ")}`;
    case "close":
      return "close the pull request: the base already has the change";
    case "delete-branch":
      return `delete ${branch}`;
  }
}

/** One line per file: what the commit does to it. */
function fileLine(f: ChangedFile): string {
  const verb = f.newOid === null ? "deleted" : f.oldOid === null ? "added" : "modified";
  return `- \`${f.path.replace(/`/g, "'")}\` (${verb})`;
}

/**
 * The body: the caller's text, then fleet's footer: the files, the run that made the commit
 * and the marker. The run line is last so that a rerun with nothing new leaves the body be.
 */
export function proposalBody(
  settings: Pick<ProposalSettings, "body" | "changeId">,
  files: readonly ChangedFile[],
  runUrl: string | undefined,
): BodyParts {
  const listed = files.slice(0, FILES_LISTED).map(fileLine);
  if (files.length > FILES_LISTED) listed.push(`- and ${files.length - FILES_LISTED} more`);
  const stable = [
    settings.body.trim(),
    "",
    "---",
    `Proposed by fleet open-pr (change \`${settings.changeId}\`), ${plural(files.length, "file")}:`,
    ...listed,
    "",
    openPrMarkers.pull(settings.changeId),
  ]
    .join("\n")
    .trimStart();
  const run = runUrl ? `\nLast updated by ${link("this run", runUrl)}.` : "";
  return { stable, full: `${stable}${run}` };
}

/** The comment left on a pull request closed because the base has the change. */
export function closeComment(settings: Pick<ProposalSettings, "changeId">, mark: string): string {
  return `The base branch already has every file as this pull request would make it (change \`${settings.changeId}\`), so it is no longer needed: closing it, and deleting its branch.\n\n${mark}`;
}

/** A dry run's (or a run's) diff block for one target, cut at `maxBytes` with a note. */
export function diffSection(
  repository: string,
  operation: Operation,
  patch: string,
  fullBytes: number,
  maxBytes: number,
): string {
  const cut = fullBytes > maxBytes;
  // A fence longer than any backtick run in the patch, so the patch cannot end the block.
  const longest = Math.max(2, ...(patch.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return [
    `### ${tableCell(repository)}: ${operation}`,
    "",
    `${fence}diff`,
    patch.trimEnd(),
    fence,
    ...(cut ? ["", `(diff cut at ${maxBytes} of ${fullBytes} bytes: max-diff-bytes)`] : []),
    "",
  ].join("\n");
}

/** The row's error: the write that failed and what it left undone. */
export function errorLine(report: ApplyReport<Change>, branch: string): string | undefined {
  const failed = report.failed[0];
  if (failed) {
    const after =
      report.left > 0
        ? `; ${plural(report.left, "later write")} not made (the next run starts from what landed)`
        : "";
    return `could not ${describeChange(failed.change, branch)}: ${failed.error}${after}`;
  }
  return report.stoppedBy ? `stopped: ${report.stoppedBy}` : undefined;
}

/** The permission each write needs, for the error when the token lacks it. */
function neededPermission(change: Change): string {
  return change.kind === "commit" || change.kind === "delete-branch"
    ? "contents: write"
    : "pull-requests: write";
}

/**
 * A refused write's message, on one line, with what to do: a ruleset refusing fleet's branch,
 * or a token without the permission the write needs.
 */
export function explainRefusal(
  change: Change,
  branch: string,
  kind: string,
  message: string,
): string {
  const line = message.replace(/\s*\n+\s*/g, " ").trim();
  if (/Repository rule violations found|Protected branch/i.test(line))
    return `${line} (a branch rule of the repository refuses fleet's push to ${branch}: exempt fleet/** from the ruleset, or add the App to its bypass list)`;
  if (kind === "forbidden")
    return `${line} (this write needs ${neededPermission(change)} for the token: mint it with permission-contents: write and permission-pull-requests: write)`;
  return line;
}
