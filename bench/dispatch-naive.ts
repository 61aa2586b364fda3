import type { FleetClient } from "../src/core/client.ts";
import { parseRepo } from "../src/core/repository.ts";

/**
 * The bash + gh way: per target, `gh api repos/OWNER/NAME` for the default branch, then
 * `gh workflow run cd.yml --ref BRANCH` (which looks the workflow up, then dispatches), or
 * `gh api repos/OWNER/NAME/dispatches`; one at a time, `|| true` after each.
 */
export async function naiveDispatch(
  client: FleetClient,
  repositories: readonly string[],
  mode: "workflow" | "repository",
): Promise<void> {
  for (const fullName of repositories) {
    const { owner, repo } = parseRepo(fullName);
    try {
      if (mode === "repository") {
        await client.request("POST /repos/{owner}/{repo}/dispatches", {
          owner,
          repo,
          event_type: "runtime-published",
        });
        continue;
      }
      const { data } = await client.request("GET /repos/{owner}/{repo}", { owner, repo });
      await client.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}", {
        owner,
        repo,
        workflow_id: "cd.yml",
      });
      await client.request(
        "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
        {
          owner,
          repo,
          workflow_id: "cd.yml",
          ref: data.default_branch,
        },
      );
    } catch {
      // `|| true`: the script goes on, and the failure is lost in its log.
    }
  }
}
