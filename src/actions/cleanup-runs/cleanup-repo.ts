import { applyChanges } from "../../core/apply.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { IncompleteListing } from "../../core/list-counted.ts";
import type { RepoResult } from "../../core/report.ts";
import type { RepoRef } from "../../core/repository.ts";
import { byWorkflowTable } from "./by-workflow.ts";
import { confirmer } from "./confirm.ts";
import { confirmWindows } from "./confirm-windows.ts";
import { deleter } from "./delete-candidate.ts";
import { listRuns, listWorkflows, PER_PAGE } from "./list-runs.ts";
import { deletedBy, repoOutcome } from "./outcome.ts";
import { planCleanup, type PlanOptions } from "./plan.ts";
import { archivedResult } from "../../core/archived.ts";

/** What a repository's cleanup is given. */
export interface CleanupContext {
  client: FleetClient;
  plan: PlanOptions;
  dryRun: boolean;
  maxDeletes: number;
  minRemaining: number;
}

/** A repository's row, and its by-workflow table when it got as far as listing. */
export interface RepoCleanup {
  result: RepoResult;
  table?: string;
}

/** Leaves room in each window's page for runs that complete after the first listing. */
const WINDOW_TARGET = PER_PAGE - 10;

const failed = (repository: string, error: string, listed?: number): RepoCleanup => ({
  result: {
    repository,
    status: "failed",
    planned: 0,
    done: 0,
    left: 0,
    ...(listed === undefined ? {} : { counts: { listed } }),
    error,
  },
});

/** Why a listing stopped, in words that say what to do; a 404 here means Actions is off. */
function listingError(error: IncompleteListing): string {
  if (error.reason.status === 404) {
    return `GitHub answered 404 when listing ${error.what} although the repository exists: Actions is disabled in this repository (enable it under Settings > Actions, or leave the repository out of this job); nothing was deleted in this repository`;
  }
  return `${error.message}; nothing was deleted in this repository`;
}

/**
 * One repository: read it (archived ones are skipped), list its workflows and every run,
 * plan, then delete the candidates oldest first, each re-confirmed from a fresh listing of its
 * creation-time window, within `max-deletes` and the rate-limit floor.
 */
export async function cleanupRepository(repo: RepoRef, c: CleanupContext): Promise<RepoCleanup> {
  const { client } = c;
  try {
    const { data } = await client.rest.repos.get({ owner: repo.owner, repo: repo.repo });
    if (data.archived) return { result: archivedResult(repo.fullName) };
  } catch (error) {
    return failed(
      repo.fullName,
      `${classifyError(error, { doing: "reading the repository" }).message}; nothing was listed or deleted`,
    );
  }

  let workflows, listing;
  try {
    workflows = await listWorkflows(client, repo);
    listing = await listRuns(client, repo);
  } catch (error) {
    if (!(error instanceof IncompleteListing)) throw error;
    const listed = error.what === "workflow runs" ? error.listed : undefined;
    return failed(repo.fullName, listingError(error), listed);
  }

  const plan = planCleanup(workflows, listing.runs, c.plan);
  const completed = listing.runs
    .filter((r) => r.status === "completed")
    .map((r) => Date.parse(r.createdAt));
  const windows = confirmWindows(plan.candidates, completed, WINDOW_TARGET);
  const del = deleter({
    client,
    repo,
    dryRun: c.dryRun,
    conclusions: c.plan.conclusions,
    confirm: confirmer(client, repo, windows),
  });
  const report = await applyChanges(plan.candidates, {
    cap: c.maxDeletes,
    capInput: "max-deletes",
    budget: client.budget,
    floor: c.minRemaining,
    apply: del.apply,
    describe: (candidate) => `run ${candidate.id}`,
  });

  return {
    result: repoOutcome(repo.fullName, plan, report, del),
    table: byWorkflowTable(repo.fullName, plan.workflows, deletedBy(report.done), c.dryRun),
  };
}
