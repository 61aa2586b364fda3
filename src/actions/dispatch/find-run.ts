import type { FleetClient } from "../../core/client.ts";
import type { RepoRef } from "../../core/repository.ts";

/** A run as GitHub and Gitea both report it (the fields read here share names). */
export interface RunView {
  id: number;
  status: string;
  conclusion?: string | null;
  html_url?: string;
  path?: string;
}

const LOOKBACK = 20;

/**
 * The run a Gitea workflow dispatch started, when the server did not say (Gitea before
 * run details answers 204): the newest `workflow_dispatch` run of that workflow on that
 * branch. Gitea creates the run while answering the dispatch, so once the dispatch answered
 * it is listed; a dispatch of the same workflow by someone else in the same moment could be
 * taken for ours. Gitea's `path` is `<file>@<ref>`.
 */
export async function findGiteaRun(
  client: FleetClient,
  repo: RepoRef,
  workflow: string,
  ref: string,
): Promise<RunView | undefined> {
  const branch = ref.startsWith("refs/tags/") ? undefined : ref.replace(/^refs\/heads\//, "");
  const { data } = await client.request("GET /repos/{owner}/{repo}/actions/runs", {
    owner: repo.owner,
    repo: repo.repo,
    event: "workflow_dispatch",
    ...(branch ? { branch } : {}),
    limit: LOOKBACK,
  });
  const runs = (data as { workflow_runs?: RunView[] }).workflow_runs ?? [];
  return runs
    .filter((r) => (r.path ?? "").startsWith(`${workflow}@`))
    .sort((a, b) => b.id - a.id)[0];
}

/** One run, by id: `GET /repos/{owner}/{repo}/actions/runs/{id}` on either forge. */
export async function getRun(client: FleetClient, repo: RepoRef, id: number): Promise<RunView> {
  const { data } = await client.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}", {
    owner: repo.owner,
    repo: repo.repo,
    run_id: id,
  });
  return data as RunView;
}
