import type { FleetClient } from "../../core/client.ts";
import { classifyError, stopsTheRest } from "../../core/errors.ts";
import { graphqlCall } from "../../core/graphql-call.ts";
import { addDocument, addVariables, readAddAnswer, type AddData } from "./add-items.ts";
import type { Board } from "./board-check.ts";
import { inBatches, type OpenIssue } from "./plan.ts";
import {
  readStatusAnswer,
  statusDocument,
  statusVariables,
  type StatusData,
} from "./set-status.ts";

/**
 * Additions per request, and Status updates per request. Batching is what makes the sweep
 * cheap (one request and 5 secondary-limit points for many issues); 50 keeps each request
 * well within GitHub's 10-second execution limit.
 */
export const BATCH_SIZE = 50;

/** What adding one repository's orphans did. */
export interface AddReport {
  /** On the board with the Status set. */
  added: OpenIssue[];
  /** Put on the board by someone else since the listing: left alone. */
  raced: OpenIssue[];
  /** Not added, with why. */
  failed: { issue: OpenIssue; error: string }[];
  /** Added, but the Status could not be set: on the board without one. */
  unset: { issue: OpenIssue; error: string }[];
  /** Orphans not attempted (the rate-limit floor, or a limit that stopped everything). */
  left: number;
  warnings: string[];
  /** Set when something stopped all further additions (rate limit, revoked token). */
  stoppedBy?: string;
}

/**
 * Adds issues to the board in batches: one request of aliased additions, then one request
 * setting the Status of the items it created (the two cannot be one call: the second needs the
 * item ids). The rate-limit floor is checked before each batch; a batch once added always gets
 * its Status request, so that no item is left without a Status for the floor's sake.
 */
export async function addToBoard(
  client: FleetClient,
  board: Board,
  issues: readonly OpenIssue[],
  o: { floor: number; batchSize?: number },
): Promise<AddReport> {
  const report: AddReport = { added: [], raced: [], failed: [], unset: [], left: 0, warnings: [] };
  let attempted = 0;
  for (const batch of inBatches(issues, o.batchSize ?? BATCH_SIZE)) {
    if (!client.budget.allows(o.floor, "graphql")) {
      report.left = issues.length - attempted;
      const remaining = client.budget.get("graphql")?.remaining;
      report.warnings.push(
        `rate-limit floor reached (${remaining} GraphQL points left, min-remaining ${o.floor}); stopped with ${report.left} orphans left for the next run`,
      );
      break;
    }
    let outcomes;
    try {
      const answer = await graphqlCall<AddData>(
        client,
        addDocument(batch.length),
        addVariables(batch, board),
        { doing: `adding ${batch.length} issues to the board` },
      );
      outcomes = readAddAnswer(batch, answer);
    } catch (error) {
      const e = classifyError(error);
      if (stopsTheRest(e)) {
        report.left = issues.length - attempted;
        report.stoppedBy = `${e.message}; ${report.left} orphans left undone`;
        break;
      }
      for (const issue of batch) report.failed.push({ issue, error: e.message });
      attempted += batch.length;
      continue;
    }
    attempted += batch.length;
    const ours: { issue: OpenIssue; itemId: string }[] = [];
    for (const outcome of outcomes) {
      if (outcome.kind === "added") ours.push(outcome);
      else if (outcome.kind === "raced") report.raced.push(outcome.issue);
      else report.failed.push({ issue: outcome.issue, error: outcome.error });
    }
    if (ours.length === 0) continue;
    const stopped = await setStatus(client, board, ours, report);
    if (stopped) {
      report.left = issues.length - attempted;
      if (report.left > 0) report.stoppedBy = `${stopped}; ${report.left} orphans left undone`;
      break;
    }
  }
  return report;
}

/** Sets the Status of the items one batch created; returns why everything must stop, if so. */
async function setStatus(
  client: FleetClient,
  board: Board,
  ours: { issue: OpenIssue; itemId: string }[],
  report: AddReport,
): Promise<string | undefined> {
  const unset = (issue: OpenIssue, why: string) =>
    report.unset.push({
      issue,
      error: `#${issue.number} was added to the board but its ${board.field.name} could not be set to '${board.option.name}' (${why}); it is on the board without one: set it by hand (a rerun sees it on a board and leaves it alone)`,
    });
  let errors: (string | undefined)[];
  try {
    const answer = await graphqlCall<StatusData>(
      client,
      statusDocument(ours.length),
      statusVariables(
        ours.map((o) => o.itemId),
        board,
      ),
      { doing: `setting ${board.field.name} of ${ours.length} items` },
    );
    errors = readStatusAnswer(ours.length, answer);
  } catch (error) {
    const e = classifyError(error);
    for (const o of ours) unset(o.issue, e.message);
    return stopsTheRest(e) ? e.message : undefined;
  }
  ours.forEach((o, i) => {
    const why = errors[i];
    if (why === undefined) report.added.push(o.issue);
    else unset(o.issue, why);
  });
  return undefined;
}
