import { ARCHIVED_NOTICE } from "../../core/archived.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { IncompleteListing } from "../../core/list-counted.ts";
import { RepoFailure } from "../../core/repo-failure.ts";
import type { Skip } from "../../core/repo-action.ts";
import type { RepoRef } from "../../core/repository.ts";
import { listRuns, listWorkflows } from "./list-runs.ts";
import { listingError, readFailure } from "./messages.ts";
import type { RunInfo, WorkflowInfo } from "./plan.ts";

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
