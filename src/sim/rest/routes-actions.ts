import { getWorkflow, type SimRun, type SimWorkflow } from "../state.ts";
import { mulberry32 } from "../prng.ts";
import {
  conflict,
  forbidden,
  notFound,
  RawJson,
  type RepoContext,
  type RepoRoute,
} from "./http.ts";
import { runOf } from "./lookup.ts";
import { paginate } from "./paginate.ts";
import { FILTERED_RUNS_CAP, runFilter } from "./run-filters.ts";
import { workflow, workflowRun } from "./serialize-actions.ts";
import { minimalRepository } from "./serialize-repo.ts";

const READ = { name: "actions", level: "read" } as const;
const WRITE = { name: "actions", level: "write" } as const;

/** The workflow of `{workflow_id}` (a numeric id or a file name such as `cd.yml`), or 404. */
export function workflowOf(ctx: RepoContext): SimWorkflow {
  const w = getWorkflow(ctx.repo, ctx.params.workflow_id ?? "");
  if (!w) throw notFound();
  return w;
}

/**
 * The runs listing's body, assembled as bytes. Every run repeats its repository twice
 * (`repository`, `head_repository`), most of its size: that part is serialized once per page
 * and copied, which keeps 20,000-run listings cheap.
 */
function runsBody(ctx: RepoContext, totalCount: number, runs: SimRun[]): RawJson {
  const repository = minimalRepository(ctx.api, ctx.repo);
  const repoJson = JSON.stringify(repository);
  const tail = Buffer.from(`,"repository":${repoJson},"head_repository":${repoJson}}`);
  const paths = new Map(ctx.repo.workflows.map((w) => [w.id, w.path]));
  const parts = [Buffer.from(`{"total_count":${totalCount},"workflow_runs":[`)];
  runs.forEach((r, index) => {
    const full = workflowRun(ctx.api, ctx.repo, r, paths.get(r.workflow_id) ?? "", repository);
    const { repository: _r, head_repository: _h, ...own } = full;
    const ownJson = JSON.stringify(own).slice(0, -1);
    parts.push(Buffer.from(index === 0 ? ownJson : `,${ownJson}`), tail);
  });
  parts.push(Buffer.from("]}"));
  return new RawJson(Buffer.concat(parts));
}

/**
 * Runs newest first. With any of GitHub's capping filters only the newest 1,000 matches can be
 * reached (later pages are empty), while `total_count` still tells how many matched, as the
 * search behind the endpoint does.
 */
function listRuns(ctx: RepoContext, workflowId?: number) {
  const { test, capped } = runFilter(ctx);
  const matches: SimRun[] = [];
  const all = [...ctx.repo.runs.values()];
  for (let i = all.length - 1; i >= 0; i--) {
    const r = all[i];
    if (r && (workflowId === undefined || r.workflow_id === workflowId) && test(r)) matches.push(r);
  }
  const reachable = capped ? matches.slice(0, FILTERED_RUNS_CAP) : matches;
  const page = paginate(ctx, reachable);
  return {
    status: 200,
    body: runsBody(ctx, matches.length, page.items),
    headers: page.headers,
  };
}

/**
 * The status of the refusal to delete a run that is not completed. GitHub's description
 * documents only 204 for this delete; clients have met both 409 and 403 with the same message,
 * so the simulator gives either, seeded by the state's seed and the run id (the same run is
 * always refused the same way), and both answers are exercised.
 */
export function notCompletedStatus(seed: number, runId: number): 403 | 409 {
  return mulberry32(seed ^ runId)() < 0.5 ? 403 : 409;
}

/** DELETE .../actions/runs/{id}: 409 or 403 while the run is not completed, 404 once it is gone. */
function deleteRun(ctx: RepoContext) {
  const run = runOf(ctx);
  if (run.status !== "completed") {
    const message = "Cannot delete a workflow run that is not completed";
    throw notCompletedStatus(ctx.state.seed, run.id) === 409
      ? conflict(message)
      : forbidden(message);
  }
  ctx.repo.runs.delete(run.id);
  return { status: 204 };
}

/** Workflows and workflow runs. */
export const actionsRoutes: RepoRoute[] = [
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/actions/workflows",
    permission: READ,
    handle: (ctx) => {
      const page = paginate(ctx, ctx.repo.workflows);
      return {
        status: 200,
        body: {
          total_count: ctx.repo.workflows.length,
          workflows: page.items.map((w) => workflow(ctx.api, ctx.repo, w)),
        },
        headers: page.headers,
      };
    },
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}",
    permission: READ,
    handle: (ctx) => ({ status: 200, body: workflow(ctx.api, ctx.repo, workflowOf(ctx)) }),
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
    permission: READ,
    handle: (ctx) => listRuns(ctx, workflowOf(ctx).id),
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/actions/runs",
    permission: READ,
    handle: (ctx) => listRuns(ctx),
  },
  {
    scope: "repo",
    method: "GET",
    pattern: "/repos/{owner}/{repo}/actions/runs/{run_id}",
    permission: READ,
    handle: (ctx) => {
      const run = runOf(ctx);
      const path = getWorkflow(ctx.repo, run.workflow_id)?.path ?? "";
      const repository = minimalRepository(ctx.api, ctx.repo);
      return { status: 200, body: workflowRun(ctx.api, ctx.repo, run, path, repository) };
    },
  },
  {
    scope: "repo",
    method: "DELETE",
    pattern: "/repos/{owner}/{repo}/actions/runs/{run_id}",
    permission: WRITE,
    handle: deleteRun,
  },
];
