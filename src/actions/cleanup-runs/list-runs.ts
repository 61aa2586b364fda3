import type { FleetClient } from "../../core/client.ts";
import { listCounted } from "../../core/list-counted.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { RunInfo, WorkflowInfo } from "./plan.ts";

/** GitHub's largest page. */
export const PER_PAGE = 100;
/** Pages in flight at once per listing: plugin-throttling's default, well under GitHub's 100. */
export const LIST_CONCURRENCY = 10;
/** GitHub answers filtered run listings with at most this many results. */
export const FILTERED_RUNS_CAP = 1000;

/** Every workflow of a repository, `deleted` ones included (GitHub lists them). */
export async function listWorkflows(client: FleetClient, repo: RepoRef): Promise<WorkflowInfo[]> {
  const { items } = await listCounted(
    async (page) => {
      const { data } = await client.rest.actions.listRepoWorkflows({
        owner: repo.owner,
        repo: repo.repo,
        per_page: PER_PAGE,
        page,
      });
      return { totalCount: data.total_count, items: data.workflows };
    },
    { what: "workflows", perPage: PER_PAGE, concurrency: LIST_CONCURRENCY, key: (w) => w.id },
  );
  return items.map((w) => ({ id: w.id, name: w.name, path: w.path, state: w.state }));
}

/**
 * Workflow runs, all of them unless filtered. Unfiltered, the listing has no cap, so a
 * repository with 20,000 runs is listed in full; `status` or `created` turn it into a search
 * that reaches only 1,000 results, and `complete` then says whether everything was reached.
 */
export async function listRuns(
  client: FleetClient,
  repo: RepoRef,
  filter: { status?: "completed"; created?: string } = {},
  concurrency = LIST_CONCURRENCY,
): Promise<{ runs: RunInfo[]; totalCount: number; complete: boolean; pages: number }> {
  const filtered = filter.status !== undefined || filter.created !== undefined;
  const r = await listCounted(
    async (page) => {
      const { data } = await client.rest.actions.listWorkflowRunsForRepo({
        owner: repo.owner,
        repo: repo.repo,
        per_page: PER_PAGE,
        page,
        ...filter,
      });
      return { totalCount: data.total_count, items: data.workflow_runs };
    },
    {
      what: filtered ? "workflow runs (filtered)" : "workflow runs",
      perPage: PER_PAGE,
      concurrency,
      key: (run) => Number(run.id),
      reachable: filtered ? FILTERED_RUNS_CAP : undefined,
    },
  );
  const runs = r.items.map((run): RunInfo => ({
    id: Number(run.id),
    workflowId: run.workflow_id,
    name: run.name ?? "",
    path: run.path,
    status: run.status ?? "",
    conclusion: run.conclusion,
    createdAt: run.created_at,
  }));
  return { runs, totalCount: r.totalCount, complete: r.complete, pages: r.pages };
}
