import type { ChangeOutcome } from "../../core/apply.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { ConclusionFilter } from "./conclusions.ts";
import type { Confirmation } from "./confirm.ts";
import { stillDeletable, type Candidate } from "./plan.ts";

/** GitHub's refusal to delete a run that is not completed, sent with 409 or with 403. */
const NOT_COMPLETED = /cannot delete a workflow run that is not completed/i;

/** Why a candidate was not deleted although planned. */
export interface SkipNote {
  id: number;
  reason: string;
}

/**
 * The apply step for one repository: re-confirm the candidate from its window's fresh
 * listing, then delete it (in a dry run, count it). A refusal because the run is not
 * completed after all is a skip, whether GitHub answers it 409 or 403: its message tells it
 * from a missing permission. A 404 (already gone) counts as done. Any other 403 stops the
 * remaining deletes in applyChanges, without another request.
 */
export function deleter(o: {
  client: FleetClient;
  repo: RepoRef;
  dryRun: boolean;
  conclusions: ConclusionFilter;
  confirm: (candidateId: number) => Promise<Confirmation>;
}) {
  const skips: SkipNote[] = [];
  let unreachable = 0;
  const skip = (id: number, reason: string): ChangeOutcome => {
    skips.push({ id, reason });
    return "skipped";
  };

  const apply = async (candidate: Candidate): Promise<ChangeOutcome> => {
    const confirmation = await o.confirm(candidate.id);
    const fresh = confirmation.runs.get(candidate.id);
    if (!fresh) {
      if (!confirmation.complete) {
        unreachable += 1;
        return skip(candidate.id, "could not be re-read (over GitHub's 1,000-result cap)");
      }
      return skip(candidate.id, "no longer completed (re-run since it was listed) or gone");
    }
    if (!stillDeletable(candidate, fresh, o.conclusions)) {
      return skip(candidate.id, `now ${fresh.status}/${fresh.conclusion ?? "none"}`);
    }
    if (o.dryRun) return "done";
    try {
      await o.client.rest.actions.deleteWorkflowRun({
        owner: o.repo.owner,
        repo: o.repo.repo,
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
  return { apply, skips, unreachable: () => unreachable };
}
