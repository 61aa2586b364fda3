import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import type { RepoResult } from "../../core/report.ts";
import { linkText } from "../../core/markdown.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { WebLinks } from "../../core/web-links.ts";
import { addToBoard } from "./add-to-board.ts";
import type { Board } from "./board-check.ts";
import { listOpenIssues } from "./list-issues.ts";
import { planRepository, type OpenIssue } from "./plan.ts";
import { archivedResult } from "../../core/archived.ts";

/** How each repository is backfilled. */
export interface BackfillSettings {
  dryRun: boolean;
  maxAdds: number;
  minRemaining: number;
  /** Where the summary's issue links point. */
  links: WebLinks;
}

/** One repository's backfill: its row, and the issues added (in a dry run: that would be). */
export interface RepoBackfill {
  result: RepoResult;
  added: OpenIssue[];
}

/** Issues listed by link under a repository in the summary; the `added` output has them all. */
const SHOWN_ITEMS = 100;
/** Failures spelled out in the error line; the rest are counted. */
const SHOWN_FAILURES = 5;

function items(
  repo: RepoRef,
  added: readonly OpenIssue[],
  raced: readonly OpenIssue[],
  dryRun: boolean,
  links: WebLinks,
) {
  const verb = dryRun ? "would add" : "added";
  const list: RepoResult["items"] = added.slice(0, SHOWN_ITEMS).map((i) => ({
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

function failure(repo: RepoRef, error: unknown): RepoBackfill {
  return {
    result: {
      repository: repo.fullName,
      status: "failed",
      planned: 0,
      done: 0,
      left: 0,
      error: `${classifyError(error).message}; nothing was added in this repository`,
    },
    added: [],
  };
}

/**
 * Backfills one repository: list its open issues with their board counts, plan (orphans, cut
 * to `max-adds`), then, unless a dry run, add them in batches and set their Status. A listing
 * that does not finish fails the repository before anything is added.
 */
export async function backfillRepository(
  client: FleetClient,
  board: Board,
  repo: RepoRef,
  s: BackfillSettings,
): Promise<RepoBackfill> {
  let listing;
  try {
    listing = await listOpenIssues(client, repo);
  } catch (error) {
    return failure(repo, error);
  }
  const row = { repository: repo.fullName };
  if (listing.archived) return { result: archivedResult(repo.fullName), added: [] };
  const plan = planRepository(listing.issues, s.maxAdds);
  const warnings: string[] = [];
  if (plan.left.length > 0)
    warnings.push(
      `reached max-adds (${s.maxAdds}); ${plan.left.length} orphans left for the next run`,
    );
  const counts = (added: number, raced: number) => ({
    listed: plan.listed,
    tracked: plan.tracked,
    orphans: plan.orphans.length,
    added,
    raced,
  });
  if (s.dryRun) {
    return {
      result: {
        ...row,
        status: plan.left.length > 0 ? "capped" : "ok",
        planned: plan.orphans.length,
        done: plan.kept.length,
        left: plan.left.length,
        counts: counts(plan.kept.length, 0),
        items: items(repo, plan.kept, [], true, s.links),
        ...(warnings.length > 0 ? { warnings } : {}),
      },
      added: plan.kept,
    };
  }
  const report = await addToBoard(client, board, plan.kept, { floor: s.minRemaining });
  warnings.push(...report.warnings);
  const problems = [
    ...(report.stoppedBy ? [`stopped: ${report.stoppedBy}`] : []),
    ...[...report.failed, ...report.unset].map((f) => f.error),
  ];
  const shown = problems.slice(0, SHOWN_FAILURES);
  const error =
    problems.length === 0
      ? undefined
      : `${shown.join("; ")}${problems.length > shown.length ? `; and ${problems.length - shown.length} more` : ""}`;
  // Added without a Status is not left for the next run: a rerun sees the issue on a board.
  const done = report.added.length;
  const left = plan.orphans.length - done - report.raced.length - report.unset.length;
  return {
    result: {
      ...row,
      status: error ? "failed" : left > 0 ? "capped" : "ok",
      planned: plan.orphans.length,
      done,
      left,
      counts: counts(done, report.raced.length),
      items: items(repo, report.added, report.raced, false, s.links),
      ...(error ? { error } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    },
    added: report.added,
  };
}
