import type { components } from "@octokit/openapi-types";
import type { SimRepo, SimRun, SimWorkflow } from "../state.ts";
import { minimalRepository } from "./serialize-repo.ts";
import { simpleUser } from "./serialize-user.ts";

type Workflow = components["schemas"]["workflow"];
type WorkflowRun = components["schemas"]["workflow-run"];

/** A workflow. */
export function workflow(api: string, repo: SimRepo, w: SimWorkflow): Workflow {
  const file = w.path.split("/").pop() ?? w.path;
  return {
    id: w.id,
    node_id: w.node_id,
    name: w.name,
    path: w.path,
    state: w.state,
    created_at: w.created_at,
    updated_at: w.updated_at,
    url: `${api}/repos/${repo.full_name}/actions/workflows/${w.id}`,
    html_url: `https://github.com/${repo.full_name}/blob/${repo.default_branch}/${w.path}`,
    badge_url: `https://github.com/${repo.full_name}/workflows/${encodeURIComponent(file)}/badge.svg`,
  };
}

/**
 * A workflow run. The repository object is built once per page by the caller and shared:
 * runs are listed by the thousand in benchmarks.
 */
export function workflowRun(
  api: string,
  repo: SimRepo,
  r: SimRun,
  path: string,
  repository: ReturnType<typeof minimalRepository>,
): WorkflowRun {
  const url = `${api}/repos/${repo.full_name}/actions/runs/${r.id}`;
  const actor = simpleUser(api, r.actor);
  return {
    id: r.id,
    name: r.name,
    node_id: r.node_id,
    check_suite_id: r.check_suite_id,
    check_suite_node_id: `CS_${r.check_suite_id}`,
    head_branch: r.head_branch,
    head_sha: r.head_sha,
    path,
    run_number: r.run_number,
    run_attempt: r.run_attempt,
    referenced_workflows: [],
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflow_id,
    url,
    html_url: `https://github.com/${repo.full_name}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.created_at,
    updated_at: r.updated_at,
    actor,
    triggering_actor: actor,
    run_started_at: r.created_at,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${api}/repos/${repo.full_name}/check-suites/${r.check_suite_id}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: r.run_attempt > 1 ? `${url}/attempts/${r.run_attempt - 1}` : null,
    workflow_url: `${api}/repos/${repo.full_name}/actions/workflows/${r.workflow_id}`,
    head_commit: {
      id: r.head_sha,
      tree_id: r.head_sha,
      message: r.name,
      timestamp: r.created_at,
      author: { name: r.actor, email: `${r.actor}@users.noreply.github.com` },
      committer: { name: "GitHub", email: "noreply@github.com" },
    },
    repository,
    head_repository: repository,
    head_repository_id: repo.id,
    display_title: r.name,
  };
}
