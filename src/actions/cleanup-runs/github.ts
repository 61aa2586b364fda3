import type { ChangeOutcome } from "../../core/apply.ts";
import { ARCHIVED_NOTICE } from "../../core/archived.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { IncompleteListing } from "../../core/list-counted.ts";
import { RepoFailure } from "../../core/repo-failure.ts";
import type { ChangeWriter, Skip } from "../../core/repo-action.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { ConclusionFilter } from "./conclusions.ts";
import { confirmer } from "./confirm.ts";
import type { ConfirmWindow } from "./confirm-windows.ts";
import { listRuns, listWorkflows } from "./list-runs.ts";
import { listingError, readFailure, type SkipNote } from "./messages.ts";
import { stillDeletable, type Candidate, type RunInfo, type WorkflowInfo } from "./plan.ts";

/** What one repository's cleanup is planned from. */
export interface RunsSnapshot {
  workflows: WorkflowInfo[];
  runs: RunInfo[];
}

/**
 * Reads one repository: archived ones are skipped; then its workflows and every run. A
 * listing that does not finish fails the repository before anything is deleted.
 */
export async function readRepository(
  client: FleetClient,
  repo: RepoRef,
): Promise<RunsSnapshot | Skip> {
  try {
    const { data } = await client.rest.repos.get({ owner: repo.owner, repo: repo.repo });
    if (data.archived) return { skip: ARCHIVED_NOTICE };
  } catch (error) {
    throw new RepoFailure(
      readFailure(classifyError(error, { doing: "reading the repository" }).message),
    );
  }
  try {
    const workflows = await listWorkflows(client, repo);
    const listing = await listRuns(client, repo);
    return { workflows, runs: listing.runs };
  } catch (error) {
    if (!(error instanceof IncompleteListing)) throw error;
    const listed = error.what === "workflow runs" ? { listed: error.listed } : undefined;
    throw new RepoFailure(listingError(error), listed);
  }
}

/** The deletes of one repository, with the runs kept although planned. */
export type RunDeleter = ChangeWriter<Candidate> & {
  skips: readonly SkipNote[];
  /** Candidates that could not be re-read (over GitHub's 1,000-result cap). */
  unreachable(): number;
};

/** GitHub's refusal to delete a run that is not completed, sent with 409 or with 403. */
const NOT_COMPLETED = /cannot delete a workflow run that is not completed/i;

/**
 * The deletes of one repository, oldest first: each candidate is re-confirmed from a fresh
 * listing of its creation-time window (a dry run stops there), then deleted. A refusal
 * because the run is not completed after all is a skip, whether GitHub answers it 409 or 403:
 * its message tells it from a missing permission. A 404 (already gone) counts as done. Any
 * other 403 stops the remaining deletes, without another request.
 */
export function runDeleter(
  client: FleetClient,
  repo: RepoRef,
  windows: readonly ConfirmWindow[],
  conclusions: ConclusionFilter,
): RunDeleter {
  const confirm = confirmer(client, repo, windows);
  const skips: SkipNote[] = [];
  let unreachable = 0;
  const skip = (id: number, reason: string): ChangeOutcome => {
    skips.push({ id, reason });
    return "skipped";
  };
  const preview = async (candidate: Candidate): Promise<ChangeOutcome> => {
    const confirmation = await confirm(candidate.id);
    const fresh = confirmation.runs.get(candidate.id);
    if (!fresh) {
      if (!confirmation.complete) {
        unreachable += 1;
        return skip(candidate.id, "could not be re-read (over GitHub's 1,000-result cap)");
      }
      return skip(candidate.id, "no longer completed (re-run since it was listed) or gone");
    }
    if (!stillDeletable(candidate, fresh, conclusions)) {
      return skip(candidate.id, `now ${fresh.status}/${fresh.conclusion ?? "none"}`);
    }
    return "done";
  };
  const apply = async (candidate: Candidate): Promise<ChangeOutcome> => {
    if ((await preview(candidate)) === "skipped") return "skipped";
    try {
      await client.rest.actions.deleteWorkflowRun({
        owner: repo.owner,
        repo: repo.repo,
        run_id: candidate.id,
      });
      return "done";
    } catch (error) {
      const e = classifyError(error, { doing: `deleting run ${candidate.id}` });
      if (e.status === 404) return "done";
      if ((e.status === 409 || e.status === 403) && NOT_COMPLETED.test(e.message))
        return skip(candidate.id, `not completed (${e.status}): re-run meanwhile`);
      throw e;
    }
  };
  return {
    apply,
    preview,
    describe: (candidate: Candidate) => `run ${candidate.id}`,
    // Deleting a run creates nothing: only the REST points bound the deletes.
    content: () => 0,
    skips,
    unreachable: () => unreachable,
  };
}
