import type { BatchOutcome, BatchResult } from "../../core/apply.ts";
import { ARCHIVED_NOTICE } from "../../core/archived.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError, stopsTheRest } from "../../core/errors.ts";
import { graphqlCall } from "../../core/graphql-call.ts";
import { RepoFailure } from "../../core/repo-failure.ts";
import type { ChangeWriter, Skip } from "../../core/repo-action.ts";
import type { RepoRef } from "../../core/repository.ts";
import { addDocument, addVariables, readAddAnswer, type AddData } from "./add-items.ts";
import type { Board } from "./board-check.ts";
import { listOpenIssues } from "./list-issues.ts";
import { readFailure, statusNotSet } from "./messages.ts";
import type { OpenIssue } from "./plan.ts";
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

/**
 * Lists one repository's open issues with their board counts; an archived one is skipped.
 * A listing that does not finish fails the repository before anything is added.
 */
export async function readRepository(
  client: FleetClient,
  repo: RepoRef,
  board: Board,
): Promise<OpenIssue[] | Skip> {
  try {
    const listing = await listOpenIssues(client, repo, board);
    return listing.archived ? { skip: ARCHIVED_NOTICE } : listing.issues;
  } catch (error) {
    throw new RepoFailure(readFailure(classifyError(error).message));
  }
}

/** The additions of one repository, with what they left to someone else or half done. */
export type BoardWriter = ChangeWriter<OpenIssue> & {
  /** Put on the board by someone else since the listing: left alone. */
  raced: OpenIssue[];
  /** Added, but the Status could not be set: on the board without one, with why. */
  unset: { issue: OpenIssue; error: string }[];
};

/**
 * Adds issues to the board in batches: one request of aliased additions, then one request
 * setting the Status of the items it created (the two cannot be one call: the second needs the
 * item ids). The rate-limit floor is checked before each batch; a batch once added always gets
 * its Status request, so that no item is left without a Status for the floor's sake.
 */
export function boardWriter(client: FleetClient, board: Board): BoardWriter {
  const raced: OpenIssue[] = [];
  const unset: BoardWriter["unset"] = [];
  const applyBatch = async (batch: OpenIssue[]): Promise<BatchResult> => {
    const outcomes: BatchOutcome[] = [];
    const ours: { index: number; issue: OpenIssue; itemId: string }[] = [];
    // Items fleet added earlier without a Status only need the Status (they come first).
    const repairs = batch.filter((issue) => issue.statusless !== undefined);
    repairs.forEach((issue, index) => {
      ours.push({ index, issue, itemId: issue.statusless! });
      outcomes.push("done");
    });
    const additions = batch.slice(repairs.length);
    const answer =
      additions.length === 0
        ? undefined
        : await graphqlCall<AddData>(
            client,
            addDocument(additions.length),
            addVariables(additions, board),
            { doing: `adding ${additions.length} issues to the board` },
          );
    if (answer)
      readAddAnswer(additions, answer).forEach((outcome, k) => {
        const index = repairs.length + k;
        if (outcome.kind === "added") {
          ours.push({ index, ...outcome });
          outcomes.push("done");
        } else if (outcome.kind === "raced") {
          raced.push(outcome.issue);
          outcomes.push("skipped");
        } else outcomes.push({ error: outcome.error });
      });
    if (ours.length === 0) return { outcomes };
    let errors: (string | undefined)[];
    let stop: string | undefined;
    try {
      const status = await graphqlCall<StatusData>(
        client,
        statusDocument(ours.length),
        statusVariables(
          ours.map((o) => o.itemId),
          board,
        ),
        { doing: `setting ${board.field.name} of ${ours.length} items` },
      );
      errors = readStatusAnswer(ours.length, status);
    } catch (error) {
      const e = classifyError(error);
      errors = ours.map(() => e.message);
      if (stopsTheRest(e)) stop = e.message;
    }
    // Added without a Status is not left for the next run: a rerun sees the issue on a board.
    ours.forEach((o, k) => {
      const why = errors[k];
      if (why === undefined) return;
      unset.push({ issue: o.issue, error: statusNotSet(o.issue, board, why) });
      outcomes[o.index] = "skipped";
    });
    return stop === undefined ? { outcomes } : { outcomes, stop };
  };
  return {
    applyBatch,
    batchSize: BATCH_SIZE,
    describe: (issue: OpenIssue) => `adding #${issue.number}`,
    // The addition and its Status: two content-creating mutations, by the safe reading.
    content: () => 2,
    raced,
    unset,
  };
}
