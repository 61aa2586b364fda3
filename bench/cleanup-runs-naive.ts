import type { FleetClient } from "../src/core/client.ts";
import { parseRepo } from "../src/core/repository.ts";

/**
 * The bash + gh way, for comparison: per repository, list runs with `status=completed` (the
 * filter that makes GitHub stop at 1,000 results), GET each run, delete it when its conclusion
 * matches; one request at a time. It knows nothing of retired workflows beyond the conclusion.
 */
export async function naiveCleanup(
  client: FleetClient,
  repositories: readonly string[],
  conclusions: ReadonlySet<string>,
): Promise<void> {
  for (const fullName of repositories) {
    const { owner, repo } = parseRepo(fullName);
    const ids: number[] = [];
    for (let page = 1; ; page++) {
      const { data } = await client.rest.actions.listWorkflowRunsForRepo({
        owner,
        repo,
        status: "completed",
        per_page: 100,
        page,
      });
      ids.push(...data.workflow_runs.map((r) => Number(r.id)));
      if (data.workflow_runs.length < 100) break;
    }
    for (const run_id of ids) {
      const { data } = await client.rest.actions.getWorkflowRun({ owner, repo, run_id });
      if (data.conclusion && conclusions.has(data.conclusion)) {
        await client.rest.actions.deleteWorkflowRun({ owner, repo, run_id });
      }
    }
  }
}
