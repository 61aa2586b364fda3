/**
 * The Gitea endpoints the dispatch action uses, with Gitea's semantics (routers/api/v1 and
 * services/actions of Gitea 1.24+): workflows are named by file name, a workflow dispatch
 * needs `ref`, keeps only declared inputs (filling nothing is required), answers a bad ref
 * with 404, and returns the run's id only when the server is new enough and is asked with the
 * `return_run_details` query parameter.
 */
import { getWorkflow, iso, queueWorkflowDispatch, type SimRun } from "../state.ts";
import type { GlobalRoute, RepoContext, RepoRoute, RestContext } from "../rest/http.ts";
import { giteaError, giteaNotFound, idParam } from "./http.ts";
import { giteaPaginate } from "./paginate.ts";
import { giteaRepository, giteaRun, giteaUser } from "./serialize.ts";

/** How this simulated Gitea behaves where versions differ. */
export interface GiteaBehaviour {
  /** Answer `return_run_details=true` with the run's id (newer Gitea); older ones answer 204. */
  runDetails: boolean;
}

const rootOf = (ctx: RestContext) => ctx.api.replace(/\/api\/v1$/, "");

const fileOf = (path: string) => path.split("/").pop() ?? path;

/** Gitea's `FormBool`: Go's strconv.ParseBool truths. */
const truthy = (raw: string | null) =>
  raw !== null && ["1", "t", "T", "TRUE", "true", "True"].includes(raw);

/** The `inputs` of a dispatch: Gitea binds them to map[string]string, so non-strings are a 422. */
function stringInputs(ctx: RepoContext): Record<string, string> {
  const value = ctx.body.inputs;
  if (value === undefined || value === null) return {};
  const bad =
    typeof value !== "object" || Array.isArray(value)
      ? "inputs"
      : Object.entries(value).find(([, v]) => typeof v !== "string")?.[0];
  if (bad !== undefined)
    throw giteaError(
      ctx.api,
      422,
      `[Inputs]: json: cannot unmarshal ${JSON.stringify(bad === "inputs" ? value : (value as Record<string, unknown>)[bad])} into Go struct field CreateActionWorkflowDispatch.inputs of type ${bad === "inputs" ? "map[string]string" : "string"}`,
    );
  return value as Record<string, string>;
}

/** The branch a dispatch ref names, or Gitea's 404 (tags are not modelled: none exist here). */
function branchOf(ctx: RepoContext, ref: string): string {
  const name = ref.startsWith("refs/heads/")
    ? ref.slice("refs/heads/".length)
    : ref.startsWith("refs/tags/")
      ? undefined
      : ref;
  if (name === undefined || !ctx.repo.branches.has(name))
    throw giteaNotFound(ctx, `ref "${ref}" doesn't exist`);
  return name;
}

/** POST .../actions/workflows/{file}/dispatches, checked in Gitea's order. */
function dispatchWorkflow(behaviour: GiteaBehaviour) {
  return (ctx: RepoContext) => {
    const file = ctx.params.workflow_id ?? "";
    const ref = typeof ctx.body.ref === "string" ? ctx.body.ref : "";
    if (ref === "") throw giteaError(ctx.api, 422, "ref is required parameter");
    const inputs = stringInputs(ctx);
    // Gitea finds workflows by file name only (a numeric id names no file).
    const workflow = ctx.repo.workflows.find((w) => fileOf(w.path) === file);
    if (workflow?.state === "disabled_manually" || workflow?.state === "disabled_inactivity")
      throw giteaError(ctx.api, 403, "workflow is disabled");
    const branch = branchOf(ctx, ref);
    if (!workflow || workflow.state === "deleted")
      throw giteaNotFound(ctx, `workflow "${file}" doesn't exist`);
    if (workflow.dispatchInputs === null)
      throw giteaError(ctx.api, 422, `workflow "${file}" has no workflow_dispatch event trigger`);
    const declared = Object.keys(workflow.dispatchInputs);
    const kept = Object.fromEntries(Object.entries(inputs).filter(([k]) => declared.includes(k)));
    const run = queueWorkflowDispatch(ctx.state, ctx.repo, workflow, {
      ref,
      branch,
      inputs: kept,
      actor: ctx.token.login,
      at: ctx.at,
    });
    if (!behaviour.runDetails || !truthy(ctx.query.get("return_run_details")))
      return { status: 204 };
    const body = giteaRun(rootOf(ctx), ctx.api, ctx.repo, run, file);
    return {
      status: 200,
      body: { workflow_run_id: run.id, html_url: body.html_url, run_url: body.url },
    };
  };
}

function runFile(ctx: RepoContext, run: SimRun): string {
  return fileOf(getWorkflow(ctx.repo, run.workflow_id)?.path ?? "");
}

/** GET .../actions/runs: newest first, filtered by event, branch, status, actor, head_sha. */
function listRuns(ctx: RepoContext) {
  const q = (name: string) => ctx.query.get(name) || undefined;
  const [event, branch, status, actor, sha] = [
    "event",
    "branch",
    "status",
    "actor",
    "head_sha",
  ].map(q);
  const runs = [...ctx.repo.runs.values()]
    .filter(
      (r) =>
        (event === undefined || r.event === event) &&
        (branch === undefined || r.head_branch === branch) &&
        (status === undefined || r.status === status || r.conclusion === status) &&
        (actor === undefined || r.actor.toLowerCase() === actor.toLowerCase()) &&
        (sha === undefined || r.head_sha === sha),
    )
    .sort((a, b) => b.id - a.id);
  const page = giteaPaginate(ctx, runs);
  const root = rootOf(ctx);
  return {
    status: 200,
    body: {
      workflow_runs: page.items.map((r) => giteaRun(root, ctx.api, ctx.repo, r, runFile(ctx, r))),
      total_count: runs.length,
    },
    headers: page.headers,
  };
}

function getRun(ctx: RepoContext) {
  const run = ctx.repo.runs.get(idParam(ctx, "run"));
  if (!run) throw giteaNotFound(ctx);
  return { status: 200, body: giteaRun(rootOf(ctx), ctx.api, ctx.repo, run, runFile(ctx, run)) };
}

const READ = { name: "actions", level: "read" } as const;

/** The routes of the simulated Gitea, paths relative to `/api/v1`. */
export function giteaRoutes(behaviour: GiteaBehaviour): (GlobalRoute | RepoRoute)[] {
  return [
    {
      scope: "global",
      method: "GET",
      pattern: "/user",
      handle: (ctx) => ({
        status: 200,
        body: giteaUser(rootOf(ctx), ctx.token.login, iso(ctx.state.now)),
      }),
    },
    {
      scope: "repo",
      method: "GET",
      pattern: "/repos/{owner}/{repo}",
      permission: { name: "metadata", level: "read" },
      handle: (ctx) => ({
        status: 200,
        body: giteaRepository(rootOf(ctx), ctx.api, ctx.repo, ctx.token),
      }),
    },
    {
      scope: "repo",
      method: "POST",
      pattern: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
      permission: { name: "actions", level: "write" },
      handle: dispatchWorkflow(behaviour),
    },
    {
      scope: "repo",
      method: "GET",
      pattern: "/repos/{owner}/{repo}/actions/runs",
      permission: READ,
      handle: listRuns,
    },
    {
      scope: "repo",
      method: "GET",
      pattern: "/repos/{owner}/{repo}/actions/runs/{run}",
      permission: READ,
      handle: getRun,
    },
  ];
}
